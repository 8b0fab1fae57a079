//! The command line as a user runs it.

use crate::util::{root, temp_with};
use std::process::{Command, Output};

fn metodika(args: &[&str]) -> Output {
    metodika_env(args, &[])
}

fn metodika_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = crate::util::bin();
    c.args(args).current_dir(root()).env("NO_COLOR", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}
fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const POS: &str = "methodologies/pos/pos-2025-tables.metodika";

#[test]
fn check_ok_prints_a_summary() {
    let o = metodika(&["check", POS, "methodologies/pos/pos-2026-tables.metodika"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("pos-2025-tables.metodika: ok — 21 indicators, 3 groups, maximum 1000 points"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn check_reports_errors_and_exits_1() {
    let o = metodika(&["check", "tests/diagnostics/many-errors.metodika"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("E301") && err.contains("E108") && err.contains(" errors"),
        "{err}"
    );
}

#[test]
fn check_json() {
    let o = metodika(&[
        "check",
        "--format",
        "json",
        "tests/diagnostics/E102-unknown-column.metodika",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v[0];
    assert_eq!(d["code"], "E102");
    assert_eq!(d["severity"], "error");
    assert!(d["file"]
        .as_str()
        .unwrap()
        .ends_with("E102-unknown-column.metodika"));
    assert_eq!(d["span"]["line"], 9);
    assert!(d["help"].as_str().unwrap().contains("population"));
}

/// A methodology with one warning (W006 on line 4) and, in a second file, one error.
fn warned_and_broken() -> tempfile::TempDir {
    temp_with(&[
        ("regions.csv", "region,name,x\n01,Один,1\n02,Два,2\n"),
        (
            "w.metodika",
            "methodology \"Т\" { key region }\ninput regions \"regions.csv\"\n\
             indicator a \"Доля, %\" { value = regions.x better higher normalize goalposts(0, 1) }\n\
             score \"S\" geometric { a }\n",
        ),
        (
            "e.metodika",
            "methodology \"Т\" { key region }\ninput regions \"regions.csv\"\n\
             indicator a \"A\" { value = regions.population better higher }\nscore \"S\" { a }\n",
        ),
    ])
}

/// Issue 38, item 5: `check --format github|gitlab|sarif|junit` for review tools, each
/// with the file, the line and the column of every diagnostic, errors and warnings.
#[test]
fn check_writes_annotations_for_review_tools() {
    let dir = warned_and_broken();
    let run = |format: &str| {
        let o = crate::util::bin()
            .args(["check", "w.metodika", "e.metodika", "--format", format])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(1),
            "{format}: the error fails the check"
        );
        stdout(&o)
    };
    // GitHub: one workflow command a diagnostic, the message's line breaks and the
    // properties' commas escaped
    let gh = run("github");
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), 2, "{gh}");
    assert!(
        lines[0].starts_with(
            "::warning file=w.metodika,line=4,col=23,endLine=4,endColumn=24,title=W006::[W006] "
        ),
        "{gh}"
    );
    assert!(lines[0].contains("%0Ahelp: "), "{gh}");
    assert!(
        lines[1].starts_with("::error file=e.metodika,line=3,"),
        "{gh}"
    );
    assert!(
        lines[1].contains("title=E102::[E102] input `regions` has no column `population`"),
        "{gh}"
    );
    // GitLab Code Quality
    let gl: serde_json::Value = serde_json::from_str(&run("gitlab")).unwrap();
    assert_eq!(gl.as_array().unwrap().len(), 2);
    assert_eq!(gl[0]["check_name"], "W006");
    assert_eq!(gl[0]["severity"], "minor");
    assert_eq!(gl[0]["location"]["path"], "w.metodika");
    assert_eq!(gl[0]["location"]["lines"]["begin"], 4);
    assert_eq!(gl[1]["severity"], "major");
    assert_eq!(gl[0]["fingerprint"].as_str().unwrap().len(), 64);
    assert_ne!(gl[0]["fingerprint"], gl[1]["fingerprint"]);
    assert_eq!(run("gitlab"), run("gitlab"), "fingerprints are stable");
    // SARIF 2.1.0
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let r = &sarif["runs"][0];
    assert_eq!(r["tool"]["driver"]["name"], "metodika");
    assert_eq!(r["columnKind"], "unicodeCodePoints");
    let ids: Vec<&str> = r["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["E102", "W006"]);
    let w = &r["results"][0];
    assert_eq!(w["ruleId"], "W006");
    assert_eq!(w["ruleIndex"], 1);
    assert_eq!(w["level"], "warning");
    let region = &w["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(4), Some(23))
    );
    assert_eq!(
        w["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert_eq!(r["results"][1]["level"], "error");
    // JUnit: well-formed XML (read by Python's parser), a test case a file, one failed
    let junit = run("junit");
    let parsed = Command::new("python3")
        .args([
            "-c",
            "import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.read()); s = d.documentElement; \
             print(s.getAttribute('tests'), s.getAttribute('failures'), len(d.getElementsByTagName('failure')), len(d.getElementsByTagName('system-out')))",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(junit.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&parsed.stdout).trim(),
        "2 1 1 1",
        "{junit}"
    );
}

/// Issue 38, item 5: warnings allowed or denied — in the file (`# metodika: allow W006`
/// on the line, or before it; `allow-file` for the whole file) and on the command line
/// (`--allow W006`, `--deny warnings`); errors cannot be allowed.
#[test]
fn warnings_are_allowed_or_denied() {
    let dir = warned_and_broken();
    let check = |file: &str, extra: &[&str]| {
        let mut args = vec!["check", file];
        args.extend_from_slice(extra);
        let o = crate::util::bin()
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (o.status.code(), stdout(&o), stderr(&o))
    };
    let (code, out, err) = check("w.metodika", &[]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("1 warning") && err.contains("W006"),
        "{out}{err}"
    );
    // denied: an error, exit 1
    let (code, _, err) = check("w.metodika", &["--deny", "warnings"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("W006") && err.contains("1 error"), "{err}");
    let (code, _, _) = check("w.metodika", &["--deny", "W006"]);
    assert_eq!(code, Some(1));
    let (code, _, _) = check("w.metodika", &["--deny", "W007"]);
    assert_eq!(code, Some(0));
    // allowed on the command line
    let (code, out, err) = check("w.metodika", &["--allow", "W006", "--deny", "warnings"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !out.contains("warning") && !err.contains("W006"),
        "{out}{err}"
    );
    // allowed in the file: at the end of the line, the line before, the whole file
    let text = std::fs::read_to_string(dir.path().join("w.metodika")).unwrap();
    for (name, edited) in [
        (
            "a.metodika",
            text.replace("geometric { a }", "geometric { a }  # metodika: allow W006"),
        ),
        (
            "b.metodika",
            text.replace("score \"S\"", "# metodika: allow W006\nscore \"S\""),
        ),
        ("c.metodika", format!("# metodika: allow-file W006\n{text}")),
    ] {
        std::fs::write(dir.path().join(name), edited).unwrap();
        let (code, out, err) = check(name, &["--deny", "warnings"]);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert!(!err.contains("W006"), "{name}: {out}{err}");
    }
    // another line, another code: not allowed
    std::fs::write(
        dir.path().join("d.metodika"),
        text.replace("input regions", "# metodika: allow W006\ninput regions"),
    )
    .unwrap();
    assert_eq!(check("d.metodika", &["--deny", "warnings"]).0, Some(1));
    // an error stays an error
    let e = std::fs::read_to_string(dir.path().join("e.metodika")).unwrap();
    std::fs::write(
        dir.path().join("f.metodika"),
        format!("# metodika: allow-file E102\n{e}"),
    )
    .unwrap();
    let (code, _, err) = check("f.metodika", &["--allow", "E102"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("E102"), "{err}");
}

/// Issue 38, item 5: `fmt --check --diff` prints what would change as a unified diff; a
/// file with Windows line breaks (CRLF) is canonical when its text is, and is written back
/// with them.
#[test]
fn fmt_shows_its_diff_and_keeps_windows_line_breaks() {
    let canonical = std::fs::read_to_string(root().join(POS)).unwrap();
    let crlf = canonical.replace('\n', "\r\n");
    let messy = crlf.replace(
        "    better    higher\r\n    unit      \"%\"",
        "  better higher\r\n    unit      \"%\"",
    );
    assert_ne!(messy, crlf);
    let dir = temp_with(&[("crlf.metodika", &crlf), ("messy.metodika", &messy)]);
    let fmt = |args: &[&str]| {
        let o = crate::util::bin()
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (o.status.code(), stdout(&o))
    };
    assert_eq!(
        fmt(&["fmt", "--check", "crlf.metodika"]).0,
        Some(0),
        "CRLF is no change"
    );
    let (code, out) = fmt(&["fmt", "--check", "--diff", "messy.metodika"]);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("--- messy.metodika\n+++ messy.metodika (formatted)\n@@ "),
        "{out}"
    );
    assert!(
        out.contains("\n-  better higher\n+    better    higher\n"),
        "{out}"
    );
    assert!(out.contains("would reformat messy.metodika"), "{out}");
    assert_eq!(fmt(&["fmt", "messy.metodika"]).0, Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("messy.metodika")).unwrap(),
        crlf,
        "written back with CRLF"
    );
    // --diff needs --check
    assert_eq!(fmt(&["fmt", "--diff", "messy.metodika"]).0, Some(2));
}

#[test]
fn check_not_utf8() {
    let o = metodika(&["check", "tests/diagnostics/E003-not-utf8.metodika"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E003"));
}

#[test]
fn fmt_check_and_rewrite() {
    let messy =
        "methodology \"Т\"{key region_code\n  label region_name}\ninput t \"d.csv\"   # данные\n\
                 indicator v \"V\"{value=t.x*2 better higher}\nscore \"S\"{v}\n";
    let dir = temp_with(&[("m.metodika", messy)]);
    let f = dir.path().join("m.metodika");
    let fs = f.to_str().unwrap();
    let o = metodika(&["fmt", "--check", fs]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("would reformat"), "{}", stdout(&o));
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        messy,
        "--check changes nothing"
    );
    let o = metodika(&["fmt", fs]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let formatted = std::fs::read_to_string(&f).unwrap();
    assert!(
        formatted.contains("    value     = t.x * 2\n"),
        "{formatted}"
    );
    assert!(
        formatted.contains("input t \"d.csv\"  # данные\n"),
        "{formatted}"
    );
    let o = metodika(&["fmt", "--check", fs]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn run_every_format() {
    let table = stdout(&metodika(&["run", POS]));
    // the title, the header, its rule and the 85 regions
    assert_eq!(table.lines().count(), 88, "{table}");
    assert!(table.contains("Республика Мордовия"));
    let csv = stdout(&metodika(&["run", POS, "--format", "csv"]));
    // every format ranks the same region first
    let first = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .to_string();
    let top = table.lines().nth(3).unwrap();
    assert!(
        top.trim_start().starts_with("1  ") && top.contains(&format!("  {first}  ")),
        "{top} / {first}"
    );
    assert!(csv.starts_with("place,key,label,score,zone,zone_title,excluded,group.connection,group.messages,group.voting\n"), "{csv}");
    assert_eq!(csv.lines().count(), 86);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&metodika(&["run", POS, "--format", "json"]))).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 85);
    assert_eq!(json["rows"][0]["place"], 1);
    assert!(json["rows"][0]["groups"]["messages"].is_number());
    let md = stdout(&metodika(&["run", POS, "--format", "markdown"]));
    assert!(md.contains("| place | key | region | score |"), "{md}");
    let detail = stdout(&metodika(&["run", POS, "--format", "csv", "--detail"]));
    let header = detail.lines().next().unwrap();
    for c in [
        "answered_on_time.raw",
        "answered_on_time.value",
        "answered_on_time.normalized",
        "answered_on_time.contribution",
    ] {
        assert!(header.split(',').any(|h| h == c), "{c} not in {header}");
    }
}

#[test]
fn run_writes_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ranking.csv");
    let o = metodika(&[
        "run",
        POS,
        "--format",
        "csv",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout(&metodika(&["run", POS, "--format", "csv"]))
    );
    // a failed run leaves no file behind
    let bad = dir.path().join("bad.csv");
    let o = metodika(&[
        "run",
        POS,
        "--input",
        "current=tests/diagnostics/small.csv",
        "--output",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!bad.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn run_emit_plan() {
    let o = metodika(&["run", POS, "--emit", "plan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plan = stdout(&o);
    // the plan a larger run would collect: its one sort by score, its places
    assert_eq!(plan.matches("SORT BY").count(), 1, "{plan}");
    assert!(
        plan.contains("col(\"score\")") && plan.contains("alias(\"place\")"),
        "{plan}"
    );
}

#[test]
fn outputs_are_deterministic_across_runs_and_threads() {
    // the table form, and the form on records (aggregated by the streaming engine)
    for file in [POS, "methodologies/pos/pos-2025.metodika"] {
        deterministic(file);
    }
}

fn deterministic(file: &str) {
    let args = ["run", file, "--format", "csv", "--detail"];
    let a = metodika(&args);
    let b = metodika(&args);
    let c = metodika_env(&args, &[("POLARS_MAX_THREADS", "1")]);
    // (two failed runs would compare equal: each must succeed, with the 85 regions)
    for o in [&a, &b, &c] {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
        assert_eq!(stdout(o).lines().count(), 86);
    }
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.stdout, c.stdout);
    // every digit of every number (a group of many members summed in the order the
    // threads finish changed the last bits with the thread count)
    for t in ["2", "3", "5", "8"] {
        let d = metodika_env(&args, &[("POLARS_MAX_THREADS", t)]);
        assert_eq!(a.stdout, d.stdout, "POLARS_MAX_THREADS={t}");
    }
    let j1 = metodika(&["run", file, "--format", "json", "--detail"]);
    let j2 = metodika_env(
        &["run", file, "--format", "json", "--detail"],
        &[("POLARS_MAX_THREADS", "1")],
    );
    assert_eq!(j1.status.code(), Some(0));
    assert!(serde_json::from_slice::<serde_json::Value>(&j1.stdout).is_ok());
    assert_eq!(j1.stdout, j2.stdout);
}

#[test]
fn explain_a_region() {
    let o = metodika(&["explain", POS, "--region", "13"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.starts_with("13 — Республика Мордовия"), "{t}");
    assert!(
        t.contains("shares place") && t.contains("Амурская область"),
        "{t}"
    );
    let o = metodika(&["explain", POS, "--region", "999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no region has the code or name `999`"));
}

/// Run the ПОС methodology with `current` replaced by a file with `text`.
fn run_bad_current(text: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cur.csv");
    std::fs::write(&f, text).unwrap();
    let arg = format!("current={}", f.display());
    let o = metodika(&["run", POS, "--input", &arg]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    stderr(&o)
}

fn q4_with(edit: impl Fn(&str) -> String) -> Vec<u8> {
    let text = std::fs::read_to_string(root().join("methodologies/pos/data/2025-q4.csv")).unwrap();
    edit(&text).into_bytes()
}

#[test]
fn data_error_missing_column() {
    let e = run_bad_current(&q4_with(|t| t.replacen("votes_held", "votes", 1)));
    assert!(
        e.contains("input `current`") && e.contains("no column `votes_held`"),
        "{e}"
    );
}

#[test]
fn data_error_text_in_a_number() {
    let e = run_bad_current(&q4_with(|t| {
        t.replacen("\n77;Москва;", "\n77;Москва;много;", 1)
    }));
    // the row now has one field more than the header
    assert!(e.contains("fields, the header has"), "{e}");
    let e = run_bad_current(&q4_with(|t| {
        let mut lines: Vec<String> = t.lines().map(|l| l.to_string()).collect();
        let i = lines.iter().position(|l| l.starts_with("77;")).unwrap();
        let mut cells: Vec<String> = lines[i].split(';').map(|c| c.to_string()).collect();
        cells[4] = "двенадцать".into();
        lines[i] = cells.join(";");
        lines.join("\r\n")
    }));
    assert!(
        e.contains("region 77 (Москва), column `messages_total`")
            && e.contains("`двенадцать` is not a number"),
        "{e}"
    );
}

#[test]
fn data_error_duplicate_region() {
    let e = run_bad_current(&q4_with(|t| {
        let line = t
            .lines()
            .find(|l| l.starts_with("77;"))
            .unwrap()
            .to_string();
        format!("{t}{line}\r\n")
    }));
    assert!(e.contains("region 77 (Москва) appears twice"), "{e}");
}

#[test]
fn data_error_region_missing_from_one_input() {
    let e = run_bad_current(&q4_with(|t| {
        t.lines()
            .filter(|l| !l.starts_with("77;"))
            .collect::<Vec<_>>()
            .join("\n")
    }));
    assert!(
        e.contains("do not cover the same regions") && e.contains("77 (Москва)"),
        "{e}"
    );
}

#[test]
fn data_error_empty_table() {
    let e = run_bad_current(b"");
    assert!(e.contains("the file is empty"), "{e}");
    let e = run_bad_current(&q4_with(|t| t.lines().next().unwrap().to_string()));
    assert!(e.contains("header but no rows"), "{e}");
}

#[test]
fn inputs_in_other_encodings_and_dialects() {
    // The same data as UTF-8 with commas, read in place of the semicolon/BOM file.
    let text = std::fs::read_to_string(root().join("methodologies/pos/data/2025-q4.csv")).unwrap();
    let comma = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| {
            l.split(';')
                .map(|c| {
                    if c.contains(',') {
                        format!("\"{c}\"")
                    } else {
                        c.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let plain = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&plain);
    let base = stdout(&metodika(&["run", POS, "--format", "csv"]));
    for bytes in [comma.into_bytes(), cp1251.into_owned()] {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("cur.csv");
        std::fs::write(&f, &bytes).unwrap();
        let arg = format!("current={}", f.display());
        let o = metodika(&["run", POS, "--format", "csv", "--input", &arg]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), base);
    }
}

#[test]
fn usage_errors_exit_2() {
    let o = metodika(&["run"]);
    assert_eq!(o.status.code(), Some(2));
    let o = metodika(&["run", POS, "--input", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("NAME=PATH"));
    let o = metodika(&["run"]);
    assert!(stderr(&o).contains("<FILE>"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn paths_outside_the_methodology_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let inside = dir.path().join("rating");
    std::fs::create_dir(&inside).unwrap();
    let data = "region_code,v\nA,1\nB,2\n";
    std::fs::write(dir.path().join("outside.csv"), data).unwrap();
    let m = |path: &str| {
        format!("methodology \"Т\" {{ key region_code }}\ninput t \"{path}\"\nindicator v \"V\" {{ value = t.v better higher }}\nscore \"S\" {{ v }}\n")
    };
    let file = inside.join("m.metodika");
    let f = file.to_str().unwrap();
    // through `..`
    std::fs::write(&file, m("../outside.csv")).unwrap();
    let o = metodika(&["run", f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E113"), "{}", stderr(&o));
    let o = metodika(&["run", f, "--allow-outside"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let outside = dir.path().join("outside.csv");
    let named = format!("t={}", outside.display());
    let o = metodika(&["run", f, "--input", &named]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "naming the file on the command line allows it: {}",
        stderr(&o)
    );
    // absolute
    std::fs::write(&file, m(outside.to_str().unwrap())).unwrap();
    let o = metodika(&["check", f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("an absolute path"), "{}", stderr(&o));
    // a link inside the tree that points outside it
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, inside.join("link.csv")).unwrap();
        std::fs::write(&file, m("link.csv")).unwrap();
        let o = metodika(&["run", f]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("through a link"), "{}", stderr(&o));
    }
    // inside the tree: fine
    std::fs::write(inside.join("d.csv"), data).unwrap();
    std::fs::write(&file, m("./d.csv")).unwrap();
    assert_eq!(metodika(&["run", f]).status.code(), Some(0));
}

#[test]
fn the_large_case_generator_takes_real_arguments() {
    // issue 11, item 10: `--help` wrote a 181 MB case into a folder named `--help`
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new("python3")
        .arg(root().join("benches/gen_large.py"))
        .arg("--help")
        .current_dir(dir.path())
        .output()
        .expect("python3");
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("usage: gen_large.py"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "it wrote something"
    );
    // and it writes what it is asked for
    let out = dir.path().join("case");
    let o = Command::new("python3")
        .arg(root().join("benches/gen_large.py"))
        .arg(&out)
        .arg("10")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let units = std::fs::read_to_string(out.join("units.csv")).unwrap();
    assert_eq!(units.lines().count(), 11);
    let run = metodika(&["run", out.join("large.metodika").to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

/// Issue 11, item 1: `check` states the range the score can take, whatever the
/// normalization, and warns (W007) where points can go below 0.
#[test]
fn check_states_the_true_range_of_the_score() {
    let data = "code,a,b\n1,1,4\n2,5,2\n3,9,7\n";
    let cases: &[(&str, &str, &str, &str, bool)] = &[
        // (a's normalization, b's normalization, score, summary, W007)
        (
            "minmax(0, 100)",
            "minmax",
            "{ a points 10  b points 5 }",
            "maximum 1005 points",
            false,
        ),
        (
            "bands { >= 5 : 3  else : 1 }",
            "goalposts(0, 7)",
            "{ a points 10  b points 5 }",
            "maximum 35 points",
            false,
        ),
        (
            "zscore",
            "minmax",
            "{ a points 10  b points 5 }",
            "points unbounded",
            true,
        ),
        (
            "none",
            "minmax",
            "{ a points 10  b points 5 }",
            "points unbounded",
            true,
        ),
        (
            "minmax(-1, 1)",
            "rank",
            "{ a points 10  b points 5 }",
            "maximum 15 points",
            true,
        ),
        (
            "zscore",
            "none",
            "{ a  b }",
            "score: mean of 2 members, unbounded",
            false,
        ),
        (
            "minmax(0, 100)",
            "minmax",
            "{ a weight 3  b weight 1 }",
            "score: mean of 2 members, from 0 to 75.25",
            false,
        ),
        (
            "minmax(0.5, 2)",
            "minmax(0.5, 1)",
            "geometric { a  b }",
            "score: geometric of 2 members, from 0.5 to 1.414214",
            false,
        ),
        (
            "minmax(0, 100)",
            "minmax",
            "min { a  b }",
            "score: min of 2 members, from 0 to 1",
            false,
        ),
    ];
    for (na, nb, score, want, warns) in cases {
        let m = format!(
            "methodology \"M\" {{ key code }}\ninput t \"d.csv\"\n\
             indicator a \"A\" {{ value = t.a better higher normalize {na} }}\n\
             indicator b \"B\" {{ value = t.b better higher normalize {nb} }}\n\
             score \"S\" {score}\n"
        );
        let dir = temp_with(&[("m.metodika", &m), ("d.csv", data)]);
        let f = dir.path().join("m.metodika");
        let o = metodika(&["check", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{m}\n{}", stderr(&o));
        assert!(
            stdout(&o).contains(want),
            "{m}\nwant {want}, got {}",
            stdout(&o)
        );
        assert_eq!(stderr(&o).contains("W007"), *warns, "{m}\n{}", stderr(&o));
        // the stated maximum is the true one: the best data reach it and nothing passes it
        if let Some(max) = want
            .strip_prefix("maximum ")
            .and_then(|s| s.strip_suffix(" points"))
        {
            let o = metodika(&["run", "--format", "csv", f.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let out = stdout(&o);
            let col = out
                .lines()
                .next()
                .unwrap()
                .split(',')
                .position(|c| c == "score")
                .unwrap();
            let best = out
                .lines()
                .skip(1)
                .map(|l| l.split(',').nth(col).unwrap().parse::<f64>().unwrap())
                .fold(f64::NEG_INFINITY, f64::max);
            assert_eq!(best, max.parse::<f64>().unwrap(), "{m}\n{out}");
        }
    }
}

/// A member that may be left out (`missing exclude`) hands its weight to the others, so the
/// range widens to the members' extremes.
#[test]
fn check_range_widens_where_members_may_be_left_out() {
    let m = "methodology \"M\" { key code }\ninput t \"d.csv\"\n\
             indicator a \"A\" { value = t.a better higher normalize minmax(0, 100) }\n\
             indicator b \"B\" { value = t.b better higher normalize minmax missing exclude }\n\
             score \"S\" { a points 10  b points 90 }\n";
    let dir = temp_with(&[
        ("m.metodika", m),
        ("d.csv", "code,a,b\n1,1,4\n2,5,\n3,9,7\n"),
    ]);
    let f = dir.path().join("m.metodika");
    let o = metodika(&["check", f.to_str().unwrap()]);
    assert!(
        stdout(&o).contains("maximum 10000 points"),
        "{}",
        stdout(&o)
    );
    let o = metodika(&["run", "--format", "csv", f.to_str().unwrap()]);
    // region 2 has no b: a's 10 points become 100, and its a = 50 of 100 gives 5000
    assert!(stdout(&o).contains("5000"), "{}", stdout(&o));
}

/// Issue 11, item 3: an excluded region has no computed results in any format — no group
/// results, no values after transforms, no normalized values, no contributions — only the
/// raw values its data give (which show why it is excluded).
#[test]
fn excluded_regions_show_no_partial_results() {
    let m = "methodology \"ИЧР\" { key code label name }\ninput t \"d.csv\"\n\
             exclude when missing(t.school) \"нет данных о школьном образовании\"\n\
             indicator life \"Жизнь\" { value = t.life better higher normalize goalposts(20, 85) }\n\
             indicator school \"Школа\" { value = t.school better higher normalize goalposts(0, 18) }\n\
             indicator years \"Годы\" { value = t.years better higher normalize goalposts(0, 15) }\n\
             group education \"Образование\" { school  years }\n\
             score \"Индекс\" geometric { life  education }\n";
    let data = "code,name,life,school,years\nA,Альфа,70,15,10\nB,Бета,60,,20\nC,Гамма,80,17,12\n";
    let dir = temp_with(&[("m.metodika", m), ("d.csv", data)]);
    let f = dir.path().join("m.metodika");
    let f = f.to_str().unwrap();

    let o = metodika(&["run", "--format", "csv", "--detail", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = out
        .lines()
        .find(|l| l.contains(",B,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(header.len(), row.len(), "{out}");
    for (h, v) in header.iter().zip(&row) {
        let want_value = matches!(*h, "key" | "label" | "excluded" | "life.raw" | "years.raw");
        let was_missing = h.ends_with(".missing");
        if want_value {
            assert!(!v.is_empty(), "{h} should have a value: {out}");
        } else if !was_missing {
            assert!(v.is_empty(), "{h} = {v} for an excluded region: {out}");
        }
    }
    assert!(header.contains(&"group.education"), "{out}");
    // ranked regions keep everything
    let a: Vec<&str> = out
        .lines()
        .find(|l| l.contains(",A,"))
        .unwrap()
        .split(',')
        .collect();
    let g = header.iter().position(|h| *h == "group.education").unwrap();
    assert!(!a[g].is_empty(), "{out}");

    let o = metodika(&["run", "--format", "json", "--detail", f]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let b = j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "B")
        .unwrap();
    assert_eq!(b["excluded"], "нет данных о школьном образовании");
    assert!(
        b["score"].is_null() && b["place"].is_null() && b["zone"].is_null(),
        "{b}"
    );
    assert!(b["groups"]["education"].is_null(), "{b}");
    for (_, d) in b["indicators"].as_object().unwrap() {
        for k in ["value", "normalized", "contribution"] {
            assert!(d[k].is_null(), "{k}: {b}");
        }
    }
    assert_eq!(b["indicators"]["life"]["raw"], 60, "{b}");
    assert_eq!(b["indicators"]["years"]["raw"], 20, "{b}");

    let o = metodika(&["run", "--detail", f]);
    let out = stdout(&o);
    let line = out.lines().find(|l| l.contains("Бета")).unwrap();
    assert!(
        !line.contains("0."),
        "an excluded region shows no numbers: {line}"
    );

    let o = metodika(&["explain", f, "--region", "B"]);
    let out = stdout(&o);
    assert!(out.contains("нет данных о школьном образовании"), "{out}");
    assert!(
        !out.contains("Образование = ") && !out.contains("contribution"),
        "{out}"
    );
}

/// Issue 11, item 7, and the error model: every problem of a data file at once, in file
/// order, each with its code, file, line and help; capped, with the count of the rest; a
/// JSON form under `--format json`.
#[test]
fn every_problem_of_a_data_file_at_once() {
    let m = "methodology \"М\" { key code label name }\ninput t \"d.csv\"\n\
             indicator a \"A\" { value = t.a better higher normalize minmax }\n\
             indicator b \"B\" { value = t.b better higher normalize minmax }\n\
             score \"S\" { a  b }\n";
    let data = "code,name,a,b\n\
                01,Адыгея,1,2\n\
                02,Башкортостан,двенадцать,3\n\
                03,Бурятия,4,5\n\
                02,Башкортостан,6,7\n\
                04,Алтай,8\n\
                ,Без кода,1,1\n\
                05,Дагестан,1,abc\n";
    let dir = temp_with(&[("m.metodika", m), ("d.csv", data)]);
    let f = dir.path().join("m.metodika");
    let f = f.to_str().unwrap();
    let o = metodika(&["run", f]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let order: Vec<&str> = ["D006", "D007", "D004", "D005", "D006"].to_vec();
    let found: Vec<&str> = err
        .lines()
        .filter_map(|l| l.strip_prefix("error["))
        .map(|l| &l[..4])
        .collect();
    assert_eq!(found, order, "{err}");
    for want in [
        "region 02 (Башкортостан), column `a` (line 3): `двенадцать` is not a number",
        "region 02 (Башкортостан) appears twice (lines 3 and 5)",
        "line 6 has 3 fields, the header has 4",
        "line 7 has no value in the key column `code`",
        "region 05 (Дагестан), column `b` (line 8): `abc`",
        "help: each region must have exactly one row",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }

    let o = metodika(&["run", "--format", "json", f]);
    assert_eq!(o.status.code(), Some(1));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors = j["errors"].as_array().unwrap();
    let codes: Vec<&str> = errors.iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, order);
    let lines: Vec<u64> = errors.iter().map(|e| e["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [3, 5, 6, 7, 8]);
    assert_eq!(errors[0]["input"], "t");
    assert!(errors[0]["file"].as_str().unwrap().ends_with("d.csv"));
    assert!(errors[0]["help"]
        .as_str()
        .unwrap()
        .contains("decimal comma"));
    assert_eq!(j["not_shown"], 0);

    // many problems: the first 20 and the count of the rest
    let mut many = String::from("code,name,a,b\n");
    for i in 0..35 {
        many.push_str(&format!("{i:02},Р{i},плохо,1\n"));
    }
    std::fs::write(dir.path().join("d.csv"), many).unwrap();
    let o = metodika(&["run", f]);
    let err = stderr(&o);
    assert_eq!(err.matches("error[D006]").count(), 20, "{err}");
    assert!(err.contains("… and 15 more problems (35 in all)"), "{err}");
    let o = metodika(&["run", "--format", "json", f]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["errors"].as_array().unwrap().len(), 20);
    assert_eq!(j["not_shown"], 15);

    // regions twice early in the file, bad cells after them: the first 20 by line, which
    // puts the repeats first, and the rest counted
    let mut mixed = String::from("code,name,a,b\n01,Р,1,1\n");
    for _ in 0..5 {
        mixed.push_str("01,Р,1,1\n");
    }
    for i in 0..25 {
        mixed.push_str(&format!("{:02},Р{i},плохо,1\n", i + 10));
    }
    std::fs::write(dir.path().join("d.csv"), mixed).unwrap();
    let o = metodika(&["run", f]);
    let err = stderr(&o);
    assert_eq!(err.matches("error[D007]").count(), 5, "{err}");
    assert_eq!(err.matches("error[D006]").count(), 15, "{err}");
    assert!(err.contains("… and 10 more problems (30 in all)"), "{err}");
}

/// The problems of every input are reported together, file by file, not only the first
/// file's.
#[test]
fn the_problems_of_every_input_at_once() {
    let m = "methodology \"М\" { key code }\ninput cur \"q4.csv\"\ninput prev \"q3.csv\"\n\
             indicator a \"A\" { value = cur.a / prev.a better higher normalize minmax }\n\
             score \"S\" { a }\n";
    let dir = temp_with(&[
        ("m.metodika", m),
        ("q4.csv", "code,a\n01,1\n02,два\n"),
        ("q3.csv", "code,a\n01,1\n01,2\n02,3\n"),
    ]);
    let f = dir.path().join("m.metodika");
    let o = metodika(&["run", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let cur = err.find("error[D006]: input `cur`").expect(&err);
    let prev = err.find("error[D007]: input `prev`").expect(&err);
    assert!(
        cur < prev,
        "file by file, in the methodology's order: {err}"
    );
}

/// Read an Excel CSV back as a Russian-locale Excel reads it: the BOM, CRLF, `;`, and a
/// decimal comma in every number; the same table as `--format csv` gives, field by field.
/// It has the people's headings (the first ones `first`) and no zone identifier (the
/// columns `dropped`).
fn same_as_csv(excel: &[u8], csv: &str, dropped: &[&str], first: &[&str]) {
    let text = std::str::from_utf8(excel).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    assert!(
        body.ends_with("\r\n") && !body.replace("\r\n", "").contains('\n'),
        "CRLF only"
    );
    let read = |bytes: &[u8], sep: u8| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(sep)
            .flexible(true)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    };
    let ex = read(body.as_bytes(), b';');
    let mut plain = read(csv.as_bytes(), b',');
    assert_eq!(ex.len(), plain.len());
    for name in dropped {
        let zone = plain[0].iter().position(|h| h == name).unwrap();
        for r in &mut plain {
            r.remove(zone);
        }
    }
    assert_eq!(ex[0][..first.len()], *first);
    plain[0] = ex[0].clone();
    let mut numbers = 0;
    for (a, b) in ex.iter().zip(&plain) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            if x != y {
                // only numbers differ: a comma for the point, E for e
                assert_eq!(x.replace(',', ".").replace('E', "e"), *y);
                assert!(y.parse::<f64>().is_ok(), "{y}");
                numbers += 1;
            }
        }
    }
    assert!(numbers > 0);
}

#[test]
fn csv_for_a_russian_excel() {
    for (args, dropped, first) in [
        (
            &["run", POS, "--detail"][..],
            &["zone"][..],
            &["Место", "Код", "Регион", "Итоговый балл"][..],
        ),
        (
            &["diff", POS, "methodologies/pos/pos-2026-tables.metodika"],
            &["old_zone", "new_zone"],
            &["Код", "Регион", "Место (было)", "Место (стало)"],
        ),
        (
            &["uncertainty", POS, "--runs", "50"],
            &["zone"],
            &["Код", "Регион", "Место", "Итоговый балл", "Медианное место"],
        ),
    ] {
        let plain = metodika(&[args, &["--format", "csv"]].concat());
        assert!(plain.status.success(), "{}", stderr(&plain));
        let excel = metodika(&[args, &["--format", "csv-excel"]].concat());
        assert!(excel.status.success(), "{}", stderr(&excel));
        same_as_csv(&excel.stdout, &stdout(&plain), dropped, first);
    }
    // Cyrillic text and a label with a comma stay as they are, unquoted
    let o = metodika(&["run", POS, "--format", "csv-excel"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains(";Республика Адыгея;"), "{}", &text[..300]);
    // written to a file whole, as every output
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("рейтинг.csv");
    let o = metodika(&[
        "run",
        POS,
        "--format",
        "csv-excel",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), text.as_bytes());
}
