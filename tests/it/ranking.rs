//! Properties of the ranking on generated data: row order does not matter, improving an
//! indicator never lowers a score (monotone normalizations), scaling relative weights
//! changes nothing, every region appears once, places agree with the tie method.

use crate::util::{run_text, Rng};
use metodika::engine::Ranking;
use metodika::report;

/// Random data: `n` regions with columns a, b, c (c sometimes missing), values drawn
/// from a few levels so that ties happen.
fn data(r: &mut Rng, n: usize) -> Vec<(String, f64, f64, Option<f64>)> {
    (0..n)
        .map(|i| {
            let a = (r.below(8) as f64) * 1.5;
            let b = 10.0 + r.below(50) as f64;
            let c = if r.chance(15) {
                None
            } else {
                Some(r.below(5) as f64)
            };
            (format!("R{i:03}"), a, b, c)
        })
        .collect()
}

fn csv(rows: &[(String, f64, f64, Option<f64>)]) -> String {
    let mut s = String::from("region_code,a,b,c\n");
    for (k, a, b, c) in rows {
        s.push_str(&format!(
            "{k},{a},{b},{}\n",
            c.map(|x| x.to_string()).unwrap_or_default()
        ));
    }
    s
}

const NORMS: &[&str] = &[
    "minmax",
    "goalposts(0, 12)",
    "rank",
    "ratio_to_best",
    "target(5)",
    "bands { >= 6 : 1  >= 3 : 0.5  else : 0 }",
    "minmax(0.1, 1)",
];
const TIES: &[&str] = &["dense", "competition", "ordinal", "average"];

fn methodology(r: &mut Rng, weights: (f64, f64, f64), scale: f64) -> String {
    let na = NORMS[r.below(NORMS.len())];
    let nb = NORMS[r.below(NORMS.len())];
    let ties = TIES[r.below(TIES.len())];
    let then = if r.chance(50) { "then  b asc" } else { "" };
    format!(
        "methodology \"П\" {{ key region_code }}\ninput t \"d.csv\"\n\
         indicator a \"A\" {{ value = t.a better higher normalize {na} }}\n\
         indicator b \"B\" {{ value = t.b / 10 better higher normalize {nb} }}\n\
         indicator c \"C\" {{ value = t.c better higher normalize goalposts(0, 4) missing exclude }}\n\
         group g \"G\" {{ a weight {}  b weight {} }}\n\
         score \"S\" {{ g weight {}  c weight {} }}\n\
         rank {{ round 6  ties {ties}  {then} }}\n",
        weights.0 * scale,
        weights.1 * scale,
        weights.2 * scale,
        weights.2 * scale
    )
}

fn run(m: &str, rows: &[(String, f64, f64, Option<f64>)]) -> Ranking {
    run_text(m, &[("d.csv", &csv(rows))]).unwrap_or_else(|e| panic!("{e}\n{m}"))
}

#[test]
fn shuffling_rows_changes_no_output_byte() {
    let mut r = Rng(11);
    for _ in 0..25 {
        let n = 3 + r.below(30);
        let rows = data(&mut r, n);
        let w = (1.0 + r.below(3) as f64, 1.0 + r.below(3) as f64, 1.0);
        let m = methodology(&mut r, w, 1.0);
        let mut shuffled = rows.clone();
        for i in (1..shuffled.len()).rev() {
            let j = r.below(i + 1);
            shuffled.swap(i, j);
        }
        let (a, b) = (run(&m, &rows), run(&m, &shuffled));
        assert_eq!(report::csv(&a, true), report::csv(&b, true), "{m}");
        assert_eq!(report::json(&a, true), report::json(&b, true));
    }
}

#[test]
fn every_region_once_and_places_agree_with_the_tie_method() {
    let mut r = Rng(12);
    for _ in 0..25 {
        let n = 2 + r.below(40);
        let rows = data(&mut r, n);
        let m = methodology(&mut r, (2.0, 1.0, 1.0), 1.0);
        let rk = run(&m, &rows);
        let mut keys: Vec<&str> = rk.rows.iter().map(|x| x.key.as_str()).collect();
        keys.sort();
        let mut want: Vec<&str> = rows.iter().map(|x| x.0.as_str()).collect();
        want.sort();
        assert_eq!(keys, want, "every region exactly once");
        let ties = m
            .split("ties ")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        // the order key of each row: (score, tie-breaker b asc)
        let key = |x: &metodika::engine::Row| {
            (
                -x.score.unwrap(),
                x.tie_values.first().copied().flatten().unwrap_or(0.0),
            )
        };
        for x in &rk.rows {
            let better = rk.rows.iter().filter(|y| key(y) < key(x)).count() as f64;
            let equal = rk.rows.iter().filter(|y| key(y) == key(x)).count() as f64;
            let mut distinct_better: Vec<(f64, f64)> =
                rk.rows.iter().map(key).filter(|k| *k < key(x)).collect();
            distinct_better.sort_by(|p, q| p.partial_cmp(q).unwrap());
            distinct_better.dedup();
            let p = x.place.unwrap();
            match ties {
                "dense" => assert_eq!(p, distinct_better.len() as f64 + 1.0),
                "competition" => assert_eq!(p, better + 1.0),
                "average" => assert_eq!(p, better + (equal + 1.0) / 2.0),
                _ => assert!(p >= better + 1.0 && p <= better + equal),
            }
        }
        if ties == "ordinal" {
            let mut places: Vec<f64> = rk.rows.iter().map(|x| x.place.unwrap()).collect();
            places.sort_by(|a, b| a.partial_cmp(b).unwrap());
            assert_eq!(places, (1..=n).map(|i| i as f64).collect::<Vec<_>>());
        }
    }
}

#[test]
fn scaling_relative_weights_changes_nothing() {
    let mut r = Rng(13);
    for _ in 0..15 {
        let n = 3 + r.below(20);
        let rows = data(&mut r, n);
        let w = (
            1.0 + r.below(5) as f64,
            1.0 + r.below(5) as f64,
            1.0 + r.below(3) as f64,
        );
        let mut r1 = Rng(r.next());
        let mut r2 = Rng(r1.0);
        let a = run(&methodology(&mut r1, w, 1.0), &rows);
        let b = run(&methodology(&mut r2, w, 7.5), &rows);
        assert_eq!(report::csv(&a, false), report::csv(&b, false));
    }
}

#[test]
fn improving_an_indicator_never_lowers_the_score() {
    let mut r = Rng(14);
    for _ in 0..25 {
        let n = 3 + r.below(20);
        let rows = data(&mut r, n);
        let m = methodology(&mut r, (1.0, 2.0, 1.0), 1.0);
        let before = run(&m, &rows);
        let who = r.below(rows.len());
        let mut better = rows.clone();
        if r.chance(50) {
            better[who].1 += 1.0 + r.below(5) as f64;
        } else {
            better[who].2 += 1.0 + r.below(20) as f64;
        }
        let after = run(&m, &better);
        let key = &rows[who].0;
        let s0 = before
            .rows
            .iter()
            .find(|x| &x.key == key)
            .unwrap()
            .score
            .unwrap();
        let s1 = after
            .rows
            .iter()
            .find(|x| &x.key == key)
            .unwrap()
            .score
            .unwrap();
        assert!(s1 >= s0 - 1e-9, "{key}: {s0} → {s1}\n{m}");
    }
}
