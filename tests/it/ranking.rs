//! Properties of the ranking on generated data: row order does not matter, improving an
//! indicator never lowers a score (monotone normalizations), scaling relative weights
//! changes nothing, every region appears once, places agree with the tie method.

use crate::util::{run_text, Rng};
use metodika::engine::Ranking;
use metodika::report;

/// Random data: `n` regions with columns a, b, c (c sometimes missing), values drawn
/// from a few levels so that ties happen.
pub(crate) fn data(r: &mut Rng, n: usize) -> Vec<(String, f64, f64, Option<f64>)> {
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

pub(crate) fn csv(rows: &[(String, f64, f64, Option<f64>)]) -> String {
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

pub(crate) fn methodology(r: &mut Rng, weights: (f64, f64, f64), scale: f64) -> String {
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
        // the same places and scores (rounded as the rank says); group results the same
        // but for the last bits of w/Σw, which differ between the scales
        assert_eq!(a.rows.len(), b.rows.len());
        for (x, y) in a.rows.iter().zip(&b.rows) {
            assert_eq!((&x.key, x.place, x.score), (&y.key, y.place, y.score));
            for (gx, gy) in x.groups.iter().zip(&y.groups) {
                let (gx, gy) = (gx.unwrap(), gy.unwrap());
                assert!((gx - gy).abs() <= 1e-12 * gx.abs().max(1.0), "{gx} {gy}");
            }
        }
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

/// Issue 11, item 5: CSV and JSON write the shortest decimal that reads back to the very
/// f64 the run computed — a published index can be checked to the last bit, and small raw
/// values keep their digits.
#[test]
fn csv_and_json_numbers_read_back_bit_for_bit() {
    let m = "methodology \"Точность\" { key code }\ninput t \"d.csv\"\n\
             indicator tiny \"Малая доля\" { value = t.a / 1000000 better higher normalize minmax }\n\
             indicator third \"Треть\" { value = t.b / 3 better higher normalize zscore }\n\
             indicator big \"Большое\" { value = t.a * 1e15 better lower normalize rank }\n\
             score \"S\" { tiny weight 1  third weight 2  big weight 3 }\n";
    let data = "code,a,b\nA,993.421,1\nB,0.1,2\nC,0.0001,7\nD,12345.6789,0.3\n";
    let r = run_text(m, &[("d.csv", data)]).unwrap();
    let csv = report::csv(&r, true);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut seen = 0;
    for (line, row) in lines.zip(&r.rows) {
        let cells: Vec<&str> = line.split(',').collect();
        let cell = |name: &str| cells[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(
            cell("score").parse::<f64>().unwrap(),
            row.score.unwrap(),
            "{line}"
        );
        for (i, (name, _)) in r.indicators.iter().enumerate() {
            let d = &row.indicators[i];
            for (step, v) in [
                ("raw", d.raw),
                ("value", d.value),
                ("normalized", d.normalized),
                ("contribution", d.contribution),
            ] {
                let text = cell(&format!("{name}.{step}"));
                let v = v.unwrap();
                assert_eq!(
                    text.parse::<f64>().unwrap().to_bits(),
                    v.to_bits(),
                    "{name}.{step}: {text} vs {v:e}"
                );
                // the shortest: one digit fewer does not read back
                let shorter = format!("{:.*e}", f64_digits(text).saturating_sub(2), v);
                if f64_digits(text) > 1 {
                    assert_ne!(
                        shorter.parse::<f64>().unwrap().to_bits(),
                        v.to_bits(),
                        "{text} is not the shortest"
                    );
                }
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 4 * 3 * 4);
    // small raw values keep their digits; thirds keep all 16
    assert!(csv.contains(",0.000993421,"), "{csv}");
    assert!(csv.contains(",1e-10,"), "{csv}");
    assert!(csv.contains(",0.3333333333333333,"), "{csv}");
    assert!(csv.contains(",9.93421e17,"), "{csv}");

    let j: serde_json::Value = serde_json::from_str(&report::json(&r, true)).unwrap();
    for (jr, row) in j["rows"].as_array().unwrap().iter().zip(&r.rows) {
        assert_eq!(
            jr["score"].as_f64().unwrap().to_bits(),
            row.score.unwrap().to_bits()
        );
        for (i, (name, _)) in r.indicators.iter().enumerate() {
            let d = &row.indicators[i];
            assert_eq!(
                jr["indicators"][name]["raw"].as_f64().unwrap().to_bits(),
                d.raw.unwrap().to_bits()
            );
            assert_eq!(
                jr["indicators"][name]["contribution"]
                    .as_f64()
                    .unwrap()
                    .to_bits(),
                d.contribution.unwrap().to_bits()
            );
        }
    }
    // the table keeps its rounding
    let t = report::table(&r, false);
    assert!(!t.contains("0.3333333"), "{t}");
}

/// The significant digits of a decimal as written (`0.000993421` → 6, `1e-10` → 1).
fn f64_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap();
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    digits
        .trim_start_matches('0')
        .trim_end_matches('0')
        .len()
        .max(1)
}

/// The back-end-neutral stages: indicators and groups by level, the zones' place ranges
/// resolved once (`top 3`, then `next 2` is places 4–5), the score and the order.
#[test]
fn stages_state_levels_and_zone_ranges_once() {
    use metodika::stages::{Stages, Take};
    let text = "methodology \"М\" { key code }\ninput t \"d.csv\"\n\
                indicator a \"A\" { value = t.x better higher normalize minmax }\n\
                indicator b \"B\" { value = a * 2 better higher normalize minmax }\n\
                indicator c \"C\" { value = b + a better lower normalize rank }\n\
                group g \"G\" { a  b }\n\
                score \"S\" { g weight 2  c weight 1 }\n\
                rank { round 2 ties competition then t.x desc }\n\
                zones { top3 \"Лучшие\" top 3  next2 \"Следующие\" next 2  high \"Высокий\" when score >= 0.5  rest \"Прочие\" otherwise }\n";
    let m = metodika::syntax::parse(text).unwrap();
    let c = metodika::check::check(&m, &metodika::check::NoHeaders);
    let m = c.methodology.expect("checks");
    let st = Stages::of(&m);
    let names = |level: &Vec<usize>| -> Vec<String> {
        level
            .iter()
            .map(|&i| m.indicators[i].name.clone())
            .collect()
    };
    let levels: Vec<Vec<String>> = st.raw_levels.iter().map(names).collect();
    assert_eq!(levels, [["a"], ["b"], ["c"]]);
    let groups: Vec<Vec<&str>> = st
        .group_levels
        .iter()
        .map(|l| l.iter().map(|&g| m.groups[g].name.as_str()).collect())
        .collect();
    assert_eq!(groups, [vec!["g"], vec!["score"]]);
    assert_eq!(st.score.group, m.score_index());
    assert_eq!(st.score.round, Some(2));
    assert_eq!(st.order.tie_breakers.len(), 1);
    let zones: Vec<String> = st
        .zones
        .iter()
        .map(|z| match &z.take {
            Take::Places { after, upto } => format!("{} {after}..{upto}", z.name),
            Take::When(_) => format!("{} when", z.name),
            Take::Rest => format!("{} rest", z.name),
        })
        .collect();
    assert_eq!(zones, ["top3 0..3", "next2 3..5", "high when", "rest rest"]);
}

/// Issue 19, item 6: for every normalization and both directions, a region that gets
/// better on an indicator — a higher value under `better higher`, a lower one under
/// `better lower` — never loses score (bands, written as the methodologist means them,
/// only under `better higher`).
#[test]
fn getting_better_never_lowers_the_score_in_either_direction() {
    let norms = [
        "minmax",
        "minmax(0.1, 1)",
        "goalposts(1, 12)",
        "zscore",
        "rank",
        "ratio_to_best",
        "target(5)",
        "none",
        "bands { >= 6 : 1  >= 3 : 0.5  else : 0 }",
    ];
    let mut r = Rng(19);
    let mut checked = 0;
    for norm in norms {
        for better in ["higher", "lower"] {
            if better == "lower" && norm.starts_with("bands") {
                continue;
            }
            for _ in 0..6 {
                let n = 3 + r.below(15);
                // a strictly positive, so that `lower` may divide by it
                let rows: Vec<_> = data(&mut r, n)
                    .into_iter()
                    .map(|(k, a, b, c)| (k, a + 1.0, b, c))
                    .collect();
                let m = format!(
                    "methodology \"П\" {{ key region_code }}\ninput t \"d.csv\"\n\
                     indicator a \"A\" {{ value = t.a better {better} normalize {norm} }}\n\
                     indicator b \"B\" {{ value = t.b better higher normalize minmax }}\n\
                     score \"S\" {{ a weight 2  b weight 1 }}\n"
                );
                let before = run(&m, &rows);
                let who = r.below(rows.len());
                let mut moved = rows.clone();
                let step = 0.5 + r.below(4) as f64;
                moved[who].1 = match better {
                    "higher" => moved[who].1 + step,
                    _ => (moved[who].1 - step).max(0.25),
                };
                let after = run(&m, &moved);
                let key = &rows[who].0;
                let score = |rk: &Ranking| {
                    rk.rows
                        .iter()
                        .find(|x| &x.key == key)
                        .unwrap()
                        .score
                        .unwrap()
                };
                let (s0, s1) = (score(&before), score(&after));
                assert!(
                    s1 >= s0 - 1e-9,
                    "{norm}, better {better}, {key}: {s0} → {s1}\n{m}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 6 * (9 * 2 - 1));
}
