//! Rankings as text: table, CSV, JSON, Markdown; and the explanation of one region.
//! The column names here are part of the interface (documented in docs/cli.md).

use crate::check::{Methodology, NodeRef, WeightScheme};
use crate::engine::{fmt_exact, write_exact, Columns, Ranking, Row, Step};
use serde_json::{json, Map, Value};

pub use crate::engine::result_fmt_num as fmt_num;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "markdown" | "md" => Format::Markdown,
            _ => return None,
        })
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(fmt_num).unwrap_or_default()
}

fn place_text(p: Option<f64>) -> String {
    opt(p)
}

/// One column of the machine-readable outputs.
#[derive(Clone, Copy)]
enum Col {
    Place,
    Key,
    Label,
    Score,
    Zone,
    ZoneTitle,
    Excluded,
    Group(usize),
    Raw(usize),
    Value(usize),
    Normalized(usize),
    Contribution(usize),
}

/// The columns of a ranking, with their stable names.
fn column_specs(r: &Ranking, detail: bool) -> Vec<(String, Col)> {
    let mut cols: Vec<(String, Col)> = vec![
        ("place".into(), Col::Place),
        ("key".into(), Col::Key),
        ("label".into(), Col::Label),
        ("score".into(), Col::Score),
        ("zone".into(), Col::Zone),
        ("zone_title".into(), Col::ZoneTitle),
        ("excluded".into(), Col::Excluded),
    ];
    for (gi, (g, _)) in r.groups.iter().enumerate() {
        cols.push((format!("group.{g}"), Col::Group(gi)));
    }
    if detail {
        for (ii, (ind, _)) in r.indicators.iter().enumerate() {
            cols.push((format!("{ind}.raw"), Col::Raw(ii)));
            cols.push((format!("{ind}.value"), Col::Value(ii)));
            cols.push((format!("{ind}.normalized"), Col::Normalized(ii)));
            cols.push((format!("{ind}.contribution"), Col::Contribution(ii)));
        }
    }
    cols
}

/// A ranking's rows, one cell at a time: the rows of a [`Ranking`], or the columns of a
/// large run ([`Columns`]), written without a row object per region.
pub trait Rows {
    /// Titles, groups, indicators and zones.
    fn meta(&self) -> &Ranking;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn place(&self, r: usize) -> Option<f64>;
    fn key(&self, r: usize) -> &str;
    fn label(&self, r: usize) -> &str;
    fn score(&self, r: usize) -> Option<f64>;
    fn zone(&self, r: usize) -> Option<&str>;
    fn excluded(&self, r: usize) -> Option<&str>;
    fn group(&self, r: usize, g: usize) -> Option<f64>;
    fn step(&self, r: usize, i: usize, step: Step) -> Option<f64>;
}

impl Rows for Ranking {
    fn meta(&self) -> &Ranking {
        self
    }
    fn len(&self) -> usize {
        self.rows.len()
    }
    fn place(&self, r: usize) -> Option<f64> {
        self.rows[r].place
    }
    fn key(&self, r: usize) -> &str {
        &self.rows[r].key
    }
    fn label(&self, r: usize) -> &str {
        &self.rows[r].label
    }
    fn score(&self, r: usize) -> Option<f64> {
        self.rows[r].score
    }
    fn zone(&self, r: usize) -> Option<&str> {
        self.rows[r].zone.as_deref()
    }
    fn excluded(&self, r: usize) -> Option<&str> {
        self.rows[r].excluded.as_deref()
    }
    fn group(&self, r: usize, g: usize) -> Option<f64> {
        self.rows[r].groups[g]
    }
    fn step(&self, r: usize, i: usize, step: Step) -> Option<f64> {
        let d = self.rows[r].indicators.get(i)?;
        match step {
            Step::Raw => d.raw,
            Step::Value => d.value,
            Step::Normalized => d.normalized,
            Step::Contribution => d.contribution,
        }
    }
}

impl Rows for Columns {
    fn meta(&self) -> &Ranking {
        &self.meta
    }
    fn len(&self) -> usize {
        Columns::len(self)
    }
    fn place(&self, r: usize) -> Option<f64> {
        Columns::place(self, r)
    }
    fn key(&self, r: usize) -> &str {
        Columns::key(self, r)
    }
    fn label(&self, r: usize) -> &str {
        Columns::label(self, r)
    }
    fn score(&self, r: usize) -> Option<f64> {
        Columns::score(self, r)
    }
    fn zone(&self, r: usize) -> Option<&str> {
        Columns::zone(self, r)
    }
    fn excluded(&self, r: usize) -> Option<&str> {
        Columns::excluded(self, r)
    }
    fn group(&self, r: usize, g: usize) -> Option<f64> {
        Columns::group(self, r, g)
    }
    fn step(&self, r: usize, i: usize, step: Step) -> Option<f64> {
        Columns::step(self, r, i, step)
    }
}

/// One cell of the machine-readable outputs, into `out`.
fn cell(r: &(impl Rows + ?Sized), row: usize, c: Col, out: &mut String) {
    let mut num = |x: Option<f64>| {
        if let Some(v) = x {
            write_exact(out, v)
        }
    };
    match c {
        Col::Place => num(r.place(row)),
        Col::Score => num(r.score(row)),
        Col::Group(g) => num(r.group(row, g)),
        Col::Raw(i) => num(r.step(row, i, Step::Raw)),
        Col::Value(i) => num(r.step(row, i, Step::Value)),
        Col::Normalized(i) => num(r.step(row, i, Step::Normalized)),
        Col::Contribution(i) => num(r.step(row, i, Step::Contribution)),
        Col::Key => out.push_str(r.key(row)),
        Col::Label => out.push_str(r.label(row)),
        Col::Zone => out.push_str(r.zone(row).unwrap_or_default()),
        Col::ZoneTitle => out.push_str(&zone_title(r.meta(), r.zone(row))),
        Col::Excluded => out.push_str(r.excluded(row).unwrap_or_default()),
    }
}

fn zone_title(r: &Ranking, zone: Option<&str>) -> String {
    zone.and_then(|z| r.zones.iter().find(|(n, _)| n == z))
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

/// CSV, written row by row.
pub fn csv(r: &Ranking, detail: bool) -> String {
    let mut out = Vec::new();
    let _ = write_csv(r, detail, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// CSV into a writer, row by row: the rows of a [`Ranking`] or the columns of a run.
/// Blocks of rows are formatted on several threads and written in order.
pub fn write_csv(
    r: &(impl Rows + Sync + ?Sized),
    detail: bool,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    const BLOCK: usize = 1 << 15;
    let cols = column_specs(r.meta(), detail);
    let mut header = csv::Writer::from_writer(Vec::new());
    header.write_record(cols.iter().map(|c| c.0.as_str()))?;
    out.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
    let n = r.len();
    let blocks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(BLOCK)
        .map(|a| a..(a + BLOCK).min(n))
        .collect();
    let threads = crate::data::threads().min(blocks.len()).max(1);
    for round in blocks.chunks(threads) {
        let texts: Vec<std::io::Result<Vec<u8>>> = if round.len() == 1 {
            vec![csv_rows(r, &cols, round[0].clone())]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = round
                    .iter()
                    .map(|rows| {
                        let cols = &cols;
                        s.spawn(move || csv_rows(r, cols, rows.clone()))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a CSV writer thread panicked"))
                    .collect()
            })
        };
        for t in texts {
            out.write_all(&t?)?;
        }
    }
    out.flush()
}

/// Some rows of the CSV, as bytes: numbers as they are, texts quoted where they hold a
/// comma, a quote or a line end (as the `csv` crate quotes the header).
fn csv_rows(
    r: &(impl Rows + ?Sized),
    cols: &[(String, Col)],
    rows: std::ops::Range<usize>,
) -> std::io::Result<Vec<u8>> {
    let mut out = String::with_capacity(rows.len() * 12 * cols.len());
    let mut text = String::new();
    for row in rows {
        for (i, (_, c)) in cols.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match c {
                Col::Key | Col::Label | Col::Zone | Col::ZoneTitle | Col::Excluded => {
                    text.clear();
                    cell(r, row, *c, &mut text);
                    push_csv_text(&mut out, &text);
                }
                _ => cell(r, row, *c, &mut out),
            }
        }
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// A text field of a CSV row.
fn push_csv_text(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn num(x: Option<f64>) -> Value {
    match x {
        Some(v) => {
            let s = fmt_exact(v);
            serde_json::from_str(&s).unwrap_or(Value::Null)
        }
        None => Value::Null,
    }
}

pub fn json(r: &Ranking, detail: bool) -> String {
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let mut o = Map::new();
            o.insert("place".into(), num(row.place));
            o.insert("key".into(), json!(row.key));
            o.insert("label".into(), json!(row.label));
            o.insert("score".into(), num(row.score));
            o.insert("zone".into(), json!(row.zone));
            o.insert(
                "zone_title".into(),
                if row.zone.is_some() {
                    json!(zone_title(r, row.zone.as_deref()))
                } else {
                    Value::Null
                },
            );
            o.insert("excluded".into(), json!(row.excluded));
            let groups: Map<String, Value> = r
                .groups
                .iter()
                .zip(&row.groups)
                .map(|((g, _), v)| (g.clone(), num(*v)))
                .collect();
            o.insert("groups".into(), Value::Object(groups));
            if detail {
                let inds: Map<String, Value> = r
                    .indicators
                    .iter()
                    .zip(&row.indicators)
                    .map(|((n, _), d)| {
                        (
                            n.clone(),
                            json!({
                                "raw": num(d.raw),
                                "value": num(d.value),
                                "normalized": num(d.normalized),
                                "contribution": num(d.contribution),
                                "imputed": d.was_missing && d.value.is_some(),
                            }),
                        )
                    })
                    .collect();
                o.insert("indicators".into(), Value::Object(inds));
            }
            Value::Object(o)
        })
        .collect();
    let doc = json!({
        "methodology": { "title": r.title, "version": r.version },
        "rows": rows,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// The human-facing columns: fewer, with titles.
fn display_columns(r: &Ranking, detail: bool) -> Vec<(String, Vec<String>, bool)> {
    // scores with at least the decimals the ranking compares them at: under `round 3`,
    // 0.971 and 0.974 must not both read 0.97
    let dp = r.score_decimals.map_or(2, |d| d.clamp(2, 15)) as usize;
    let mut cols: Vec<(String, Vec<String>, bool)> = vec![
        (
            "place".into(),
            r.rows.iter().map(|x| place_text(x.place)).collect(),
            true,
        ),
        (
            "key".into(),
            r.rows.iter().map(|x| x.key.clone()).collect(),
            false,
        ),
        (
            "region".into(),
            r.rows.iter().map(|x| x.label.clone()).collect(),
            false,
        ),
        (
            "score".into(),
            r.rows
                .iter()
                .map(|x| x.score.map(|s| format!("{s:.dp$}")).unwrap_or_default())
                .collect(),
            true,
        ),
    ];
    if !r.zones.is_empty() {
        cols.push((
            "zone".into(),
            r.rows
                .iter()
                .map(|x| zone_title(r, x.zone.as_deref()))
                .collect(),
            false,
        ));
    }
    for (gi, (g, _)) in r.groups.iter().enumerate() {
        cols.push((
            g.clone(),
            r.rows
                .iter()
                .map(|x| x.groups[gi].map(|s| format!("{s:.2}")).unwrap_or_default())
                .collect(),
            true,
        ));
    }
    if detail {
        for (ii, (ind, _)) in r.indicators.iter().enumerate() {
            cols.push((
                format!("{ind}.raw"),
                r.rows.iter().map(|x| opt(x.indicators[ii].raw)).collect(),
                true,
            ));
            cols.push((
                format!("{ind}.norm"),
                r.rows
                    .iter()
                    .map(|x| {
                        x.indicators[ii]
                            .normalized
                            .map(|v| format!("{v:.4}"))
                            .unwrap_or_default()
                    })
                    .collect(),
                true,
            ));
            cols.push((
                format!("{ind}.pts"),
                r.rows
                    .iter()
                    .map(|x| {
                        x.indicators[ii]
                            .contribution
                            .map(|v| format!("{v:.2}"))
                            .unwrap_or_default()
                    })
                    .collect(),
                true,
            ));
        }
    }
    cols.push((
        "not ranked".into(),
        r.rows
            .iter()
            .map(|x| x.excluded.clone().unwrap_or_default())
            .collect(),
        false,
    ));
    if r.rows.iter().all(|x| x.excluded.is_none()) {
        cols.pop();
    }
    cols
}

pub fn table(r: &Ranking, detail: bool) -> String {
    let cols = display_columns(r, detail);
    let widths: Vec<usize> = cols
        .iter()
        .map(|(h, v, _)| {
            v.iter()
                .map(|s| width(s))
                .chain([width(h)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    out.push_str(&r.title);
    if let Some(v) = &r.version {
        out.push_str(&format!(" ({v})"));
    }
    out.push('\n');
    let line = |cells: Vec<&str>, out: &mut String| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i] - width(c);
            if i > 0 {
                l.push_str("  ");
            }
            if cols[i].2 {
                l.push_str(&" ".repeat(pad));
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(cols.iter().map(|c| c.0.as_str()).collect(), &mut out);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(rule.iter().map(|s| s.as_str()).collect(), &mut out);
    for i in 0..r.rows.len() {
        line(cols.iter().map(|c| c.1[i].as_str()).collect(), &mut out);
    }
    out
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn markdown(r: &Ranking, detail: bool) -> String {
    let cols = display_columns(r, detail);
    let mut out = format!("### {}", md_escape(&r.title));
    if let Some(v) = &r.version {
        out.push_str(&format!(" ({})", md_escape(v)));
    }
    out.push_str("\n\n|");
    for c in &cols {
        out.push_str(&format!(" {} |", md_escape(&c.0)));
    }
    out.push_str("\n|");
    for c in &cols {
        out.push_str(if c.2 { " ---: |" } else { " --- |" });
    }
    out.push('\n');
    for i in 0..r.rows.len() {
        out.push('|');
        for c in &cols {
            out.push_str(&format!(" {} |", md_escape(&c.1[i])));
        }
        out.push('\n');
    }
    out
}

pub fn render(r: &Ranking, format: Format, detail: bool) -> String {
    match format {
        Format::Table => table(r, detail),
        Format::Csv => csv(r, detail),
        Format::Json => json(r, detail),
        Format::Markdown => markdown(r, detail),
    }
}

/// The score of one region as a tree, with its neighbours and what decided any tie.
/// `None` when no region has that key.
pub fn explain(m: &Methodology, r: &Ranking, key: &str) -> Option<String> {
    let idx = r.rows.iter().position(|x| x.key == key)?;
    let row = &r.rows[idx];
    let mut out = String::new();
    out.push_str(&format!("{} — {}\n", row.key, row.label));
    if let Some(reason) = &row.excluded {
        out.push_str(&format!("not ranked: {reason}\n"));
        return Some(out);
    }
    let ranked = r.rows.iter().filter(|x| x.place.is_some()).count();
    out.push_str(&format!(
        "place {} of {ranked} ({} ties), score {}",
        place_text(row.place),
        m.rank.ties.name(),
        opt(row.score)
    ));
    if let Some(z) = &row.zone {
        out.push_str(&format!(
            ", zone {z} ({})",
            zone_title(r, row.zone.as_deref())
        ));
    }
    out.push_str("\n\n");
    let score_group = m.groups.len() - 1;
    let score_value = row.score;
    out.push_str(&format!(
        "score  {}  = {}\n",
        m.groups[score_group].title,
        opt(score_value)
    ));
    tree(m, r, row, score_group, "", &mut out);
    // Neighbours and ties.
    out.push('\n');
    let show = |x: &Row| {
        format!(
            "  {:>5}  {:<4} {:<40} {}",
            place_text(x.place),
            x.key,
            x.label,
            opt(x.score)
        )
    };
    if idx > 0 && r.rows[idx - 1].place.is_some() {
        out.push_str(&format!("above:\n{}\n", show(&r.rows[idx - 1])));
    }
    out.push_str(&format!("this:\n{}\n", show(row)));
    if idx + 1 < r.rows.len() && r.rows[idx + 1].place.is_some() {
        out.push_str(&format!("below:\n{}\n", show(&r.rows[idx + 1])));
    }
    for other in [idx.checked_sub(1), Some(idx + 1)].into_iter().flatten() {
        let Some(o) = r.rows.get(other) else { continue };
        if o.place.is_none() || o.score != row.score {
            continue;
        }
        let decided = (0..r.tie_breakers.len()).find(|&t| row.tie_values[t] != o.tie_values[t]);
        match decided {
            Some(t) => out.push_str(&format!(
                "tie on score with {} ({}): decided by `{}` — {} against {}\n",
                o.key,
                o.label,
                r.tie_breakers[t],
                opt(row.tie_values[t]),
                opt(o.tie_values[t])
            )),
            None if o.place == row.place => out.push_str(&format!(
                "shares place {} with {} ({}): equal on the score{}\n",
                place_text(row.place),
                o.key,
                o.label,
                if r.tie_breakers.is_empty() {
                    ""
                } else {
                    " and every tie-breaker"
                }
            )),
            None => out.push_str(&format!(
                "equal with {} ({}) on the score{}; ordered by key (`ties {}`)\n",
                o.key,
                o.label,
                if r.tie_breakers.is_empty() {
                    ""
                } else {
                    " and every tie-breaker"
                },
                m.rank.ties.name()
            )),
        }
    }
    Some(out)
}

fn weight_text(m: &Methodology, g: usize, w: f64) -> String {
    use crate::builtins::Aggregation;
    let grp = &m.groups[g];
    let summed = grp.aggregation == Aggregation::Sum;
    match grp.scheme {
        WeightScheme::Points => count(w, "point", "points"),
        WeightScheme::Percent => format!("weight {}%", fmt_num(w * 100.0)),
        WeightScheme::Relative if summed => format!("× {}", fmt_num(w)),
        WeightScheme::Relative => format!("weight {}/{}", fmt_num(w), fmt_num(grp.total_weight())),
        WeightScheme::Equal if summed => "added as is".to_string(),
        WeightScheme::Equal => format!("weight 1/{}", grp.members.len()),
    }
}

/// Numbers in explanations: four decimals at most.
fn short(x: Option<f64>) -> String {
    x.map(|v| fmt_num((v * 1e4).round() / 1e4))
        .unwrap_or_else(|| "—".into())
}

fn tree(m: &Methodology, r: &Ranking, row: &Row, g: usize, prefix: &str, out: &mut String) {
    let members = &m.groups[g].members;
    for (k, mem) in members.iter().enumerate() {
        let last = k + 1 == members.len();
        let branch = if last { "└─ " } else { "├─ " };
        let cont = if last { "   " } else { "│  " };
        let w = weight_text(m, g, mem.weight);
        match mem.node {
            NodeRef::Group(c) => {
                let v = r
                    .groups
                    .iter()
                    .position(|(n, _)| *n == m.groups[c].name)
                    .and_then(|i| row.groups[i]);
                out.push_str(&format!(
                    "{prefix}{branch}{}  {}  = {}  [{}; {}]\n",
                    m.groups[c].name,
                    m.groups[c].title,
                    short(v),
                    m.groups[c].aggregation.name(),
                    w
                ));
                tree(m, r, row, c, &format!("{prefix}{cont}"), out);
            }
            NodeRef::Indicator(i) => {
                let ind = &m.indicators[i];
                let d = &row.indicators[i];
                out.push_str(&format!("{prefix}{branch}{}  {}\n", ind.name, ind.title));
                let mut steps = format!("raw {}", short(d.raw));
                if d.raw.is_none() {
                    steps = "raw (missing)".into();
                }
                if !ind.transforms.is_empty() || d.was_missing {
                    let why = if d.was_missing {
                        format!(" [missing → {}]", ind.missing.name())
                    } else {
                        String::new()
                    };
                    steps.push_str(&format!(" → value {}{why}", short(d.value)));
                }
                steps.push_str(&format!(
                    " → {} {} → {}, contributes {}",
                    ind.normalization.name(),
                    short(d.normalized),
                    w,
                    short(d.contribution)
                ));
                out.push_str(&format!("{prefix}{cont}   {steps}\n"));
            }
        }
    }
}

// ---- diff ------------------------------------------------------------------------------

use crate::diff::{Diff, RegionMove};

fn signed(x: f64) -> String {
    let s = fmt_num(x);
    if x > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

fn move_text(r: &RegionMove) -> String {
    match r.moved {
        Some(0.0) => "=".into(),
        Some(m) => signed(m),
        None => "—".into(),
    }
}

fn place_or(r: Option<f64>, excluded: &Option<String>) -> String {
    match (r, excluded) {
        (Some(p), _) => fmt_num(p),
        (None, Some(_)) => "excl.".into(),
        (None, None) => "absent".into(),
    }
}

/// A zone as people read it: its title (its name when it has none), `—` for none.
fn zone_name(name: &Option<String>, title: &Option<String>) -> String {
    title
        .clone()
        .filter(|t| !t.is_empty())
        .or_else(|| name.clone())
        .unwrap_or_else(|| "—".into())
}

fn zone_move(r: &RegionMove) -> String {
    let (a, b) = (
        zone_name(&r.old_zone, &r.old_zone_title),
        zone_name(&r.new_zone, &r.new_zone_title),
    );
    if r.old_zone == r.new_zone {
        b
    } else {
        format!("{a} → {b}")
    }
}

/// `1 place`, `2 places`, `1.5 places`, `21 points`, `1 point`.
pub fn count(x: f64, one: &str, many: &str) -> String {
    format!("{} {}", fmt_num(x), if x.abs() == 1.0 { one } else { many })
}

fn why(r: &RegionMove) -> String {
    let mut parts: Vec<String> = r
        .top_groups
        .iter()
        .take(1)
        .map(|(g, d)| format!("[{g} {}]", signed(round2(*d))))
        .collect();
    parts.extend(
        r.top_indicators
            .iter()
            .take(2)
            .map(|(n, d)| format!("{n} {}", signed(round2(*d)))),
    );
    parts.extend(r.note.clone());
    parts.join(", ")
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn opt2(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())
}

fn stat(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "—".into())
}

fn diff_header(d: &Diff) -> String {
    let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".into());
    if d.old_title == d.new_title {
        format!(
            "{}: {} → {}",
            d.new_title,
            v(&d.old_version),
            v(&d.new_version)
        )
    } else {
        format!(
            "{} ({}) → {} ({})",
            d.old_title,
            v(&d.old_version),
            d.new_title,
            v(&d.new_version)
        )
    }
}

fn summary_lines(d: &Diff) -> Vec<String> {
    let s = &d.summary;
    let label = |k: &str| {
        d.regions
            .iter()
            .find(|r| r.key == k)
            .filter(|r| !r.label.is_empty())
            .map(|r| format!("{k} {}", r.label))
            .unwrap_or_else(|| k.to_string())
    };
    let mut out = vec![format!(
        "{} regions: {} up, {} down, {} unchanged{}{}",
        s.regions,
        s.up,
        s.down,
        s.unchanged,
        if s.ranked_changed > 0 {
            format!(", {} ranked on one side only", s.ranked_changed)
        } else {
            String::new()
        },
        if s.ranked_neither > 0 {
            format!(", {} not ranked on either side", s.ranked_neither)
        } else {
            String::new()
        }
    )];
    if s.renumbered > 0 {
        out.push(format!(
            "{} with the same regions ahead but another place number (ties formed or broken above {})",
            if s.renumbered == 1 { "1 region".to_string() } else { format!("{} regions", s.renumbered) },
            if s.renumbered == 1 { "it" } else { "them" }
        ));
    }
    out.extend([format!(
        "Spearman's ρ = {}, Kendall's τ-b = {}; top 10: {} of {} stay (new top 10 has {})",
        stat(s.spearman_rho),
        stat(s.kendall_tau_b),
        s.top10_overlap.0,
        s.top10_overlap.1,
        s.top10_overlap.2
    )]);
    if !s.largest_up.is_empty() {
        out.push(format!(
            "largest moves up: {}",
            s.largest_up
                .iter()
                .map(|(k, m)| format!("{} ({})", label(k), signed(*m)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !s.largest_down.is_empty() {
        out.push(format!(
            "largest moves down: {}",
            s.largest_down
                .iter()
                .map(|(k, m)| format!("{} ({})", label(k), signed(*m)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if s.zone_changes.is_empty() {
        out.push("zone changes: none".into());
    } else {
        let titles = |k: &str, a: &Option<String>, b: &Option<String>| match d
            .regions
            .iter()
            .find(|r| r.key == k)
        {
            Some(r) => (
                zone_name(a, &r.old_zone_title),
                zone_name(b, &r.new_zone_title),
            ),
            None => (zone_name(a, &None), zone_name(b, &None)),
        };
        out.push(format!(
            "zone changes ({}): {}",
            s.zone_changes.len(),
            s.zone_changes
                .iter()
                .map(|(k, a, b)| {
                    let (a, b) = titles(k, a, b);
                    format!("{} {a} → {b}", label(k))
                })
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    out
}

fn diff_rows(d: &Diff) -> Vec<[String; 9]> {
    d.regions
        .iter()
        .map(|r| {
            [
                move_text(r),
                place_or(r.old_place, &r.old_excluded),
                place_or(r.new_place, &r.new_excluded),
                r.key.clone(),
                r.label.clone(),
                opt2(r.old_score),
                opt2(r.new_score),
                zone_move(r),
                why(r),
            ]
        })
        .collect()
}

const DIFF_HEADS: [&str; 9] = [
    "move",
    "old",
    "new",
    "key",
    "region",
    "old score",
    "new score",
    "zone",
    "largest changes (points)",
];

pub fn diff_table(d: &Diff) -> String {
    let mut out = format!("{}\n\n", diff_header(d));
    if d.changes.is_empty() {
        out.push_str("methodology: no changes\n");
    } else {
        out.push_str(&format!("methodology changes ({}):\n", d.changes.len()));
        for c in &d.changes {
            out.push_str(&format!("  {:<9} {:<22} {}\n", c.area, c.name, c.what));
        }
    }
    out.push('\n');
    for l in summary_lines(d) {
        out.push_str(&l);
        out.push('\n');
    }
    out.push('\n');
    let rows = diff_rows(d);
    let mut widths: Vec<usize> = DIFF_HEADS.iter().map(|h| width(h)).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    let right = [true, true, true, false, false, true, true, false, false];
    let line = |cells: Vec<&str>, out: &mut String| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            let pad = " ".repeat(widths[i] - width(c));
            if right[i] {
                l.push_str(&pad);
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&pad);
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(DIFF_HEADS.to_vec(), &mut out);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(rule.iter().map(|s| s.as_str()).collect(), &mut out);
    for r in &rows {
        line(r.iter().map(|s| s.as_str()).collect(), &mut out);
    }
    out
}

pub fn diff_markdown(d: &Diff) -> String {
    let mut out = format!("### {}\n\n", md_escape(&diff_header(d)));
    out.push_str("**Methodology changes**\n\n");
    if d.changes.is_empty() {
        out.push_str("none\n");
    }
    for c in &d.changes {
        let name = if c.name.is_empty() {
            String::new()
        } else {
            format!(" `{}`", c.name)
        };
        out.push_str(&format!("- {}{}: {}\n", c.area, name, md_escape(&c.what)));
    }
    out.push_str("\n**Consequences**\n\n");
    for l in summary_lines(d) {
        out.push_str(&format!("- {}\n", md_escape(&l)));
    }
    let moved: Vec<[String; 9]> = diff_rows(d).into_iter().filter(|r| r[0] != "=").collect();
    out.push_str(&format!("\n**Regions that moved** ({})\n\n|", moved.len()));
    for h in DIFF_HEADS {
        out.push_str(&format!(" {h} |"));
    }
    out.push_str("\n| ---: | ---: | ---: | --- | --- | ---: | ---: | --- | --- |\n");
    for r in &moved {
        out.push('|');
        for c in r {
            out.push_str(&format!(" {} |", md_escape(c)));
        }
        out.push('\n');
    }
    out
}

pub fn diff_csv(d: &Diff) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "key",
        "label",
        "old_place",
        "new_place",
        "moved",
        "old_score",
        "new_score",
        "old_zone",
        "new_zone",
        "old_excluded",
        "new_excluded",
        "largest_changes",
        "old_zone_title",
        "new_zone_title",
        "note",
    ]);
    for r in &d.regions {
        let changes: Vec<String> = r
            .top_indicators
            .iter()
            .map(|(n, v)| format!("{n} {}", signed(*v)))
            .collect();
        let _ = w.write_record([
            r.key.clone(),
            r.label.clone(),
            r.old_place.map(fmt_exact).unwrap_or_default(),
            r.new_place.map(fmt_exact).unwrap_or_default(),
            r.moved.map(fmt_exact).unwrap_or_default(),
            r.old_score.map(fmt_exact).unwrap_or_default(),
            r.new_score.map(fmt_exact).unwrap_or_default(),
            r.old_zone.clone().unwrap_or_default(),
            r.new_zone.clone().unwrap_or_default(),
            r.old_excluded.clone().unwrap_or_default(),
            r.new_excluded.clone().unwrap_or_default(),
            changes.join("; "),
            r.old_zone_title.clone().unwrap_or_default(),
            r.new_zone_title.clone().unwrap_or_default(),
            r.note.clone().unwrap_or_default(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn diff_json(d: &Diff) -> String {
    let mut s =
        serde_json::to_string_pretty(&round_json(serde_json::to_value(d).unwrap_or(Value::Null)))
            .unwrap_or_default();
    s.push('\n');
    s
}

/// Numbers in JSON as the ranking's JSON prints them (shortest exact, integers bare).
fn round_json(v: Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => num(Some(f)),
            _ => Value::Number(n),
        },
        Value::Array(a) => Value::Array(a.into_iter().map(round_json).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, round_json(v))).collect()),
        other => other,
    }
}

pub fn render_diff(d: &Diff, format: Format) -> String {
    match format {
        Format::Table => diff_table(d),
        Format::Markdown => diff_markdown(d),
        Format::Csv => diff_csv(d),
        Format::Json => diff_json(d),
    }
}
