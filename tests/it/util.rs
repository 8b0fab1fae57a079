//! Helpers shared by the tests.

use metodika::diag::{self, RenderOptions};
use metodika::engine::{self, Ranking, RunOptions};
use metodika::load::{self, FileHeaders};
use std::path::{Path, PathBuf};

/// The crate's root (tests run there).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether expected outputs should be rewritten (`BLESS=1 cargo test`).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// Compare `actual` with the file at `path`, or rewrite it under BLESS.
pub fn snapshot(path: &Path, actual: &str) {
    if bless() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "snapshot {} differs (BLESS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        );
    }
}

/// Rendered diagnostics of a file, as a user sees them (no colour, 100 columns), with
/// the file shown by the name given.
pub fn render_file(path: &Path, shown: &str) -> String {
    // relative to the crate's root (where tests run), so that snapshots hold no
    // machine-specific path
    let dir = path.parent().unwrap();
    let opts = RunOptions {
        base_dir: dir.strip_prefix(root()).unwrap_or(dir).to_path_buf(),
        inputs: Default::default(),
        allow_outside: false,
        large_plan: None,
        dense: None,
        period: None,
        streaming: None,
        profile: false,
    };
    let file = match load::read_source(path) {
        Ok(mut f) => {
            f.name = shown.to_string();
            f
        }
        Err(d) => {
            let f = diag::SourceFile::new(shown, "");
            let mut d = *d;
            d.message = d.message.replace(&path.display().to_string(), shown);
            return diag::render_all(&[d], &f, RenderOptions::default());
        }
    };
    // (a revision is read with the files it extends, each diagnostic shown in its file)
    let at = opts.base_dir.join(path.file_name().unwrap());
    let loaded = load::load_text_at(file, &at, &opts, &FileHeaders { opts: &opts });
    let mut out = String::new();
    for (f, ds) in &loaded.others {
        out.push_str(&diag::render_all(ds, f, RenderOptions::default()));
    }
    out.push_str(&diag::render_all(
        &loaded.diagnostics,
        &loaded.file,
        RenderOptions::default(),
    ));
    out
}

/// Write `text` to a fresh temporary directory as `name`, returning the directory.
pub fn temp_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// Check and run the methodology text over data files written beside it.
pub type Res = Result<Ranking, String>;

pub fn run_text(methodology: &str, data: &[(&str, &str)]) -> Res {
    let mut files: Vec<(&str, &str)> = data.to_vec();
    files.push(("m.metodika", methodology));
    let dir = temp_with(&files);
    let path = dir.path().join("m.metodika");
    let opts = load::options_for(&path);
    let loaded = load::load_file(&path, &opts).map_err(|d| d.message.clone())?;
    let m = match loaded.methodology {
        Some(m) => m,
        None => {
            return Err(diag::render_all(
                &loaded.diagnostics,
                &loaded.file,
                RenderOptions::default(),
            ));
        }
    };
    same_by_every_evaluator(&m, &opts)
}

/// Run `m` with the dense evaluator and with the polars plan (regional and large), and
/// require the very same results from all three — every number to the last bit (CSV and
/// JSON write the shortest form that reads back to the same f64), or the same error.
/// The dense evaluator's result.
pub fn same_by_every_evaluator(m: &metodika::check::Methodology, opts: &RunOptions) -> Res {
    let by = |dense: bool, large: bool, detail: bool| {
        let o = RunOptions {
            dense: Some(dense),
            large_plan: Some(large),
            ..opts.clone()
        };
        engine::run_with(m, &o, detail).map_err(|e| e.to_string())
    };
    let shown = |r: &Res, detail: bool| match r {
        Ok(r) => Ok((
            metodika::report::csv(r, detail),
            metodika::report::json(r, detail),
        )),
        Err(e) => Err(e.clone()),
    };
    // with every step (`--detail`, explain, diff) and without (a plain run)
    for detail in [true, false] {
        let dense = shown(&by(true, false, detail), detail);
        for large in [false, true] {
            let other = shown(&by(false, large, detail), detail);
            if dense != other {
                panic!(
                    "the dense evaluator and the polars plan (large: {large}, detail: {detail}) differ: {}",
                    first_difference(&dense, &other)
                );
            }
        }
    }
    by(true, false, true)
}

/// The first line where two results differ, for a readable failure.
fn first_difference(
    a: &Result<(String, String), String>,
    b: &Result<(String, String), String>,
) -> String {
    let text = |r: &Result<(String, String), String>| match r {
        Ok((csv, json)) => format!("{csv}\n{json}"),
        Err(e) => format!("error: {e}"),
    };
    let (a, b) = (text(a), text(b));
    let header = a.lines().next().unwrap_or("").to_string();
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            let cut = |s: &str| s.chars().take(400).collect::<String>();
            // the column where the CSV lines differ
            let col = x
                .split(',')
                .zip(y.split(','))
                .position(|(p, q)| p != q)
                .and_then(|k| header.split(',').nth(k))
                .unwrap_or("");
            return format!(
                "line {}, column `{col}`:\n  dense: {}\n  polars: {}",
                i + 1,
                cut(x),
                cut(y)
            );
        }
    }
    format!("lengths {} and {}", a.len(), b.len())
}

/// A value of a ranking by region key and column (`score`, `place`, `group.NAME`,
/// `IND.raw`, `IND.normalized`, `IND.contribution`, `IND.value`).
pub fn get(r: &Ranking, key: &str, column: &str) -> Option<f64> {
    let row = r
        .rows
        .iter()
        .find(|x| x.key == key)
        .unwrap_or_else(|| panic!("no region {key}"));
    match column {
        "score" => row.score,
        "place" => row.place,
        c if c.starts_with("group.") => {
            let g = r
                .groups
                .iter()
                .position(|(n, _)| n == &c[6..])
                .expect("group");
            row.groups[g]
        }
        c => {
            let (ind, what) = c.split_once('.').expect("IND.what");
            let i = r
                .indicators
                .iter()
                .position(|(n, _)| n == ind)
                .expect("indicator");
            let d = &row.indicators[i];
            match what {
                "raw" => d.raw,
                "value" => d.value,
                "normalized" => d.normalized,
                "contribution" => d.contribution,
                _ => panic!("unknown column {c}"),
            }
        }
    }
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[track_caller]
pub fn assert_close(actual: Option<f64>, expected: f64) {
    let a = actual.unwrap_or_else(|| panic!("expected {expected}, found a missing value"));
    assert!(close(a, expected), "expected {expected}, found {a}");
}

/// A small seeded generator (splitmix64) for property and mutation tests: the same
/// cases on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The metodika binary, speaking English whatever the machine's locale (a test of the
/// Russian interface says `--lang ru` or sets `METODIKA_LANG`).
pub fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_metodika"));
    c.env("METODIKA_LANG", "en");
    c
}

/// The text of every Rust file under src/, one after another.
pub fn rust_sources() -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out.sort();
    out
}

/// Run git in `dir` as a user named `t` (commits need a name), asserting it succeeds.
pub fn git(dir: &std::path::Path, args: &[&str]) {
    let mut all = vec!["-c", "user.name=t", "-c", "user.email=t@t"];
    all.extend_from_slice(args);
    let o = std::process::Command::new("git")
        .args(&all)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Make sure a part the tests need (a browser, npm packages, the peers' Python, PostgreSQL)
/// is there: when `ready` says no, run `.ci/SCRIPT` — once, whatever the number of tests or
/// test processes asking at once. Within the process a mutex, across processes (nextest
/// runs each test in its own) an exclusive lock on `target/parts/NAME.lock`; `ready` is
/// asked again under the lock, so the second asker finds the part the first installed.
/// The scripts install into a temporary folder and rename it into place, so that a part is
/// whole or absent, never half there.
pub fn ensure_part(name: &str, script: &str, ready: impl Fn() -> bool) {
    static IN_PROCESS: std::sync::Mutex<()> = std::sync::Mutex::new(());
    if ready() {
        return;
    }
    let _held = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = root().join("target/parts");
    std::fs::create_dir_all(&dir).unwrap();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(format!("{name}.lock")))
        .unwrap();
    lock.lock().unwrap();
    if !ready() {
        let o = std::process::Command::new("bash")
            .arg(root().join(".ci").join(script))
            .output()
            .expect("bash");
        assert!(
            o.status.success(),
            "{script}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(ready(), "{script} ran, but the part is still not there");
    }
    let _ = lock.unlock();
}

/// The commands a document shows printing, each checked: every line of the ```text block
/// after an `<!-- output: metodika … -->` line is a line of what the command prints (run
/// from the repository's root, in `lang`). How many such blocks there are.
pub fn quoted_outputs_hold(doc: &str, lang: &str) -> usize {
    let text = std::fs::read_to_string(root().join(doc)).unwrap();
    let mut shown = 0;
    let mut lines = text.lines();
    while let Some(l) = lines.next() {
        let Some(cmd) = l
            .strip_prefix("<!-- output: metodika ")
            .and_then(|c| c.strip_suffix(" -->"))
        else {
            continue;
        };
        assert_eq!(lines.next(), Some("```text"), "{doc}: {cmd}");
        let quoted: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        let o = bin()
            .args(cmd.split(' '))
            .current_dir(root())
            .env("METODIKA_LANG", lang)
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{doc}: {cmd}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        for q in quoted {
            assert!(
                printed.lines().any(|p| p.trim_end() == q.trim_end()),
                "{doc}: `metodika {cmd}` no longer prints:\n{q}\n---\n{printed}"
            );
        }
        shown += 1;
    }
    shown
}
