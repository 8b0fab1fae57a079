//! `diff`: rank correlations on hand-worked examples, attribution, structural changes,
//! period mode, `git:` sources, and the command line.

use crate::util::{root, run_text, temp_with};
use metodika::diff::{self, kendall_tau_b, spearman};
use metodika::{check, syntax};

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-12, "expected {b}, got {a}");
}

#[test]
fn spearman_and_kendall_without_ties() {
    // ranks 1..5 against 1 2 3 5 4: d² = 0+0+0+1+1 = 2; ρ = 1 − 6·2 / (5·24) = 0.9
    let a = [1.0, 2.0, 3.0, 4.0, 5.0];
    let b = [1.0, 2.0, 3.0, 5.0, 4.0];
    close(spearman(&a, &b), 0.9);
    // 10 pairs, one discordant: τ = (9 − 1) / 10
    close(kendall_tau_b(&a, &b), 0.8);
    // reversed
    let r = [5.0, 4.0, 3.0, 2.0, 1.0];
    close(spearman(&a, &r), -1.0);
    close(kendall_tau_b(&a, &r), -1.0);
}

#[test]
fn spearman_and_kendall_with_ties() {
    // a: 1 2 2 4 (dense places would be 1 2 2 3: the same ranks up to order)
    // b: 1 3 2 4
    let a = [1.0, 2.0, 2.0, 3.0];
    let b = [1.0, 3.0, 2.0, 4.0];
    // fractional ranks: a = 1, 2.5, 2.5, 4; b = 1, 3, 2, 4
    // mean 2.5; a−m = −1.5, 0, 0, 1.5; b−m = −1.5, .5, −.5, 1.5
    // cov = 2.25 + 0 + 0 + 2.25 = 4.5; var a = 4.5; var b = 2.25+.25+.25+2.25 = 5
    close(spearman(&a, &b), 4.5 / (4.5f64 * 5.0).sqrt());
    // pairs: (1,2) C, (1,3) C, (1,4) C, (2,3) tie in a only, (2,4) C, (3,4) C
    // nc = 5, nd = 0, ties only in a = 1, only in b = 0 → τ-b = 5 / sqrt(6 · 5)
    close(kendall_tau_b(&a, &b), 5.0 / (6.0f64 * 5.0).sqrt());
    // no variance: undefined
    assert_eq!(spearman(&[1.0, 1.0], &[1.0, 2.0]), None);
}

/// Kendall's τ-b by definition, pair by pair: the reference for the O(n log n) algorithm.
fn tau_b_pairwise(a: &[f64], b: &[f64]) -> Option<f64> {
    let (mut c, mut d, mut ta, mut tb) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..a.len() {
        for j in i + 1..a.len() {
            let (da, db) = (a[i].total_cmp(&a[j]) as i64, b[i].total_cmp(&b[j]) as i64);
            match (da, db) {
                (0, 0) => {}
                (0, _) => ta += 1,
                (_, 0) => tb += 1,
                _ if da == db => c += 1,
                _ => d += 1,
            }
        }
    }
    let (n1, n2) = ((c + d + ta) as f64, (c + d + tb) as f64);
    (n1 > 0.0 && n2 > 0.0).then(|| (c - d) as f64 / (n1 * n2).sqrt())
}

/// Issue 11, item 9: Knight's algorithm gives what the definition gives, with ties in
/// either ranking, in both, and none.
#[test]
fn kendall_matches_the_pairwise_definition() {
    let mut r = crate::util::Rng(2024);
    for case in 0..400 {
        let n = 2 + r.below(60);
        // few distinct values → many ties; many → few
        let k = [2, 3, 5, 1000][case % 4];
        let a: Vec<f64> = (0..n).map(|_| r.below(k) as f64).collect();
        let b: Vec<f64> = (0..n).map(|_| r.below(k) as f64 * 0.5).collect();
        let (fast, slow) = (kendall_tau_b(&a, &b), tau_b_pairwise(&a, &b));
        match (fast, slow) {
            (Some(x), Some(y)) => assert!((x - y).abs() < 1e-12, "{a:?} {b:?}: {x} vs {y}"),
            (x, y) => assert_eq!(x, y, "{a:?} {b:?}"),
        }
    }
    // a million units, one swap: (n0 − 2) / n0
    let n = 1_000_000;
    let a: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let mut b = a.clone();
    b.swap(10, 11);
    let n0 = (n as f64) * (n as f64 - 1.0) / 2.0;
    close(kendall_tau_b(&a, &b), (n0 - 2.0) / n0);
}

fn checked(text: &str) -> check::Methodology {
    let m = syntax::parse(text).unwrap();
    let c = check::check(&m, &check::NoHeaders);
    assert!(c.errors().next().is_none(), "{:?}", c.diagnostics);
    c.methodology.unwrap()
}

const BASE: &str = "methodology \"Т\" {\n    version \"1\"\n    key region_code\n}\n\ninput t \"d.csv\"\n\n\
exclude when t.x < 0 \"нет\"\n\n\
indicator a \"A\" {\n    value = t.x / 2\n    better higher\n    normalize minmax\n    missing zero\n}\n\n\
indicator b \"B\" {\n    value = t.y\n    better lower\n    transform log\n    normalize goalposts(0, 10)\n}\n\n\
group g \"G\" {\n    a weight 60%\n    b weight 40%\n}\n\nscore \"S\" sum {\n    g\n}\n\n\
rank {\n    round 1\n    ties dense\n    then a desc\n}\n\n\
zones {\n    green \"З\" when score >= 0.5\n    red \"К\" otherwise\n}\n";

#[test]
fn formatting_only_changes_are_not_changes() {
    let old = checked(BASE);
    // the same, reformatted, commented and reordered
    let messy = BASE
        .replace("    value = t.x / 2\n", "  value=t.x/2   # половина\n")
        .replace("group g \"G\" {", "# группа\ngroup g \"G\" {");
    let new = checked(&metodika::fmt::format(
        &syntax::parse(&messy).unwrap(),
        &messy,
    ));
    assert_eq!(diff::changes(&old, &new), vec![]);
    let new = checked(&messy);
    assert_eq!(diff::changes(&old, &new), vec![]);
}

/// The same number written otherwise (`30%` for `0.3`, `1_000` for `1000`) is no change;
/// a changed one is said as the new edition writes it.
#[test]
fn numbers_are_compared_by_value_and_said_as_written() {
    let old = checked(&BASE.replace("goalposts(0, 10)", "goalposts(0.3, 0.9)"));
    let new = checked(&BASE.replace("goalposts(0, 10)", "goalposts(30%, 90%)"));
    assert_eq!(diff::changes(&old, &new), vec![]);
    let unc = "\nuncertainty {\n    normalize b: goalposts(25%, 95%) | rank\n}\n";
    let old = checked(&format!("{BASE}{unc}"));
    let new = checked(&format!("{BASE}{}", unc.replace("25%", "20%")));
    let text: Vec<String> = diff::changes(&old, &new)
        .iter()
        .map(|c| c.what.clone())
        .collect();
    assert_eq!(
        text,
        ["normalize b: goalposts(25%, 95%) | rank → normalize b: goalposts(20%, 95%) | rank"]
    );
}

#[test]
fn each_kind_of_change_is_detected() {
    let old = checked(BASE);
    let cases: &[(&str, &str, &str)] = &[
        (
            "value = t.x / 2",
            "value = t.x / 3",
            "value: t.x / 2 → t.x / 3",
        ),
        ("transform log\n", "transform log1p\n", "transform:"),
        (
            "normalize minmax\n",
            "normalize zscore\n",
            "normalize: minmax → zscore",
        ),
        (
            "normalize goalposts(0, 10)",
            "normalize goalposts(0, 20)",
            "normalize: goalposts(0, 10) → goalposts(0, 20)",
        ),
        // numbers as the methodology writes them (issue 38, item 4): `30%`, not `0.3`
        (
            "normalize goalposts(0, 10)",
            "normalize goalposts(30%, 90%)",
            "normalize: goalposts(0, 10) → goalposts(30%, 90%)",
        ),
        (
            "transform log\n",
            "transform log, winsorize(5%, 95%), cap(0, 1_000)\n",
            "transform: log → log, winsorize(5%, 95%), cap(0, 1_000)",
        ),
        ("missing zero", "missing median", "missing: zero → median"),
        (
            "missing zero\n",
            "missing zero\n    outliers auto\n",
            "outliers: none → auto(5)",
        ),
        ("better lower", "better higher", "better: lower → higher"),
        (
            "a weight 60%\n    b weight 40%",
            "a weight 50%\n    b weight 50%",
            "a: weight 60% → weight 50%",
        ),
        ("round 1", "round 2", "1 → 2"),
        ("ties dense", "ties competition", "dense → competition"),
        (
            "then a desc",
            "then a desc, b asc",
            "a desc → a desc, b asc",
        ),
        (
            "score >= 0.5",
            "score >= 0.6",
            "green \"З\" when score >= 0.5 → green \"З\" when score >= 0.6",
        ),
        (
            "\"нет\"",
            "\"исключён\"",
            "added: when t.x < 0 \"исключён\"",
        ),
        ("version \"1\"", "version \"2\"", "1 → 2"),
        (
            "score \"S\" sum {",
            "score \"S\" mean {",
            "aggregation: sum → mean",
        ),
    ];
    for (from, to, expect) in cases {
        let new = checked(&BASE.replace(from, to));
        let ch = diff::changes(&old, &new);
        let text: Vec<String> = ch
            .iter()
            .map(|c| format!("{} {} {}", c.area, c.name, c.what))
            .collect();
        assert!(
            text.iter().any(|t| t.contains(expect)),
            "{from} → {to}: expected `{expect}` in {text:?}"
        );
    }
    // added and removed indicators
    let plus = BASE.replace(
        "group g \"G\" {",
        "indicator c \"C\" {\n    value = t.x\n    better higher\n}\n\ngroup g \"G\" {",
    );
    let plus = plus.replace("b weight 40%", "b weight 30%\n    c weight 10%");
    let new = checked(&plus);
    let ch = diff::changes(&old, &new);
    assert!(
        ch.iter()
            .any(|c| c.area == "indicator" && c.name == "c" && c.what.starts_with("added")),
        "{ch:?}"
    );
    assert!(
        ch.iter()
            .any(|c| c.area == "group" && c.what.contains("member added: c")),
        "{ch:?}"
    );
    let ch = diff::changes(&new, &old);
    assert!(
        ch.iter()
            .any(|c| c.area == "indicator" && c.name == "c" && c.what.starts_with("removed")),
        "{ch:?}"
    );
}

/// A revision of the uncertainty block moves no place, but shows as a change of the
/// methodology: each choice added, removed or changed, written as it reads.
#[test]
fn uncertainty_choices_show_as_changes() {
    let block = "uncertainty {\n    runs 500\n    weights +-20%\n    weight a 50%..70%\n    \
                 normalize a: zscore | rank\n    missing a: mean\n    noise b +-5%\n}\n";
    let old = checked(BASE);
    let new = checked(&format!("{BASE}\n{block}"));
    let text = |ch: Vec<diff::Change>| -> Vec<String> {
        ch.iter()
            .map(|c| format!("{} | {} | {}", c.area, c.name, c.what))
            .collect()
    };
    assert_eq!(
        text(diff::changes(&old, &new)),
        [
            "uncertainty | runs | added: runs 500",
            "uncertainty | seed | added: seed 1",
            "uncertainty | weights | added: weights +-20%",
            "uncertainty | weight a | added: weight a 50%..70%",
            "uncertainty | normalize a | added: normalize a: zscore | rank",
            "uncertainty | missing a | added: missing a: mean",
            "uncertainty | noise b | added: noise b +-5%",
        ]
    );
    let revised = checked(&format!(
        "{BASE}\n{}",
        block
            .replace("+-20%", "+-25%")
            .replace("    noise b +-5%\n", "")
            .replace("zscore | rank", "zscore")
    ));
    assert_eq!(
        text(diff::changes(&new, &revised)),
        [
            "uncertainty | weights | weights +-20% → weights +-25%",
            "uncertainty | normalize a | normalize a: zscore | rank → normalize a: zscore",
            "uncertainty | noise b | removed: noise b +-5%",
        ]
    );
    assert_eq!(diff::changes(&new, &new), vec![]);
}

const DATA: &str =
    "region_code,region_name,x,y\nA,Альфа,10,1\nB,Бета,20,5\nC,Гамма,30,2\nD,Дельта,40,9\n";

fn two_runs(old: &str, new: &str) -> diff::Diff {
    let o = run_text(old, &[("d.csv", DATA)]).unwrap();
    let n = run_text(new, &[("d.csv", DATA)]).unwrap();
    diff::diff(&checked(old), &o, &checked(new), &n)
}

#[test]
fn attribution_adds_up_to_the_score_change() {
    let old = BASE.replace("round 1", "round 6");
    let new = old.replace(
        "a weight 60%\n    b weight 40%",
        "a weight 20%\n    b weight 80%",
    );
    let d = two_runs(&old, &new);
    assert!(
        d.summary.up + d.summary.down > 0,
        "the revision moves someone"
    );
    for r in &d.regions {
        let sum: f64 = r.all_indicators.iter().map(|x| x.1).sum();
        let change = r.new_score.unwrap() - r.old_score.unwrap();
        assert!((sum - change).abs() < 1e-5, "{}: {sum} vs {change}", r.key);
        // the group's change is the sum of its indicators'
        if let Some((g, gd)) = r.top_groups.first() {
            assert_eq!(g, "g");
            assert!((gd - sum).abs() < 1e-9);
        }
    }
    // sorted by the size of the move
    let moves: Vec<f64> = d.regions.iter().map(|r| r.moved.unwrap().abs()).collect();
    assert!(moves.windows(2).all(|w| w[0] >= w[1]), "{moves:?}");
}

#[test]
fn exclusions_show_as_such() {
    let new = BASE.replace("exclude when t.x < 0", "exclude when t.x > 35");
    let d = two_runs(BASE, &new);
    let dd = d.regions.iter().find(|r| r.key == "D").unwrap();
    assert_eq!(dd.new_excluded.as_deref(), Some("нет"));
    assert_eq!(dd.moved, None);
    assert_eq!(d.summary.ranked_changed, 1);
    let text = metodika::report::diff_table(&d);
    assert!(text.contains("excl."), "{text}");
}

#[test]
fn a_region_excluded_on_both_sides_is_unchanged() {
    // issue 11, item 2: a diff of a file with itself reported the excluded region as
    // "ranked on one side only"
    let both = BASE.replace("exclude when t.x < 0", "exclude when t.x > 35");
    let d = two_runs(&both, &both);
    assert_eq!(d.summary.ranked_changed, 0);
    assert_eq!(d.summary.ranked_neither, 1);
    assert_eq!(
        (d.summary.up, d.summary.down, d.summary.unchanged),
        (0, 0, 3)
    );
    let text = metodika::report::render_diff(&d, metodika::report::Format::Table);
    assert!(text.contains("1 not ranked on either side"), "{text}");
    assert!(!text.contains("one side only"), "{text}");
}

fn metodika(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    crate::util::bin()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// `metodika diff pos-2025 pos-2026 ARGS…` from the crate's root.
fn pos_diff(args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "diff",
        "methodologies/pos/pos-2025-tables.metodika",
        "methodologies/pos/pos-2026-tables.metodika",
    ];
    all.extend_from_slice(args);
    metodika(&all, &root())
}

#[test]
fn the_pos_revision_from_the_command_line() {
    let o = pos_diff(&["--format", "markdown"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = String::from_utf8(o.stdout).unwrap();
    for want in [
        "**Methodology changes**",
        "indicator `hearing_participation` «Участники публичных слушаний на 1000 жителей»: added",
        "normalize: bands",
        "rank `then`",
        "Spearman's ρ",
        "Kendall's τ-b",
        "top 10",
        "zone changes",
        "| move | old | new |",
    ] {
        assert!(md.contains(want), "`{want}` not in:\n{md}");
    }
    assert_eq!(pos_diff(&["--fail-on-move", "3"]).status.code(), Some(3));
    assert_eq!(pos_diff(&["--fail-on-move", "100"]).status.code(), Some(0));
    let o = pos_diff(&["--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["regions"].as_array().unwrap().len(), 85);
    let o = pos_diff(&["--format", "csv"]);
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 86);
    // in Russian, every change in the glossary's words: no normalization, zone rule or
    // line of the uncertainty block as code (issue 31)
    let o = pos_diff(&["--format", "markdown", "--lang", "ru"]);
    let md = String::from_utf8(o.stdout).unwrap();
    let changes = md
        .split("**Изменения методики**")
        .nth(1)
        .and_then(|s| s.split("**Последствия**").next())
        .unwrap_or_else(|| panic!("{md}"));
    for want in [
        "нормирование: пороговая шкала → нормирование по целевым значениям от 0,5 до 0,9",
        "удалено: 10000 прогонов",
        "удалено: начальное значение генератора 2025",
        "удалено: веса всех показателей и блоков ±20 %",
        "удалено: нормирование показателя «Среднее время подготовки ответа»: линейное нормирование",
        "«Доля сообщений, отработанных в срок» по убыванию, «Удовлетворённость граждан ответами» по убыванию, «Среднее время подготовки ответа» по возрастанию",
    ] {
        assert!(changes.contains(want), "`{want}` not in:\n{changes}");
    }
    for code in [
        "goalposts",
        "bands",
        "minmax",
        "runs ",
        "seed ",
        "+-",
        " desc",
        " asc",
    ] {
        assert!(!changes.contains(code), "`{code}` in:\n{changes}");
    }
}

/// `diff --format sarif`: each methodology change on the line of the new edition where it
/// is written (the revision's own file, or the base it inherits from), with what it did
/// to the ranking; a failed gate an error. Only a comparison has SARIF.
#[test]
fn a_diff_as_sarif_puts_each_change_on_its_line() {
    let o = pos_diff(&["--format", "sarif", "--fail-on-move", "3"]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    let new =
        std::fs::read_to_string(root().join("methodologies/pos/pos-2026-tables.metodika")).unwrap();
    let added = results
        .iter()
        .find(|r| {
            r["ruleId"] == "methodology-change"
                && r["message"]["text"]
                    .as_str()
                    .unwrap()
                    .contains("hearing_participation")
        })
        .unwrap_or_else(|| panic!("{v:#}"));
    let place = &added["locations"][0]["physicalLocation"];
    let line = place["region"]["startLine"].as_u64().unwrap() as usize;
    assert_eq!(
        place["artifactLocation"]["uri"],
        "methodologies/pos/pos-2026-tables.metodika"
    );
    assert!(
        new.lines()
            .nth(line - 1)
            .unwrap()
            .contains("hearing_participation"),
        "line {line}"
    );
    // the effect on the ranking is said with each change; the gate that failed is an error
    assert!(added["message"]["text"]
        .as_str()
        .unwrap()
        .contains("The methodology's changes move"));
    assert_eq!(added["level"], "warning");
    let gate = results.iter().find(|r| r["ruleId"] == "gate").unwrap();
    assert_eq!(gate["level"], "error");
    // without a gate that fails: notes, and exit 0
    let o = pos_diff(&["--format", "sarif"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["level"] == "note"));
    // a ranking has no SARIF: `run` does not list it, and refuses it before anything runs
    let o = metodika(
        &[
            "run",
            "methodologies/pos/pos-2026-tables.metodika",
            "--format",
            "sarif",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("invalid value 'sarif' for '--format <FORMAT>'")
            && err.contains("[possible values: table, csv, csv-excel, xlsx, html, json, markdown]"),
        "{err}"
    );
}

#[test]
fn period_mode() {
    let root = root();
    let o = metodika(
        &[
            "diff",
            "methodologies/pos/pos-2025-tables.metodika",
            "--old-input",
            "current=methodologies/pos/data/2025-q3.csv",
            "--old-input",
            "previous=methodologies/pos/data/2025-q2.csv",
        ],
        &root,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.contains("methodology: no changes"), "{t}");
    assert!(t.contains("85 regions"), "{t}");
}

/// `metodika diff git:HEAD:m/rating.metodika m/rating.metodika --format json` in `d`.
fn diff_with_head(d: &std::path::Path) -> serde_json::Value {
    let args = [
        "diff",
        "git:HEAD:m/rating.metodika",
        "m/rating.metodika",
        "--format",
        "json",
    ];
    let o = metodika(&args, d);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

/// A `git:` source on records reads its record inputs at the revision too, every year
/// of a `{year}` template.
#[test]
fn git_sources_read_record_inputs_and_their_years_at_a_revision() {
    let git = crate::util::git;
    let m = "methodology \"Записи\" { key code label name period quarterly cumulative }\n\
             input regions \"regions.csv\"\n\
             records messages \"d/messages-{year}.csv\" { key code date created }\n\
             indicator growth \"Прирост\" { value = count(messages) / previous(count(messages)) better higher normalize none }\n\
             score \"S\" { growth }\n";
    let regions = "code,name\nA,Альфа\nB,Бета\n";
    let y2024 = "code,created\nA,2024-05-01\nB,2024-06-01\nB,2024-07-01\n";
    let y2025 = "code,created\nA,2025-02-01\nA,2025-03-01\nB,2025-03-02\n";
    let dir = temp_with(&[
        ("m/rating.metodika", m),
        ("m/regions.csv", regions),
        ("m/d/messages-2024.csv", y2024),
        ("m/d/messages-2025.csv", y2025),
    ]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "first"]);
    // an uncommitted record of 2024: B's growth in 2025-Q1 falls
    std::fs::write(
        d.join("m/d/messages-2024.csv"),
        format!("{y2024}B,2024-08-01\n"),
    )
    .unwrap();
    let j = diff_with_head(d);
    let b = j["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "B")
        .unwrap()
        .clone();
    // B: 1 message in 2025-Q1 against 2 in 2024 (committed), against 3 now
    assert_eq!(b["old_score"].as_f64(), Some(0.5), "{b}");
    assert!(
        (b["new_score"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12,
        "{b}"
    );
}

#[test]
fn git_sources_read_the_file_and_its_inputs_at_a_revision() {
    let git = crate::util::git;
    let m = BASE.replace("round 1", "round 6");
    let dir = temp_with(&[("m/rating.metodika", &m), ("m/d.csv", DATA)]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "first"]);
    // an uncommitted change of the methodology and of the data
    std::fs::write(
        d.join("m/rating.metodika"),
        m.replace(
            "a weight 60%\n    b weight 40%",
            "a weight 10%\n    b weight 90%",
        ),
    )
    .unwrap();
    std::fs::write(
        d.join("m/d.csv"),
        DATA.replace("D,Дельта,40,9", "D,Дельта,40,1"),
    )
    .unwrap();
    let j = diff_with_head(d);
    let changes = j["changes"].as_array().unwrap();
    assert!(
        changes.iter().any(|c| c["what"]
            .as_str()
            .unwrap()
            .contains("weight 60% → weight 10%")),
        "{changes:?}"
    );
    // the old side read the committed data: D's y was 9 there, 1 now
    let dd = j["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "D")
        .unwrap()
        .clone();
    assert_ne!(dd["old_score"], dd["new_score"]);
    // the same revision on both sides: nothing changes
    let o = metodika(
        &[
            "diff",
            "git:HEAD:m/rating.metodika",
            "git:HEAD:m/rating.metodika",
        ],
        d,
    );
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("methodology: no changes"));
    // a path that is not in the revision: a new file (issue 38, item 6), not a wrong
    // command line
    let o = metodika(
        &["diff", "git:HEAD:m/none.metodika", "m/rating.metodika"],
        d,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("`m/none.metodika` is new"));
    // paths inside the repository only (issue 19, item 8); `/` begins at its root, so
    // `/etc/passwd` is a file of the repository, not of the machine
    let o = metodika(&["diff", "git:HEAD:/etc/passwd", "m/rating.metodika"], d);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("`etc/passwd` is new"));
    for outside in ["git:HEAD:../m/rating.metodika", "git:HEAD:/../x.metodika"] {
        let o = metodika(&["diff", outside, "m/rating.metodika"], d);
        assert_eq!(o.status.code(), Some(2), "{outside}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("is not inside the repository"),
            "{outside}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // a revision that does not exist, in a full clone: how to fetch it
    let o = metodika(
        &[
            "diff",
            "git:origin/main:m/rating.metodika",
            "m/rating.metodika",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains(
            "git has no revision `origin/main` here. Fetch it first: `git fetch origin main`"
        ),
        "{e}"
    );
}

/// Issue 11, item 6: parentheses, layout and constant spelling are not changes; the
/// expression trees are compared — in values, exclusions, tie-breakers and zone rules.
#[test]
fn parentheses_are_not_a_change() {
    let old = checked(BASE);
    let new = checked(
        &BASE
            .replace("value = t.x / 2", "value = (t.x) / (2)")
            .replace("exclude when t.x < 0", "exclude when (t.x < 0)")
            .replace("then a desc", "then (a) desc")
            .replace("when score >= 0.5", "when (score) >= 0.50"),
    );
    assert_eq!(diff::changes(&old, &new), vec![]);
    // a real change of grouping is one
    let new = checked(&BASE.replace("value = t.x / 2", "value = t.x / 2 + 1"));
    let ch = diff::changes(&old, &new);
    assert_eq!(ch.len(), 1, "{ch:?}");
    assert_eq!(ch[0].what, "value: t.x / 2 → t.x / 2 + 1");
    let a = checked(&BASE.replace("value = t.x / 2", "value = (t.x - 1) * 2"));
    let b = checked(&BASE.replace("value = t.x / 2", "value = t.x - 1 * 2"));
    assert_eq!(diff::changes(&a, &b).len(), 1);
}

/// Adding zones is a zone change for every region, shown by the zones' titles.
#[test]
fn adding_zones_reports_zone_changes_by_title() {
    let zones = "zones {\n    green \"З\" when score >= 0.5\n    red \"К\" otherwise\n}\n";
    let old = BASE.replace(zones, "");
    let new = BASE.replace(zones, "zones {\n    green \"Зелёная зона\" when score >= 0.5\n    red \"Красная зона\" otherwise\n}\n");
    let d = two_runs(&old, &new);
    let added: Vec<&diff::Change> = d.changes.iter().filter(|c| c.area == "zones").collect();
    assert_eq!(added.len(), 2, "{:?}", d.changes);
    assert!(
        added.iter().all(|c| c.what.starts_with("added: ")),
        "{added:?}"
    );
    // every ranked region now has a zone
    assert_eq!(d.summary.zone_changes.len(), 4, "{:?}", d.summary);
    let t = metodika::report::diff_table(&d);
    assert!(t.contains("zone changes (4):"), "{t}");
    assert!(
        t.contains("— → Зелёная зона") && t.contains("— → Красная зона"),
        "{t}"
    );
    assert!(!t.contains("→ green") && !t.contains("→ red"), "{t}");
    let csv = metodika::report::diff_csv(&d);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",old_zone_title,new_zone_title,note"),
        "{csv}"
    );
}

/// A new tie-breaker under dense places: only the region that loses the tie moves; the
/// regions below keep the same regions ahead, and say so, though their place numbers
/// change.
#[test]
fn a_new_tie_breaker_moves_only_the_tied() {
    let m = "methodology \"Т\" { key code }\ninput t \"d.csv\"\n\
             indicator a \"A\" { value = t.x better higher }\n\
             score \"S\" { a }\nrank { ties dense }\n";
    // B and C tie at place 2; D, E below
    let data = "code,x,y\nA,10,1\nB,8,1\nC,8,2\nD,5,1\nE,1,1\n";
    let new = m.replace("rank { ties dense }", "rank { ties dense then t.y desc }");
    let o = run_text(m, &[("d.csv", data)]).unwrap();
    let n = run_text(&new, &[("d.csv", data)]).unwrap();
    let d = diff::diff(&checked(m), &o, &checked(&new), &n);
    assert_eq!((d.summary.up, d.summary.down), (0, 1), "{:?}", d.summary);
    assert_eq!(d.summary.renumbered, 2, "{:?}", d.summary);
    let b = d.regions.iter().find(|r| r.key == "B").unwrap();
    assert_eq!(
        (b.old_place, b.new_place, b.moved),
        (Some(2.0), Some(3.0), Some(-1.0))
    );
    assert_eq!(
        b.note.as_deref(),
        Some("same score: ties are broken differently")
    );
    let dd = d.regions.iter().find(|r| r.key == "D").unwrap();
    assert_eq!(
        (dd.old_place, dd.new_place, dd.moved),
        (Some(3.0), Some(4.0), Some(0.0))
    );
    assert_eq!(
        dd.note.as_deref(),
        Some("the same 3 regions ahead: place numbers shifted by ties above")
    );
    let t = metodika::report::diff_table(&d);
    assert!(t.contains("5 regions: 0 up, 1 down, 4 unchanged"), "{t}");
    assert!(t.contains("largest moves down: B (-1)"), "{t}");
    assert!(
        t.contains("2 regions with the same regions ahead but another place number"),
        "{t}"
    );
}

/// Plural forms: 1 place, 2 places, 1 point.
#[test]
fn counts_agree_with_their_nouns() {
    use metodika::report::count;
    assert_eq!(count(1.0, "place", "places"), "1 place");
    assert_eq!(count(2.0, "place", "places"), "2 places");
    assert_eq!(count(1.5, "place", "places"), "1.5 places");
    assert_eq!(count(1.0, "point", "points"), "1 point");
    assert_eq!(count(0.0, "point", "points"), "0 points");
}

/// Issue 38, item 3: a gate sees what matters. An exclusion (place 1 → not ranked) fails
/// `--fail-on-move` whatever N, and `--fail-on-exclusion`; a region that changes zone
/// without moving is listed in the region table and fails `--fail-on-zone-change`; the
/// verdict and its reasons are in the Markdown and the JSON, not only on stderr.
#[test]
fn gates_see_exclusions_and_zone_changes() {
    // D leaves the ranking (it was first: x = 40, y = 9); C changes zone without moving
    let new = BASE
        .replace("exclude when t.x < 0", "exclude when t.x > 35")
        .replace("score >= 0.5", "score >= 0.6");
    let dir = temp_with(&[
        ("d.csv", DATA),
        ("old.metodika", BASE),
        ("new.metodika", &new),
    ]);
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", "old.metodika", "new.metodika"];
        args.extend_from_slice(extra);
        metodika(&args, dir.path())
    };
    let base = run(&["--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&base.stdout).unwrap();
    assert_eq!(j["summary"]["left"][0][0], "D", "{j:#}");
    assert!(j["gate"].is_null(), "no rule, no verdict");
    let moved_none = j["summary"]["max_move"].as_f64().unwrap();
    let zone_changed: Vec<&str> = j["summary"]["zone_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z[0].as_str().unwrap())
        .collect();
    assert!(!zone_changed.is_empty(), "{j:#}");
    // a move of any size allowed: the exclusion still fails
    let o = run(&["--fail-on-move", "100", "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["gate"]["passed"], false);
    assert_eq!(j["gate"]["rules"][0], "--fail-on-move 100");
    let reason = j["gate"]["reasons"][0].as_str().unwrap();
    assert!(reason.contains("D: place 1 → not ranked"), "{reason}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Gate failed (--fail-on-move 100)"), "{err}");
    assert!(moved_none <= 100.0);
    // its own gate
    let o = run(&["--fail-on-exclusion", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(3));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        md.contains("- **Gate failed (--fail-on-exclusion)**"),
        "{md}"
    );
    assert!(
        md.contains("regions that left or entered the ranking (--fail-on-exclusion): D: place 1"),
        "{md}"
    );
    assert!(md.contains("left the ranking: D (1; нет)"), "{md}");
    // the zone gate; the region that changed zone without moving has its row
    let o = run(&["--fail-on-zone-change", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(3));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("changed zone (--fail-on-zone-change)"), "{md}");
    for k in &zone_changed {
        assert!(
            md.lines()
                .any(|l| l.starts_with('|') && l.contains(&format!("| {k} |"))),
            "{k} has no row:\n{md}"
        );
    }
    // passed, and said so
    let o = metodika(
        &[
            "diff",
            "old.metodika",
            "old.metodika",
            "--fail-on-move",
            "0",
            "--fail-on-zone-change",
            "--format",
            "markdown",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        md.contains("- **Gate passed (--fail-on-move 0 --fail-on-zone-change)**"),
        "{md}"
    );
    assert!(md.contains("The data are the same on both sides"), "{md}");
    // nothing moved: no empty table
    assert!(
        !md.contains("| move |") && !md.contains("<details>"),
        "{md}"
    );
    // in Russian
    let o = run(&[
        "--lang",
        "ru",
        "--fail-on-exclusion",
        "--fail-on-zone-change",
        "--format",
        "markdown",
    ]);
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        md.contains("- **Проверка не пройдена (--fail-on-exclusion --fail-on-zone-change)**"),
        "{md}"
    );
    assert!(
        md.contains("D: 1-е место → не участвует в рейтинге"),
        "{md}"
    );
    assert!(
        md.contains("сменил зону (--fail-on-zone-change)")
            || md.contains("сменили зону (--fail-on-zone-change)"),
        "{md}"
    );
    assert!(md.contains("вышли из рейтинга: D (1; нет)"), "{md}");
}

/// Issue 38, item 2: every diff names each side's period; a data-only change says that
/// every change comes from the data; a change of both the methodology and the data is
/// split into the methodology's effect (the new rule on the old data) and the data's —
/// each the very summary of the diff that isolates it.
#[test]
fn a_diff_names_its_periods_and_splits_the_two_effects() {
    let summary = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["diff"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        let o = metodika(&all, &root());
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let (old, new) = (
        "methodologies/pos/pos-2025.metodika",
        "methodologies/pos/pos-2026.metodika",
    );
    let both = summary(&[
        old,
        new,
        "--old-period",
        "2025-Q3",
        "--new-period",
        "2025-Q4",
    ]);
    assert_eq!(both["old_side"]["source"], old);
    assert_eq!(both["old_side"]["period"], "2025-Q3");
    assert_eq!(both["old_side"]["window"], "2025-01-01 … 2025-09-30");
    assert_eq!(both["new_side"]["period"], "2025-Q4");
    assert_eq!(both["data_changed"], true);
    // the methodology's effect: the revision on the Q3 data
    let rule = summary(&[old, new, "--period", "2025-Q3"]);
    assert_eq!(rule["data_changed"], false);
    assert!(rule["effects"].is_null());
    // the data's effect: the new rule, Q3 → Q4
    let data = summary(&[new, "--old-period", "2025-Q3", "--new-period", "2025-Q4"]);
    assert_eq!(data["data_changed"], true);
    assert!(
        data["effects"].is_null(),
        "one methodology: nothing to split"
    );
    for field in [
        "up",
        "down",
        "unchanged",
        "max_move",
        "zone_changes",
        "largest_up",
    ] {
        assert_eq!(
            both["effects"]["methodology"][field], rule["summary"][field],
            "{field}"
        );
        assert_eq!(
            both["effects"]["data"][field], data["summary"][field],
            "{field}"
        );
    }
    // said in the text, in both languages
    let o = metodika(
        &[
            "diff",
            old,
            new,
            "--old-period",
            "2025-Q3",
            "--new-period",
            "2025-Q4",
        ],
        &root(),
    );
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.contains("Compared: methodologies/pos/pos-2025.metodika, 2025-Q3 (2025-01-01 … 2025-09-30) → methodologies/pos/pos-2026.metodika, 2025-Q4 (2025-01-01 … 2025-12-31)"), "{t}");
    assert!(
        t.contains("The data differ between the sides (another period)"),
        "{t}"
    );
    assert!(
        t.contains("The methodology alone (the new rule on the old data): "),
        "{t}"
    );
    assert!(
        t.contains("The data alone (the new rule, old data → new data): "),
        "{t}"
    );
    let o = metodika(
        &[
            "--lang",
            "ru",
            "diff",
            new,
            "--old-period",
            "2025-Q3",
            "--new-period",
            "2025-Q4",
            "--format",
            "markdown",
        ],
        &root(),
    );
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        md.contains("Сравниваются: methodologies/pos/pos-2026.metodika, 2025-Q3"),
        "{md}"
    );
    assert!(md.contains("Методика на обеих сторонах одна, а данные различаются (другой период): все изменения вызваны данными."), "{md}");
    // the page names the periods in words
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("d.html");
    let o = metodika(
        &[
            "diff",
            old,
            new,
            "--old-period",
            "2025-Q3",
            "--new-period",
            "2025-Q4",
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("III квартал 2025 г."),
        "the old period in words"
    );
    assert!(
        html.contains("IV квартал 2025 г."),
        "the new period in words"
    );
    assert!(
        html.contains("Действие методики (новая редакция на прежних данных)"),
        "the effects"
    );
    // --top keeps the largest
    let o = metodika(
        &[
            "diff", old, new, "--period", "2025-Q4", "--format", "markdown", "--top", "3",
        ],
        &root(),
    );
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("Regions: the 3 largest of "), "{md}");
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| move") && !l.starts_with("| ---"))
            .count(),
        3,
        "{md}"
    );
}

/// Issue 38, item 6: git as CI has it — a Cyrillic folder with spaces and a `{year}`
/// template, data stored under a filter (as Git LFS stores them), a path that climbs with
/// `..` inside the repository, a file new on the branch, a renamed file, a base that was
/// broken, a shallow clone; `git::PATH` (the index) and `-` (standard input) in `check`,
/// `fmt`, `expand` and `run`; every message naming `git:REV:PATH`, never a temporary path.
#[test]
fn git_as_ci_has_it() {
    let git = crate::util::git;
    let m = "methodology \"Записи\" { key code label name period yearly }\n\
             input regions \"регионы.csv\"\n\
             records messages \"обращения граждан/сообщения-{year}.csv\" { key code date created }\n\
             indicator n \"Число сообщений\" { value = count(messages) better higher normalize minmax }\n\
             score \"S\" { n }\n";
    let regions = "code,name\nA,Альфа\nB,Бета\nC,Гамма\n";
    let y2025 = "code,created\nA,2025-02-01\nA,2025-03-01\nB,2025-03-02\n";
    let dir = temp_with(&[
        ("методики/рейтинг.metodika", m),
        ("методики/регионы.csv", regions),
        ("методики/обращения граждан/сообщения-2025.csv", y2025),
    ]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    // the data stored through a filter: their lines in reverse order in the repository
    // (the header last), as written in the working tree (as LFS stores a pointer and
    // checks out the file)
    std::fs::write(d.join(".gitattributes"), "*.csv filter=reverse\n").unwrap();
    git(d, &["config", "filter.reverse.clean", "tac"]);
    git(d, &["config", "filter.reverse.smudge", "tac"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "first"]);
    let stored = std::process::Command::new("git")
        .args(["show", "HEAD:методики/регионы.csv"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&stored.stdout).starts_with("C,Гамма"),
        "stored through the filter: {stored:?}"
    );
    let run_in = |cwd: &std::path::Path, args: &[&str]| {
        let o = crate::util::bin()
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).to_string(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };
    // the same file at HEAD and in the tree: read through the filter, listed by -z
    let (code, out, err) = run_in(
        d,
        &[
            "diff",
            "git:HEAD:методики/рейтинг.metodika",
            "методики/рейтинг.metodika",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["data_changed"], false, "{out}");
    assert_eq!(j["summary"]["unchanged"], 3);
    // from a subdirectory, a path that climbs inside the repository
    let sub = d.join("методики/обращения граждан");
    let (code, _, err) = run_in(&sub, &["check", "git:HEAD:../рейтинг.metodika"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run_in(&sub, &["check", "git:HEAD:../../../x.metodika"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("is not inside the repository"), "{err}");
    // check, expand, run at a revision; fmt prints the canonical form, never writes
    let (code, out, err) = run_in(
        d,
        &[
            "run",
            "git:HEAD:методики/рейтинг.metodika",
            "--format",
            "csv",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("\n1,A,Альфа,1,"), "{out}");
    let (code, out, _) = run_in(d, &["expand", "git:HEAD:методики/рейтинг.metodika"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("indicator n \"Число сообщений\""), "{out}");
    // a broken edition staged: `git::PATH` checks what a commit would hold, named so
    std::fs::write(
        d.join("методики/рейтинг.metodika"),
        m.replace("count(messages)", "count(mesages)"),
    )
    .unwrap();
    git(d, &["add", "методики/рейтинг.metodika"]);
    std::fs::write(d.join("методики/рейтинг.metodika"), m).unwrap();
    let (code, _, err) = run_in(d, &["check", "git::методики/рейтинг.metodika"]);
    assert_eq!(
        code,
        Some(1),
        "the staged file is broken, the tree's is not: {err}"
    );
    assert!(
        err.contains("git::методики/рейтинг.metodika:4:"),
        "named as staged: {err}"
    );
    assert!(
        !err.contains("/tmp") && !err.contains(".tmp"),
        "no temporary path: {err}"
    );
    assert_eq!(
        run_in(d, &["check", "методики/рейтинг.metodika"]).0,
        Some(0)
    );
    let (code, out, _) = run_in(d, &["fmt", "--check", "git::методики/рейтинг.metodika"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("would reformat git::методики/рейтинг.metodika"),
        "{out}"
    );
    // commit the broken edition; a branch that mends it diffs (the old side's errors named)
    git(d, &["commit", "-qm", "broken"]);
    let (code, out, err) = run_in(
        d,
        &[
            "diff",
            "git:HEAD:методики/рейтинг.metodika",
            "методики/рейтинг.metodika",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("git:HEAD:методики/рейтинг.metodika:4:"),
        "{err}"
    );
    assert!(
        out.contains("has errors (above), so there is nothing to compare"),
        "{out}"
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "mended"]);
    // standard input, its inputs beside the current directory
    let stdin_run = |args: &[&str], text: &str| {
        use std::io::Write;
        let mut c = crate::util::bin()
            .args(args)
            .current_dir(d.join("методики"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        c.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        let o = c.wait_with_output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).to_string(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };
    let (code, out, err) = stdin_run(&["run", "-"], m);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Альфа"), "{out}");
    let (code, out, _) = stdin_run(
        &["fmt", "-"],
        &m.replace("normalize minmax }", "normalize   minmax }"),
    );
    assert_eq!(code, Some(0));
    assert!(
        out.starts_with("methodology \"Записи\" {\n"),
        "the canonical form printed: {out}"
    );
    let (code, _, err) = stdin_run(
        &["check", "-"],
        &m.replace("count(messages)", "count(mesages)"),
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("╭─[-:4:"), "{err}");
    // a file new on the branch; a file renamed on the branch
    // (another methodology: git pairs a rename by content)
    let other = format!(
        "# другая методика, другие показатели\n{}",
        m.replace("Записи", "Новая")
            .replace("\"Число сообщений\"", "\"Сообщения\"")
    );
    std::fs::write(d.join("методики/новая.metodika"), other).unwrap();
    git(
        d,
        &[
            "mv",
            "методики/рейтинг.metodika",
            "методики/рейтинг-2026.metodika",
        ],
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "new and renamed"]);
    let (code, out, err) = run_in(
        d,
        &[
            "diff",
            "git:HEAD~1:методики/новая.metodika",
            "методики/новая.metodika",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("`методики/новая.metodika` is new: it is not at HEAD~1"),
        "{out}"
    );
    let (code, out, err) = run_in(
        d,
        &[
            "diff",
            "git:HEAD~1:методики/рейтинг-2026.metodika",
            "методики/рейтинг-2026.metodika",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("`методики/рейтинг-2026.metodika` was `методики/рейтинг.metodika` at HEAD~1"),
        "{err}"
    );
    assert!(out.contains("methodology: no changes"), "{out}");
    // a shallow clone is told how to deepen
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", d.display());
    let c = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "c"])
        .current_dir(clone.path())
        .output()
        .unwrap();
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    let (code, _, err) = run_in(
        &clone.path().join("c"),
        &[
            "diff",
            "git:HEAD~2:методики/рейтинг-2026.metodika",
            "методики/рейтинг-2026.metodika",
        ],
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("git has no revision `HEAD~2` here") && err.contains("This clone is shallow"),
        "{err}"
    );
    assert!(err.contains("git fetch --deepen=50"), "{err}");
}

/// Issue 38, item 4: the diff's text says what a reviewer weighs — the title beside the
/// identifier, a new indicator's direction, normalization and weight, the maximum of the
/// score when a re-weighting moves it, a zone redefined as «was → now».
#[test]
fn the_changes_say_what_a_reviewer_weighs() {
    let old = "methodology \"Т\" { key region_code }\ninput t \"d.csv\"\n\
               indicator a \"Доля ответов\" { value = t.x better higher normalize minmax }\n\
               indicator b \"Срок\" { value = t.y better lower normalize minmax }\n\
               score \"S\" sum { a points 60  b points 40 }\n\
               zones { green \"Зелёная\" when score >= 50  red \"Красная\" otherwise }\n";
    let new = old
        .replace("a points 60  b points 40", "a points 70  b points 40  c points 20")
        .replace("score >= 50", "score >= 60")
        .replace(
            "score \"S\"",
            "indicator c \"Голоса\" { value = t.x + t.y better higher normalize goalposts(0, 100) }\nscore \"S\"",
        );
    let ch = diff::changes(&checked(old), &checked(&new));
    let find = |area: &str| {
        ch.iter()
            .filter(|c| c.area == area)
            .map(|c| format!("{} «{}» {}", c.name, c.title, c.what))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find("indicator"),
        ["c «Голоса» added: \"Голоса\" = t.x + t.y; better higher; normalize goalposts(0, 100); points 20 (score)"]
    );
    assert_eq!(
        find("score"),
        [" «» maximum points 100 → maximum points 130"]
    );
    assert_eq!(
        find("zones"),
        ["green «Зелёная» green \"Зелёная\" when score >= 50 → green \"Зелёная\" when score >= 60"]
    );
    // in Russian, the glossary's words
    let words = metodika::i18n::with_lang(metodika::i18n::Lang::Ru, || {
        ch.iter()
            .map(|c| {
                let (a, n, w) = metodika::report::diff::change_words(c);
                format!("{a} {n} {w}")
            })
            .collect::<Vec<_>>()
    });
    assert!(
        words
            .iter()
            .any(|w| w == "итоговый балл  максимум 100 баллов → максимум 130 баллов"),
        "{words:?}"
    );
    assert!(
        words.iter().any(|w| w.contains(
            "добавлен: «Голоса» = x + y; чем больше, тем лучше; нормирование по целевым значениям от 0 до 100; вес 20 баллов в блоке «"
        )),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .any(|w| w == "зоны green «Зелёная»: балл не ниже 50 → «Зелёная»: балл не ниже 60"),
        "{words:?}"
    );
    // an outlier rule, in the glossary's words
    let treated = old.replace("normalize minmax }", "outliers auto(3) normalize minmax }");
    let ch = diff::changes(&checked(old), &checked(&treated));
    let words = metodika::i18n::with_lang(metodika::i18n::Lang::Ru, || {
        ch.iter()
            .map(|c| metodika::report::diff::change_words(c).2)
            .collect::<Vec<_>>()
    });
    assert!(
        words.iter().any(|w| w
            == "выбросы: выбросы не обрабатываются → выбросы обрабатываются, как в COINr: винзоризация не более 3 значений, иначе логарифм"),
        "{words:?}"
    );
}
