//! The run's notes: what reading assumed or left out, as sentences. A note that is likely
//! a mistake in the data (keys matched only by their value, a region without records while
//! the others have many) is a warning: it starts with [`MARK`], which the command line
//! prints as `warning:` and the pages show as it is.

/// The mark that starts a warning.
pub const MARK: &str = "⚠ ";

/// `text` as a warning.
pub fn warning(text: &str) -> String {
    format!("{MARK}{text}")
}

/// Whether a note is a warning, and its text without the mark.
pub fn split(note: &str) -> (bool, &str) {
    match note.strip_prefix(MARK) {
        Some(rest) => (true, rest),
        None => (false, note),
    }
}
