//! The one column-aligning writer of the outputs for people: the ranking's table and the
//! diff's region table.

/// The width of a cell as a terminal shows it: one column a character (Cyrillic too).
pub fn width(s: &str) -> usize {
    s.chars().count()
}

/// Rows of cells under a header, each column as wide as its widest cell, two spaces
/// apart, a rule of dashes under the header; `right[i]`: column `i` is aligned right
/// (numbers). Trailing spaces are cut.
pub fn aligned<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c.as_ref()));
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut l = String::new();
        for (i, c) in cells.enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            let pad = " ".repeat(widths[i].saturating_sub(width(c)));
            if right.get(i).copied().unwrap_or(false) {
                l.push_str(&pad);
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&pad);
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut rule.iter().map(|s| s.as_str()));
    for r in rows {
        line(&mut r.iter().map(|c| c.as_ref()));
    }
    out
}
