//! `metodika uncertainty`: replications of a methodology with its uncertain choices drawn
//! anew — correct by construction checks (the nominal run, zero-width ranges, a drawn
//! replication against a run of that methodology) and as a user runs it.

use crate::util::root;
use metodika::engine::uncertainty::{replicate, variant, Outcome};
use metodika::{engine, load, report};

/// The ПОС example over its tables, with an uncertainty block.
fn pos_with(block: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("methodologies/pos");
    let text = std::fs::read_to_string(src.join("pos-2025-tables.metodika")).unwrap();
    // (without the example's own block)
    let text = text
        .split("# ---- Насколько устойчивы места")
        .next()
        .unwrap()
        .to_string();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    for q in ["2025-q3.csv", "2025-q4.csv"] {
        std::fs::copy(src.join("data").join(q), dir.path().join("data").join(q)).unwrap();
    }
    let p = dir.path().join("u.metodika");
    std::fs::write(&p, format!("{text}\nuncertainty {{\n{block}\n}}\n")).unwrap();
    (dir, p)
}

fn load(p: &std::path::Path) -> (metodika::check::Methodology, engine::RunOptions) {
    let opts = load::options_for(p);
    let loaded = load::load_file(p, &opts).unwrap();
    let m = loaded
        .methodology
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    (m, opts)
}

const BLOCK: &str = "    runs 300
    seed 7
    weights +-20%
    weight answered_on_time 80..120
    normalize response_days: minmax | goalposts(1, 20)
    normalize satisfaction: goalposts(50%, 90%)
    missing response_days: mean
    noise satisfaction +-5%";

/// The outcome of `engine::run` in the order of `keys`.
fn run_outcome(
    m: &metodika::check::Methodology,
    opts: &engine::RunOptions,
    keys: &[String],
) -> Outcome {
    let r = engine::run(m, opts).unwrap();
    let row = |k: &String| r.rows.iter().find(|x| &x.key == k).unwrap();
    Outcome {
        place: keys.iter().map(|k| row(k).place).collect(),
        score: keys.iter().map(|k| row(k).score).collect(),
        // (a zone by its index among the methodology's)
        zone: keys
            .iter()
            .map(|k| {
                let z = row(k).zone.as_deref()?;
                m.zones.iter().position(|x| x.name == z)
            })
            .collect(),
    }
}

/// The nominal replication is `run`, to the last bit; a replication with a given draw is
/// a run of the methodology with the drawn choices written in — by the polars plan too.
#[test]
fn the_nominal_run_and_each_drawn_replication_are_runs() {
    let (_dir, p) = pos_with(BLOCK);
    let (m, opts) = load(&p);
    let reps = replicate(&m, &opts, Some(40), None, &|_| {}).unwrap();
    assert_eq!(reps.runs.len(), 40);
    assert_eq!(reps.seed, 7);
    assert_eq!(reps.nominal, run_outcome(&m, &opts, &reps.keys));
    let differs = reps.runs.iter().filter(|o| *o != &reps.nominal).count();
    assert!(differs > 0, "the replications vary");
    // without noise, a drawn replication is exactly a run of the drawn methodology, by
    // the dense evaluator and by the polars plan
    let (_dir2, p2) = pos_with(&BLOCK.replace("    noise satisfaction +-5%", ""));
    let (m2, opts2) = load(&p2);
    let reps2 = replicate(&m2, &opts2, Some(12), None, &|_| {}).unwrap();
    let u2 = m2.uncertainty.clone().unwrap();
    for r in 0..12u64 {
        let (v, noise) = variant(&m2, &u2, 7, r, 85);
        assert!(noise.is_empty());
        assert_eq!(
            reps2.runs[r as usize],
            run_outcome(&v, &opts2, &reps2.keys),
            "replication {r}"
        );
        let mut polars = opts2.clone();
        polars.dense = Some(false);
        assert_eq!(
            reps2.runs[r as usize],
            run_outcome(&v, &polars, &reps2.keys),
            "replication {r} by polars"
        );
    }
}

/// Ranges of zero width give intervals of zero width: every replication is the nominal.
#[test]
fn zero_width_ranges_give_zero_width_intervals() {
    let block = "    runs 50\n    weights +-0%\n    weight answered_on_time 100..100\n    noise satisfaction +-0%";
    let (_dir, p) = pos_with(block);
    let (m, opts) = load(&p);
    let reps = replicate(&m, &opts, None, None, &|_| {}).unwrap();
    assert_eq!(reps.runs.len(), 50);
    for o in &reps.runs {
        assert_eq!(o, &reps.nominal);
    }
    for s in report::uncertainty::summarize(&reps, 10) {
        let (median, lo, hi) = s.place.unwrap();
        assert_eq!(
            (median, lo, hi),
            (
                s.nominal.0.unwrap(),
                s.nominal.0.unwrap(),
                s.nominal.0.unwrap()
            )
        );
        let (mean, a, b) = s.score.unwrap();
        assert_eq!(
            (mean, a, b),
            (
                s.nominal.1.unwrap(),
                s.nominal.1.unwrap(),
                s.nominal.1.unwrap()
            )
        );
        let zone = reps
            .zones
            .iter()
            .position(|(z, _)| Some(z) == s.nominal.2.as_ref())
            .unwrap();
        assert_eq!(s.zones[zone], 1.0);
    }
}

/// Weights drawn ±p keep each group's total (the maximum stays 1000 points), a member's
/// range stays within its bounds, and every alternative is drawn.
#[test]
fn draws_keep_totals_and_ranges_and_reach_every_alternative() {
    let (_dir, p) = pos_with(BLOCK);
    let (m, _) = load(&p);
    let u = m.uncertainty.clone().unwrap();
    let ind = |name: &str| m.indicators.iter().position(|x| x.name == name).unwrap();
    let (rd, on_time) = (ind("response_days"), ind("answered_on_time"));
    let mut normalizations = std::collections::BTreeSet::new();
    for r in 0..400 {
        let (v, noise) = variant(&m, &u, 7, r, 85);
        for (g, h) in m.groups.iter().zip(&v.groups) {
            assert!(
                (g.total_weight() - h.total_weight()).abs() < 1e-9,
                "{}",
                g.name
            );
        }
        let w = v
            .groups
            .iter()
            .flat_map(|g| &g.members)
            .find(|x| x.node == metodika::check::ir::NodeRef::Indicator(on_time))
            .unwrap()
            .weight;
        assert!((80.0..120.0).contains(&w), "{w}");
        normalizations.insert(v.indicators[rd].normalization.name());
        for (_, f) in &noise {
            assert!(f.iter().all(|k| (0.95..1.05).contains(k)));
        }
    }
    assert_eq!(normalizations.len(), 2, "{normalizations:?}"); // goalposts (nominal and alternative), minmax
}

/// As a user runs it: the same bytes for a seed whatever the thread count, other bytes
/// for another seed; every format; the zone shares of a region add up to 1.
#[test]
fn the_command_line_is_deterministic_and_gives_every_format() {
    let (_dir, p) = pos_with(BLOCK);
    let run = |args: &[&str], threads: &str| {
        let o = crate::util::bin()
            .arg("uncertainty")
            .arg(&p)
            .args(args)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let a = run(&["--runs", "200", "--format", "csv"], "1");
    let b = run(&["--runs", "200", "--format", "csv"], "2");
    let c = run(&["--runs", "200", "--format", "csv", "--seed", "8"], "2");
    assert_eq!(a, b);
    assert_ne!(a, c);
    let mut rows = csv::Reader::from_reader(a.as_bytes());
    let header = rows.headers().unwrap().clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "key",
            "label",
            "place",
            "score",
            "zone",
            "place_median",
            "place_p05",
            "place_p95",
            "score_mean",
            "score_p05",
            "score_p95",
            "p_green",
            "p_yellow",
            "p_red",
            "p_top10",
            "ranked"
        ]
    );
    let mut n = 0;
    for r in rows.records() {
        let r = r.unwrap();
        let p: f64 = (11..14).map(|i| r[i].parse::<f64>().unwrap()).sum();
        assert!((p - 1.0).abs() < 1e-12, "{r:?}");
        let (lo, med, hi): (f64, f64, f64) = (
            r[6].parse().unwrap(),
            r[5].parse().unwrap(),
            r[7].parse().unwrap(),
        );
        assert!(lo <= med && med <= hi, "{r:?}");
        n += 1;
    }
    assert_eq!(n, 85);
    let j: serde_json::Value =
        serde_json::from_str(&run(&["--runs", "50", "--format", "json"], "2")).unwrap();
    assert_eq!(j["runs"], 50);
    assert_eq!(j["regions"].as_array().unwrap().len(), 85);
    let t = run(&["--runs", "50", "--top", "5"], "2");
    assert!(
        t.contains("50 replications (seed 7)") && t.contains("top 5"),
        "{t}"
    );
    let md = run(&["--runs", "50", "--format", "markdown"], "2");
    assert!(md.starts_with("### ") && md.contains("| --- |"), "{md}");
    // one replication is one, in the caption and in what `--output` says it wrote
    assert!(run(&["--runs", "1"], "2").contains(": 1 replication (seed 7)"));
    let out = _dir.path().join("один.csv");
    let o = crate::util::bin()
        .arg("uncertainty")
        .arg(&p)
        .args(["--runs", "1", "--format", "csv", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("(1 replication)"), "{said}");
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 86);
}

/// Refusals as a user meets them: no block, `--runs 0`.
#[test]
fn the_command_line_refuses_what_it_cannot_draw() {
    let none = root().join("methodologies/pos/pos-2025.metodika");
    let o = crate::util::bin()
        .arg("uncertainty")
        .arg(&none)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no `uncertainty` block"));
    let (_dir, p) = pos_with(BLOCK);
    let o = crate::util::bin()
        .args(["uncertainty", p.to_str().unwrap(), "--runs", "0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("at least one replication"));
}

/// A group's alternative aggregations are drawn as often as its nominal one, and a
/// replication is the run of the methodology with the drawn aggregation written in.
#[test]
fn alternative_aggregations_are_drawn_and_run() {
    let dir = crate::util::temp_with(&[
        (
            "d.csv",
            "code,name,a,b\nA,Альфа,1,9\nB,Бета,5,5\nC,Гамма,9,2\nD,Дельта,3,3\n",
        ),
        (
            "m.metodika",
            "methodology \"М\" { key code label name }\n\
             input d \"d.csv\"\n\
             indicator a \"A\" { value = d.a better higher normalize minmax(0.1, 1) }\n\
             indicator b \"B\" { value = d.b better higher normalize minmax(0.1, 1) }\n\
             group g \"G\" mean { a weight 1  b weight 1 }\n\
             score \"S\" { g }\n\
             uncertainty { runs 60 aggregate g: geometric | min }\n",
        ),
    ]);
    let p = dir.path().join("m.metodika");
    let (m, opts) = load(&p);
    let reps = replicate(&m, &opts, None, None, &|_| {}).unwrap();
    let u = m.uncertainty.clone().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for r in 0..60u64 {
        let (v, _) = variant(&m, &u, 1, r, 4);
        seen.insert(v.groups[0].aggregation.name());
        assert_eq!(
            reps.runs[r as usize],
            run_outcome(&v, &opts, &reps.keys),
            "replication {r}"
        );
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
}

/// The walk-through of docs/uncertainty.md: the ПОС example's own uncertainty block
/// (10,000 replications, weights ±20%, two alternative normalizations), as printed.
#[test]
fn golden_uncertainty_of_the_example() {
    let text = golden_command("uncertainty", "pos-2025-tables-uncertainty.txt");
    // the doc quotes these lines
    let doc = std::fs::read_to_string(root().join("docs/uncertainty.md")).unwrap();
    let cli = std::fs::read_to_string(root().join("docs/cli.md")).unwrap();
    for key in ["28", "13", "06", "44", "65", "12"] {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(key))
            .unwrap();
        assert!(
            doc.contains(line),
            "docs/uncertainty.md should quote:\n{line}"
        );
        assert!(
            key != "28" || cli.contains(line),
            "docs/cli.md should quote:\n{line}"
        );
    }
}

/// `metodika COMMAND methodologies/pos/pos-2025-tables.metodika` from the crate's root,
/// its output held to tests/golden/GOLDEN.
pub fn golden_command(command: &str, golden: &str) -> String {
    let o = crate::util::bin()
        .args([command, "methodologies/pos/pos-2025-tables.metodika"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    crate::util::snapshot(&root().join("tests/golden").join(golden), &text);
    text
}

/// The naive plan — each replication a whole run by the polars plan, its inputs read
/// again — gives the very bytes of the replications from prepared stages.
#[test]
fn the_naive_plan_gives_the_same_bytes() {
    let (_dir, p) = pos_with(&BLOCK.replace("    noise satisfaction +-5%", ""));
    let run = |naive: bool| {
        let mut c = crate::util::bin();
        c.arg("uncertainty")
            .arg(&p)
            .args(["--runs", "25", "--format", "csv"]);
        if naive {
            c.arg("--naive");
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    assert_eq!(run(false), run(true));
}

/// Bad blocks, each refused by `check` with its code: alternatives the methodology
/// itself could not have (E305 points not summed, E306 a geometric mean over a
/// normalization reaching 0), a range that leaves the other members no weight, absurd
/// runs (E701) — never a panic.
#[test]
fn bad_blocks_are_refused_with_their_codes() {
    let base = "methodology \"М\" { key code label name }\n\
                input d \"d.csv\"\n\
                indicator a \"A\" { value = d.a better higher normalize minmax(0.1, 1) }\n\
                indicator b \"B\" { value = d.b better higher normalize minmax(0.1, 1) }\n\
                indicator c \"C\" { value = d.a better higher normalize minmax }\n\
                group g \"G\" geometric { a b }\n\
                group p \"P\" { c points 10 }\n\
                score \"S\" { g weight 60%  p weight 40% }\n";
    let codes = |block: &str| {
        let dir = crate::util::temp_with(&[
            ("d.csv", "code,name,a,b\nA,Альфа,1,9\nB,Бета,5,5\n"),
            ("m.metodika", &format!("{base}uncertainty {{ {block} }}\n")),
        ]);
        let p = dir.path().join("m.metodika");
        let loaded = load::load_file(&p, &load::options_for(&p)).unwrap();
        loaded
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes("aggregate p: mean"), ["E305"]);
    assert_eq!(codes("normalize a: minmax"), ["E306"]);
    assert_eq!(codes("weight g 0%..100%"), ["E702"]);
    assert_eq!(codes("weight g -"), ["E001"]);
    assert_eq!(codes("runs 99999999999999999999999"), ["E701"]);
    assert_eq!(codes("noise c +-0%  noise c +-1%"), ["E204"]);
    assert!(codes("weights +-20%  weight g 10%..90%").is_empty());
}

/// Tie-breakers and zone rules may read input columns: the replications keep those
/// columns (the prepared stages leave out only what no later stage reads), so each
/// replication is still the run of its methodology.
#[test]
fn replications_keep_the_inputs_tie_breakers_and_zones_read() {
    let dir = crate::util::temp_with(&[
        (
            "d.csv",
            "code,name,a,b,c\nA,Альфа,1,9,3\nB,Бета,5,5,8\nC,Гамма,9,2,1\nD,Дельта,3,3,6\nE,Эпсилон,9,1,9\n",
        ),
        (
            "m.metodika",
            "methodology \"М\" { key code label name }\n\
             input d \"d.csv\"\n\
             indicator a \"A\" { value = d.a better higher normalize minmax }\n\
             indicator b \"B\" { value = d.b better higher normalize minmax }\n\
             score \"S\" { a weight 1  b weight 1 }\n\
             rank { round 0  ties dense  then d.c desc }\n\
             zones { hi \"Высокая\" when d.c >= 6  lo \"Низкая\" otherwise }\n\
             uncertainty { runs 40 weights +-60% }\n",
        ),
    ]);
    let p = dir.path().join("m.metodika");
    let (m, opts) = load(&p);
    let reps = replicate(&m, &opts, None, None, &|_| {}).unwrap();
    let u = m.uncertainty.clone().unwrap();
    let zones: std::collections::BTreeSet<_> =
        reps.runs.iter().flat_map(|o| o.zone.clone()).collect();
    assert_eq!(zones.len(), 2, "{zones:?}");
    for r in 0..40u64 {
        let (v, _) = variant(&m, &u, 1, r, 5);
        assert_eq!(
            reps.runs[r as usize],
            run_outcome(&v, &opts, &reps.keys),
            "replication {r}"
        );
    }
}

/// The replications added up as they stream (`uncertainty` on the command line, whose
/// memory does not grow with `--runs`) give the very summary of the replications kept —
/// across several chunks of replications, every place, share and score the same bits.
#[test]
fn replications_tallied_as_they_stream_give_the_kept_summary() {
    let (_dir, p) = pos_with(BLOCK);
    let (m, opts) = load(&p);
    let kept = replicate(&m, &opts, Some(9000), Some(3), &|_| {}).unwrap();
    let streamed =
        metodika::engine::uncertainty::replicate_tallied(&m, &opts, Some(9000), Some(3), &|_| {})
            .unwrap();
    assert!(streamed.runs.is_empty(), "nothing kept");
    assert_eq!(kept.tally.runs, 9000);
    let a = report::uncertainty::summarize(&kept, 10);
    let b = report::uncertainty::summarize(&streamed, 10);
    assert_eq!(a, b);
    // and the summary is the replications': region by region, by hand
    for (i, s) in a.iter().enumerate().take(5) {
        let mut places: Vec<f64> = kept.runs.iter().filter_map(|o| o.place[i]).collect();
        places.sort_by(f64::total_cmp);
        let k =
            |p: f64| places[((p * places.len() as f64).ceil() as usize).clamp(1, places.len()) - 1];
        assert_eq!(s.place, Some((k(0.5), k(0.05), k(0.95))), "{}", s.key);
        let top = kept
            .runs
            .iter()
            .filter(|o| o.place[i].is_some_and(|p| p <= 10.0))
            .count() as f64
            / 9000.0;
        assert_eq!(s.top, top);
    }
}
