//! `metodika review --base REV [--head REV | --staged] [PATHS…]`: what a change does to the
//! methodologies of a repository, as one review. It finds the methodologies the change
//! affects — those changed, those that `extends` a changed one (through the whole chain),
//! and those whose data changed — and for each checks the layout (`fmt --check`), checks
//! the rules (`check`) and compares the edition at the base with the new one (`diff`);
//! then writes a summary first and the details of each methodology folded below it.

use super::commands::{compare, out, Compared};
use metodika::diff::GateRules;
use metodika::i18n::t;
use metodika::source::{git, normalize, prefix};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The formats of a review.
#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum ReviewFormat {
    // (aligned text for a terminal; a review comment; everything, for scripts)
    Table,
    Markdown,
    Json,
    Sarif,
    Html,
}

/// The options of `metodika review`.
pub struct ReviewArgs<'a> {
    pub base: &'a str,
    pub head: Option<&'a str>,
    pub staged: bool,
    pub paths: &'a [String],
    pub format: ReviewFormat,
    pub rules: GateRules,
    pub top: Option<usize>,
}

/// Where the new side of the review is: a revision, the index, or the working tree.
#[derive(Clone, Copy)]
enum Head<'a> {
    Rev(&'a str),
    Index,
    Tree,
}

impl Head<'_> {
    /// The source that names `path` (from the repository's root) on this side; `up`: how
    /// deep the current directory is in the repository.
    fn spec(&self, path: &Path, up: usize) -> String {
        match self {
            Head::Rev(r) => format!("git:{r}:/{}", path.display()),
            Head::Index => format!("git::/{}", path.display()),
            // from the current directory, as a user would name it
            Head::Tree => {
                let mut p: PathBuf = std::iter::repeat_n("..", up).collect();
                p.push(path);
                p.display().to_string()
            }
        }
    }

    /// The text of `path` on this side.
    fn read(&self, path: &Path, root: &Path) -> Option<String> {
        let bytes = match self {
            Head::Rev(r) => git(&[
                "cat-file",
                "--filters",
                "--end-of-options",
                &format!("{r}:{}", path.display()),
            ])
            .ok()?,
            Head::Index => git(&[
                "cat-file",
                "--filters",
                "--end-of-options",
                &format!(":{}", path.display()),
            ])
            .ok()?,
            Head::Tree => std::fs::read(root.join(path)).ok()?,
        };
        String::from_utf8(bytes).ok()
    }

    /// The words for it in the review's title.
    fn words(&self) -> String {
        match self {
            Head::Rev(r) => r.to_string(),
            Head::Index => t("review-index", &[]),
            Head::Tree => t("review-tree", &[]),
        }
    }
}

fn split_z(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The files the change touches, from the repository's root (both names of a rename).
fn changed(base: &str, head: Head) -> Result<BTreeSet<PathBuf>, String> {
    let mut args = vec!["diff", "-z", "--name-status", "--find-renames"];
    match head {
        Head::Index => args.push("--cached"),
        Head::Rev(_) | Head::Tree => {}
    }
    args.push("--end-of-options");
    args.push(base);
    if let Head::Rev(r) = head {
        args.push(r);
    }
    args.extend(["--", ":/"]);
    let listed = git(&args)?;
    // `STATUS\0PATH\0`, or `R100\0OLD\0NEW\0` for a rename (C for a copy)
    let mut out = BTreeSet::new();
    let mut fields = split_z(&listed).into_iter();
    while let Some(status) = fields.next() {
        let paths = if status.starts_with(['R', 'C']) { 2 } else { 1 };
        out.extend(fields.by_ref().take(paths).map(PathBuf::from));
    }
    if let Head::Tree = head {
        // files not yet added are part of the working tree's change
        let new = git(&[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--full-name",
            "--",
            ":/",
        ])?;
        out.extend(split_z(&new).into_iter().map(PathBuf::from));
    }
    Ok(out)
}

/// The methodology files on the new side, from the root.
fn methodologies(head: Head) -> Result<Vec<PathBuf>, String> {
    let listed = match head {
        Head::Rev(r) => git(&[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            "--full-tree",
            "--end-of-options",
            r,
        ])?,
        Head::Index => git(&["ls-files", "-z", "--full-name", "--", ":/"])?,
        Head::Tree => git(&[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--full-name",
            "--",
            ":/",
        ])?,
    };
    Ok(split_z(&listed)
        .into_iter()
        .filter(|f| f.ends_with(".metodika"))
        .map(PathBuf::from)
        .collect())
}

/// What a methodology reads, from the root: the file it extends, and its inputs (a
/// template as its folder, the name before and after `{year}`).
struct Reads {
    extends: Option<PathBuf>,
    files: Vec<PathBuf>,
    templates: Vec<(PathBuf, String, String)>,
}

fn reads(path: &Path, text: &str) -> Reads {
    let mut r = Reads {
        extends: None,
        files: Vec::new(),
        templates: Vec::new(),
    };
    let Ok(module) = metodika::syntax::parse(text) else {
        return r;
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let resolve = |written: &str| normalize(&dir.join(written));
    r.extends = metodika::revision::extends_of(&module).and_then(|s| resolve(&s.value));
    for item in &module.items {
        let written = match item {
            metodika::syntax::ast::Item::Input(i) => &i.path.value,
            metodika::syntax::ast::Item::Records(x) => &x.path.value,
            _ => continue,
        };
        let Some(p) = resolve(written) else { continue };
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        match name.split_once("{year}") {
            Some((before, after)) => r.templates.push((
                p.parent().unwrap_or(Path::new("")).to_path_buf(),
                before.to_string(),
                after.to_string(),
            )),
            None => r.files.push(p),
        }
    }
    r
}

/// One methodology of the review.
#[derive(serde::Serialize)]
struct Reviewed {
    /// Its path from the repository's root.
    path: String,
    /// Why it is reviewed.
    reasons: Vec<String>,
    /// Whether its layout is canonical (`fmt --check`).
    canonical: bool,
    /// Its errors and warnings (`check`).
    errors: usize,
    warnings: usize,
    /// `diff`, `new`, `base-broken` or `failed`.
    compared: &'static str,
    /// The diff, when there is one.
    diff: Option<metodika::diff::Diff>,
}

impl Reviewed {
    /// Whether it holds: it checks, its layout is canonical, and its gate (if any) passed.
    fn holds(&self) -> (bool, bool) {
        let ok = self.errors == 0 && self.canonical && self.compared != "failed";
        let gate = self
            .diff
            .as_ref()
            .and_then(|d| d.gate.as_ref())
            .is_none_or(|g| g.passed);
        (ok, gate)
    }
}

/// The layout check of a text: canonical, or what `fmt` would change (CRLF kept).
fn canonical(text: &str) -> bool {
    let normalized = text.replace("\r\n", "\n");
    match metodika::syntax::parse(&normalized) {
        Ok(m) => metodika::fmt::format(&m, &normalized) == normalized,
        Err(_) => false,
    }
}

/// Check a methodology as `check` does: its diagnostics on standard error; the counts.
fn check(spec: &str, color: bool) -> (usize, usize) {
    let Ok(source) = metodika::source::open(spec) else {
        return (1, 0);
    };
    let opts = metodika::load::options_for(&source.path);
    match metodika::load::load_file(&source.path, &opts) {
        Err(d) => {
            super::commands::print_diags(&[*d], &metodika::diag::SourceFile::new(spec, ""), color);
            (1, 0)
        }
        Ok(l) => {
            super::commands::print_loaded(&l, color);
            let errors = l.all().filter(|(_, d)| d.is_error()).count();
            (errors, l.all().count() - errors)
        }
    }
}

pub fn review(a: ReviewArgs, color: bool) -> i32 {
    let head = match (a.staged, a.head) {
        (true, _) => Head::Index,
        (false, Some(r)) => Head::Rev(r),
        (false, None) => Head::Tree,
    };
    let root = match git(&["rev-parse", "--show-toplevel"]) {
        Ok(o) => PathBuf::from(String::from_utf8_lossy(&o).trim()),
        Err(e) => {
            return super::commands::fail(&t("review-not-a-repository", &[("why", e.into())]))
        }
    };
    for rev in std::iter::once(a.base).chain(a.head) {
        if !metodika::source::has_revision(rev) {
            return super::commands::fail(&format!(
                "{} {}",
                t("git-no-rev", &[("rev", rev.into())]),
                metodika::source::revision_hint(rev)
            ));
        }
    }
    let (touched, all) = match (changed(a.base, head), methodologies(head)) {
        (Ok(c), Ok(m)) => (c, m),
        (Err(e), _) | (_, Err(e)) => return super::commands::fail(&e),
    };
    // PATHS: the methodologies under them only
    let here = prefix();
    let wanted: Vec<PathBuf> = a
        .paths
        .iter()
        .filter_map(|p| normalize(&here.join(p)))
        .collect();
    // (every methodology counts for the chains; PATHS choose which are reviewed)
    let under = |m: &Path| wanted.is_empty() || wanted.iter().any(|w| m.starts_with(w));
    // why each methodology is affected: its file, its data, its base (to the fixpoint)
    let read: BTreeMap<PathBuf, Reads> = all
        .iter()
        .filter_map(|m| Some((m.clone(), reads(m, &head.read(m, &root)?))))
        .collect();
    let mut why: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for (m, r) in &read {
        let mut reasons = Vec::new();
        if touched.contains(m) {
            reasons.push(t("review-why-changed", &[]));
        }
        let data: Vec<String> = touched
            .iter()
            .filter(|f| {
                r.files.contains(f)
                    || r.templates.iter().any(|(dir, before, after)| {
                        f.parent() == Some(dir.as_path())
                            && f.file_name().is_some_and(|n| {
                                let n = n.to_string_lossy();
                                n.strip_prefix(before.as_str())
                                    .and_then(|y| y.strip_suffix(after.as_str()))
                                    .is_some_and(|y| {
                                        y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())
                                    })
                            })
                    })
            })
            .map(|f| f.display().to_string())
            .collect();
        if !data.is_empty() {
            reasons.push(t("review-why-data", &[("files", data.join(", ").into())]));
        }
        if !reasons.is_empty() {
            why.insert(m.clone(), reasons);
        }
    }
    loop {
        let mut more = Vec::new();
        for (m, r) in &read {
            if let Some(base) = &r.extends {
                if why.contains_key(base)
                    && !why
                        .get(m)
                        .is_some_and(|w| w.iter().any(|x| x.contains(&base.display().to_string())))
                {
                    more.push((
                        m.clone(),
                        t(
                            "review-why-base",
                            &[("base", base.display().to_string().into())],
                        ),
                    ));
                }
            }
        }
        if more.is_empty() {
            break;
        }
        for (m, reason) in more {
            why.entry(m).or_default().push(reason);
        }
    }
    // each affected methodology: layout, rules, what it does
    let mut reviewed = Vec::new();
    let up = prefix().components().count();
    for (m, reasons) in why.into_iter().filter(|(m, _)| under(m)) {
        let spec = head.spec(&m, up);
        let text = head.read(&m, &root).unwrap_or_default();
        let (errors, warnings) = check(&spec, color);
        let compared = match errors {
            0 => compare(
                &format!("git:{}:/{}", a.base, m.display()),
                &spec,
                Default::default(),
                a.rules,
                color,
            ),
            _ => Compared::Failed(1),
        };
        let (compared, diff) = match compared {
            Compared::Diff(d, _) => ("diff", Some(*d)),
            Compared::New(..) => ("new", None),
            Compared::BaseBroken(..) => ("base-broken", None),
            Compared::Failed(_) => ("failed", None),
        };
        reviewed.push(Reviewed {
            path: m.display().to_string(),
            reasons,
            canonical: canonical(&text),
            errors,
            warnings,
            compared,
            diff,
        });
    }
    let title = t(
        "review-title",
        &[("base", a.base.into()), ("head", head.words().into())],
    );
    let text = match a.format {
        ReviewFormat::Json => json(&title, a.base, &head.words(), &reviewed),
        ReviewFormat::Markdown => markdown(&title, &reviewed, a.top),
        ReviewFormat::Table => table(&title, &reviewed, a.top),
        ReviewFormat::Sarif => sarif(&reviewed),
        ReviewFormat::Html => match html(&title, &reviewed, a.top) {
            Ok(page) => page,
            Err(e) => return super::commands::fail(&e),
        },
    };
    out(&text);
    let ok = reviewed.iter().all(|r| r.holds().0);
    let gate = reviewed.iter().all(|r| r.holds().1);
    match (ok, gate) {
        (false, _) => 1,
        (true, false) => 3,
        (true, true) => 0,
    }
}

/// A methodology's line in the summary: its cells.
fn summary_cells(r: &Reviewed) -> Vec<String> {
    let title = r
        .diff
        .as_ref()
        .map(|d| d.new_title.clone())
        .unwrap_or_default();
    let name = match title.is_empty() {
        true => r.path.clone(),
        false => format!("{title} ({})", r.path),
    };
    let periods = r.diff.as_ref().map(|d| {
        let p = |s: &metodika::diff::SideInfo| s.period.clone().unwrap_or_else(|| "—".into());
        match p(&d.old_side) == p(&d.new_side) {
            true => p(&d.new_side),
            false => format!("{} → {}", p(&d.old_side), p(&d.new_side)),
        }
    });
    let state = match (r.errors, r.canonical) {
        (0, true) => t("review-ok", &[]),
        (0, false) => t("review-not-canonical", &[]),
        (n, _) => metodika::i18n::count("count-errors", n as f64),
    };
    let (moved, largest, zones, out_in, gate) = match &r.diff {
        Some(d) => {
            let s = &d.summary;
            (
                (s.up + s.down).to_string(),
                metodika::report::fmt_num(s.max_move),
                s.zone_changes.len().to_string(),
                (s.left.len() + s.entered.len()).to_string(),
                match &d.gate {
                    Some(g) if g.passed => t("review-gate-passed", &[]),
                    Some(_) => t("review-gate-failed", &[]),
                    None => "—".into(),
                },
            )
        }
        None => (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
    };
    let changes = match (r.compared, &r.diff) {
        (_, Some(d)) => d.changes.len().to_string(),
        ("new", _) => t("review-new", &[]),
        ("base-broken", _) => t("review-base-broken", &[]),
        _ => t("review-failed", &[]),
    };
    vec![
        name,
        r.reasons.join("; "),
        periods.unwrap_or_default(),
        changes,
        moved,
        largest,
        zones,
        out_in,
        state,
        gate,
    ]
}

fn heads() -> Vec<String> {
    [
        "review-col-methodology",
        "review-col-why",
        "review-col-periods",
        "review-col-changes",
        "review-col-moved",
        "review-col-largest",
        "review-col-zones",
        "review-col-out-in",
        "review-col-check",
        "review-col-gate",
    ]
    .iter()
    .map(|id| t(id, &[]))
    .collect()
}

const RIGHT: [bool; 10] = [
    false, false, false, true, true, true, true, true, false, false,
];

fn markdown(title: &str, reviewed: &[Reviewed], top: Option<usize>) -> String {
    let mut out = format!("## {title}\n\n");
    if reviewed.is_empty() {
        out.push_str(&t("review-none", &[]));
        out.push('\n');
        return out;
    }
    let passed = reviewed.iter().all(|r| r.holds() == (true, true));
    out.push_str(&format!(
        "**{}**\n\n",
        t(
            if passed {
                "review-verdict-passed"
            } else {
                "review-verdict-failed"
            },
            &[]
        )
    ));
    let rows: Vec<Vec<String>> = reviewed.iter().map(summary_cells).collect();
    let h = heads();
    let h: Vec<&str> = h.iter().map(String::as_str).collect();
    out.push_str(&metodika::report::table::markdown(&h, &rows, &RIGHT));
    for r in reviewed {
        out.push_str(&format!(
            "\n<details><summary>{}</summary>\n\n",
            metodika::report::ranking::md_escape_prose(&summary_cells(r)[0])
        ));
        match &r.diff {
            Some(d) => out.push_str(&metodika::report::diff::render_diff_top(
                d,
                metodika::report::Format::Markdown,
                top,
            )),
            None => out.push_str(&format!("{}\n", summary_cells(r)[3])),
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn table(title: &str, reviewed: &[Reviewed], top: Option<usize>) -> String {
    let mut out = format!("{title}\n\n");
    if reviewed.is_empty() {
        out.push_str(&t("review-none", &[]));
        out.push('\n');
        return out;
    }
    let rows: Vec<Vec<String>> = reviewed.iter().map(summary_cells).collect();
    let h = heads();
    let h: Vec<&str> = h.iter().map(String::as_str).collect();
    out.push_str(&metodika::report::table::aligned(&h, &rows, &RIGHT));
    for r in reviewed.iter() {
        if let Some(d) = &r.diff {
            out.push_str(&format!("\n== {}\n", r.path));
            out.push_str(&metodika::report::diff::render_diff_top(
                d,
                metodika::report::Format::Table,
                top,
            ));
        }
    }
    out
}

fn json(title: &str, base: &str, head: &str, reviewed: &[Reviewed]) -> String {
    let v = serde_json::json!({
        "title": title,
        "base": base,
        "head": head,
        "passed": reviewed.iter().all(|r| r.holds() == (true, true)),
        "methodologies": reviewed,
    });
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

/// SARIF 2.1.0 for review tools: see [`super::annotate::diff_sarif`].
fn sarif(reviewed: &[Reviewed]) -> String {
    let diffs: Vec<(String, &metodika::diff::Diff)> = reviewed
        .iter()
        .filter_map(|r| Some((r.path.clone(), r.diff.as_ref()?)))
        .collect();
    super::annotate::diff_sarif(&diffs)
}

/// The review as a page: the summary table, each methodology's comparison folded below.
fn html(title: &str, reviewed: &[Reviewed], top: Option<usize>) -> Result<String, String> {
    let passed = reviewed.iter().all(|r| r.holds() == (true, true));
    let verdict = match (reviewed.is_empty(), passed) {
        (true, _) => t("review-none", &[]),
        (false, true) => t("review-verdict-passed", &[]),
        (false, false) => t("review-verdict-failed", &[]),
    };
    let sections = reviewed
        .iter()
        .filter_map(|r| {
            let d = r.diff.as_ref()?;
            let mut s = metodika::report::diff::review_parts(d, top);
            s.name = summary_cells(r)[0].clone();
            Some(s)
        })
        .collect();
    metodika::report::html::review_html(
        title,
        (passed, &verdict),
        (heads(), reviewed.iter().map(summary_cells).collect()),
        sections,
    )
}
