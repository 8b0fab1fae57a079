//! An output in the format asked for — text, CSV for Excel, a workbook — to a file
//! (checked before the run, written whole or not at all) or to standard output.

use super::commands::remember_stdout_error;
use super::OutFormat;
use metodika::check::Methodology;
use metodika::engine::{self, RunOptions};
use metodika::report::{self, Format};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) fn out_format(f: OutFormat) -> Format {
    match f {
        OutFormat::Table | OutFormat::Html => Format::Table,
        OutFormat::Csv | OutFormat::CsvExcel | OutFormat::Xlsx => Format::Csv,
        OutFormat::Json | OutFormat::Sarif => Format::Json,
        OutFormat::Markdown => Format::Markdown,
    }
}

/// The bytes of an output as `format` wants them: CSV made over for Excel with
/// `--format csv-excel`, a workbook of one sheet `sheet` with `--format xlsx`, any other
/// text as it is.
pub(super) fn bytes<'t>(
    format: OutFormat,
    text: &'t str,
    sheet: &str,
) -> Result<std::borrow::Cow<'t, [u8]>, String> {
    Ok(match format {
        OutFormat::CsvExcel => report::excel_csv(text.as_bytes()).into(),
        OutFormat::Xlsx => report::xlsx::table_workbook(sheet, text)?.into(),
        _ => text.as_bytes().into(),
    })
}

/// [`bytes`] for the formats people open — the Excel CSV and the workbook — with the
/// columns headed by `heading` (a machine name to the words of the methodology's language,
/// or none to leave the column out) and the workbook's sheet named `sheet`.
pub(super) fn people_bytes<'t>(
    format: OutFormat,
    text: &'t str,
    sheet: &str,
    heading: report::excel::Heading,
) -> Result<std::borrow::Cow<'t, [u8]>, String> {
    Ok(match format {
        OutFormat::CsvExcel => report::excel::excel_csv_headed(text.as_bytes(), heading).into(),
        OutFormat::Xlsx => report::xlsx::table_workbook_headed(sheet, text, heading)?.into(),
        _ => text.as_bytes().into(),
    })
}

/// `--format html` for a command that makes no page (a panel, a sensitivity analysis):
/// `Err` says which do.
pub(super) fn page_ok(format: OutFormat, what: &str) -> Result<(), String> {
    if format == OutFormat::Html {
        return Err(metodika::i18n::t("cli-no-page", &[("what", what.into())]));
    }
    Ok(())
}

/// A workbook is not printed to a terminal: `Err` says what to do instead.
pub(super) fn binary_ok(format: OutFormat, output: Option<&Path>) -> Result<(), String> {
    use std::io::IsTerminal;
    if format == OutFormat::Xlsx && output.is_none() && std::io::stdout().is_terminal() {
        return Err(metodika::i18n::t("cli-workbook-terminal", &[]));
    }
    Ok(())
}

/// Write `bytes` (made by `make`) to the output, or say why nothing was written.
pub(super) fn write_made(
    output: Option<&(&Path, PathBuf)>,
    made: Result<std::borrow::Cow<'_, [u8]>, String>,
) -> std::io::Result<()> {
    match made {
        Ok(b) => write_output(output, |w| w.write_all(&b)),
        Err(e) => Err(std::io::Error::other(e)),
    }
}

/// Where the output goes, checked before the run: never onto the run's own files (the
/// methodology, its inputs and record inputs).
pub(super) fn output_target<'p>(
    file: &Path,
    m: &Methodology,
    opts: &RunOptions,
    output: Option<&'p Path>,
) -> Result<Option<(&'p Path, PathBuf)>, String> {
    let Some(p) = output else {
        return Ok(None);
    };
    let mut files = vec![(
        metodika::i18n::t("output-the-methodology", &[]),
        file.to_path_buf(),
    )];
    for (name, path) in m
        .inputs
        .iter()
        .map(|i| (&i.name, &i.path))
        .chain(m.records.iter().map(|r| (&r.name, &r.path)))
    {
        files.push((
            metodika::i18n::t("output-input", &[("name", name.into())]),
            engine::input_path(name, path, opts),
        ));
    }
    let real = super::output::target(p, &super::output::Protected { files })?;
    Ok(Some((p, real)))
}

/// After writing: say where, or why nothing was written; the exit status.
pub(super) fn finish_output(
    written: std::io::Result<()>,
    output: Option<(&Path, PathBuf)>,
    what: &str,
) -> i32 {
    match (written, output) {
        (Ok(()), Some((p, _))) => {
            let file = p.display().to_string();
            eprintln!(
                "{}",
                metodika::i18n::t("cli-wrote", &[("file", file.into()), ("what", what.into())])
            );
            0
        }
        (Ok(()), None) => 0,
        (Err(e), Some((p, _))) => {
            eprintln!(
                "{}: {}",
                metodika::i18n::t("diag-error", &[]),
                metodika::i18n::t(
                    "cli-nothing-written",
                    &[(
                        "why",
                        metodika::i18n::t(
                            "file-unwritable",
                            &[
                                ("file", p.display().to_string().into()),
                                ("why", e.to_string().into())
                            ]
                        )
                        .into()
                    )]
                )
            );
            1
        }
        (Err(e), None) => {
            remember_stdout_error(&e);
            1
        }
    }
}

/// The output of a run: to the file (its checked real path), whole or not at all, or to
/// standard output.
pub(super) fn write_output(
    output: Option<&(&Path, PathBuf)>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match output {
        Some((_, real)) => super::output::write_whole(real, false, write),
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            write(&mut out)?;
            out.flush()
        }
    }
}
