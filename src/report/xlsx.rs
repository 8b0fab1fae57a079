//! Workbooks (`--format xlsx`), written with rust_xlsxwriter in its constant-memory mode
//! (each row goes to a temporary file as it is written, so a million regions take no
//! more memory than their CSV). Every sheet is made from the CSV of the same output, so
//! a workbook holds exactly the CSV's values: numbers as numbers (the same f64), texts as
//! texts — keys like `01` stay text. The ranking's sheet has its header frozen, a filter
//! on every column, the zones filled with their colours and the score shown at the rank's
//! rounding; the methodology's sheet lists each indicator as it was checked.

use crate::check::{Methodology, NodeRef, WeightScheme};
use crate::engine::Ranking;
use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

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

/// A zone's fill: its colour when its name says one (`green`, `зелёная`), else one of a
/// palette by its order.
fn zone_fill(name: &str, index: usize) -> Color {
    let n = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&["green", "зел"]) {
        Color::RGB(0xC6EFCE)
    } else if has(&["yellow", "жёлт", "желт", "amber"]) {
        Color::RGB(0xFFEB9C)
    } else if has(&["red", "крас"]) {
        Color::RGB(0xFFC7CE)
    } else {
        const PALETTE: [u32; 5] = [0xDDEBF7, 0xFCE4D6, 0xE2EFDA, 0xEDEDED, 0xFFF2CC];
        Color::RGB(PALETTE[index % PALETTE.len()])
    }
}

fn err(e: XlsxError) -> String {
    format!("cannot write the workbook: {e}")
}

/// Whether a CSV field is a number as metodika writes them (no leading zero: `01` is a
/// code, not a number).
fn number(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
        return None;
    }
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// How one column of a sheet is written.
struct Column {
    numeric: bool,
    format: Option<Format>,
}

/// Write the CSV `csv_text` into a new constant-memory sheet `name`: a bold frozen
/// header, a filter, numbers as numbers; `fill(row)` colours a row's cells in `filled`
/// columns; `formats` gives a number format by column name.
fn sheet(
    wb: &mut Workbook,
    name: &str,
    csv_text: &str,
    formats: &dyn Fn(&str) -> Option<Format>,
    filled: &[&str],
    fill: &dyn Fn(&csv::StringRecord) -> Option<Color>,
) -> Result<(), String> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().filter_map(Result::ok).collect();
    let Some(header) = rows.first() else {
        return Ok(());
    };
    let cols: Vec<Column> = header
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let values = rows[1..]
                .iter()
                .filter_map(|r| r.get(c))
                .filter(|f| !f.is_empty());
            let numeric = !TEXT_COLUMNS.contains(&h) && values.clone().all(|f| number(f).is_some());
            Column {
                numeric,
                format: formats(h),
            }
        })
        .collect();
    let ws: &mut Worksheet = wb.add_worksheet_with_constant_memory();
    ws.set_name(name).map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        let w = rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|f| f.chars().count())
            .max()
            .unwrap_or(8);
        ws.set_column_width(c as u16, (w.clamp(6, 60) + 2) as f64)
            .map_err(err)?;
        ws.write_string_with_format(0, c as u16, h, &bold)
            .map_err(err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    let last = rows.len().saturating_sub(1) as u32;
    ws.autofilter(0, 0, last, header.len().saturating_sub(1) as u16)
        .map_err(err)?;
    for (r, row) in rows.iter().enumerate().skip(1) {
        let colour = fill(row);
        for (c, f) in row.iter().enumerate() {
            if f.is_empty() {
                continue;
            }
            let col = cols.get(c);
            let mut format = col.and_then(|x| x.format.clone());
            if let (Some(colour), true) = (colour, filled.contains(&header.get(c).unwrap_or(""))) {
                format = Some(format.unwrap_or_default().set_background_color(colour));
            }
            let (r, c) = (r as u32, c as u16);
            match (
                col.is_some_and(|x| x.numeric).then(|| number(f)).flatten(),
                &format,
            ) {
                (Some(v), Some(fm)) => ws.write_number_with_format(r, c, v, fm),
                (Some(v), None) => ws.write_number(r, c, v),
                (None, Some(fm)) => ws.write_string_with_format(r, c, f, fm),
                (None, None) => ws.write_string(r, c, f),
            }
            .map_err(err)?;
        }
    }
    Ok(())
}

/// `0.00`, or as many decimals as the rank compares.
fn decimals_format(n: u32) -> Format {
    let n = n.max(2) as usize;
    Format::new().set_num_format(format!("0.{}", "0".repeat(n)))
}

/// A run as a workbook: `ranking`, `indicators` (with `detail`), `methodology`,
/// `exclusions` (when a region is excluded).
pub fn ranking_workbook(r: &Ranking, m: &Methodology, detail: bool) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let decimals = r.score_decimals.unwrap_or(2);
    let numbers =
        |h: &str| (h == "score" || h.starts_with("group.")).then(|| decimals_format(decimals));
    let zone_col = 4; // place, key, label, score, zone
    let fill = |row: &csv::StringRecord| {
        let z = row.get(zone_col)?;
        let i = r.zones.iter().position(|(n, _)| n == z)?;
        Some(zone_fill(z, i))
    };
    sheet(
        &mut wb,
        "ranking",
        &super::csv(r, false),
        &numbers,
        &["place", "key", "label", "score", "zone", "zone_title"],
        &fill,
    )?;
    if detail {
        // key and label, then each indicator's raw value, value, normalized value, points
        let full = super::csv(r, true);
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(full.as_bytes());
        let mut w = csv::Writer::from_writer(Vec::new());
        let first_indicator = 7 + r.groups.len();
        for rec in rd.records().filter_map(Result::ok) {
            let fields: Vec<&str> = [rec.get(1), rec.get(2)]
                .into_iter()
                .flatten()
                .chain(rec.iter().skip(first_indicator))
                .collect();
            let _ = w.write_record(fields);
        }
        let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        let none = |_: &str| None;
        sheet(&mut wb, "indicators", &text, &none, &[], &|_| None)?;
    }
    sheet(
        &mut wb,
        "methodology",
        &methodology_csv(m),
        &|_| None,
        &[],
        &|_| None,
    )?;
    if r.rows.iter().any(|x| x.excluded.is_some()) {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["key", "label", "excluded"]);
        for row in r.rows.iter().filter(|x| x.excluded.is_some()) {
            let _ = w.write_record([
                &row.key,
                &row.label,
                row.excluded.as_deref().unwrap_or_default(),
            ]);
        }
        let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        sheet(&mut wb, "exclusions", &text, &|_| None, &[], &|_| None)?;
    }
    wb.save_to_buffer().map_err(err)
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
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A diff as a workbook: `moves` (every region, as `diff --format csv`) and `changes`
/// (the methodology's, one a row).
pub fn diff_workbook(d: &crate::diff::Diff) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let fill = |row: &csv::StringRecord| {
        let moved: f64 = row.get(4)?.parse().ok()?;
        let colour = if moved > 0.0 { 0xC6EFCE } else { 0xFFC7CE };
        (moved != 0.0).then_some(Color::RGB(colour))
    };
    sheet(
        &mut wb,
        "moves",
        &super::diff_csv(d),
        &|_| None,
        &["moved"],
        &fill,
    )?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["area", "name", "what"]);
    for c in &d.changes {
        let _ = w.write_record([&c.area, &c.name, &c.what]);
    }
    let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    sheet(&mut wb, "changes", &text, &|_| None, &[], &|_| None)?;
    wb.save_to_buffer().map_err(err)
}

/// Any other output's CSV as a workbook of one sheet.
pub fn table_workbook(name: &str, csv_text: &str) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    sheet(&mut wb, name, csv_text, &|_| None, &[], &|_| None)?;
    wb.save_to_buffer().map_err(err)
}
