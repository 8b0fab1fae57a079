//! The commands that read methodology files without running them: `check`, `expand`
//! and `fmt`.

use super::commands::{fail, options, out, print_diags, print_loaded};
use super::summary::summary;
use super::DiagFormat;
use metodika::diag::{self, SourceFile};
use metodika::i18n::t;
use metodika::load::{self, Loaded};
use std::path::{Path, PathBuf};

/// `check --allow CODE` and `--deny CODE|warnings`: warnings left out, or made errors.
pub struct Rules<'a> {
    pub allow: &'a [String],
    pub deny: &'a [String],
}

impl Rules<'_> {
    /// Apply the rules to a file's diagnostics: allowed warnings dropped, denied ones
    /// made errors (with their code, so the reader sees which warning failed the check).
    fn apply(&self, diags: &mut Vec<diag::Diagnostic>) {
        let has = |list: &[String], code: &str| list.iter().any(|c| c.eq_ignore_ascii_case(code));
        diags.retain(|d| d.is_error() || !has(self.allow, d.code));
        for d in diags.iter_mut() {
            if !d.is_error() && (has(self.deny, "warnings") || has(self.deny, d.code)) {
                d.severity = diag::Severity::Error;
            }
        }
    }
}

pub fn check(
    files: &[PathBuf],
    format: DiagFormat,
    inputs: &[String],
    rules: Rules,
    color: bool,
) -> i32 {
    let mut failed = false;
    // every file's diagnostics, for the machine formats written at the end
    let mut all: Vec<(SourceFile, Vec<diag::Diagnostic>)> = Vec::new();
    let mut names = Vec::new();
    for f in files {
        names.push(metodika::source::shown_name(f));
        let opts = match options(f, inputs) {
            Ok(o) => o,
            Err(e) => return fail(&e),
        };
        let mut loaded: Loaded = match load::load_file(f, &opts) {
            Ok(l) => l,
            Err(d) => {
                failed = true;
                let sf = SourceFile::new(metodika::source::shown_name(f), "");
                if format == DiagFormat::Text {
                    print_diags(&[*d], &sf, color);
                } else {
                    all.push((sf, vec![*d]));
                }
                continue;
            }
        };
        rules.apply(&mut loaded.diagnostics);
        for (_, ds) in &mut loaded.others {
            rules.apply(ds);
        }
        if loaded.has_errors() {
            failed = true;
        }
        if format != DiagFormat::Text {
            all.extend(loaded.others);
            all.push((loaded.file, loaded.diagnostics));
            continue;
        }
        print_loaded(&loaded, color);
        let denied = loaded.all().any(|(_, d)| d.is_error());
        match (&loaded.methodology, denied) {
            (Some(m), false) => {
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
                        ("file", metodika::source::shown_name(f).into()),
                        ("ok", ok.into()),
                        ("summary", summary(m).into()),
                        ("warnings", w.into()),
                    ],
                );
                out(&format!("{line}\n"));
            }
            _ => {
                let errors = loaded.all().filter(|(_, d)| d.is_error()).count();
                eprintln!(
                    "{}: {}",
                    metodika::source::shown_name(f),
                    metodika::i18n::count("count-errors", errors as f64)
                );
            }
        }
    }
    let json: Vec<diag::JsonDiagnostic> = all
        .iter()
        .flat_map(|(file, ds)| ds.iter().map(move |d| diag::to_json(d, file)))
        .collect();
    let checked = super::annotate::Checked {
        files: names,
        diagnostics: json,
    };
    match format {
        DiagFormat::Text => {}
        DiagFormat::Json => out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&checked.diagnostics).unwrap_or_default()
        )),
        DiagFormat::Github => out(&super::annotate::github(&checked)),
        DiagFormat::Gitlab => out(&super::annotate::gitlab(&checked)),
        DiagFormat::Sarif => out(&super::annotate::sarif(&checked)),
        DiagFormat::Junit => out(&super::annotate::junit(&checked)),
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
                &SourceFile::new(metodika::source::shown_name(file), ""),
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
            metodika::source::shown_name(file),
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
                    &[("file", metodika::source::shown_name(file).into())]
                )
            );
            1
        }
    }
}

/// Whether a text's line breaks are mostly Windows' (CRLF): then the formatted file keeps
/// them.
fn crlf(text: &str) -> bool {
    let crlf = text.matches("\r\n").count();
    crlf > 0 && crlf * 2 >= text.matches('\n').count()
}

/// Whether every line break of a text is CRLF.
fn crlf_only(text: &str) -> bool {
    text.matches('\n').count() == text.matches("\r\n").count()
}

/// `metodika fmt`: each file in its canonical layout (written back, or with `--check`
/// only said, and with `--diff` shown). A file with Windows line breaks keeps them.
pub fn fmt(files: &[PathBuf], (check_only, show_diff): (bool, bool), color: bool) -> i32 {
    let mut would_change = Vec::new();
    let mut failed = false;
    for f in files {
        let file = match load::read_source(f) {
            Ok(s) => s,
            Err(d) => {
                print_diags(
                    &[*d],
                    &SourceFile::new(metodika::source::shown_name(f), ""),
                    color,
                );
                failed = true;
                continue;
            }
        };
        let windows = crlf(&file.text);
        let text = match windows {
            true => file.text.replace("\r\n", "\n"),
            false => file.text.to_string(),
        };
        let module = match metodika::syntax::parse(&text) {
            Ok(m) => m,
            Err(diags) => {
                let shown = SourceFile::new(file.name.clone(), text.as_str());
                print_diags(&diags, &shown, color);
                failed = true;
                continue;
            }
        };
        let mut formatted = metodika::fmt::format(&module, &text);
        if formatted == text && (!windows || !file.text.contains("\n") || crlf_only(&file.text)) {
            continue;
        }
        if show_diff {
            let name = metodika::source::shown_name(f);
            out(&similar::TextDiff::from_lines(&text, &formatted)
                .unified_diff()
                .context_radius(3)
                .header(&name, &format!("{name} (formatted)"))
                .to_string());
        }
        if windows {
            formatted = formatted.replace('\n', "\r\n");
        }
        if check_only {
            would_change.push(metodika::source::shown_name(f));
        } else if metodika::source::is_copy(f) {
            // a `git:` source or standard input: the canonical form, printed
            out(&formatted);
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
                        ("file", metodika::source::shown_name(f).into()),
                        ("why", e.to_string().into())
                    ]
                )
            );
            failed = true;
        } else {
            eprintln!(
                "{}",
                t(
                    "cli-formatted",
                    &[("file", metodika::source::shown_name(f).into())]
                )
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
