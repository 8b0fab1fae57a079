//! The frames of the Language Server Protocol — `Content-Length: N`, a blank line, N bytes
//! of JSON — read with limits, so that any bytes an editor (or an attacker) sends end in a
//! reason, never a panic, an abort or memory taken without end. The language server
//! (`metodika lsp`) reads its input with [`read_frame`]; a fuzz target feeds it any bytes.

use std::io::BufRead;

/// The largest frame read: far above any methodology file (4 MiB) in JSON.
pub const MAX_FRAME: usize = 64 << 20;
/// The longest header line, and the most header lines of a frame.
const MAX_HEADER_LINE: usize = 8 << 10;
const MAX_HEADERS: usize = 32;

/// Why the editor's bytes cannot be read as the protocol's frames.
#[derive(Debug)]
pub enum FrameError {
    /// The input ended inside a frame.
    Truncated,
    /// Not a frame of the protocol: the reason.
    Malformed(String),
    /// The operating system's reason.
    Io(std::io::Error),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::Truncated => write!(f, "the input ended inside a message"),
            FrameError::Malformed(why) => write!(f, "{why}"),
            FrameError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// One line of a header, without its `\r\n`; `None` at the end of the input before it.
fn header_line(r: &mut dyn BufRead) -> Result<Option<String>, FrameError> {
    let mut line = Vec::new();
    loop {
        let buf = r.fill_buf().map_err(FrameError::Io)?;
        if buf.is_empty() {
            return match line.is_empty() {
                true => Ok(None),
                false => Err(FrameError::Truncated),
            };
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                line.extend_from_slice(&buf[..=i]);
                r.consume(i + 1);
                break;
            }
            None => {
                let n = buf.len();
                line.extend_from_slice(buf);
                r.consume(n);
            }
        }
        if line.len() > MAX_HEADER_LINE {
            return Err(FrameError::Malformed(format!(
                "a header line longer than {MAX_HEADER_LINE} bytes"
            )));
        }
    }
    if line.len() > MAX_HEADER_LINE {
        return Err(FrameError::Malformed(format!(
            "a header line longer than {MAX_HEADER_LINE} bytes"
        )));
    }
    if !line.ends_with(b"\r\n") {
        return Err(FrameError::Malformed(
            "a header line that does not end with \\r\\n".into(),
        ));
    }
    line.truncate(line.len() - 2);
    String::from_utf8(line)
        .map(Some)
        .map_err(|_| FrameError::Malformed("a header that is not text".into()))
}

/// The next frame's JSON text; `None` where the input ends between frames.
pub fn read_frame(r: &mut dyn BufRead) -> Result<Option<Vec<u8>>, FrameError> {
    let mut size: Option<usize> = None;
    let mut lines = 0;
    loop {
        let Some(line) = header_line(r)? else {
            return match lines {
                0 => Ok(None),
                _ => Err(FrameError::Truncated),
            };
        };
        lines += 1;
        if line.is_empty() {
            break;
        }
        if lines > MAX_HEADERS {
            return Err(FrameError::Malformed(format!(
                "more than {MAX_HEADERS} header lines"
            )));
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| FrameError::Malformed(format!("a header without `:`: {line:?}")))?;
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            let v = value.trim();
            let n: u128 = v.parse().map_err(|_| {
                FrameError::Malformed(format!("Content-Length `{v}` is not a length"))
            })?;
            if n > MAX_FRAME as u128 {
                return Err(FrameError::Malformed(format!(
                    "Content-Length {v} is over the limit of {MAX_FRAME} bytes"
                )));
            }
            size = Some(n as usize);
        }
    }
    let size =
        size.ok_or_else(|| FrameError::Malformed("a message without Content-Length".into()))?;
    let mut body = vec![0u8; size];
    r.read_exact(&mut body).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => FrameError::Truncated,
        _ => FrameError::Io(e),
    })?;
    Ok(Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(bytes: &[u8]) -> Vec<Result<Option<Vec<u8>>, String>> {
        let mut r = std::io::BufReader::new(bytes);
        let mut out = Vec::new();
        loop {
            let f = read_frame(&mut r).map_err(|e| e.to_string());
            let end = !matches!(f, Ok(Some(_)));
            out.push(f);
            if end {
                return out;
            }
        }
    }

    #[test]
    fn frames_are_read_within_their_limits() {
        let ok =
            frames(b"Content-Length: 2\r\n\r\n{}Content-Length: 2\r\nContent-Type: x\r\n\r\n[]");
        assert_eq!(ok[0], Ok(Some(b"{}".to_vec())));
        assert_eq!(ok[1], Ok(Some(b"[]".to_vec())));
        assert_eq!(ok[2], Ok(None));
        for (bytes, says) in [
            (
                &b"Content-Length: 18446744073709551615\r\n\r\n"[..],
                "over the limit",
            ),
            (
                b"Content-Length: 99999999999999999999999999999999999999\r\n\r\n",
                "over the limit",
            ),
            (b"Content-Length: 2000000000\r\n\r\n{}", "over the limit"),
            (b"Content-Length: -1\r\n\r\n", "is not a length"),
            (b"Content-Length: 10\r\n\r\n{}", "ended inside"),
            (b"Content-Type: x\r\n\r\n{}", "without Content-Length"),
            (b"Content-Length: 2\n\n{}", "does not end with"),
            (b"garbage\r\n\r\n", "without `:`"),
        ] {
            let got = frames(bytes);
            let e = got.last().unwrap().clone().unwrap_err();
            assert!(
                e.contains(says),
                "{:?}: {e}",
                String::from_utf8_lossy(bytes)
            );
        }
        let long = format!("X-{}: 1\r\n", "a".repeat(10_000));
        assert!(frames(long.as_bytes())[0]
            .clone()
            .unwrap_err()
            .contains("longer than"));
        let many = "X: 1\r\n".repeat(40);
        assert!(frames(many.as_bytes())[0]
            .clone()
            .unwrap_err()
            .contains("more than"));
    }
}
