//! Issue 12's regressions: no crash, no hang, no clobbered file, no silently wrong
//! number. Each test failed before its fix.

use crate::util::{root, run_text, temp_with};
use metodika::syntax::{MAX_FILE_BYTES, MAX_OPERATORS};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = crate::util::bin();
    c.current_dir(root()).env("NO_COLOR", "1");
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Run a command, killing it (and failing the test) if it has not ended in 60 seconds:
/// the hangs this file tests for must end in an error instead.
fn output_within(mut c: Command) -> Output {
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the command hangs: {c:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

const HEAD: &str = "methodology \"Т\" {\n    key k\n}\n\ninput t \"d.csv\"\n\n";

fn with_value(expr: &str) -> String {
    format!("{HEAD}indicator a \"A\" {{\n    value  = {expr}\n    better higher\n}}\n\nscore \"S\" {{\n    a\n}}\n")
}

fn parse_codes(src: &str) -> Vec<&'static str> {
    match metodika::syntax::parse(src) {
        Ok(_) => Vec::new(),
        Err(ds) => ds.iter().map(|d| d.code).collect(),
    }
}

// ---- 2: chains of every operator, at and past the limits --------------------------

const OPERATORS: &[&str] = &[
    "+", "-", "*", "/", "^", "<", "<=", ">", ">=", "==", "!=", "and", "or",
];

#[test]
fn long_chains_of_every_operator_are_refused_before_parsing() {
    for op in OPERATORS {
        // just past the limit: refused by the scan before pest and the Pratt parser
        let chain = vec!["2"; MAX_OPERATORS + 2].join(&format!(" {op} "));
        let codes = parse_codes(&with_value(&chain));
        assert_eq!(codes, vec!["E002"], "`{op}` × {}", MAX_OPERATORS + 1);
        // at the limit: parsed, then refused as nesting too deeply (a tree 1024 deep)
        let chain = vec!["2"; MAX_OPERATORS + 1].join(&format!(" {op} "));
        let codes = parse_codes(&with_value(&chain));
        assert_eq!(codes, vec!["E002"], "`{op}` × {MAX_OPERATORS}");
    }
}

#[test]
fn the_largest_file_the_limits_allow_is_refused_without_a_crash() {
    // 4 MiB of one power chain (60,000 terms crashed the parser before), of a sum
    // (800,000 terms), and of powers hidden behind percents and brackets
    for unit in ["2^", "1+", "1%^", "(2)^", "2^-"] {
        let n = (MAX_FILE_BYTES - HEAD.len() - 200) / unit.len();
        let src = with_value(&format!("{}2", unit.repeat(n)));
        assert!(src.len() <= MAX_FILE_BYTES, "{unit}: {}", src.len());
        let codes = parse_codes(&src);
        assert_eq!(codes, vec!["E002"], "{unit}");
    }
    // many expressions, each under the limit: every one is parsed
    let one = vec!["t.x"; 200].join(" + ");
    let mut src = HEAD.to_string();
    let mut i = 0;
    while src.len() + one.len() + 100 < MAX_FILE_BYTES {
        src.push_str(&format!(
            "indicator a{i} \"A\" {{ value = {one} better higher }}\n"
        ));
        i += 1;
    }
    let m = metodika::syntax::parse(&src).expect("parses");
    assert!(m.items.len() > 1000);
    let checked = metodika::check::check(&m, &metodika::check::NoHeaders);
    assert!(checked.diagnostics.iter().all(|d| d.code != "E002"));
    let formatted = metodika::fmt::format(&m, &src);
    // (the canonical layout is longer than the file: past the limit, refused as such)
    match metodika::syntax::parse(&formatted) {
        Ok(again) => assert_eq!(again.items.len(), m.items.len()),
        Err(d) => assert!(
            formatted.len() > MAX_FILE_BYTES && d[0].code == "E006",
            "{d:?}"
        ),
    }
}

#[test]
fn an_expression_just_under_the_depth_limit_checks_formats_and_runs() {
    for op in ["+", "*", "^"] {
        let chain = vec!["t.x"; 250].join(&format!(" {op} "));
        let r = run_text(&with_value(&chain), &[("d.csv", "k,x\nA,1\nB,1.0001\n")]);
        let r = r.unwrap_or_else(|e| panic!("{op}: {e}"));
        assert_eq!(r.rows.len(), 2);
    }
}

// ---- 3: files read only to the limit; FIFOs, devices, directories refused --------

#[test]
fn a_methodology_over_the_limit_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.metodika");
    let f = std::fs::File::create(&p).unwrap();
    // 3 GB, sparse: reading it whole would take gigabytes
    f.set_len(3 << 30).unwrap();
    let mut c = bin();
    c.args(["check", p.to_str().unwrap()]);
    let o = output_within(c);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("E006"), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("is too large"),
        "{}",
        text(&o.stderr)
    );
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_not_read() {
    let dir = temp_with(&[
        ("m.metodika", &with_value("t.x")),
        ("d.csv", "k,x\nA,1\nB,2\n"),
    ]);
    let fifo = dir.path().join("pipe.metodika");
    mkfifo(&fifo);
    let data_fifo = dir.path().join("pipe.csv");
    mkfifo(&data_fifo);
    let m = dir.path().join("m.metodika");
    let cases: Vec<Vec<String>> = vec![
        vec!["check".into(), fifo.display().to_string()],
        vec!["run".into(), fifo.display().to_string()],
        vec!["fmt".into(), fifo.display().to_string()],
        vec!["check".into(), "/dev/zero".into()],
        vec![
            "run".into(),
            m.display().to_string(),
            "--input".into(),
            format!("t={}", data_fifo.display()),
        ],
        vec![
            "run".into(),
            m.display().to_string(),
            "--allow-outside".into(),
            "--input".into(),
            "t=/dev/zero".into(),
        ],
        vec![
            "run".into(),
            m.display().to_string(),
            "--input".into(),
            format!("t={}", dir.path().display()),
        ],
    ];
    for args in cases {
        let mut c = bin();
        c.args(&args);
        let o = output_within(c);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("not a regular file"),
            "{args:?}: no word of why:\n{err}"
        );
    }
}

// ---- 4: closed pipes and full disks ----------------------------------------------

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_an_error() {
    use std::os::unix::process::ExitStatusExt;
    let pos = "methodologies/pos/pos-2025-tables.metodika";
    for args in [
        vec!["check", pos, pos, pos, pos],
        vec!["run", pos, "--format", "csv", "--detail"],
        vec!["explain", pos, "--region", "77"],
    ] {
        // a reader that goes away at once
        let mut child = bin()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = text(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            o.status.success() || o.status.signal() == Some(13),
            "{args:?}: {:?} {err}",
            o.status
        );
        // a full disk
        if Path::new("/dev/full").exists() {
            let o = bin()
                .args(&args)
                .stdout(std::fs::File::create("/dev/full").unwrap())
                .output()
                .unwrap();
            let err = text(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert!(
                err.contains("cannot write to standard output: No space left on device"),
                "{args:?}: {err}"
            );
        }
    }
}

// ---- 7, 8: goalposts under a geometric mean; overflow named ------------------------

#[test]
fn goalposts_under_a_geometric_mean_are_warned_and_the_zero_is_real() {
    let src = "methodology \"Т\" { key k }\ninput t \"d.csv\"\n\
               indicator a \"A\" { value = t.x better higher normalize goalposts(1, 3) }\n\
               indicator b \"B\" { value = t.y better higher normalize goalposts(0, 10) }\n\
               score \"S\" geometric { a b }\n";
    let m = metodika::syntax::parse(src).unwrap();
    let c = metodika::check::check(&m, &metodika::check::NoHeaders);
    let w: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "W006").collect();
    assert_eq!(w.len(), 2, "{:?}", c.diagnostics);
    assert!(w[0].message.contains("goalpost 1"), "{}", w[0].message);
    // and what it warns of: region A at the lower goalpost scores 0 overall
    let r = run_text(src, &[("d.csv", "k,x,y\nA,1,9\nB,2,5\n")]).unwrap();
    assert_eq!(crate::util::get(&r, "A", "score"), Some(0.0));
}

#[test]
fn an_overflow_is_named_as_such() {
    // a constant: refused by check
    let m = metodika::syntax::parse(&with_value("t.x * 10 ^ 400")).unwrap();
    let c = metodika::check::check(&m, &metodika::check::NoHeaders);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code == "E005")
        .expect("E005");
    assert!(d.message.contains("overflows to infinity"), "{}", d.message);
    // from the data: named at run time, with the region
    let e = run_text(&with_value("t.x ^ 400"), &[("d.csv", "k,x\nA,10\nB,1\n")]).unwrap_err();
    assert!(
        e.contains("region A, indicator `a`: the formula overflows"),
        "{e}"
    );
    assert!(!e.contains("region B"), "{e}");
    // the help names every way out, leaving such regions unranked among them
    assert!(e.contains("exclude when missing("), "{e}");
    let e = run_text(&with_value("1 / t.x"), &[("d.csv", "k,x\nA,0\nB,1\n")]).unwrap_err();
    assert!(
        e.contains("region A, indicator `a`: the formula has a division by zero"),
        "{e}"
    );
    let e = run_text(&with_value("ln(t.x)"), &[("d.csv", "k,x\nA,-1\nB,1\n")]).unwrap_err();
    assert!(e.contains("logarithm or square root"), "{e}");
}

// ---- 6: encodings named, told, or refused -----------------------------------------

#[test]
fn an_input_names_its_encoding() {
    let koi8 = std::fs::read(root().join("tests/hostile/koi8r.csv")).unwrap();
    let src = "methodology \"Т\" { key region_code label region_name }\n\
               input t \"d.csv\" encoding \"koi8-r\"\n\
               indicator x \"X\" { value = t.v better higher }\nscore \"S\" { x }\n";
    let dir = temp_with(&[("m.metodika", src)]);
    std::fs::write(dir.path().join("d.csv"), &koi8).unwrap();
    let path = dir.path().join("m.metodika");
    let opts = metodika::load::options_for(&path);
    let loaded = metodika::load::load_file(&path, &opts).unwrap();
    let r = metodika::engine::run(loaded.methodology.as_ref().unwrap(), &opts).unwrap();
    assert_eq!(
        r.rows.iter().find(|x| x.key == "A").unwrap().label,
        "Республика Адыгея"
    );
    assert!(
        r.notes.is_empty(),
        "named, so nothing to note: {:?}",
        r.notes
    );
    // told from the text: read the same, with a note
    let src2 = src.replace(" encoding \"koi8-r\"", "");
    std::fs::write(&path, &src2).unwrap();
    let loaded = metodika::load::load_file(&path, &opts).unwrap();
    let r2 = metodika::engine::run(loaded.methodology.as_ref().unwrap(), &opts).unwrap();
    assert_eq!(r2.rows[0].label, r.rows[0].label);
    assert_eq!(r2.notes.len(), 1);
    // (KOI8-U reads Russian as KOI8-R does)
    assert!(
        r2.notes[0].text().contains("read as KOI8-"),
        "{:?}",
        r2.notes
    );
    // the CLI says it
    let o = bin()
        .args(["run", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        text(&o.stderr).contains("note: input `t`") && text(&o.stderr).contains("KOI8-"),
        "{}",
        text(&o.stderr)
    );
    // `--input` gives another file: the encoding named is not its encoding
    let utf8 = dir.path().join("utf8.csv");
    std::fs::write(
        &utf8,
        "region_code;region_name;v\nA;Республика Адыгея;1,5\nB;Б;2\n",
    )
    .unwrap();
    std::fs::write(&path, src).unwrap();
    let mut other = opts.clone();
    other.inputs.insert("t".into(), utf8);
    let loaded = metodika::load::load_file(&path, &other).unwrap();
    let r3 = metodika::engine::run(loaded.methodology.as_ref().unwrap(), &other).unwrap();
    assert_eq!(
        r3.rows.iter().find(|x| x.key == "A").unwrap().label,
        "Республика Адыгея"
    );
    assert!(r3.notes.is_empty(), "{:?}", r3.notes);
    // named wrongly: a label no encoding has
    std::fs::write(&path, src.replace("koi8-r", "кои8")).unwrap();
    let loaded = metodika::load::load_file(&path, &opts).unwrap();
    assert!(loaded.diagnostics.iter().any(|d| d.code == "E114"));
    // named UTF-8 when it is not: refused with the place
    std::fs::write(&path, src.replace("koi8-r", "utf-8")).unwrap();
    let loaded = metodika::load::load_file(&path, &opts).unwrap();
    let e = metodika::engine::run(loaded.methodology.as_ref().unwrap(), &opts).unwrap_err();
    assert!(
        e.to_string()
            .contains("the file is named UTF-8, but line 2"),
        "{e}"
    );
}

// ---- 9, 10, 11: outputs -----------------------------------------------------------

fn out_case() -> tempfile::TempDir {
    temp_with(&[
        ("m.metodika", &with_value("t.x")),
        ("d.csv", "k,x\nA,1\nB,2\n"),
    ])
}

fn run_to(dir: &Path, output: &Path) -> Output {
    bin()
        .args([
            "run",
            dir.join("m.metodika").to_str().unwrap(),
            "--format",
            "csv",
            "--output",
            output.to_str().unwrap(),
        ])
        .output()
        .unwrap()
}

#[test]
fn output_never_replaces_the_runs_own_files() {
    let dir = out_case();
    let before_m = std::fs::read(dir.path().join("m.metodika")).unwrap();
    let before_d = std::fs::read(dir.path().join("d.csv")).unwrap();
    for (target, why) in [
        ("m.metodika", "is the methodology of this run"),
        ("d.csv", "is input `t` of this run"),
    ] {
        let o = run_to(dir.path(), &dir.path().join(target));
        assert_eq!(o.status.code(), Some(2), "{target}");
        assert!(text(&o.stderr).contains(why), "{}", text(&o.stderr));
    }
    // also through a link to the input
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("d.csv"), dir.path().join("link.csv")).unwrap();
        let o = run_to(dir.path(), &dir.path().join("link.csv"));
        assert_eq!(o.status.code(), Some(2));
        assert!(
            text(&o.stderr).contains("is input `t`"),
            "{}",
            text(&o.stderr)
        );
    }
    assert_eq!(
        std::fs::read(dir.path().join("m.metodika")).unwrap(),
        before_m
    );
    assert_eq!(std::fs::read(dir.path().join("d.csv")).unwrap(), before_d);
}

#[cfg(unix)]
#[test]
fn output_refuses_read_only_files_and_what_is_not_a_file_and_writes_through_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = out_case();
    // read-only (even as root)
    let ro = dir.path().join("ro.csv");
    std::fs::write(&ro, "keep").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = run_to(dir.path(), &ro);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("is read-only"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
    // a device, a directory, a FIFO
    let fifo = dir.path().join("fifo.csv");
    mkfifo(&fifo);
    for (p, kind) in [
        (Path::new("/dev/null"), "a device"),
        (dir.path(), "a directory"),
        (fifo.as_path(), "a named pipe"),
    ] {
        let o = output_within({
            let mut c = bin();
            c.args([
                "run",
                dir.path().join("m.metodika").to_str().unwrap(),
                "--output",
                p.to_str().unwrap(),
            ]);
            c
        });
        assert_eq!(o.status.code(), Some(2), "{p:?}");
        let err = text(&o.stderr);
        assert!(
            err.contains(kind) && err.contains("regular file"),
            "{p:?}: {err}"
        );
    }
    assert!(Path::new("/dev/null").exists());
    // a link: its target is replaced, the link stays a link
    let real = dir.path().join("real.csv");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = run_to(dir.path(), &link);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .starts_with("place,"));
}

#[cfg(unix)]
#[test]
fn output_gets_the_mode_a_new_file_gets() {
    use std::os::unix::fs::PermissionsExt;
    let dir = out_case();
    for (umask, mode) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        let out = dir.path().join(format!("out-{umask}.csv"));
        let st = Command::new("sh")
            .env("METODIKA_LANG", "en")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" run \"$1\" --format csv --output \"$2\""
            ))
            .arg(env!("CARGO_BIN_EXE_metodika"))
            .arg(dir.path().join("m.metodika"))
            .arg(&out)
            .status()
            .unwrap();
        assert!(st.success());
        let got = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "umask {umask}: {got:o}");
    }
}

/// A run killed with `kill -9` while it writes its output leaves nothing beside the
/// target: the output is written into an unnamed file (O_TMPFILE).
#[cfg(target_os = "linux")]
#[test]
fn a_killed_write_leaves_nothing_behind() {
    use std::fmt::Write as _;
    let mut data = String::from("k,x,y\n");
    for i in 0..300_000 {
        let _ = writeln!(data, "R{i:07},{},{}", i % 977, (i * 7) % 1013);
    }
    let m = "methodology \"Т\" { key k }\ninput t \"d.csv\"\n\
             indicator a \"A\" { value = t.x better higher missing zero }\n\
             indicator b \"B\" { value = t.y better lower missing zero }\n\
             score \"S\" { a b }\n";
    let dir = temp_with(&[("m.metodika", m), ("d.csv", &data)]);
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("out.csv");
    let mut caught = false;
    for _ in 0..5 {
        let mut child = bin()
            .args([
                "run",
                dir.path().join("m.metodika").to_str().unwrap(),
                "--format",
                "table",
                "--detail",
                "--output",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let fd_dir = format!("/proc/{}/fd", child.id());
        // wait for the unnamed output file to be open, then kill
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(120) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            let writing = std::fs::read_dir(&fd_dir)
                .into_iter()
                .flatten()
                .flatten()
                .any(|e| std::fs::read_link(e.path()).is_ok_and(|t| t.starts_with(out_dir.path())));
            if writing {
                child.kill().unwrap();
                caught = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.wait();
        let left: Vec<_> = std::fs::read_dir(out_dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            left.is_empty() || (left.len() == 1 && !caught),
            "left behind: {left:?}"
        );
        if caught {
            break;
        }
    }
    assert!(caught, "the write was never caught in progress");
}

// ---- 12: git revisions are not options -------------------------------------------

#[test]
fn a_git_revision_is_never_an_option() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("written-by-git");
    let spec = format!(
        "git:--output={}:methodologies/pos/pos-2025-tables.metodika",
        evil.display()
    );
    let o = bin()
        .args(["diff", &spec, "methodologies/pos/pos-2025-tables.metodika"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("does not begin with `-`"),
        "{}",
        text(&o.stderr)
    );
    assert!(!evil.exists());
}

// ---- 13, 14, 15: messages --------------------------------------------------------

#[test]
fn a_diagnostic_on_a_huge_line_shows_a_window_of_it() {
    // a 40 KB line, and a million-digit number
    let long = vec!["t.x"; 10_000].join(" + ") + " + $";
    for src in [with_value(&long), with_value(&"1".repeat(1_000_000))] {
        let f = metodika::diag::SourceFile::new("m.metodika", src.clone());
        let diags = match metodika::syntax::parse(&src) {
            Err(d) => d,
            Ok(m) => metodika::check::check(&m, &metodika::check::NoHeaders).diagnostics,
        };
        assert!(!diags.is_empty());
        let shown = metodika::diag::render_all(&diags, &f, Default::default());
        assert!(shown.len() < 4000, "{} bytes shown", shown.len());
        assert!(shown.contains('…'), "{shown}");
        assert!(shown.contains("m.metodika:8:"), "{shown}");
    }
}

#[test]
fn scientific_notation_is_a_number() {
    let r = run_text(
        &with_value("t.x * 1e-3 + 2.5E2 - 1e+2 + 1_000e-3"),
        &[("d.csv", "k,x\nA,1000\nB,2000\n")],
    )
    .unwrap();
    crate::util::assert_close(
        crate::util::get(&r, "A", "a.raw"),
        1.0 + 250.0 - 100.0 + 1.0,
    );
    let m = metodika::syntax::parse(&with_value("1e999")).unwrap();
    let c = metodika::check::check(&m, &metodika::check::NoHeaders);
    assert!(c.diagnostics.iter().any(|d| d.code == "E005"));
    // `fmt` keeps it as written
    let src = with_value("t.x * 2.5E-3");
    let m = metodika::syntax::parse(&src).unwrap();
    assert!(metodika::fmt::format(&m, &src).contains("2.5E-3"));
}

/// The messages the hostile round found wrong: each says what is so.
#[test]
fn messages_say_what_is_so() {
    let check = |dir: &std::path::Path, file: &str, args: &[&str]| {
        let o = crate::util::bin()
            .current_dir(dir)
            .args(args)
            .arg(file)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let base = "methodology \"База\" {\n    key code\n}\ninput t \"t.csv\"\nindicator a \"А\" {\n    value = t.a\n    better higher\n    normalize minmax\n}\nscore \"Итог\" {\n    a\n}\n";
    // a revision and its base, each under the size limit, together over it
    let comments = format!("# {}\n", "х".repeat(1000)).repeat(1150);
    assert!(comments.len() > 2_000_000 && comments.len() < metodika::syntax::MAX_FILE_BYTES);
    let dir = crate::util::temp_with(&[
        ("t.csv", "code,a\nA,1\nB,2\n"),
        ("base.metodika", &format!("{comments}{base}")),
        (
            "rev.metodika",
            &format!("{comments}methodology \"Р\" {{\n    extends \"base.metodika\"\n}}\n"),
        ),
    ]);
    let (code, e) = check(dir.path(), "rev.metodika", &["check"]);
    assert_eq!(code, Some(0), "{e}");
    // `version` twice in a revision, as in any file: E204
    std::fs::write(
        dir.path().join("rev2.metodika"),
        "methodology \"Р\" {\n    extends \"base.metodika\"\n    version \"2\"\n    version \"3\"\n}\n",
    )
    .unwrap();
    let (code, e) = check(dir.path(), "rev2.metodika", &["check"]);
    assert_eq!(code, Some(1), "{e}");
    assert!(e.contains("E204") && e.contains("`version`"), "{e}");
    // `header` as written, however large
    std::fs::write(
        dir.path().join("h.metodika"),
        base.replace("\"t.csv\"", "\"t.xlsx\" header 99999999999999999999"),
    )
    .unwrap();
    let (_, e) = check(dir.path(), "h.metodika", &["check"]);
    assert!(
        e.contains("99999999999999999999") && !e.contains("18446744073709551615"),
        "{e}"
    );
    let (_, e) = check(dir.path(), "h.metodika", &["fmt", "--check"]);
    assert!(!e.contains("18446744073709551615"), "{e}");
    // a record file of a header alone: its columns' types not known, no E501 for each
    let records = "methodology \"З\" {\n    key code\n    period quarterly\n}\ninput t \"t.csv\"\nrecords m \"m.csv\" { date created }\nindicator a \"А\" {\n    value = count(m)\n    better higher\n    normalize minmax\n}\nscore \"Итог\" {\n    a\n}\n";
    std::fs::write(dir.path().join("r.metodika"), records).unwrap();
    std::fs::write(dir.path().join("m.csv"), "code,created\n").unwrap();
    let (_, e) = check(dir.path(), "r.metodika", &["check"]);
    assert!(!e.contains("E501"), "{e}");
    assert!(e.contains("W003") && e.contains("no record yet"), "{e}");
    // no dated record: the message names the file read, the one `--input` gives
    {
        use polars::prelude::*;
        let mut df = DataFrame::new(
            1,
            vec![
                Series::new("code".into(), ["A"]).into_column(),
                Series::new("created".into(), [None::<i32>])
                    .cast(&DataType::Date)
                    .unwrap()
                    .into_column(),
            ],
        )
        .unwrap();
        let f = std::fs::File::create(dir.path().join("other.parquet")).unwrap();
        ParquetWriter::new(f).finish(&mut df).unwrap();
    }
    let (code, e) = check(
        dir.path(),
        "r.metodika",
        &["run", "--input", "m=other.parquet"],
    );
    assert_eq!(code, Some(1), "{e}");
    assert!(e.contains("D014") && e.contains("other.parquet"), "{e}");
}
