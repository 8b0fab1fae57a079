//! Hostile data files (tests/hostile/): each gives a clear error, or, where the value is
//! legitimately readable, the right number.

use crate::util::{root, run_text};

enum Expect {
    /// The value of region A's indicator (`missing value(-1)` marks a missing cell).
    Value(f64),
    /// The same, to the last bit.
    Exactly(f64),
    /// The error contains this text.
    Error(&'static str),
}
use Expect::*;

const CASES: &[(&str, Expect)] = &[
    ("ragged.csv", Error("line 3 has 3 fields, the header has 2")),
    (
        "trailing-separator.csv",
        Error("line 2 has 3 fields, the header has 2"),
    ),
    ("unbalanced-quotes.csv", Error("is a quote left open?")),
    (
        "header-only.csv",
        Error("the table has a header but no rows"),
    ),
    ("empty.csv", Error("the file is empty")),
    ("blank.csv", Error("the file is empty")),
    (
        "utf16-no-bom.csv",
        Error("UTF-16 without a byte-order mark"),
    ),
    ("utf16-bom.csv", Value(1.0)),
    ("cp1251.csv", Value(1.5)),
    (
        "overflow.csv",
        Error("region A, column `v` (line 2): `1e999` is not a finite number"),
    ),
    ("nan.csv", Error("`NaN` is not a finite number")),
    ("inf.csv", Error("`inf` is not a finite number")),
    ("minus-inf.csv", Error("`-Infinity` is not a finite number")),
    ("no-data.csv", Value(-1.0)),
    ("dash.csv", Value(-1.0)),
    ("emdash.csv", Value(-1.0)),
    ("thousands-space.csv", Value(1234.5)),
    ("thousands-nbsp.csv", Value(1234567.25)),
    ("thousands-comma.csv", Value(1234.5)),
    ("decimal-comma-quoted.csv", Value(0.75)),
    ("percent.csv", Value(0.125)),
    (
        "text-in-number.csv",
        Error("region A, column `v` (line 2): `двенадцать` is not a number"),
    ),
    ("two-commas.csv", Error("`1,2,3` is not a number")),
    (
        "duplicate-key.csv",
        Error("region A appears twice (lines 2 and 3)"),
    ),
    (
        "empty-key.csv",
        Error("line 2 has no value in the key column `region_code`"),
    ),
    (
        "duplicate-column.csv",
        Error("column `v` appears twice in the header (columns 2 and 3)"),
    ),
    ("missing-column.csv", Error("no column `v`")),
    ("long-line.csv", Error("is not a finite number")),
    (
        "long-text.csv",
        Error("(1000000 characters)` is not a number"),
    ),
    ("blank-lines.csv", Value(1.0)),
    ("crlf.csv", Value(1.0)),
    ("tabs.csv", Value(1.5)),
    ("spaces-around.csv", Value(1.5)),
    ("unicode-minus.csv", Value(-3.0)),
    // Parquet: only the columns used are read; decimals exactly, text as CSV cells;
    // types that are not numbers refused by name
    ("parquet-unused-decimal.parquet", Value(1.5)),
    ("parquet-decimal.parquet", Exactly(0.1)),
    ("parquet-float16.parquet", Exactly(1.5)),
    ("parquet-text-comma.parquet", Value(1.5)),
    ("parquet-text-missing.parquet", Value(-1.0)),
    (
        "parquet-text-bad.parquet",
        Error("region A, column `v` (row 1): `двенадцать` is not a number"),
    ),
    (
        "parquet-bool.parquet",
        Error("column `v` holds true/false values (type bool), not numbers"),
    ),
    ("parquet-date.parquet", Error("column `v` holds dates (type date)")),
    ("parquet-timestamp.parquet", Error("column `v` holds dates (type datetime")),
    (
        "parquet-binary-key.parquet",
        Error("the key column `region_code` is of type binary: it cannot name regions"),
    ),
    // Encodings: told by evidence, or refused
    ("koi8r.csv", Value(1.5)),
    ("cp866.csv", Value(1.5)),
    (
        "utf8-stray-byte.csv",
        Error("the file is UTF-8 but for 1 invalid byte sequence(s); the first is the byte 0xFF at line 3, column 3"),
    ),
    (
        "bom-inside.csv",
        Error("line 3 holds an invisible byte-order mark (U+FEFF) inside the text"),
    ),
    ("utf32-bom.csv", Error("the file is UTF-32 text, which is not read")),
    (
        "cp1251-few-bytes.csv",
        Error("the file is not UTF-8, and its 2 non-ASCII byte(s) are too few to tell its encoding"),
    ),
];

fn methodology() -> String {
    methodology_for("d.csv")
}

fn methodology_for(file: &str) -> String {
    format!(
        "methodology \"Т\" {{ key region_code }}\ninput t \"{file}\"\n\
         indicator x \"X\" {{ value = t.v better higher missing value(-1) }}\nscore \"S\" {{ x }}\n"
    )
}

#[test]
fn every_hostile_file_is_covered() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("tests/hostile"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    for f in &files {
        assert!(
            f == "cases"
                || f == "leading-zero-keys.csv"
                || f == "make_parquet.py"
                || f == "make_ministry.py"
                || f == "ministry.xlsx"
                || CASES.iter().any(|(n, _)| n == f),
            "{f} has no expectation"
        );
    }
}

#[test]
fn hostile_files() {
    for (name, expect) in CASES {
        let bytes = std::fs::read(root().join("tests/hostile").join(name)).unwrap();
        // run_text writes text; write the bytes ourselves
        let dir = tempfile::tempdir().unwrap();
        let file = if name.ends_with(".parquet") {
            "d.parquet"
        } else {
            "d.csv"
        };
        std::fs::write(dir.path().join(file), &bytes).unwrap();
        std::fs::write(dir.path().join("m.metodika"), methodology_for(file)).unwrap();
        let path = dir.path().join("m.metodika");
        let opts = metodika::load::options_for(&path);
        let loaded = metodika::load::load_file(&path, &opts).unwrap();
        let result = match loaded.methodology {
            Some(m) => metodika::engine::run(&m, &opts).map_err(|e| e.to_string()),
            None => Err(metodika::diag::render_all(
                &loaded.diagnostics,
                &loaded.file,
                Default::default(),
            )),
        };
        match (expect, result) {
            (Value(v), Ok(r)) => {
                let a = r
                    .rows
                    .iter()
                    .find(|x| x.key == "A")
                    .unwrap_or_else(|| panic!("{name}: no region A"));
                let got = a.indicators[0].value.unwrap();
                assert!((got - v).abs() < 1e-9, "{name}: expected {v}, got {got}");
                assert_eq!(r.rows.len(), 2, "{name}: every region, once");
            }
            (Exactly(v), Ok(r)) => {
                let a = r.rows.iter().find(|x| x.key == "A").unwrap();
                let got = a.indicators[0].value.unwrap();
                assert_eq!(
                    got.to_bits(),
                    v.to_bits(),
                    "{name}: expected {v:?}, got {got:?}"
                );
            }
            (Exactly(v), Err(e)) => panic!("{name}: expected {v}, got an error:\n{e}"),
            (Error(text), Err(e)) => {
                assert!(e.contains(text), "{name}: expected `{text}` in:\n{e}");
                assert!(
                    e.len() < 600,
                    "{name}: the message is too long ({} bytes)",
                    e.len()
                );
            }
            (Value(v), Err(e)) => panic!("{name}: expected {v}, got an error:\n{e}"),
            (Error(text), Ok(_)) => panic!("{name}: expected an error with `{text}`, but it ran"),
        }
    }
}

#[test]
fn keys_are_text() {
    let r = run_text(
        &methodology(),
        &[(
            "d.csv",
            &std::fs::read_to_string(root().join("tests/hostile/leading-zero-keys.csv")).unwrap(),
        )],
    )
    .unwrap();
    let keys: Vec<&str> = r.rows.iter().map(|x| x.key.as_str()).collect();
    assert!(keys.contains(&"01") && keys.contains(&"1"), "{keys:?}");
}

/// A ministry's workbook (tests/hostile/ministry.xlsx, made by make_ministry.py): a merged
/// title block, a two-row header of merged cells with years as number cells, headers that
/// need quoting, codes stored as numbers, Байконур's row and a note below the table —
/// read as it is, and matched with records whose codes are written `01`.
#[test]
fn a_ministry_workbook_as_it_comes() {
    let book = std::fs::read(root().join("tests/hostile/ministry.xlsx")).unwrap();
    let m = r#"methodology "Обращения" {
    key   "Код"
    label "Субъект Российской Федерации"
}
input data "ministry.xlsx" {
    column население = "Численность населения, чел."
}
records appeals "appeals.csv" { key code }
indicator рост "Рост обращений" {
    value     = data."Число обращений, ед. 2025" / data."Число обращений, ед. 2024" - 1
    better    lower
    normalize minmax
}
indicator на_100 "Обращения на 100 тыс. жителей" {
    value     = data."Число обращений, ед. 2025" / население * 100_000
    better    lower
    normalize minmax
}
indicator записи "Записи" {
    value     = count(appeals)
    better    higher
    normalize minmax
}
score "Итог" { рост на_100 записи }
"#;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ministry.xlsx"), book).unwrap();
    std::fs::write(
        dir.path().join("appeals.csv"),
        "code\n01\n01\n02\n07\n77\n99\n99\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("m.metodika"), m).unwrap();
    let path = dir.path().join("m.metodika");
    let opts = metodika::load::options_for(&path);
    let loaded = metodika::load::load_file(&path, &opts).unwrap();
    let m = loaded.methodology.unwrap_or_else(|| {
        panic!(
            "{}",
            metodika::diag::render_all(&loaded.diagnostics, &loaded.file, Default::default())
        )
    });
    let r = metodika::engine::run(&m, &opts).unwrap();
    let keys: Vec<&str> = r.rows.iter().map(|x| x.key.as_str()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(sorted, ["1", "2", "7", "77", "99"]);
    let row = |k: &str| r.rows.iter().find(|x| x.key == k).unwrap();
    assert_eq!(row("99").label, "г. Байконур");
    assert_eq!(row("7").label, "Кабардино-Балкарская Республика");
    let v = |k: &str, i: usize| row(k).indicators[i].raw.unwrap();
    assert!((v("77", 0) - (5650.0 / 5400.0 - 1.0)).abs() < 1e-12);
    assert!((v("1", 1) - 135.0 / 463_088.0 * 100_000.0).abs() < 1e-9);
    // `01` in the records names the region the workbook stores as 1: a warning
    assert_eq!(v("1", 2), 2.0);
    assert_eq!(v("99", 2), 2.0);
    assert!(
        r.notes
            .iter()
            .any(|n| n.warning && n.text().contains("`01` for `1`")),
        "{:?}",
        r.notes
    );
    // the note below the table is not read, and said
    assert!(
        r.notes
            .iter()
            .any(|n| n.text().contains("first empty row (11)")),
        "{:?}",
        r.notes
    );
}

/// The hostile corpus of whole cases (`tests/hostile/cases/*/case.txt`): each a folder of
/// files and the commands a user would type, with what each must give. The format is in
/// `tests/hostile/cases/README.md`; every case runs in a copy of its folder.
#[test]
fn the_hostile_cases() {
    let cases = root().join("tests/hostile/cases");
    let mut names: Vec<_> = std::fs::read_dir(&cases)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    assert!(names.len() >= 19, "the corpus has {} cases", names.len());
    let mut failures = Vec::new();
    for case in &names {
        if let Err(e) = run_case(case) {
            failures.push(format!(
                "{}: {e}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `\n`, `\r`, `\t` and `\u{…}` in a case's text; any other backslash is itself.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some('r') => {
                chars.next();
                out.push('\r');
            }
            Some('t') => {
                chars.next();
                out.push('\t');
            }
            Some('u') => {
                let rest: String = chars.clone().collect();
                match rest
                    .strip_prefix("u{")
                    .and_then(|r| r.split_once('}'))
                    .and_then(|(hex, _)| u32::from_str_radix(hex, 16).ok().map(|n| (hex.len(), n)))
                    .and_then(|(len, n)| char::from_u32(n).map(|c| (len, c)))
                {
                    Some((len, ch)) => {
                        for _ in 0..len + 3 {
                            chars.next();
                        }
                        out.push(ch);
                    }
                    None => out.push('\\'),
                }
            }
            _ => out.push('\\'),
        }
    }
    out
}

/// Split a command line on spaces; `"…"` keeps spaces (and its text is unescaped).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !cur.is_empty() {
                    out.push(unescape(&std::mem::take(&mut cur)));
                }
                any = false;
            }
            _ => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(unescape(&cur));
    }
    out
}

/// One command's outcome.
struct Ran {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_case(case: &std::path::Path) -> Result<(), String> {
    let spec = std::fs::read_to_string(case.join("case.txt")).map_err(|e| e.to_string())?;
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("case");
    copy_dir(case, &dir);
    let mut env: Vec<(String, String)> = Vec::new();
    let mut ran: Option<Ran> = None;
    let mut stdin: Option<std::path::PathBuf> = None;
    let mut port: Option<u16> = None;
    let mut problems = Vec::new();
    for (n, line) in spec.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
        let at = format!("case.txt:{}", n + 1);
        let out = |ran: &Option<Ran>| -> Result<(String, String, Option<i32>), String> {
            ran.as_ref()
                .map(|r| (r.stdout.clone(), r.stderr.clone(), r.status))
                .ok_or(format!("{at}: `{verb}` before any `$` command"))
        };
        match verb {
            "file" => {
                let (path, text) = rest.split_once(' ').unwrap_or((rest, ""));
                std::fs::write(dir.join(path), unescape(text)).unwrap();
            }
            "link" => {
                let (path, target) = rest.split_once(' ').expect("link PATH TARGET");
                #[cfg(unix)]
                std::os::unix::fs::symlink(target, dir.join(path)).unwrap();
            }
            "fifo" => {
                let made = std::process::Command::new("mkfifo")
                    .arg(dir.join(rest))
                    .status()
                    .unwrap();
                assert!(made.success(), "{at}: mkfifo");
            }
            "env" => {
                let (k, v) = rest.split_once('=').expect("env K=V");
                env.push((k.to_string(), v.to_string()));
            }
            "stdin" => stdin = Some(dir.join(rest)),
            "listen" => port = Some(silent_server()),
            "$" => {
                let args: Vec<String> = words(rest)
                    .into_iter()
                    .map(|a| match port {
                        Some(p) => a.replace("{port}", &p.to_string()),
                        None => a,
                    })
                    .collect();
                ran = Some(run_command(&dir, &args, &env, stdin.take())?);
            }
            "status" => {
                let (_, _, status) = out(&ran)?;
                let want: i32 = rest.parse().unwrap();
                if status != Some(want) {
                    problems.push(format!("{at}: exit status {status:?}, not {want}"));
                }
            }
            "stdout" | "stderr" | "stdout-not" | "stderr-not" => {
                let (o, e, _) = out(&ran)?;
                let text = if verb.starts_with("stdout") { o } else { e };
                let want = unescape(rest);
                let has = text.contains(&want);
                if has == verb.ends_with("-not") {
                    problems.push(format!(
                        "{at}: {verb} `{want}`; the {} was:\n{text}",
                        &verb[..6]
                    ));
                }
            }
            "written" | "written-not" => {
                let (path, want) = rest.split_once(' ').unwrap_or((rest, ""));
                let text = std::fs::read(dir.join(path))
                    .map(|b| String::from_utf8_lossy(&b).to_string())
                    .unwrap_or_default();
                if text.contains(&unescape(want)) == (verb == "written-not") {
                    problems.push(format!("{at}: {verb} {path} `{want}`; it holds:\n{text}"));
                }
            }
            "absent" => {
                if dir.join(rest).exists() {
                    problems.push(format!("{at}: {rest} was written"));
                }
            }
            _ => return Err(format!("{at}: unknown line `{line}`")),
        }
    }
    if ran.is_none() {
        return Err("no `$` command".into());
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems.join("\n")),
    }
}

/// Run `metodika ARGS` in `dir`, killed after two minutes (a hang is a failure, not a
/// stuck test).
fn run_command(
    dir: &std::path::Path,
    args: &[String],
    env: &[(String, String)],
    stdin: Option<std::path::PathBuf>,
) -> Result<Ran, String> {
    use std::io::Read;
    let mut cmd = crate::util::bin();
    cmd.current_dir(dir)
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdin(match stdin {
            Some(p) => std::process::Stdio::from(std::fs::File::open(p).unwrap()),
            None => std::process::Stdio::null(),
        });
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    let (mut o, mut e) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        o.read_to_end(&mut b).ok();
        b
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        e.read_to_end(&mut b).ok();
        b
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > std::time::Duration::from_secs(120) {
            child.kill().ok();
            child.wait().ok();
            return Err(format!(
                "`metodika {}` did not end in two minutes",
                args.join(" ")
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Ok(Ran {
        status: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).to_string(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).to_string(),
    })
}

/// A port that accepts connections and never says a word (held for a minute each).
fn silent_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            std::thread::spawn(move || {
                let _held = s;
                std::thread::sleep(std::time::Duration::from_secs(60));
            });
        }
    });
    port
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
