//! The formulas of the indicator steps ([`crate::stages::steps`]) as SQL expressions: a
//! value is an expression over the columns of the step's input (`from`), a statistic a
//! window over it (or, for quantiles, a scalar subquery), always over the ranked regions
//! (`"excluded" IS NULL`). Every operation that the interpreter leaves without a value —
//! a division by zero, the logarithm of a number ≤ 0 — gives NULL here, never an error of
//! the engine.

use super::Dialect;
use crate::stages::steps::Algebra;
use crate::syntax::ast::CmpOp;

/// The ranked regions (the exclusions decided; a score is not needed for statistics).
pub const RANKED: &str = "\"excluded\" IS NULL";

/// What a step needs beside the CTE it reads.
#[derive(Default)]
pub struct Side {
    /// CTEs written before the step's.
    pub ctes: Vec<(String, String)>,
    /// CTEs among them that the step joins, adding their columns: one-row CTEs
    /// (`CROSS JOIN`), or a CTE of groups joined on the condition given (`LEFT JOIN`).
    pub joins: Vec<(String, Option<String>)>,
    /// The groups' statistics asked for: by each group column (its frame name), each
    /// value and whether its median (else its mean) — `groups.{k}.{r}`.
    pub within: Vec<(String, Vec<(String, bool)>)>,
}

/// Values of several indicators as one column, one row per indicator: the numbers
/// 0 … n − 1 as a subquery (`"i"`), to cross join, and the value of indicator `i` by its
/// number (`CASE n."i" WHEN 0 THEN … END`).
pub fn one_row_each(values: &[&str]) -> (String, String) {
    let numbers: Vec<String> = (0..values.len())
        .map(|i| format!("SELECT {i} AS \"i\""))
        .collect();
    let arms: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!(" WHEN {i} THEN {v}"))
        .collect();
    (
        format!("({})", numbers.join(" UNION ALL ")),
        format!("(CASE n.\"i\"{arms} END)"),
    )
}

impl Side {
    /// The CTEs of the groups' statistics asked for over the CTE `from`, and their joins
    /// (each column's groups one row each, every statistic a column): `from` read once
    /// a group column.
    pub fn groups(&mut self, dialect: Dialect, from: &str) {
        for (k, (column, asked)) in std::mem::take(&mut self.within).into_iter().enumerate() {
            let name = format!("groups.{k}");
            let group = super::ident(&column);
            let values: Vec<&str> = asked.iter().map(|(v, _)| v.as_str()).collect();
            let (numbers, value) = one_row_each(&values);
            self.ctes.push((
                format!("{name}.values"),
                format!(
                    "  SELECT n.\"i\" AS \"i\", {group} AS \"g\", {value} AS \"v\"\n  FROM {} CROSS JOIN {numbers} AS n\n  WHERE {RANKED} AND {group} IS NOT NULL",
                    super::ident(from),
                ),
            ));
            let g = super::ident(&format!("{name}.group"));
            let stats: Vec<String> = asked
                .iter()
                .enumerate()
                .map(|(i, (_, median))| {
                    let v = format!("(CASE WHEN \"i\" = {i} THEN \"v\" END)");
                    let agg = match median {
                        true => quantile_of(dialect, &v, 0.5),
                        false => format!("AVG({v})"),
                    };
                    format!("{agg} AS {}", super::ident(&format!("{name}.{i}")))
                })
                .collect();
            self.ctes.push((
                name.clone(),
                format!(
                    "  SELECT \"g\" AS {g}, {}\n  FROM {} WHERE \"v\" IS NOT NULL\n  GROUP BY \"g\"",
                    stats.join(", "),
                    super::ident(&format!("{name}.values"))
                ),
            ));
            self.joins.push((name, Some(format!("{g} = {group}"))));
        }
    }
}

/// SQL expressions over the columns of the CTE `from`.
pub struct Sql<'a> {
    /// The dialect written.
    pub dialect: Dialect,
    /// The CTE the step reads (statistics are over its rows).
    pub from: &'a str,
    /// The CTEs an operation needs beside the step (the outlier rule's walk), written
    /// before the step's own; and the one-row CTEs the step joins.
    pub side: &'a std::cell::RefCell<Side>,
}

/// A number as SQL writes it, exactly (a double's shortest form, as a float literal).
pub fn number(x: f64) -> String {
    if x.is_nan() {
        return "NULL".into();
    }
    if x.is_infinite() {
        return format!(
            "CAST('{}Infinity' AS DOUBLE PRECISION)",
            if x < 0.0 { "-" } else { "" }
        );
    }
    let s = format!("{x:?}");
    format!("CAST({s} AS DOUBLE PRECISION)")
}

/// A comparison operator.
pub fn cmp_op(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "=",
        CmpOp::Ne => "<>",
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
    }
}

/// `a op b`, for formulas over regions and over records alike (`in` has its own form: a
/// binary `in` is never checked, so it is missing).
pub fn binary(op: crate::syntax::ast::BinOp, a: &str, b: &str) -> String {
    use crate::syntax::ast::BinOp;
    match op {
        BinOp::Add => format!("({a} + {b})"),
        BinOp::Sub => format!("({a} - {b})"),
        BinOp::Mul => format!("({a} * {b})"),
        BinOp::Div => div(a, b),
        BinOp::Pow => pow(a, b),
        BinOp::And => format!("({a} AND {b})"),
        BinOp::Or => format!("({a} OR {b})"),
        BinOp::Cmp(c) => format!("({a} {} {b})", cmp_op(c)),
        BinOp::In => "(1 = NULL)".into(),
    }
}

/// Shared by formulas and steps: the functions that would fail on some numbers, guarded
/// so that they give NULL there, as the interpreter gives no value.
pub fn ln(x: &str) -> String {
    format!("LN(CASE WHEN {x} > 0 THEN {x} END)")
}
pub fn log10(d: Dialect, x: &str) -> String {
    match d {
        Dialect::Postgres => format!("LOG(CASE WHEN {x} > 0 THEN {x} END)"),
        _ => format!("LOG10(CASE WHEN {x} > 0 THEN {x} END)"),
    }
}
pub fn sqrt(x: &str) -> String {
    format!("SQRT(CASE WHEN {x} >= 0 THEN {x} END)")
}
/// e^x, missing where it overflows a double (as ∞ is not finite).
pub fn exp(x: &str) -> String {
    format!("EXP(CASE WHEN {x} < 709.782712893384 THEN {x} END)")
}
/// a ÷ b, missing for b = 0.
pub fn div(a: &str, b: &str) -> String {
    format!("({a} / NULLIF({b}, 0))")
}
/// a to the power b, missing where it has no real value.
pub fn pow(a: &str, b: &str) -> String {
    format!(
        "(CASE WHEN ({a} < 0 AND {b} <> FLOOR({b})) OR ({a} = 0 AND {b} < 0) THEN NULL ELSE POWER({a}, {b}) END)"
    )
}
/// x rounded half away from zero, as Rust's `f64::round`: the fraction compared with ½
/// exactly (floor(|x| + 0.5) would round some numbers just below ½ up).
pub fn round0(x: &str) -> String {
    format!(
        "(SIGN({x}) * (FLOOR(ABS({x})) + CASE WHEN ABS({x}) - FLOOR(ABS({x})) >= 0.5 THEN 1 ELSE 0 END))"
    )
}
/// x rounded half away from zero to `d` decimals, as the interpreter: (x·10ᵈ) rounded,
/// ÷ 10ᵈ.
pub fn round(x: &str, d: u32) -> String {
    if d == 0 {
        return round0(x);
    }
    let m = number(10f64.powi(d as i32));
    let y = format!("({x} * {m})");
    format!("({} / {m})", round0(&y))
}

/// The `q` quantile of `v`, interpolated linearly (R's type 7, as the interpreter's):
/// `PERCENTILE_CONT`, or ClickHouse's `quantileExactInclusive`.
pub fn quantile_of(d: Dialect, v: &str, q: f64) -> String {
    match d {
        Dialect::ClickHouse => format!("quantileExactInclusive({q:?})({v})"),
        _ => format!("PERCENTILE_CONT({q:?}) WITHIN GROUP (ORDER BY {v})"),
    }
}

impl Sql<'_> {
    fn over_ranked(&self, agg: &str, v: &str) -> String {
        format!("{agg}(CASE WHEN {RANKED} THEN {v} END) OVER ()")
    }
}

impl Algebra for Sql<'_> {
    type V = String;
    type C = String;

    fn num(&self, x: f64) -> String {
        number(x)
    }
    fn missing(&self) -> String {
        format!("CAST(NULL AS {})", self.dialect.num())
    }
    fn add(&self, a: String, b: String) -> String {
        format!("({a} + {b})")
    }
    fn sub(&self, a: String, b: String) -> String {
        format!("({a} - {b})")
    }
    fn mul(&self, a: String, b: String) -> String {
        format!("({a} * {b})")
    }
    fn div(&self, a: String, b: String) -> String {
        div(&a, &b)
    }
    fn ln(&self, a: String) -> String {
        ln(&a)
    }
    fn ln_1p(&self, a: String) -> String {
        format!("LN(CASE WHEN {a} > -1 THEN 1 + {a} END)")
    }
    fn sqrt(&self, a: String) -> String {
        sqrt(&a)
    }
    fn exp(&self, a: String) -> String {
        exp(&a)
    }
    fn cmp(&self, op: CmpOp, a: String, b: String) -> String {
        format!("({a} {} {b})", cmp_op(op))
    }
    fn or(&self, a: String, b: String) -> String {
        format!("({a} OR {b})")
    }
    fn is_missing(&self, a: String) -> String {
        format!("({a} IS NULL)")
    }
    fn when(&self, c: String, then: String, otherwise: String) -> String {
        format!("(CASE WHEN {c} THEN {then} ELSE {otherwise} END)")
    }
    fn fill_missing(&self, a: String, with: String) -> String {
        format!("COALESCE({a}, {with})")
    }
    fn normalized_of(&self, out: String, v: String) -> String {
        format!("(CASE WHEN {v} IS NULL THEN NULL ELSE {out} END)")
    }
    fn min(&self, v: String) -> String {
        self.over_ranked("MIN", &v)
    }
    fn max(&self, v: String) -> String {
        self.over_ranked("MAX", &v)
    }
    fn mean(&self, v: String) -> String {
        self.over_ranked("AVG", &v)
    }
    fn median(&self, v: String) -> String {
        self.quantile(v, 0.5)
    }
    fn std(&self, v: String) -> String {
        self.over_ranked("STDDEV_SAMP", &v)
    }
    fn quantile(&self, v: String, q: f64) -> String {
        // (an ordered-set aggregate: a scalar subquery over the step's input)
        format!(
            "(SELECT {} FROM \"{}\" WHERE {RANKED})",
            quantile_of(self.dialect, &v, q),
            self.from
        )
    }
    fn count(&self, v: String) -> String {
        format!(
            "CAST({} AS DOUBLE PRECISION)",
            self.over_ranked("COUNT", &v)
        )
    }
    fn rank(&self, v: String) -> String {
        // the mean of the first and the last rank of the value's ties among the ranked
        // regions that have a value
        let part = format!("({RANKED} AND {v} IS NOT NULL)");
        format!(
            "(CASE WHEN {part} THEN CAST(RANK() OVER (PARTITION BY {part} ORDER BY {v}) + COUNT(*) OVER (PARTITION BY {part} ORDER BY {v} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DOUBLE PRECISION) / 2 END)"
        )
    }
    fn within(&self, v: String, by: &crate::builtins::GroupBy, median: bool) -> String {
        // each group's statistics, every indicator's asked of one column, in one CTE of
        // groups joined to the step by the group (written by `Side::groups`)
        let mut side = self.side.borrow_mut();
        let column = by.frame_name();
        let k = match side.within.iter().position(|(c, _)| *c == column) {
            Some(k) => k,
            None => {
                side.within.push((column.clone(), Vec::new()));
                side.within.len() - 1
            }
        };
        let asked = &mut side.within[k].1;
        let r = match asked.iter().position(|x| *x == (v.clone(), median)) {
            Some(r) => r,
            None => {
                asked.push((v, median));
                asked.len() - 1
            }
        };
        super::ident(&format!("groups.{k}.{r}"))
    }
}
