//! A workbook's table: its rows read into a [`Table`] (every problem at once, each
//! naming its cell), or its columns as text for `metodika init`.

use super::{cell_ref, header_of, open_sheet, shown, Cell};
use crate::data::{codes, parse_number, region_name, DataError, DataErrors, ReadAs, Table, Wanted};
use crate::i18n::t;

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
                    t(
                        "d003-no-column-sheet",
                        &[
                            ("column", name.into()),
                            ("sheet", (&sheet.name).into()),
                            ("row", (hr + 1).to_string().into()),
                        ],
                    ),
                )
                .help(hint.unwrap_or_else(|| t("d003-no-column-sheet-help", &[])))
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
    let text_cols: Vec<u32> = w.texts.iter().map(|c| find(c)).collect::<Result<_, _>>()?;
    let mut texts: Vec<Vec<Option<String>>> = vec![Vec::new(); text_cols.len()];
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
                        t(
                            "d005-sheet",
                            &[
                                ("row", (r + 1).to_string().into()),
                                ("key", w.key.into()),
                                ("cell", at(key_col).into()),
                            ],
                        ),
                    )
                    .help(t("d005-help", &[]))
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
                Some(Cell::Text(text)) => parse_number(text).map_err(|e| {
                    format!(
                        "`{}` {}",
                        crate::data::csvfile::shorten_cell(text.trim()),
                        e.what()
                    )
                }),
                Some(other) => Err(t(
                    "cell-value-not-a-number",
                    &[("value", shown(other).into())],
                )),
            };
            match v {
                Ok(x) => values[j].push(x.unwrap_or(f64::NAN)),
                Err(what) => {
                    values[j].push(f64::NAN);
                    let help = if matches!(get(c), Some(Cell::Error(_))) {
                        t("d006-formula-help", &[])
                    } else {
                        t("d006-help", &[])
                    };
                    problems.push(
                        DataError::new(
                            codes::NOT_A_NUMBER,
                            input,
                            path,
                            t(
                                "d006-sheet",
                                &[
                                    ("region", region_name(&key, Some(&label)).into()),
                                    ("column", (&w.columns[j]).into()),
                                    ("cell", at(c).into()),
                                    ("what", what.into()),
                                ],
                            ),
                        )
                        .help(help)
                        .at_line(u64::from(*r) + 1),
                    );
                }
            }
        }
        for (j, &c) in text_cols.iter().enumerate() {
            texts[j].push(get(c).and_then(text_of).filter(|s| !s.is_empty()));
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
                t(
                    "d007-sheet",
                    &[
                        ("region", region_name(&keys[i], Some(&labels[i])).into()),
                        (
                            "first",
                            cell_ref(&sheet.name, rows_at[first], key_col).into(),
                        ),
                        ("second", cell_ref(&sheet.name, rows_at[i], key_col).into()),
                    ],
                ),
            )
            .help(t("d007-help", &[]))
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
            t(
                "d008-sheet",
                &[
                    ("sheet", (&sheet.name).into()),
                    ("row", (hr + 1).to_string().into()),
                ],
            ),
        )
        .help(t("d008-sheet-help", &[]))
        .into());
    }
    let note = (left > 0).then(|| {
        crate::notes::Note::new(
            "note-rows-left",
            &[
                ("sheet", (&sheet.name).into()),
                ("row", (prev + 2).to_string().into()),
                ("n", left.into()),
            ],
        )
    });
    Ok(Table {
        keys,
        labels: label_col.map(|_| labels),
        columns: w.columns.iter().cloned().zip(values).collect(),
        texts: w.texts.iter().cloned().zip(texts).collect(),
        note,
    })
}
