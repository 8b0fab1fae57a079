//! The built-ins a methodology calls by name: transforms, normalizations (bands too),
//! missing-data policies, encodings; their names and arguments checked against
//! [`crate::builtins`].

use super::expr::join_names;
use super::Checker;
use crate::builtins::*;
use crate::diag::{did_you_mean, Diagnostic};
use crate::syntax::ast::{self, Span};

impl Checker<'_> {
    /// E108, the one unknown-name error of the built-ins: `name` (at `span`) is not one of
    /// the `kind`s; the help names the closest of `names`, or lists them all (`more`
    /// lists a second kind that the same place accepts, as functions take aggregates).
    pub(super) fn unknown_builtin<'n>(
        &mut self,
        kind: &str,
        name: &str,
        span: Span,
        names: &[&'n str],
        more: Option<(&str, &[&'n str])>,
    ) {
        let candidates = names.iter().chain(more.iter().flat_map(|(_, n)| n.iter()));
        let help = did_you_mean(name, candidates.copied()).unwrap_or_else(|| {
            let mut all = format!("the {kind}s are: {}", join_names(names.iter().copied()));
            if let Some((other, list)) = more {
                all.push_str(&format!("; {other}: {}", join_names(list.iter().copied())));
            }
            all
        });
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        self.error(
            Diagnostic::error("E108", format!("unknown {kind} `{name}`"))
                .at(span, format!("not {article} {kind}"))
                .help(help),
        );
    }

    /// Look up a built-in call in a table of (name, argument counts), evaluating its
    /// constant arguments.
    pub(super) fn builtin(
        &mut self,
        c: &ast::Call,
        kind: &str,
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
                    format!(
                        "`{name}` takes {} argument(s), found {given}",
                        want.join(" or ")
                    ),
                )
                .at(c.span, format!("{given} given"))
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
        let r = self.builtin(c, "missing-data policy", MISSING_POLICIES)?;
        Some(MissingPolicy::from_call(&r.name, &r.args))
    }
    pub(super) fn transform(&mut self, c: &ast::Call) -> Option<Transform> {
        let r = self.builtin(c, "transform", TRANSFORMS)?;
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
                let r = self.builtin(c, "normalization", NORMALIZATIONS)?;
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
                    Diagnostic::error("E402", "bands compare with `>=`, `>`, `<=` or `<`")
                        .at(band.span, "an equality band")
                        .help("bands are thresholds: `>= 80% : 1`"),
                );
                return None;
            }
            if matches!(bd.op, Ge | Gt) != down {
                self.error(
                    Diagnostic::error("E402", "bands mix `>=` with `<=`")
                        .at(band.span, "this band goes the other way")
                        .related(out[0].0.span, "the first band sets the direction")
                        .help("list thresholds from the best down with `>=`, or from the best up with `<=`"),
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
                    Diagnostic::error("E402", "bands are out of order")
                        .at(b2.0.threshold.span, "this band can never be reached")
                        .related(
                            a.0.threshold.span,
                            "an earlier band already takes these values",
                        )
                        .help(if down {
                            "with `>=` list the thresholds from the highest down"
                        } else {
                            "with `<=` list the thresholds from the lowest up"
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
                    Diagnostic::warning("W005", "the bands reward the worse direction")
                        .at(b.span, "values rise towards the worse end")
                        .help("bands give their values as written; check `better` and the band values"),
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
                    Diagnostic::error("E114", format!("no encoding is called `{}`", e.value))
                        .at(e.span, "unknown encoding")
                        .help("Russian files are mostly \"utf-8\", \"windows-1251\", \"koi8-r\" or \"ibm866\""),
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
                    format!("`{word}` of input `{}` is written twice", i.name.name),
                )
                .at(*span, "written again here")
                .help("keep one"),
            );
        }
        let workbook = crate::data::workbook::is_workbook(std::path::Path::new(&i.path.value));
        let mut how = crate::data::ReadAs::default();
        if let Some(e) = &i.encoding {
            if workbook {
                self.error(
                    Diagnostic::error(
                        "E119",
                        format!("input `{}` is a workbook: it has no encoding", i.name.name),
                    )
                    .at(e.span, "an encoding is for CSV files")
                    .help("leave `encoding` out: a workbook says its own"),
                );
            } else {
                how.encoding = self.encoding(e);
            }
        }
        let not_a_workbook =
            |what: &str| {
                Diagnostic::error(
                "E119",
                format!("input `{}` is not a workbook: it has no {what}", i.name.name),
            )
            .help("`sheet` and `header` are for .xlsx files; a CSV file's header is its first line")
            };
        if let Some(s) = &i.sheet {
            if workbook {
                how.sheet = Some(s.value.clone());
            } else {
                self.error(
                    not_a_workbook("sheets").at(s.span, "a sheet of a file that is not a workbook"),
                );
            }
        }
        if let Some(r) = &i.header_row {
            if !workbook {
                self.error(
                    not_a_workbook("header row to name")
                        .at(r.span, "a header row of a file that is not a workbook"),
                );
            } else if r.value == 0 || r.value > 1_048_576 {
                self.error(
                    Diagnostic::error(
                        "E119",
                        format!("`header {}`: a sheet's rows are 1 to 1048576", r.value),
                    )
                    .at(r.span, "no such row")
                    .help("name the row of the column names as Excel numbers it: `header 3`"),
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
        n => format!("`{n}` takes no arguments"),
    }
}
