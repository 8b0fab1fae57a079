//! Completion in each context and hover on each kind of name, straight from
//! `metodika::ide` (the server only turns these into UTF-16 positions), on text that
//! parses and on text that does not.

use metodika::data::records::ColType;
use metodika::ide::{complete, Analysis, Columns};

struct Cols;

impl Columns for Cols {
    fn columns(&self, input: &str) -> Result<Vec<(String, Option<ColType>)>, String> {
        match input {
            "данные" => Ok(vec![
                ("код".into(), Some(ColType::Text)),
                ("ответы".into(), Some(ColType::Number)),
            ]),
            "сообщения" => Ok(vec![
                ("статус".into(), Some(ColType::Text)),
                ("создано".into(), Some(ColType::Date)),
            ]),
            _ => Err("no such input".into()),
        }
    }
}

const BASE: &str = r#"methodology "М" { key код  label регион }
input данные "данные.csv"
records сообщения "сообщения.csv" { date создано }
indicator доля "Доля" {
    value     = данные.ответы / 2
    better    higher
    normalize minmax
}
indicator срок "Срок" {
    value     = count(сообщения where статус == "в срок")
    better    lower
    normalize goalposts(0, 30)
}
group итог "Итог" mean {
    доля weight 1
    срок weight 1
}
score "Балл" { итог points 100 }
rank { ties dense  then доля desc }
zones {
    зелёная "Зелёная" top 1
    красная "Красная" otherwise
}
"#;

/// The labels offered where `‸` stands in `text` (the `‸` taken out).
fn offered(text: &str) -> Vec<String> {
    let at = text.find('‸').expect("a cursor");
    let t = text.replacen('‸', "", 1);
    let a = Analysis::new(t, &metodika::check::NoHeaders);
    let (span, items) = complete::complete(&a, at, &Cols);
    assert_eq!(span.end, at);
    items.into_iter().map(|i| i.label).collect()
}

/// BASE with `line` inserted before the line that starts with `before`.
fn with(before: &str, line: &str) -> String {
    let at = BASE.find(before).unwrap_or_else(|| panic!("{before}"));
    format!("{}{line}\n{}", &BASE[..at], &BASE[at..])
}

fn has(v: &[String], want: &[&str]) {
    for w in want {
        assert!(v.iter().any(|x| x == w), "{w} not in {v:?}");
    }
}

fn lacks(v: &[String], not: &[&str]) {
    for w in not {
        assert!(!v.iter().any(|x| x == w), "{w} in {v:?}");
    }
}

#[test]
fn completion_follows_the_context() {
    // top level, after an item
    let v = offered(&with("score", "‸"));
    has(
        &v,
        &["indicator", "group", "zones", "uncertainty", "exclude"],
    );
    lacks(&v, &["value", "minmax"]);
    // inside an indicator: its fields, then each field's values
    let v = offered(&BASE.replace("    better    higher\n", "    ‸\n"));
    has(
        &v,
        &["value", "better", "normalize", "missing", "transform"],
    );
    lacks(&v, &["indicator", "minmax"]);
    assert_eq!(
        offered(&BASE.replace("better    higher", "better ‸")),
        ["higher", "lower"]
    );
    let v = offered(&BASE.replace("normalize minmax", "normalize ‸"));
    has(&v, &["minmax", "zscore", "goalposts", "bands", "rank"]);
    lacks(&v, &["mean", "log"]);
    assert_eq!(
        offered(&BASE.replace("normalize minmax", "normalize min‸")),
        ["minmax"]
    );
    let v = offered(&BASE.replace("normalize minmax", "transform log, ‸"));
    has(&v, &["cap", "winsorize", "log1p"]);
    let v = offered(&BASE.replace("normalize minmax", "missing ‸"));
    has(&v, &["median", "zero", "exclude", "value"]);
    // a formula: indicators, inputs, functions; columns after `input.`
    let v = offered(&BASE.replace("данные.ответы / 2", "‸"));
    has(
        &v,
        &[
            "доля",
            "срок",
            "данные",
            "сообщения",
            "round",
            "mean_of",
            "count",
            "if",
        ],
    );
    lacks(&v, &["итог", "score"]);
    assert_eq!(
        offered(&BASE.replace("данные.ответы / 2", "данные.‸")),
        ["код", "ответы"]
    );
    assert_eq!(
        offered(&BASE.replace("данные.ответы / 2", "данные.от‸")),
        ["ответы"]
    );
    // inside an aggregate over records: its columns
    let v = offered(
        &BASE
            .replace("where статус ==", "where ‸ ==")
            .replace("статус", "x"),
    );
    has(&v, &["статус", "создано", "and", "in"]);
    // a group: members, then their weight
    let v = offered(&BASE.replace("    срок weight 1\n", "    ‸\n"));
    has(&v, &["доля", "срок", "итог", "note"]);
    assert_eq!(
        offered(&BASE.replace("    срок weight 1\n", "    срок ‸\n")),
        ["points", "weight"]
    );
    let v = offered(&BASE.replace("\"Итог\" mean", "\"Итог\" ‸"));
    has(&v, &["mean", "geometric", "harmonic", "sum", "min"]);
    // rank and zones: after scoring, groups and `score` may be named
    assert_eq!(
        offered(&BASE.replace("ties dense", "ties ‸")),
        ["dense", "competition", "ordinal", "average"]
    );
    let v = offered(&BASE.replace("then доля desc", "then ‸"));
    has(&v, &["доля", "итог", "score", "asc", "desc"]);
    let v = offered(&BASE.replace("\"Зелёная\" top 1", "\"Зелёная\" ‸"));
    assert_eq!(v, ["when", "top", "next", "otherwise", "rest"]);
    let v = offered(&BASE.replace("\"Зелёная\" top 1", "\"Зелёная\" when ‸"));
    has(&v, &["score", "place", "итог"]);
    // the header: columns of the region inputs for the key; records: their columns
    assert_eq!(
        offered(&BASE.replace("key код", "key ‸")),
        ["код", "ответы"]
    );
    assert_eq!(
        offered(&BASE.replace("date создано", "date ‸")),
        ["статус", "создано"]
    );
    let v = offered(&BASE.replace("label регион }", "period ‸}"));
    assert_eq!(v, ["monthly", "quarterly", "yearly"]);
    // uncertainty
    let u = |body: &str| offered(&format!("{BASE}uncertainty {{\n    {body}\n}}\n"));
    has(&u("normalize ‸"), &["доля", "срок"]);
    lacks(&u("normalize ‸"), &["итог"]);
    has(&u("normalize доля: ‸"), &["zscore", "rank"]);
    has(&u("aggregate итог: mean | ‸"), &["geometric"]);
    has(&u("weight ‸"), &["доля", "итог"]);
    has(&u("‸"), &["runs", "seed", "weights", "noise"]);
    // nothing inside a comment or a string
    assert!(offered(&with("score", "# доля ‸")).is_empty());
    assert!(offered(&BASE.replace("\"Доля\"", "\"До‸ля\"")).is_empty());
}

#[test]
fn completion_works_on_text_that_does_not_parse() {
    // an unclosed indicator and a half-written field
    let broken = "input данные \"данные.csv\"\nindicator доля \"Доля\" {\n    value = данные.‸\n";
    assert_eq!(offered(broken), ["код", "ответы"]);
    let broken = "input данные \"данные.csv\"\nindicator доля \"Доля\" {\n    value = (данные.ответы\n    normalize ‸\n";
    has(&offered(broken), &["minmax"]);
    let broken = "indicator a \"A\" { value = 1 }\ngroup g \"G\" {\n    a points\n}\nzones {\n  z \"Z\" when ‸";
    has(&offered(broken), &["score", "place", "g"]);
}

#[test]
fn hover_tells_what_each_name_is() {
    let a = Analysis::new(BASE.to_string(), &metodika::check::NoHeaders);
    assert!(a.methodology.is_some(), "{:?}", a.diagnostics);
    let hover = |what: &str, n: usize| {
        let at = BASE
            .match_indices(what)
            .nth(n)
            .unwrap_or_else(|| panic!("{what}"))
            .0;
        a.hover(at + 1, &Cols).map(|h| h.1).unwrap_or_default()
    };
    let h = hover("срок weight", 0);
    assert!(h.contains("**indicator `срок`** — Срок"), "{h}");
    assert!(
        h.contains("value = count(сообщения where статус == \"в срок\")"),
        "{h}"
    );
    assert!(
        h.contains("better: `lower`") && h.contains("normalize: `goalposts(0, 30)`"),
        "{h}"
    );
    assert!(
        h.contains("in `итог`: weight 1")
            && h.contains("share of the maximum: 50% (50 of 100 points)"),
        "{h}"
    );
    let h = hover("итог", 1);
    assert!(
        h.contains("**group `итог`** — Итог") && h.contains("aggregation: `mean`"),
        "{h}"
    );
    assert!(
        h.contains("members: 2") && h.contains("share of the maximum: 100%"),
        "{h}"
    );
    let h = hover("сообщения where", 0);
    assert!(
        h.contains("**records `сообщения`**: `сообщения.csv`")
            && h.contains("2 columns: `статус`, `создано`"),
        "{h}"
    );
    let h = hover("статус", 0);
    assert!(
        h.contains("**column `статус`** of `сообщения`") && h.contains("Type: text"),
        "{h}"
    );
    let h = hover("создано", 0);
    assert!(h.contains("Type: a date"), "{h}");
    let h = hover("count", 0);
    assert!(
        h.contains("aggregate over records") && h.contains("count(R where P)"),
        "{h}"
    );
    let h = hover("mean {", 0);
    assert!(
        h.contains("group aggregation") && h.contains("Σ w·x / Σ w"),
        "{h}"
    );
    let h = hover("dense", 0);
    assert!(h.contains("tie method") && h.contains("1, 2, 2, 3"), "{h}");
    let h = hover("зелёная", 0);
    assert!(
        h.contains("**zone `зелёная`** — Зелёная") && h.contains("top 1"),
        "{h}"
    );
    let h = hover("код", 0);
    assert!(h.contains("key column `код`"), "{h}");
    // a file with an error: what is written, and no share
    let broken = BASE.replace("normalize minmax", "normalize minmx");
    let b = Analysis::new(broken.clone(), &metodika::check::NoHeaders);
    let at = broken.find("доля weight").unwrap();
    let h = b.hover(at, &Cols).unwrap().1;
    assert!(
        h.contains("normalize: `minmx`") && h.contains("told once the file has no error"),
        "{h}"
    );
}

#[test]
fn rename_references_and_definitions_resolve_each_kind() {
    let a = Analysis::new(BASE.to_string(), &metodika::check::NoHeaders);
    let at = |what: &str, n: usize| BASE.match_indices(what).nth(n).unwrap().0;
    // a group: defined, used in the score and nowhere else
    let o = a.at(at("итог", 1)).unwrap();
    assert_eq!(a.definition(&o.sym).map(|s| s.start), Some(at("итог", 0)));
    assert_eq!(a.references(&o.sym, true).len(), 2);
    // the cursor just after a name is on it
    let end = at("доля desc", 0) + "доля".len();
    assert!(matches!(&a.at(end).unwrap().sym, metodika::ide::Sym::Indicator(n) if n == "доля"));
    // a zone renames; a column and a built-in do not; a rename keeps the file checking
    let spans = a.rename(at("зелёная", 0), "лучшие").unwrap();
    assert_eq!(spans.len(), 1);
    assert!(a
        .rename(at("ответы", 0), "x")
        .unwrap_err()
        .contains("only indicators"));
    assert!(a.rename(at("minmax", 0), "x").is_err());
    assert!(a
        .rename(at("доля", 0), "score")
        .unwrap_err()
        .contains("taken"));
    assert!(a
        .rename(at("доля", 0), "1доля")
        .unwrap_err()
        .contains("not a name"));
    let spans = a.rename(at("сообщения", 0), "обращения").unwrap();
    assert_eq!(spans.len(), 2, "the declaration and `count(сообщения …)`");
    let mut renamed = BASE.to_string();
    for s in spans.iter().rev() {
        renamed.replace_range(s.start..s.end, "обращения");
    }
    let m = metodika::parse(&renamed).unwrap();
    assert!(metodika::check(&m, &metodika::check::NoHeaders)
        .methodology
        .is_some());
}

const COMPACT: &str = r#"methodology "М" { key код }
input данные "данные.csv"
defaults {
    better    higher
    normalize minmax(0, 100)
}
group блок "Блок" {
    defaults { missing zero }
    indicator ответы "Ответы" = данные.ответы  weight 2
    indicator код_ "Код" = данные.код  better lower  weight 1
}
score "Итог" { блок }
"#;

#[test]
fn compact_forms_complete_hover_and_outline() {
    // a new line in a group: members, and the compact forms' keywords
    let v = offered(&COMPACT.replace("    indicator код_", "    ‸\n    indicator код_"));
    has(&v, &["indicator", "defaults", "ответы", "note"]);
    // a one-line indicator being written: its formula, then `better` and a weight
    let v = offered(&COMPACT.replace("= данные.код  better lower  weight 1", "= ‸"));
    has(&v, &["данные", "ответы", "round", "mean_of"]);
    lacks(&v, &["points", "indicator"]);
    let v = offered(&COMPACT.replace("= данные.код  better lower  weight 1", "= данные.код ‸"));
    has(&v, &["better", "weight", "points"]);
    assert_eq!(
        offered(&COMPACT.replace("better lower  weight 1", "better ‸")),
        ["higher", "lower"]
    );
    assert_eq!(
        offered(&COMPACT.replace("= данные.код  better", "= данные.‸  better")),
        ["код", "ответы"]
    );
    // in a `defaults` block: the fields it may give, then their values
    let v = offered(&COMPACT.replace("    normalize minmax(0, 100)\n", "    ‸\n"));
    assert_eq!(
        v,
        ["better", "transform", "normalize", "missing", "outliers"]
    );
    has(
        &offered(&COMPACT.replace("missing zero", "missing ‸")),
        &["zero", "median"],
    );
    assert_eq!(
        offered(&COMPACT.replace("missing zero", "outliers ‸")),
        ["auto", "none"]
    );
    // at the top, a one-line indicator's formula
    let top = COMPACT.replace("score", "indicator x \"X\" = ‸\nscore");
    has(&offered(&top), &["данные", "ответы"]);

    let a = Analysis::new(COMPACT.to_string(), &metodika::check::NoHeaders);
    assert!(a.methodology.is_some(), "{:?}", a.diagnostics);
    let at = COMPACT.find("код_").unwrap();
    let h = a.hover(at, &Cols).unwrap().1;
    assert!(
        h.contains("**indicator `код_`** — Код") && h.contains("value = данные.код"),
        "{h}"
    );
    assert!(
        h.contains("better: `lower`\n")
            && h.contains("normalize: `minmax(0, 100)` (from `defaults`)"),
        "{h}"
    );
    assert!(
        h.contains("missing: `zero` (from `defaults`)") && h.contains("in `блок`: weight 1"),
        "{h}"
    );
    assert!(h.contains("share of the maximum: 33.33%"), "{h}");
    let outline = a.outline();
    let names: Vec<&str> = outline.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["М", "данные", "defaults", "блок", "score"]);
    let kids: Vec<&str> = outline[3]
        .children
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(kids, ["defaults", "ответы", "код_"]);
    // a rename of an indicator written in a group: its name, and its uses
    let spans = a.rename(at, "обратный_код").unwrap();
    assert_eq!(spans.len(), 1);
    let spans = a.rename(COMPACT.find("блок").unwrap(), "раздел").unwrap();
    assert_eq!(spans.len(), 2);
}

struct Ministry;

impl Columns for Ministry {
    fn columns(&self, input: &str) -> Result<Vec<(String, Option<ColType>)>, String> {
        match input {
            "регионы" => Ok(vec![
                ("Код".into(), Some(ColType::Text)),
                ("Численность населения, чел.".into(), Some(ColType::Number)),
                ("Число МКД, ед.".into(), Some(ColType::Number)),
            ]),
            _ => Err("no such input".into()),
        }
    }
}

const MINISTRY: &str = r#"methodology "М" { key "Код" }
input регионы "регионы.csv" {
    column население = "Численность населения, чел."
}
indicator мкд "МКД" {
    value     = регионы."Число МКД, ед." / население * 1000
    better    higher
    normalize minmax
}
indicator люди "Люди" {
    value     = регионы.население
    better    higher
    normalize minmax
}
score "Балл" { мкд люди }
"#;

/// A ministry's headers in the editor: completed quoted as they are written, a name given
/// to a header offered beside them, hovered with its header, found and renamed with its
/// uses, bare or after the input's name.
#[test]
fn headers_as_written_and_names_given_to_them() {
    let at = MINISTRY.find("регионы.население").unwrap() + "регионы.".len();
    let text = format!("{}‸{}", &MINISTRY[..at], &MINISTRY[at..]);
    let t = text.replacen('‸', "", 1);
    let a = Analysis::new(t, &metodika::check::NoHeaders);
    let (_, items) = complete::complete(&a, at, &Ministry);
    let labels: Vec<String> = items.iter().map(|i| i.label.clone()).collect();
    has(
        &labels,
        &[
            "население",
            "\"Численность населения, чел.\"",
            "\"Число МКД, ед.\"",
            "Код",
        ],
    );
    let given = items.iter().find(|i| i.label == "население").unwrap();
    assert_eq!(
        given.detail.as_deref(),
        Some("регионы: \"Численность населения, чел.\"")
    );
    let a = Analysis::new(MINISTRY.to_string(), &metodika::check::NoHeaders);
    // the name, its definition and both uses
    let bare = MINISTRY.find("/ население").unwrap() + 2;
    let o = a.at(bare).unwrap();
    let def = MINISTRY.find("население =").unwrap();
    assert_eq!(a.definition(&o.sym).map(|s| s.start), Some(def));
    assert_eq!(a.references(&o.sym, true).len(), 3);
    let (_, hover) = a.hover(bare, &Ministry).unwrap();
    assert!(
        hover.contains("the name given to the header \"Численность населения, чел.\"")
            && hover.contains("Type: a number"),
        "{hover}"
    );
    // a quoted header: hovered by its header, not renamable
    let quoted = MINISTRY.find("\"Число МКД").unwrap() + 1;
    let (_, hover) = a.hover(quoted, &Ministry).unwrap();
    assert!(hover.contains("column `\"Число МКД, ед.\"`"), "{hover}");
    assert!(a.rename(quoted, "мкд_всего").is_err());
    // renamed everywhere, and the file still checks
    let spans = a.rename(bare, "жители").unwrap();
    assert_eq!(spans.len(), 3);
    let mut renamed = MINISTRY.to_string();
    for s in spans.iter().rev() {
        renamed.replace_range(s.start..s.end, "жители");
    }
    assert!(renamed.contains("column жители = ") && renamed.contains("регионы.жители"));
    let m = metodika::parse(&renamed).unwrap();
    assert!(metodika::check(&m, &metodika::check::NoHeaders)
        .methodology
        .is_some());
    // not to a name the input's other given name has, nor to a word that is not a name
    assert!(a
        .rename(bare, "1жители")
        .unwrap_err()
        .contains("not a name"));
}
