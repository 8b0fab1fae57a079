//! The run's notes: what reading assumed or left out. A note is kept as its message and
//! its arguments, not as a sentence, so that each output says it in its own language: the
//! command line in the user's, a page or a workbook in the methodology's. A note that is
//! likely a mistake in the data (keys matched only by their value, a region without
//! records while the others have many) is a warning, which the command line prints as
//! `warning:`.

use crate::i18n::Arg;
use std::fmt;

/// The mark a page puts before a warning.
pub const MARK: &str = "⚠ ";

/// A note of a run: a message of the catalogue and what goes into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Whether it is likely a mistake in the data (a warning), rather than information.
    pub warning: bool,
    /// The message's id in the catalogue (`note-guessed`).
    pub id: &'static str,
    /// Its arguments, by name.
    pub args: Vec<(&'static str, Value)>,
}

/// What goes into a note: a text as it is, a number (which also chooses plural forms), or
/// another note (a file's note inside the note that names the input).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A text.
    Text(String),
    /// A number.
    Num(f64),
    /// A note, said in the same language.
    Note(Box<Note>),
    /// Items (as they are) and how many more there are: `a, b, and 3 more`.
    List(Vec<String>, usize),
}

impl Value {
    /// The value as a text in the language chosen now.
    fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Num(n) => n.to_string(),
            Value::Note(n) => n.text(),
            Value::List(items, more) => {
                let mut parts = items.clone();
                if *more > 0 {
                    parts.push(crate::i18n::t("and-more", &[("n", (*more).into())]));
                }
                parts.join(", ")
            }
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl Note {
    /// A note of message `id` with `args`.
    pub fn new(id: &'static str, args: &[(&'static str, Arg)]) -> Note {
        let args = args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::S(s) => Value::Text(s.to_string()),
                    Arg::N(n) => Value::Num(*n),
                };
                (*k, v)
            })
            .collect();
        Note {
            warning: false,
            id,
            args,
        }
    }

    /// A warning of message `id` with `args`.
    pub fn warning(id: &'static str, args: &[(&'static str, Arg)]) -> Note {
        Note {
            warning: true,
            ..Note::new(id, args)
        }
    }

    /// The same, with another note put in as `name`.
    pub fn with_note(self, name: &'static str, note: Note) -> Note {
        self.with(name, Value::Note(Box::new(note)))
    }

    /// The same, with `value` put in as `name`.
    pub fn with(mut self, name: &'static str, value: Value) -> Note {
        self.args.push((name, value));
        self
    }

    /// The note as a page shows it: a warning after [`MARK`], each in `prose` (the words
    /// of the page's language).
    pub fn on_page(&self, prose: impl Fn(&str) -> String) -> String {
        match self.warning {
            true => format!("{MARK}{}", prose(&self.text())),
            false => prose(&self.text()),
        }
    }

    /// The note as a sentence in the language chosen now (see
    /// [`crate::i18n::with_lang`]).
    pub fn text(&self) -> String {
        let args: Vec<(&'static str, Arg)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::Num(n) => Arg::N(*n),
                    other => Arg::from(other.text()),
                };
                (*k, v)
            })
            .collect();
        crate::i18n::t(self.id, &args)
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}
