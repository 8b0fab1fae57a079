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
    let loaded = load::load_text(file, &FileHeaders { opts: &opts });
    diag::render_all(&loaded.diagnostics, &loaded.file, RenderOptions::default())
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
    engine::run(&m, &opts).map_err(|e| e.to_string())
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
