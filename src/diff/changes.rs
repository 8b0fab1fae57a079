//! The methodology's own changes, as a reviewer reads them: compared on the checked form,
//! expressions as trees, so that layout, comments, parentheses and the order of items do
//! not count.

use super::{Change, Said, UncertaintyLine};
use crate::check::{GroupDef, IrExpr, Methodology, NodeRef, ZoneDef, ZoneRule};

fn fmt_w(g: &GroupDef, w: f64) -> String {
    use crate::check::WeightScheme::*;
    match g.scheme {
        Points => format!("points {}", crate::words::number::fmt_num(w)),
        Percent => format!("weight {}%", crate::words::number::fmt_num(w * 100.0)),
        Relative => format!("weight {}", crate::words::number::fmt_num(w)),
        Equal => "equal weight".into(),
    }
}

fn member_names(m: &Methodology, g: &GroupDef) -> Vec<(String, f64)> {
    g.members
        .iter()
        .map(|x| {
            let n = match x.node {
                NodeRef::Indicator(i) => m.indicators[i].name.clone(),
                NodeRef::Group(c) => m.groups[c].name.clone(),
            };
            (n, x.weight)
        })
        .collect()
}

/// The methodology's own changes, compared on the checked form (so layout, comments and
/// the order of items do not count).
pub fn changes(old: &Methodology, new: &Methodology) -> Vec<Change> {
    let out = std::cell::RefCell::new(Vec::new());
    // (the title: the new edition's, else the old one's)
    let title_of = |area: &str, name: &str| -> String {
        let find = |m: &Methodology| match area {
            "indicator" => m
                .indicators
                .iter()
                .find(|i| i.name == name)
                .map(|i| i.title.clone()),
            "group" => m
                .groups
                .iter()
                .find(|g| g.name == name)
                .map(|g| g.title.clone()),
            "zones" => m
                .zones
                .iter()
                .find(|z| z.name == name)
                .map(|z| z.title.clone()),
            _ => None,
        };
        find(new).or_else(|| find(old)).unwrap_or_default()
    };
    let ch = |area: &str, name: &str, what: String| {
        out.borrow_mut().push(Change {
            area: area.into(),
            name: name.into(),
            what,
            title: title_of(area, name),
            file: String::new(),
            line: None,
            from: None,
            said: None,
        })
    };
    // the change just listed, typed for the outputs in words
    let said = |s: Said| {
        if let Some(c) = out.borrow_mut().last_mut() {
            c.said = Some(s);
        }
    };
    // a formula in words, in its methodology's language
    let words = |m: &Methodology, e: &IrExpr| {
        crate::words::formula::formula(crate::words::lang(&m.title), m, e)
    };
    // a member of a group by its title
    let member_title = |m: &Methodology, name: &str| {
        m.indicators
            .iter()
            .find(|i| i.name == name)
            .map(|i| i.title.clone())
            .or_else(|| {
                m.groups
                    .iter()
                    .find(|g| g.name == name)
                    .map(|g| g.title.clone())
            })
            .unwrap_or_else(|| name.to_string())
    };
    if old.version != new.version {
        ch(
            "header",
            "version",
            format!(
                "{} → {}",
                old.version.as_deref().unwrap_or("—"),
                new.version.as_deref().unwrap_or("—")
            ),
        );
    }
    if old.key != new.key {
        ch("header", "key", format!("{} → {}", old.key, new.key));
    }
    for i in &new.inputs {
        match old.inputs.iter().find(|o| o.name == i.name) {
            None => ch("input", &i.name, format!("added: \"{}\"", i.path)),
            Some(o) => {
                if o.path != i.path {
                    ch(
                        "input",
                        &i.name,
                        format!("path \"{}\" → \"{}\"", o.path, i.path),
                    );
                }
                if o.encoding != i.encoding {
                    let name = |e: Option<&'static encoding_rs::Encoding>| {
                        e.map_or("told from the text".to_string(), |e| {
                            format!("\"{}\"", e.name())
                        })
                    };
                    ch(
                        "input",
                        &i.name,
                        format!("encoding {} → {}", name(o.encoding), name(i.encoding)),
                    );
                }
                if o.sheet != i.sheet {
                    let name = |s: &Option<String>| {
                        s.as_ref()
                            .map_or("the first".to_string(), |s| format!("\"{s}\""))
                    };
                    ch(
                        "input",
                        &i.name,
                        format!("sheet {} → {}", name(&o.sheet), name(&i.sheet)),
                    );
                }
                if o.header_row != i.header_row {
                    let row =
                        |r: Option<u32>| r.map_or("found".to_string(), |r| format!("row {r}"));
                    ch(
                        "input",
                        &i.name,
                        format!("header {} → {}", row(o.header_row), row(i.header_row)),
                    );
                }
            }
        }
    }
    for o in &old.inputs {
        if !new.inputs.iter().any(|i| i.name == o.name) {
            ch("input", &o.name, "removed".into());
        }
    }
    let ex_text =
        |x: &crate::check::Exclusion| format!("when {} \"{}\"", x.condition_text, x.reason);
    let same_ex = |a: &crate::check::Exclusion, b: &crate::check::Exclusion| {
        a.reason == b.reason && same_expr(old, &a.condition, new, &b.condition)
    };
    for x in &new.exclusions {
        if !old.exclusions.iter().any(|o| same_ex(o, x)) {
            ch("exclude", "", format!("added: {}", ex_text(x)));
        }
    }
    for o in &old.exclusions {
        if !new.exclusions.iter().any(|x| same_ex(o, x)) {
            ch("exclude", "", format!("removed: {}", ex_text(o)));
        }
    }
    for ind in &new.indicators {
        let Some(o) = old.indicators.iter().find(|o| o.name == ind.name) else {
            // a new indicator with what a reviewer weighs: its direction, normalization and
            // weight (in the group that counts it)
            let counted = new.groups.iter().find_map(|g| {
                g.members.iter().find_map(|m| match m.node {
                    NodeRef::Indicator(i) if new.indicators[i].name == ind.name => Some((g, m)),
                    _ => None,
                })
            });
            let weight = counted.map(|(g, m)| format!("{} ({})", fmt_w(g, m.weight), g.name));
            ch(
                "indicator",
                &ind.name,
                format!(
                    "added: \"{}\" = {}; better {}; normalize {}{}",
                    ind.title,
                    ind.value_text,
                    format!("{:?}", ind.better).to_lowercase(),
                    ind.normalization_text,
                    weight.map(|w| format!("; {w}")).unwrap_or_default()
                ),
            );
            said(Said::IndicatorAdded {
                formula: words(new, &ind.value),
                better: ind.better,
                normalization: ind.normalization.clone(),
                weight: counted.map(|(g, m)| (g.scheme, m.weight, g.title.clone())),
            });
            continue;
        };
        if !same_expr(old, &o.value, new, &ind.value) {
            // where only aggregates over records changed, name what changed in them
            match record_changes(old, &o.value, new, &ind.value) {
                Some(changes) if !changes.is_empty() => {
                    for (c, s) in changes {
                        ch("indicator", &ind.name, c);
                        said(s);
                    }
                }
                _ => {
                    ch(
                        "indicator",
                        &ind.name,
                        format!("value: {} → {}", o.value_text, ind.value_text),
                    );
                    said(Said::Value(words(old, &o.value), words(new, &ind.value)));
                }
            }
        }
        if o.better != ind.better {
            ch(
                "indicator",
                &ind.name,
                format!("better: {:?} → {:?}", o.better, ind.better).to_lowercase(),
            );
            said(Said::Better(o.better, ind.better));
        }
        if o.transforms != ind.transforms {
            ch(
                "indicator",
                &ind.name,
                format!("transform: {} → {}", o.transforms_text, ind.transforms_text),
            );
        }
        if o.normalization != ind.normalization {
            ch(
                "indicator",
                &ind.name,
                format!(
                    "normalize: {} → {}",
                    o.normalization_text, ind.normalization_text
                ),
            );
            said(Said::Normalize(
                o.normalization.clone(),
                ind.normalization.clone(),
            ));
        }
        if o.missing != ind.missing {
            ch(
                "indicator",
                &ind.name,
                format!("missing: {} → {}", o.missing.text(), ind.missing.text()),
            );
            said(Said::Missing(o.missing.clone(), ind.missing.clone()));
        }
        if o.outliers != ind.outliers {
            ch(
                "indicator",
                &ind.name,
                format!("outliers: {} → {}", o.outliers.text(), ind.outliers.text()),
            );
            said(Said::Outliers(o.outliers, ind.outliers));
        }
        if o.title != ind.title {
            ch(
                "indicator",
                &ind.name,
                format!("title: \"{}\" → \"{}\"", o.title, ind.title),
            );
        }
    }
    for o in &old.indicators {
        if !new.indicators.iter().any(|i| i.name == o.name) {
            ch("indicator", &o.name, format!("removed: \"{}\"", o.title));
        }
    }
    for g in &new.groups {
        let Some(o) = old.groups.iter().find(|o| o.name == g.name) else {
            ch("group", &g.name, format!("added: \"{}\"", g.title));
            continue;
        };
        if o.aggregation != g.aggregation {
            ch(
                "group",
                &g.name,
                format!(
                    "aggregation: {} → {}",
                    o.aggregation.name(),
                    g.aggregation.name()
                ),
            );
            said(Said::Aggregation(o.aggregation, g.aggregation));
        }
        if o.coverage != g.coverage {
            let text = |c: Option<f64>| c.map_or_else(|| "none".to_string(), crate::builtins::pct);
            ch(
                "group",
                &g.name,
                format!("coverage: {} → {}", text(o.coverage), text(g.coverage)),
            );
        }
        let (om, nm) = (member_names(old, o), member_names(new, g));
        for (n, w) in &nm {
            match om.iter().find(|x| &x.0 == n) {
                None => {
                    ch(
                        "group",
                        &g.name,
                        format!("member added: {n} ({})", fmt_w(g, *w)),
                    );
                    said(Said::MemberAdded(member_title(new, n), g.scheme, *w));
                }
                Some((_, ow)) if (ow - w).abs() > 1e-12 || o.scheme != g.scheme => {
                    ch(
                        "group",
                        &g.name,
                        format!("{n}: {} → {}", fmt_w(o, *ow), fmt_w(g, *w)),
                    );
                    said(Said::Weight {
                        member: member_title(new, n),
                        was: (o.scheme, *ow),
                        now: (g.scheme, *w),
                    });
                }
                _ => {}
            }
        }
        for (n, w) in &om {
            if !nm.iter().any(|x| &x.0 == n) {
                ch(
                    "group",
                    &g.name,
                    format!("member removed: {n} ({})", fmt_w(o, *w)),
                );
                said(Said::MemberRemoved(member_title(old, n), o.scheme, *w));
            }
        }
    }
    for o in &old.groups {
        if !new.groups.iter().any(|g| g.name == o.name) {
            ch("group", &o.name, format!("removed: \"{}\"", o.title));
        }
    }
    if old.rank.round != new.rank.round {
        ch(
            "rank",
            "round",
            format!("{:?} → {:?}", old.rank.round, new.rank.round)
                .replace("Some(", "")
                .replace(')', "")
                .replace("None", "none"),
        );
    }
    if old.rank.ties != new.rank.ties {
        ch(
            "rank",
            "ties",
            format!("{} → {}", old.rank.ties.name(), new.rank.ties.name()),
        );
    }
    let tb = |m: &Methodology| {
        m.rank
            .then_text
            .iter()
            .zip(&m.rank.then)
            .map(|(t, (_, o))| {
                format!(
                    "{t} {}",
                    if *o == crate::syntax::ast::Order::Asc {
                        "asc"
                    } else {
                        "desc"
                    }
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let same_tb = old.rank.then.len() == new.rank.then.len()
        && old
            .rank
            .then
            .iter()
            .zip(&new.rank.then)
            .all(|((a, oa), (b, ob))| oa == ob && same_expr(old, a, new, b));
    if !same_tb {
        ch(
            "rank",
            "then",
            format!("{} → {}", or_none(&tb(old)), or_none(&tb(new))),
        );
        let criteria = |m: &Methodology| {
            m.rank
                .then
                .iter()
                .map(|(e, o)| (words(m, e), *o == crate::syntax::ast::Order::Desc))
                .collect::<Vec<_>>()
        };
        said(Said::Then(criteria(old), criteria(new)));
    }
    let same_zone = |a: &ZoneDef, b: &ZoneDef| {
        a.name == b.name
            && a.title == b.title
            && match (&a.rule, &b.rule) {
                (ZoneRule::When(x), ZoneRule::When(y)) => same_expr(old, x, new, y),
                (ZoneRule::Top(x), ZoneRule::Top(y)) | (ZoneRule::Next(x), ZoneRule::Next(y)) => {
                    x == y
                }
                (ZoneRule::Otherwise, ZoneRule::Otherwise) => true,
                _ => false,
            }
    };
    let zone_text = |z: &ZoneDef| format!("{} \"{}\" {}", z.name, z.title, z.rule_text);
    let zone_words = |m: &Methodology, z: &ZoneDef| {
        let rule = crate::words::zone_rule(crate::words::lang(&m.title), &z.rule, &z.rule_text);
        format!("«{}»: {rule}", z.title)
    };
    let unchanged = old.zones.len() == new.zones.len()
        && old
            .zones
            .iter()
            .zip(&new.zones)
            .all(|(a, b)| same_zone(a, b));
    if !unchanged {
        let mut any = false;
        // a zone redefined reads as every other change: what it was → what it is
        for z in &new.zones {
            if old.zones.iter().any(|o| same_zone(o, z)) {
                continue;
            }
            any = true;
            match old.zones.iter().find(|o| o.name == z.name) {
                Some(o) => {
                    ch(
                        "zones",
                        &z.name,
                        format!("{} → {}", zone_text(o), zone_text(z)),
                    );
                    said(Said::Zone(
                        Some(zone_words(old, o)),
                        Some(zone_words(new, z)),
                    ));
                }
                None => {
                    ch("zones", &z.name, format!("added: {}", zone_text(z)));
                    said(Said::Zone(None, Some(zone_words(new, z))));
                }
            }
        }
        for o in &old.zones {
            if !new.zones.iter().any(|z| z.name == o.name) {
                any = true;
                ch("zones", &o.name, format!("removed: {}", zone_text(o)));
                said(Said::Zone(Some(zone_words(old, o)), None));
            }
        }
        if !any {
            ch("zones", "", "order changed".into());
        }
    }
    // the score's maximum (or range), when a re-weighting moves it
    let (was, now) = (old.score_range(), new.score_range());
    let same = |a: f64, b: f64| {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0) || (a.is_infinite() && a == b)
    };
    if !(same(was.lo, now.lo) && same(was.hi, now.hi)) {
        let text = |r: &crate::check::bounds::Range| match (
            old.score().aggregation,
            new.score().aggregation,
        ) {
            (crate::builtins::Aggregation::Sum, crate::builtins::Aggregation::Sum) => {
                format!("maximum points {}", crate::words::number::fmt_num(r.hi))
            }
            _ => format!(
                "{} to {}",
                crate::words::number::fmt_num(r.lo),
                crate::words::number::fmt_num(r.hi)
            ),
        };
        ch("score", "", format!("{} → {}", text(&was), text(&now)));
    }
    // the uncertainty block: it moves no place of the ranking, but a reviewer of the
    // revision reads what it now varies
    let (was, now) = (uncertainty_lines(old), uncertainty_lines(new));
    for (name, text, line) in &now {
        match was.iter().find(|(n, _, _)| n == name) {
            None => {
                ch("uncertainty", name, format!("added: {text}"));
                said(Said::Uncertainty(None, Some(line.clone())));
            }
            Some((_, t, l)) if t != text => {
                ch("uncertainty", name, format!("{t} → {text}"));
                said(Said::Uncertainty(Some(l.clone()), Some(line.clone())));
            }
            Some(_) => {}
        }
    }
    for (name, text, line) in &was {
        if !now.iter().any(|(n, _, _)| n == name) {
            ch("uncertainty", name, format!("removed: {text}"));
            said(Said::Uncertainty(Some(line.clone()), None));
        }
    }
    out.into_inner()
}

/// Each choice of the methodology's uncertainty block as it reads (`weights +-20%`,
/// `normalize x: minmax | zscore`), by what it varies.
fn uncertainty_lines(m: &Methodology) -> Vec<(String, String, UncertaintyLine)> {
    use crate::words::number::fmt_num;
    use UncertaintyLine as L;
    let Some(u) = &m.uncertainty else {
        return Vec::new();
    };
    let pct = |p: f64| format!("+-{}%", fmt_num(p * 100.0));
    let ind = |i: usize| m.indicators[i].name.clone();
    let alts = |xs: Vec<String>| xs.join(" | ");
    let title = |i: usize| m.indicators[i].title.clone();
    let mut out = vec![
        (
            "runs".to_string(),
            format!("runs {}", u.runs),
            L::Runs(u.runs),
        ),
        (
            "seed".to_string(),
            format!("seed {}", u.seed),
            L::Seed(u.seed),
        ),
    ];
    if let Some(p) = u.weights {
        out.push((
            "weights".into(),
            format!("weights {}", pct(p)),
            L::Weights(p),
        ));
    }
    for w in &u.weight_ranges {
        let g = &m.groups[w.group];
        let name = member_names(m, g)[w.member].0.clone();
        let unit = |x: f64| match g.scheme {
            crate::check::WeightScheme::Percent => format!("{}%", fmt_num(x * 100.0)),
            _ => fmt_num(x),
        };
        let text = format!("weight {name} {}..{}", unit(w.lo), unit(w.hi));
        let member = match g.members[w.member].node {
            NodeRef::Indicator(i) => m.indicators[i].title.clone(),
            NodeRef::Group(h) => m.groups[h].title.clone(),
        };
        out.push((
            format!("weight {name}"),
            text,
            L::Weight(member, g.scheme, w.lo, w.hi),
        ));
    }
    for ((i, ns), a) in u.normalize.iter().zip(&u.normalize_text) {
        let text = alts(a.clone());
        out.push((
            format!("normalize {}", ind(*i)),
            format!("normalize {}: {text}", ind(*i)),
            L::Normalize(title(*i), ns.clone()),
        ));
    }
    for (g, a) in &u.aggregate {
        let name = &m.groups[*g].name;
        let text = alts(a.iter().map(|x| x.name().to_string()).collect());
        out.push((
            format!("aggregate {name}"),
            format!("aggregate {name}: {text}"),
            L::Aggregate(m.groups[*g].title.clone(), a.clone()),
        ));
    }
    for (i, a) in &u.missing {
        let text = alts(a.iter().map(|x| x.text()).collect());
        out.push((
            format!("missing {}", ind(*i)),
            format!("missing {}: {text}", ind(*i)),
            L::Missing(title(*i), a.clone()),
        ));
    }
    for (i, p) in &u.noise {
        out.push((
            format!("noise {}", ind(*i)),
            format!("noise {} {}", ind(*i), pct(*p)),
            L::Noise(title(*i), *p),
        ));
    }
    out
}

/// Whether two expressions, each of its own methodology, mean the same: the same tree,
/// whatever the parentheses, layout or order of declarations (inputs, indicators and
/// groups are compared by name).
pub fn same_expr(ma: &Methodology, a: &IrExpr, mb: &Methodology, b: &IrExpr) -> bool {
    let same = |x: &IrExpr, y: &IrExpr| same_expr(ma, x, mb, y);
    match (a, b) {
        (IrExpr::Num(x), IrExpr::Num(y)) => x == y,
        (IrExpr::Bool(x), IrExpr::Bool(y)) => x == y,
        (
            IrExpr::Column {
                input: i,
                column: c,
            },
            IrExpr::Column {
                input: j,
                column: d,
            },
        ) => c == d && ma.inputs[*i].name == mb.inputs[*j].name,
        (IrExpr::Indicator(i), IrExpr::Indicator(j)) => {
            ma.indicators[*i].name == mb.indicators[*j].name
        }
        (IrExpr::Group(i), IrExpr::Group(j)) => ma.groups[*i].name == mb.groups[*j].name,
        (IrExpr::Score, IrExpr::Score) | (IrExpr::Place, IrExpr::Place) => true,
        (IrExpr::Neg(x), IrExpr::Neg(y)) | (IrExpr::Not(x), IrExpr::Not(y)) => same(x, y),
        (IrExpr::Bin(o, x1, x2), IrExpr::Bin(p, y1, y2)) => o == p && same(x1, y1) && same(x2, y2),
        (IrExpr::If(x1, x2, x3), IrExpr::If(y1, y2, y3)) => {
            same(x1, y1) && same(x2, y2) && same(x3, y3)
        }
        (IrExpr::Func(f, xs), IrExpr::Func(g, ys)) => {
            f == g && xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y))
        }
        (IrExpr::Agg(f, x), IrExpr::Agg(g, y)) => f == g && same(x, y),
        (IrExpr::Record(i), IrExpr::Record(j)) => {
            // the same aggregate of the same record input, with the same value and filter
            let (x, y) = (&ma.record_aggs[*i], &mb.record_aggs[*j]);
            ma.records[x.records].name == mb.records[y.records].name
                && x.kind == y.kind
                && x.q == y.q
                && x.value == y.value
                && x.filter == y.filter
        }
        _ => false,
    }
}

/// When two formulas differ only in their aggregates over records, what changed in each:
/// its filter (`the filter changed: … → …`) or the aggregate itself, with the two
/// aggregates in words; `None` when the formulas differ elsewhere too.
fn record_changes(
    ma: &Methodology,
    a: &IrExpr,
    mb: &Methodology,
    b: &IrExpr,
) -> Option<Vec<(String, Said)>> {
    let both = |xs: &[&IrExpr], ys: &[&IrExpr]| -> Option<Vec<(String, Said)>> {
        if xs.len() != ys.len() {
            return None;
        }
        let mut out = Vec::new();
        for (x, y) in xs.iter().zip(ys) {
            out.extend(record_changes(ma, x, mb, y)?);
        }
        Some(out)
    };
    match (a, b) {
        (IrExpr::Record(i), IrExpr::Record(j)) => {
            if same_expr(ma, a, mb, b) {
                return Some(Vec::new());
            }
            let (x, y) = (&ma.record_aggs[*i], &mb.record_aggs[*j]);
            let same_but_filter = ma.records[x.records].name == mb.records[y.records].name
                && x.kind == y.kind
                && x.q == y.q
                && x.value == y.value
                && x.previous == y.previous;
            let words = |m: &Methodology, k: usize| {
                crate::words::formula::aggregate(crate::words::lang(&m.title), m, k)
            };
            let said = Said::Aggregate(words(ma, *i), words(mb, *j));
            let text = if same_but_filter {
                format!(
                    "the filter of `{}({} …)` changed: {} → {}",
                    y.kind.name(),
                    y.value_text
                        .as_deref()
                        .unwrap_or(&mb.records[y.records].name),
                    or_none(x.filter_text.as_deref().unwrap_or("")),
                    or_none(y.filter_text.as_deref().unwrap_or(""))
                )
            } else {
                format!(
                    "aggregate: {} → {}",
                    ma.aggregate_text(*i),
                    mb.aggregate_text(*j)
                )
            };
            Some(vec![(text, said)])
        }
        (IrExpr::Neg(x), IrExpr::Neg(y)) | (IrExpr::Not(x), IrExpr::Not(y)) => {
            record_changes(ma, x, mb, y)
        }
        (IrExpr::Agg(f, x), IrExpr::Agg(g, y)) if f == g => record_changes(ma, x, mb, y),
        (IrExpr::Bin(o, x1, x2), IrExpr::Bin(p, y1, y2)) if o == p => both(&[x1, x2], &[y1, y2]),
        (IrExpr::If(x1, x2, x3), IrExpr::If(y1, y2, y3)) => both(&[x1, x2, x3], &[y1, y2, y3]),
        (IrExpr::Func(f, xs), IrExpr::Func(g, ys)) if f == g => {
            let (xs, ys): (Vec<&IrExpr>, Vec<&IrExpr>) = (xs.iter().collect(), ys.iter().collect());
            both(&xs, &ys)
        }
        _ if same_expr(ma, a, mb, b) => Some(Vec::new()),
        _ => None,
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        "none"
    } else {
        s
    }
}

/// Transforms in the order written, as the methodology writes them: `log, cap(0, 1)`.
/// What an item of a module is about, as a change names it: (area, name); `*` for a block
/// that holds several (zones, the rank, the header).
fn item_key(item: &crate::syntax::ast::Item) -> Vec<(&'static str, String)> {
    use crate::syntax::ast::{ChangeKind, Item};
    let kind = |k: &ChangeKind| match k {
        ChangeKind::Indicator => "indicator",
        ChangeKind::Group => "group",
    };
    match item {
        Item::Indicator(i) => vec![("indicator", i.name.name.clone())],
        Item::Group(g) => vec![(
            "group",
            g.name.as_ref().map(|n| n.name.clone()).unwrap_or_default(),
        )],
        Item::Score(_) => vec![("score", "*".into()), ("group", "score".into())],
        Item::Change(c) => vec![(kind(&c.kind), c.name.name.clone())],
        Item::Remove(r) => vec![(kind(&r.kind), r.name.name.clone())],
        Item::Zones(_) => vec![("zones", "*".into())],
        Item::Rank(_) => vec![("rank", "*".into())],
        Item::Header(_) => vec![("header", "*".into())],
        Item::Input(i) => vec![("input", i.name.name.clone())],
        Item::Records(r) => vec![("input", r.name.name.clone())],
        Item::Exclude(_) => vec![("exclude", "*".into())],
        Item::Uncertainty(_) => vec![("uncertainty", "*".into())],
        Item::Defaults(_) => Vec::new(),
    }
}

/// Put each change on the line of the new edition where it is written: the file's own
/// item (in a revision, its `change`/`remove`), else — for a revision — the item of the
/// merged edition, in the file of the chain it comes from; a change that comes from a
/// base, not from the revision itself, is said to come from it (`from`).
pub fn anchor(loaded: &crate::load::Loaded, changes: &mut [Change]) {
    let find = |items: &[crate::syntax::ast::Item], area: &str, name: &str| {
        items
            .iter()
            .find(|i| {
                item_key(i)
                    .iter()
                    .any(|(a, n)| *a == area && (n == name || n == "*"))
            })
            .map(|i| i.span().start)
    };
    for c in changes.iter_mut() {
        let own = loaded
            .module
            .as_ref()
            .and_then(|m| find(&m.items, &c.area, &c.name));
        if let Some(at) = own {
            c.file = loaded.file.name.clone();
            c.line = Some(loaded.file.line_col(at).0);
            continue;
        }
        let Some(chain) = &loaded.revision else {
            continue;
        };
        let Some(at) = chain
            .module
            .as_ref()
            .and_then(|m| find(&m.items, &c.area, &c.name))
        else {
            continue;
        };
        let part = chain
            .parts
            .iter()
            .rposition(|p| p.offset <= at)
            .unwrap_or(0);
        let p = &chain.parts[part];
        c.file = p.file.name.clone();
        c.line = Some(p.file.line_col(at - p.offset).0);
        if part > 0 {
            c.from = Some(p.file.name.clone());
        }
    }
}
