//! Revisions as deltas: `extends "…"` in the header, and only what changes. The ПОС 2026
//! edition is written so; it must run, explain and compare exactly as the whole
//! methodology it amounts to (`metodika expand`), and chains, subdirectories, `git:`
//! sources and `--allow-outside` must hold.

use crate::util::{root, temp_with};
use std::path::Path;
use std::process::Output;

fn metodika(args: &[&str], dir: &Path) -> Output {
    crate::util::bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn ok(args: &[&str], dir: &Path) -> String {
    let o = metodika(args, dir);
    assert_eq!(
        o.status.code(),
        Some(0),
        "metodika {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The ПОС 2026 edition written out whole, beside the editions (removed when dropped).
struct Expanded(std::path::PathBuf);

impl Drop for Expanded {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn expanded_2026(tag: &str) -> Expanded {
    let text = ok(&["expand", "methodologies/pos/pos-2026.metodika"], &root());
    let p = root().join(format!(
        "methodologies/pos/.expanded-{tag}-{}.metodika",
        std::process::id()
    ));
    std::fs::write(&p, text).unwrap();
    Expanded(p)
}

#[test]
fn the_2026_edition_is_a_delta_that_runs_as_the_whole_methodology() {
    let whole = expanded_2026("run");
    let w = whole.0.to_str().unwrap();
    let delta = "methodologies/pos/pos-2026.metodika";
    let text = std::fs::read_to_string(root().join(delta)).unwrap();
    assert!(text.contains("extends   \"pos-2025.metodika\""));
    assert!(
        text.lines().count() < 80,
        "a delta states only what changes"
    );
    for args in [
        &["run", "--format", "csv", "--detail"][..],
        &["run", "--format", "json"],
        &["run", "--period", "2025-Q3", "--format", "csv"],
        &["explain", "--region", "77"],
    ] {
        let (cmd, rest) = args.split_first().unwrap();
        let a = ok(&[&[*cmd, delta][..], rest].concat(), &root());
        let b = ok(&[&[*cmd, w][..], rest].concat(), &root());
        assert_eq!(a, b, "{args:?}");
    }
    // the whole: 22 indicators, the 2026 weights and tie-breaker
    let whole_text = std::fs::read_to_string(&whole.0).unwrap();
    assert!(!whole_text.contains("extends") && !whole_text.contains("change "));
    assert!(whole_text.contains("indicator hearing_participation"));
    assert!(
        whole_text.contains("then  answered_on_time desc, satisfaction desc, response_days asc")
    );
    assert!(whole_text.contains("normalize goalposts(50%, 90%)"));
    // canonical, clean, and written out once and for all
    ok(&["fmt", "--check", w], &root());
    let check = ok(&["check", w], &root());
    assert!(
        check.contains("ok — 22 indicators, 3 groups, maximum 1000 points"),
        "{check}"
    );
    assert_eq!(ok(&["expand", w], &root()), whole_text);
}

#[test]
fn diff_of_a_delta_is_diff_of_the_whole() {
    let whole = expanded_2026("diff");
    let w = whole.0.to_str().unwrap();
    let old = "methodologies/pos/pos-2025.metodika";
    for format in ["table", "csv", "json", "markdown"] {
        let a = ok(
            &[
                "diff",
                old,
                "methodologies/pos/pos-2026.metodika",
                "--format",
                format,
            ],
            &root(),
        );
        let b = ok(&["diff", old, w, "--format", format], &root());
        // (the same but for the new side's source, which each names as given, and the
        // lines each file writes a change on)
        let b = b.replace(w, "methodologies/pos/pos-2026.metodika");
        if format == "json" {
            let strip = |t: &str| {
                let mut v: serde_json::Value = serde_json::from_str(t).unwrap();
                for c in v["changes"].as_array_mut().unwrap() {
                    let c = c.as_object_mut().unwrap();
                    c.remove("line");
                    c.remove("file");
                }
                v
            };
            assert_eq!(strip(&a), strip(&b));
        } else {
            assert_eq!(a, b, "{format}");
        }
    }
    // and the delta against its own expansion: nothing changes
    let same = ok(&["diff", w, "methodologies/pos/pos-2026.metodika"], &root());
    assert!(
        same.contains("methodology: no changes") && same.contains("85 unchanged"),
        "{same}"
    );
}

const BASE: &str = "methodology \"База\" {\n    version \"1\"\n    key     code\n    label   name\n    note    \"первая\"\n}\n\ninput t \"data.csv\"\n\nindicator a \"A\" {\n    value     = t.a\n    better    higher\n    normalize minmax\n}\n\nindicator b \"B\" {\n    value     = t.b\n    better    higher\n    normalize minmax\n}\n\ngroup g \"G\" {\n    a weight 50%\n    b weight 50%\n}\n\nscore \"Итог\" {\n    g\n}\n";
const DATA: &str = "code,name,a,b,c\n1,Один,1,9,5\n2,Два,2,8,1\n3,Три,3,7,4\n4,Четыре,4,1,2\n";

#[test]
fn a_chain_of_revisions_runs_as_its_expansion() {
    let dir = temp_with(&[
        ("sub/base.metodika", BASE),
        ("sub/data.csv", DATA),
        (
            "mid.metodika",
            "methodology \"Вторая\" {\n    extends \"sub/base.metodika\"\n    version \"2\"\n}\n\nindicator c \"C\" {\n    value     = t.c\n    better    lower\n    normalize minmax\n}\n\nchange group g {\n    a weight 40%\n    b weight 30%\n    c weight 30%\n}\n",
        ),
        (
            "top.metodika",
            "methodology \"Третья\" {\n    extends \"mid.metodika\"\n    version \"3\"\n    note    \"третья\"\n}\n\nremove indicator b\n\nchange indicator a \"A, по-новому\" {\n    normalize goalposts(0, 4)\n}\n\nchange group g {\n    a weight 60%\n    c weight 40%\n}\n\nzones {\n    top  \"Лидеры\" top 2\n    rest \"Остальные\" rest\n}\n",
        ),
    ]);
    let d = dir.path();
    // the base's input is read from its own folder
    let whole = ok(&["expand", "top.metodika"], d);
    assert!(whole.contains("input t \"sub/data.csv\""), "{whole}");
    assert!(!whole.contains("indicator b "), "{whole}");
    assert!(whole.contains("indicator a \"A, по-новому\""), "{whole}");
    assert!(
        whole.contains("note      \"третья\"") && !whole.contains("первая"),
        "{whole}"
    );
    std::fs::write(d.join("whole.metodika"), &whole).unwrap();
    assert_eq!(
        ok(&["run", "top.metodika", "--format", "csv", "--detail"], d),
        ok(&["run", "whole.metodika", "--format", "csv", "--detail"], d)
    );
    let table = ok(&["run", "top.metodika"], d);
    assert!(table.contains("Лидеры"), "{table}");
    // a problem of a middle file is shown in that file
    std::fs::write(
        d.join("mid.metodika"),
        "methodology \"Вторая\" {\n    extends \"sub/base.metodika\"\n}\n\nchange indicator z {\n    better lower\n}\n",
    )
    .unwrap();
    let o = metodika(&["check", "top.metodika"], d);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[mid.metodika:5:18]")
            && err.contains("the base has no indicator `z` to change"),
        "{err}"
    );
    // a removed indicator leaves its group's weights short: said in the base's group
    std::fs::write(
        d.join("mid.metodika"),
        "methodology \"Вторая\" {\n    extends \"sub/base.metodika\"\n}\n\nremove indicator b\n",
    )
    .unwrap();
    let o = metodika(&["check", "mid.metodika"], d);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("E301") && err.contains("[sub/base.metodika:"),
        "{err}"
    );
    // (taken out of its group too: not an unknown member there)
    assert!(!err.contains("E103"), "{err}");
}

#[test]
fn a_base_outside_is_read_with_allow_outside() {
    let dir = temp_with(&[
        ("editions/2025/base.metodika", BASE),
        ("editions/2025/data.csv", DATA),
        (
            "editions/2026/next.metodika",
            "methodology \"Следующая\" {\n    extends \"../2025/base.metodika\"\n    version \"2\"\n}\n",
        ),
    ]);
    let d = dir.path().join("editions/2026");
    let o = metodika(&["check", "next.metodika"], &d);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("E120"));
    let out = ok(&["run", "next.metodika", "--allow-outside"], &d);
    assert!(out.contains("Четыре"), "{out}");
}

#[test]
fn a_git_source_reads_its_base_at_the_revision() {
    let dir = temp_with(&[
        ("m/base.metodika", BASE),
        ("m/data.csv", DATA),
        (
            "m/next.metodika",
            "methodology \"Следующая\" {\n    extends \"base.metodika\"\n    version \"2\"\n}\n\nchange group g {\n    a weight 80%\n    b weight 20%\n}\n",
        ),
    ]);
    let d = dir.path();
    let git = |args: &[&str]| crate::util::git(d, args);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "editions"]);
    // the base changes in the working tree; the revision keeps the committed one
    std::fs::write(
        d.join("m/base.metodika"),
        BASE.replace("version \"1\"", "version \"1.1\"")
            .replace("b weight 50%", "b weight 50%\n    a2 weight 0%"),
    )
    .unwrap();
    let out = ok(
        &[
            "diff",
            "git:HEAD:m/next.metodika",
            "git:HEAD:m/next.metodika",
        ],
        d,
    );
    assert!(out.contains("methodology: no changes"), "{out}");
}

/// A related place in the base is drawn in the base's own file, and in JSON it names that
/// file.
#[test]
fn a_related_place_in_the_base_is_told_in_its_file() {
    let root = crate::util::root();
    let f = "tests/diagnostics/E206-member-of-a-base-group.metodika";
    let o = metodika(&["check", f], &root);
    let text = String::from_utf8_lossy(&o.stderr);
    assert!(
        text.contains("☞ already a member here")
            && text.contains("╭─[tests/diagnostics/bases/base.metodika:23:5]"),
        "{text}"
    );
    let o = metodika(&["check", "--format", "json", f], &root);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = j
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "E206")
        .cloned()
        .unwrap_or_else(|| panic!("{j}"));
    let r = &d["related"][0];
    assert_eq!(r["file"], "tests/diagnostics/bases/base.metodika", "{d}");
    assert_eq!(r["span"]["line"], 23, "{d}");
    assert_eq!(r["label"], "already a member here", "{d}");
    // the language reference shows it as `check` prints it
    let doc = std::fs::read_to_string(root.join("docs/language.md")).unwrap();
    let start = doc.find("  × `доля` is a member twice").unwrap();
    let shown = &doc[start..start + doc[start..].find("```").unwrap()];
    assert!(text.contains(shown.trim_end()), "{shown}\n---\n{text}");
}

/// `remove indicator` takes the indicator out of every group that lists it, the score
/// included: what is left is checked as written — weights that no longer sum (E301), never
/// an unknown member (E103).
#[test]
fn remove_takes_the_indicator_out_of_the_score() {
    let dir = crate::util::temp_with(&[
        ("t.csv", "code,a,b\nA,1,2\nB,2,1\n"),
        (
            "base.metodika",
            "methodology \"База\" {\n    key code\n}\ninput t \"t.csv\"\nindicator a \"А\" {\n    value = t.a\n    better higher\n    normalize minmax\n}\nindicator b \"Б\" {\n    value = t.b\n    better higher\n    normalize minmax\n}\nscore \"Итог\" {\n    a weight 50%\n    b weight 50%\n}\n",
        ),
        (
            "rev.metodika",
            "methodology \"Редакция 2\" {\n    extends \"base.metodika\"\n}\nremove indicator b\n",
        ),
    ]);
    let p = dir.path().join("rev.metodika");
    let loaded = metodika::load::load_file(&p, &metodika::load::options_for(&p)).unwrap();
    let codes: Vec<&str> = loaded
        .diagnostics
        .iter()
        .chain(loaded.others.iter().flat_map(|(_, d)| d))
        .map(|d| d.code)
        .collect();
    assert!(codes.contains(&"E301"), "{codes:?}");
    assert!(!codes.contains(&"E103"), "{codes:?}");
    // written with the score changed too, the revision checks and ranks on `a` alone
    std::fs::write(
        &p,
        "methodology \"Редакция 2\" {\n    extends \"base.metodika\"\n}\nremove indicator b\nscore \"Итог\" {\n    a weight 100%\n}\n",
    )
    .unwrap();
    let loaded = metodika::load::load_file(&p, &metodika::load::options_for(&p)).unwrap();
    let m = loaded.methodology.expect("the revision checks");
    assert_eq!(m.indicators.len(), 1);
}
