//! `metodika uncertainty`: the methodology replicated with the choices of its
//! `uncertainty` block drawn anew.

use super::commands::{fail, load_checked, options, print_notes, run_failed, with_period};
use super::emit::{
    binary_ok, finish_output, out_format, output_target, page_ok, people_bytes, write_made,
};
use super::OutFormat;
use metodika::engine;
use metodika::i18n::t;
use metodika::report;
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

/// The options of `metodika uncertainty`.
pub struct UncertaintyArgs<'a> {
    pub file: &'a Path,
    pub inputs: &'a [String],
    pub format: OutFormat,
    pub output: Option<&'a Path>,
    pub runs: Option<usize>,
    pub seed: Option<u64>,
    pub top: usize,
    pub period: Option<&'a str>,
    pub naive: bool,
}

/// The checked methodology and its options for an analysis, or the exit status.
fn analysed(
    file: &Path,
    inputs: &[String],
    period: Option<&str>,
    color: bool,
) -> Result<(metodika::check::Methodology, metodika::engine::RunOptions), i32> {
    let mut opts = options(file, inputs).map_err(|e| fail(&e))?;
    let m = load_checked(file, &opts, color).ok_or(1)?;
    with_period(&m, &mut opts, period).map_err(|e| fail(&e))?;
    Ok((m, opts))
}

pub fn uncertainty(a: UncertaintyArgs, color: bool) -> i32 {
    if let Err(e) = binary_ok(a.format, a.output) {
        return fail(&e);
    }
    let (m, mut opts) = match analysed(a.file, a.inputs, a.period, color) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if a.naive {
        opts.dense = Some(false);
    }
    if m.uncertainty.is_none() {
        return fail(&t(
            "cli-no-uncertainty",
            &[("file", a.file.display().to_string().into())],
        ));
    }
    if let Some(0) = a.runs {
        return fail(&t("cli-runs-zero", &[]));
    }
    if a.runs
        .is_some_and(|r| r > metodika::check::uncertainty::MAX_RUNS)
    {
        return fail(&t(
            "cli-runs-max",
            &[("n", (metodika::check::uncertainty::MAX_RUNS as u64).into())],
        ));
    }
    let output = match output_target(a.file, &m, &opts, a.output) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let total = a
        .runs
        .unwrap_or(m.uncertainty.as_ref().map_or(0, |u| u.runs));
    let (bar, progress) = progress_bar(total);
    // (tallied as they come: the memory of a million replications is that of a few thousand)
    let reps = match engine::uncertainty::replicate_tallied(&m, &opts, a.runs, a.seed, &progress) {
        Ok(r) => r,
        Err(e) => return run_failed(&e, a.format),
    };
    bar.finish_and_clear();
    print_notes(&reps.notes);
    let made = if a.format == OutFormat::Html {
        report::html::uncertainty::uncertainty_html(&m.title, &reps, a.top)
            .map(|s| s.into_bytes().into())
    } else {
        let text = report::render_uncertainty(&m.title, &reps, a.top, out_format(a.format));
        // for people: the columns in the methodology's language
        let lang = report::people::lang(&m.title);
        let heading = |h: &str| report::people::analysis_heading(lang, &reps.zones, h);
        let sheet = metodika::i18n::t_in(lang, "people-sheet-uncertainty", &[]);
        people_bytes(a.format, &text, &sheet, &heading).map(|b| b.into_owned().into())
    };
    let written = write_made(output.as_ref(), made);
    finish_output(
        written,
        output,
        &metodika::i18n::count("count-replications", reps.tally.runs as f64),
    )
}

/// The options of `metodika sensitivity`.
pub struct SensitivityArgs<'a> {
    pub file: &'a Path,
    pub inputs: &'a [String],
    pub format: OutFormat,
    pub output: Option<&'a Path>,
    pub runs: usize,
    pub seed: Option<u64>,
    pub region: Option<&'a str>,
    pub period: Option<&'a str>,
}

/// The most rows a sensitivity design may have.
const MAX_ROWS: usize = 1_000_000;

pub fn sensitivity(a: SensitivityArgs, color: bool) -> i32 {
    if let Err(e) = binary_ok(a.format, a.output).and_then(|_| page_ok(a.format, "`sensitivity`")) {
        return fail(&e);
    }
    let (m, opts) = match analysed(a.file, a.inputs, a.period, color) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let Some(u) = &m.uncertainty else {
        return fail(&t(
            "cli-no-uncertainty-sensitivity",
            &[("file", a.file.display().to_string().into())],
        ));
    };
    let d = engine::uncertainty::factors(&m, u).len();
    if d == 0 {
        return fail(&t("cli-varies-nothing", &[]));
    }
    if !(2..=MAX_ROWS).contains(&a.runs) || a.runs.saturating_mul(d + 2) > 10 * MAX_ROWS {
        return fail(&t(
            "cli-design-runs",
            &[
                ("runs", a.runs.to_string().into()),
                ("rows", (MAX_ROWS as u64).into()),
                ("all", (10 * MAX_ROWS).to_string().into()),
                ("choices", d.to_string().into()),
                ("per", (d + 2).to_string().into()),
            ],
        ));
    }
    let output = match output_target(a.file, &m, &opts, a.output) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let (bar, progress) = progress_bar(a.runs * (d + 2));
    let s = match engine::sensitivity::sensitivity(&m, &opts, a.runs, a.seed, a.region, &progress) {
        Ok(s) => s,
        Err(e) => return run_failed(&e, a.format),
    };
    bar.finish_and_clear();
    print_notes(&s.notes);
    let lang = report::people::lang(&m.title);
    let text = match a.format {
        // for people: each choice in words, the columns in the methodology's language
        OutFormat::CsvExcel | OutFormat::Xlsx => {
            metodika::i18n::with_lang(lang, || report::sensitivity::people_csv(&s))
        }
        _ => report::render_sensitivity(&m.title, &s, out_format(a.format)),
    };
    let heading = |h: &str| report::people::analysis_heading(lang, &[], h);
    let sheet = metodika::i18n::t_in(lang, "people-sheet-sensitivity", &[]);
    let written = write_made(
        output.as_ref(),
        people_bytes(a.format, &text, &sheet, &heading),
    );
    finish_output(
        written,
        output,
        &metodika::i18n::count("count-runs", s.y.len() as f64),
    )
}

/// A progress bar on a terminal's standard error, shown once the work has taken a
/// second (none when standard error is not a terminal), and the callback that moves it.
fn progress_bar(total: usize) -> (indicatif::ProgressBar, impl Fn(usize) + Sync) {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::hidden(),
    );
    let start = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let shown = std::sync::atomic::AtomicBool::new(false);
    let b = bar.clone();
    let progress = move |done: usize| {
        if terminal
            && start.elapsed() > Duration::from_secs(1)
            && !shown.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            b.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        b.set_position(done as u64);
    };
    (bar, progress)
}

/// The options of `metodika audit`.
pub struct AuditArgs<'a> {
    pub file: &'a Path,
    pub inputs: &'a [String],
    pub format: OutFormat,
    pub table: report::audit::Table,
    pub output: Option<&'a Path>,
    pub period: Option<&'a str>,
}

/// `metodika audit`: the statistical audit of a methodology's run.
pub fn audit(a: AuditArgs, color: bool) -> i32 {
    if let Err(e) = binary_ok(a.format, a.output) {
        return fail(&e);
    }
    let (m, opts) = match analysed(a.file, a.inputs, a.period, color) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let output = match output_target(a.file, &m, &opts, a.output) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let runs = match engine::audit::runs(&m, &opts) {
        Ok(r) => r,
        Err(e) => return run_failed(&e, a.format),
    };
    let audit = metodika::audit::audit(&m, &runs);
    print_notes(&audit.notes);
    let lang = report::people::lang(&m.title);
    let made: Result<std::borrow::Cow<[u8]>, String> = match a.format {
        // for people: titles rather than names, in the methodology's language
        OutFormat::Xlsx => {
            metodika::i18n::with_lang(lang, || report::audit::workbook(&audit)).map(Into::into)
        }
        OutFormat::CsvExcel => {
            let text =
                metodika::i18n::with_lang(lang, || report::audit::people_csv(&audit, a.table));
            let heading = |h: &str| report::audit::heading(lang, h);
            people_bytes(a.format, &text, "", &heading).map(|b| b.into_owned().into())
        }
        OutFormat::Html => report::html::audit::audit_html(&audit).map(|s| s.into_bytes().into()),
        OutFormat::Csv => Ok(report::audit::csv(&audit, a.table).into_bytes().into()),
        f => Ok(report::audit::render_audit(&audit, out_format(f))
            .into_bytes()
            .into()),
    };
    let written = write_made(output.as_ref(), made);
    finish_output(
        written,
        output,
        &metodika::i18n::count("count-audited", audit.ranked as f64),
    )
}
