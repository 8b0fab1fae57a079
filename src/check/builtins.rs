//! The built-ins a methodology calls by name: transforms, normalizations (bands too),
//! missing-data policies, encodings; their names and arguments checked against
//! [`crate::builtins`].

use super::expr::join_names;
use super::Checker;
use crate::builtins::*;
use crate::diag::{did_you_mean, Diagnostic};
use crate::i18n::t;
use crate::syntax::ast::{self, Span};

/// The kinds of built-in a name is looked up among, for E108's words.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    Function,
    Missing,
    Outliers,
    Transform,
    Normalization,
    Aggregation,
    TieMethod,
    Period,
}

impl Kind {
    /// The ids of E108's message, label and list of every name of this kind.
    fn ids(self) -> [&'static str; 3] {
        match self {
            Kind::Function => ["e108-function", "e108-function-label", "e108-function-all"],
            Kind::Missing => ["e108-missing", "e108-missing-label", "e108-missing-all"],
            Kind::Outliers => ["e108-outliers", "e108-outliers-label", "e108-outliers-all"],
            Kind::Transform => [
                "e108-transform",
                "e108-transform-label",
                "e108-transform-all",
            ],
            Kind::Normalization => [
                "e108-normalization",
                "e108-normalization-label",
                "e108-normalization-all",
            ],
            Kind::Aggregation => [
                "e108-aggregation",
                "e108-aggregation-label",
                "e108-aggregation-all",
            ],
            Kind::TieMethod => ["e108-tie", "e108-tie-label", "e108-tie-all"],
            Kind::Period => ["e108-period", "e108-period-label", "e108-period-all"],
        }
    }
}

impl Checker<'_> {
    /// E108, the one unknown-name error of the built-ins: `name` (at `span`) is not one of
    /// the `kind`s; the help names the closest of `names`, or lists them all (`more`
    /// lists a second kind that the same place accepts, as functions take aggregates).
    pub(super) fn unknown_builtin<'n>(
        &mut self,
        kind: Kind,
        name: &str,
        span: Span,
        names: &[&'n str],
        more: Option<(&str, &[&'n str])>,
    ) {
        let [message, label, every] = kind.ids();
        let candidates = names.iter().chain(more.iter().flat_map(|(_, n)| n.iter()));
        let help = did_you_mean(name, candidates.copied()).unwrap_or_else(|| {
            let mut all = t(
                every,
                &[("names", join_names(names.iter().copied()).into())],
            );
            if let Some((other, list)) = more {
                all.push_str(&format!("; {other}: {}", join_names(list.iter().copied())));
            }
            all
        });
        self.error(
            Diagnostic::error("E108", t(message, &[("name", name.into())]))
                .at(span, t(label, &[]))
                .help(help),
        );
    }

    /// Look up a built-in call in a table of (name, argument counts), evaluating its
    /// constant arguments.
    pub(super) fn builtin(
        &mut self,
        c: &ast::Call,
        kind: Kind,
        table: &[(&str, &[usize])],
    ) -> Option<Resolved> {
        let name = c.name.name.as_str();
        let Some((_, arities)) = table.iter().find(|(n, _)| *n == name) else {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            self.unknown_builtin(kind, name, c.name.span, &names, None);
            return None;
        };
        let given = c.args.as_ref().map(|a| a.len()).unwrap_or(0);
        if !arities.contains(&given) {
            let want: Vec<String> = arities.iter().map(|a| a.to_string()).collect();
            self.error(
                Diagnostic::error(
                    "E109",
                    t(
                        "e109-builtin",
                        &[
                            ("name", name.into()),
                            ("want", want.join(&t("word-or", &[])).into()),
                            ("got", given.into()),
                        ],
                    ),
                )
                .at(c.span, t("e109-label", &[("got", given.into())]))
                .help(builtin_example(name)),
            );
            return None;
        }
        let mut args = Vec::new();
        let mut ok = true;
        for a in c.args.iter().flatten() {
            match self.const_eval(a) {
                Some(v) => args.push(v),
                None => ok = false,
            }
        }
        ok.then(|| Resolved {
            name: name.to_string(),
            args,
        })
    }

    pub(super) fn missing_policy(&mut self, c: &ast::Call) -> Option<MissingPolicy> {
        let r = self.builtin(c, Kind::Missing, MISSING_POLICIES)?;
        let p = MissingPolicy::from_call(&r.name, &r.args);
        let Some(by) = &c.by else {
            return Some(p);
        };
        let g = self.group_by(by)?;
        match p {
            MissingPolicy::Mean => Some(MissingPolicy::MeanBy(g)),
            MissingPolicy::Median => Some(MissingPolicy::MedianBy(g)),
            _ => {
                self.error(
                    Diagnostic::error("E407", t("e407-by-policy", &[("policy", (&r.name).into())]))
                        .at(by.span, t("e407-by-policy-label", &[]))
                        .help(t("e407-by-policy-help", &[])),
                );
                None
            }
        }
    }

    /// The column of `by input.column`: an input's column, read as text.
    pub(super) fn group_by(&mut self, by: &ast::Expr) -> Option<GroupBy> {
        let ast::ExprKind::Ref {
            first,
            second: Some(col),
        } = &by.kind
        else {
            self.error(
                Diagnostic::error("E407", t("e407-by-column", &[]))
                    .at(by.span, t("e407-by-column-label", &[]))
                    .help(t("e407-by-column-help", &[])),
            );
            return None;
        };
        let Some(input) = self.inputs.iter().position(|i| i.name == first.name) else {
            self.error(
                Diagnostic::error("E407", t("e407-by-column", &[]))
                    .at(by.span, t("e407-by-column-label", &[]))
                    .help(t("e407-by-column-help", &[])),
            );
            return None;
        };
        if !self.column_exists(input, &col.name, col.span) {
            return None;
        }
        let column = self.real(input, &col.name);
        self.used_texts[input].insert(column.clone());
        Some(GroupBy {
            input: first.name.clone(),
            column,
        })
    }
    pub(super) fn outlier_rule(&mut self, c: &ast::Call) -> Option<Outliers> {
        let r = self.builtin(c, Kind::Outliers, OUTLIER_RULES)?;
        self.refused(Outliers::from_call(&r.name, &r.args), c.span)
    }
    pub(super) fn transform(&mut self, c: &ast::Call) -> Option<Transform> {
        let r = self.builtin(c, Kind::Transform, TRANSFORMS)?;
        self.refused(Transform::from_call(&r.name, &r.args), c.span)
    }
    /// A built-in, or its refusal as an error at the call.
    fn refused<T>(&mut self, built: Result<T, Refusal>, span: Span) -> Option<T> {
        built
            .map_err(|r| {
                self.error(
                    Diagnostic::error(r.code, r.message)
                        .at(span, r.label)
                        .help(r.help),
                )
            })
            .ok()
    }
    pub(super) fn normalization(
        &mut self,
        n: &ast::Normalize,
        better: Option<ast::Direction>,
    ) -> Option<Normalization> {
        match n {
            ast::Normalize::Bands(b) => self.bands(b, better),
            ast::Normalize::Call(c) => {
                let r = self.builtin(c, Kind::Normalization, NORMALIZATIONS)?;
                self.refused(Normalization::from_call(&r.name, &r.args), c.span)
            }
        }
    }

    pub(super) fn bands(
        &mut self,
        b: &ast::Bands,
        better: Option<ast::Direction>,
    ) -> Option<Normalization> {
        use ast::CmpOp::*;
        let mut out = Vec::new();
        let mut ok = true;
        for band in &b.bands {
            let t = self.const_eval(&band.threshold);
            let v = self.const_eval(&band.value);
            match (t, v) {
                (Some(t), Some(v)) => out.push((
                    band,
                    Band {
                        op: band.op,
                        threshold: t,
                        value: v,
                    },
                )),
                _ => ok = false,
            }
        }
        let otherwise = self.const_eval(&b.otherwise);
        if !ok {
            return None;
        }
        let otherwise = otherwise?;
        if out.is_empty() {
            return Some(Normalization::Bands(Vec::new(), otherwise));
        }
        let down = matches!(out[0].1.op, Ge | Gt);
        for (band, bd) in &out {
            if matches!(bd.op, Eq | Ne) {
                self.error(
                    Diagnostic::error("E402", t("e402-equality", &[]))
                        .at(band.span, t("e402-equality-label", &[]))
                        .help(t("e402-equality-help", &[])),
                );
                return None;
            }
            if matches!(bd.op, Ge | Gt) != down {
                self.error(
                    Diagnostic::error("E402", t("e402-mixed", &[]))
                        .at(band.span, t("e402-mixed-label", &[]))
                        .related(out[0].0.span, t("e402-mixed-related", &[]))
                        .help(t("e402-mixed-help", &[])),
                );
                return None;
            }
        }
        for w in out.windows(2) {
            let (a, b2) = (&w[0], &w[1]);
            let ordered = if down {
                b2.1.threshold < a.1.threshold
            } else {
                b2.1.threshold > a.1.threshold
            };
            if !ordered {
                self.error(
                    Diagnostic::error("E402", t("e402-order", &[]))
                        .at(b2.0.threshold.span, t("e402-order-label", &[]))
                        .related(a.0.threshold.span, t("e402-order-related", &[]))
                        .help(if down {
                            t("e402-order-down-help", &[])
                        } else {
                            t("e402-order-up-help", &[])
                        }),
                );
                return None;
            }
        }
        // Direction: with `>=` bands, higher values come first; their values should then
        // not rise for `better higher`.
        if let Some(dir) = better {
            let vals: Vec<f64> = out.iter().map(|x| x.1.value).chain([otherwise]).collect();
            let falls = vals.windows(2).all(|w| w[1] <= w[0]);
            let rises = vals.windows(2).all(|w| w[1] >= w[0]);
            let suspicious = match (dir, down) {
                (ast::Direction::Higher, true) | (ast::Direction::Lower, false) => rises && !falls,
                _ => falls && !rises,
            };
            if suspicious {
                self.diags.push(
                    Diagnostic::warning("W005", t("w005-message", &[]))
                        .at(b.span, t("w005-label", &[]))
                        .help(t("w005-help", &[])),
                );
            }
        }
        Some(Normalization::Bands(
            out.into_iter().map(|x| x.1).collect(),
            otherwise,
        ))
    }

    /// The encoding an input names, by its WHATWG label (`windows-1251`, `cp1251`,
    /// `koi8-r`, `utf-8`, …); E114 for a name no encoding has.
    pub(super) fn encoding(&mut self, e: &ast::Str) -> Option<&'static encoding_rs::Encoding> {
        match encoding_rs::Encoding::for_label(e.value.trim().as_bytes()) {
            Some(enc) if enc != encoding_rs::REPLACEMENT => Some(enc),
            _ => {
                self.error(
                    Diagnostic::error("E114", t("e114-message", &[("name", (&e.value).into())]))
                        .at(e.span, t("e114-label", &[]))
                        .help(t("e114-help", &[])),
                );
                None
            }
        }
    }
}

impl Checker<'_> {
    /// How input `i`'s file is read, by its options; E119 for an option that does not
    /// fit the file (a sheet or header row of a file that is not a workbook, an
    /// encoding of a workbook, a header row 0) or is written twice.
    pub(super) fn read_as(&mut self, i: &ast::Input) -> crate::data::ReadAs {
        for (span, word) in &i.repeated {
            self.error(
                Diagnostic::error(
                    "E119",
                    t(
                        "e119-twice",
                        &[
                            ("option", word.to_string().into()),
                            ("input", (&i.name.name).into()),
                        ],
                    ),
                )
                .at(*span, t("e119-twice-label", &[]))
                .help(t("e119-twice-help", &[])),
            );
        }
        let workbook = crate::data::workbook::is_workbook(std::path::Path::new(&i.path.value));
        let mut how = crate::data::ReadAs::default();
        if let Some(e) = &i.encoding {
            if workbook {
                self.error(
                    Diagnostic::error(
                        "E119",
                        t("e119-encoding", &[("input", (&i.name.name).into())]),
                    )
                    .at(e.span, t("e119-encoding-label", &[]))
                    .help(t("e119-encoding-help", &[])),
                );
            } else {
                how.encoding = self.encoding(e);
            }
        }
        let not_a_workbook = |message: &str| {
            Diagnostic::error("E119", t(message, &[("input", (&i.name.name).into())]))
                .help(t("e119-not-a-workbook-help", &[]))
        };
        if let Some(s) = &i.sheet {
            if workbook {
                how.sheet = Some(s.value.clone());
            } else {
                self.error(
                    not_a_workbook("e119-no-sheets").at(s.span, t("e119-no-sheets-label", &[])),
                );
            }
        }
        if let Some(r) = &i.header_row {
            if !workbook {
                self.error(
                    not_a_workbook("e119-no-header-row")
                        .at(r.span, t("e119-no-header-row-label", &[])),
                );
            } else if r.value == 0 || r.value > 1_048_576 {
                self.error(
                    Diagnostic::error("E119", t("e119-row", &[("row", (&r.text).into())]))
                        .at(r.span, t("e119-row-label", &[]))
                        .help(t("e119-row-help", &[])),
                );
            } else {
                how.header_row = Some(r.value as u32);
            }
        }
        how
    }
}

/// What a built-in call resolved to: its name and constant arguments.
pub(super) struct Resolved {
    pub(super) name: String,
    pub(super) args: Vec<f64>,
}

fn builtin_example(name: &str) -> String {
    match name {
        "minmax" => "`minmax` or `minmax(lo, hi)`".into(),
        "goalposts" => "`goalposts(lo, hi)`".into(),
        "target" => "`target(t)`".into(),
        "cap" => "`cap(lo, hi)`".into(),
        "winsorize" => "`winsorize(5%, 95%)`".into(),
        "value" => "`value(0)`".into(),
        n => t("e109-no-arguments", &[("name", n.into())]),
    }
}
