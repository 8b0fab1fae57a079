//! The commands that read methodology files without running them: `check`, `expand`
//! and `fmt`.

use super::commands::{fail, options, out, print_diags, print_loaded};
use super::summary::summary;
use super::DiagFormat;
use metodika::diag::{self, SourceFile};
use metodika::i18n::t;
use metodika::load::{self, Loaded};
use std::path::{Path, PathBuf};

pub fn check(files: &[PathBuf], format: DiagFormat, inputs: &[String], color: bool) -> i32 {
    let mut failed = false;
    let mut json_out = Vec::new();
    for f in files {
        let opts = match options(f, inputs) {
            Ok(o) => o,
            Err(e) => return fail(&e),
        };
        let loaded: Loaded = match load::load_file(f, &opts) {
            Ok(l) => l,
            Err(d) => {
                failed = true;
                let sf = SourceFile::new(f.display().to_string(), "");
                if format == DiagFormat::Json {
                    json_out.push(serde_json::to_value(diag::to_json(&d, &sf)).unwrap());
                } else {
                    print_diags(&[*d], &sf, color);
                }
                continue;
            }
        };
        if loaded.has_errors() {
            failed = true;
        }
        match format {
            DiagFormat::Json => {
                for (file, d) in loaded.all() {
                    json_out.push(serde_json::to_value(diag::to_json(d, file)).unwrap());
                }
            }
            DiagFormat::Text => {
                print_loaded(&loaded, color);
                match &loaded.methodology {
                    Some(m) => {
                        let warnings = loaded.all().count();
                        let w = if warnings > 0 {
                            format!(
                                ", {}",
                                metodika::i18n::count("count-warnings", warnings as f64)
                            )
                        } else {
                            String::new()
                        };
                        let ok = metodika::i18n::t("check-ok", &[]);
                        let line = metodika::i18n::t(
                            "check-line",
                            &[
                                ("file", f.display().to_string().into()),
                                ("ok", ok.into()),
                                ("summary", summary(m).into()),
                                ("warnings", w.into()),
                            ],
                        );
                        out(&format!("{line}\n"));
                    }
                    None => {
                        let errors = loaded.all().filter(|(_, d)| d.is_error()).count();
                        eprintln!(
                            "{}: {}",
                            f.display(),
                            metodika::i18n::count("count-errors", errors as f64)
                        );
                    }
                }
            }
        }
    }
    if format == DiagFormat::Json {
        out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&json_out).unwrap_or_default()
        ));
    }
    i32::from(failed)
}

/// `metodika expand`: the whole methodology, merged and written out.
pub fn expand(file: &Path, inputs: &[String], color: bool) -> i32 {
    let opts = match options(file, inputs) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let loaded = match load::load_file(file, &opts) {
        Ok(l) => l,
        Err(d) => {
            print_diags(
                &[*d],
                &SourceFile::new(file.display().to_string(), ""),
                color,
            );
            return 1;
        }
    };
    if loaded.has_errors() {
        print_loaded(&loaded, color);
        let n = loaded.all().filter(|(_, d)| d.is_error()).count();
        eprintln!(
            "{}: {}",
            file.display(),
            metodika::i18n::count("count-errors", n as f64)
        );
        return 1;
    }
    match load::expanded_text(&loaded) {
        Some(text) => {
            out(&text);
            0
        }
        None => {
            eprintln!(
                "{}: {}",
                t("diag-error", &[]),
                t(
                    "cli-expand-failed",
                    &[("file", file.display().to_string().into())]
                )
            );
            1
        }
    }
}

pub fn fmt(files: &[PathBuf], check_only: bool, color: bool) -> i32 {
    let mut would_change = Vec::new();
    let mut failed = false;
    for f in files {
        let file = match load::read_source(f) {
            Ok(s) => s,
            Err(d) => {
                print_diags(&[*d], &SourceFile::new(f.display().to_string(), ""), color);
                failed = true;
                continue;
            }
        };
        let module = match metodika::syntax::parse(&file.text) {
            Ok(m) => m,
            Err(diags) => {
                print_diags(&diags, &file, color);
                failed = true;
                continue;
            }
        };
        let formatted = metodika::fmt::format(&module, &file.text);
        if formatted.as_str() == &*file.text {
            continue;
        }
        if check_only {
            would_change.push(f.display().to_string());
        } else if let Err(e) = super::output::write_whole(
            // through a link, to the file it names
            &std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()),
            true,
            |w| w.write_all(formatted.as_bytes()),
        ) {
            eprintln!(
                "{}: {}",
                t("diag-error", &[]),
                t(
                    "file-unwritable",
                    &[
                        ("file", f.display().to_string().into()),
                        ("why", e.to_string().into())
                    ]
                )
            );
            failed = true;
        } else {
            eprintln!(
                "{}",
                t("cli-formatted", &[("file", f.display().to_string().into())])
            );
        }
    }
    for f in &would_change {
        out(&format!(
            "{}\n",
            t("cli-would-reformat", &[("file", f.into())])
        ));
    }
    i32::from(failed || !would_change.is_empty())
}

/// `metodika sql`: the methodology as one SQL query.
pub fn sql(
    file: &Path,
    dialect: super::SqlDialect,
    tables: &[String],
    inputs: &[String],
    how: (Option<&str>, bool),
    color: bool,
) -> i32 {
    let opts = match options(file, inputs) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let Some(m) = super::commands::load_checked(file, &opts, color) else {
        return 1;
    };
    match sql_target(&m, tables, how.0) {
        Ok((named, period)) => {
            let target = metodika::sql::Target {
                dialect: dialect.into(),
                tables: &named,
                period,
                detail: how.1,
                run_columns: false,
            };
            out(&metodika::sql::translate(&m, &target));
            0
        }
        Err(e) => fail(&e),
    }
}

/// The tables (`--table INPUT=schema.table`) and the period (`--period`) of a query, or
/// what is wrong with them: an input or record input the methodology does not have, a
/// pair without `=`, a period of another scheme, or none for a methodology whose
/// aggregates count a period.
pub(super) fn sql_target(
    m: &metodika::check::Methodology,
    tables: &[String],
    period: Option<&str>,
) -> Result<
    (
        std::collections::BTreeMap<String, String>,
        Option<metodika::periods::Period>,
    ),
    String,
> {
    let mut named = std::collections::BTreeMap::new();
    let names: Vec<&str> = m
        .inputs
        .iter()
        .map(|i| i.name.as_str())
        .chain(m.records.iter().map(|r| r.name.as_str()))
        .collect();
    for pair in tables {
        let Some((input, table)) = pair
            .split_once('=')
            .filter(|(i, t)| !i.is_empty() && !t.is_empty())
        else {
            return Err(t("sql-table-pair", &[("found", pair.into())]));
        };
        if !names.contains(&input) {
            let hint = diag::did_you_mean(input, names.iter().copied()).unwrap_or_default();
            return Err(format!(
                "{} {hint}",
                t("sql-table-unknown", &[("input", input.into())])
            ));
        }
        named.insert(input.to_string(), table.to_string());
    }
    let mut opts = metodika::engine::RunOptions::default();
    super::commands::with_period(m, &mut opts, period)?;
    if let (None, Some(scheme), false) = (opts.period, m.period, m.record_aggs.is_empty()) {
        return Err(t(
            "sql-period-needed",
            &[("example", scheme.every.example().into())],
        ));
    }
    Ok((named, opts.period))
}
