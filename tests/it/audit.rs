//! `metodika audit` (issue 32): every figure of the ПОС example's audit as pandas and
//! numpy compute it; drop-one runs equal to the methodology rewritten without the member;
//! COINr's published statistics of its example's raw data; the command as a user runs it,
//! in Russian and English, in every format.

use crate::util::{bin, root, temp_with};
use metodika::check::ir::NodeRef;
use metodika::engine::RunOptions;
use std::process::Output;

fn metodika(args: &[&str], lang: &str) -> Output {
    bin()
        .args(args)
        .env("NO_COLOR", "1")
        .env("METODIKA_LANG", lang)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const POS: &str = "methodologies/pos/pos-2025-tables.metodika";

fn pos() -> String {
    root().join(POS).display().to_string()
}

/// The ПОС example's checked methodology and its options.
fn pos_methodology() -> (metodika::check::Methodology, RunOptions) {
    let file = root().join(POS);
    let opts = RunOptions {
        base_dir: file.parent().unwrap().to_path_buf(),
        ..Default::default()
    };
    let m = metodika::load_file(&file, &opts)
        .unwrap()
        .methodology
        .unwrap();
    (m, opts)
}

/// Two figures equal to 1e-9 (relative to the larger, at least 1), both missing alike.
fn same(ours: &serde_json::Value, theirs: &serde_json::Value, what: &str) {
    match (ours.as_f64(), theirs.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
            "{what}: {a} against {b}"
        ),
        (None, None) => {}
        _ => panic!("{what}: {ours} against {theirs}"),
    }
}

/// Every figure of the ПОС example's audit — each indicator's statistics raw and
/// normalized, every correlation in every block, Cronbach's α both ways, the first
/// principal component, the importances — is what pandas and numpy compute from `run
/// --detail` (benches/peers/audit_numpy.py, which reads only the structure of the audit).
#[test]
fn the_pos_audit_is_what_pandas_and_numpy_compute() {
    let dir = tempfile::tempdir().unwrap();
    let o = metodika(&["audit", &pos(), "--format", "json"], "en");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let audit_file = dir.path().join("audit.json");
    std::fs::write(&audit_file, &o.stdout).unwrap();
    let ours: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = metodika(&["run", &pos(), "--detail", "--format", "csv"], "en");
    assert!(o.status.success());
    let detail = dir.path().join("detail.csv");
    std::fs::write(&detail, &o.stdout).unwrap();
    let o = std::process::Command::new(crate::example::peers_python())
        .arg(root().join("benches/peers/audit_numpy.py"))
        .arg(&detail)
        .arg(&audit_file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let theirs: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(ours["ranked"], 85);
    let mut checked = 0;
    for ind in ours["indicators"].as_array().unwrap() {
        let name = ind["name"].as_str().unwrap();
        for side in ["raw", "normalized"] {
            for k in [
                "n", "mean", "sd", "min", "max", "zeros", "skewness", "kurtosis",
            ] {
                same(
                    &ind[side][k],
                    &theirs["indicators"][name][side][k],
                    &format!("{name} {side} {k}"),
                );
                checked += 1;
            }
        }
    }
    for b in ours["blocks"].as_array().unwrap() {
        let name = b["name"].as_str().unwrap();
        let t = &theirs["blocks"][name];
        let k = b["members"].as_array().unwrap().len();
        for i in 0..k {
            for j in 0..k {
                let c = &b["correlations"][i][j];
                same(
                    &c["pearson"],
                    &t["pearson"][i][j],
                    &format!("{name} r[{i},{j}]"),
                );
                same(
                    &c["spearman"],
                    &t["spearman"][i][j],
                    &format!("{name} ρ[{i},{j}]"),
                );
                checked += 2;
            }
            same(&b["with_block"][i]["pearson"], &t["with_block"][i], name);
            same(&b["with_score"][i]["pearson"], &t["with_score"][i], name);
            same(&b["component"]["loadings"][i], &t["loadings"][i], name);
            checked += 3;
        }
        same(&b["alpha"], &t["alpha"], &format!("{name} α"));
        same(&b["alpha_standardized"], &t["alpha_standardized"], name);
        same(
            &b["component"]["share"],
            &t["pc1_share"],
            &format!("{name} PC1"),
        );
        checked += 3;
    }
    for w in ours["weights"].as_array().unwrap() {
        let name = w["name"].as_str().unwrap();
        same(&w["importance"], &theirs["importance"][name], name);
        checked += 1;
    }
    assert!(checked > 700, "{checked} figures");
}

/// A drop-one run is the methodology without the member, its siblings' weights scaled up
/// so that the group keeps its total (the language's rule for a member without a value):
/// for every indicator and block of the ПОС example, the same place for every region.
#[test]
fn leaving_a_member_out_is_the_methodology_without_it() {
    let (m, opts) = pos_methodology();
    let runs = metodika::engine::audit::runs(&m, &opts).unwrap();
    assert_eq!(runs.without.len(), 21 + 3);
    for (node, outcome) in &runs.without {
        let mut v = m.clone();
        v.uncertainty = None;
        let g = v
            .groups
            .iter()
            .position(|g| g.members.iter().any(|x| x.node == *node))
            .unwrap();
        let group = &mut v.groups[g];
        let total = group.total_weight();
        let w = group
            .members
            .iter()
            .find(|x| x.node == *node)
            .unwrap()
            .weight;
        group.members.retain(|x| x.node != *node);
        for x in &mut group.members {
            x.weight *= total / (total - w);
        }
        let r = metodika::run(&v, &opts).unwrap();
        for row in &r.rows {
            let i = runs.keys.iter().position(|k| *k == row.key).unwrap();
            assert_eq!(
                outcome.place[i], row.place,
                "without {node:?}: the place of {}",
                row.label
            );
        }
    }
    // and a member left out does change the ranking: the audit is not the nominal run
    let moved = |n: NodeRef| {
        let (_, o) = runs.without.iter().find(|(x, _)| *x == n).unwrap();
        (0..runs.keys.len())
            .filter(|&i| o.place[i] != runs.nominal.place[i])
            .count()
    };
    assert!(moved(NodeRef::Indicator(0)) > 10);
}

/// COINr's example data, raw (`ASEM_iData.csv`): the skewness and kurtosis `audit` gives
/// are the figures COINr publishes for them — LPI −0.304 and −0.657, Flights 2.1033 and
/// 4.5089 (before treatment), Gas 2.8294 and 10.3346 — from COINr's vignettes "Analysis"
/// (`get_stats(coin, dset = "Raw")`) and "Outlier Treatment" (`Treat()`'s `Dets_Table`,
/// `skew0`/`kurt0`), <https://bluefoxr.github.io/COINr/articles/>. Flights and Gas are
/// flagged as outliers, LPI is not. Under `outliers auto` (COINr's default `Treat`), each
/// has one point winsorized and the figures after are COINr's published ones, from the
/// same `Dets_Table` (`skew1`/`kurt1`, `winsorise.nwin`): Flights 1.9007 and 3.3361, Gas
/// 1.6025 and 1.5256; LPI passes untouched.
#[test]
fn coinrs_published_statistics_of_its_raw_data_are_reproduced() {
    let data =
        std::fs::read_to_string(root().join("methodologies/asem/data/ASEM_iData.csv")).unwrap();
    let dir = temp_with(&[
        ("ASEM_iData.csv", &data),
        (
            "raw.metodika",
            "methodology \"ASEM, raw\" { key uCode  label uName }\n\
             input raw \"ASEM_iData.csv\"\n\
             defaults { better higher  normalize minmax(0, 100) }\n\
             group Physical \"Physical\" {\n\
                 indicator LPI \"Logistics Performance Index\" = raw.LPI\n\
                 indicator Flights \"International flights passenger capacity\" = raw.Flights\n\
                 indicator Gas \"Trade in gas\" = raw.Gas\n\
             }\n\
             score \"Index\" mean { Physical }\n",
        ),
    ]);
    let file = dir.path().join("raw.metodika");
    let o = metodika(&["audit", file.to_str().unwrap(), "--format", "csv"], "en");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut rd = csv::Reader::from_reader(&o.stdout[..]);
    let head = rd.headers().unwrap().clone();
    let col = |r: &csv::StringRecord, name: &str| -> String {
        r[head.iter().position(|h| h == name).unwrap()].to_string()
    };
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let get = |ind: &str| rows.iter().find(|r| &r[0] == ind).unwrap().clone();
    let round = |s: String, d: i32| {
        let x: f64 = s.parse().unwrap();
        (x * 10f64.powi(d)).round() / 10f64.powi(d)
    };
    let lpi = get("LPI");
    assert_eq!(round(col(&lpi, "skewness"), 3), -0.304);
    assert_eq!(round(col(&lpi, "kurtosis"), 3), -0.657);
    assert_eq!(col(&lpi, "outlier"), "false");
    let flights = get("Flights");
    assert_eq!(round(col(&flights, "skewness"), 4), 2.1033);
    assert_eq!(round(col(&flights, "kurtosis"), 4), 4.5089);
    assert_eq!(col(&flights, "outlier"), "true");
    let gas = get("Gas");
    assert_eq!(round(col(&gas, "skewness"), 4), 2.8294);
    assert_eq!(round(col(&gas, "kurtosis"), 4), 10.3346);
    assert_eq!(col(&gas, "outlier"), "true");
    assert_eq!(col(&gas, "n"), "51");
    assert_eq!(col(&gas, "outliers"), "none");
    // the same under COINr's default treatment
    let treated = std::fs::read_to_string(&file).unwrap().replace(
        "defaults { better higher ",
        "defaults { better higher  outliers auto ",
    );
    std::fs::write(&file, treated).unwrap();
    let o = metodika(&["audit", file.to_str().unwrap(), "--format", "csv"], "en");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut rd = csv::Reader::from_reader(&o.stdout[..]);
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let get = |ind: &str| rows.iter().find(|r| &r[0] == ind).unwrap().clone();
    for (ind, skew, kurt) in [("Flights", 1.9007, 3.3361), ("Gas", 1.6025, 1.5256)] {
        let r = get(ind);
        assert_eq!(col(&r, "outliers"), "winsorized", "{ind}");
        assert_eq!(col(&r, "outliers_points"), "1", "{ind}");
        assert_eq!(round(col(&r, "treated_skewness"), 4), skew, "{ind}");
        assert_eq!(round(col(&r, "treated_kurtosis"), 4), kurt, "{ind}");
        assert_eq!(col(&r, "treated_outlier"), "false", "{ind}");
        // the raw figures stay those before the rule
        assert_eq!(col(&r, "outlier"), "true", "{ind}");
    }
    let lpi = get("LPI");
    assert_eq!(col(&lpi, "outliers"), "passed");
    assert_eq!(round(col(&lpi, "treated_skewness"), 3), -0.304);
}

/// As a user runs it: in Russian, the flags first with titles and the glossary's words;
/// in English the same figures; each CSV table with its stable columns; the workbook
/// read back with a sheet per table, headed in the methodology's language; regions left
/// out by a rule named and counted.
#[test]
fn the_audit_reads_in_russian_and_english_and_every_format() {
    let o = metodika(&["audit", &pos()], "ru");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ru = text(&o.stdout);
    for want in [
        "статистический анализ показателей по 85 регионам рейтинга",
        "Что отмечено (",
        "«Доля жителей, принявших участие в голосованиях»: сильная асимметрия",
        "«Доля подключённых подведомственных организаций» и «Прирост доли подключённых организаций за квартал» в блоке «Подключение к платформе» коррелируют на уровне 0,923",
        "«Работа с сообщениями»: альфа Кронбаха 0,610 ниже 0,7",
        "влияет слабее своего веса",
        "Исключение по одному",
        "полнота данных",
    ] {
        assert!(ru.contains(want), "{want}\n{ru}");
    }
    // the flags come before the tables
    assert!(ru.find("Что отмечено").unwrap() < ru.find("Показатели: исходные значения").unwrap());
    let o = metodika(&["audit", &pos()], "en");
    let en = text(&o.stdout);
    assert!(
        en.contains("the statistical audit over 85 ranked regions"),
        "{en}"
    );
    assert!(en.contains("Cronbach's alpha 0.610 is below 0.7"), "{en}");
    // each table's CSV, stable English columns
    for (table, first) in [
        ("statistics", "indicator,title,block,n,coverage,mean,sd,min,max,zeros,skewness,kurtosis,outlier,normalized_n,"),
        ("correlations", "block,member,with,pearson,spearman"),
        ("blocks", "block,title,members,alpha,alpha_standardized,pc1_share,pc1_regions,with_parent,with_score"),
        ("loadings", "block,member,loading"),
        ("weights", "indicator,title,nominal,correlation,importance,flag"),
        ("drops", "member,kind,title,block,mean_shift,max_shift,moved,unranked,zone_changes,zone_changed"),
    ] {
        let o = metodika(&["audit", &pos(), "--format", "csv", "--table", table], "ru");
        assert!(o.status.success(), "{}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(out.starts_with(first), "{table}: {out}");
        assert!(out.lines().count() > 3, "{table}");
    }
    // the workbook, read back
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("audit.xlsx");
    let o = metodika(
        &[
            "audit",
            &pos(),
            "--format",
            "xlsx",
            "--output",
            book.to_str().unwrap(),
        ],
        "en",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let script = "import sys, openpyxl, json\n\
                  wb = openpyxl.load_workbook(sys.argv[1])\n\
                  print(json.dumps({s.title: [[c for c in r] for r in s.iter_rows(values_only=True)][:3] for s in wb.worksheets}, default=str, ensure_ascii=False))\n";
    let o = std::process::Command::new(crate::example::peers_python())
        .args(["-c", script])
        .arg(&book)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let sheets: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&String> = sheets.as_object().unwrap().keys().collect();
    for want in [
        "Выводы",
        "Показатели",
        "Корреляции",
        "Блоки",
        "Главные компоненты",
        "Веса",
        "Исключение по одному",
    ] {
        assert!(names.iter().any(|n| *n == want), "{want}: {names:?}");
    }
    let stats = &sheets["Показатели"];
    assert_eq!(stats[0][0], "показатель");
    assert_eq!(stats[1][0], "Доля подключённых региональных органов власти");
    assert!(stats[0]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h == "нормированное значение: асимметрия"));
    let weights = &sheets["Веса"];
    assert!(weights[0].as_array().unwrap().iter().all(|h| h != "title"));

    // regions excluded by a rule: left out of every figure, named and counted
    let dir = temp_with(&[
        (
            "d.csv",
            "code,name,a,b,pop\n01,Адыгея,1,2,10\n02,Алтай,2,1,20\n03,Бурятия,3,5,30\n04,Дагестан,4,3,40\n05,Ингушетия,8,9,0\n06,Калмыкия,5,4,60\n",
        ),
        (
            "m.metodika",
            "methodology \"Проба\" { key code  label name }\ninput d \"d.csv\"\n\
             exclude when d.pop == 0 \"нет населения\"\n\
             indicator a \"Показатель А\" { value = d.a  better higher  normalize minmax }\n\
             indicator b \"Показатель Б\" { value = d.b  better higher  normalize minmax }\n\
             score \"Итог\" { a points 50  b points 50 }\n",
        ),
    ]);
    let m = dir.path().join("m.metodika");
    let o = metodika(&["audit", m.to_str().unwrap()], "ru");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("по 5 регионам рейтинга"), "{out}");
    assert!(out.contains("1 регион вне рейтинга (Ингушетия)"), "{out}");
    let o = metodika(&["audit", m.to_str().unwrap(), "--format", "json"], "en");
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // a: 1 2 3 4 5 over the ranked regions (Ингушетия's 8 left out): mean 3, sd √2.5
    assert_eq!(j["indicators"][0]["raw"]["n"], 5);
    assert_eq!(j["indicators"][0]["raw"]["mean"], 3.0);
    assert!((j["indicators"][0]["raw"]["sd"].as_f64().unwrap() - 2.5f64.sqrt()).abs() < 1e-15);
    assert_eq!(j["indicators"][0]["raw"]["skewness"], 0.0);
    assert_eq!(j["left_out"][0][1], "Ингушетия");
}

/// docs/audit.md quotes what the command prints: each line of its ```text block after an
/// `<!-- output: metodika … -->` line; and the nominal shares it explains are the
/// points' shares (ПОС: 100 of the score's 1000 points for «Доля сообщений, отработанных
/// в срок») or, in a framework of means, the weights' (ASEM-like: a third each).
#[test]
fn the_audit_docs_quote_what_it_prints() {
    assert_eq!(crate::util::quoted_outputs_hold("docs/audit.md", "en"), 1);
    let (m, _) = pos_methodology();
    let i = m
        .indicators
        .iter()
        .position(|x| x.name == "answered_on_time")
        .unwrap();
    let share = metodika::audit::nominal_share(&m, NodeRef::Indicator(i));
    assert!((share - 0.1).abs() < 1e-15, "{share}");
    let all: f64 = (0..m.indicators.len())
        .map(|i| metodika::audit::nominal_share(&m, NodeRef::Indicator(i)))
        .sum();
    assert!((all - 1.0).abs() < 1e-12, "{all}");
    let dir = temp_with(&[
        ("d.csv", "k,a,b,c\n1,1,2,3\n2,2,1,5\n3,3,3,1\n4,5,4,2\n"),
        (
            "m.metodika",
            "methodology \"M\" { key k  label k }\ninput d \"d.csv\"\n\
             defaults { better higher  normalize minmax(0, 100) }\n\
             group P \"P\" mean {\n indicator a \"A\" = d.a\n indicator b \"B\" = d.b\n}\n\
             indicator c \"C\" = d.c\n\
             score \"S\" mean { P weight 2  c weight 1 }\n",
        ),
    ]);
    let f = dir.path().join("m.metodika");
    let opts = RunOptions {
        base_dir: dir.path().to_path_buf(),
        ..Default::default()
    };
    let m = metodika::load_file(&f, &opts).unwrap().methodology.unwrap();
    let s = |i| metodika::audit::nominal_share(&m, NodeRef::Indicator(i));
    assert!((s(0) - 1.0 / 3.0).abs() < 1e-15 && (s(1) - 1.0 / 3.0).abs() < 1e-15);
    assert!((s(2) - 1.0 / 3.0).abs() < 1e-15);
}
