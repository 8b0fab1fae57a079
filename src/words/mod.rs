//! The words people read, in the methodology's language and the glossary's words
//! (`../shared/design/glossary-ru.md`), for anything that says a methodology: a period as
//! «I квартал 2025 г.», a date as 01.01.2025, a zone's rule as «балл не ниже 70», a
//! normalization as «линейное нормирование», a formula in the signs of a document
//! ([`formula`]), numbers for machines and for people ([`number`]). The ground floor:
//! no engine, no report; the reports, the diff and the engine's messages build on it.

pub mod formula;
pub mod number;

use crate::builtins::{Aggregation, MissingPolicy, Normalization};
use crate::check::{IrExpr, Methodology, WeightScheme, ZoneRule};
use crate::i18n::{t_in, Arg, Lang};
use crate::periods::{Every, Period};
use crate::syntax::ast::{BinOp, CmpOp, Direction};

/// The language of a methodology: Russian when its title is written in Cyrillic.
pub fn lang(m_title: &str) -> Lang {
    if m_title
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    {
        Lang::Ru
    } else {
        Lang::En
    }
}

/// A number for people in `lang` (a decimal comma in Russian).
pub fn number(lang: Lang, x: f64) -> String {
    let text = number::fmt_num(x);
    match lang {
        Lang::Ru => text.replace('.', ","),
        Lang::En => text,
    }
}

/// An ISO date (`2025-01-01`) as people write it: `01.01.2025` in Russian; as it is
/// when it is not a date.
pub fn date(lang: Lang, iso: &str) -> String {
    let p: Vec<&str> = iso.trim().split('-').collect();
    match (lang, p.as_slice()) {
        (Lang::Ru, [y, m, d]) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            format!("{d}.{m}.{y}")
        }
        _ => iso.to_string(),
    }
}

/// A period in words: «I квартал 2025 г.», «март 2025 г.», «2025 г.»; a cumulative
/// quarter or month after January with its months: «I квартал 2025 г. (январь–март
/// 2025 г., нарастающим итогом)».
pub fn period(lang: Lang, p: Period) -> String {
    let w = |id: &str, args: &[(&'static str, Arg)]| t_in(lang, id, args);
    let month = |m: u32| w(MONTHS[(m as usize).clamp(1, 12) - 1], &[]);
    let year = p.year.to_string();
    let own = match p.scheme.every {
        Every::Year => w("people-year", &[("year", (&year).into())]),
        Every::Quarter => w(
            "people-quarter",
            &[
                ("quarter", quarter(lang, p.index).into()),
                ("year", (&year).into()),
            ],
        ),
        Every::Month => w(
            "people-month",
            &[("month", month(p.index).into()), ("year", (&year).into())],
        ),
    };
    let last_month = match p.scheme.every {
        Every::Quarter => p.index * 3,
        Every::Month => p.index,
        Every::Year => 12,
    };
    // (a cumulative period that begins after January reaches back to it)
    let own_first = match p.scheme.every {
        Every::Quarter => p.index * 3 - 2,
        _ => p.index,
    };
    if p.scheme.cumulative && p.scheme.every != Every::Year && own_first > 1 {
        let months = w(
            "people-months",
            &[
                ("from", month(1).into()),
                ("to", month(last_month).into()),
                ("year", (&year).into()),
            ],
        );
        w(
            "people-cumulative",
            &[("period", own.into()), ("months", months.into())],
        )
    } else {
        own
    }
}

/// The months' names (nominative: «март 2025 г.», «январь–сентябрь 2025 г.»).
const MONTHS: [&str; 12] = [
    "people-month-1",
    "people-month-2",
    "people-month-3",
    "people-month-4",
    "people-month-5",
    "people-month-6",
    "people-month-7",
    "people-month-8",
    "people-month-9",
    "people-month-10",
    "people-month-11",
    "people-month-12",
];

/// A period written `2025-Q1` in the methodology's scheme, in words; as written when it
/// does not read.
pub fn period_text(lang: Lang, m: &Methodology, text: &str) -> String {
    m.period
        .and_then(|s| Period::parse(text, s).ok())
        .map_or_else(|| text.to_string(), |p| period(lang, p))
}

/// A quarter's number as people write it: I–IV in Russian, 1–4 in English.
fn quarter(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ru => roman(n).to_string(),
        Lang::En => n.to_string(),
    }
}

fn roman(n: u32) -> &'static str {
    ["", "I", "II", "III", "IV"]
        .get(n as usize)
        .copied()
        .unwrap_or("")
}

/// Which regions a zone takes, in words: «балл не ниже 70», «места с 1 по 10»,
/// «остальные регионы»; the rule as written where it is not one of these.
pub fn zone_rule(lang: Lang, rule: &ZoneRule, text: &str) -> String {
    let w = |id: &str, args: &[(&'static str, Arg)]| t_in(lang, id, args);
    match rule {
        ZoneRule::Otherwise => w("people-zone-otherwise", &[]),
        ZoneRule::Top(n) => w("people-zone-top", &[("n", (*n as f64).into())]),
        ZoneRule::Next(n) => w("people-zone-next", &[("n", (*n as f64).into())]),
        ZoneRule::When(e) => condition(lang, e).unwrap_or_else(|| text.to_string()),
    }
}

/// `score >= 70 and score < 80` in words, when it is comparisons of the score or the
/// place with numbers joined by `and`.
fn condition(lang: Lang, e: &IrExpr) -> Option<String> {
    let w = |id: &str, args: &[(&'static str, Arg)]| t_in(lang, id, args);
    match e {
        IrExpr::Bin(BinOp::And, a, b) => Some(w(
            "people-and",
            &[
                ("a", condition(lang, a)?.into()),
                ("b", condition(lang, b)?.into()),
            ],
        )),
        IrExpr::Bin(BinOp::Cmp(op), a, b) => {
            let (what, op, x) = match (a.as_ref(), b.as_ref()) {
                (IrExpr::Score | IrExpr::Place, IrExpr::Num(x)) => (a.as_ref(), *op, *x),
                (IrExpr::Num(x), IrExpr::Score | IrExpr::Place) => (b.as_ref(), flip(*op), *x),
                _ => return None,
            };
            let score = matches!(what, IrExpr::Score);
            let id = match (score, op) {
                (true, CmpOp::Ge) => "people-score-ge",
                (true, CmpOp::Gt) => "people-score-gt",
                (true, CmpOp::Le) => "people-score-le",
                (true, CmpOp::Lt) => "people-score-lt",
                (true, CmpOp::Eq) => "people-score-eq",
                (true, CmpOp::Ne) => "people-score-ne",
                (false, CmpOp::Ge) => "people-place-ge",
                (false, CmpOp::Gt) => "people-place-gt",
                (false, CmpOp::Le) => "people-place-le",
                (false, CmpOp::Lt) => "people-place-lt",
                (false, CmpOp::Eq) => "people-place-eq",
                (false, CmpOp::Ne) => "people-place-ne",
            };
            Some(w(id, &[("x", number(lang, x).into())]))
        }
        _ => None,
    }
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Ge => CmpOp::Le,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Lt => CmpOp::Gt,
        other => other,
    }
}

/// «чем больше, тем лучше» / «чем меньше, тем лучше».
pub fn better(lang: Lang, d: Direction) -> String {
    t_in(
        lang,
        match d {
            Direction::Higher => "people-better-higher",
            Direction::Lower => "people-better-lower",
        },
        &[],
    )
}

/// A normalization in words: «линейное нормирование (от минимума до максимума)».
pub fn normalization(lang: Lang, n: &Normalization) -> String {
    let w = |id: &str, args: &[(&'static str, Arg)]| t_in(lang, id, args);
    let num = |x: f64| -> Arg { number(lang, x).into() };
    match n {
        Normalization::MinMax => w("people-norm-minmax", &[]),
        Normalization::MinMaxTo(a, b) => {
            w("people-norm-minmax-to", &[("a", num(*a)), ("b", num(*b))])
        }
        Normalization::ZScore => w("people-norm-zscore", &[]),
        Normalization::Goalposts(a, b) => {
            w("people-norm-goalposts", &[("a", num(*a)), ("b", num(*b))])
        }
        Normalization::RatioToBest => w("people-norm-ratio-to-best", &[]),
        Normalization::Target(x) => w("people-norm-target", &[("x", num(*x))]),
        Normalization::Rank => w("people-norm-rank", &[]),
        Normalization::Bands(..) => w("people-norm-bands", &[]),
        Normalization::None => w("people-norm-none", &[]),
    }
}

/// A missing-data policy in words: «пропуски не допускаются», «замещается медианой».
pub fn missing(lang: Lang, p: &MissingPolicy) -> String {
    let w = |id: &str, args: &[(&'static str, Arg)]| t_in(lang, id, args);
    match p {
        MissingPolicy::Error => w("people-missing-error", &[]),
        MissingPolicy::Zero => w("people-missing-zero", &[]),
        MissingPolicy::Mean => w("people-missing-mean", &[]),
        MissingPolicy::Median => w("people-missing-median", &[]),
        MissingPolicy::Min => w("people-missing-min", &[]),
        MissingPolicy::Max => w("people-missing-max", &[]),
        MissingPolicy::Value(x) => w("people-missing-value", &[("x", number(lang, *x).into())]),
        MissingPolicy::Exclude => w("people-missing-exclude", &[]),
        MissingPolicy::MeanBy(g) => w("people-missing-mean-by", &[("by", (&g.column).into())]),
        MissingPolicy::MedianBy(g) => w("people-missing-median-by", &[("by", (&g.column).into())]),
    }
}

/// An outlier rule in words: «выбросы не обрабатываются», «выбросы обрабатываются, как в
/// COINr: винзоризация не более 5 значений, затем логарифм».
pub fn outliers(lang: Lang, o: &crate::builtins::Outliers) -> String {
    match o {
        crate::builtins::Outliers::None => t_in(lang, "people-outliers-none", &[]),
        crate::builtins::Outliers::Auto(n) => {
            t_in(lang, "people-outliers-auto", &[("n", (*n).into())])
        }
    }
}

/// A member's weight in words: «10 баллов», «40 %», «2», «равный».
pub fn weight(lang: Lang, scheme: WeightScheme, w: f64) -> String {
    match scheme {
        WeightScheme::Points => t_in(lang, "count-points", &[("n", w.into())]),
        WeightScheme::Percent => format!("{} %", number(lang, w * 100.0)),
        WeightScheme::Relative => number(lang, w),
        WeightScheme::Equal => t_in(lang, "people-weight-equal", &[]),
    }
}

/// How a block adds its members up: «сумма», «среднее арифметическое»…
pub fn aggregation(lang: Lang, a: Aggregation) -> String {
    t_in(
        lang,
        match a {
            Aggregation::Mean => "people-agg-mean",
            Aggregation::Geometric => "people-agg-geometric",
            Aggregation::Harmonic => "people-agg-harmonic",
            Aggregation::Sum => "people-agg-sum",
            Aggregation::Min => "people-agg-min",
        },
        &[],
    )
}

/// A word of the people's outputs (`people-…`) in `lang`.
pub fn word(lang: Lang, id: &str) -> String {
    t_in(lang, id, &[])
}

/// Text for people from text written for the command line: backticks dropped, titles
/// in «» where the backticks quoted them (Russian), ISO dates as people write them.
pub fn prose(lang: Lang, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = true;
    for c in text.chars() {
        if c == '`' {
            if lang == Lang::Ru {
                out.push(if open { '«' } else { '»' });
            }
            open = !open;
        } else {
            out.push(c);
        }
    }
    if lang != Lang::Ru {
        return out;
    }
    // ISO dates (2025-12-31) as 31.12.2025
    let b = out.as_bytes();
    let mut fixed = String::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        let is_date = i + 10 <= b.len()
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && b[i + 4] == b'-'
            && b[i + 5..i + 7].iter().all(u8::is_ascii_digit)
            && b[i + 7] == b'-'
            && b[i + 8..i + 10].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
        // a quarter (2025-Q3) as «III квартал 2025 г.»
        let is_quarter = i + 7 <= b.len()
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && &b[i + 4..i + 6] == b"-Q"
            && (b'1'..=b'4').contains(&b[i + 6])
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 7).is_none_or(|c| !c.is_ascii_alphanumeric());
        if is_date {
            fixed.push_str(&date(lang, &out[i..i + 10]));
            i += 10;
        } else if is_quarter {
            fixed.push_str(&t_in(
                lang,
                "people-quarter",
                &[
                    ("quarter", quarter(lang, u32::from(b[i + 6] - b'0')).into()),
                    ("year", out[i..i + 4].to_string().into()),
                ],
            ));
            i += 7;
        } else {
            let c = out[i..].chars().next().unwrap_or(' ');
            fixed.push(c);
            i += c.len_utf8();
        }
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::periods::Scheme;

    fn q(i: u32, cumulative: bool) -> Period {
        Period {
            scheme: Scheme {
                every: Every::Quarter,
                cumulative,
            },
            year: 2025,
            index: i,
        }
    }

    #[test]
    fn periods_dates_and_prose_in_words() {
        assert_eq!(period(Lang::Ru, q(1, true)), "I квартал 2025 г.");
        assert_eq!(
            period(Lang::Ru, q(3, true)),
            "III квартал 2025 г. (январь–сентябрь 2025 г., нарастающим итогом)"
        );
        assert_eq!(period(Lang::Ru, q(3, false)), "III квартал 2025 г.");
        assert_eq!(period(Lang::En, q(2, false)), "Q2 2025");
        assert_eq!(date(Lang::Ru, "2025-01-01"), "01.01.2025");
        assert_eq!(date(Lang::En, "2025-01-01"), "2025-01-01");
        assert_eq!(
            prose(
                Lang::Ru,
                "записи `appeals`, 2025-Q3: с 2025-01-01 по 2025-12-31"
            ),
            "записи «appeals», III квартал 2025 г.: с 01.01.2025 по 31.12.2025"
        );
        assert_eq!(weight(Lang::Ru, WeightScheme::Points, 10.0), "10 баллов");
        assert_eq!(weight(Lang::Ru, WeightScheme::Percent, 0.4), "40 %");
    }
}
