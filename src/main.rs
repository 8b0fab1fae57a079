//! The `metodika` command: the CLI is the only part that prints.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod alloc;
mod cli;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

fn main() {
    give_back_freed_memory();
    quiet_on_closed_pipe();
    std::process::exit(cli::main());
}

/// A large run frees columns as it goes, on several threads. glibc's allocator gives
/// each thread a heap of its own (up to 8 per core), and memory freed in one heap is not
/// reused by another: a million-row run held a fifth more memory than it used. Two heaps
/// (measured against one, three and the default: docs/performance.md) keep the peak
/// near what the run uses, and the run a little faster.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator; called before any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// `metodika check … | head`: when the reader goes away, end quietly as other
/// command-line tools do (Rust ignores SIGPIPE, and printing would then panic).
fn quiet_on_closed_pipe() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: restores the default action of one signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
