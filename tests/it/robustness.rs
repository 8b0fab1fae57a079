//! Parser and checker never panic: random bytes, and thousands of mutations of the
//! example files (bounded and seeded, so every run sees the same cases).

use crate::util::{root, Rng};
use metodika::check::{self, NoHeaders};
use metodika::syntax;

fn parse_and_check(src: &str) {
    if let Ok(m) = syntax::parse(src) {
        let _ = check::check(&m, &NoHeaders);
        let _ = metodika::fmt::format(&m, src);
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut r = Rng(1);
    let alphabet: Vec<char> = "methodology indicator value better higher { } ( ) \" # = + - * / ^ < > ! , . : % 0 1 9 _ a z й я \n\t"
        .chars()
        .collect();
    for _ in 0..3000 {
        let len = r.below(200);
        let s: String = (0..len).map(|_| *r.pick(&alphabet)).collect();
        parse_and_check(&s);
    }
}

/// Mutations of the ПОС methodologies that still check are run over the ПОС data: the run
/// may refuse (a data error), but never panic.
#[test]
fn mutated_methodologies_run_or_refuse_cleanly() {
    let dir = root().join("methodologies/pos");
    let sources: Vec<String> = ["pos-2025-tables.metodika", "pos-2026-tables.metodika"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
        .collect();
    let opts = metodika::load::options_for(&dir.join("x.metodika"));
    let edits: &[(&str, &str)] = &[
        ("minmax", "zscore"),
        ("minmax", "rank"),
        ("goalposts(50%, 100%)", "goalposts(0, 1e-300)"),
        ("points 60", "points 0.000001"),
        ("ties  dense", "ties  average"),
        ("ties  dense", "ties  ordinal"),
        ("missing   zero", "missing   exclude"),
        ("missing   median", "missing   mean"),
        ("round 1", "round 15"),
        (
            "/ current.population",
            "/ (current.population - current.population)",
        ),
        ("better    higher", "better    lower"),
        ("score >= 650", "place <= 3"),
        ("winsorize(5%, 95%)", "winsorize(0, 100%)"),
        ("normalize minmax", "transform log normalize minmax"),
        ("sum {", "geometric {"),
        ("sum {", "min {"),
        ("current.votes_held", "previous.votes_held"),
        (
            "then  answered_on_time desc",
            "then  score asc, connection desc",
        ),
    ];
    let mut r = Rng(3);
    let (mut ran, mut ranked) = (0, 0);
    for i in 0..1000 {
        let mut text = sources[i % 2].clone();
        for _ in 0..1 + r.below(3) {
            let (from, to) = edits[r.below(edits.len())];
            if let Some(pos) = text.match_indices(from).map(|(p, _)| p).nth(r.below(3)) {
                text.replace_range(pos..pos + from.len(), to);
            }
        }
        let file = metodika::diag::SourceFile::new("m.metodika", text);
        let loaded = metodika::load::load_text(file, &metodika::load::FileHeaders { opts: &opts });
        if let Some(m) = loaded.methodology {
            ran += 1;
            match metodika::engine::run(&m, &opts) {
                Ok(r) => {
                    ranked += 1;
                    invariants(&r, 85);
                }
                // a refusal is a coded error, never an internal one
                Err(e) => assert!(!e.to_string().contains("R900"), "{e}"),
            }
        }
    }
    assert!(ran > 300, "only {ran} mutants checked");
    assert!(
        ranked > 250,
        "only {ranked} of {ran} mutants ranked the regions"
    );
}

/// What every ranking holds: each of the `n` regions once; places from 1, never beyond
/// the number ranked, in order down the rows; every number a region shows finite.
fn invariants(r: &metodika::engine::Ranking, n: usize) {
    let keys: std::collections::HashSet<&str> = r.rows.iter().map(|x| x.key.as_str()).collect();
    assert_eq!((r.rows.len(), keys.len()), (n, n), "every region once");
    let places: Vec<f64> = r.rows.iter().filter_map(|x| x.place).collect();
    if let Some(first) = places.first() {
        assert_eq!(*first, 1.0, "places start at 1");
    }
    assert!(places.windows(2).all(|w| w[0] <= w[1]), "places in order");
    assert!(places
        .iter()
        .all(|p| *p >= 1.0 && *p <= places.len() as f64));
    for x in &r.rows {
        let nums = x
            .score
            .iter()
            .copied()
            .chain(x.groups.iter().flatten().copied())
            .chain(x.tie_values.iter().flatten().copied())
            .chain(x.indicators.iter().flat_map(|d| {
                [d.raw, d.value, d.normalized, d.contribution]
                    .into_iter()
                    .flatten()
            }));
        for v in nums {
            assert!(v.is_finite(), "{}: a number that is not finite", x.key);
        }
        assert_eq!(
            x.place.is_some(),
            x.excluded.is_none(),
            "{}: ranked or not",
            x.key
        );
    }
}

/// Mutations of every methodology file (the corpus and the diagnostics' `.metodika`
/// files), token by token — a token dropped, doubled, swapped with the next, or replaced
/// by a token of the file or a hostile one — never panic; enough of them parse and check
/// that the checker is exercised, not only the parser.
#[test]
fn mutations_of_the_examples_never_panic() {
    let (mut parsed, mut checked) = (0, 0);
    let total = 3000;
    for text in mutants(2, total) {
        if let Ok(m) = syntax::parse(&text) {
            parsed += 1;
            let c = check::check(&m, &NoHeaders);
            checked += usize::from(c.methodology.is_some());
            let _ = metodika::fmt::format(&m, &text);
        }
    }
    eprintln!("{parsed} of {total} mutants parse, {checked} check");
    // (measured: 455 parse, 102 check — seeds from the diagnostics have errors of their own)
    assert!(parsed * 8 > total, "only {parsed} of {total} mutants parse");
    assert!(
        checked * 40 > total,
        "only {checked} of {total} mutants check"
    );
}

/// `total` mutants of the seeds (see the test above), from `seed`: the same every time.
pub fn mutants(seed: u64, total: usize) -> Vec<String> {
    let sources: Vec<String> = crate::corpus::methodology_files()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .chain(
            std::fs::read_dir(root().join("tests/diagnostics"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "metodika"))
                .filter_map(|p| std::fs::read_to_string(p).ok()),
        )
        // seeds that parse: a mutant of a broken file tells little
        .filter(|s| syntax::parse(s).is_ok())
        .collect();
    assert!(sources.len() > 20, "{} seeds", sources.len());
    let hostile = [
        "(",
        ")",
        "{",
        "}",
        "\"",
        "#",
        "%",
        "-",
        "not",
        "if",
        "then",
        "else",
        "score",
        "place",
        "1e999",
        "99999999999999999999999999999999999999999",
        "минмакс",
        "weight",
        "50%",
        "points",
        "0",
        "missing",
        "mean_of",
        "ties",
        "ordinal",
        "top",
        "next",
        "otherwise",
        "\u{feff}",
        "é",
        "\\",
        ":",
        ">=",
        "where",
        "in",
        "2025-02-30",
    ];
    let mut r = Rng(seed);
    let mut out = Vec::with_capacity(total);
    for i in 0..total {
        let src = &sources[i % sources.len()];
        // tokens: runs of word characters, single other characters, and the spaces kept
        let mut toks: Vec<String> = Vec::new();
        for c in src.chars() {
            let word = c.is_alphanumeric() || c == '_' || c == '.';
            match toks.last_mut() {
                Some(t)
                    if word
                        && t.chars()
                            .all(|x| x.is_alphanumeric() || x == '_' || x == '.') =>
                {
                    t.push(c)
                }
                _ => toks.push(c.to_string()),
            }
        }
        let words: Vec<usize> = (0..toks.len())
            .filter(|&k| !toks[k].trim().is_empty())
            .collect();
        for _ in 0..1 + r.below(2) {
            if words.is_empty() {
                break;
            }
            let at = words[r.below(words.len())];
            let alike = |t: &str, u: &str| {
                let w = |s: &str| s.chars().next().is_some_and(|c| c.is_alphanumeric());
                w(t) == w(u)
            };
            match r.below(5) {
                0 => toks[at] = String::new(),
                1 => toks[at] = format!("{} {}", toks[at], toks[at]),
                2 => {
                    // with the next token that is not space
                    if let Some(&next) = words.iter().find(|&&k| k > at) {
                        toks.swap(at, next);
                    }
                }
                3 => toks[at] = r.pick(&hostile).to_string(),
                _ => {
                    // another token of the file of the same kind (a name for a name)
                    let pool: Vec<usize> = words
                        .iter()
                        .copied()
                        .filter(|&k| alike(&toks[k], &toks[at]))
                        .collect();
                    toks[at] = toks[pool[r.below(pool.len())]].clone();
                }
            }
        }
        out.push(toks.concat());
    }
    out
}

/// Found by the fuzzer: a byte-order mark between blank lines is an empty file, not a
/// file with no items (whose formatted form, an empty file, would not parse).
#[test]
fn fuzz_regressions() {
    let bom_in_blanks = " \n\u{feff}\n   \n   \n\n   \n\n   ";
    assert_eq!(syntax::parse(bom_in_blanks).unwrap_err()[0].code, "E004");
    // a comment ends at a lone carriage return, as pest's NEWLINE does
    let cr = "methodology \"Т\" {\n    key k\n}\n\nscore \"И\" {\n    д\r\r## \r\rоля\n}\n";
    let m = syntax::parse(cr).unwrap();
    let f = metodika::fmt::format(&m, cr);
    let again = syntax::parse(&f).unwrap();
    assert_eq!(
        serde_json::to_value(&m).unwrap(),
        serde_json::to_value(&again).unwrap(),
        "{f:?}"
    );
    for src in ["# только комментарий\n", "\u{feff}# c\n\n"] {
        let m = syntax::parse(src).unwrap();
        let f = metodika::fmt::format(&m, src);
        assert!(syntax::parse(&f).is_ok(), "{f:?}");
    }
}

#[test]
fn ten_thousand_nested_parentheses() {
    let src = format!(
        "methodology \"T\" {{ key k }}\ninput t \"d.csv\"\nindicator v \"V\" {{ value = {}1{} better higher }}\nscore \"S\" {{ v }}\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let e = syntax::parse(&src).unwrap_err();
    assert_eq!(e[0].code, "E002");
    let src = format!(
        "methodology \"T\" {{ key k }}\nexclude when {}1 > 0 \"x\"\n",
        "not ".repeat(10_000)
    );
    assert_eq!(syntax::parse(&src).unwrap_err()[0].code, "E002");
    let src = format!(
        "methodology \"T\" {{ key k }}\nexclude when {}1 > 0 \"x\"\n",
        "- ".repeat(10_000)
    );
    assert_eq!(syntax::parse(&src).unwrap_err()[0].code, "E002");
    let chain: String = (0..10_000).map(|_| "if 1 > 0 then 1 else ").collect();
    let src = format!(
        "methodology \"T\" {{ key k }}\nindicator v \"V\" {{ value = {chain}0 better higher }}\n"
    );
    assert_eq!(syntax::parse(&src).unwrap_err()[0].code, "E002");
    let sum: String = (0..10_000).map(|_| "1 + ").collect();
    let src = format!(
        "methodology \"T\" {{ key k }}\nindicator v \"V\" {{ value = {sum}1 better higher }}\n"
    );
    assert_eq!(syntax::parse(&src).unwrap_err()[0].code, "E002");
}

/// Nesting that would double a polars plan at every level (a divisor or a power that
/// must be named twice to guard it) runs at once: each operand is used once.
#[test]
fn deeply_nested_operations_do_not_blow_up_the_plan() {
    let data = "region_code,a\nA,2\nB,3\n";
    let nested_div = format!("{}t.a{}", "t.a / (".repeat(60), ")".repeat(60));
    let pow_chain = vec!["1.0001"; 200].join(" ^ ");
    let ifs = (0..60).fold("t.a".to_string(), |acc, i| {
        format!("if t.a > {i} then ({acc}) else (t.a)")
    });
    let mins = (0..30).fold("t.a".to_string(), |acc, _| {
        format!("min(max({acc}, 1), t.a + 1)")
    });
    for value in [nested_div, pow_chain, ifs, mins] {
        let m = format!(
            "methodology \"Т\" {{ key region_code }}\ninput t \"d.csv\"\n\
             indicator v \"V\" {{ value = {value} better higher missing zero }}\nscore \"S\" {{ v }}\n"
        );
        let r = crate::util::run_text(&m, &[("d.csv", data)]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.rows.len(), 2);
    }
}

/// Thousands of indicators check and run (the figures of docs/performance.md come from
/// the benchmark, not from this test).
#[test]
fn thousands_of_indicators() {
    let n = 2000;
    let mut m = String::from("methodology \"Т\" { key region_code }\ninput t \"d.csv\"\n");
    for i in 0..n {
        m.push_str(&format!(
            "indicator i{i} \"И{i}\" {{ value = t.a * {} + t.b better {} normalize minmax }}\n",
            i + 1,
            if i % 2 == 0 { "higher" } else { "lower" }
        ));
    }
    for g in 0..40 {
        m.push_str(&format!("group g{g} \"Г{g}\" {{"));
        for i in g * 50..(g + 1) * 50 {
            m.push_str(&format!(" i{i} points 1"));
        }
        m.push_str(" }\n");
    }
    m.push_str("score \"S\" sum {");
    for g in 0..40 {
        m.push_str(&format!(" g{g}"));
    }
    m.push_str(" }\n");
    let mut data = String::from("region_code,a,b\n");
    for i in 0..85 {
        data.push_str(&format!("R{i},{},{}\n", (i * 37) % 101, (i * 11) % 7));
    }
    let r = crate::util::run_text(&m, &[("d.csv", &data)]).unwrap();
    assert_eq!(r.rows.len(), 85);
    assert_eq!(r.indicators.len(), n);
}

/// A million units run (the figures of a large case are in docs/performance.md).
#[test]
fn a_million_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = String::with_capacity(24_000_000);
    data.push_str("unit,a,b\n");
    for i in 0..1_000_000u64 {
        data.push_str(&format!("u{i:07},{},{}\n", i % 997, (i * 7919) % 1009));
    }
    std::fs::write(dir.path().join("d.csv"), data).unwrap();
    let m = "methodology \"M\" { key unit }\ninput t \"d.csv\"\n\
             indicator a \"A\" { value = t.a better higher normalize minmax }\n\
             indicator b \"B\" { value = t.b better lower normalize rank }\n\
             score \"S\" { a weight 2  b weight 1 }\nrank { ties dense then a desc }\n\
             zones { top \"T\" top 10  rest \"R\" rest }\n";
    let path = dir.path().join("m.metodika");
    std::fs::write(&path, m).unwrap();
    let opts = metodika::load::options_for(&path);
    let loaded = metodika::load::load_file(&path, &opts).unwrap();
    let r = metodika::engine::run_with(loaded.methodology.as_ref().unwrap(), &opts, false).unwrap();
    assert_eq!(r.rows.len(), 1_000_000);
    let keys: std::collections::HashSet<&str> = r.rows.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(keys.len(), 1_000_000, "every unit exactly once");
    assert_eq!(r.rows[0].place, Some(1.0));
    assert!(r.rows.windows(2).all(|w| w[0].place <= w[1].place));
}

/// Every built-in the tables list is built by the checker as itself: a name added to a
/// table and forgotten in the checker would stop at once (no catch-all arm turns it into
/// another built-in).
#[test]
fn every_listed_builtin_is_built_as_itself() {
    use metodika::builtins::{MISSING_POLICIES, NORMALIZATIONS, TRANSFORMS};
    let call = |name: &str, n: usize| match n {
        0 => name.to_string(),
        1 => format!("{name}(0.5)"),
        _ => format!("{name}(0.1, 0.9)"),
    };
    let check = |clause: String| {
        let text = format!(
            "methodology \"M\" {{ key code }}\ninput t \"d.csv\"\n\
             indicator a \"A\" {{ value = t.x better higher {clause} }}\nscore \"S\" {{ a }}\n"
        );
        let m = metodika::syntax::parse(&text).unwrap();
        let c = metodika::check::check(&m, &metodika::check::NoHeaders);
        assert!(c.errors().next().is_none(), "{text}: {:?}", c.diagnostics);
        c.methodology.unwrap().indicators.remove(0)
    };
    let mut seen = 0;
    for (name, counts) in NORMALIZATIONS.iter().filter(|(n, _)| *n != "bands") {
        for &n in *counts {
            let ind = check(format!("normalize {}", call(name, n)));
            assert_eq!(ind.normalization.name(), *name);
            seen += 1;
        }
    }
    for (name, counts) in TRANSFORMS {
        for &n in *counts {
            let ind = check(format!("transform {}", call(name, n)));
            assert_eq!(ind.transforms.len(), 1, "{name}");
            seen += 1;
        }
    }
    for (name, counts) in MISSING_POLICIES {
        for &n in *counts {
            let ind = check(format!("missing {}", call(name, n)));
            assert_eq!(ind.missing.name(), *name);
            seen += 1;
        }
    }
    assert_eq!(seen, 8 + 5 + 8);
}
