//! The methodologist's workflow on the command line: `init` from a regional table, the
//! examples of every `--help` (each run as written), completions and the manual page.

use crate::util::{root, temp_with};
use std::path::Path;
use std::process::{Command, Output};

/// Every command of the tool.
pub const COMMANDS: [&str; 15] = [
    "check",
    "fmt",
    "expand",
    "sql",
    "run",
    "explain",
    "review",
    "diff",
    "uncertainty",
    "sensitivity",
    "audit",
    "init",
    "completions",
    "man",
    "lsp",
];

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_metodika")
}

fn metodika(dir: &Path, args: &[&str]) -> Output {
    crate::util::bin()
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Copy a directory tree (the example's methodologies and data).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A copy of the repository's example as a git repository of one commit (for `git:`
/// sources), and a PATH that finds the binary under test first.
fn example_repo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &root().join("methodologies"),
        &dir.path().join("methodologies"),
    );
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.email=ci@example.org", "-c", "user.name=ci"])
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "the example"]);
    let bin_dir = Path::new(bin()).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (dir, path)
}

/// Every command's `--help` ends with examples and the exit statuses; every example runs
/// as written, from a copy of the repository's example (a git repository, for `git:`),
/// and succeeds (a `--fail-on-move` gate may say 3).
#[test]
fn every_help_example_runs_as_written() {
    let (dir, path) = example_repo();
    let mut ran = 0;
    for c in std::iter::once("").chain(COMMANDS) {
        let mut args: Vec<&str> = c.split_whitespace().collect();
        args.push("--help");
        let o = metodika(dir.path(), &args);
        assert!(o.status.success(), "{c} --help");
        let help = text(&o.stdout);
        assert!(
            help.contains("Examples:") && help.contains("Exit status: 0"),
            "{c}: {help}"
        );
        let examples: Vec<&str> = help
            .lines()
            .filter_map(|l| l.trim().strip_prefix("$ "))
            .collect();
        assert!(examples.len() >= 2, "{c}: {examples:?}");
        for e in examples {
            assert!(e.starts_with("metodika "), "{e}");
            let mut cmd = Command::new("bash");
            cmd.current_dir(dir.path())
                .args(["-c", e])
                .env("PATH", &path)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            // the language server is run as an editor runs it: started, then shut down
            let session = if c == "lsp" {
                lsp_session()
            } else {
                Vec::new()
            };
            let mut stdin = child.stdin.take().unwrap();
            std::io::Write::write_all(&mut stdin, &session).unwrap();
            drop(stdin);
            let o = child.wait_with_output().unwrap();
            let code = o.status.code();
            let gate = e.contains("--fail-on-move") && code == Some(3);
            assert!(
                o.status.success() || gate,
                "`{e}` exited {code:?}: {}",
                text(&o.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 25, "{ran} examples");
}

/// What an editor sends to start a language server and shut it down.
fn lsp_session() -> Vec<u8> {
    use serde_json::json;
    let msgs = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ];
    msgs.iter().flat_map(crate::lsp::client::frame).collect()
}

/// `init` from the example's regional table: the key and label found by their names,
/// one indicator per numeric column, a policy for the column with a gap; the file is
/// canonical, checks clean and runs; a second `init` refuses to overwrite it.
#[test]
fn init_writes_a_starter_that_checks_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &root().join("methodologies/pos/data"),
        &dir.path().join("data"),
    );
    let o = metodika(dir.path(), &["init", "data/2025-q4.csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let said = text(&o.stderr);
    assert!(
        said.contains(
            "23 indicators from 26 columns: key `region_code`, label `region_name`, 1 skipped"
        ),
        "{said}"
    );
    // (beside the data by default)
    let file = dir.path().join("data/2025-q4.metodika");
    let m = std::fs::read_to_string(&file).unwrap();
    assert!(m.contains("input data \"2025-q4.csv\""), "{m}");
    assert!(m.contains("#   `federal_district` (not numbers)"), "{m}");
    assert!(
        m.contains("# DECIDE: 1 region has no value here; `missing median` gives them the median.\nindicator response_days_avg"),
        "{m}"
    );
    assert!(m.contains("top    \"Top third\"    top 29"), "{m}");
    let fmt = metodika(dir.path(), &["fmt", "--check", "data/2025-q4.metodika"]);
    assert!(fmt.status.success(), "not canonical: {}", text(&fmt.stdout));
    let check = metodika(dir.path(), &["check", "data/2025-q4.metodika"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(
        !text(&check.stderr).contains("warning"),
        "{}",
        text(&check.stderr)
    );
    let run = metodika(
        dir.path(),
        &["run", "data/2025-q4.metodika", "--format", "csv"],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout).lines().count(), 86);
    // never over an existing file
    let before = std::fs::read(&file).unwrap();
    let again = metodika(dir.path(), &["init", "data/2025-q4.csv"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("error[I001]"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// Names as users write them: Cyrillic columns become indicators, a reserved word is
/// read as `data.value`, a header that is not a name is read quoted by an indicator named
/// from its words.
#[test]
fn init_takes_columns_as_users_name_them() {
    let dir = temp_with(&[(
        "регионы.csv",
        "код;название;доля_в_срок;value;Доля, %;2024\n\
         01;Адыгея;0,91;3;1;5\n02;Башкортостан;0,85;;2;6\n03;Бурятия;0,77;5;3;7\n",
    )]);
    let o = metodika(dir.path(), &["init", "регионы.csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let m = std::fs::read_to_string(dir.path().join("регионы.metodika")).unwrap();
    for want in [
        "key       код",
        "label     название",
        "indicator доля_в_срок \"доля_в_срок\"",
        "value     = data.доля_в_срок",
        "indicator value_ \"value\"",
        "value     = data.value",
        "indicator доля \"Доля, %\"",
        "value     = data.\"Доля, %\"",
        "indicator x2024 \"2024\"",
        "value     = data.\"2024\"",
        "top    \"Top third\"    top 1",
    ] {
        assert!(m.contains(want), "{want}\n{m}");
    }
    let run = metodika(dir.path(), &["run", "регионы.metodika", "--format", "csv"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("Бурятия"));
}

/// A regional table in Parquet: the types come from its schema.
#[test]
fn init_reads_a_parquet_table() {
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let mut df = df!(
        "region_code" => ["01", "02", "03", "04"],
        "region_name" => ["Адыгея", "Башкортостан", "Бурятия", "Алтай"],
        "answered" => [10i64, 20, 30, 40],
        "satisfaction" => [Some(0.5f64), Some(0.7), None, Some(0.9)],
    )
    .unwrap();
    // (`.pq` is Parquet too, as it is for an input)
    let f = std::fs::File::create(dir.path().join("t.pq")).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
    let o = metodika(dir.path(), &["init", "t.pq", "--output", "r.metodika"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr)
            .contains("2 indicators from 4 columns: key `region_code`, label `region_name`"),
        "{}",
        text(&o.stderr)
    );
    let m = std::fs::read_to_string(dir.path().join("r.metodika")).unwrap();
    assert!(m.contains("missing   median"), "{m}");
    let run = metodika(dir.path(), &["run", "r.metodika", "--format", "csv"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout).lines().count(), 5);
}

/// Each refusal of `init` has its code and a help line, and writes nothing.
#[test]
fn init_refuses_with_a_code() {
    let dir = temp_with(&[
        ("no_key.csv", "a,b\n1,2\n1,3\n"),
        ("no_numbers.csv", "code,name\nA,Альфа\nB,Бета\n"),
        ("ok.csv", "code,name,x\nA,Альфа,1\nB,Бета,2\n"),
        ("книга.xlsx", "not a workbook"),
        ("broken.parquet", "not Parquet at all"),
        ("sub/inner.csv", "code,x\nA,1\nB,2\n"),
    ]);
    let cases: &[(&[&str], &str, &str)] = &[
        (&["init", "no_key.csv"], "I002", "--key COLUMN"),
        (&["init", "no_numbers.csv"], "I003", "numeric column"),
        (
            &["init", "ok.csv", "--key", "cod"],
            "I004",
            "did you mean `code`",
        ),
        (&["init", "ok.csv", "--label", "code"], "I004", "is the key"),
        (
            &["init", "ok.csv", "--output", "sub/r.metodika"],
            "I005",
            "outside the directory",
        ),
        (
            &["init", "ok.csv", "--output", "missing/r.metodika"],
            "I006",
            "cannot find the directory",
        ),
        (
            &["init", "книга.xlsx"],
            "I007",
            "cannot be read as a workbook (is it damaged?)",
        ),
        (
            &["init", "broken.parquet"],
            "I007",
            "cannot read it as Parquet",
        ),
    ];
    for (args, code, part) in cases {
        let o = metodika(dir.path(), args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!("error[{code}]")) && err.contains(part) && err.contains("help:"),
            "{args:?}: {err}"
        );
    }
    // a file of records is not a regional table (a sparse file: nothing is written)
    let big = std::fs::File::create(dir.path().join("big.csv")).unwrap();
    big.set_len(257 << 20).unwrap();
    let o = metodika(dir.path(), &["init", "big.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("error[I007]") && text(&o.stderr).contains("257 MB"));
    std::fs::remove_file(dir.path().join("big.csv")).unwrap();
    let left: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "metodika"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // a key given by name is taken even where the values look like numbers
    let o = metodika(dir.path(), &["init", "sub/inner.csv", "--key", "code"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The bash completion completes commands and options (bash itself runs it); the other
/// shells' scripts name every command.
#[test]
fn completions_complete() {
    let dir = tempfile::tempdir().unwrap();
    let o = metodika(dir.path(), &["completions", "bash"]);
    assert!(o.status.success());
    std::fs::write(dir.path().join("m.bash"), &o.stdout).unwrap();
    let complete = |words: &str, cword: usize| -> String {
        let script = format!(
            "source ./m.bash; COMP_WORDS=({words}); COMP_CWORD={cword}; \
             _metodika metodika \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
             echo \"${{COMPREPLY[@]}}\""
        );
        let o = Command::new("bash")
            .current_dir(dir.path())
            .args(["-c", &script])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stdout)
    };
    let subs = complete("metodika ''", 1);
    for c in COMMANDS {
        assert!(subs.split_whitespace().any(|w| w == c), "{c}: {subs}");
    }
    assert_eq!(complete("metodika ini", 1).trim(), "init");
    let opts = complete("metodika run --per", 2);
    assert_eq!(opts.trim(), "--period --periods", "{opts}");
    let values = complete("metodika run x.metodika --format c", 4);
    assert_eq!(values.trim(), "csv csv-excel", "{values}");
    let values = complete("metodika run x.metodika --format x", 4);
    assert_eq!(values.trim(), "xlsx", "{values}");
    for shell in ["zsh", "fish", "powershell"] {
        let o = metodika(dir.path(), &["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let s = text(&o.stdout);
        assert!(
            s.contains("uncertainty") && s.contains("fail-on-move"),
            "{shell}"
        );
    }
    let o = metodika(dir.path(), &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The manual page: roff with its sections; with `--dir`, one page per command, each
/// titled by its whole name with the synopsis as typed and the help's examples.
#[test]
fn man_pages_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let o = metodika(dir.path(), &["man"]);
    assert!(o.status.success());
    let page = text(&o.stdout);
    for part in [
        ".TH metodika 1",
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(part), "{part}");
    }
    let o = metodika(dir.path(), &["man", "--dir", "man"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut pages: Vec<String> = std::fs::read_dir(dir.path().join("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(pages.len(), COMMANDS.len() + 1, "{pages:?}");
    let run = std::fs::read_to_string(dir.path().join("man/metodika-run.1")).unwrap();
    assert!(run.contains(".TH metodika\\-run 1") || run.contains(".TH metodika-run 1"));
    assert!(run.contains("\\fBmetodika run\\fR"), "{run}");
    assert!(
        run.contains("\\-\\-periods") && run.contains("2025\\-Q3"),
        "{run}"
    );
}

/// The commands of a guide: each `$ metodika …` line of its code blocks, in order.
fn guide_commands(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("$ "))
        .filter(|l| l.starts_with("metodika "))
        .map(str::to_string)
        .collect()
}

/// docs/workflow.md and docs/workflow.ru.md walk through the same commands, and every
/// one runs as written, in order, from a copy of the repository's example (a git
/// repository, for `git:`); the gate (`--fail-on-move`) may say 3.
#[test]
fn every_step_of_the_workflow_guide_runs() {
    let en = guide_commands("docs/workflow.md");
    let ru = guide_commands("docs/workflow.ru.md");
    assert!(en.len() >= 15, "{en:?}");
    assert_eq!(en, ru, "both languages of the guide run the same commands");
    let (dir, path) = example_repo();
    for e in &en {
        let o = Command::new("bash")
            .current_dir(dir.path())
            .args(["-c", e])
            .env("PATH", &path)
            .env("METODIKA_LANG", "en")
            .output()
            .unwrap();
        let gate = e.contains("--fail-on-move") && o.status.code() == Some(3);
        assert!(
            o.status.success() || gate,
            "`{e}` exited {:?}: {}",
            o.status.code(),
            text(&o.stderr)
        );
    }
    // what the steps wrote
    for written in [
        "methodologies/pos/data/starter.metodika",
        "report.html",
        "ranking.xlsx",
        "ranking.csv",
        "diff.html",
    ] {
        assert!(dir.path().join(written).exists(), "{written}");
    }
}

/// What the Russian guide shows a command printing is what it prints in Russian: each
/// ```text block after an `<!-- output: metodika … -->` line, line by line.
#[test]
fn the_russian_guides_outputs_are_what_the_commands_print() {
    assert_eq!(
        crate::util::quoted_outputs_hold("docs/workflow.ru.md", "ru"),
        4
    );
}
