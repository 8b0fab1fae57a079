//! `metodika uncertainty`: the methodology replicated with the choices of its
//! `uncertainty` block drawn anew.

use super::commands::{
    fail, finish_output, load_checked, options, out_format, output_target, print_notes, run_failed,
    with_period, write_output,
};
use super::OutFormat;
use metodika::engine;
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

pub fn uncertainty(a: UncertaintyArgs, color: bool) -> i32 {
    let mut opts = match options(a.file, a.inputs) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let Some(m) = load_checked(a.file, &opts, color) else {
        return 1;
    };
    if let Err(e) = with_period(&m, &mut opts, a.period) {
        return fail(&e);
    }
    if a.naive {
        opts.dense = Some(false);
    }
    if m.uncertainty.is_none() {
        return fail(&format!(
            "{}: the methodology has no `uncertainty` block to draw from (docs/uncertainty.md: `uncertainty {{ weights +-20% }}`)",
            a.file.display()
        ));
    }
    if let Some(0) = a.runs {
        return fail("`--runs 0`: give at least one replication");
    }
    if a.runs
        .is_some_and(|r| r > metodika::check::uncertainty::MAX_RUNS)
    {
        return fail(&format!(
            "`--runs`: at most {} replications",
            metodika::check::uncertainty::MAX_RUNS
        ));
    }
    let output = match output_target(a.file, &m, &opts, a.output) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    // a progress bar on a terminal, once the work has taken a second
    let total = a
        .runs
        .unwrap_or(m.uncertainty.as_ref().map_or(0, |u| u.runs));
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::hidden(),
    );
    let start = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let shown = std::sync::atomic::AtomicBool::new(false);
    let progress = |done: usize| {
        if terminal
            && start.elapsed() > Duration::from_secs(1)
            && !shown.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_position(done as u64);
    };
    let reps = match engine::uncertainty::replicate(&m, &opts, a.runs, a.seed, &progress) {
        Ok(r) => r,
        Err(e) => return run_failed(&e, a.format),
    };
    bar.finish_and_clear();
    print_notes(&reps.notes);
    let text = report::render_uncertainty(&m.title, &reps, a.top, out_format(a.format));
    let written = write_output(output.as_ref(), |w| w.write_all(text.as_bytes()));
    finish_output(
        written,
        output,
        &format!("{} replications", reps.runs.len()),
    )
}
