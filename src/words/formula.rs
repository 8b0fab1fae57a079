//! A formula for people: the checked expression written with the words and signs of a
//! methodology document rather than the language's code — `count(messages where status ==
//! "answered")` as «число записей «messages», где status = «answered»», `x >= 0.5 and y`
//! as «x ≥ 0,5 и y», an indicator by its title. Used where people read a formula: the
//! workbook's methodology sheet, the page's explanations, the diff's changes.

use super::{date, number};
use crate::builtins::{Aggregate, Func, RecordAggregate};
use crate::check::{IrExpr, Methodology, RecExpr};
use crate::i18n::Lang;
use crate::syntax::ast::{BinOp, CmpOp};

/// Russian or English.
fn pick(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// An operand that every binary operation around it is parenthesized in (of `-`, `not`,
/// `missing(…)`): tighter than any operator's precedence.
const TIGHTEST: u8 = u8::MAX;

fn sign(lang: Lang, op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "−",
        BinOp::Mul => "×",
        BinOp::Div => "/",
        BinOp::Pow => "^",
        BinOp::Cmp(CmpOp::Ge) => "≥",
        BinOp::Cmp(CmpOp::Gt) => ">",
        BinOp::Cmp(CmpOp::Le) => "≤",
        BinOp::Cmp(CmpOp::Lt) => "<",
        BinOp::Cmp(CmpOp::Eq) => "=",
        BinOp::Cmp(CmpOp::Ne) => "≠",
        BinOp::And => pick(lang, "и", "and"),
        BinOp::Or => pick(lang, "или", "or"),
        BinOp::In => pick(lang, "одно из", "one of"),
    }
}

/// A quoted text: «answered» in Russian, “answered” in English.
fn quoted(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Ru => format!("«{s}»"),
        Lang::En => format!("“{s}”"),
    }
}

/// A region's formula in words.
pub fn formula(lang: Lang, m: &Methodology, e: &IrExpr) -> String {
    expr(lang, m, e, 0)
}

fn expr(lang: Lang, m: &Methodology, e: &IrExpr, outer: u8) -> String {
    match e {
        IrExpr::Num(x) => number(lang, *x),
        IrExpr::Bool(b) => pick(
            lang,
            if *b { "истина" } else { "ложь" },
            if *b { "true" } else { "false" },
        )
        .to_string(),
        IrExpr::Column { column, .. } => column.clone(),
        IrExpr::Indicator(i) => quoted(lang, &m.indicators[*i].title),
        IrExpr::Group(g) => quoted(lang, &m.groups[*g].title),
        IrExpr::Score => pick(lang, "итоговый балл", "the score").to_string(),
        IrExpr::Place => pick(lang, "место", "the place").to_string(),
        IrExpr::Neg(x) => format!("−{}", expr(lang, m, x, TIGHTEST)),
        IrExpr::Not(x) => format!("{} {}", pick(lang, "не", "not"), expr(lang, m, x, TIGHTEST)),
        IrExpr::Bin(op, a, b) => {
            let r = op.precedence();
            let text = format!(
                "{} {} {}",
                expr(lang, m, a, r),
                sign(lang, *op),
                // (the right side of − and / keeps its parentheses at the same rank)
                expr(
                    lang,
                    m,
                    b,
                    r + u8::from(matches!(op, BinOp::Sub | BinOp::Div))
                ),
            );
            if r < outer {
                format!("({text})")
            } else {
                text
            }
        }
        IrExpr::If(c, a, b) => format!(
            "{} {}, {} {}, {} {}",
            pick(lang, "если", "if"),
            expr(lang, m, c, 0),
            pick(lang, "то", "then"),
            expr(lang, m, a, 0),
            pick(lang, "иначе", "else"),
            expr(lang, m, b, 0)
        ),
        IrExpr::Func(f, args) => {
            let args: Vec<String> = args.iter().map(|a| expr(lang, m, a, 0)).collect();
            let name = match f {
                Func::Abs => pick(lang, "модуль", "abs"),
                Func::Ln => "ln",
                Func::Log10 => "lg",
                Func::Sqrt => "√",
                Func::Exp => "exp",
                Func::Round => pick(lang, "округление", "round"),
                Func::Clamp => pick(lang, "ограничение", "clamp"),
                Func::Min => pick(lang, "наименьшее из", "the least of"),
                Func::Max => pick(lang, "наибольшее из", "the greatest of"),
                Func::Missing => pick(lang, "нет значения", "no value of"),
                Func::Coalesce => pick(lang, "первое заполненное из", "the first filled of"),
            };
            format!("{name}({})", args.join("; "))
        }
        IrExpr::Agg(a, x) => {
            let name = match a {
                Aggregate::Mean => pick(lang, "среднее по регионам", "the regions' mean of"),
                Aggregate::Median => pick(lang, "медиана по регионам", "the regions' median of"),
                Aggregate::Min => pick(lang, "наименьшее по регионам", "the regions' least"),
                Aggregate::Max => pick(lang, "наибольшее по регионам", "the regions' greatest"),
                Aggregate::Sum => pick(lang, "сумма по регионам", "the regions' sum of"),
                Aggregate::Share => pick(
                    lang,
                    "доля в сумме по регионам",
                    "the share in the regions' sum of",
                ),
                Aggregate::Count => pick(
                    lang,
                    "число регионов со значением",
                    "the regions with a value of",
                ),
            };
            format!("{name} ({})", expr(lang, m, x, 0))
        }
        IrExpr::Record(k) => {
            let text = aggregate(lang, m, *k);
            if outer > 0 {
                format!("[{text}]")
            } else {
                text
            }
        }
    }
}

/// An aggregate over records in words: «число записей «messages», где status = «answered»».
pub fn aggregate(lang: Lang, m: &Methodology, k: usize) -> String {
    let a = &m.record_aggs[k];
    let records = quoted(lang, &m.records[a.records].name);
    let value = a
        .value
        .as_ref()
        .map(|v| rec(lang, v, 0))
        .unwrap_or_default();
    // what it computes and how it stands to the records, in each language; `count` and
    // `share` count the records themselves, `quantile` has its level
    let over = pick(lang, "по записям", "over");
    let within = pick(lang, "в записях", "in");
    let (what, by) = match a.kind {
        RecordAggregate::Count => (pick(lang, "число записей", "the records of"), None),
        RecordAggregate::Share => (
            pick(lang, "доля записей", "the share of the records of"),
            None,
        ),
        RecordAggregate::Sum => (pick(lang, "сумма", "the sum of"), Some(over)),
        RecordAggregate::Mean => (pick(lang, "среднее", "the mean of"), Some(over)),
        RecordAggregate::Median => (pick(lang, "медиана", "the median of"), Some(over)),
        RecordAggregate::Min => (pick(lang, "наименьшее", "the least"), Some(within)),
        RecordAggregate::Max => (pick(lang, "наибольшее", "the greatest"), Some(within)),
        RecordAggregate::CountDistinct => (
            pick(lang, "число различных", "the distinct values of"),
            Some(within),
        ),
        RecordAggregate::Quantile => (
            pick(lang, "квантиль", "the quantile"),
            Some(pick(lang, "по записям", "of, over")),
        ),
    };
    let level = match a.kind {
        RecordAggregate::Quantile => format!(" {}", number(lang, a.q.unwrap_or(0.5))),
        _ => String::new(),
    };
    let mut s = match by {
        None => format!("{what} {records}"),
        Some(by) => format!("{what}{level} {value} {by} {records}"),
    };
    if let Some(f) = &a.filter {
        s.push_str(&format!(
            ", {} {}",
            pick(lang, "где", "where"),
            rec(lang, f, 0)
        ));
    }
    if a.previous {
        s.push_str(&format!(
            ", {}",
            pick(lang, "за предыдущий период", "in the period before")
        ));
    }
    s
}

fn rec(lang: Lang, e: &RecExpr, outer: u8) -> String {
    match e {
        RecExpr::Num(x) => number(lang, *x),
        RecExpr::Text(t) => quoted(lang, t),
        RecExpr::Date(d) => date(lang, &crate::data::records::date_text(*d)),
        RecExpr::Bool(b) => pick(
            lang,
            if *b { "истина" } else { "ложь" },
            if *b { "true" } else { "false" },
        )
        .to_string(),
        RecExpr::Column(c, _) => c.clone(),
        RecExpr::Neg(x) => format!("−{}", rec(lang, x, TIGHTEST)),
        RecExpr::Not(x) => format!("{} {}", pick(lang, "не", "not"), rec(lang, x, TIGHTEST)),
        RecExpr::Bin(op, a, b) => {
            let r = op.precedence();
            let text = format!(
                "{} {} {}",
                rec(lang, a, r),
                sign(lang, *op),
                rec(lang, b, r + u8::from(matches!(op, BinOp::Sub | BinOp::Div)))
            );
            if r < outer {
                format!("({text})")
            } else {
                text
            }
        }
        RecExpr::In(x, items) => {
            let items: Vec<String> = items.iter().map(|i| rec(lang, i, 0)).collect();
            format!(
                "{} — {}: {}",
                rec(lang, x, BinOp::Add.precedence()),
                sign(lang, BinOp::In),
                items.join(", ")
            )
        }
        RecExpr::Missing(x) => format!(
            "{} {}",
            rec(lang, x, TIGHTEST),
            pick(lang, "не заполнено", "is empty")
        ),
        RecExpr::PeriodDay(end) => pick(
            lang,
            if *end {
                "конец периода"
            } else {
                "начало периода"
            },
            if *end {
                "the period's end"
            } else {
                "the period's start"
            },
        )
        .to_string(),
    }
}
