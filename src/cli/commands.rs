pub use super::checking::{expand, fmt};
use super::emit::{
    binary_ok, bytes, finish_output, out_format, output_target, page_ok, write_made, write_output,
};
use super::{Emit, OutFormat};
use metodika::check::Methodology;
use metodika::diag::{self, Diagnostic, RenderOptions, SourceFile};
use metodika::engine::{self, RunOptions};
use metodika::i18n::t;
use metodika::load::{self, Loaded};
use metodika::report;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) fn render_opts(color: bool) -> RenderOptions {
    RenderOptions { color, width: 100 }
}

/// `--input NAME=PATH` pairs.
fn parse_inputs(pairs: &[String]) -> Result<Vec<(String, PathBuf)>, String> {
    pairs
        .iter()
        .map(|p| match p.split_once('=') {
            Some((n, v)) if !n.is_empty() && !v.is_empty() => Ok((n.to_string(), PathBuf::from(v))),
            _ => Err(t("cli-input-pair", &[("found", p.into())])),
        })
        .collect()
}

/// `--allow-outside`, set once from the command line.
pub static ALLOW_OUTSIDE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(super) fn options(file: &Path, inputs: &[String]) -> Result<RunOptions, String> {
    let mut opts = load::options_for(file);
    opts.allow_outside = ALLOW_OUTSIDE.load(std::sync::atomic::Ordering::Relaxed);
    opts.profile = std::env::var_os("METODIKA_PROFILE").is_some();
    for (n, p) in parse_inputs(inputs)? {
        opts.inputs.insert(n, p);
    }
    Ok(opts)
}

pub(super) fn print_diags(diags: &[Diagnostic], file: &SourceFile, color: bool) {
    let text = diag::render_all(diags, file, render_opts(color));
    eprint!("{text}");
}

pub(super) fn fail(msg: &str) -> i32 {
    eprintln!("{}: {msg}", t("diag-error", &[]));
    2
}

/// Load and check, printing diagnostics; the methodology when there is no error.
pub(super) fn load_checked(file: &Path, opts: &RunOptions, color: bool) -> Option<Methodology> {
    load_checked_whole(file, opts, color).and_then(|l| l.methodology)
}

/// As [`load_checked`], keeping what was loaded (the module, the `extends` chain) beside
/// the checked methodology, which it holds.
pub(super) fn load_checked_whole(file: &Path, opts: &RunOptions, color: bool) -> Option<Loaded> {
    match load::load_file(file, opts) {
        Err(d) => {
            print_diags(
                &[*d],
                &SourceFile::new(metodika::source::shown_name(file), ""),
                color,
            );
            None
        }
        Ok(l) => {
            print_loaded(&l, color);
            if l.has_errors() {
                let n = l.all().filter(|(_, d)| d.is_error()).count();
                eprintln!(
                    "{}: {}",
                    metodika::source::shown_name(file),
                    metodika::i18n::t(
                        "check-nothing-run",
                        &[(
                            "errors",
                            metodika::i18n::count("count-errors", n as f64).into()
                        )]
                    )
                );
            }
            l.methodology.is_some().then_some(l)
        }
    }
}

/// The diagnostics of a loaded file: those of the files it extends first, each with its
/// own file, then its own.
pub(super) fn print_loaded(l: &Loaded, color: bool) {
    for (file, ds) in &l.others {
        print_diags(ds, file, color);
    }
    if !l.diagnostics.is_empty() {
        print_diags(&l.diagnostics, &l.file, color);
    }
}

/// Standard output's first write error (a full disk), reported once before exiting.
static STDOUT_ERROR: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Print to standard output; a failure is remembered for [`stdout_status`] (a closed
/// pipe ends the process quietly before that: SIGPIPE, set in `main`).
pub fn out(text: &str) {
    let mut o = std::io::stdout().lock();
    if let Err(e) = o.write_all(text.as_bytes()).and_then(|_| o.flush()) {
        remember_stdout_error(&e);
    }
}

pub(super) fn remember_stdout_error(e: &std::io::Error) {
    let mut slot = STDOUT_ERROR.lock().unwrap_or_else(|p| p.into_inner());
    slot.get_or_insert_with(|| e.to_string());
}

/// The exit code once everything is printed: 1 with a message when standard output
/// could not be written.
pub fn stdout_status(code: i32) -> i32 {
    let _ = std::io::stdout().flush();
    match STDOUT_ERROR
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
    {
        Some(e) => {
            eprintln!(
                "{}: {}",
                t("diag-error", &[]),
                t("cli-stdout", &[("why", e.to_string().into())])
            );
            code.max(1)
        }
        None => code,
    }
}

/// What reading the inputs assumed (an encoding told from the text), to stderr.
pub(super) fn print_notes(notes: &[metodika::notes::Note]) {
    for n in notes {
        print_note(n.warning, &n.text());
    }
}

/// A note of a run on standard error, `warning:` or `note:` in the user's language.
fn print_note(warning: bool, text: &str) {
    let text = metodika::diag::visible_controls(text);
    match warning {
        true => eprintln!("{}: {text}", t("diag-warning", &[])),
        false => eprintln!("{}: {text}", t("diag-note", &[])),
    }
}

/// `METODIKA_PROFILE=1`: the time of each node of the plan, on standard error.
fn print_profile(lines: &[String]) {
    for l in lines {
        eprintln!("{l}");
    }
}

/// `--period P`: the period of the methodology's scheme that P names.
pub(super) fn with_period(
    m: &Methodology,
    opts: &mut RunOptions,
    period: Option<&str>,
) -> Result<(), String> {
    let Some(text) = period else {
        return Ok(());
    };
    let Some(scheme) = m.period else {
        return Err(t(
            "cli-no-periods",
            &[("option", format!("--period {text}").into())],
        ));
    };
    opts.period = Some(metodika::periods::Period::parse(text, scheme)?);
    Ok(())
}

/// `run --periods FIRST..LAST`: the methodology run for each period, as one panel.
pub fn panel(
    file: &Path,
    inputs: &[String],
    format: OutFormat,
    output: Option<&Path>,
    range: &str,
    detail: bool,
    color: bool,
) -> i32 {
    let what = t("cli-a-panel", &[]);
    if let Err(e) = binary_ok(format, output).and_then(|_| page_ok(format, &what)) {
        return fail(&e);
    }
    let mut opts = match options(file, inputs) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let Some(m) = load_checked(file, &opts, color) else {
        return 1;
    };
    let Some(scheme) = m.period else {
        return fail(&t(
            "cli-no-periods",
            &[("option", format!("--periods {range}").into())],
        ));
    };
    let Some((a, b)) = range.split_once("..") else {
        return fail(&t(
            "cli-periods-range",
            &[
                ("range", range.into()),
                ("example", scheme.every.example().into()),
            ],
        ));
    };
    let (first, last) = match (
        metodika::periods::Period::parse(a, scheme),
        metodika::periods::Period::parse(b, scheme),
    ) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let Some(list) = first.through(&last) else {
        return fail(&t(
            "cli-periods-too-many",
            &[
                ("range", range.into()),
                ("max", metodika::periods::Period::MAX_PANEL.into()),
            ],
        ));
    };
    if list.len() < 2 {
        return fail(&t("cli-periods-order", &[("range", range.into())]));
    }
    let output = match output_target(file, &m, &opts, output) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let mut periods = Vec::new();
    // each note once, with the periods it was given for
    let mut notes: Vec<(metodika::notes::Note, Vec<String>)> = Vec::new();
    for p in list {
        opts.period = Some(p);
        match engine::run_with(&m, &opts, false) {
            Ok(r) => {
                for n in &r.notes {
                    match notes.iter_mut().find(|(text, _)| text == n) {
                        Some((_, ps)) => ps.push(p.to_string()),
                        None => notes.push((n.clone(), vec![p.to_string()])),
                    }
                }
                periods.push((p.to_string(), r));
            }
            Err(e) => return run_failed(&e, format),
        }
    }
    for (n, ps) in &notes {
        print_note(n.warning, &format!("{}: {n}", ps.join(", ")));
    }
    let panel = report::Panel {
        title: m.title.clone(),
        periods,
        detail,
    };
    let text = report::render_panel(&panel, out_format(format));
    let written = write_made(output.as_ref(), bytes(format, &text, "panel"));
    finish_output(
        written,
        output,
        &metodika::i18n::count("count-periods", panel.periods.len() as f64),
    )
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    file: &Path,
    inputs: &[String],
    format: OutFormat,
    output: Option<&Path>,
    detail: bool,
    emit: Emit,
    period: Option<&str>,
    color: bool,
) -> i32 {
    if let Err(e) = binary_ok(format, output) {
        return fail(&e);
    }
    let mut opts = match options(file, inputs) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    metodika::timing::init();
    let Some(m) = load_checked(file, &opts, color) else {
        return 1;
    };
    if let Err(e) = with_period(&m, &mut opts, period) {
        return fail(&e);
    }
    metodika::timing::mark("methodology checked");
    if emit == Emit::Plan {
        return match engine::describe_plan(&m, &opts) {
            Ok(p) => {
                out(&format!("{p}\n"));
                0
            }
            Err(e) => run_failed(&e, format),
        };
    }
    // Where the output goes, checked before the run: never onto the run's own files.
    let output = match output_target(file, &m, &opts, output) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let (written, n) = if matches!(format, OutFormat::Csv | OutFormat::Xlsx) {
        // Written row by row from the run's columns: a million regions need no more
        // memory than the run itself (a workbook's rows go to a temporary file as they
        // are written, and the workbook is held compressed).
        let cols = match engine::run_columns(&m, &opts, detail) {
            Ok(c) => c,
            Err(e) => return run_failed(&e, format),
        };
        print_notes(&cols.meta.notes);
        print_profile(&cols.meta.profile);
        let written = if format == OutFormat::Xlsx {
            let made =
                report::xlsx::ranking_workbook(&cols, &m, detail, engine::chosen_period(&m, &opts))
                    .map(Into::into);
            write_made(output.as_ref(), made)
        } else {
            write_output(output.as_ref(), |w| report::write_csv(&cols, detail, w))
        };
        let n = cols.len();
        // The process ends soon: the system takes the columns back at once, faster than
        // freeing them one by one (tens of milliseconds for a million regions).
        std::mem::forget(cols);
        (written, n)
    } else {
        // a page explains every region: it needs each indicator's steps
        let ranking = match engine::run_with(&m, &opts, detail || format == OutFormat::Html) {
            Ok(r) => r,
            Err(e) => return run_failed(&e, format),
        };
        print_notes(&ranking.notes);
        print_profile(&ranking.profile);
        let made = if format == OutFormat::Xlsx {
            report::xlsx::ranking_workbook(&ranking, &m, detail, engine::chosen_period(&m, &opts))
                .map(Into::into)
        } else if format == OutFormat::Html {
            let period = opts.period.map(|p| p.to_string());
            report::html::ranking_html(&m, &ranking, period.as_deref(), &ranking.notes)
                .map(|s| s.into_bytes().into())
        } else if format == OutFormat::CsvExcel {
            // for people: the methodology's titles over its columns
            let text = report::render(&ranking, out_format(format), detail);
            let lang = report::people::lang(&m.title);
            Ok(report::excel::excel_csv_headed(text.as_bytes(), &|h| {
                report::people::ranking_heading(lang, &ranking, h)
            })
            .into())
        } else {
            let text = report::render(&ranking, out_format(format), detail);
            bytes(format, &text, "ranking").map(|b| b.into_owned().into())
        };
        (write_made(output.as_ref(), made), ranking.rows.len())
    };
    metodika::timing::mark("output written");
    finish_output(
        written,
        output,
        &metodika::i18n::count("count-regions", n as f64),
    )
}

/// A run that failed: its problems (each with its code, place and help) on standard
/// error, or as JSON on standard output under `--format json`; exit status 1.
pub(super) fn run_failed(e: &engine::RunError, format: OutFormat) -> i32 {
    if format == OutFormat::Json {
        let mut text = serde_json::to_string_pretty(&e.to_json()).unwrap_or_default();
        text.push('\n');
        out(&text);
    } else {
        eprintln!("{e}");
    }
    1
}

pub fn explain(
    file: &Path,
    region: &str,
    inputs: &[String],
    period: Option<&str>,
    color: bool,
) -> i32 {
    let mut opts = match options(file, inputs) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let Some(m) = load_checked(file, &opts, color) else {
        return 1;
    };
    if let Err(e) = with_period(&m, &mut opts, period) {
        return fail(&e);
    }
    let ranking = match engine::run(&m, &opts) {
        Ok(r) => r,
        Err(e) => return run_failed(&e, OutFormat::Table),
    };
    let regions: Vec<(&str, &str)> = ranking
        .rows
        .iter()
        .map(|r| (r.key.as_str(), r.label.as_str()))
        .collect();
    let key = match metodika::data::keys::find_region(&regions, region) {
        Ok(k) => k.to_string(),
        Err(several) if !several.is_empty() => {
            let list: Vec<String> = several
                .iter()
                .map(|(k, l)| metodika::data::region_name(k, Some(l)))
                .collect();
            return fail(&t(
                "cli-region-several",
                &[
                    ("query", region.into()),
                    ("regions", list.join(", ").into()),
                ],
            ));
        }
        Err(_) => {
            let names = regions.iter().flat_map(|(k, l)| [*k, *l]);
            let hint = diag::did_you_mean(region, names).unwrap_or_default();
            let msg = t("cli-no-region", &[("key", region.into())]);
            eprintln!("{}: {msg} {hint}", t("diag-error", &[]));
            return 1;
        }
    };
    match report::explain(&m, &ranking, &key) {
        Some(t) => {
            print_notes(&ranking.notes);
            out(&t);
            0
        }
        None => fail(&t("cli-no-region", &[("key", region.into())])),
    }
}

/// One side of a diff: the methodology, its run, and where its files are.
pub(super) struct Side {
    m: Methodology,
    r: engine::Ranking,
    /// What was loaded (the module and the `extends` chain): where each change is written.
    loaded: Loaded,
    path: std::path::PathBuf,
    opts: RunOptions,
    /// The source, whose copy (a `git:` source's) is read again after the run: for the
    /// period, the comparison of the data, the methodology's effect.
    _source: metodika::source::Source,
}

/// Load, check and run one side of a diff.
fn diff_side(
    spec: &str,
    inputs: &[String],
    side_inputs: &[String],
    period: Option<&str>,
    color: bool,
) -> Result<Side, i32> {
    let source = metodika::source::open(spec).map_err(|e| fail(&e))?;
    let mut all = inputs.to_vec();
    all.extend_from_slice(side_inputs);
    let mut opts = options(&source.path, &all).map_err(|e| fail(&e))?;
    let mut loaded = load_checked_whole(&source.path, &opts, color).ok_or(1)?;
    let m = loaded.methodology.take().ok_or(1)?;
    with_period(&m, &mut opts, period).map_err(|e| fail(&e))?;
    let r = engine::run(&m, &opts).map_err(|e| {
        eprintln!("{spec}:");
        run_failed(&e, OutFormat::Table)
    })?;
    Ok(Side {
        m,
        r,
        loaded,
        path: source.path.clone(),
        opts,
        _source: source,
    })
}

/// The options of `metodika diff`.
pub struct DiffArgs<'a> {
    pub old: &'a str,
    pub new: Option<&'a str>,
    pub sides: SideArgs<'a>,
    pub format: OutFormat,
    pub output: Option<&'a Path>,
    /// The gates (`--fail-on-move N`, `--fail-on-exclusion`, `--fail-on-zone-change`).
    pub rules: metodika::diff::GateRules,
    /// `--top N`: the region table of Markdown and text keeps the N largest.
    pub top: Option<usize>,
}

/// What each side of a comparison reads and for which period.
#[derive(Default, Clone, Copy)]
pub struct SideArgs<'a> {
    /// `--input` for both sides.
    pub inputs: &'a [String],
    pub old_inputs: &'a [String],
    pub new_inputs: &'a [String],
    /// `--period` (both sides) or `--old-period`.
    pub old_period: Option<&'a str>,
    /// `--period` (both sides) or `--new-period`.
    pub new_period: Option<&'a str>,
}

pub fn diff(a: DiffArgs, color: bool) -> i32 {
    if let Err(e) = binary_ok(a.format, a.output) {
        return fail(&e);
    }
    let new = a.new.unwrap_or(a.old);
    let (d, sides) = match compare(a.old, new, a.sides, a.rules, color) {
        Compared::Diff(d, sides) => (d, sides),
        Compared::New(path, rev) => {
            out(&format!(
                "{}\n",
                t(
                    "diff-new-file",
                    &[("file", path.into()), ("rev", rev.into())]
                )
            ));
            return 0;
        }
        // a change that mends a broken edition: said, and the new side holds
        Compared::BaseBroken(old, 1) => {
            out(&format!(
                "{}\n",
                t(
                    "diff-old-broken",
                    &[("old", old.into()), ("new", new.into())]
                )
            ));
            return 0;
        }
        // the base's files or data cannot be read: as a wrong command line
        Compared::BaseBroken(_, code) | Compared::Failed(code) => return code,
    };
    let (old, new) = (&sides.0, &sides.1);
    // the output may replace none of either side's files
    let output = match output_target(&old.path, &old.m, &old.opts, a.output)
        .and_then(|_| output_target(&new.path, &new.m, &new.opts, a.output))
    {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    print_notes(&old.r.notes);
    print_notes(&new.r.notes);
    let made: Result<Vec<u8>, String> = match a.format {
        OutFormat::Xlsx => report::xlsx::diff_workbook(&d),
        OutFormat::Html => report::html::diff::diff_html(&d, &new.r).map(String::into_bytes),
        OutFormat::Sarif => Ok(super::annotate::diff_sarif(&[(
            metodika::source::shown_name(&new.path),
            &*d,
        )])
        .into_bytes()),
        OutFormat::CsvExcel => {
            // for people: the columns in the new methodology's language
            let text = report::diff::render_diff_top(&d, out_format(a.format), a.top);
            let lang = report::people::lang(&new.m.title);
            // (a diff has no column by zone: no zone's title is needed)
            let heading = |h: &str| report::people::analysis_heading(lang, &[], h);
            super::emit::people_bytes(a.format, &text, "", &heading).map(|b| b.into_owned())
        }
        _ => {
            let text = report::diff::render_diff_top(&d, out_format(a.format), a.top);
            bytes(a.format, &text, "diff").map(|b| b.into_owned())
        }
    };
    let made = match made {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "{}: {}",
                t("diag-error", &[]),
                t("cli-nothing-written", &[("why", e.into())])
            );
            return 1;
        }
    };
    let written = write_output(output.as_ref(), |w| w.write_all(&made));
    let code = finish_output(
        written,
        output,
        &metodika::i18n::count("count-regions", d.regions.len() as f64),
    );
    if code != 0 {
        return code;
    }
    match &d.gate {
        Some(g) if !g.passed => {
            eprintln!(
                "{}",
                t("gate-failed", &[("rules", g.rules.join(" ").into())])
            );
            for r in &g.reasons {
                eprintln!("  {}", metodika::diag::visible_controls(r));
            }
            3
        }
        _ => 0,
    }
}

/// What comparing two editions gave.
pub(super) enum Compared {
    /// The diff, its gate applied, and the two sides it compared.
    Diff(Box<metodika::diff::Diff>, Box<(Side, Side)>),
    /// The file is not at the base revision (its path, the revision): a new methodology;
    /// the new edition checked and ran.
    New(String, String),
    /// The base's edition (its source, as followed) does not check (exit status 1), read
    /// or run (said on standard error). Where it does not check, the new one checks and
    /// runs; otherwise the new one is not tried.
    BaseBroken(String, i32),
    /// The new edition does not check, read or run (said on standard error): the exit
    /// status.
    Failed(i32),
}

/// Compare `old` with `new`, as `diff` and `review` do: an `old` at a revision followed
/// through a rename (said in a note), or found new there; a base that does not check
/// told apart from a new edition that does not; the gate of `rules` applied.
pub(super) fn compare(
    old: &str,
    new: &str,
    sides: SideArgs,
    rules: metodika::diff::GateRules,
    color: bool,
) -> Compared {
    let new_side = |color| diff_side(new, sides.inputs, sides.new_inputs, sides.new_period, color);
    let mut old_spec = old.to_string();
    if let Some((rev, path)) = metodika::source::git_path(old) {
        if metodika::source::has_revision(&rev) && !metodika::source::exists_at(&rev, &path) {
            match metodika::source::renamed_from(&rev, &path) {
                Some(before) => {
                    eprintln!(
                        "{}: {}",
                        t("diag-note", &[]),
                        t(
                            "diff-renamed",
                            &[
                                ("old", before.display().to_string().into()),
                                ("new", path.display().to_string().into()),
                                ("rev", rev.as_str().into()),
                            ]
                        )
                    );
                    old_spec = format!("git:{rev}:/{}", before.display());
                }
                None => {
                    return match new_side(color) {
                        Ok(_) => Compared::New(path.display().to_string(), rev),
                        Err(code) => Compared::Failed(code),
                    }
                }
            }
        }
    }
    // the base first: a revision that is not here is said before anything runs
    let old_side = match diff_side(
        &old_spec,
        sides.inputs,
        sides.old_inputs,
        sides.old_period,
        color,
    ) {
        Ok(x) => x,
        // errors in the base: the change may mend them, if the new edition holds
        Err(1) => {
            return match new_side(color) {
                Ok(_) => Compared::BaseBroken(old_spec, 1),
                Err(code) => Compared::Failed(code),
            }
        }
        Err(code) => return Compared::BaseBroken(old_spec, code),
    };
    let new_side = match new_side(color) {
        Ok(x) => x,
        Err(code) => return Compared::Failed(code),
    };
    let mut d = metodika::diff::diff(&old_side.m, &old_side.r, &new_side.m, &new_side.r);
    metodika::diff::anchor(&new_side.loaded, &mut d.changes);
    d.old_side = side_info(&old_spec, &old_side);
    d.new_side = side_info(new, &new_side);
    split_effects(&mut d, &old_side, &new_side);
    if rules.any() {
        d.gate = Some(metodika::diff::gate(&d, rules));
    }
    Compared::Diff(Box::new(d), Box::new((old_side, new_side)))
}

/// A side's source and period, as the diff says them.
fn side_info(spec: &str, side: &Side) -> metodika::diff::SideInfo {
    let period = side
        .opts
        .period
        .or_else(|| engine::chosen_period(&side.m, &side.opts));
    metodika::diff::SideInfo {
        source: spec.to_string(),
        period: period.map(|p| p.to_string()),
        window: period.map(|p| p.window_text()),
        value: period,
    }
}

/// The files each input of a side reads, by the input's name (a template's every file).
fn input_files(
    m: &Methodology,
    opts: &RunOptions,
) -> std::collections::BTreeMap<String, Vec<std::path::PathBuf>> {
    let mut out = std::collections::BTreeMap::new();
    let written = m
        .inputs
        .iter()
        .map(|i| (&i.name, &i.path))
        .chain(m.records.iter().map(|r| (&r.name, &r.path)));
    for (name, path) in written {
        let p = metodika::paths::input_path(name, path, opts);
        let files = metodika::paths::template_files(&p, None).unwrap_or_else(|_| vec![p]);
        out.insert(name.clone(), files);
    }
    out
}

/// Whether two files hold the same bytes (read a part at a time; unreadable: not the same).
fn same_bytes(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if ma.len() != mb.len() {
        return false;
    }
    let (Ok(mut fa), Ok(mut fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut ba, mut bb) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    loop {
        let n = match fa.read(&mut ba) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return true;
        }
        if fb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// Whether the sides' data differ, and, when they do, the methodology's effect and the
/// data's: the new methodology run on the old side's files and period, compared with
/// each side.
fn split_effects(d: &mut metodika::diff::Diff, old: &Side, new: &Side) {
    let (of, nf) = (
        input_files(&old.m, &old.opts),
        input_files(&new.m, &new.opts),
    );
    let files_differ = of.len() != nf.len()
        || of.iter().any(|(name, a)| {
            nf.get(name).is_none_or(|b| {
                a.len() != b.len() || a.iter().zip(b).any(|(x, y)| !same_bytes(x, y))
            })
        });
    let period_differs = d.old_side.period != d.new_side.period;
    d.data_changed = Some(files_differ || period_differs);
    // (the same methodology on both sides: every change is the data's, nothing to split)
    if !(files_differ || period_differs) || d.changes.is_empty() {
        return;
    }
    let missing: Vec<&String> = nf.keys().filter(|n| !of.contains_key(*n)).collect();
    if !missing.is_empty() {
        let names = missing
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        d.effects_unsplit = Some(t("diff-unsplit-inputs", &[("names", names.into())]));
        return;
    }
    // the new methodology, its inputs read from the old side's files, for the old period
    let mut opts = old.opts.clone();
    opts.period = match (&d.old_side.period, new.m.period) {
        (Some(p), Some(scheme)) => metodika::periods::Period::parse(p, scheme).ok(),
        _ => None,
    };
    opts.inputs = new
        .m
        .inputs
        .iter()
        .map(|i| &i.name)
        .chain(new.m.records.iter().map(|r| &r.name))
        .filter_map(|name| {
            let written = old
                .m
                .inputs
                .iter()
                .map(|i| (&i.name, &i.path))
                .chain(old.m.records.iter().map(|r| (&r.name, &r.path)))
                .find(|(n, _)| *n == name)?
                .1;
            Some((
                name.clone(),
                metodika::paths::input_path(name, written, &old.opts),
            ))
        })
        .collect();
    match engine::run(&new.m, &opts) {
        Ok(mid) => {
            let m = metodika::diff::diff(&old.m, &old.r, &new.m, &mid);
            let data = metodika::diff::diff(&new.m, &mid, &new.m, &new.r);
            d.effects = Some(metodika::diff::Effects {
                methodology: m.summary,
                data: data.summary,
            });
        }
        Err(e) => {
            let why = e.to_string();
            let first = why.lines().next().unwrap_or("").to_string();
            d.effects_unsplit = Some(t("diff-unsplit-run", &[("why", first.into())]));
        }
    }
}
