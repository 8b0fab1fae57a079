//! The one column-aligning writer of the outputs for people (the ranking's table, the
//! diff's region table, the panel, the analyses), and the one writer of Markdown tables.

/// The width of a cell as a terminal shows it: one column a character (Cyrillic too).
pub fn width(s: &str) -> usize {
    s.chars().count()
}

/// A row's cells in the right-aligned (number) columns with the decimal separator of the
/// chosen language (`801,5`): tables and Markdown for people, never CSV or JSON.
pub fn localize_numbers(row: &mut [String], right: &[bool]) {
    for (cell, number) in row.iter_mut().zip(right) {
        if *number {
            *cell = crate::i18n::decimal(std::mem::take(cell));
        }
    }
}

/// Rows of cells under a header, each column as wide as its widest cell, two spaces
/// apart, a rule of dashes under the header; `right[i]`: column `i` is aligned right
/// (numbers). Trailing spaces are cut.
pub fn aligned<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>], right: &[bool]) -> String {
    // (bidirectional controls shown, not obeyed: see `visible_controls`)
    let shown: Vec<Vec<std::borrow::Cow<str>>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| super::ranking::visible_controls(c.as_ref()))
                .collect()
        })
        .collect();
    let rows = &shown;
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

/// The same rows as a Markdown table: a header row, the alignment row (`---:` for
/// `right[i]`), a row a line; `|` in a cell escaped.
pub fn markdown<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>], right: &[bool]) -> String {
    let line = |cells: &mut dyn Iterator<Item = String>| {
        let mut l = String::from("|");
        for c in cells {
            l.push_str(&format!(" {c} |"));
        }
        l.push('\n');
        l
    };
    let esc = super::ranking::md_escape;
    let mut out = line(&mut header.iter().map(|h| esc(h)));
    out.push_str(&line(&mut (0..header.len()).map(
        |i| match right.get(i).copied().unwrap_or(false) {
            true => "---:".to_string(),
            false => "---".to_string(),
        },
    )));
    for r in rows {
        out.push_str(&line(&mut r.iter().map(|c| esc(c.as_ref()))));
    }
    out
}
