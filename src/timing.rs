//! Phase timings for profiling: with `METODIKA_TIMINGS=1` in the environment, each phase
//! of a command prints its wall time, the process's memory and its peak so far to stderr.

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

/// Whether timings are printed (`METODIKA_TIMINGS` is set).
pub fn enabled() -> bool {
    start().is_some()
}

/// A memory figure of the process in MB, where the system tells it (Linux): `VmRSS:`
/// (now) or `VmHWM:` (the peak).
fn memory_mb(field: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Print `phase` with the time since the start, the memory now and its peak so far.
pub fn mark(phase: &str) {
    if let Some(t) = start() {
        let peak = match (memory_mb("VmRSS:"), memory_mb("VmHWM:")) {
            (Some(now), Some(peak)) => format!(", memory {now:.0} MB, peak {peak:.0} MB"),
            _ => String::new(),
        };
        eprintln!(
            "[timing] {:>9.1} ms  {phase}{peak}",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
}
