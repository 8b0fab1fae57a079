//! `run --database postgres://…`: the methodology's query run on a PostgreSQL server, its
//! ranking printed as `run` prints one (every format but the HTML report, which explains
//! each number from the run's own steps).

use super::commands::{fail, load_checked, options, print_notes, run_failed};
use super::emit::{binary_ok, bytes, finish_output, out_format, output_target, write_made};
use super::OutFormat;
use metodika::i18n::t;
use metodika::report;
use std::path::Path;

/// What `run --database` is asked for.
pub struct DatabaseRun<'a> {
    pub file: &'a Path,
    pub url: &'a str,
    pub tables: &'a [String],
    pub format: OutFormat,
    pub output: Option<&'a Path>,
    pub detail: bool,
    pub period: Option<&'a str>,
}

pub fn run(a: DatabaseRun, color: bool) -> i32 {
    if a.format == OutFormat::Html {
        return fail(&t("cli-database-html", &[]));
    }
    if let Err(e) = binary_ok(a.format, a.output) {
        return fail(&e);
    }
    let config = match metodika::engine::database::config(a.url) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let opts = match options(a.file, &[]) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let Some(m) = load_checked(a.file, &opts, color) else {
        return 1;
    };
    let (named, period) = match super::checking::sql_target(&m, a.tables, a.period) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let output = match output_target(a.file, &m, &opts, a.output) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let target = metodika::sql::Target {
        dialect: metodika::sql::Dialect::Postgres,
        tables: &named,
        period,
        detail: a.detail,
        run_columns: true,
    };
    // (nothing is written before the server has answered: a failed run leaves no file)
    let ranking = match metodika::engine::database::run_database(&m, &config, &target) {
        Ok(r) => r,
        Err(e) => return run_failed(&e, a.format),
    };
    print_notes(&ranking.notes);
    let made = if a.format == OutFormat::Xlsx {
        report::xlsx::ranking_workbook(
            &ranking,
            &m,
            a.detail,
            m.period
                .zip(a.period)
                .and_then(|(s, p)| metodika::periods::Period::parse(p, s).ok()),
        )
        .map(Into::into)
    } else if a.format == OutFormat::CsvExcel {
        // for people, as `run` writes it: the methodology's titles over its columns
        let text = report::render(&ranking, out_format(a.format), a.detail);
        let lang = report::people::lang(&m.title);
        Ok(report::excel::excel_csv_headed(text.as_bytes(), &|h| {
            report::people::ranking_heading(lang, &ranking, h)
        })
        .into())
    } else {
        let text = report::render(&ranking, out_format(a.format), a.detail);
        bytes(a.format, &text, "ranking").map(|b| b.into_owned().into())
    };
    finish_output(
        write_made(output.as_ref(), made),
        output,
        &metodika::i18n::count("count-regions", ranking.rows.len() as f64),
    )
}
