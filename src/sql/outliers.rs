//! The outlier rule `outliers auto(N)` as SQL: COINr's loop of `crate::stages::outliers`
//! walked state by state in one-row CTEs beside the step that reads it, so that the query
//! computes what `choose` computes in Rust.
//!
//! - `o.x`: the ranked regions' values present, each with its rank from the top and from
//!   the bottom among the distinct values (`DENSE_RANK`);
//! - for each state j = 0 … N (p values winsorized at the bottom, q at the top): its
//!   bounds — the (p+1)-th smallest and (q+1)-th largest distinct values — and the points
//!   moved as COINr counts them (`o.jb`), the mean of the values clamped to them (`o.jm`),
//!   the sums of the powers of their deviations (`o.jz`), and the check with the next state
//!   (`o.jd`): a state that passes, whose check has no answer, or that reached N points is
//!   settled and carried on unchanged; otherwise the next winsorizes the top when the
//!   skewness is ≥ 0, the bottom otherwise;
//! - `o.f`: one row, the choice — the bounds of a passing state, the logarithm of a
//!   failing one — joined to the step (`CROSS JOIN`), whose columns it adds.
//!
//! The statistics are windows over every value (`OVER ()`), so that each CTE reads only
//! the one before it, once: an engine that inlines CTEs (ClickHouse) copies nothing twice.
//! Each state names its columns apart (`p1`, `l1`, …): ClickHouse lets an alias shadow a
//! column of the same name.

use super::algebra::{number, RANKED};
use super::ident;

/// The outlier rule's walk for the values `v` over the CTE `from`.
pub struct Walk {
    /// Its CTEs, in order, named `prefix.…`.
    pub ctes: Vec<(String, String)>,
    /// The one-row CTE of the choice, to be joined to the step.
    pub choice: String,
    /// The treated value over the step's columns (`from`'s and the choice's).
    pub value: String,
    /// The mark (0, 1 winsorized, 2 logarithm).
    pub mark: String,
}

/// The walk of `outliers auto(max)` for `v` over `from`, its CTEs named `prefix.…`.
pub fn walk(prefix: &str, from: &str, v: &str, max: usize) -> Walk {
    let name = |s: &str| format!("{prefix}.{s}");
    let mut ctes: Vec<(String, String)> = Vec::new();
    let level = |ctes: &mut Vec<(String, String)>, s: &str, cols: Vec<String>| {
        let from = ident(&ctes.last().map(|c| c.0.clone()).unwrap_or_default());
        ctes.push((
            name(s),
            format!(
                "  SELECT\n    *,\n    {}\n  FROM {from}",
                cols.join(",\n    ")
            ),
        ));
    };
    ctes.push((
        name("x"),
        format!(
            "  SELECT {v} AS \"x\", DENSE_RANK() OVER (ORDER BY {v} DESC) AS \"hr\", DENSE_RANK() OVER (ORDER BY {v}) AS \"lr\"\n  FROM {} WHERE {RANKED} AND {v} IS NOT NULL",
            ident(from)
        ),
    ));
    let c = |s: &str, j: usize| format!("\"{s}{j}\"");
    let dbl = |x: &str| format!("CAST({x} AS DOUBLE PRECISION)");
    for j in 0..=max {
        let (p, q, l, h, n, w, mean) = (
            c("p", j),
            c("q", j),
            c("l", j),
            c("h", j),
            c("n", j),
            c("w", j),
            c("mean", j),
        );
        // state j: its bounds, its count and the points moved (state 0: none)
        let mut cols = Vec::new();
        if j == 0 {
            cols.push(format!("0 AS {p}, 0 AS {q}, 0 AS {}", c("st", 0)));
            cols.push(format!(
                "MIN(\"x\") OVER () AS {l}, MAX(\"x\") OVER () AS {h}"
            ));
            cols.push(format!("0 AS {w}"));
        } else {
            cols.push(format!(
                "MAX(CASE WHEN \"lr\" = {p} + 1 THEN \"x\" END) OVER () AS {l}, MAX(CASE WHEN \"hr\" = {q} + 1 THEN \"x\" END) OVER () AS {h}"
            ));
            cols.push(format!(
                "SUM(CASE WHEN \"hr\" <= {q} THEN 1 ELSE 0 END) OVER () + SUM(CASE WHEN \"lr\" <= {p} THEN 1 ELSE 0 END) OVER () AS {w}"
            ));
        }
        cols.push(format!("COUNT(*) OVER () AS {n}"));
        level(&mut ctes, &format!("{j}b"), cols);
        let clamped =
            format!("(CASE WHEN \"x\" > {h} THEN {h} WHEN \"x\" < {l} THEN {l} ELSE \"x\" END)");
        level(
            &mut ctes,
            &format!("{j}m"),
            vec![format!("AVG({clamped}) OVER () AS {mean}")],
        );
        let d = format!("({clamped} - {mean})");
        level(
            &mut ctes,
            &format!("{j}z"),
            vec![
                format!("SUM({d} * {d}) OVER () AS {}", c("s2_", j)),
                format!("SUM({d} * {d} * {d}) OVER () AS {}", c("s3_", j)),
                format!("SUM({d} * {d} * {d} * {d}) OVER () AS {}", c("s4_", j)),
            ],
        );
        // the check of state j (e1071 type 2, as `stages::outliers::shape`); every
        // divisor through NULLIF: PostgreSQL stops at a division by zero, and SQL does
        // not promise to evaluate a condition before the terms beside it
        let nf = dbl(&n);
        let (s2, s3, s4) = (c("s2_", j), c("s3_", j), c("s4_", j));
        let skew = format!(
            "(SQRT({nf}) * {s3} / NULLIF(POWER({s2}, 1.5), 0) * SQRT({nf} * ({nf} - 1)) / NULLIF({nf} - 2, 0))"
        );
        let kurt = format!(
            "((({nf} + 1) * ({nf} * {s4} / NULLIF({s2} * {s2}, 0) - 3) + 6) * ({nf} - 1) / NULLIF(({nf} - 2) * ({nf} - 3), 0))"
        );
        let answered = format!("({n} >= 4 AND {s2} > 0)");
        let passes = format!(
            "(ABS({skew}) < {} OR {kurt} < {})",
            number(crate::stages::outliers::SKEWNESS_LIMIT),
            number(crate::stages::outliers::KURTOSIS_LIMIT)
        );
        let st = c("st", j);
        let status = format!(
            "(CASE WHEN {st} <> 0 THEN {st} WHEN NOT {answered} THEN 2 WHEN {passes} THEN 1 WHEN {w} >= {max} THEN 3 ELSE 0 END)"
        );
        // the status of state j, and the next state
        level(
            &mut ctes,
            &format!("{j}d"),
            vec![
                format!("{status} AS {}", c("st", j + 1)),
                format!(
                    "(CASE WHEN {status} = 0 AND {skew} < 0 THEN {p} + 1 ELSE {p} END) AS {}",
                    c("p", j + 1)
                ),
                format!(
                    "(CASE WHEN {status} = 0 AND {skew} >= 0 THEN {q} + 1 ELSE {q} END) AS {}",
                    c("q", j + 1)
                ),
            ],
        );
    }
    let last = ident(&ctes.last().map(|c| c.0.clone()).unwrap_or_default());
    let (st, p, q, l, h) = (
        c("st", max + 1),
        c("p", max + 1),
        c("q", max + 1),
        c("l", max),
        c("h", max),
    );
    let col = |s: &str| ident(&name(s));
    let choice = name("f");
    ctes.push((
        choice.clone(),
        format!(
            "  SELECT MAX(CASE WHEN {st} = 1 AND {p} > 0 THEN {l} END) AS {}, MAX(CASE WHEN {st} = 1 AND {q} > 0 THEN {h} END) AS {}, MAX(CASE WHEN {st} = 3 THEN 1 ELSE 0 END) AS {}, MIN(\"x\") AS {}, MAX(\"x\") AS {}\n  FROM {last}",
            col("lo"),
            col("hi"),
            col("lg"),
            col("mn"),
            col("mx")
        ),
    ));
    let (lo, hi, lg, mn, mx) = (col("lo"), col("hi"), col("lg"), col("mn"), col("mx"));
    let arg = format!("({v} - {mn} + {} * ({mx} - {mn}))", number(0.01));
    let value = format!(
        "(CASE WHEN {lg} = 1 THEN LN(CASE WHEN {arg} > 0 THEN {arg} END) WHEN {v} > {hi} THEN {hi} WHEN {v} < {lo} THEN {lo} ELSE {v} END)"
    );
    let mark = format!(
        "CAST((CASE WHEN {v} IS NULL THEN NULL WHEN {lg} = 1 THEN 2 WHEN {v} > {hi} OR {v} < {lo} THEN 1 ELSE 0 END) AS DOUBLE PRECISION)"
    );
    Walk {
        ctes,
        choice,
        value,
        mark,
    }
}
