//! The HTML reports in a real browser: headless Chromium (Debian's) driven by
//! puppeteer-core (`.ci/browser.sh` installs both) loads each report as a reader opens
//! it, and the test reads the rendered page — every region exactly once, the zone
//! colours, no console error, no request to anything at all — and checks the charts'
//! geometry against the run's own numbers: bar lengths in proportion to the scores, map
//! points at the administrative centres' coordinates (projected here anew), the slope
//! chart's places, the scatter's scores, the uncertainty intervals. Screenshots are
//! saved under target/browser-artefacts/ (and, with METODIKA_SCREENSHOTS=1, the README's
//! under docs/).

use crate::util::root;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn metodika(args: &[&str]) -> std::process::Output {
    crate::util::bin()
        .args(args)
        .current_dir(root())
        .env("METODIKA_LANG", "en")
        .output()
        .expect("metodika runs")
}

fn ok(args: &[&str]) -> String {
    let o = metodika(args);
    assert!(
        o.status.success(),
        "metodika {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8")
}

/// puppeteer-core, installed when missing (CI installs it first).
fn puppeteer() -> PathBuf {
    let dir = root().join("target/browser-node/node_modules/puppeteer-core");
    crate::util::ensure_part("browser", "browser.sh", || {
        dir.join("package.json").exists() && Path::new("/usr/bin/chromium").metadata().is_ok()
    });
    dir
}

pub fn artefacts() -> PathBuf {
    let d = root().join("target/browser-artefacts");
    std::fs::create_dir_all(&d).expect("artefacts directory");
    d
}

/// What Chromium made of the page at `html`.
pub(crate) fn inspect(html: &Path, extra: &[&str]) -> Value {
    let o = Command::new("node")
        .arg(root().join("tests/browser/inspect.js"))
        .arg(html)
        .args(extra)
        .env("PUPPETEER_CORE", puppeteer())
        .output()
        .expect("node runs");
    assert!(
        o.status.success(),
        "inspect.js: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    // nothing went wrong, and nothing was fetched
    for what in ["console", "pageErrors", "dialogs", "requests"] {
        assert_eq!(
            v[what],
            serde_json::json!([]),
            "{what} of {}",
            html.display()
        );
    }
    v
}

/// The CSV's rows as maps of column → text.
fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let heads = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            heads
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn num(v: &Value) -> f64 {
    match v {
        Value::String(s) => s.parse().unwrap_or_else(|_| panic!("a number: {s}")),
        Value::Number(n) => n.as_f64().expect("f64"),
        other => panic!("a number: {other}"),
    }
}

/// The keyed elements of a section with a tag and class.
fn marks<'v>(page: &'v Value, section: &str, tag: &str, class: &str) -> Vec<&'v Value> {
    page["keyed"]
        .as_array()
        .expect("keyed")
        .iter()
        .filter(|e| {
            e["inside"] == section
                && e["tag"] == tag
                && (class.is_empty()
                    || e["cls"]
                        .as_str()
                        .unwrap_or("")
                        .split(' ')
                        .any(|c| c == class))
        })
        .collect()
}

fn key(e: &Value) -> String {
    e["attrs"]["data-key"].as_str().expect("key").to_string()
}

/// The keys of `marks`, each exactly once.
fn once(marks: &[&Value]) -> BTreeSet<String> {
    let keys: Vec<String> = marks.iter().map(|e| key(e)).collect();
    let set: BTreeSet<String> = keys.iter().cloned().collect();
    assert_eq!(set.len(), keys.len(), "a region shown twice: {keys:?}");
    set
}

/// Light (rows) and strong (marks) colours of the ПОС example's zones, as CSS computes them.
fn zone_colours(zone: &str) -> (&'static str, &'static str) {
    match zone {
        "green" => ("rgb(198, 239, 206)", "rgb(46, 158, 79)"),
        "yellow" => ("rgb(255, 235, 156)", "rgb(224, 168, 0)"),
        "red" => ("rgb(255, 199, 206)", "rgb(214, 69, 65)"),
        z => panic!("a zone of the example: {z}"),
    }
}

/// Lambert's conformal conic projection (standard parallels 52° and 64° N, central
/// meridian 100° E, origin latitude 60° N), written here anew from the formula in
/// docs/reports.md.
fn lambert(lat: f64, lon: f64) -> (f64, f64) {
    let (p1, p2, p0, l0) = (
        52f64.to_radians(),
        64f64.to_radians(),
        60f64.to_radians(),
        100f64.to_radians(),
    );
    let t = |p: f64| (std::f64::consts::PI / 4.0 + p / 2.0).tan();
    let n = (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln();
    let f = p1.cos() * t(p1).powf(n) / n;
    let rho = |p: f64| f / t(p).powf(n);
    let th = n * (lon.to_radians() - l0);
    (
        rho(lat.to_radians()) * th.sin(),
        rho(p0) - rho(lat.to_radians()) * th.cos(),
    )
}

/// The administrative centres' coordinates by region code, from the copy built into the
/// binary — which is checked against the project's reference data where that is beside
/// the repository.
fn centres() -> BTreeMap<String, (f64, f64)> {
    let ours =
        std::fs::read_to_string(root().join("src/report/html/regions.csv")).expect("regions");
    let rows = csv_rows(&ours);
    let reference = root().join("../shared/reference/ru-regions.csv");
    if let Ok(text) = std::fs::read_to_string(&reference) {
        let refs = csv_rows(&text);
        assert_eq!(refs.len(), rows.len());
        for (a, b) in rows.iter().zip(&refs) {
            for col in [
                "code",
                "name",
                "short_name",
                "iso_3166_2",
                "capital",
                "capital_lat",
                "capital_lon",
            ] {
                assert_eq!(a[col], b[col], "{col} of {}", a["code"]);
            }
        }
    }
    rows.iter()
        .map(|r| {
            (
                r["code"].clone(),
                (
                    r["capital_lat"].parse().unwrap(),
                    r["capital_lon"].parse().unwrap(),
                ),
            )
        })
        .collect()
}

fn screenshots_to_docs(made: &[(&Path, &str)]) {
    if std::env::var_os("METODIKA_SCREENSHOTS").is_some() {
        for (from, name) in made {
            std::fs::copy(from, root().join("docs").join(name)).expect("copy a screenshot");
        }
    }
}

/// The pages of a PDF whose media box is A4 (595 × 842 points).
fn a4_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox [0 0 ")
        .skip(1)
        .filter(|rest| {
            let dims: Vec<f64> = rest
                .split(']')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            dims.len() == 2 && (dims[0] - 595.0).abs() < 1.0 && (dims[1] - 842.0).abs() < 1.0
        })
        .count()
}

#[test]
fn the_pos_report_in_a_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("pos.html");
    let file = "methodologies/pos/pos-2025.metodika";
    ok(&[
        "run",
        file,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    let rows = csv_rows(&ok(&["run", file, "--format", "csv"]));
    let art = artefacts();
    let (top, map_png, full) = (
        art.join("pos-report.png"),
        art.join("pos-report-map.png"),
        art.join("pos-report-full.png"),
    );
    let pdf = art.join("pos-report.pdf");
    let page = inspect(
        &html,
        &[
            "--view",
            top.to_str().unwrap(),
            "--shot",
            &format!("#map={}", map_png.display()),
            "--full",
            full.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(std::fs::metadata(&full).unwrap().len() > 10_000);
    // printed as the print stylesheet lays it out: A4 pages
    let printed = std::fs::read(&pdf).unwrap();
    assert!(printed.starts_with(b"%PDF-"));
    assert!(a4_pages(&printed) > 3, "pages: {}", a4_pages(&printed));
    screenshots_to_docs(&[(&top, "report-ranking.png"), (&map_png, "report-map.png")]);
    assert_eq!(page["lang"], "ru");
    assert_eq!(page["scripts"], 1);
    let title = page["title"].as_str().unwrap();
    assert!(title.contains("Платформе обратной связи"), "{title}");
    let text = page["bodyText"].as_str().unwrap();
    for heading in [
        "Рейтинг",
        "Зоны",
        "Карта",
        "Блоки",
        "Не участвуют в рейтинге",
        "Редакция",
        "2025.1",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    let by_key: BTreeMap<&str, &BTreeMap<String, String>> =
        rows.iter().map(|r| (r["key"].as_str(), r)).collect();
    let all: BTreeSet<String> = by_key.keys().map(|k| k.to_string()).collect();
    assert_eq!(all.len(), 85);

    // the ranking: every region exactly once, in the CSV's order, its zone's colour
    let table = marks(&page, "ranking", "tr", "");
    assert_eq!(once(&table), all);
    let order: Vec<String> = table.iter().map(|e| key(e)).collect();
    let csv_order: Vec<String> = rows.iter().map(|r| r["key"].clone()).collect();
    assert_eq!(order, csv_order);
    for tr in &table {
        let row = by_key[key(tr).as_str()];
        assert_eq!(tr["attrs"]["data-zone"], row["zone"].as_str());
        assert_eq!(tr["bg"], zone_colours(&row["zone"]).0, "row {}", key(tr));
        assert!(tr["text"].as_str().unwrap().contains(&row["label"]));
    }
    // the zone legend
    let legend: Vec<(String, String)> = page["legend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["zone"].as_str().unwrap().to_string(),
                l["swatch"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(legend.len(), 3);
    for (z, swatch) in &legend {
        assert_eq!(swatch, zone_colours(z).1);
    }

    // the bars: one per ranked region, its length in proportion to its score (the
    // score's maximum, 1000 points, is 520 units), in its zone's colour
    let bars = marks(&page, "scores", "rect", "bar");
    assert_eq!(once(&bars), all);
    let mut ratio = None;
    for b in &bars {
        let row = by_key[key(b).as_str()];
        let score: f64 = row["score"].parse().unwrap();
        assert_eq!(num(&b["attrs"]["data-value"]), score);
        let width = num(&b["attrs"]["width"]);
        assert!(
            (width - score * 0.52).abs() <= 0.0051,
            "bar {}: {width} for {score}",
            key(b)
        );
        assert_eq!(b["fill"], zone_colours(&row["zone"]).1);
        // as drawn on the screen, too: one scale for every bar
        let drawn = b["box"][2].as_f64().unwrap() / score;
        let r = *ratio.get_or_insert(drawn);
        assert!(
            (drawn / r - 1.0).abs() < 0.002,
            "bar {} drawn at {drawn}, not {r}",
            key(b)
        );
    }

    // the map: every region at its administrative centre, projected anew here; one
    // scale on both axes, north up
    let points = marks(&page, "map", "circle", "point");
    assert_eq!(once(&points), all);
    let centres = centres();
    let placed: Vec<((f64, f64), (f64, f64))> = points
        .iter()
        .map(|p| {
            let (lat, lon) = centres[&key(p)];
            assert_eq!(num(&p["attrs"]["data-lat"]), lat);
            assert_eq!(num(&p["attrs"]["data-lon"]), lon);
            assert_eq!(p["fill"], zone_colours(&by_key[key(p).as_str()]["zone"]).1);
            (
                lambert(lat, lon),
                (num(&p["attrs"]["cx"]), num(&p["attrs"]["cy"])),
            )
        })
        .collect();
    let west = placed
        .iter()
        .min_by(|a, b| a.0 .0.total_cmp(&b.0 .0))
        .unwrap();
    let east = placed
        .iter()
        .max_by(|a, b| a.0 .0.total_cmp(&b.0 .0))
        .unwrap();
    let s = (east.1 .0 - west.1 .0) / (east.0 .0 - west.0 .0);
    let (a, b) = (west.1 .0 - s * west.0 .0, west.1 .1 + s * west.0 .1);
    for ((x, y), (cx, cy)) in &placed {
        assert!((a + s * x - cx).abs() < 0.02, "x {cx} vs {}", a + s * x);
        assert!((b - s * y - cy).abs() < 0.02, "y {cy} vs {}", b - s * y);
    }

    // a chart per block, each with every ranked region once
    for block in ["connection", "messages", "voting"] {
        let bars: Vec<&Value> = marks(&page, "blocks", "rect", "bar")
            .into_iter()
            .filter(|e| e["block"] == block)
            .collect();
        assert_eq!(once(&bars), all, "{block}");
    }

    // each region's explanation, as `explain` prints it
    let details = marks(&page, "explanations", "details", "");
    assert_eq!(once(&details), all);
    let moscow = details.iter().find(|d| key(d) == "77").unwrap();
    // (the page explains in the methodology's language)
    let explained = ok(&["explain", file, "--region", "77", "--lang", "ru"]);
    let first = explained.lines().nth(1).unwrap();
    assert!(moscow["text"].as_str().unwrap().contains(first), "{first}");

    // sorting by the place column, twice: the last place first
    let sorted: Vec<String> = page["sorted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    let mut reversed = csv_order.clone();
    reversed.reverse();
    let place_of = |k: &str| by_key[k]["place"].parse::<f64>().unwrap();
    let places: Vec<f64> = sorted.iter().map(|k| place_of(k)).collect();
    assert!(places.windows(2).all(|w| w[0] >= w[1]), "{places:?}");
    assert_eq!(sorted.len(), 85);
}

#[test]
fn the_report_reads_the_same_with_scripts_off() {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("pos.html");
    ok(&[
        "run",
        "methodologies/pos/pos-2025-tables.metodika",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    let page = inspect(&html, &["--no-js"]);
    let table = marks(&page, "ranking", "tr", "");
    assert_eq!(once(&table).len(), 85);
    let text = page["bodyText"].as_str().unwrap();
    assert!(text.contains("Москва") && text.contains("Чукотский автономный округ"));
    assert!(page["sorted"].is_null());
}

#[test]
fn region_names_and_notes_from_a_file_are_shown_as_text() {
    let dir = crate::util::temp_with(&[
        (
            "m.metodika",
            "methodology \"Проверка <b>разметки</b>\" {\n    key code\n    label name\n    note \"<img src=x onerror=alert(2)> & 'кавычки' \\\"двойные\\\"\"\n}\ninput t \"t.csv\"\nindicator a \"A\" {\n    value = t.a\n    better higher\n    normalize minmax\n}\nscore \"Итог\" {\n    a weight 100%\n}\nexclude when t.a < 0 \"<script>alert(3)</script>\"\nzones {\n    green \"Зелёная\" top 1\n    red \"Красная\" otherwise\n}\n",
        ),
        (
            "t.csv",
            "code,name,a\nA1,\"<script>alert(1)</script>\",3\nA2,\"Имя с \"\"кавычками\"\" & 'апострофом'\",2\nA3,</td></tr><tr data-key=x>,1\nA4,Исключённый,-1\n",
        ),
    ]);
    let html = dir.path().join("r.html");
    ok(&[
        "run",
        dir.path().join("m.metodika").to_str().unwrap(),
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    let page = inspect(&html, &[]);
    assert_eq!(page["scripts"], 1, "only the report's own script");
    let text = page["bodyText"].as_str().unwrap();
    for shown in [
        "<script>alert(1)</script>",
        "Имя с \"кавычками\" & 'апострофом'",
        "</td></tr><tr data-key=x>",
        "<img src=x onerror=alert(2)> & 'кавычки' \"двойные\"",
        "<script>alert(3)</script>",
        "Проверка <b>разметки</b>",
    ] {
        assert!(text.contains(shown), "{shown} not shown as text");
    }
    let table = marks(&page, "ranking", "tr", "");
    assert_eq!(
        once(&table),
        ["A1", "A2", "A3", "A4"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    // a ranking of no Russian regions: no map, and it says so
    assert!(text.contains("карта не строится"), "{text}");
}

#[test]
fn the_diff_report_in_a_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("diff.html");
    let (old, new) = (
        "methodologies/pos/pos-2025.metodika",
        "methodologies/pos/pos-2026.metodika",
    );
    ok(&[
        "diff",
        old,
        new,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    let rows = csv_rows(&ok(&["diff", old, new, "--format", "csv"]));
    let json: Value = serde_json::from_str(&ok(&["diff", old, new, "--format", "json"])).unwrap();
    let shot = artefacts().join("pos-diff.png");
    let page = inspect(&html, &["--full", shot.to_str().unwrap()]);
    let all: BTreeSet<String> = rows.iter().map(|r| r["key"].clone()).collect();
    let by_key: BTreeMap<&str, &BTreeMap<String, String>> =
        rows.iter().map(|r| (r["key"].as_str(), r)).collect();
    assert_eq!(once(&marks(&page, "regions", "tr", "")), all);
    let text = page["bodyText"].as_str().unwrap();
    assert!(text.contains("Что меняет новая редакция"));
    // the correlation figures, as the JSON has them
    let rho = json["summary"]["spearman_rho"].as_f64().unwrap();
    assert!(
        text.contains(&format!("{rho:.3}").replace('.', ",")),
        "ρ {rho}"
    );
    // every structural change is listed (as the browser shows text: runs of spaces as one)
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = words(text);
    let changes = json["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    // (in the methodology's language: a Russian page says «добавлен в блок:», «60 баллов →
    // 50 баллов» where the JSON keeps the recorded `member added:`, `points 60 → points 50`)
    for c in changes {
        let name = c["name"].as_str().unwrap();
        // (the header's and the ranking's fields are named in Russian: «редакция»; an
        // uncertainty line says what it varies in words)
        let named = !matches!(c["area"].as_str(), Some("header" | "rank" | "uncertainty"));
        assert!(!named || name.is_empty() || shown.contains(name), "{c}");
        let what = c["what"].as_str().unwrap();
        // a normalization in words, never its code
        if let Some((_, rest)) = what.split_once("normalize: ") {
            assert!(!shown.contains(&words(rest)), "{c}");
        }
    }
    assert!(
        shown.contains(
            "нормирование: пороговая шкала → нормирование по целевым значениям от 0,5 до 0,9"
        ),
        "{shown}"
    );
    assert!(!shown.contains("goalposts") && !shown.contains("bands {"));
    assert!(
        shown.contains("добавлен в блок:") && shown.contains("60 баллов → 50 баллов"),
        "{shown}"
    );
    assert!(!shown.contains("member added") && !shown.contains("points 60"));
    // the slope chart: a line per region from its old place to its new one
    let lines = marks(&page, "slope", "line", "slope-line");
    assert_eq!(once(&lines), all);
    let y = |p: f64| 28.0 + (p - 1.0) * 14.0;
    for l in &lines {
        let r = by_key[key(l).as_str()];
        let (o, n): (f64, f64) = (
            r["old_place"].parse().unwrap(),
            r["new_place"].parse().unwrap(),
        );
        assert!((num(&l["attrs"]["y1"]) - y(o)).abs() < 0.006);
        assert!((num(&l["attrs"]["y2"]) - y(n)).abs() < 0.006);
    }
    // the scatter: old score across, new score up, one scale
    let scores: Vec<f64> = rows
        .iter()
        .flat_map(|r| {
            [
                r["old_score"].parse::<f64>().unwrap(),
                r["new_score"].parse().unwrap(),
            ]
        })
        .collect();
    let lo = scores.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let at = |v: f64| (v - lo) / (hi - lo) * 380.0;
    let points = marks(&page, "scatter", "circle", "point");
    assert_eq!(once(&points), all);
    for p in &points {
        let r = by_key[key(p).as_str()];
        let (o, n): (f64, f64) = (
            r["old_score"].parse().unwrap(),
            r["new_score"].parse().unwrap(),
        );
        assert!((num(&p["attrs"]["cx"]) - (40.0 + at(o))).abs() < 0.006);
        assert!((num(&p["attrs"]["cy"]) - (420.0 - at(n))).abs() < 0.006);
    }
    // the biggest moves: the ten largest, as the diff sorts them
    let moves = marks(&page, "moves", "tr", "");
    let expected: Vec<String> = rows
        .iter()
        .filter(|r| r["moved"] != "0")
        .take(10)
        .map(|r| r["key"].clone())
        .collect();
    assert_eq!(moves.iter().map(|m| key(m)).collect::<Vec<_>>(), expected);
}

#[test]
fn the_uncertainty_report_in_a_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("u.html");
    let file = "methodologies/pos/pos-2025-tables.metodika";
    let args = ["uncertainty", file, "--runs", "300", "--seed", "7"];
    ok(&[
        &args[..],
        &["--format", "html", "-o", html.to_str().unwrap()],
    ]
    .concat());
    let rows = csv_rows(&ok(&[&args[..], &["--format", "csv"]].concat()));
    let page = inspect(&html, &[]);
    let all: BTreeSet<String> = rows.iter().map(|r| r["key"].clone()).collect();
    assert_eq!(once(&marks(&page, "regions", "tr", "")), all);
    let groups = marks(&page, "intervals", "g", "interval");
    assert_eq!(once(&groups), all);
    // each interval from the 5% to the 95% place, on the chart's scale
    let max = rows
        .iter()
        .flat_map(|r| {
            [
                r["place_p95"].parse::<f64>().unwrap(),
                r["place"].parse().unwrap(),
            ]
        })
        .fold(1.0, f64::max);
    let x = |p: f64| 240.0 + (p - 1.0) / (max - 1.0) * (800.0 - 240.0);
    let html_text = std::fs::read_to_string(&html).unwrap();
    for r in &rows {
        let (lo, hi): (f64, f64) = (
            r["place_p05"].parse().unwrap(),
            r["place_p95"].parse().unwrap(),
        );
        let line = format!(
            r#"data-lo="{}" data-hi="{}" x1="{}" y1="#,
            r["place_p05"],
            r["place_p95"],
            (x(lo) * 100.0).round() / 100.0
        );
        assert!(html_text.contains(&line), "{} {line}", r["key"]);
        let x2 = format!(r#"x2="{}""#, (x(hi) * 100.0).round() / 100.0);
        assert!(html_text.contains(&x2), "{x2}");
    }
}

/// Issue 32: the audit's page in a browser — in the methodology's language, every
/// indicator's row once with the outliers marked, every block's heatmap with each cell's
/// correlation the JSON's, the weights and drop-one bars the JSON's values, nothing fetched,
/// no error; printed on A4.
#[test]
fn the_audit_page_in_a_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("audit.html");
    let file = "methodologies/pos/pos-2025-tables.metodika";
    ok(&[
        "audit",
        file,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    let audit: Value = serde_json::from_str(&ok(&["audit", file, "--format", "json"])).unwrap();
    let art = artefacts();
    let (top, pdf) = (art.join("audit-page.png"), art.join("audit-page.pdf"));
    let page = inspect(
        &html,
        &[
            "--view",
            top.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    screenshots_to_docs(&[(&top, "audit-page.png")]);
    assert_eq!(page["lang"], "ru");
    let text = page["bodyText"].as_str().unwrap();
    for want in [
        "Статистический анализ показателей: Рейтинг регионов по работе на Платформе обратной связи",
        "Что отмечено (18)",
        "альфа Кронбаха 0,610 ниже 0,7",
        "Веса: номинальные и фактические",
        "Исключение по одному",
    ] {
        assert!(text.contains(want), "{want}");
    }
    assert_eq!(
        page["sections"],
        serde_json::json!(["flags", "statistics", "blocks", "weights", "drops"])
    );
    // each indicator's row once, the outliers marked
    let rows = marks(&page, "statistics", "tr", "");
    let names: BTreeSet<String> = audit["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(once(&rows), names);
    for i in audit["indicators"].as_array().unwrap() {
        let row = rows.iter().find(|r| key(r) == i["name"]).unwrap();
        let flagged = row["cls"].as_str().unwrap().contains("flagged");
        assert_eq!(
            flagged,
            i["raw"]["outlier"].as_bool().unwrap(),
            "{}",
            i["name"]
        );
    }
    // every cell of every heatmap: the pair's correlation
    let cells = marks(&page, "blocks", "rect", "cell");
    let mut n = 0;
    for b in audit["blocks"].as_array().unwrap() {
        let members = b["members"].as_array().unwrap();
        for (i, x) in members.iter().enumerate() {
            for (j, y) in members.iter().enumerate() {
                let k = format!(
                    "{}:{}",
                    x["name"].as_str().unwrap(),
                    y["name"].as_str().unwrap()
                );
                let cell = cells
                    .iter()
                    .find(|c| key(c) == k && c["block"] == b["name"])
                    .unwrap_or_else(|| panic!("no cell {k}"));
                let r = &b["correlations"][i][j]["pearson"];
                assert_eq!(num(&cell["attrs"]["data-r"]), r.as_f64().unwrap(), "{k}");
                n += 1;
            }
        }
    }
    assert_eq!(cells.len(), n);
    // the bars: effective weights, and the mean shift of each drop-one run
    for w in audit["weights"].as_array().unwrap() {
        let bar = marks(&page, "weights", "rect", "filled")
            .into_iter()
            .find(|b| key(b) == w["name"])
            .unwrap();
        assert_eq!(
            num(&bar["attrs"]["data-value"]),
            w["importance"].as_f64().unwrap()
        );
    }
    for d in audit["drops"].as_array().unwrap() {
        let bar = marks(&page, "drops", "rect", "filled")
            .into_iter()
            .find(|b| key(b) == d["name"])
            .unwrap();
        assert_eq!(
            num(&bar["attrs"]["data-value"]),
            d["mean_shift"].as_f64().unwrap()
        );
    }
    assert!(a4_pages(&std::fs::read(&pdf).unwrap()) >= 3);
}
