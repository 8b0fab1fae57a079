//! Workbooks (`--format xlsx`), written with rust_xlsxwriter in its constant-memory mode
//! (each row goes to a temporary file as it is written, so a million regions take no
//! more memory than their CSV). A run's sheets are written from its rows as the CSV is,
//! the other outputs' from their CSV, so a workbook holds exactly the CSV's values:
//! numbers as numbers (the same f64), texts as texts — keys like `01` stay text. The ranking's sheet has its header frozen, a filter
//! on every column, the zones filled with their colours and the score shown at the rank's
//! rounding; the methodology's sheet lists each indicator as it was checked.

use super::number::written_number;
use super::ranking::{cell_ref, column_specs, CellRef, Col, Rows};
use crate::check::{Methodology, NodeRef, WeightScheme};
use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

/// A cell of a workbook: a number, a text, or nothing.
enum Cell {
    Num(f64),
    Text(String),
    Empty,
}

/// The cell of region `row` in column `c`, as the CSV holds it (an empty text is no cell).
fn cell_value(r: &(impl Rows + ?Sized), row: usize, c: Col) -> Cell {
    match cell_ref(r, row, c) {
        CellRef::Num(v) => v.map_or(Cell::Empty, Cell::Num),
        CellRef::Text(t) if t.is_empty() => Cell::Empty,
        CellRef::Text(t) => Cell::Text(t.into_owned()),
    }
}

/// Columns that are texts whatever they hold.
const TEXT_COLUMNS: &[&str] = &[
    "key",
    "label",
    "zone",
    "zone_title",
    "excluded",
    "old_zone",
    "new_zone",
    "old_zone_title",
    "new_zone_title",
    "old_excluded",
    "new_excluded",
    "largest_changes",
    "note",
    "factor",
];

fn err(e: XlsxError) -> String {
    format!("cannot write the workbook: {e}")
}

/// Write a new constant-memory sheet `name`: a bold frozen header, a filter on every
/// column, `rows` rows of `cell(row, col)` (from 0, below the header), number formats by
/// `format(col)`, and `fill(row)` colouring the cells of the `filled` columns.
#[allow(clippy::too_many_arguments)]
fn write_sheet(
    wb: &mut Workbook,
    name: &str,
    header: &[String],
    rows: usize,
    cell: &dyn Fn(usize, usize) -> Cell,
    format: &dyn Fn(usize) -> Option<Format>,
    filled: &[usize],
    fill: &dyn Fn(usize) -> Option<Color>,
    widths: &[usize],
) -> Result<(), String> {
    write_titled_sheet(
        wb,
        name,
        &[],
        header,
        rows,
        cell,
        format,
        filled,
        fill,
        widths,
    )
    .map(|_| ())
}

/// [`write_sheet`] under `top`: lines above the table (the first in bold, a blank row
/// after them), as people read a table a ministry publishes. The worksheet is returned for
/// the caller's last touches.
#[allow(clippy::too_many_arguments)]
fn write_titled_sheet<'w>(
    wb: &'w mut Workbook,
    name: &str,
    top: &[String],
    header: &[String],
    rows: usize,
    cell: &dyn Fn(usize, usize) -> Cell,
    format: &dyn Fn(usize) -> Option<Format>,
    filled: &[usize],
    fill: &dyn Fn(usize) -> Option<Color>,
    widths: &[usize],
) -> Result<&'w mut Worksheet, String> {
    let ws: &mut Worksheet = wb.add_worksheet_with_constant_memory();
    ws.set_name(name).map_err(err)?;
    let bold = Format::new().set_bold();
    for (i, line) in top.iter().enumerate() {
        let f = match i {
            0 => Format::new().set_bold().set_font_size(14),
            _ => Format::new(),
        };
        ws.write_string_with_format(i as u32, 0, line, &f)
            .map_err(err)?;
    }
    // the header's row: under the lines above and a blank row
    let h = if top.is_empty() {
        0
    } else {
        top.len() as u32 + 1
    };
    let wrap = Format::new().set_bold().set_text_wrap();
    for (c, head) in header.iter().enumerate() {
        let longest = head
            .split(' ')
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        let w = widths.get(c).copied().unwrap_or(10).max(longest.min(24));
        ws.set_column_width(c as u16, (w.clamp(6, 60) + 2) as f64)
            .map_err(err)?;
        ws.write_string_with_format(h, c as u16, head, &wrap)
            .map_err(err)?;
    }
    let _ = &bold;
    ws.set_freeze_panes(h + 1, 0).map_err(err)?;
    ws.autofilter(h, 0, h + rows as u32, header.len().saturating_sub(1) as u16)
        .map_err(err)?;
    let formats: Vec<Option<Format>> = (0..header.len()).map(format).collect();
    for row in 0..rows {
        let colour = fill(row);
        for (c, cf) in formats.iter().enumerate() {
            let value = cell(row, c);
            if matches!(value, Cell::Empty) {
                continue;
            }
            let mut f = cf.clone();
            if let (Some(colour), true) = (colour, filled.contains(&c)) {
                f = Some(f.unwrap_or_default().set_background_color(colour));
            }
            let (r, c) = (row as u32 + h + 1, c as u16);
            match (value, &f) {
                (Cell::Num(v), Some(fm)) => ws.write_number_with_format(r, c, v, fm),
                (Cell::Num(v), None) => ws.write_number(r, c, v),
                (Cell::Text(t), Some(fm)) => ws.write_string_with_format(r, c, t, fm),
                (Cell::Text(t), None) => ws.write_string(r, c, t),
                (Cell::Empty, _) => unreachable!(),
            }
            .map_err(err)?;
        }
    }
    Ok(ws)
}

/// A CSV text as a sheet: a column is numeric when every field below the header is empty
/// or a number (and its name is not a text column's).
/// The colour of a CSV field (by its text).
type FieldFill<'a> = &'a dyn Fn(&str) -> Option<Color>;

/// A row's colour.
type RowFill<'a> = Box<dyn Fn(usize) -> Option<Color> + 'a>;

fn csv_sheet(
    wb: &mut Workbook,
    name: &str,
    csv_text: &str,
    fill_col: Option<(usize, FieldFill)>,
) -> Result<(), String> {
    csv_sheet_headed(wb, name, csv_text, fill_col, None)
}

/// A sheet of a CSV text, its headings written by `heading` where given (a machine name to
/// the heading people read; a column left out where it gives none); which columns are
/// text is told by the machine names.
fn csv_sheet_headed(
    wb: &mut Workbook,
    name: &str,
    csv_text: &str,
    fill_col: Option<(usize, FieldFill)>,
    heading: Option<super::excel::Heading>,
) -> Result<(), String> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().filter_map(Result::ok).collect();
    let Some(header) = rows.first() else {
        return Ok(());
    };
    let header: Vec<String> = header.iter().map(str::to_string).collect();
    let body = &rows[1..];
    let numeric: Vec<bool> = (0..header.len())
        .map(|c| {
            !TEXT_COLUMNS.contains(&header[c].as_str())
                && body
                    .iter()
                    .filter_map(|r| r.get(c))
                    .filter(|f| !f.is_empty())
                    .all(|f| written_number(f).is_some())
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            body.iter()
                .filter_map(|r| r.get(c))
                .map(|f| f.chars().count())
                .max()
                .unwrap_or(8)
        })
        .collect();
    let cell = |row: usize, c: usize| match body[row].get(c) {
        None | Some("") => Cell::Empty,
        Some(f) => match (numeric[c], written_number(f)) {
            (true, Some(v)) => Cell::Num(v),
            _ => Cell::Text(f.to_string()),
        },
    };
    let (filled, fill): (Vec<usize>, RowFill) = match fill_col {
        Some((c, f)) => (
            vec![c],
            Box::new(move |row: usize| body[row].get(c).and_then(f)),
        ),
        None => (Vec::new(), Box::new(|_| None)),
    };
    // the columns shown, under their headings (every column as named, without `heading`)
    let kept: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(c, h)| match heading {
            Some(heading) => Some((c, heading(h)?)),
            None => Some((c, h.clone())),
        })
        .collect();
    let shown: Vec<String> = kept.iter().map(|(_, h)| h.clone()).collect();
    // (a heading's own width is the sheet writer's: it wraps long headings)
    let widths: Vec<usize> = kept.iter().map(|(c, _)| widths[*c]).collect();
    let filled: Vec<usize> = kept
        .iter()
        .enumerate()
        .filter(|(_, (c, _))| filled.contains(c))
        .map(|(k, _)| k)
        .collect();
    write_sheet(
        wb,
        name,
        &shown,
        body.len(),
        &|row, k| cell(row, kept[k].0),
        &|_| None,
        &filled,
        &*fill,
        &widths,
    )
}

/// `0.00`, or as many decimals as the rank compares.
fn decimals_format(n: u32) -> Format {
    let n = n.max(2) as usize;
    Format::new().set_num_format(format!("0.{}", "0".repeat(n)))
}

/// A run as a workbook, straight from its rows (a [`Ranking`](crate::engine::Ranking), or the columns of a large
/// run), for people, in the methodology's language: the ranking (`Рейтинг`), each
/// indicator's steps (`Показатели`, with `detail`), the methodology in words (`Методика`),
/// the regions not ranked (`Не участвуют`, when there are). Each sheet opens with the
/// methodology's title, edition, the date it takes effect, the period counted in words and
/// the day of the run; headings are titles, numbers shown at the rank's rounding (the
/// values kept exact); the zone by its title.
pub fn ranking_workbook(
    r: &(impl Rows + Sync + ?Sized),
    m: &Methodology,
    detail: bool,
    period: Option<crate::periods::Period>,
) -> Result<Vec<u8>, String> {
    use super::people;
    let meta = r.meta();
    let lang = people::lang(&m.title);
    let top = people::title_block(lang, m, period);
    let mut wb = Workbook::new();
    let all = column_specs(meta, detail);
    let split = all
        .iter()
        .position(|(_, c)| matches!(c, Col::Raw(_)))
        .unwrap_or(all.len());
    let (main, steps) = all.split_at(split);
    // people read the zone's title, not its identifier
    let main: Vec<(String, Col)> = main
        .iter()
        .filter_map(|(h, c)| Some((people::ranking_heading(lang, meta, h)?, *c)))
        .collect();
    let n = r.len();
    let header: Vec<String> = main.iter().map(|(h, _)| h.clone()).collect();
    let decimals = decimals_format(meta.score_decimals.unwrap_or(2));
    let format =
        |c: usize| matches!(main[c].1, Col::Score | Col::Group(_)).then(|| decimals.clone());
    let label_width = (0..n.min(10_000))
        .map(|i| r.label(i).chars().count())
        .max()
        .unwrap_or(10);
    let widths: Vec<usize> = main
        .iter()
        .map(|(_, c)| match c {
            Col::Label | Col::ZoneTitle => label_width,
            Col::Excluded => 30,
            _ => 10,
        })
        .collect();
    let fill = |row: usize| {
        let z = r.zone(row)?;
        let i = meta.zones.iter().position(|(name, _)| name == z)?;
        let title = &meta.zones[i].1;
        Some(Color::RGB(super::zones::colour(z, title, i).fill))
    };
    let filled: Vec<usize> = main
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| {
            matches!(
                c,
                Col::Place | Col::Key | Col::Label | Col::Score | Col::Zone | Col::ZoneTitle
            )
        })
        .map(|(i, _)| i)
        .collect();
    let cell = |row: usize, c: usize| cell_value(r, row, main[c].1);
    write_titled_sheet(
        &mut wb,
        &people::word(lang, "people-sheet-ranking"),
        &top,
        &header,
        n,
        &cell,
        &format,
        &filled,
        &fill,
        &widths,
    )?;
    if detail {
        let cols: Vec<(String, Col)> = [
            (people::word(lang, "people-key"), Col::Key),
            (people::word(lang, "people-region"), Col::Label),
        ]
        .into_iter()
        .chain(steps.iter().map(|(h, c)| {
            (
                people::ranking_heading(lang, meta, h).unwrap_or_else(|| h.clone()),
                *c,
            )
        }))
        .collect();
        let header: Vec<String> = cols.iter().map(|(h, _)| h.clone()).collect();
        let widths = [10, label_width];
        let cell = |row: usize, c: usize| cell_value(r, row, cols[c].1);
        let format = |c: usize| (c >= 2).then(|| decimals.clone());
        write_titled_sheet(
            &mut wb,
            &people::word(lang, "people-sheet-indicators"),
            &top,
            &header,
            n,
            &cell,
            &format,
            &[],
            &|_| None,
            &widths,
        )?;
    }
    methodology_sheet(&mut wb, m, lang, &top)?;
    let excluded: Vec<usize> = (0..n).filter(|&i| r.excluded(i).is_some()).collect();
    if !excluded.is_empty() {
        let cols = [Col::Key, Col::Label, Col::Excluded];
        let header = [
            people::word(lang, "people-key"),
            people::word(lang, "people-region"),
            people::word(lang, "people-excluded"),
        ];
        let cell = |row: usize, c: usize| cell_value(r, excluded[row], cols[c]);
        write_titled_sheet(
            &mut wb,
            &people::word(lang, "people-sheet-exclusions"),
            &top,
            &header,
            excluded.len(),
            &cell,
            &|_| None,
            &[],
            &|_| None,
            &[10, label_width, 40],
        )?;
    }
    wb.save_to_buffer().map_err(err)
}

/// The methodology in words, an indicator a row: its title, how it is computed, its
/// direction, transform, normalization and missing values in the glossary's words, its
/// block and weight; the identifier last, in a hidden column (for machines).
fn methodology_sheet(
    wb: &mut Workbook,
    m: &Methodology,
    lang: crate::i18n::Lang,
    top: &[String],
) -> Result<(), String> {
    use super::people;
    let w = |id: &str| people::word(lang, id);
    let header: Vec<String> = [
        "people-indicator",
        "people-formula",
        "people-better",
        "people-transform",
        "people-normalize",
        "people-missing",
        "people-block",
        "people-weight",
        "people-note",
        "people-identifier",
    ]
    .iter()
    .map(|id| w(id))
    .collect();
    let rows: Vec<Vec<String>> = m
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let (group, weight) = m
                .groups
                .iter()
                .find_map(|g| {
                    let mb = g.members.iter().find(|x| x.node == NodeRef::Indicator(i))?;
                    Some((g.title.clone(), people::weight(lang, g.scheme, mb.weight)))
                })
                .unwrap_or_default();
            let mut transforms: Vec<String> = ind.transforms.iter().map(|t| t.text()).collect();
            // (the outlier rule beside the transforms, in words)
            if ind.outliers != crate::builtins::Outliers::None {
                transforms.push(people::outliers(lang, &ind.outliers));
            }
            vec![
                ind.title.clone(),
                super::formula::formula(lang, m, &ind.value),
                people::better(lang, ind.better),
                transforms.join(", "),
                people::normalization(lang, &ind.normalization),
                people::missing(lang, &ind.missing),
                group,
                weight,
                people::prose(lang, &ind.notes.join(" ")),
                ind.name.clone(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(8)
                .min(50)
        })
        .collect();
    let cell = |row: usize, c: usize| match rows[row][c].as_str() {
        "" => Cell::Empty,
        t => Cell::Text(t.to_string()),
    };
    let ws = write_titled_sheet(
        wb,
        &w("people-sheet-methodology"),
        top,
        &header,
        rows.len(),
        &cell,
        &|_| None,
        &[],
        &|_| None,
        &widths,
    )?;
    ws.set_column_hidden(header.len() as u16 - 1).map_err(err)?;
    Ok(())
}

/// The methodology as a table: each indicator, its group and weight, as checked.
pub fn methodology_csv(m: &Methodology) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "indicator",
        "title",
        "formula",
        "better",
        "transform",
        "normalize",
        "missing",
        "group",
        "weight",
        "note",
        "outliers",
    ]);
    for (i, ind) in m.indicators.iter().enumerate() {
        let (group, weight) = m
            .groups
            .iter()
            .find_map(|g| {
                let mb = g.members.iter().find(|x| x.node == NodeRef::Indicator(i))?;
                let weight = match g.scheme {
                    WeightScheme::Points => format!("{} points", mb.weight),
                    WeightScheme::Percent => crate::builtins::pct(mb.weight),
                    WeightScheme::Relative => format!("{}", mb.weight),
                    WeightScheme::Equal => "equal".to_string(),
                };
                Some((g.name.clone(), weight))
            })
            .unwrap_or_default();
        let transforms: Vec<String> = ind.transforms.iter().map(|t| t.text()).collect();
        let better = match ind.better {
            crate::syntax::ast::Direction::Higher => "higher",
            crate::syntax::ast::Direction::Lower => "lower",
        };
        let _ = w.write_record([
            ind.name.as_str(),
            &ind.title,
            &ind.value_text,
            better,
            &transforms.join(", "),
            &ind.normalization.text(),
            &ind.missing.text(),
            &group,
            &weight,
            &ind.notes.join(" "),
            &ind.outliers.text(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A diff as a workbook: `moves` (every region, as `diff --format csv`) and `changes`
/// (the methodology's, one a row).
pub fn diff_workbook(d: &crate::diff::Diff) -> Result<Vec<u8>, String> {
    use super::people;
    // for people, in the new methodology's language
    let lang = people::lang(&d.new_title);
    let w = |id: &str| crate::i18n::t_in(lang, id, &[]);
    let heading = |h: &str| people::analysis_heading(lang, &[], h);
    let mut wb = Workbook::new();
    let fill = |moved: &str| {
        let moved: f64 = moved.parse().ok()?;
        let colour = if moved > 0.0 { 0xC6EFCE } else { 0xFFC7CE };
        (moved != 0.0).then_some(Color::RGB(colour))
    };
    // `moved` is the fifth column of `diff --format csv`
    let moves = w("people-sheet-moves");
    csv_sheet_headed(
        &mut wb,
        &moves,
        &super::diff_csv(d),
        Some((4, &fill)),
        Some(&heading),
    )?;
    // the methodology's changes, in the glossary's words
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(["area", "name", "title", "what"]);
    crate::i18n::with_lang(lang, || {
        for c in &d.changes {
            let (area, name, what) = super::diff::change_words(c);
            let _ = out.write_record([&area, &name, &c.title, &what]);
        }
    });
    let text = String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default();
    csv_sheet_headed(
        &mut wb,
        &w("people-sheet-changes"),
        &text,
        None,
        Some(&heading),
    )?;
    // each side's source and period, and whether the data differ
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(["side", "source", "period", "window", "data_changed"]);
    let changed = match d.data_changed {
        Some(true) => w("people-yes"),
        Some(false) => w("people-no"),
        None => String::new(),
    };
    for (side, s) in [
        ("people-side-old", &d.old_side),
        ("people-side-new", &d.new_side),
    ] {
        let period = s.value.map(|p| people::period(lang, p)).unwrap_or_default();
        let _ = out.write_record([
            w(side).as_str(),
            &s.source,
            &period,
            s.window.as_deref().unwrap_or(""),
            &changed,
        ]);
    }
    let text = String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default();
    csv_sheet_headed(
        &mut wb,
        &w("people-sheet-sides"),
        &text,
        None,
        Some(&heading),
    )?;
    wb.save_to_buffer().map_err(err)
}

/// Any other output's CSV as a workbook of one sheet.
pub fn table_workbook(name: &str, csv_text: &str) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    csv_sheet(&mut wb, name, csv_text, None)?;
    wb.save_to_buffer().map_err(err)
}

/// [`table_workbook`] for people: the sheet named and the columns headed in their
/// language (`heading`: a machine name to its heading, or none to leave it out).
pub fn table_workbook_headed(
    name: &str,
    csv_text: &str,
    heading: super::excel::Heading,
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    csv_sheet_headed(&mut wb, name, csv_text, None, Some(heading))?;
    wb.save_to_buffer().map_err(err)
}

/// A workbook of several sheets for people, each a CSV text (sheet name, text), the
/// columns headed in their language (`heading`: a machine name to its heading, or none to
/// leave it out).
pub fn sheets_workbook_headed(
    sheets: &[(String, String)],
    heading: super::excel::Heading,
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    for (name, text) in sheets {
        csv_sheet_headed(&mut wb, name, text, None, Some(heading))?;
    }
    wb.save_to_buffer().map_err(err)
}
