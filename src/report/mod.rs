//! Results as text: a ranking in each format, the explanation of one region, and a diff.
//! The column names here are part of the interface (documented in docs/cli.md).
//!
//! * [`ranking`]: CSV and JSON (every column, exact numbers), table and Markdown (for
//!   people, rounded);
//! * [`explain`](mod@explain): one region's score as a tree;
//! * [`diff`]: what a revision does, in each format;
//! * [`panel`]: one methodology over several periods;
//! * [`number`]: numbers as text, exact or for people;
//! * [`table`](mod@table): the one column-aligning writer.
//!
//! A new output format is a function here over [`crate::engine::Ranking`] (or the
//! streamed [`Rows`]) and a variant of [`Format`].

pub mod audit;
pub mod diff;
pub mod excel;
pub mod explain;
pub use crate::words::formula;
pub mod html;
pub use crate::words::number;
pub mod panel;
pub mod people;
pub mod ranking;
pub mod sensitivity;
pub mod table;
pub mod uncertainty;
pub mod xlsx;
pub mod zones;

pub use diff::{diff_csv, diff_json, diff_markdown, diff_table, render_diff};
pub use excel::excel_csv;
pub use explain::explain;
pub use number::{count, fmt_num};
pub use panel::{render_panel, Panel};
pub use ranking::{csv, json, markdown, table, write_csv, Rows};
pub use sensitivity::render_sensitivity;
pub use uncertainty::render_uncertainty;

use crate::engine::Ranking;

/// An output format of `run` and `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a terminal (the default).
    Table,
    /// Every column, exact numbers.
    Csv,
    /// Every column, exact numbers, nested by group and indicator.
    Json,
    /// A table for a review comment.
    Markdown,
}

/// A ranking in a format.
pub fn render(r: &Ranking, format: Format, detail: bool) -> String {
    match format {
        Format::Table => table(r, detail),
        Format::Csv => csv(r, detail),
        Format::Json => json(r, detail),
        Format::Markdown => markdown(r, detail),
    }
}
