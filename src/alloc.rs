//! The global allocator: the system's (glibc's), but for large blocks aligned beyond 16
//! bytes, which come straight from the kernel.
//!
//! Why: Rust asks the system for a zeroed block aligned beyond 16 bytes by allocating it,
//! then writing zeros over it (calloc cannot align). polars keeps one such block of
//! 8 MiB of zeros, made the first time any column of missing values is — in every run.
//! Writing it touched 2,048 pages, about half of a regional run's page faults
//! (`perf record -e page-faults`: `polars_buffer::Buffer::zeroed`). Pages fresh from
//! `mmap` are zero already, and are only mapped when touched.

use std::alloc::{GlobalAlloc, Layout, System};

/// glibc's allocator, with large over-aligned blocks from `mmap`.
pub struct Allocator;

/// Blocks of at least this size, aligned beyond 16 bytes (and at most to a page), are
/// mapped.
const LARGE: usize = 1 << 20;

fn mapped(l: &Layout) -> bool {
    l.align() > 16 && l.align() <= 4096 && l.size() >= LARGE
}

/// Fresh zeroed pages, page-aligned; null when the kernel refuses.
unsafe fn map(size: usize) -> *mut u8 {
    // SAFETY: an anonymous private mapping touches no existing memory.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        std::ptr::null_mut()
    } else {
        p.cast()
    }
}

// SAFETY: every block is either the system allocator's, passed back to it, or a mapping
// of the layout's size, unmapped with that size; which one is told by the layout alone,
// the same at allocation and at deallocation.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if mapped(&l) {
            unsafe { map(l.size()) }
        } else {
            unsafe { System.alloc(l) }
        }
    }

    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        if mapped(&l) {
            unsafe { map(l.size()) }
        } else {
            unsafe { System.alloc_zeroed(l) }
        }
    }

    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        if mapped(&l) {
            unsafe { libc::munmap(p.cast(), l.size()) };
        } else {
            unsafe { System.dealloc(p, l) }
        }
    }

    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees the new size, rounded to the alignment, fits.
        let nl = unsafe { Layout::from_size_align_unchecked(new_size, l.align()) };
        if !mapped(&l) && !mapped(&nl) {
            return unsafe { System.realloc(p, l, new_size) };
        }
        let q = unsafe { self.alloc(nl) };
        if !q.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(p, q, l.size().min(new_size));
                self.dealloc(p, l);
            }
        }
        q
    }
}
