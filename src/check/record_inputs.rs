//! `records` declarations: their fields, files and column types.

use super::records::DeclaredRecords;
use super::{Checker, RecordsDef};
use crate::data::records::ColType;
use crate::diag::{did_you_mean, Diagnostic};
use crate::syntax::ast::*;
use std::collections::BTreeMap;

impl Checker<'_> {
    /// Declare the record inputs: their fields, files and columns. `taken`: the names of
    /// the region inputs, which a record input may not reuse.
    pub(super) fn declare_records(
        &mut self,
        m: &Module,
        key: Option<&Ident>,
        taken: &[(String, Span)],
    ) -> Vec<RecordsDef> {
        let mut out: Vec<RecordsDef> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for item in &m.items {
            let Item::Records(r) = item else { continue };
            let first = taken
                .iter()
                .find(|(n, _)| *n == r.name.name)
                .map(|(_, s)| *s)
                .or_else(|| {
                    out.iter()
                        .zip(&spans)
                        .find(|(d, _)| d.name == r.name.name)
                        .map(|(_, s)| *s)
                });
            if let Some(first) = first {
                self.duplicate("input", &r.name, first);
                continue;
            }
            let mut seen: std::collections::HashMap<&str, Span> = Default::default();
            let (mut rkey, mut date, mut ignore, mut encoding) = (None, None, false, None);
            let mut stock = false;
            for f in &r.fields {
                let (kw, span) = match f {
                    RecordsField::Key(k) => ("key", k.span),
                    RecordsField::Date(d) => ("date", d.span),
                    RecordsField::Unknown(u) => ("unknown", u.span),
                    RecordsField::Encoding(e) => ("encoding", e.span),
                    RecordsField::Stock(s) => ("stock", *s),
                };
                if !self.first_field(&mut seen, kw, span) {
                    continue;
                }
                match f {
                    RecordsField::Key(k) => rkey = Some(k.clone()),
                    RecordsField::Date(d) => date = Some(d.clone()),
                    RecordsField::Unknown(u) => match u.name.as_str() {
                        "ignore" => ignore = true,
                        "error" => ignore = false,
                        other => self.error(
                            Diagnostic::error("E108", format!("`unknown {other}`: no such choice"))
                                .at(u.span, "`ignore` or `error`")
                                .help("`unknown ignore` leaves out (and counts) the records of regions the region tables do not have; `unknown error`, the default, stops the run"),
                        ),
                    },
                    RecordsField::Encoding(e) => encoding = self.encoding(e),
                    RecordsField::Stock(_) => stock = true,
                }
            }
            let key_ident = rkey.or_else(|| key.cloned());
            let name = r.name.name.clone();
            let path = r.path.value.clone();
            let mut schema = None;
            if crate::data::workbook::is_workbook(std::path::Path::new(&path)) {
                self.error(
                    Diagnostic::error("E119", format!("record input `{name}` is a workbook"))
                        .at(r.path.span, "records are read from CSV or Parquet files")
                        .help(
                            "save the sheet of records as CSV (UTF-8), or export them as Parquet",
                        ),
                );
            } else if let Some(why) = self.header_source.refuse(&name, &path) {
                self.error(
                    Diagnostic::error("E113", format!("input `{name}` is outside the methodology's directory"))
                        .at(r.path.span, why)
                        .help(format!(
                            "keep the data beside the methodology, or allow it: `--input {name}=PATH` or `--allow-outside`"
                        )),
                );
            } else {
                match self.header_source.record_schema(&name, &path, encoding) {
                    Ok(s) => schema = Some(s),
                    Err(why) if !why.is_empty() => self.diags.push(
                        Diagnostic::warning(
                            "W003",
                            format!("the columns of records `{name}` could not be read"),
                        )
                        .at(r.path.span, why)
                        .help("their names and types are not checked; `run` will need the file"),
                    ),
                    Err(_) => {}
                }
            }
            let mut decl = DeclaredRecords {
                name: name.clone(),
                schema,
                used: BTreeMap::new(),
            };
            if let (Some(k), Some(s)) = (&key_ident, &decl.schema) {
                match s.iter().find(|(c, _)| *c == k.name) {
                    None => {
                        let help = did_you_mean(&k.name, s.iter().map(|(c, _)| c.as_str()))
                            .unwrap_or_else(|| {
                                format!("name the column of the region: `records {name} \"…\" {{ key column }}`")
                            });
                        self.error(
                            Diagnostic::error(
                                "E102",
                                format!("records `{name}` have no key column `{}`", k.name),
                            )
                            .at(k.span, "no such column")
                            .related(r.name.span, "every record needs its region")
                            .help(help),
                        );
                    }
                    Some((_, t)) if matches!(t, ColType::Date | ColType::Bool) => {
                        self.error(
                            Diagnostic::error(
                                "E501",
                                format!(
                                    "the key column `{}` of records `{name}` holds {}",
                                    k.name,
                                    t.name()
                                ),
                            )
                            .at(k.span, "not a region's key")
                            .help(
                                "the key column holds the region's code, as in the region tables",
                            ),
                        );
                    }
                    Some(_) => {}
                }
            }
            if let (Some(d), None) = (&date, &decl.schema) {
                decl.used.insert(d.name.clone(), ColType::Date);
            }
            if let (Some(d), Some(s)) = (&date, &decl.schema) {
                match s.iter().find(|(c, _)| *c == d.name) {
                    None => {
                        let help = did_you_mean(&d.name, s.iter().map(|(c, _)| c.as_str()))
                            .unwrap_or_else(|| "name the column that dates each record".into());
                        self.error(
                            Diagnostic::error(
                                "E102",
                                format!("records `{name}` have no column `{}`", d.name),
                            )
                            .at(d.span, "no such column")
                            .help(help),
                        );
                    }
                    Some((_, t)) if *t != ColType::Date => {
                        self.error(
                            Diagnostic::error(
                                "E501",
                                format!("`date {}` holds {}, not dates", d.name, t.name()),
                            )
                            .at(d.span, format!("this column holds {}", t.name()))
                            .help(
                                "name the column that dates each record (2025-03-31 or 31.03.2025)",
                            ),
                        );
                    }
                    Some(_) => {
                        decl.used.insert(d.name.clone(), ColType::Date);
                    }
                }
            }
            if date.is_none() && self.period.is_some() {
                self.error(
                    Diagnostic::error("E118", format!("records `{name}` have no `date`, which periods need"))
                        .at(r.name.span, "which period is each record in?")
                        .help(format!("name the column that dates each record: `records {name} \"…\" {{ date created }}`")),
                );
            }
            self.records.push(decl);
            spans.push(r.name.span);
            out.push(RecordsDef {
                name,
                path,
                key: key_ident.map(|k| k.name).unwrap_or_default(),
                date: date.map(|d| d.name),
                ignore_unknown: ignore,
                stock,
                encoding,
                columns: Vec::new(),
                span: r.span,
            });
        }
        out
    }

    /// The checked record inputs, with the columns the methodology reads.
    pub(super) fn records_defs(&self, mut decls: Vec<RecordsDef>) -> Vec<RecordsDef> {
        for (d, r) in decls.iter_mut().zip(&self.records) {
            d.columns = r.used.iter().map(|(c, t)| (c.clone(), *t)).collect();
        }
        decls
    }
}
