//! Compact frameworks: `defaults` and indicators written on one line inside their group.
//! COINr's ASEM index written so (methodologies/asem, 49 indicators in about 120 lines)
//! gives COINr's own results at every level; a compact file and the same file written
//! out run, explain and diff alike; the defaults' precedence and problems.

use crate::util::{close, get, root};
use metodika::check::NoHeaders;

fn asem() -> std::path::PathBuf {
    root().join("methodologies/asem/asem.metodika")
}

/// COINr's results (data/ASEM_Aggregated.csv): every normalized indicator, pillar,
/// sub-index and the index, for every country, to 1e-9 — by every evaluator.
#[test]
fn asem_gives_coinrs_results_at_every_level() {
    let loaded = metodika::load_file(&asem(), &metodika::load::options_for(&asem())).unwrap();
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let m = loaded.methodology.unwrap();
    assert_eq!(m.indicators.len(), 49);
    let opts = metodika::load::options_for(&asem());
    let r = crate::util::same_by_every_evaluator(&m, &opts).unwrap();
    let mut rd =
        csv::Reader::from_path(root().join("methodologies/asem/data/ASEM_Aggregated.csv")).unwrap();
    let head: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    let mut checked = 0;
    for row in rd.records() {
        let row = row.unwrap();
        let key = &row[0];
        for (c, v) in head.iter().zip(row.iter()).skip(7) {
            let want: f64 = v.parse().unwrap();
            let column = match c.as_str() {
                "Index" => "score".to_string(),
                g if m.groups.iter().any(|x| x.name == g) => format!("group.{g}"),
                ind => format!("{ind}.normalized"),
            };
            let got = get(&r, key, &column).unwrap_or_else(|| panic!("{key} {column}"));
            assert!(close(got, want), "{key} {c}: {got} against COINr's {want}");
            checked += 1;
        }
    }
    assert_eq!(checked, 51 * (49 + 10 + 1));
    // ranked by the index, as COINr ranks
    let scores: Vec<f64> = r.rows.iter().map(|x| x.score.unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

/// The compact file, written out (every indicator a block with its defaults, every
/// member named in its group), runs to the same bytes, explains alike, and `diff` finds
/// nothing changed.
#[test]
fn a_compact_file_and_the_same_file_written_out_are_one_methodology() {
    let text = std::fs::read_to_string(asem()).unwrap();
    let module = metodika::parse(&text).unwrap();
    let (expanded, diags) = metodika::check::expand::expand(&module);
    assert!(diags.is_empty());
    let written = metodika::fmt::format(&expanded, "");
    assert!(!written.contains("defaults"), "{written}");
    assert!(written.contains("indicator PubDebt \"Public debt as a percentage of GDP\" {\n    value     = treated.PubDebt\n    better    lower\n    normalize minmax(0, 100)\n}"), "{written}");
    let lines = written.lines().count();
    eprintln!(
        "ASEM: {} lines compact, {lines} written out",
        text.lines().count()
    );
    assert!(
        lines > 3 * text.lines().count(),
        "{lines} lines written out"
    );
    let dir = root().join("methodologies/asem");
    let out = tempfile::Builder::new()
        .suffix(".metodika")
        .tempfile_in(&dir)
        .unwrap();
    std::fs::write(out.path(), &written).unwrap();
    let opts = metodika::load::options_for(&asem());
    let load = |p: &std::path::Path| metodika::load_file(p, &opts).unwrap().methodology.unwrap();
    let (a, b) = (load(&asem()), load(out.path()));
    let (ra, rb) = (
        metodika::run(&a, &opts).unwrap(),
        metodika::run(&b, &opts).unwrap(),
    );
    assert_eq!(
        metodika::report::csv(&ra, true),
        metodika::report::csv(&rb, true)
    );
    let (ea, eb) = (
        metodika::report::explain(&a, &ra, "KOR"),
        metodika::report::explain(&b, &rb, "KOR"),
    );
    assert!(ea.is_some());
    assert_eq!(ea, eb);
    let d = metodika::diff(&a, &ra, &b, &rb);
    assert!(d.changes.is_empty(), "{} changes", d.changes.len());
    assert!(d
        .regions
        .iter()
        .all(|mv| mv.old_place == mv.new_place && mv.old_score == mv.new_score));
}

fn check(text: &str) -> metodika::check::Checked {
    metodika::check(&metodika::parse(text).unwrap(), &NoHeaders)
}

const HEAD: &str = "methodology \"Сжато\" { key code  label name }\ninput data \"regions.csv\"\n";

/// An indicator's own field wins over its group's `defaults`, which win over the file's.
#[test]
fn defaults_give_way_to_nearer_ones() {
    let text = format!(
        "{HEAD}defaults {{\n    better    higher\n    normalize minmax\n    missing   zero\n}}\n\
         group g \"Г\" {{\n    defaults {{ normalize goalposts(0, 1)  missing mean }}\n    \
         indicator a \"А\" = data.a  weight 1\n    indicator b \"Б\" = data.b  better lower  weight 2\n    \
         indicator c \"В\" {{\n        value = data.c\n        missing median\n    }} weight 3\n}}\n\
         indicator d \"Г\" = data.d\n\
         score \"Итог\" {{ g weight 1  d weight 1 }}\n"
    );
    let c = check(&text);
    let m = c
        .methodology
        .unwrap_or_else(|| panic!("{:?}", c.diagnostics));
    let ind = |n: &str| m.indicators.iter().find(|i| i.name == n).unwrap();
    use metodika::builtins::{MissingPolicy, Normalization};
    use metodika::syntax::ast::Direction;
    assert_eq!(ind("a").normalization, Normalization::Goalposts(0.0, 1.0));
    assert_eq!(ind("a").missing, MissingPolicy::Mean);
    assert_eq!(ind("a").better, Direction::Higher);
    assert_eq!(ind("b").better, Direction::Lower);
    assert_eq!(ind("c").missing, MissingPolicy::Median);
    assert_eq!(ind("d").normalization, Normalization::MinMax);
    assert_eq!(ind("d").missing, MissingPolicy::Zero);
    let g = m.groups.iter().find(|g| g.name == "g").unwrap();
    let w: Vec<f64> = g.members.iter().map(|x| x.weight).collect();
    assert_eq!(w, [1.0, 2.0, 3.0]);
}

#[test]
fn problems_of_defaults_are_reported_once_with_codes() {
    // a default's error: once, though three indicators take it
    let text = format!(
        "{HEAD}defaults {{ better higher  normalize goalposts(5, 1) }}\n\
         indicator a \"А\" = data.a\nindicator b \"Б\" = data.b\nindicator c \"В\" = data.c\n\
         score \"И\" {{ a  b  c }}\n"
    );
    let codes: Vec<&str> = check(&text).diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E401"]);
    // no `better` anywhere: E203 for each, the help says where to give it once
    let text = format!("{HEAD}indicator a \"А\" = data.a\nscore \"И\" {{ a }}\n");
    let c = check(&text);
    let d = c.diagnostics.iter().find(|d| d.code == "E203").unwrap();
    assert!(d.help.as_deref().unwrap().contains("defaults"), "{d:?}");
    // defaults twice, a field twice in them, a group's defaults for no indicator
    let text = format!(
        "{HEAD}defaults {{ better higher }}\ndefaults {{ normalize minmax  normalize rank }}\n\
         indicator a \"А\" = data.a\ngroup g \"Г\" {{ defaults {{ missing zero }} a }}\nscore \"И\" {{ g }}\n"
    );
    let mut codes: Vec<&str> = check(&text).diagnostics.iter().map(|d| d.code).collect();
    codes.sort();
    assert_eq!(codes, ["E105", "E204", "W008"]);
}

/// fmt keeps each form as written, aligns the one-line indicators of a group, keeps
/// comments, and changes nothing the second time.
#[test]
fn fmt_keeps_the_compact_forms() {
    let text = format!(
        "{HEAD}defaults{{better higher normalize minmax}}\n\
         group g \"Г\" {{\n# первая\nindicator a \"Один\" = data.a  # хвост\nindicator длинное_имя \"Б\" = data.b better lower weight 2\n}}\n\
         indicator d \"Д\" = data.d\nscore \"И\" {{ g  d }}\n"
    );
    let m = metodika::parse(&text).unwrap();
    let once = metodika::fmt::format(&m, &text);
    assert_eq!(
        once,
        "methodology \"Сжато\" {\n    key       code\n    label     name\n}\n\ninput data \"regions.csv\"\n\n\
         defaults {\n    better    higher\n    normalize minmax\n}\n\n\
         group g \"Г\" {\n    # первая\n    indicator a           \"Один\" = data.a  # хвост\n    \
         indicator длинное_имя \"Б\"    = data.b  better lower  weight 2\n}\n\n\
         indicator d \"Д\" = data.d\n\nscore \"И\" {\n    g\n    d\n}\n"
    );
    let again = metodika::fmt::format(&metodika::parse(&once).unwrap(), &once);
    assert_eq!(again, once);
}
