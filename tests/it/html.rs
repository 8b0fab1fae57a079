//! `--format html` as a user runs it, without a browser (tests/it/browser.rs loads the
//! pages in one): self-contained, the same bytes every time, written whole or not at all,
//! refused where a command makes no page.

use crate::util::{root, temp_with};
use std::process::Output;

fn metodika(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = crate::util::bin();
    c.args(args).current_dir(root()).env("NO_COLOR", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const POS: &str = "methodologies/pos/pos-2025.metodika";
const POS_2026: &str = "methodologies/pos/pos-2026.metodika";

#[test]
fn a_report_is_self_contained_and_the_same_whatever_the_threads() {
    let a = metodika(
        &["run", POS, "--format", "html"],
        &[("POLARS_MAX_THREADS", "1"), ("RAYON_NUM_THREADS", "1")],
    );
    let b = metodika(&["run", POS, "--format", "html"], &[]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(
        a.stdout, b.stdout,
        "the same bytes with one thread and with many"
    );
    let page = String::from_utf8(a.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<html lang="ru">"#));
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none';"));
    // nothing to fetch: no address but the SVG namespace, no source attribute, no link
    let without_ns = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for needle in ["http://", "https://", " src=", "<link", "@import", "url("] {
        assert!(!without_ns.contains(needle), "{needle}");
    }
    // the credit of the map's coordinates
    assert!(page.contains("HFLabs") && page.contains("CC BY-SA 4.0"));
    // the print stylesheet: A4
    assert!(page.contains("@page { size: A4;"));
}

#[test]
fn a_methodology_titled_in_english_gets_english_headings() {
    let dir = temp_with(&[
        (
            "m.metodika",
            "methodology \"Connectivity\" {\n    key code\n}\ninput t \"t.csv\"\nindicator a \"A\" {\n    value = t.a\n    better higher\n    normalize minmax\n}\nscore \"Total\" {\n    a weight 100%\n}\n",
        ),
        ("t.csv", "code,a\nX,1\nY,2\n"),
    ]);
    let o = metodika(
        &[
            "run",
            dir.path().join("m.metodika").to_str().unwrap(),
            "--format",
            "html",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(page.contains(r#"<html lang="en">"#));
    for heading in [
        "<h2>Ranking</h2>",
        "<h2>Scores</h2>",
        "no map",
        "Every region is ranked.",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
    // no zones: no zone column, no legend
    assert!(!page.contains("<h2>Zones</h2>"));
}

#[test]
fn diff_writes_a_page_to_a_file_and_never_over_its_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("diff.html");
    let o = metodika(
        &[
            "diff",
            POS,
            POS_2026,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("(85 regions)"), "{}", stderr(&o));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("Что меняет новая редакция"));
    // the old methodology, or an input of the new one, is never the output
    for target in [POS, "methodologies/pos/regions.csv"] {
        let before = std::fs::read(root().join(target)).unwrap();
        let o = metodika(
            &["diff", POS, POS_2026, "--format", "html", "-o", target],
            &[],
        );
        assert_eq!(o.status.code(), Some(2), "{target}");
        assert!(stderr(&o).contains("of this run"), "{}", stderr(&o));
        assert_eq!(std::fs::read(root().join(target)).unwrap(), before);
    }
}

#[test]
fn an_unwritable_page_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing/report.html");
    for args in [
        vec!["run", POS, "--format", "html", "-o"],
        vec!["diff", POS, POS_2026, "--format", "html", "-o"],
    ] {
        let mut args = args.clone();
        args.push(out.to_str().unwrap());
        let o = metodika(&args, &[]);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
        assert!(!out.exists());
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn commands_that_make_no_page_refuse_html() {
    for args in [
        vec![
            "run",
            "methodologies/pos/pos-2025-tables.metodika",
            "--periods",
            "2025-Q1..2025-Q2",
            "--format",
            "html",
        ],
        vec![
            "sensitivity",
            "methodologies/pos/pos-2025-tables.metodika",
            "--runs",
            "10",
            "--format",
            "html",
        ],
    ] {
        let o = metodika(&args, &[]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.contains("`run`, `diff` and `uncertainty` make one"),
            "{e}"
        );
        assert!(o.stdout.is_empty());
    }
}

/// Markup and bidirectional controls from the data stay text, checked on the page's and
/// the Markdown's text itself (not only in a browser): a label `<script>…` is escaped on
/// the page, `<b>` and `[link](…)` are no markup in Markdown, U+202E is shown as
/// `<U+202E>` in the page, the Markdown and the table; the page's policy allows exactly its
/// one script, by its hash.
#[test]
fn data_never_becomes_markup_or_reorders_the_text() {
    let dir = temp_with(&[
        (
            "m.metodika",
            "methodology \"Связь\" {\n    key code\n    label name\n}\ninput t \"t.csv\"\nindicator a \"A\" {\n    value = t.a\n    better higher\n    normalize minmax\n}\nscore \"Итог\" {\n    a weight 100%\n}\n",
        ),
        (
            "t.csv",
            "code,name,a\nX,<script>alert(1)</script>,1\nY,<b>жирный</b> [ссылка](http://example.org),2\nZ,Мос\u{202E}авк,3\n",
        ),
    ]);
    let run = |format: &str| {
        let o = crate::util::bin()
            .current_dir(dir.path())
            .args(["run", "m.metodika", "--format", format])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let page = run("html");
    assert!(!page.contains("<script>alert"), "a label became a script");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;"));
    assert!(!page.contains("<b>жирный"));
    assert!(
        page.contains("Мос&lt;U+202E&gt;авк"),
        "the control is shown"
    );
    assert!(!page.contains('\u{202E}'));
    assert!(!page.contains("'unsafe-inline'; img") && !page.contains("script-src 'unsafe-inline'"));
    let policy_hash = page
        .split("script-src '")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap();
    assert!(policy_hash.starts_with("sha256-"), "{policy_hash}");
    let md = run("markdown");
    assert!(
        md.contains("\\<b\\>жирный\\</b\\> \\[ссылка\\](http://example.org)"),
        "{md}"
    );
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(
        md.contains("Мос\\<U+202E\\>авк") && !md.contains('\u{202E}'),
        "{md}"
    );
    let table = run("table");
    assert!(
        table.contains("Мос<U+202E>авк") && !table.contains('\u{202E}'),
        "{table}"
    );
}
