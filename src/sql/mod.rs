//! A checked methodology as one SQL query, lowered from the same stages
//! ([`crate::stages::Stages`]) as the polars plan and the dense evaluator: one CTE per
//! stage — the regions with their inputs, the exclusions, the raw values level by level,
//! each indicator step, the groups level by level, the score, the places, the zones —
//! whose result has the columns of `run --format csv` (or `run --detail`). Every
//! construct of the language translates, to each dialect, with the interpreter's
//! meaning; what stops a run (`missing error`, records of unknown regions, a period
//! without records) stops the query with the run's code.

mod algebra;
mod expr;
mod groups;
mod outliers;
mod records;

use crate::builtins::{MissingPolicy, Outliers, TieMethod};
use crate::check::{Methodology, NodeRef};
use crate::stages::{steps, Stages, Take};
use crate::syntax::ast::Order;
use algebra::{Sql, RANKED};
use std::collections::BTreeMap;

/// The SQL dialects written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// PostgreSQL (15 and later).
    Postgres,
    /// DuckDB.
    DuckDb,
    /// ClickHouse.
    ClickHouse,
}

impl Dialect {
    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::DuckDb => "duckdb",
            Dialect::ClickHouse => "clickhouse",
        }
    }
}

impl Dialect {
    /// The type of a number that may be missing.
    pub fn num(self) -> &'static str {
        match self {
            Dialect::ClickHouse => "Nullable(Float64)",
            _ => "DOUBLE PRECISION",
        }
    }
    /// The type of a text that may be missing.
    pub fn text(self) -> &'static str {
        match self {
            Dialect::ClickHouse => "Nullable(String)",
            _ => "VARCHAR",
        }
    }
}

thread_local! {
    /// The dialect of the query being written ([`translate`] sets it for its duration):
    /// what [`ident`] and [`text`] escape depends on it.
    static DIALECT: std::cell::Cell<Dialect> = const { std::cell::Cell::new(Dialect::Postgres) };
}

/// `f` with `d` as the dialect [`ident`] and [`text`] write for.
pub fn in_dialect<R>(d: Dialect, f: impl FnOnce() -> R) -> R {
    let before = DIALECT.replace(d);
    let out = f();
    DIALECT.set(before);
    out
}

/// An identifier, quoted (Cyrillic, dots, quotes and all). ClickHouse reads a backslash in
/// a quoted identifier as an escape: there it is doubled, so that `regions\` cannot end
/// the identifier early.
pub fn ident(name: &str) -> String {
    let quoted = name.replace('"', "\"\"");
    match DIALECT.get() {
        Dialect::ClickHouse => format!("\"{}\"", quoted.replace('\\', "\\\\")),
        _ => format!("\"{quoted}\""),
    }
}

/// A text literal that means the same whatever the server's settings: its quotes doubled;
/// a backslash doubled in ClickHouse (where it escapes) and, in PostgreSQL, inside an
/// `E'…'` literal, which reads `\\` as one backslash whether `standard_conforming_strings`
/// is on or off (with it off, a plain `'…\'` would end early and let the rest run as SQL).
pub fn text(s: &str) -> String {
    let quoted = s.replace('\'', "''");
    match DIALECT.get() {
        _ if !s.contains('\\') => format!("'{quoted}'"),
        Dialect::ClickHouse => format!("'{}'", quoted.replace('\\', "\\\\")),
        Dialect::Postgres => format!("E'{}'", quoted.replace('\\', "\\\\")),
        Dialect::DuckDb => format!("'{quoted}'"),
    }
}

/// What the query is written for: the dialect, and the table of each input (its name by
/// default, or `--table INPUT=schema.table`).
pub struct Target<'a> {
    /// The dialect.
    pub dialect: Dialect,
    /// Input name → table, for the inputs named otherwise.
    pub tables: &'a BTreeMap<String, String>,
    /// The period whose records the aggregates count (`--period`); `None` without
    /// periods: every record counts.
    pub period: Option<crate::periods::Period>,
    /// `--detail`: the columns of `run --detail` too (each indicator's raw value, value,
    /// normalized value and contribution).
    pub detail: bool,
    /// The columns `run --database` reads besides: each tie-breaker's value (`tie.N`)
    /// and, with `detail`, whether each indicator's value was missing before its policy
    /// (`missing.NAME`, 1 or 0).
    pub run_columns: bool,
}

impl Target<'_> {
    /// The table that holds `input`, as the query names it: its name, or the one
    /// `--table` gives (each part quoted: `"ratings"."regions_2025"`).
    pub fn table(&self, input: &str) -> String {
        match self.tables.get(input) {
            Some(t) => t.split('.').map(ident).collect::<Vec<_>>().join("."),
            None => ident(input),
        }
    }
}

/// The query of `m` for `target`: every construct of the language translates to the
/// three dialects.
pub fn translate(m: &Methodology, target: &Target) -> String {
    in_dialect(target.dialect, || Writer::new(m, target).query())
}

/// The CTEs written so far, each reading the one before.
struct Writer<'a> {
    m: &'a Methodology,
    st: Stages<'a>,
    target: &'a Target<'a>,
    ctes: Vec<(String, String)>,
    /// The CTEs the next step needs beside it ([`Sql::side`]).
    side: std::cell::RefCell<algebra::Side>,
}

/// Column names of the stages.
pub(crate) fn col_input(input: &str, column: &str) -> String {
    ident(&format!("in.{input}.{column}"))
}
pub(crate) fn col_raw(ind: &str) -> String {
    ident(&format!("raw.{ind}"))
}
fn col_step(k: usize, ind: &str) -> String {
    ident(&format!("t{k}.{ind}"))
}
fn col_value(ind: &str) -> String {
    ident(&format!("value.{ind}"))
}
fn col_imputed(ind: &str) -> String {
    ident(&format!("imputed.{ind}"))
}
fn col_mark(ind: &str) -> String {
    ident(&format!("outlier.{ind}"))
}
fn col_norm(ind: &str) -> String {
    ident(&format!("norm.{ind}"))
}
pub(crate) fn col_group(g: &str) -> String {
    ident(&format!("group.{g}"))
}

impl<'a> Writer<'a> {
    fn new(m: &'a Methodology, target: &'a Target<'a>) -> Writer<'a> {
        Writer {
            m,
            st: Stages::of(m),
            target,
            ctes: Vec::new(),
            side: Default::default(),
        }
    }

    /// Formulas over the CTE `from` (cross-region aggregates over the ranked regions, or
    /// over every region).
    fn formulas<'b>(&self, from: &'b str, ranked_only: bool) -> expr::Lower<'b>
    where
        'a: 'b,
    {
        expr::Lower {
            m: self.m,
            dialect: self.target.dialect,
            from,
            ranked_only,
        }
    }

    /// The indicator steps' operations over the CTE `from`.
    fn algebra<'b>(&'b self, from: &'b str) -> Sql<'b> {
        Sql {
            dialect: self.target.dialect,
            from,
            side: &self.side,
        }
    }

    fn last(&self) -> String {
        self.ctes.last().map(|c| c.0.clone()).unwrap_or_default()
    }

    /// A CTE adding `columns` (expression, name) to the last one's.
    fn add(&mut self, name: &str, columns: Vec<(String, String)>) {
        let from = self.last();
        let cols: Vec<String> = columns
            .iter()
            .map(|(e, n)| format!("    {e} AS {n}"))
            .collect();
        let mut side = self.side.take();
        side.groups(self.target.dialect, &from);
        let joins: String = side
            .joins
            .iter()
            .map(|(j, on)| match on {
                None => format!(" CROSS JOIN {}", ident(j)),
                Some(on) => format!(" LEFT JOIN {} ON {on}", ident(j)),
            })
            .collect();
        let body = format!(
            "  SELECT\n    *,\n{}\n  FROM {}{joins}",
            cols.join(",\n"),
            ident(&from)
        );
        self.ctes.extend(side.ctes);
        self.ctes.push((format!("stage.{name}"), body));
    }

    fn table(&self, input: &str) -> String {
        self.target.table(input)
    }

    /// The regions: the key of the first input, each input's columns joined by key, and
    /// the aggregates over records (joined first with the records of no region, for the
    /// checks, then left to the regions).
    fn regions(&mut self) {
        let rec = self.records();
        let m = self.m;
        let key = ident(&m.key);
        let (num, txt) = (self.target.dialect.num(), self.target.dialect.text());
        let mut cols = vec![(format!("CAST(i0.{key} AS {txt})"), "\"k\"".to_string())];
        cols.push(match &m.label {
            Some((i, l)) => (format!("CAST(i{i}.{} AS {txt})", ident(l)), "\"l\"".into()),
            None => (format!("CAST(NULL AS {txt})"), "\"l\"".into()),
        });
        for (i, input) in m.inputs.iter().enumerate() {
            for c in &input.columns {
                cols.push((
                    format!("CAST(i{i}.{} AS {num})", ident(c)),
                    col_input(&input.name, c),
                ));
            }
            // the groups of `by`, as text
            for c in &input.texts {
                let g = crate::builtins::GroupBy {
                    input: input.name.clone(),
                    column: c.clone(),
                };
                cols.push((
                    format!("CAST(i{i}.{} AS {txt})", ident(c)),
                    ident(&g.frame_name()),
                ));
            }
        }
        let mut from = format!("  FROM {} AS i0", self.table(&m.inputs[0].name));
        for (i, input) in m.inputs.iter().enumerate().skip(1) {
            from.push_str(&format!(
                "\n  LEFT JOIN {} AS i{i} ON CAST(i{i}.{key} AS {txt}) = CAST(i0.{key} AS {txt})",
                self.table(&input.name)
            ));
        }
        let select = |cols: &[(String, String)]| {
            cols.iter()
                .map(|(e, n)| match e == n {
                    true => format!("    {n}"),
                    false => format!("    {e} AS {n}"),
                })
                .collect::<Vec<_>>()
                .join(",\n")
        };
        if rec.joins.is_empty() {
            let body = format!("  SELECT\n{}\n{from}", select(&cols));
            self.ctes.push(("stage.regions".into(), body));
            return;
        }
        for j in &rec.joins {
            from.push_str(&format!("\n  {j}"));
        }
        let all: Vec<(String, String)> = cols.iter().cloned().chain(rec.joined).collect();
        let body = format!("  SELECT\n{}\n{from}", select(&all));
        self.ctes.push(("stage.joined".into(), body));
        let kept: Vec<(String, String)> = cols
            .iter()
            .map(|(_, n)| (n.clone(), n.clone()))
            .chain(rec.cols)
            .collect();
        let body = format!(
            "  SELECT\n{}\n  FROM \"stage.joined\"\n  WHERE \"k\" IS NOT NULL",
            select(&kept)
        );
        self.ctes.push(("stage.regions".into(), body));
    }

    fn exclusions(&mut self) {
        let from = self.last();
        let x = self.formulas(&from, false);
        let reason = if self.st.exclusions.is_empty() {
            format!("CAST(NULL AS {})", self.target.dialect.text())
        } else {
            let arms: Vec<String> = self
                .st
                .exclusions
                .iter()
                .map(|e| format!("WHEN {} THEN {}", x.expr(&e.condition), text(&e.reason)))
                .collect();
            format!("CASE {} END", arms.join(" "))
        };
        self.add("exclusions", vec![(reason, "\"excluded\"".into())]);
    }

    fn raw_values(&mut self) {
        for (k, level) in self.st.raw_levels.clone().iter().enumerate() {
            let from = self.last();
            let x = self.formulas(&from, true);
            let cols = level
                .iter()
                .map(|&i| {
                    let ind = &self.m.indicators[i];
                    (x.expr(&ind.value), col_raw(&ind.name))
                })
                .collect();
            self.add(&format!("raw_{k}"), cols);
        }
    }

    /// Each indicator's transforms (one CTE per position), missing-data policy and
    /// normalization.
    fn steps(&mut self) {
        let m = self.m;
        let deepest = m.indicators.iter().map(|i| i.transforms.len()).max();
        let input = |i: usize, k: usize| match k {
            0 => col_raw(&m.indicators[i].name),
            k => col_step(k, &m.indicators[i].name),
        };
        for k in 0..deepest.unwrap_or(0) {
            let from = self.last();
            let a = self.algebra(&from);
            let cols = m
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, ind)| ind.transforms.len() > k)
                .map(|(i, ind)| {
                    let v = steps::transform(&a, &ind.transforms[k], input(i, k));
                    (v, col_step(k + 1, &ind.name))
                })
                .collect();
            self.add(&format!("transform_{}", k + 1), cols);
        }
        let from = self.last();
        let a = self.algebra(&from);
        let cols = m
            .indicators
            .iter()
            .enumerate()
            .flat_map(|(i, ind)| {
                let v = input(i, ind.transforms.len());
                let value = match ind.missing {
                    // `missing error`: a ranked region without a value stops the query,
                    // as it stops the run (R001)
                    MissingPolicy::Error => format!(
                        "(CASE WHEN {v} IS NULL AND {RANKED} THEN CAST({} || \"k\" AS DOUBLE PRECISION) ELSE {v} END)",
                        text(&format!("R001: `missing error`, no value of `{}` in region ", ind.name))
                    ),
                    _ => steps::impute(&a, &ind.missing, v.clone()),
                };
                // (a value the outlier rule treats next is the imputed one here)
                let name = match ind.outliers {
                    Outliers::None => col_value(&ind.name),
                    _ => col_imputed(&ind.name),
                };
                let fallback = steps::fallback(&a, &ind.missing, v.clone())
                    .map(|f| (f, ident(&format!("fallback.{}", ind.name))));
                std::iter::once((value, name)).chain(fallback)
            })
            .collect();
        self.add("missing", cols);
        // the outlier rule of every treated indicator, walked together beside the step
        let treated: Vec<&crate::check::IndicatorDef> = m
            .indicators
            .iter()
            .filter(|i| i.outliers != Outliers::None)
            .collect();
        if !treated.is_empty() {
            let ts: Vec<outliers::Treated> = treated
                .iter()
                .map(|ind| outliers::Treated {
                    value: col_imputed(&ind.name),
                    max: match ind.outliers {
                        Outliers::Auto(n) => n,
                        Outliers::None => 0,
                    },
                })
                .collect();
            let w = outliers::walk(&self.last(), &ts);
            {
                let mut side = self.side.borrow_mut();
                side.ctes.extend(w.ctes);
                side.joins.push((w.choice, None));
            }
            let cols = treated
                .iter()
                .zip(w.values)
                .flat_map(|(ind, (v, mark))| {
                    [(v, col_value(&ind.name)), (mark, col_mark(&ind.name))]
                })
                .collect();
            self.add("outliers", cols);
        }
        let from = self.last();
        let a = self.algebra(&from);
        let cols = m
            .indicators
            .iter()
            .map(|ind| {
                let v = steps::normalize(&a, &ind.normalization, ind.better, col_value(&ind.name));
                (v, col_norm(&ind.name))
            })
            .collect();
        self.add("normalized", cols);
    }

    fn groups(&mut self) {
        for (k, level) in self.st.group_levels.clone().iter().enumerate() {
            let cols = level
                .iter()
                .map(|&g| (self.group(g), col_group(&self.m.groups[g].name)))
                .collect();
            self.add(&format!("groups_{k}"), cols);
        }
    }

    /// The score (rounded as the rank block says), why a region is not ranked, and the
    /// tie-breakers.
    fn score(&mut self) {
        let m = self.m;
        let root = col_group(&m.groups[self.st.score.group].name);
        let score = match self.st.score.round {
            Some(d) => algebra::round(&root, d),
            None => root,
        };
        // (an excluded region has no score)
        let score = format!("CASE WHEN {RANKED} THEN {score} END");
        self.add("scored", vec![(score, "\"score\"".into())]);
        let from = self.last();
        let x = self.formulas(&from, true);
        let mut cols = vec![(
            format!(
                "COALESCE(\"excluded\", CASE WHEN \"score\" IS NULL THEN {} END)",
                text("no indicator has a value for this region")
            ),
            "\"not_ranked\"".to_string(),
        )];
        for (i, (e, _)) in self.st.order.tie_breakers.iter().enumerate() {
            cols.push((x.expr(e), ident(&format!("tb.{i}"))));
        }
        self.add("ranked", cols);
    }

    /// The order of the ranked regions, and their places by the tie method.
    fn places(&mut self) {
        let mut by = vec!["\"score\" DESC NULLS LAST".to_string()];
        for (i, (_, o)) in self.st.order.tie_breakers.iter().enumerate() {
            let dir = if *o == Order::Desc { "DESC" } else { "ASC" };
            by.push(format!("{} {dir} NULLS LAST", ident(&format!("tb.{i}"))));
        }
        let part = "PARTITION BY (\"not_ranked\" IS NULL)";
        let peers = by.join(", ");
        let ordinal = format!("{peers}, \"k\" {}", self.collate());
        let place = match self.st.order.ties {
            TieMethod::Dense => format!("DENSE_RANK() OVER ({part} ORDER BY {peers})"),
            TieMethod::Competition => format!("RANK() OVER ({part} ORDER BY {peers})"),
            TieMethod::Ordinal => format!("ROW_NUMBER() OVER ({part} ORDER BY {ordinal})"),
            TieMethod::Average => format!(
                "CAST(RANK() OVER ({part} ORDER BY {peers}) + COUNT(*) OVER ({part} ORDER BY {peers} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DOUBLE PRECISION) / 2"
            ),
        };
        let place =
            format!("CASE WHEN \"not_ranked\" IS NULL THEN CAST({place} AS DOUBLE PRECISION) END");
        let order =
            format!("ROW_NUMBER() OVER (ORDER BY (\"not_ranked\" IS NULL) DESC, {ordinal})");
        self.add(
            "placed",
            vec![(place, "\"place\"".into()), (order, "\"row\"".into())],
        );
    }

    /// Keys compare byte by byte, as the interpreter compares them.
    fn collate(&self) -> &'static str {
        match self.target.dialect {
            Dialect::Postgres => "COLLATE \"C\"",
            _ => "",
        }
    }

    fn zones(&mut self) {
        let m = self.m;
        let from = self.last();
        let x = self.formulas(&from, true);
        let mut arms = Vec::new();
        for (z, def) in self.st.zones.iter().zip(&m.zones) {
            let when = match &z.take {
                Take::When(e) => x.expr(e),
                Take::Places { after, upto } => {
                    format!("(\"place\" > {after} AND \"place\" <= {upto})")
                }
                Take::Rest => "TRUE".into(),
            };
            arms.push((when, def.name.clone(), def.title.clone()));
        }
        let case = |pick: &dyn Fn(&(String, String, String)) -> String| {
            if arms.is_empty() {
                return format!("CAST(NULL AS {})", self.target.dialect.text());
            }
            let ws: Vec<String> = arms
                .iter()
                .map(|a| format!("WHEN {} THEN {}", a.0, pick(a)))
                .collect();
            format!(
                "CASE WHEN \"not_ranked\" IS NOT NULL THEN NULL {} END",
                ws.join(" ")
            )
        };
        let zone = case(&|a| text(&a.1));
        let title = case(&|a| text(&a.2));
        self.add(
            "zoned",
            vec![(zone, "\"zone\"".into()), (title, "\"zone_title\"".into())],
        );
    }

    fn query(mut self) -> String {
        self.regions();
        self.exclusions();
        self.raw_values();
        self.steps();
        self.groups();
        self.score();
        self.places();
        self.zones();
        let m = self.m;
        let mut out = vec![
            "\"place\"".to_string(),
            "\"k\" AS \"key\"".into(),
            "COALESCE(\"l\", '') AS \"label\"".into(),
            "\"score\"".into(),
            "\"zone\"".into(),
            "\"zone_title\"".into(),
            "\"not_ranked\" AS \"excluded\"".into(),
        ];
        let score = self.st.score.group;
        for (_, grp) in m.groups.iter().enumerate().filter(|(g, _)| *g != score) {
            let c = col_group(&grp.name);
            out.push(format!("CASE WHEN {RANKED} THEN {c} END AS {c}"));
        }
        if self.target.run_columns {
            for i in 0..self.st.order.tie_breakers.len() {
                let c = ident(&format!("tb.{i}"));
                out.push(format!("{c} AS {}", ident(&format!("tie.{i}"))));
            }
            // the regions a `by` policy filled from all regions (the run warns of them)
            for ind in m.indicators.iter().filter(|i| i.missing.by().is_some()) {
                out.push(ident(&format!("fallback.{}", ind.name)));
            }
            for ind in m.indicators.iter().filter(|_| self.target.detail) {
                let before = match ind.transforms.len() {
                    0 => col_raw(&ind.name),
                    k => col_step(k, &ind.name),
                };
                out.push(format!(
                    "CASE WHEN {before} IS NULL THEN 1 ELSE 0 END AS {}",
                    ident(&format!("missing.{}", ind.name))
                ));
                if ind.outliers != Outliers::None {
                    out.push(col_mark(&ind.name));
                }
            }
        }
        if self.target.detail {
            let ranked = |e: String| format!("CASE WHEN \"not_ranked\" IS NULL THEN {e} END");
            for (i, ind) in m.indicators.iter().enumerate() {
                let n = &ind.name;
                out.push(format!("{} AS {}", col_raw(n), ident(&format!("{n}.raw"))));
                out.push(format!(
                    "{} AS {}",
                    ranked(col_value(n)),
                    ident(&format!("{n}.value"))
                ));
                out.push(format!(
                    "{} AS {}",
                    ranked(col_norm(n)),
                    ident(&format!("{n}.normalized"))
                ));
                out.push(format!(
                    "{} AS {}",
                    ranked(self.contribution(NodeRef::Indicator(i))),
                    ident(&format!("{n}.contribution"))
                ));
            }
        }
        // PostgreSQL pulls a step that is a plain SELECT up into the next and writes its
        // expressions where their columns are read: steps that read a column several
        // times (a group its members' weights, rounding its number) copy expressions
        // exponentially. `OFFSET 0` keeps each step a step, without materializing it.
        let (fence, why) = match self.target.dialect {
            Dialect::Postgres => (
                "\n  OFFSET 0",
                "-- (each step ends with OFFSET 0: PostgreSQL then computes it once, rather than copying its expressions into the next)\n",
            ),
            _ => ("", ""),
        };
        let header = format!(
            "-- {}{}\n-- written by metodika {} for {}: one row per region, the columns of `metodika run --format csv`\n{why}",
            m.title.replace('\n', " "),
            m.version
                .as_ref()
                .map(|v| format!(", version {}", v.replace('\n', " ")))
                .unwrap_or_default(),
            env!("CARGO_PKG_VERSION"),
            self.target.dialect.name()
        );
        let ctes: Vec<String> = self
            .ctes
            .iter()
            .map(|(n, b)| format!("{} AS (\n{b}{fence}\n)", ident(n)))
            .collect();
        format!(
            "{header}WITH\n{}\nSELECT\n  {}\nFROM {}\nORDER BY \"row\"{};\n",
            ctes.join(",\n"),
            out.join(",\n  "),
            ident(&self.last()),
            match self.target.dialect {
                // (a region an input lacks joins as NULLs, as elsewhere)
                Dialect::ClickHouse => "\nSETTINGS join_use_nulls = 1",
                _ => "",
            }
        )
    }
}
