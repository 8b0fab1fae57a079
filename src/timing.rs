//! Phase timings for profiling: with `METODIKA_TIMINGS=1` in the environment, each phase
//! of a command prints its wall time and the process's peak memory so far to stderr.

use std::sync::OnceLock;
use std::time::Instant;

fn start() -> Option<&'static Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    START
        .get_or_init(|| std::env::var_os("METODIKA_TIMINGS").map(|_| Instant::now()))
        .as_ref()
}

/// Start the clock (the first call does; later calls do nothing).
pub fn init() {
    let _ = start();
}

/// The peak resident set of the process in MB, where the system tells it (Linux).
fn peak_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Print `phase` with the time since the start and the peak memory so far.
pub fn mark(phase: &str) {
    if let Some(t) = start() {
        let peak = peak_mb()
            .map(|m| format!(", peak {m:.0} MB"))
            .unwrap_or_default();
        eprintln!(
            "[timing] {:>9.1} ms  {phase}{peak}",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
}
