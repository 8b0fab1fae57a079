//! Names given to headers that are not names of the language:
//! `input regions "r.xlsx" { column население = "Численность населения, чел." }`.

use super::Checker;
use crate::diag::{did_you_mean_as, Diagnostic};
use crate::i18n::t;
use crate::syntax::ast::ColumnAlias;
use crate::syntax::column_text;

impl Checker<'_> {
    /// The `column` names of input (or record input) `input`, checked against its
    /// `headers` where the file could be read: each header is in the file (E102), each
    /// name is given once (E122) and is not the header of another column (E122).
    /// `records`: the input is a record input (its E102 says so).
    pub(super) fn declare_aliases(
        &mut self,
        input: &str,
        given: &[ColumnAlias],
        headers: Option<&[String]>,
        records: bool,
    ) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut spans: Vec<&ColumnAlias> = Vec::new();
        for c in given {
            let name = &c.name.name;
            if let Some(first) = spans.iter().find(|f| f.name.name == *name) {
                self.error(
                    Diagnostic::error(
                        "E122",
                        t(
                            "e122-twice",
                            &[("name", name.into()), ("input", input.into())],
                        ),
                    )
                    .at(c.name.span, t("e122-twice-label", &[]))
                    .related(first.name.span, t("e122-first", &[]))
                    .help(t("e122-twice-help", &[])),
                );
                continue;
            }
            spans.push(c);
            if let Some(h) = headers {
                let header = &c.header.value;
                if !h.iter().any(|x| x == header) {
                    let key = if records {
                        "e102-records"
                    } else {
                        "e102-message"
                    };
                    let help = did_you_mean_as(header, h.iter().map(|s| s.as_str()), |s| {
                        crate::syntax::string_text(s)
                    })
                    .unwrap_or_else(|| {
                        t(
                            "e102-columns",
                            &[(
                                "columns",
                                super::expr::join_names(h.iter().map(|s| s.as_str())).into(),
                            )],
                        )
                    });
                    self.error(
                        Diagnostic::error(
                            "E102",
                            t(
                                key,
                                &[
                                    ("input", input.into()),
                                    ("column", column_text(header).into()),
                                ],
                            ),
                        )
                        .at(c.header.span, t("e102-label", &[]))
                        .help(help),
                    );
                    continue;
                }
                if h.iter().any(|x| x == name && x != header) {
                    self.error(
                        Diagnostic::error(
                            "E122",
                            t(
                                "e122-clash",
                                &[("name", name.into()), ("input", input.into())],
                            ),
                        )
                        .at(c.name.span, t("e122-clash-label", &[]))
                        .help(t("e122-clash-help", &[("name", name.into())])),
                    );
                    continue;
                }
            }
            out.push((name.clone(), c.header.value.clone()));
        }
        out
    }
}
