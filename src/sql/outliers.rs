//! The outlier rule `outliers auto(N)` as SQL: COINr's loop of `crate::stages::outliers`
//! walked state by state, for every treated indicator at once, in a chain of CTEs beside
//! the step that reads it — so that the query computes what `choose` computes in Rust.
//!
//! - `outliers.x`: the regions' key and each treated indicator's value where the region
//!   is ranked; then each value's rank from the top and from the bottom among the
//!   distinct values present (`DENSE_RANK`), their count, smallest and largest;
//! - for each state j = 0 … N (p values winsorized at the bottom, q at the top): its
//!   bounds — the (p+1)-th smallest and (q+1)-th largest distinct values — and the points
//!   moved as COINr counts them (`outliers.jb`), the mean of the values clamped to them
//!   (`outliers.jm`), the sums of the powers of their deviations (`outliers.jz`), the
//!   skewness and kurtosis (`outliers.jg`), the check (`outliers.jd`) and the next state
//!   (`outliers.je`): a state that passes, whose check has no
//!   answer, or that reached its N points is settled and carried on unchanged; otherwise
//!   the next winsorizes the top when the skewness is ≥ 0, the bottom otherwise;
//! - `outliers.f`: one row, each indicator's choice — the bounds of a passing state, the
//!   logarithm of a failing one — joined to the step (`CROSS JOIN`), whose columns it adds.
//!
//! The statistics are windows over every row (`OVER ()`), so that each CTE reads only the
//! one before it, once (an engine that inlines CTEs, as DuckDB and ClickHouse do, copies
//! nothing twice, whatever the number of indicators), and each names the columns it keeps
//! (a state's, not every state's: PostgreSQL takes at most 1,664). A state's columns carry
//! its number (`o3.p1`, `o3.l1`, …): ClickHouse lets an alias shadow a column of the same
//! name.

use super::algebra::{number, RANKED};
use super::ident;

/// An indicator the rule treats: its value over the step's input, and its N.
pub struct Treated {
    /// The value (an expression over the columns of the CTE read).
    pub value: String,
    /// The most points winsorized.
    pub max: usize,
}

/// The walk of the treated indicators over the CTE `from`.
pub struct Walk {
    /// Its CTEs, in order.
    pub ctes: Vec<(String, String)>,
    /// The one-row CTE of the choices, to be joined to the step.
    pub choice: String,
    /// Each indicator's treated value and mark (0, 1 winsorized, 2 logarithm), over the
    /// step's columns (`from`'s and the choice's).
    pub values: Vec<(String, String)>,
}

/// The walk of `ts` over `from`.
pub fn walk(from: &str, ts: &[Treated]) -> Walk {
    let name = |s: &str| format!("outliers.{s}");
    let dbl = |x: &str| format!("CAST({x} AS DOUBLE PRECISION)");
    let mut ctes: Vec<(String, String)> = Vec::new();
    // the treated indicators' values of the ranked regions, one row per indicator (`i`,
    // its number) and region with a value, `from` read once
    let values: Vec<&str> = ts.iter().map(|t| t.value.as_str()).collect();
    let (numbers, value) = super::algebra::one_row_each(&values);
    ctes.push((
        name("values"),
        format!(
            "  SELECT n.\"i\" AS \"i\", {value} AS \"v\"\n  FROM {} CROSS JOIN {numbers} AS n\n  WHERE {RANKED}",
            ident(from),
        ),
    ));
    let points: String = ts
        .iter()
        .enumerate()
        .map(|(i, t)| format!(" WHEN {i} THEN {}", t.max))
        .collect();
    let by = "OVER (PARTITION BY \"i\")";
    // each value's rank among its indicator's distinct values, from the top and from the
    // bottom; the indicator's count, smallest and largest value, and N
    ctes.push((
        name("x"),
        format!(
            "  SELECT \"i\", \"v\", DENSE_RANK() OVER (PARTITION BY \"i\" ORDER BY \"v\" DESC) AS \"hr\", DENSE_RANK() OVER (PARTITION BY \"i\" ORDER BY \"v\") AS \"lr\", COUNT(*) {by} AS \"n\", MIN(\"v\") {by} AS \"mn\", MAX(\"v\") {by} AS \"mx\", (CASE \"i\"{points} END) AS \"k\"\n  FROM {} WHERE \"v\" IS NOT NULL",
            ident(&name("values"))
        ),
    ));
    // Each step keeps the rows and what the next steps read, its own columns named by the
    // state and the step (`p_1b`); a statistic is a window over the indicator's rows.
    const ROW: &str = "\"i\", \"v\", \"hr\", \"lr\", \"n\", \"mn\", \"mx\", \"k\"";
    let col = |w: &str, j: usize, step: &str| format!("\"{w}_{j}{step}\"");
    let push = |ctes: &mut Vec<(String, String)>, step: &str, cols: Vec<String>| {
        let before = ident(&ctes.last().map(|c| c.0.clone()).unwrap_or_default());
        ctes.push((
            name(step),
            format!(
                "  SELECT\n    {ROW},\n    {}\n  FROM {before}",
                cols.join(",\n    ")
            ),
        ));
    };
    let carry = |whats: &[&str], j: usize, from: &str, to: &str| -> Vec<String> {
        whats
            .iter()
            .map(|w| format!("{} AS {}", col(w, j, from), col(w, j, to)))
            .collect()
    };
    let steps = ts.iter().map(|t| t.max).max().unwrap_or(0);
    const STATE: [&str; 6] = ["p", "q", "st", "l", "h", "w"];
    for j in 0..=steps {
        // state j: its bounds and the points moved (state 0: none)
        let cols = if j == 0 {
            vec![
                format!(
                    "0 AS {}, 0 AS {}, 0 AS {}",
                    col("p", 0, "b"),
                    col("q", 0, "b"),
                    col("st", 0, "b")
                ),
                format!(
                    "\"mn\" AS {}, \"mx\" AS {}, 0 AS {}",
                    col("l", 0, "b"),
                    col("h", 0, "b"),
                    col("w", 0, "b")
                ),
            ]
        } else {
            let (p, q) = (col("p", j, "e"), col("q", j, "e"));
            let mut cols = carry(&["p", "q", "st"], j, "e", "b");
            cols.push(format!(
                "MAX(CASE WHEN \"lr\" = {p} + 1 THEN \"v\" END) {by} AS {}",
                col("l", j, "b")
            ));
            cols.push(format!(
                "MAX(CASE WHEN \"hr\" = {q} + 1 THEN \"v\" END) {by} AS {}",
                col("h", j, "b")
            ));
            cols.push(format!("SUM(CASE WHEN \"hr\" <= {q} THEN 1 ELSE 0 END) {by} + SUM(CASE WHEN \"lr\" <= {p} THEN 1 ELSE 0 END) {by} AS {}", col("w", j, "b")));
            cols
        };
        push(&mut ctes, &format!("{j}b"), cols);
        let clamped = |step: &str| {
            let (l, h) = (col("l", j, step), col("h", j, step));
            format!("(CASE WHEN \"v\" > {h} THEN {h} WHEN \"v\" < {l} THEN {l} ELSE \"v\" END)")
        };
        let mut cols = carry(&STATE, j, "b", "m");
        cols.push(format!(
            "AVG({}) {by} AS {}",
            clamped("b"),
            col("mean", j, "m")
        ));
        push(&mut ctes, &format!("{j}m"), cols);
        let d = format!("({} - {})", clamped("m"), col("mean", j, "m"));
        let mut cols = carry(&STATE, j, "m", "z");
        cols.push(format!("SUM({d} * {d}) {by} AS {}", col("s2", j, "z")));
        cols.push(format!(
            "SUM({d} * {d} * {d}) {by} AS {}",
            col("s3", j, "z")
        ));
        cols.push(format!(
            "SUM({d} * {d} * {d} * {d}) {by} AS {}",
            col("s4", j, "z")
        ));
        push(&mut ctes, &format!("{j}z"), cols);
        // the skewness and kurtosis of state j (e1071 type 2, as
        // `stages::outliers::shape`); every divisor through NULLIF: PostgreSQL stops at a
        // division by zero, and SQL does not promise to evaluate a condition before the
        // terms beside it
        let nf = dbl("\"n\"");
        let (s2, s3, s4) = (col("s2", j, "z"), col("s3", j, "z"), col("s4", j, "z"));
        let mut cols = carry(&STATE, j, "z", "g");
        cols.push(format!("{s2} AS {}", col("s2", j, "g")));
        cols.push(format!("(SQRT({nf}) * {s3} / NULLIF(POWER({s2}, 1.5), 0) * SQRT({nf} * ({nf} - 1)) / NULLIF({nf} - 2, 0)) AS {}", col("skew", j, "g")));
        cols.push(format!("((({nf} + 1) * ({nf} * {s4} / NULLIF({s2} * {s2}, 0) - 3) + 6) * ({nf} - 1) / NULLIF(({nf} - 2) * ({nf} - 3), 0)) AS {}", col("kurt", j, "g")));
        push(&mut ctes, &format!("{j}g"), cols);
        // the check of state j
        let g = |w: &str| col(w, j, "g");
        let answered = format!("(\"n\" >= 4 AND {} > 0)", g("s2"));
        let passes = format!(
            "(ABS({}) < {} OR {} < {})",
            g("skew"),
            number(crate::stages::outliers::SKEWNESS_LIMIT),
            g("kurt"),
            number(crate::stages::outliers::KURTOSIS_LIMIT)
        );
        let mut cols = carry(&["p", "q", "l", "h", "skew"], j, "g", "d");
        cols.push(format!(
            "(CASE WHEN {st} <> 0 THEN {st} WHEN NOT {answered} THEN 2 WHEN {passes} THEN 1 WHEN {w} >= \"k\" THEN 3 ELSE 0 END) AS {}",
            col("st", j + 1, "d"),
            st = g("st"),
            w = g("w"),
        ));
        push(&mut ctes, &format!("{j}d"), cols);
        // the next state: the top winsorized for a skewness ≥ 0, else the bottom
        let (st, skew, p, q) = (
            col("st", j + 1, "d"),
            col("skew", j, "d"),
            col("p", j, "d"),
            col("q", j, "d"),
        );
        let mut cols = carry(&["l", "h"], j, "d", "e");
        cols.push(format!("{st} AS {}", col("st", j + 1, "e")));
        cols.push(format!(
            "(CASE WHEN {st} = 0 AND {skew} < 0 THEN {p} + 1 ELSE {p} END) AS {}",
            col("p", j + 1, "e")
        ));
        cols.push(format!(
            "(CASE WHEN {st} = 0 AND {skew} >= 0 THEN {q} + 1 ELSE {q} END) AS {}",
            col("q", j + 1, "e")
        ));
        push(&mut ctes, &format!("{j}e"), cols);
    }
    // the choices, one row: each indicator's in its own columns
    let last = ident(&ctes.last().map(|c| c.0.clone()).unwrap_or_default());
    let out = |i: usize, w: &str| ident(&format!("outliers.{i}.{w}"));
    let e = |w: &str, j: usize| col(w, j, "e");
    let (st, p, q, l, h) = (
        e("st", steps + 1),
        e("p", steps + 1),
        e("q", steps + 1),
        e("l", steps),
        e("h", steps),
    );
    let mut cols = Vec::new();
    for i in 0..ts.len() {
        let of = |x: &str| format!("MAX(CASE WHEN \"i\" = {i} THEN {x} END)");
        cols.push(format!(
            "{} AS {}",
            of(&format!("(CASE WHEN {st} = 1 AND {p} > 0 THEN {l} END)")),
            out(i, "lo")
        ));
        cols.push(format!(
            "{} AS {}",
            of(&format!("(CASE WHEN {st} = 1 AND {q} > 0 THEN {h} END)")),
            out(i, "hi")
        ));
        cols.push(format!(
            "COALESCE({}, 0) AS {}",
            of(&format!("(CASE WHEN {st} = 3 THEN 1 ELSE 0 END)")),
            out(i, "lg")
        ));
        cols.push(format!("{} AS {}", of("\"mn\""), out(i, "mn")));
        cols.push(format!("{} AS {}", of("\"mx\""), out(i, "mx")));
    }
    let choice = name("f");
    ctes.push((
        choice.clone(),
        format!("  SELECT\n    {}\n  FROM {last}", cols.join(",\n    ")),
    ));
    let values = ts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let v = &t.value;
            let (lo, hi, lg, mn, mx) = (out(i, "lo"), out(i, "hi"), out(i, "lg"), out(i, "mn"), out(i, "mx"));
            let arg = format!("({v} - {mn} + {} * ({mx} - {mn}))", number(0.01));
            let value = format!("(CASE WHEN {lg} = 1 THEN LN(CASE WHEN {arg} > 0 THEN {arg} END) WHEN {v} > {hi} THEN {hi} WHEN {v} < {lo} THEN {lo} ELSE {v} END)");
            let mark = format!("CAST((CASE WHEN {v} IS NULL THEN NULL WHEN {lg} = 1 THEN 2 WHEN {v} > {hi} OR {v} < {lo} THEN 1 ELSE 0 END) AS DOUBLE PRECISION)");
            (value, mark)
        })
        .collect();
    Walk {
        ctes,
        choice,
        values,
    }
}
