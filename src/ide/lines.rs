//! Byte offsets (what spans are) and LSP positions (a line and a column counted in
//! UTF-16 code units, as the protocol requires) each way. A position past the end of its
//! line is the line's end; one inside a character (half of a surrogate pair) is the
//! character's start; a line past the end of the text is its end.

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
}

/// A position as the protocol counts it: 0-based line, UTF-16 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The line, from 0.
    pub line: u32,
    /// The column, in UTF-16 code units from the line's start.
    pub col: u32,
}

impl Lines {
    /// The lines of `text` (a line ends at `\n`; a `\r` before it belongs to no column).
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts }
    }

    /// How many lines there are.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The position of byte `offset` (clamped to the text and to a character's start).
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let col: usize = text[self.starts[line]..offset]
            .chars()
            .map(char::len_utf16)
            .sum();
        Pos {
            line: line as u32,
            col: col as u32,
        }
    }

    /// The byte offset of a position.
    pub fn offset(&self, text: &str, pos: Pos) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(text.len(), |e| e - 1);
        let body = text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[start..end]);
        let mut units = 0u32;
        for (i, c) in body.char_indices() {
            let next = units + c.len_utf16() as u32;
            if next > pos.col {
                return start + i;
            }
            units = next;
        }
        start + body.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_and_astral_characters_count_in_utf16_units() {
        // "д" is 2 bytes and 1 unit; "𝔸" is 4 bytes and 2 units
        let text = "ab\nдд𝔸x\r\n\nz";
        let l = Lines::new(text);
        assert_eq!(l.count(), 4);
        let x = text.find('x').unwrap();
        assert_eq!(l.pos(text, x), Pos { line: 1, col: 4 });
        assert_eq!(l.offset(text, Pos { line: 1, col: 4 }), x);
        // inside the surrogate pair: the character's start
        let astral = text.find('𝔸').unwrap();
        assert_eq!(l.offset(text, Pos { line: 1, col: 3 }), astral);
        // inside a character's bytes: its start
        assert_eq!(l.pos(text, 4), Pos { line: 1, col: 0 });
        // past the line's end: before its "\r\n"
        assert_eq!(l.offset(text, Pos { line: 1, col: 99 }), x + 1);
        assert_eq!(
            l.offset(text, Pos { line: 2, col: 5 }),
            text.find("\n\nz").unwrap() + 1
        );
        assert_eq!(l.offset(text, Pos { line: 9, col: 0 }), text.len());
        assert_eq!(l.pos(text, text.len()), Pos { line: 3, col: 1 });
        // every character but the `\n` of a `\r\n` (one line break) is where it was
        for (i, _) in text
            .char_indices()
            .filter(|&(i, _)| !text[..i].ends_with('\r'))
        {
            assert_eq!(l.offset(text, l.pos(text, i)), i);
        }
    }
}
