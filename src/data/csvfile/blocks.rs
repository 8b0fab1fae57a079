//! Large files read block by block (16 MiB), never held whole: UTF-8 without quotes only;
//! any other file is read whole.

use super::header::layout_of;
use super::read_error;
use super::rows::{merge, parse_parallel, Part};
use crate::data::{DataErrors, Table, Wanted};

/// Files larger than this are read in blocks of this size, when they can be.
pub(super) const BLOCK: usize = 16 << 20;

/// Read up to `want` more bytes into `buf`; the number read (0 at the end of the file).
pub(super) fn fill(
    f: &mut std::fs::File,
    buf: &mut Vec<u8>,
    want: usize,
) -> std::io::Result<usize> {
    use std::io::Read;
    let before = buf.len();
    f.take(want as u64).read_to_end(buf)?;
    Ok(buf.len() - before)
}

/// Read another block; the end of the whole lines now in `buf` (all of it at the end of
/// the file), `None` when nothing is left. A line longer than a block is read whole.
pub(super) fn fill_lines(
    f: &mut std::fs::File,
    buf: &mut Vec<u8>,
    block: usize,
) -> std::io::Result<Option<usize>> {
    loop {
        if fill(f, buf, block)? == 0 {
            return Ok((!buf.is_empty()).then_some(buf.len()));
        }
        if let Some(i) = memchr::memrchr(b'\n', buf) {
            return Ok(Some(i + 1));
        }
    }
}

/// A block is read as it is when it is UTF-8 text without quotes or NUL bytes: then
/// every line end ends a row, and its text is what the whole file's decoding gives.
pub(super) fn plain_block(bytes: &[u8]) -> Option<&str> {
    // quotes, NULs and byte-order marks inside the text are for the whole-file reader
    if memchr::memchr2(b'"', 0, bytes).is_some()
        || memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_some()
    {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// Read a large file block by block, the rows of each block in parts on several threads,
/// so that the whole file is never in memory. `Ok(None)` when the file is not plain
/// UTF-8 text without quotes (then it is read whole, as small files are): the decision
/// and the rows are the same as reading it whole.
/// (Public, with the block's size, for the tests.)
#[doc(hidden)]
pub fn read_csv_blocks(
    path: &str,
    w: &Wanted,
    threads: usize,
    block: usize,
) -> Result<Option<Table>, DataErrors> {
    let io = |e| read_error(w.input, path, e);
    if w.encoding.is_some_and(|e| e != encoding_rs::UTF_8) {
        return Ok(None);
    }
    let mut f = crate::paths::open_regular(std::path::Path::new(path)).map_err(io)?;
    let mut buf: Vec<u8> = Vec::with_capacity(block + (1 << 20));
    // The first block's whole lines hold the header.
    let Some(mut end) = fill_lines(&mut f, &mut buf, block).map_err(io)? else {
        return Ok(None);
    };
    let bom = if buf.starts_with(b"\xEF\xBB\xBF") {
        3
    } else if encoding_rs::Encoding::for_bom(&buf).is_some() {
        return Ok(None); // UTF-16
    } else {
        0
    };
    let Some(text) = plain_block(&buf[bom.min(end)..end]) else {
        return Ok(None);
    };
    // (the separator is sniffed from the first 20 lines: they must all be here)
    if text.trim().is_empty()
        || memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(20)
            .is_none()
    {
        return Ok(None);
    }
    let (layout, body_at, mut line) = layout_of(path, text, "UTF-8", w)?;
    let mut parts: Vec<Part> = Vec::new();
    let mut start = bom + body_at;
    loop {
        let text = std::str::from_utf8(&buf[start..end]).unwrap_or_default();
        let lines_here = memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
        let new = parse_parallel(&layout, text, line, threads);
        line += lines_here;
        parts.extend(new);
        buf.drain(..end);
        // The next block, after what is left of this one.
        match fill_lines(&mut f, &mut buf, block).map_err(io)? {
            Some(e) => end = e,
            None => break,
        }
        start = 0;
        if plain_block(&buf[..end]).is_none() {
            return Ok(None);
        }
    }
    crate::timing::mark("csv: blocks parsed");
    let t = merge(&layout, parts);
    crate::timing::mark("csv: parts merged");
    t.map(Some)
}
