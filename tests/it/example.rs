//! The ПОС example: its golden rankings, its oddities, and its data generator.

use crate::util::{root, snapshot};
use metodika::{engine, load, report};

fn ranking(file: &str) -> (metodika::check::Methodology, engine::Ranking) {
    let path = root().join("methodologies/pos").join(file);
    let opts = load::options_for(&path);
    let loaded = load::load_file(&path, &opts).unwrap();
    let m = loaded.methodology.expect("the example checks");
    let r = engine::run(&m, &opts).unwrap();
    (m, r)
}

/// The methodology run for a period (`None`: the newest, as `metodika run` does).
fn ranking_in(file: &str, period: Option<&str>) -> (metodika::check::Methodology, engine::Ranking) {
    let path = root().join("methodologies/pos").join(file);
    let mut opts = load::options_for(&path);
    let loaded = load::load_file(&path, &opts).unwrap();
    let m = loaded.methodology.expect("the example checks");
    opts.period = period.map(|p| metodika::periods::Period::parse(p, m.period.unwrap()).unwrap());
    let r = engine::run(&m, &opts).unwrap();
    (m, r)
}

/// Issue 13, item 5: pos-2025 and pos-2026 count their indicators from the platform's
/// records; without `--period`, the last quarter the records reach.
#[test]
fn golden_ranking_on_records() {
    let (_, r) = ranking("pos-2025.metodika");
    assert!(
        r.notes.iter().any(|n| n
            .text()
            .starts_with("period 2025-Q4 (2025-01-01 … 2025-12-31)")),
        "{:?}",
        r.notes
    );
    snapshot(
        &root().join("tests/golden/pos-2025.txt"),
        &report::table(&r, false),
    );
    snapshot(
        &root().join("tests/golden/pos-2025-detail.csv"),
        &report::csv(&r, true),
    );
    golden_table("pos-2026.metodika", "pos-2026.txt");
}

/// The four-quarter panel of the example: place and score in each quarter of 2025
/// (cumulative from January; the first quarter's growth against 2024's records).
#[test]
fn golden_panel_of_the_four_quarters() {
    let mut periods = Vec::new();
    for q in ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"] {
        let (_, r) = ranking_in("pos-2025.metodika", Some(q));
        assert_eq!(r.rows.len(), 85, "{q}");
        assert!(r.rows.iter().all(|x| x.place.is_some()), "{q}");
        periods.push((q.to_string(), r));
    }
    // the last quarter is the one the run takes without --period
    let (_, newest) = ranking("pos-2025.metodika");
    assert_eq!(report::csv(&periods[3].1, true), report::csv(&newest, true));
    let panel = report::Panel {
        title: "Рейтинг регионов по работе на Платформе обратной связи".into(),
        periods,
        detail: true,
    };
    snapshot(
        &root().join("tests/golden/pos-2025-panel.md"),
        &report::render_panel(&panel, report::Format::Markdown),
    );
}

/// What the records hold shows in the ranking: the region that held no votes has no
/// mean participants (0 by `missing zero`), records of a code that is not a region are
/// left out with a note, and the explanation gives each aggregate with its counts.
#[test]
fn the_records_ranking_has_every_region_and_the_oddities() {
    let (m, r) = ranking("pos-2025.metodika");
    assert_eq!(r.rows.len(), 85);
    let i = r
        .indicators
        .iter()
        .position(|(n, _)| n == "participants_per_vote")
        .unwrap();
    let chukotka = r.rows.iter().find(|x| x.key == "87").unwrap();
    assert_eq!(chukotka.indicators[i].raw, None);
    assert_eq!(chukotka.indicators[i].normalized, Some(0.0));
    assert!(
        r.notes.iter().any(|n| n.text().contains("2025-Q4: ")
            && n.text()
                .contains("not in the region tables left out (`unknown ignore`): `99`")),
        "{:?}",
        r.notes
    );
    let text = report::explain(&m, &r, "87").unwrap();
    snapshot(&root().join("tests/golden/pos-2025-explain-87.txt"), &text);
    assert!(
        text.contains("count(votes where kind == \"голосование\"): 0 of"),
        "{text}"
    );
}

#[test]
fn golden_ranking_2025() {
    golden_table("pos-2025-tables.metodika", "pos-2025-tables.txt");
    let (_, r) = ranking("pos-2025-tables.metodika");
    snapshot(
        &root().join("tests/golden/pos-2025-tables-detail.csv"),
        &report::csv(&r, true),
    );
}

#[test]
fn golden_ranking_2026() {
    golden_table("pos-2026-tables.metodika", "pos-2026-tables.txt");
}

#[test]
fn golden_explanation() {
    let (m, r) = ranking("pos-2025-tables.metodika");
    snapshot(
        &root().join("tests/golden/pos-2025-tables-explain-13.txt"),
        &report::explain(&m, &r, "13").unwrap(),
    );
}

#[test]
fn the_2025_ranking_has_every_region_and_the_oddities() {
    let (_, r) = ranking("pos-2025-tables.metodika");
    assert_eq!(r.rows.len(), 85);
    assert!(r.rows.iter().all(|x| x.place.is_some()));
    // two regions report identical figures and share a place (dense: the next is +1)
    let a = r.rows.iter().find(|x| x.key == "28").unwrap();
    let b = r.rows.iter().find(|x| x.key == "13").unwrap();
    assert_eq!(a.place, b.place);
    let next = r
        .rows
        .iter()
        .find(|x| x.place.unwrap() > a.place.unwrap())
        .unwrap();
    assert_eq!(next.place.unwrap(), a.place.unwrap() + 1.0);
    // the region without votes gets nothing for average participants per vote
    let i = r
        .indicators
        .iter()
        .position(|(n, _)| n == "participants_per_vote")
        .unwrap();
    let chukotka = r.rows.iter().find(|x| x.key == "87").unwrap();
    assert_eq!(chukotka.indicators[i].raw, None);
    assert_eq!(chukotka.indicators[i].normalized, Some(0.0));
    // the missing figure is filled by the median
    let d = r
        .indicators
        .iter()
        .position(|(n, _)| n == "response_days")
        .unwrap();
    let kbr = r.rows.iter().find(|x| x.key == "07").unwrap();
    assert!(kbr.indicators[d].was_missing && kbr.indicators[d].value.is_some());
    // all three zones are used
    for z in ["green", "yellow", "red"] {
        assert!(
            r.rows.iter().any(|x| x.zone.as_deref() == Some(z)),
            "no region in {z}"
        );
    }
}

#[test]
fn every_quarter_runs() {
    let path = root().join("methodologies/pos/pos-2025-tables.metodika");
    for (cur, prev) in [("2025-q2", "2025-q1"), ("2025-q3", "2025-q2")] {
        let mut opts = load::options_for(&path);
        let data = root().join("methodologies/pos/data");
        opts.inputs
            .insert("current".into(), data.join(format!("{cur}.csv")));
        opts.inputs
            .insert("previous".into(), data.join(format!("{prev}.csv")));
        let loaded = load::load_file(&path, &opts).unwrap();
        let r = engine::run(loaded.methodology.as_ref().unwrap(), &opts).unwrap();
        assert_eq!(r.rows.len(), 85, "{cur}");
    }
}

#[test]
fn the_generator_reproduces_the_data_byte_for_byte() {
    let Ok(status) = std::process::Command::new("python3")
        .arg("--version")
        .status()
    else {
        panic!("python3 is needed to rerun the data generator");
    };
    assert!(status.success());
    let out = tempfile::tempdir().unwrap();
    let ok = std::process::Command::new("python3")
        .arg(root().join("methodologies/pos/generate.py"))
        .arg("--out")
        .arg(out.path())
        .status()
        .unwrap();
    assert!(ok.success());
    for q in 1..=4 {
        let name = format!("2025-q{q}.csv");
        let fresh = std::fs::read(out.path().join(&name)).unwrap();
        let committed = std::fs::read(root().join("methodologies/pos/data").join(&name)).unwrap();
        assert!(
            fresh == committed,
            "{name} differs from the generator's output"
        );
    }
}

/// The committed record sample is what generate_records.py writes, byte for byte (in
/// the pinned Python environment of `.ci/peers.sh`: numpy and pyarrow).
#[test]
fn the_records_generator_reproduces_the_sample_byte_for_byte() {
    let py = peers_python();
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(&py)
        .arg(root().join("methodologies/pos/generate_records.py"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let committed = root().join("methodologies/pos/data/records");
    let mut names: Vec<String> = std::fs::read_dir(&committed)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "messages-2024.parquet",
            "messages-2025.parquet",
            "organizations.parquet",
            "projects.parquet",
            "sites.parquet",
            "votes.parquet"
        ]
    );
    for name in names {
        let fresh = std::fs::read(out.path().join(&name)).unwrap();
        let kept = std::fs::read(committed.join(&name)).unwrap();
        assert!(fresh == kept, "{name} differs from the generator's output");
    }
}

/// Issue 11, item 12: a regional run is evaluated directly on vectors (or planned with
/// a few of polars' passes); the results are the very same, digit for digit, as with the
/// polars plan and its whole optimizer — for both ПОС methodologies, with and without
/// `--detail` (`util::same_by_every_evaluator`; every engine test, every example of the
/// language reference and every methodology of the corpus go through it too).
#[test]
fn every_evaluator_gives_the_same_ranking_of_the_example() {
    for file in [
        "methodologies/pos/pos-2025-tables.metodika",
        "methodologies/pos/pos-2026-tables.metodika",
    ] {
        let path = root().join(file);
        let opts = load::options_for(&path);
        let m = load::load_file(&path, &opts).unwrap().methodology.unwrap();
        let r = crate::util::same_by_every_evaluator(&m, &opts).unwrap();
        assert_eq!(r.rows.len(), 85, "{file}");
    }
}

/// Issue 19, item 2: the ПОС 2025 golden ranking is the one the independent peers compute
/// (benches/peers/pos_pandas.py and pos_polars.py, written by hand from the methodology's
/// text): the same regions in the same order, places, scores to 6 decimals and zones.
/// Their Python environment is made by `.ci/peers.sh` (which CI runs), or here when it is
/// missing.
#[test]
fn the_golden_ranking_is_the_one_the_independent_peers_compute() {
    let py = peers_python();
    let (_, r) = ranking("pos-2025-tables.metodika");
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("metodika.csv");
    std::fs::write(&ours, report::csv(&r, false)).unwrap();
    let data = root().join("methodologies/pos/data");
    for peer in ["pos_pandas.py", "pos_polars.py"] {
        let args = [data.join("2025-q4.csv"), data.join("2025-q3.csv")];
        same_ranking_as_peer(&py, peer, &args, &ours, dir.path());
    }
}

/// The pinned Python environment of the peers (`.ci/peers.sh`, which CI runs; made here
/// when it is missing).
pub fn peers_python() -> std::path::PathBuf {
    let py = root().join("target/peers-venv/bin/python");
    crate::util::ensure_part("peers", "peers.sh", || {
        std::process::Command::new(&py)
            .args([
                "-c",
                "import pandas, polars, pyarrow, numpy, SALib, openpyxl, msoffcrypto, duckdb, chdb",
            ])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    py
}

/// Issue 13: the ranking on records, in every quarter of 2025, is the one the peers
/// compute from the same Parquet files by hand (benches/peers/pos_records_pandas.py and
/// pos_records_polars.py: their own filters, windows and group_bys, then the rating).
#[test]
fn the_records_ranking_is_the_one_the_independent_peers_compute() {
    let py = peers_python();
    let dir = tempfile::tempdir().unwrap();
    let pos = root().join("methodologies/pos");
    for q in ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"] {
        let (_, r) = ranking_in("pos-2025.metodika", Some(q));
        let ours = dir.path().join(format!("{q}.csv"));
        std::fs::write(&ours, report::csv(&r, false)).unwrap();
        for peer in ["pos_records_pandas.py", "pos_records_polars.py"] {
            let args = [pos.join("data/records"), pos.join("regions.csv"), q.into()];
            same_ranking_as_peer(&py, peer, &args, &ours, dir.path());
        }
    }
}

/// Issue 13: one quarter of a multi-year file reads only the row groups its dates can be
/// in — METODIKA_TIMINGS says how many, and polars' own report of its scans
/// (POLARS_VERBOSE) reads exactly those.
#[test]
fn a_quarter_of_a_multi_year_file_reads_only_its_row_groups() {
    use polars::prelude::*;
    let records = root().join("methodologies/pos/data/records");
    let dir = tempfile::tempdir().unwrap();
    let both = dir.path().join("messages.parquet");
    let mut df = concat(
        [2024, 2025].map(|y| {
            LazyFrame::scan_parquet(
                PlRefPath::new(
                    records
                        .join(format!("messages-{y}.parquet"))
                        .to_str()
                        .unwrap(),
                ),
                ScanArgsParquet::default(),
            )
            .unwrap()
        }),
        UnionArgs::default(),
    )
    .unwrap()
    .collect()
    .unwrap();
    ParquetWriter::new(std::fs::File::create(&both).unwrap())
        .with_row_group_size(Some(5_000))
        .finish(&mut df)
        .unwrap();
    let o = crate::util::bin()
        .args([
            "run",
            "methodologies/pos/pos-2025.metodika",
            "--period",
            "2025-Q1",
            "--format",
            "csv",
        ])
        .arg("--input")
        .arg(format!("messages={}", both.display()))
        .current_dir(root())
        .env("METODIKA_TIMINGS", "1")
        .env("POLARS_VERBOSE", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    // ours: the quarter, and the quarter before for growth (2024-Q4: all of 2024)
    let ours: Vec<(usize, usize)> = err
        .lines()
        .filter(|l| l.contains("records `messages`") && l.contains(" row groups ("))
        .map(|l| {
            let t = l.split(": reads ").nth(1).unwrap();
            let mut w = t.split_whitespace();
            let n = w.next().unwrap().parse().unwrap();
            let all = w.nth(1).unwrap().parse().unwrap();
            (n, all)
        })
        .collect();
    assert_eq!(ours.len(), 2, "{err}");
    let all = ours[0].1;
    assert!(all > 30, "{err}");
    // the first quarter of 2025: about an eighth of the two years, not all of them
    assert!(ours[0].0 * 4 < all, "{ours:?}");
    // polars' scans of this file (those that read any)
    let mut theirs: Vec<(usize, usize)> = err
        .lines()
        .filter_map(|l| l.strip_prefix("[ParquetFileReader]: Predicate pushdown: reading "))
        .map(|t| {
            let (n, m) = t.split_once(" / ").unwrap();
            (
                n.parse().unwrap(),
                m.split_whitespace().next().unwrap().parse().unwrap(),
            )
        })
        .filter(|&(n, m)| m == all && n > 0)
        .collect();
    let mut ours = ours;
    ours.sort();
    theirs.sort();
    assert_eq!(ours, theirs, "{err}");
}

/// Run the peer script with `args` and require it to give the ranking in `ours` (a
/// metodika CSV): the same regions in the same order, places, scores and zones
/// (benches/peers/same_ranking.py).
fn same_ranking_as_peer(
    py: &std::path::Path,
    peer: &str,
    args: &[std::path::PathBuf],
    ours: &std::path::Path,
    dir: &std::path::Path,
) {
    let o = std::process::Command::new(py)
        .arg(root().join("benches/peers").join(peer))
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{peer} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let theirs = dir.join(format!("{peer}.csv"));
    std::fs::write(&theirs, &o.stdout).unwrap();
    let cmp = std::process::Command::new(py)
        .arg(root().join("benches/peers/same_ranking.py"))
        .arg(ours)
        .arg(&theirs)
        .output()
        .unwrap();
    assert!(
        cmp.status.success(),
        "{peer} {args:?} ranks otherwise: {}",
        String::from_utf8_lossy(&cmp.stderr)
    );
}

/// The ranking of a methodology of the example, as `metodika run` prints it, against its
/// golden file under tests/golden/.
fn golden_table(file: &str, golden: &str) {
    let (_, r) = ranking(file);
    snapshot(
        &root().join("tests/golden").join(golden),
        &report::table(&r, false),
    );
}
