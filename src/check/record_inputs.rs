//! `records` declarations: their fields, files and column types.

use super::records::ty_name;
use super::records::DeclaredRecords;
use super::{Checker, RecordsDef};
use crate::data::records::ColType;
use crate::diag::{did_you_mean, Diagnostic};
use crate::i18n::t;
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
            let mut given = Vec::new();
            for f in &r.fields {
                if let RecordsField::Column(c) = f {
                    given.push(c.clone());
                    continue;
                }
                let (kw, span) = match f {
                    RecordsField::Key(k) => ("key", k.span),
                    RecordsField::Date(d) => ("date", d.span),
                    RecordsField::Unknown(u) => ("unknown", u.span),
                    RecordsField::Encoding(e) => ("encoding", e.span),
                    RecordsField::Stock(s) => ("stock", *s),
                    RecordsField::Column(_) => continue,
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
                            Diagnostic::error("E108", t("e108-unknown", &[("word", other.into())]))
                                .at(u.span, t("e108-unknown-label", &[]))
                                .help(t("e108-unknown-help", &[])),
                        ),
                    },
                    RecordsField::Encoding(e) => encoding = self.encoding(e),
                    RecordsField::Stock(_) => stock = true,
                    RecordsField::Column(_) => {}
                }
            }
            let mut key_ident = rkey.or_else(|| key.cloned());
            let name = r.name.name.clone();
            let path = r.path.value.clone();
            let mut schema = None;
            if crate::data::workbook::is_workbook(std::path::Path::new(&path)) {
                self.error(
                    Diagnostic::error("E119", t("e119-records", &[("input", (&name).into())]))
                        .at(r.path.span, t("e119-records-label", &[]))
                        .help(t("e119-records-help", &[])),
                );
            } else if let Some(why) = self.header_source.refuse(&name, &path) {
                self.error(
                    Diagnostic::error("E113", t("e113-message", &[("input", (&name).into())]))
                        .at(r.path.span, why)
                        .help(t("e113-help", &[("input", (&name).into())])),
                );
            } else {
                match self.header_source.record_schema(&name, &path, encoding) {
                    Ok(s) => schema = Some(s),
                    Err(why) if !why.is_empty() => self.diags.push(
                        Diagnostic::warning(
                            "W003",
                            t("w003-records", &[("input", (&name).into())]),
                        )
                        .at(r.path.span, why)
                        .help(t("w003-records-help", &[])),
                    ),
                    Err(_) => {}
                }
            }
            let names: Option<Vec<String>> = schema
                .as_ref()
                .map(|s: &Vec<(String, ColType)>| s.iter().map(|(c, _)| c.clone()).collect());
            let aliases = self.declare_aliases(&name, &given, names.as_deref(), true);
            let mut decl = DeclaredRecords {
                name: name.clone(),
                schema,
                used: BTreeMap::new(),
                aliases,
            };
            // `key`, `date`: by the header, or a name given to it
            if let Some(k) = &mut key_ident {
                k.name = decl.real(&k.name);
            }
            if let Some(d) = &mut date {
                d.name = decl.real(&d.name);
            }
            if let (Some(k), Some(s)) = (&key_ident, &decl.schema) {
                match s.iter().find(|(c, _)| *c == k.name) {
                    None => {
                        let help = did_you_mean(&k.name, s.iter().map(|(c, _)| c.as_str()))
                            .unwrap_or_else(|| {
                                t("e102-records-key-help", &[("input", (&name).into())])
                            });
                        self.error(
                            Diagnostic::error(
                                "E102",
                                t(
                                    "e102-records-key",
                                    &[("input", (&name).into()), ("column", (&k.name).into())],
                                ),
                            )
                            .at(k.span, t("e102-label", &[]))
                            .related(r.name.span, t("e102-records-key-related", &[]))
                            .help(help),
                        );
                    }
                    Some((_, ty)) if matches!(ty, ColType::Date | ColType::Bool) => {
                        self.error(
                            Diagnostic::error(
                                "E501",
                                t(
                                    "e501-key",
                                    &[
                                        ("column", (&k.name).into()),
                                        ("input", (&name).into()),
                                        ("got", ty_name(*ty).into()),
                                    ],
                                ),
                            )
                            .at(k.span, t("e501-key-label", &[]))
                            .help(t("e501-key-help", &[])),
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
                            .unwrap_or_else(|| t("e102-date-help", &[]));
                        self.error(
                            Diagnostic::error(
                                "E102",
                                t(
                                    "e102-records",
                                    &[("input", (&name).into()), ("column", (&d.name).into())],
                                ),
                            )
                            .at(d.span, t("e102-label", &[]))
                            .help(help),
                        );
                    }
                    Some((_, ty)) if *ty != ColType::Date => {
                        self.error(
                            Diagnostic::error(
                                "E501",
                                t(
                                    "e501-date",
                                    &[("column", (&d.name).into()), ("got", ty_name(*ty).into())],
                                ),
                            )
                            .at(
                                d.span,
                                t("e501-date-label", &[("got", ty_name(*ty).into())]),
                            )
                            .help(t("e501-date-help", &[])),
                        );
                    }
                    Some(_) => {
                        decl.used.insert(d.name.clone(), ColType::Date);
                    }
                }
            }
            if date.is_none() && self.period.is_some() {
                self.error(
                    Diagnostic::error("E118", t("e118-date", &[("input", (&name).into())]))
                        .at(r.name.span, t("e118-date-label", &[]))
                        .help(t("e118-date-help", &[("input", (&name).into())])),
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
