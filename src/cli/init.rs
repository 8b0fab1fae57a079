//! `metodika init DATA_FILE`: a starter methodology from a regional table — its key and
//! label columns, one indicator per numeric column, equal weights, a rank block, three
//! zones, and comments saying what to decide next. The file is written in canonical form
//! (`metodika fmt`), never over an existing one, and checks clean.

use metodika::data::parse_number;
use metodika::data::records::csv_sample;
use metodika::i18n::t;
use metodika::syntax::column_text;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The options of `metodika init`.
pub struct InitArgs<'a> {
    pub data: &'a Path,
    pub key: Option<&'a str>,
    pub label: Option<&'a str>,
    pub output: Option<&'a Path>,
}

/// Column names that say "the region's code" (compared in lower case).
const KEY_NAMES: &[&str] = &[
    "key",
    "code",
    "region_code",
    "region_id",
    "id",
    "okato",
    "oktmo",
    "iso",
    "код",
    "код_региона",
    "код_субъекта",
    "окато",
    "октмо",
];

/// Column names that say "the region's name".
const LABEL_NAMES: &[&str] = &[
    "label",
    "name",
    "region_name",
    "region",
    "title",
    "название",
    "наименование",
    "регион",
    "субъект",
    "субъект_рф",
];

/// Whether a header says one of `names`: as a whole (`Код_региона`, `код региона`) or by
/// its first word (`Код субъекта РФ`, `Субъект Российской Федерации`), case aside.
fn says(header: &str, names: &[&str]) -> bool {
    let words: Vec<String> = header
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let whole = words.join("_");
    names.contains(&whole.as_str())
        || words
            .first()
            .is_some_and(|w| names.contains(&w.as_str()) && !matches!(w.as_str(), "id" | "key"))
}

/// A column of the data file, as `init` sees it.
struct Col {
    name: String,
    /// Every filled cell a number (at least one).
    numeric: bool,
    /// Text (not numbers).
    text: bool,
    /// Every cell filled, and no two the same: it can tell the regions apart.
    unique: bool,
    /// How many regions have no value in it.
    missing: usize,
}

/// A refusal of `init`: its code, message and help.
struct Refusal {
    code: &'static str,
    message: String,
    help: String,
}

fn refuse(code: &'static str, message: String, help: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message,
        help: help.into(),
    }
}

/// Run `metodika init`; the exit status.
pub fn init(a: InitArgs) -> i32 {
    match starter(&a) {
        Ok((path, text, summary)) => match write_new(&path, &text) {
            Ok(()) => {
                let file = path.display().to_string();
                eprintln!(
                    "{}",
                    t(
                        "cli-wrote",
                        &[("file", (&file).into()), ("what", summary.into())]
                    )
                );
                eprintln!("{}", t("init-next", &[("file", file.into())]));
                0
            }
            Err(r) => report(&r),
        },
        Err(r) => report(&r),
    }
}

fn report(r: &Refusal) -> i32 {
    eprintln!(
        "{}",
        metodika::i18n::framed(r.code, &r.message, Some(&r.help))
    );
    2
}

/// Write `text` to `path` whole, refusing an existing file (even one made meanwhile).
fn write_new(path: &Path, text: &str) -> Result<(), Refusal> {
    let exists = || {
        refuse(
            "I001",
            t(
                "i001-message",
                &[("file", path.display().to_string().into())],
            ),
            t("i001-help", &[]),
        )
    };
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let cannot = |e: std::io::Error| {
        refuse(
            "I006",
            t(
                "file-unwritable",
                &[
                    ("file", path.display().to_string().into()),
                    ("why", e.to_string().into()),
                ],
            ),
            t("i006-help", &[]),
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".metodika-init-")
        .tempfile_in(&dir)
        .map_err(cannot)?;
    tmp.write_all(text.as_bytes()).map_err(cannot)?;
    tmp.as_file().sync_all().map_err(cannot)?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            exists()
        } else {
            cannot(e.error)
        }
    })?;
    Ok(())
}

/// The starter methodology: where it goes, its text, and what it holds.
fn starter(a: &InitArgs) -> Result<(PathBuf, String, String), Refusal> {
    let (cols, rows) = columns(a.data)?;
    let out = match a.output {
        Some(p) => p.to_path_buf(),
        None => a.data.with_extension("metodika"),
    };
    let input_path = relative_input(a.data, &out)?;
    let names = || {
        cols.iter()
            .map(|c| format!("`{}`", c.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let named = |want: &str, message: &str| -> Result<usize, Refusal> {
        cols.iter().position(|c| c.name == want).ok_or_else(|| {
            let hint = metodika::diag::did_you_mean(want, cols.iter().map(|c| c.name.as_str()));
            refuse(
                "I004",
                t(
                    message,
                    &[
                        ("column", want.into()),
                        ("file", a.data.display().to_string().into()),
                    ],
                ),
                hint.unwrap_or_else(|| t("i-columns-are", &[("columns", names().into())])),
            )
        })
    };
    let key = match a.key {
        Some(k) => named(k, "i004-key")?,
        None => cols
            .iter()
            .position(|c| c.unique && says(&c.name, KEY_NAMES))
            .or_else(|| cols.iter().position(|c| c.unique && c.text))
            .ok_or_else(|| {
                refuse(
                    "I002",
                    t(
                        "i002-message",
                        &[("file", a.data.display().to_string().into())],
                    ),
                    t("i002-help", &[("columns", names().into())]),
                )
            })?,
    };
    let label = match a.label {
        Some(l) => {
            let i = named(l, "i004-label")?;
            if i == key {
                return Err(refuse(
                    "I004",
                    t("i004-label-is-key", &[("column", l.into())]),
                    t("i004-label-is-key-help", &[]),
                ));
            }
            Some(i)
        }
        None => cols
            .iter()
            .enumerate()
            .position(|(i, c)| i != key && c.text && says(&c.name, LABEL_NAMES))
            .or_else(|| {
                cols.iter()
                    .enumerate()
                    .position(|(i, c)| i != key && c.text)
            }),
    };
    let mut skipped = Vec::new();
    let mut indicators: Vec<(String, String, usize)> = Vec::new();
    for (i, c) in cols.iter().enumerate() {
        if i == key || Some(i) == label {
            continue;
        }
        if !c.numeric {
            skipped.push(t("i-skipped-not-numbers", &[("column", (&c.name).into())]));
            continue;
        }
        // a header that is not a name: the indicator a name made of its words, the column
        // read by its header quoted (`data."Численность населения, чел."`)
        let mut name = if !is_word(&c.name) {
            suggest(&c.name)
        } else if is_reserved(&c.name) || c.name == "data" {
            format!("{}_", c.name)
        } else {
            c.name.clone()
        };
        while indicators.iter().any(|(n, _, _)| *n == name) {
            name.push('_');
        }
        indicators.push((name, c.name.clone(), c.missing));
    }
    if indicators.is_empty() {
        return Err(refuse(
            "I003",
            t(
                "i003-message",
                &[("file", a.data.display().to_string().into())],
            ),
            if skipped.is_empty() {
                t("i003-help", &[])
            } else {
                t("i003-skipped", &[("columns", skipped.join("; ").into())])
            },
        ));
    }
    let title = a
        .data
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rating".into());
    let text = render(&Starter {
        title: &title,
        data: &a.data.display().to_string(),
        input_path: &input_path,
        key: &cols[key].name,
        label: label.map(|l| cols[l].name.as_str()),
        indicators: &indicators,
        skipped: &skipped,
        rows,
    });
    let mut summary = t(
        "i-summary",
        &[
            (
                "indicators",
                metodika::i18n::count("count-indicators", indicators.len() as f64).into(),
            ),
            ("columns", cols.len().into()),
            ("key", (&cols[key].name).into()),
        ],
    );
    if let Some(l) = label {
        summary.push_str(&t("i-summary-label", &[("label", (&cols[l].name).into())]));
    }
    if !skipped.is_empty() {
        summary.push_str(&t("i-summary-skipped", &[("n", skipped.len().into())]));
    }
    Ok((out, text, summary))
}

/// The path of the data file as the methodology at `out` names it: relative to the
/// methodology's directory, which must hold it (inputs are confined to it).
fn relative_input(data: &Path, out: &Path) -> Result<String, Refusal> {
    let canon = |p: &Path| std::fs::canonicalize(p);
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (Ok(d), Ok(f)) = (canon(&dir), canon(data)) else {
        return Err(refuse(
            "I006",
            t(
                "i006-no-directory",
                &[("file", out.display().to_string().into())],
            ),
            t("i006-no-directory-help", &[]),
        ));
    };
    match f.strip_prefix(&d) {
        Ok(rel) => Ok(rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")),
        Err(_) => Err(refuse(
            "I005",
            t(
                "i005-message",
                &[
                    ("data", data.display().to_string().into()),
                    ("file", out.display().to_string().into()),
                ],
            ),
            t("i005-help", &[]),
        )),
    }
}

/// The columns of the data file and how many regions (rows) it has: a workbook, Parquet or
/// CSV, told apart as the checker and the engine tell an input.
fn columns(data: &Path) -> Result<(Vec<Col>, usize), Refusal> {
    if metodika::data::workbook::is_workbook(data) {
        let how = metodika::data::ReadAs::default();
        let (header, sample) =
            metodika::data::workbook::read_workbook_columns("data", &data.to_string_lossy(), &how)
                .map_err(|e| Refusal {
                    code: "I007",
                    message: format!("{}: {} ({})", data.display(), e.message, e.code),
                    help: e
                        .help
                        .clone()
                        .unwrap_or_else(|| t("i007-workbook-help", &[])),
                })?;
        return Ok(classify(header, sample));
    }
    if metodika::paths::is_parquet(data) {
        parquet_columns(data)
    } else {
        csv_columns(data)
    }
}

/// The largest table `init` reads whole: a regional table is far smaller; a file of
/// records is not one.
const MAX_TABLE: u64 = 256 << 20;

fn csv_columns(data: &Path) -> Result<(Vec<Col>, usize), Refusal> {
    let path = data.to_string_lossy();
    if let Ok(meta) = std::fs::metadata(data) {
        if meta.len() > MAX_TABLE {
            return Err(refuse(
                "I007",
                t(
                    "i007-too-large",
                    &[
                        ("file", data.display().to_string().into()),
                        ("size", (meta.len() >> 20).to_string().into()),
                    ],
                ),
                t("i007-too-large-help", &[]),
            ));
        }
    }
    let (header, sample) = csv_sample("data", &path, None, true).map_err(|e| Refusal {
        code: e.code,
        message: format!("{}: {}", data.display(), e.message),
        help: e.help.clone().unwrap_or_else(|| t("i007-file-help", &[])),
    })?;
    Ok(classify(header, sample))
}

/// Each column of a table read as text: numbers, keys, names; and how many rows.
fn classify(header: Vec<String>, sample: Vec<Vec<String>>) -> (Vec<Col>, usize) {
    let rows = sample.iter().map(Vec::len).max().unwrap_or(0);
    let cols = header
        .into_iter()
        .zip(sample)
        .map(|(name, cells)| {
            let filled: Vec<&str> = cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            let parsed: Vec<_> = filled.iter().map(|c| parse_number(c)).collect();
            let numeric =
                parsed.iter().all(Result::is_ok) && parsed.iter().any(|x| matches!(x, Ok(Some(_))));
            let mut seen = std::collections::HashSet::new();
            let unique = filled.len() == rows && filled.iter().all(|c| seen.insert(*c));
            let values = parsed.iter().filter(|x| matches!(x, Ok(Some(_)))).count();
            Col {
                name,
                numeric,
                text: !numeric,
                unique,
                missing: rows - values.min(rows),
            }
        })
        .collect();
    (cols, rows)
}

fn parquet_columns(data: &Path) -> Result<(Vec<Col>, usize), Refusal> {
    use polars::prelude::*;
    let bad = |e: String| {
        refuse(
            "I007",
            t(
                "i007-parquet",
                &[
                    ("file", data.display().to_string().into()),
                    ("why", e.into()),
                ],
            ),
            t("i007-parquet-help", &[]),
        )
    };
    // (a pipe or a device is refused before polars would wait on it)
    metodika::paths::open_regular(data).map_err(|e| bad(e.to_string()))?;
    let df = LazyFrame::scan_parquet(
        PlRefPath::new(data.to_string_lossy().as_ref()),
        ScanArgsParquet::default(),
    )
    .and_then(|lf| lf.collect())
    .map_err(|e| bad(e.to_string()))?;
    let rows = df.height();
    let cols = df
        .columns()
        .iter()
        .map(|c| {
            let dt = c.dtype();
            let numeric = dt.is_primitive_numeric() || matches!(dt, DataType::Decimal(..));
            let text = matches!(dt, DataType::String);
            let unique = c.null_count() == 0 && c.n_unique().is_ok_and(|u| u == rows);
            Col {
                name: c.name().to_string(),
                numeric,
                text,
                unique,
                missing: c.null_count(),
            }
        })
        .collect();
    Ok((cols, rows))
}

/// Whether `s` is a Unicode word (a reserved word is one too: it is written
/// `data.value`, its indicator named `value_`).
fn is_word(s: &str) -> bool {
    metodika::syntax::is_name(s) || is_reserved(s)
}

fn is_reserved(s: &str) -> bool {
    !metodika::syntax::is_name(s) && metodika::syntax::is_name(&format!("{s}_"))
}

/// An indicator's name made from a header that is not a name: its first words in lower
/// case, joined by `_` (`Число МКД, ед.` → `число_мкд_ед`), `x` before a leading digit,
/// `_` after a reserved word.
fn suggest(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(|w| w.to_lowercase())
        .collect();
    let mut out = words.join("_");
    if out.is_empty() {
        out = "indicator".to_string();
    }
    if !out.starts_with(|c: char| c.is_alphabetic()) {
        out.insert(0, 'x');
    }
    if !metodika::syntax::is_name(&out) {
        out.push('_');
    }
    if !metodika::syntax::is_name(&out) {
        out = "indicator".to_string();
    }
    out
}

/// A header as it stands in a comment of the starter: on one line, its line breaks and
/// other control characters written as escapes, so that nothing after them is live text.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// What the starter file holds.
struct Starter<'a> {
    title: &'a str,
    data: &'a str,
    input_path: &'a str,
    key: &'a str,
    label: Option<&'a str>,
    /// (name, column, how many regions have no value)
    indicators: &'a [(String, String, usize)],
    skipped: &'a [String],
    rows: usize,
}

/// The starter file, in canonical form.
fn render(s: &Starter) -> String {
    // a text inside a string literal, escaped as the language reads it
    let q = |t: &str| {
        let s = metodika::syntax::string_text(t);
        s[1..s.len() - 1].to_string()
    };
    let mut out = String::new();
    // the comments and titles in the user's language
    let mut comment = |text: String| {
        for line in text.lines() {
            out.push_str(&format!("# {}\n", one_line(line)));
        }
    };
    comment(t("init-intro", &[("data", s.data.into())]));
    out.push('\n');
    out.push_str(&format!(
        "methodology \"{}\" {{\n    version \"0.1\"\n    key {}\n",
        q(s.title),
        column_text(s.key)
    ));
    if let Some(l) = s.label {
        out.push_str(&format!("    label {}\n", column_text(l)));
    }
    out.push_str("}\n\n");
    out.push_str(&format!("input data \"{}\"\n\n", q(s.input_path)));
    if !s.skipped.is_empty() {
        out.push_str(&format!("# {}\n", t("init-left-out", &[])));
        for x in s.skipped {
            out.push_str(&format!("#   {}\n", one_line(x)));
        }
        out.push('\n');
    }
    for (name, column, missing) in s.indicators {
        out.push_str(&format!(
            "# {}\n",
            one_line(&t("init-decide-better", &[("column", column.into())]))
        ));
        let policy = if *missing > 0 {
            out.push_str(&format!(
                "# {}\n",
                t(
                    "init-decide-missing",
                    &[(
                        "regions",
                        metodika::i18n::count("count-regions-without", *missing as f64).into(),
                    )],
                )
            ));
            "median"
        } else {
            "error"
        };
        out.push_str(&format!(
            "indicator {name} \"{}\" {{\n    value = data.{}\n    better higher\n    \
             normalize minmax\n    missing {policy}\n}}\n\n",
            q(column),
            column_text(column)
        ));
    }
    out.push_str(&format!("# {}\n", t("init-decide-blocks", &[])));
    out.push_str(&format!("score \"{}\" {{\n", q(&t("init-score", &[]))));
    for (name, _, _) in s.indicators {
        out.push_str(&format!("    {name}\n"));
    }
    out.push_str("}\n\n");
    out.push_str(&format!(
        "# {}\nrank {{\n    round 2\n    ties competition\n}}\n\n",
        t("init-decide-rank", &[])
    ));
    let third = s.rows.div_ceil(3).max(1);
    for line in t("init-decide-zones", &[("n", s.rows.into())]).lines() {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(&format!(
        "zones {{\n    top    \"{}\"    top {third}\n    \
         middle \"{}\" next {third}\n    bottom \"{}\" otherwise\n}}\n",
        q(&t("init-zone-top", &[])),
        q(&t("init-zone-middle", &[])),
        q(&t("init-zone-bottom", &[]))
    ));
    match metodika::syntax::parse(&out) {
        Ok(ast) => metodika::fmt::format(&ast, &out),
        Err(_) => out,
    }
}
