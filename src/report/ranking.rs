//! A ranking in each format: the machine-readable ones (CSV, JSON: every column, exact
//! numbers, written row by row from the run's columns) and the ones for people (table,
//! Markdown: fewer columns, rounded).

use super::number::{fmt_exact, opt, place_text, write_exact};
use super::table::aligned;
use crate::engine::{Columns, Ranking, Step};
use crate::i18n::t;
use serde_json::{json, Map, Value};

/// One column of the machine-readable outputs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Place,
    Key,
    Label,
    Score,
    Zone,
    ZoneTitle,
    Excluded,
    Group(usize),
    Raw(usize),
    Value(usize),
    Normalized(usize),
    Contribution(usize),
}

/// The columns of a ranking, with their stable names.
pub(super) fn column_specs(r: &Ranking, detail: bool) -> Vec<(String, Col)> {
    let mut cols: Vec<(String, Col)> = vec![
        ("place".into(), Col::Place),
        ("key".into(), Col::Key),
        ("label".into(), Col::Label),
        ("score".into(), Col::Score),
        ("zone".into(), Col::Zone),
        ("zone_title".into(), Col::ZoneTitle),
        ("excluded".into(), Col::Excluded),
    ];
    for (gi, (g, _)) in r.groups.iter().enumerate() {
        cols.push((format!("group.{g}"), Col::Group(gi)));
    }
    if detail {
        for (ii, (ind, _)) in r.indicators.iter().enumerate() {
            cols.push((format!("{ind}.raw"), Col::Raw(ii)));
            cols.push((format!("{ind}.value"), Col::Value(ii)));
            cols.push((format!("{ind}.normalized"), Col::Normalized(ii)));
            cols.push((format!("{ind}.contribution"), Col::Contribution(ii)));
        }
    }
    cols
}

/// A ranking's rows, one cell at a time: the rows of a [`Ranking`], or the columns of a
/// large run ([`Columns`]), written without a row object per region.
pub trait Rows {
    /// Titles, groups, indicators and zones.
    fn meta(&self) -> &Ranking;
    /// The number of regions.
    fn len(&self) -> usize;
    /// Whether there are no regions.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The place of region `r`.
    fn place(&self, r: usize) -> Option<f64>;
    /// The key of region `r`.
    fn key(&self, r: usize) -> &str;
    /// The label of region `r`.
    fn label(&self, r: usize) -> &str;
    /// The score of region `r`.
    fn score(&self, r: usize) -> Option<f64>;
    /// The zone of region `r`.
    fn zone(&self, r: usize) -> Option<&str>;
    /// Why region `r` is not ranked.
    fn excluded(&self, r: usize) -> Option<&str>;
    /// The result of group `g` for region `r`.
    fn group(&self, r: usize, g: usize) -> Option<f64>;
    /// A step of indicator `i` for region `r`.
    fn step(&self, r: usize, i: usize, step: Step) -> Option<f64>;
}

impl Rows for Ranking {
    fn meta(&self) -> &Ranking {
        self
    }
    fn len(&self) -> usize {
        self.rows.len()
    }
    fn place(&self, r: usize) -> Option<f64> {
        self.rows[r].place
    }
    fn key(&self, r: usize) -> &str {
        &self.rows[r].key
    }
    fn label(&self, r: usize) -> &str {
        &self.rows[r].label
    }
    fn score(&self, r: usize) -> Option<f64> {
        self.rows[r].score
    }
    fn zone(&self, r: usize) -> Option<&str> {
        self.rows[r].zone.as_deref()
    }
    fn excluded(&self, r: usize) -> Option<&str> {
        self.rows[r].excluded.as_deref()
    }
    fn group(&self, r: usize, g: usize) -> Option<f64> {
        self.rows[r].groups[g]
    }
    fn step(&self, r: usize, i: usize, step: Step) -> Option<f64> {
        let d = self.rows[r].indicators.get(i)?;
        match step {
            Step::Raw => d.raw,
            Step::Value => d.value,
            Step::Normalized => d.normalized,
            Step::Contribution => d.contribution,
        }
    }
}

impl Rows for Columns {
    fn meta(&self) -> &Ranking {
        &self.meta
    }
    fn len(&self) -> usize {
        Columns::len(self)
    }
    fn place(&self, r: usize) -> Option<f64> {
        Columns::place(self, r)
    }
    fn key(&self, r: usize) -> &str {
        Columns::key(self, r)
    }
    fn label(&self, r: usize) -> &str {
        Columns::label(self, r)
    }
    fn score(&self, r: usize) -> Option<f64> {
        Columns::score(self, r)
    }
    fn zone(&self, r: usize) -> Option<&str> {
        Columns::zone(self, r)
    }
    fn excluded(&self, r: usize) -> Option<&str> {
        Columns::excluded(self, r)
    }
    fn group(&self, r: usize, g: usize) -> Option<f64> {
        Columns::group(self, r, g)
    }
    fn step(&self, r: usize, i: usize, step: Step) -> Option<f64> {
        Columns::step(self, r, i, step)
    }
}

/// One cell of the machine-readable outputs, as the run holds it: a number or nothing, or a
/// text (borrowed, but for a zone's title).
pub(super) enum CellRef<'a> {
    Num(Option<f64>),
    Text(std::borrow::Cow<'a, str>),
}

/// The cell of region `row` in column `c`: the one place a column is read from the rows.
pub(super) fn cell_ref<'a>(r: &'a (impl Rows + ?Sized), row: usize, c: Col) -> CellRef<'a> {
    use CellRef::{Num, Text};
    match c {
        Col::Place => Num(r.place(row)),
        Col::Score => Num(r.score(row)),
        Col::Group(g) => Num(r.group(row, g)),
        Col::Raw(i) => Num(r.step(row, i, Step::Raw)),
        Col::Value(i) => Num(r.step(row, i, Step::Value)),
        Col::Normalized(i) => Num(r.step(row, i, Step::Normalized)),
        Col::Contribution(i) => Num(r.step(row, i, Step::Contribution)),
        Col::Key => Text(r.key(row).into()),
        Col::Label => Text(r.label(row).into()),
        Col::Zone => Text(r.zone(row).unwrap_or_default().into()),
        Col::ZoneTitle => Text(zone_title(r.meta(), r.zone(row)).into()),
        Col::Excluded => Text(r.excluded(row).unwrap_or_default().into()),
    }
}

/// One cell of the machine-readable outputs, into `out`.
fn cell(r: &(impl Rows + ?Sized), row: usize, c: Col, out: &mut String) {
    match cell_ref(r, row, c) {
        CellRef::Num(Some(v)) => write_exact(out, v),
        CellRef::Num(None) => {}
        CellRef::Text(t) => out.push_str(&t),
    }
}

pub(super) fn zone_title(r: &Ranking, zone: Option<&str>) -> String {
    zone.and_then(|z| r.zones.iter().find(|(n, _)| n == z))
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

/// CSV, written row by row.
pub fn csv(r: &Ranking, detail: bool) -> String {
    let mut out = Vec::new();
    let _ = write_csv(r, detail, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// CSV into a writer, row by row: the rows of a [`Ranking`] or the columns of a run.
/// Blocks of rows are formatted on several threads and written in order.
pub fn write_csv(
    r: &(impl Rows + Sync + ?Sized),
    detail: bool,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    const BLOCK: usize = 1 << 15;
    let cols = column_specs(r.meta(), detail);
    let mut header = csv::Writer::from_writer(Vec::new());
    header.write_record(cols.iter().map(|c| c.0.as_str()))?;
    out.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
    let n = r.len();
    let blocks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(BLOCK)
        .map(|a| a..(a + BLOCK).min(n))
        .collect();
    let threads = crate::data::threads().min(blocks.len()).max(1);
    for round in blocks.chunks(threads) {
        let texts: Vec<std::io::Result<Vec<u8>>> = if round.len() == 1 {
            vec![csv_rows(r, &cols, round[0].clone())]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = round
                    .iter()
                    .map(|rows| {
                        let cols = &cols;
                        s.spawn(move || csv_rows(r, cols, rows.clone()))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a CSV writer thread panicked"))
                    .collect()
            })
        };
        for t in texts {
            out.write_all(&t?)?;
        }
    }
    out.flush()
}

/// Some rows of the CSV, as bytes: numbers as they are, texts quoted where they hold a
/// comma, a quote or a line end (as the `csv` crate quotes the header).
fn csv_rows(
    r: &(impl Rows + ?Sized),
    cols: &[(String, Col)],
    rows: std::ops::Range<usize>,
) -> std::io::Result<Vec<u8>> {
    let mut out = String::with_capacity(rows.len() * 12 * cols.len());
    let mut text = String::new();
    for row in rows {
        for (i, (_, c)) in cols.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match c {
                Col::Key | Col::Label | Col::Zone | Col::ZoneTitle | Col::Excluded => {
                    text.clear();
                    cell(r, row, *c, &mut text);
                    push_csv_text(&mut out, &text);
                }
                _ => cell(r, row, *c, &mut out),
            }
        }
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// A text field of a CSV row.
fn push_csv_text(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

pub(super) fn num(x: Option<f64>) -> Value {
    match x {
        Some(v) => {
            let s = fmt_exact(v);
            serde_json::from_str(&s).unwrap_or(Value::Null)
        }
        None => Value::Null,
    }
}

/// The ranking as JSON (the form is in docs/cli.md).
pub fn json(r: &Ranking, detail: bool) -> String {
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let mut o = Map::new();
            o.insert("place".into(), num(row.place));
            o.insert("key".into(), json!(row.key));
            o.insert("label".into(), json!(row.label));
            o.insert("score".into(), num(row.score));
            o.insert("zone".into(), json!(row.zone));
            o.insert(
                "zone_title".into(),
                if row.zone.is_some() {
                    json!(zone_title(r, row.zone.as_deref()))
                } else {
                    Value::Null
                },
            );
            o.insert("excluded".into(), json!(row.excluded));
            let groups: Map<String, Value> = r
                .groups
                .iter()
                .zip(&row.groups)
                .map(|((g, _), v)| (g.clone(), num(*v)))
                .collect();
            o.insert("groups".into(), Value::Object(groups));
            if detail {
                let inds: Map<String, Value> = r
                    .indicators
                    .iter()
                    .zip(&row.indicators)
                    .map(|((n, _), d)| {
                        (
                            n.clone(),
                            json!({
                                "raw": num(d.raw),
                                "value": num(d.value),
                                "normalized": num(d.normalized),
                                "contribution": num(d.contribution),
                                "imputed": d.was_missing && d.value.is_some(),
                            }),
                        )
                    })
                    .collect();
                o.insert("indicators".into(), Value::Object(inds));
            }
            Value::Object(o)
        })
        .collect();
    let doc = json!({
        "methodology": { "title": r.title, "version": r.version },
        "rows": rows,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The human-facing columns: fewer, with titles, headed in the interface's language.
fn display_columns(r: &Ranking, detail: bool) -> Vec<(String, Vec<String>, bool)> {
    // scores with at least the decimals the ranking compares them at: under `round 3`,
    // 0.971 and 0.974 must not both read 0.97
    let dp = r.score_decimals.map_or(2, |d| d.clamp(2, 15)) as usize;
    let mut cols: Vec<(String, Vec<String>, bool)> = vec![
        (
            t("col-place", &[]),
            r.rows.iter().map(|x| place_text(x.place)).collect(),
            true,
        ),
        (
            t("col-key", &[]),
            r.rows.iter().map(|x| x.key.clone()).collect(),
            false,
        ),
        (
            t("col-region", &[]),
            r.rows.iter().map(|x| x.label.clone()).collect(),
            false,
        ),
        (
            t("col-score", &[]),
            r.rows
                .iter()
                .map(|x| x.score.map(|s| format!("{s:.dp$}")).unwrap_or_default())
                .collect(),
            true,
        ),
    ];
    if !r.zones.is_empty() {
        cols.push((
            t("col-zone", &[]),
            r.rows
                .iter()
                .map(|x| zone_title(r, x.zone.as_deref()))
                .collect(),
            false,
        ));
    }
    // in Russian the blocks and indicators by their titles (the glossary: no identifier
    // where a title exists); in English by their names, as the columns of the CSV
    let russian = crate::i18n::lang() == crate::i18n::Lang::Ru;
    let titled = |name: &str, title: &str| {
        if russian && !title.is_empty() {
            title.to_string()
        } else {
            name.to_string()
        }
    };
    for (gi, (g, title)) in r.groups.iter().enumerate() {
        cols.push((
            titled(g, title),
            r.rows
                .iter()
                .map(|x| x.groups[gi].map(|s| format!("{s:.2}")).unwrap_or_default())
                .collect(),
            true,
        ));
    }
    if detail {
        for (ii, (ind, title)) in r.indicators.iter().enumerate() {
            let head = |step: &str, id: &str| match russian {
                true => t(id, &[("title", titled(ind, title).into())]),
                false => format!("{ind}.{step}"),
            };
            cols.push((
                head("raw", "col-step-raw"),
                r.rows.iter().map(|x| opt(x.indicators[ii].raw)).collect(),
                true,
            ));
            cols.push((
                head("norm", "col-step-norm"),
                r.rows
                    .iter()
                    .map(|x| {
                        x.indicators[ii]
                            .normalized
                            .map(|v| format!("{v:.4}"))
                            .unwrap_or_default()
                    })
                    .collect(),
                true,
            ));
            cols.push((
                head("pts", "col-step-pts"),
                r.rows
                    .iter()
                    .map(|x| {
                        x.indicators[ii]
                            .contribution
                            .map(|v| format!("{v:.2}"))
                            .unwrap_or_default()
                    })
                    .collect(),
                true,
            ));
        }
    }
    cols.push((
        t("col-not-ranked", &[]),
        r.rows
            .iter()
            .map(|x| x.excluded.clone().unwrap_or_default())
            .collect(),
        false,
    ));
    if r.rows.iter().all(|x| x.excluded.is_none()) {
        cols.pop();
    }
    // numbers with the language's decimal separator (the right-aligned columns)
    if crate::i18n::decimal("0.5".into()) != "0.5" {
        for (_, cells, numeric) in &mut cols {
            if *numeric {
                for c in cells.iter_mut() {
                    *c = crate::i18n::decimal(std::mem::take(c));
                }
            }
        }
    }
    cols
}

/// The ranking as an aligned text table, for a terminal.
pub fn table(r: &Ranking, detail: bool) -> String {
    let cols = display_columns(r, detail);
    let mut out = r.title.clone();
    if let Some(v) = &r.version {
        out.push_str(&format!(" ({v})"));
    }
    out.push('\n');
    let header: Vec<&str> = cols.iter().map(|c| c.0.as_str()).collect();
    let right: Vec<bool> = cols.iter().map(|c| c.2).collect();
    let rows: Vec<Vec<&str>> = (0..r.rows.len())
        .map(|i| cols.iter().map(|c| c.1[i].as_str()).collect())
        .collect();
    out.push_str(&aligned(&header, &rows, &right));
    out
}

/// A text from the data or the methodology, in Markdown: its markup characters escaped
/// (`<b>` stays text, `[link](…)` is no link, `|` no new cell) and its bidirectional
/// controls shown (see [`visible_controls`]).
pub(super) fn md_escape(s: &str) -> String {
    md_escape_but(s, '\0')
}

/// [`md_escape`] for a line that writes code in backticks itself (a diff's change:
/// «`normalize` `minmax` → `goalposts(50%, 100%)`»): its backticks kept; inside a code span
/// nothing is markup.
pub fn md_escape_prose(s: &str) -> String {
    md_escape_but(s, '`')
}

fn md_escape_but(s: &str, keep: char) -> String {
    let mut out = String::with_capacity(s.len());
    for c in visible_controls(s).chars() {
        if c != keep
            && matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub use crate::diag::visible_controls;

/// The ranking as a Markdown table.
pub fn markdown(r: &Ranking, detail: bool) -> String {
    let cols = display_columns(r, detail);
    let mut out = format!("### {}", md_escape(&r.title));
    if let Some(v) = &r.version {
        out.push_str(&format!(" ({})", md_escape(v)));
    }
    let header: Vec<&str> = cols.iter().map(|c| c.0.as_str()).collect();
    let right: Vec<bool> = cols.iter().map(|c| c.2).collect();
    let rows: Vec<Vec<&str>> = (0..r.rows.len())
        .map(|i| cols.iter().map(|c| c.1[i].as_str()).collect())
        .collect();
    out.push_str("\n\n");
    out.push_str(&super::table::markdown(&header, &rows, &right));
    out
}
