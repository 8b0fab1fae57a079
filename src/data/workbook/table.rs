//! A workbook's table: its rows read into a [`Table`] (every problem at once, each
//! naming its cell), or its columns as text for `metodika init`.

use super::{cell_ref, header_of, open_sheet, shown, Cell};
use crate::data::{codes, parse_number, region_name, DataError, DataErrors, ReadAs, Table, Wanted};

/// The table's header and each column's cells as text, down to the first empty row (for
/// `metodika init`, which tells numbers, keys and names apart as it does in a CSV file).
pub fn read_workbook_columns(
    input: &str,
    path: &str,
    how: &ReadAs,
) -> Result<(Vec<String>, Vec<Vec<String>>), DataError> {
    let sheet = open_sheet(input, path, how)?;
    let (hr, named) = header_of(input, path, &sheet, how)?;
    let mut cols: Vec<Vec<String>> = vec![Vec::new(); named.len()];
    let mut prev = hr;
    for (r, cells) in sheet.rows.iter().filter(|(r, _)| *r > hr) {
        if *r > prev + 1 {
            break;
        }
        prev = *r;
        for (j, (c, _)) in named.iter().enumerate() {
            let v = cells.iter().find(|(cc, _)| cc == c).map(|(_, v)| v);
            cols[j].push(match v {
                None => String::new(),
                Some(Cell::Error(e)) => e.to_string(),
                Some(v) => text_of(v).unwrap_or_default(),
            });
        }
    }
    Ok((named.into_iter().map(|(_, n)| n).collect(), cols))
}

/// A key or label cell as text: numbers without a needless `.0`.
fn text_of(v: &Cell) -> Option<String> {
    Some(match v {
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Cell::Number(x) => format!("{x}"),
        Cell::Date(d) => d.clone(),
        Cell::Flag(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Error(_) => return None,
    })
}

/// Read the table of a workbook: every problem at once, each naming its cell.
pub fn read_workbook(path: &str, w: &Wanted, how: &ReadAs) -> Result<Table, DataErrors> {
    let input = w.input;
    let sheet = open_sheet(input, path, how)?;
    let (hr, named) = header_of(input, path, &sheet, how)?;
    let find = |name: &str| -> Result<u32, DataError> {
        named
            .iter()
            .find(|(_, n)| n == name)
            .map(|(c, _)| *c)
            .ok_or_else(|| {
                let hint = crate::diag::did_you_mean(name, named.iter().map(|(_, n)| n.as_str()));
                DataError::new(
                    codes::HEADER,
                    input,
                    path,
                    format!(
                        "no column `{name}` in the header of sheet `{}` (row {})",
                        sheet.name,
                        hr + 1
                    ),
                )
                .help(hint.unwrap_or_else(|| "check the header row, or name it: `header N`".into()))
            })
    };
    let key_col = find(w.key)?;
    let label_col = match w.label {
        Some(l) if w.label_required => Some(find(l)?),
        Some(l) => named.iter().find(|(_, n)| n == l).map(|(c, _)| *c),
        None => None,
    };
    let cols: Vec<u32> = w
        .columns
        .iter()
        .map(|c| find(c))
        .collect::<Result<_, _>>()?;
    let mut keys = Vec::new();
    let mut labels = Vec::new();
    let mut rows_at = Vec::new();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); cols.len()];
    let mut problems = DataErrors::default();
    let mut prev = hr;
    let mut left = 0usize;
    let body = sheet.rows.iter().filter(|(r, _)| *r > hr);
    for (r, cells) in body {
        // the table ends at its first empty row
        if *r > prev + 1 || left > 0 {
            left += 1;
            continue;
        }
        prev = *r;
        let get = |c: u32| cells.iter().find(|(cc, _)| *cc == c).map(|(_, v)| v);
        let at = |c: u32| cell_ref(&sheet.name, *r, c);
        let key = match get(key_col).map(text_of) {
            Some(Some(k)) if !k.is_empty() => k,
            Some(_) | None => {
                problems.push(
                    DataError::new(
                        codes::NO_KEY,
                        input,
                        path,
                        format!(
                            "row {} has no key in the column `{}` ({})",
                            r + 1,
                            w.key,
                            at(key_col)
                        ),
                    )
                    .help("every row needs the region's key")
                    .at_line(u64::from(*r) + 1),
                );
                continue;
            }
        };
        let label = label_col
            .and_then(|c| get(c).and_then(text_of))
            .unwrap_or_default();
        for (j, &c) in cols.iter().enumerate() {
            let v = match get(c) {
                None => Ok(None),
                Some(Cell::Number(x)) if x.is_finite() => Ok(Some(*x)),
                Some(Cell::Text(t)) => parse_number(t).map_err(|e| {
                    format!(
                        "`{}` {}",
                        crate::data::csvfile::shorten_cell(t.trim()),
                        e.what()
                    )
                }),
                Some(other) => Err(format!("{} is not a number", shown(other))),
            };
            match v {
                Ok(x) => values[j].push(x.unwrap_or(f64::NAN)),
                Err(what) => {
                    values[j].push(f64::NAN);
                    let help = if matches!(get(c), Some(Cell::Error(_))) {
                        "the formula in the cell fails: correct it in the workbook, or leave the cell empty when there is no value"
                    } else {
                        "numbers may use a decimal comma or point; leave the cell empty or write `-` or `н/д` when there is no value"
                    };
                    problems.push(
                        DataError::new(
                            codes::NOT_A_NUMBER,
                            input,
                            path,
                            format!(
                                "region {}, column `{}` ({}): {what}",
                                region_name(&key, Some(&label)),
                                w.columns[j],
                                at(c)
                            ),
                        )
                        .help(help)
                        .at_line(u64::from(*r) + 1),
                    );
                }
            }
        }
        keys.push(key);
        labels.push(label);
        rows_at.push(*r);
    }
    for (first, i) in crate::data::repeats(|| keys.iter().map(|k| k.as_str())) {
        problems.push(
            DataError::new(
                codes::DUPLICATE,
                input,
                path,
                format!(
                    "region {} appears twice ({} and {})",
                    region_name(&keys[i], Some(&labels[i])),
                    cell_ref(&sheet.name, rows_at[first], key_col),
                    cell_ref(&sheet.name, rows_at[i], key_col)
                ),
            )
            .help("each region must have exactly one row")
            .at_line(u64::from(rows_at[i]) + 1),
        );
    }
    if !problems.is_empty() {
        return Err(problems.in_file_order());
    }
    if keys.is_empty() {
        return Err(DataError::new(
            codes::EMPTY,
            input,
            path,
            format!(
                "sheet `{}` has a header (row {}) but no rows below it",
                sheet.name,
                hr + 1
            ),
        )
        .help("one row per region, right below the header")
        .into());
    }
    let note = (left > 0).then(|| {
        format!(
            "sheet `{}`: the table ends at its first empty row ({}); {left} row(s) below it were not read",
            sheet.name,
            prev + 2
        )
    });
    Ok(Table {
        keys,
        labels: label_col.map(|_| labels),
        columns: w.columns.iter().cloned().zip(values).collect(),
        note,
    })
}
