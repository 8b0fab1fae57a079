//! Element-wise operations that plain polars expressions could only write by repeating
//! an operand (`when(b == 0).then(null).otherwise(a / b)` names `b` twice): repeated
//! operands make the plan grow exponentially with nesting (`a / (b / (c / …))`,
//! `2 ^ 2 ^ 2 ^ …`), so these take each operand once, as column functions.

use polars::prelude::*;

fn float(c: &Column) -> PolarsResult<Float64Chunked> {
    Ok(c.as_materialized_series()
        .cast(&DataType::Float64)?
        .f64()?
        .clone())
}

/// The value at row `i` of a column of length `n` or 1 (a broadcast scalar).
fn at<T: Copy>(v: &[Option<T>], i: usize) -> Option<T> {
    if v.len() == 1 {
        v[0]
    } else {
        v[i]
    }
}

fn out(name: PlSmallStr, values: Vec<Option<f64>>) -> Column {
    Series::new(name, values).into_column()
}

/// Whether every value of the column is finite (values under missing ones included).
fn all_finite(ca: &Float64Chunked) -> bool {
    ca.downcast_iter()
        .all(|a| a.values().iter().all(|v| v.is_finite()))
}

fn f64_field(_: &Schema, fields: &[Field]) -> PolarsResult<Field> {
    Ok(Field::new(fields[0].name().clone(), DataType::Float64))
}

fn rows(cols: &[Column]) -> usize {
    cols.iter().map(|c| c.len()).max().unwrap_or(0)
}

/// x where it is a finite number, missing elsewhere: NaN and infinity go no further.
pub fn finite(x: Expr) -> Expr {
    x.map_with_fmt_str(
        |c| {
            let ca = float(&c)?;
            // Most columns hold only finite numbers: hand them on as they are.
            if all_finite(&ca) {
                return Ok(ca.into_column());
            }
            Ok(ca.apply(|x| x.filter(|v| v.is_finite())).into_column())
        },
        |_, f| Ok(Field::new(f.name().clone(), DataType::Float64)),
        "finite",
    )
}

/// a / b, missing where b is 0 (and wherever the quotient is not finite).
pub fn safe_div(a: Expr, b: Expr) -> Expr {
    a.map_many(
        |cols| {
            let (x, y) = (float(&cols[0])?, float(&cols[1])?);
            let n = rows(cols);
            // Columns of the same length without missing values or zero divisors: the
            // quotient of polars' kernel, if it is finite everywhere.
            let fits = |len: usize| len == n || len == 1;
            if fits(x.len()) && fits(y.len()) && x.null_count() == 0 && y.null_count() == 0 {
                let q = (&x / &y).with_name(cols[0].name().clone());
                if all_finite(&q) {
                    return Ok(q.into_column());
                }
            }
            let (x, y): (Vec<_>, Vec<_>) = (x.iter().collect(), y.iter().collect());
            let v = (0..n)
                .map(|i| match (at(&x, i), at(&y, i)) {
                    (Some(p), Some(q)) if q != 0.0 => Some(p / q).filter(|r| r.is_finite()),
                    _ => None,
                })
                .collect();
            Ok(out(cols[0].name().clone(), v))
        },
        &[b],
        f64_field,
    )
}

/// `if c then t else o`: missing where c is missing.
pub fn if_then_else(c: Expr, t: Expr, o: Expr, boolean: bool) -> Expr {
    c.map_many(
        move |cols| {
            let cond: Vec<Option<bool>> = cols[0].as_materialized_series().bool()?.iter().collect();
            let n = rows(cols);
            let name = cols[1].name().clone();
            if boolean {
                let t: Vec<Option<bool>> =
                    cols[1].as_materialized_series().bool()?.iter().collect();
                let o: Vec<Option<bool>> =
                    cols[2].as_materialized_series().bool()?.iter().collect();
                let v: Vec<Option<bool>> = (0..n)
                    .map(|i| at(&cond, i).and_then(|c| if c { at(&t, i) } else { at(&o, i) }))
                    .collect();
                return Ok(Series::new(name, v).into_column());
            }
            let t: Vec<Option<f64>> = float(&cols[1])?.iter().collect();
            let o: Vec<Option<f64>> = float(&cols[2])?.iter().collect();
            let v = (0..n)
                .map(|i| at(&cond, i).and_then(|c| if c { at(&t, i) } else { at(&o, i) }))
                .collect();
            Ok(out(name, v))
        },
        &[t, o],
        move |_, fields| {
            let dt = if boolean {
                DataType::Boolean
            } else {
                DataType::Float64
            };
            Ok(Field::new(fields[1].name().clone(), dt))
        },
    )
}

/// The smallest (or largest) argument for each row; missing if any argument is.
pub fn extreme(args: Vec<Expr>, smallest: bool) -> Expr {
    let first = args[0].clone();
    first.map_many(
        move |cols| {
            let vals: Vec<Vec<Option<f64>>> = cols
                .iter()
                .map(|c| float(c).map(|ca| ca.iter().collect()))
                .collect::<PolarsResult<_>>()?;
            let n = rows(cols);
            let v = (0..n)
                .map(|i| {
                    let mut acc: Option<f64> = None;
                    for col in &vals {
                        let x = at(col, i)?;
                        acc = Some(match acc {
                            None => x,
                            Some(a) if smallest => a.min(x),
                            Some(a) => a.max(x),
                        });
                    }
                    acc
                })
                .collect();
            Ok(out(cols[0].name().clone(), v))
        },
        &args[1..],
        f64_field,
    )
}

/// A normalized value `x` of a value `v`: missing where `v` is missing or `x` is not a
/// finite number. (Taken as it is when `v` has no missing values and `x` is finite, as
/// in most runs: no copy.)
pub fn normalized_of(x: Expr, v: Expr) -> Expr {
    x.map_many(
        |cols| {
            let n = rows(cols);
            let name = cols[0].name().clone();
            let x = float(&cols[0])?;
            let v = &cols[1];
            if x.len() == n && v.null_count() == 0 && all_finite(&x) {
                return Ok(x.into_column());
            }
            let xs: Vec<Option<f64>> = x.iter().collect();
            let missing: Vec<Option<bool>> = v.as_materialized_series().is_null().iter().collect();
            let values = (0..n)
                .map(|i| match at(&missing, i) {
                    Some(true) => None,
                    _ => at(&xs, i).filter(|z| z.is_finite()),
                })
                .collect();
            Ok(out(name, values))
        },
        &[v],
        f64_field,
    )
}

/// The sum of the weights of the members that have a value: `Σ w·[x present]`. Without
/// missing members (as in most runs) a constant, which takes no memory.
pub fn weights_present(xs: Vec<Expr>, weights: Vec<f64>) -> Expr {
    let first = xs[0].clone();
    first.map_many(
        move |cols| {
            let n = rows(cols);
            let name = cols[0].name().clone();
            if cols.iter().all(|c| c.null_count() == 0) {
                let total: f64 = weights.iter().sum();
                return Ok(Column::new_scalar(name, Scalar::from(total), n));
            }
            let mut sums = vec![0.0f64; n];
            for (c, w) in cols.iter().zip(&weights) {
                let present: Vec<Option<bool>> =
                    c.as_materialized_series().is_not_null().iter().collect();
                for (i, o) in sums.iter_mut().enumerate() {
                    if at(&present, i) == Some(true) {
                        *o += w;
                    }
                }
            }
            Ok(Float64Chunked::from_vec(name, sums).into_column())
        },
        &xs[1..],
        f64_field,
    )
}

/// COINr's outlier treatment of the whole column `x` (`crate::stages::outliers`),
/// decided over the rows where `ranked` holds: the treated values, or with `marks` each
/// row's mark (0 untouched, 1 winsorized, 2 logarithm; missing where `x` is). A function
/// of the whole column, never of a part of it (`apply_many`: polars hands it the column).
pub fn outliers(x: Expr, ranked: Expr, max: usize, marks: bool) -> Expr {
    x.apply_many(
        move |cols| {
            let xs: Vec<Option<f64>> = float(&cols[0])?.iter().collect();
            let rk: Vec<Option<bool>> = cols[1].as_materialized_series().bool()?.iter().collect();
            let n = rows(cols);
            let present: Vec<f64> = (0..n)
                .filter(|&i| at(&rk, i) == Some(true))
                .filter_map(|i| at(&xs, i))
                .filter(|v| v.is_finite())
                .collect();
            let choice = crate::stages::outliers::choose(&present, max);
            let v = (0..n)
                .map(|i| {
                    let x = at(&xs, i);
                    match marks {
                        true => x.map(|_| choice.mark(x)),
                        false => choice.apply(x),
                    }
                })
                .collect();
            Ok(out(cols[0].name().clone(), v))
        },
        &[ranked],
        f64_field,
    )
}

/// Each row's group's mean (or median) of `x` over the rows where `ranked` holds
/// (`crate::stages::steps::within_groups`), the groups the text column `groups`. A
/// function of whole columns (`apply_many`).
pub fn within(x: Expr, ranked: Expr, groups: Expr, median: bool) -> Expr {
    x.apply_many(
        move |cols| {
            let xs: Vec<Option<f64>> = float(&cols[0])?.iter().collect();
            let rk: Vec<Option<bool>> = cols[1].as_materialized_series().bool()?.iter().collect();
            let g: Vec<Option<&str>> = cols[2].as_materialized_series().str()?.iter().collect();
            let n = rows(cols);
            let full: Vec<Option<f64>> = (0..n).map(|i| at(&xs, i)).collect();
            let ranked: Vec<bool> = (0..n).map(|i| at(&rk, i) == Some(true)).collect();
            let groups: Vec<Option<&str>> = (0..n).map(|i| at(&g, i)).collect();
            let v = crate::stages::steps::within_groups(&full, &ranked, &groups, median);
            Ok(out(cols[0].name().clone(), v))
        },
        &[ranked, groups],
        f64_field,
    )
}
