//! What each name in a parsed file refers to: every definition and every use of an
//! input, indicator, group, zone and column, and every built-in named. Go to definition,
//! references, rename, hover and semantic highlighting all read this one list.

use crate::builtins::docs::Kind;
use crate::builtins::{self, RecordAggregate};
use crate::diag::Span;
use crate::syntax::ast::*;
use std::collections::HashMap;

/// A thing a name can refer to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Sym {
    /// A region table: `input data "…"`.
    Input(String),
    /// A record input: `records messages "…"`.
    Records(String),
    /// An indicator.
    Indicator(String),
    /// A group (the score is not one: it has no name).
    Group(String),
    /// A zone.
    Zone(String),
    /// A column of an input or record input: (input, column).
    Column(String, String),
    /// The methodology's key or label column, in every region input: (`key`|`label`, column).
    KeyColumn(&'static str, String),
    /// A built-in, by kind.
    Builtin(Kind, String),
    /// `score` or `place`, in tie-breakers and zones.
    Result(String),
}

impl Sym {
    /// Whether it can be renamed within the file (a column or a built-in cannot).
    pub fn renamable(&self) -> bool {
        matches!(
            self,
            Sym::Input(_) | Sym::Records(_) | Sym::Indicator(_) | Sym::Group(_) | Sym::Zone(_)
        )
    }
}

/// A name in the file and what it refers to.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// The name's span.
    pub span: Span,
    /// What it refers to.
    pub sym: Sym,
    /// Whether this is where it is defined.
    pub def: bool,
}

/// Every occurrence of a name in `m`, in source order.
pub fn occurrences(m: &Module) -> Vec<Occurrence> {
    let mut w = Walk {
        out: Vec::new(),
        kinds: HashMap::new(),
        given: HashMap::new(),
    };
    for item in &m.items {
        match item {
            Item::Input(i) => {
                w.kinds.insert(i.name.name.clone(), Def::Input);
                for c in &i.columns {
                    w.given
                        .entry(c.name.name.clone())
                        .or_insert_with(|| i.name.name.clone());
                }
            }
            Item::Records(r) => {
                w.kinds.insert(r.name.name.clone(), Def::Records);
            }
            Item::Indicator(i) => {
                w.kinds.entry(i.name.name.clone()).or_insert(Def::Indicator);
            }
            Item::Group(g) => {
                if let Some(n) = &g.name {
                    w.kinds.entry(n.name.clone()).or_insert(Def::Group);
                }
            }
            _ => {}
        }
        if let Item::Group(g) | Item::Score(g) = item {
            for e in &g.entries {
                if let GroupEntry::Indicator(i, ..) = e {
                    w.kinds.entry(i.name.name.clone()).or_insert(Def::Indicator);
                }
            }
        }
    }
    for item in &m.items {
        w.item(item);
    }
    w.out.sort_by_key(|o| (o.span.start, o.span.end));
    w.out
}

#[derive(Clone, Copy, PartialEq)]
enum Def {
    Input,
    Records,
    Indicator,
    Group,
}

struct Walk {
    out: Vec<Occurrence>,
    kinds: HashMap<String, Def>,
    /// The names given to headers of region inputs (`column население = "…"`): the input.
    given: HashMap<String, String>,
}

impl Walk {
    fn push(&mut self, span: Span, sym: Sym, def: bool) {
        self.out.push(Occurrence { span, sym, def });
    }

    fn name(&mut self, id: &Ident) {
        let sym = match self.kinds.get(&id.name) {
            Some(Def::Indicator) => Sym::Indicator(id.name.clone()),
            Some(Def::Group) => Sym::Group(id.name.clone()),
            Some(Def::Input) => Sym::Input(id.name.clone()),
            Some(Def::Records) => Sym::Records(id.name.clone()),
            None => return,
        };
        self.push(id.span, sym, false);
    }

    fn builtin(&mut self, kind: Kind, c: &Call) {
        self.push(c.name.span, Sym::Builtin(kind, c.name.name.clone()), false);
        for a in c.args.iter().flatten() {
            self.expr(a, None);
        }
    }

    fn normalize(&mut self, n: &Normalize) {
        match n {
            Normalize::Call(c) => self.builtin(Kind::Normalization, c),
            Normalize::Bands(b) => {
                for band in &b.bands {
                    self.expr(&band.threshold, None);
                    self.expr(&band.value, None);
                }
                self.expr(&b.otherwise, None);
            }
        }
    }

    fn indicator(&mut self, ind: &Indicator) {
        self.push(ind.name.span, Sym::Indicator(ind.name.name.clone()), true);
        self.fields(&ind.fields);
    }

    fn fields(&mut self, fields: &[IndicatorField]) {
        for f in fields {
            match f {
                IndicatorField::Value(e, _) => self.expr(e, None),
                IndicatorField::Transform(cs, _) => {
                    cs.iter().for_each(|c| self.builtin(Kind::Transform, c))
                }
                IndicatorField::Normalize(n, _) => self.normalize(n),
                IndicatorField::Missing(c, _) => self.builtin(Kind::Missing, c),
                IndicatorField::Outliers(c, _) => self.builtin(Kind::Outliers, c),
                _ => {}
            }
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Header(h) => {
                for f in &h.fields {
                    match f {
                        HeaderField::Key(c, _) => {
                            self.push(c.span, Sym::KeyColumn("key", c.name.clone()), false)
                        }
                        HeaderField::Label(c, _) => {
                            self.push(c.span, Sym::KeyColumn("label", c.name.clone()), false)
                        }
                        HeaderField::Missing(c, _) => self.builtin(Kind::Missing, c),
                        _ => {}
                    }
                }
            }
            Item::Input(i) => {
                self.push(i.name.span, Sym::Input(i.name.name.clone()), true);
                // a name given to a header is defined where it is given
                for c in &i.columns {
                    let sym = Sym::Column(i.name.name.clone(), c.name.name.clone());
                    self.push(c.name.span, sym, true);
                }
            }
            Item::Records(r) => {
                let name = r.name.name.clone();
                self.push(r.name.span, Sym::Records(name.clone()), true);
                for f in &r.fields {
                    match f {
                        RecordsField::Key(c) | RecordsField::Date(c) => {
                            self.push(c.span, Sym::Column(name.clone(), c.name.clone()), false)
                        }
                        RecordsField::Column(c) => self.push(
                            c.name.span,
                            Sym::Column(name.clone(), c.name.name.clone()),
                            true,
                        ),
                        _ => {}
                    }
                }
            }
            Item::Exclude(x) => self.expr(&x.condition, None),
            // (what a revision changes is named in its base, another file)
            Item::Change(c) => {
                let sym = match c.kind {
                    ChangeKind::Indicator => Sym::Indicator(c.name.name.clone()),
                    ChangeKind::Group => Sym::Group(c.name.name.clone()),
                };
                self.push(c.name.span, sym, false);
                self.fields(&c.fields);
                for e in &c.entries {
                    match e {
                        GroupEntry::Member(m) => self.name(&m.name),
                        GroupEntry::Indicator(ind, ..) => self.indicator(ind),
                        GroupEntry::Defaults(d) => self.fields(&d.fields),
                        GroupEntry::Note(..) | GroupEntry::Coverage(..) => {}
                    }
                }
            }
            Item::Remove(r) => {
                let sym = match r.kind {
                    ChangeKind::Indicator => Sym::Indicator(r.name.name.clone()),
                    ChangeKind::Group => Sym::Group(r.name.name.clone()),
                };
                self.push(r.name.span, sym, false);
            }
            Item::Indicator(ind) => self.indicator(ind),
            Item::Defaults(d) => self.fields(&d.fields),
            Item::Group(g) | Item::Score(g) => {
                if let Some(n) = &g.name {
                    self.push(n.span, Sym::Group(n.name.clone()), true);
                }
                if let Some(a) = &g.aggregation {
                    self.push(
                        a.span,
                        Sym::Builtin(Kind::Aggregation, a.name.clone()),
                        false,
                    );
                }
                for e in &g.entries {
                    match e {
                        GroupEntry::Member(m) => self.name(&m.name),
                        GroupEntry::Indicator(ind, ..) => self.indicator(ind),
                        GroupEntry::Defaults(d) => self.fields(&d.fields),
                        GroupEntry::Note(..) | GroupEntry::Coverage(..) => {}
                    }
                }
            }
            Item::Rank(r) => {
                for f in &r.fields {
                    match f {
                        RankField::Ties(t, _) => {
                            self.push(t.span, Sym::Builtin(Kind::Ties, t.name.clone()), false)
                        }
                        RankField::Then(tbs, _) => {
                            tbs.iter().for_each(|t| self.expr(&t.expr, None))
                        }
                        RankField::Round(..) => {}
                    }
                }
            }
            Item::Zones(z) => {
                for zone in &z.zones {
                    self.push(zone.name.span, Sym::Zone(zone.name.name.clone()), true);
                    if let ZoneRule::When(e) = &zone.rule {
                        self.expr(e, None);
                    }
                }
            }
            Item::Uncertainty(u) => {
                for f in &u.fields {
                    match f {
                        UncertaintyField::Weight(id, ..) | UncertaintyField::Noise(id, ..) => {
                            self.name(id)
                        }
                        UncertaintyField::Normalize(id, alts, _) => {
                            self.name(id);
                            alts.iter().for_each(|n| self.normalize(n));
                        }
                        UncertaintyField::Aggregate(id, alts, _) => {
                            self.name(id);
                            for a in alts {
                                self.push(
                                    a.span,
                                    Sym::Builtin(Kind::Aggregation, a.name.clone()),
                                    false,
                                );
                            }
                        }
                        UncertaintyField::Missing(id, alts, _) => {
                            self.name(id);
                            alts.iter().for_each(|c| self.builtin(Kind::Missing, c));
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// An expression; `records` is the record input whose columns bare names are (inside
    /// an aggregate over records).
    fn expr(&mut self, e: &Expr, records: Option<&str>) {
        match &e.kind {
            ExprKind::Ref { first, second } => match second {
                Some(col) => {
                    let def = self.kinds.get(&first.name).copied();
                    if matches!(def, Some(Def::Input | Def::Records)) {
                        self.name(first);
                        self.push(
                            col.span,
                            Sym::Column(first.name.clone(), col.name.clone()),
                            false,
                        );
                    }
                }
                None => match (records, first.name.as_str()) {
                    (Some(r), n)
                        if n != r
                            && !matches!(n, "true" | "false" | "period_start" | "period_end") =>
                    {
                        self.push(first.span, Sym::Column(r.to_string(), n.to_string()), false)
                    }
                    (_, "score" | "place") if !self.kinds.contains_key(&first.name) => {
                        self.push(first.span, Sym::Result(first.name.clone()), false)
                    }
                    // a bare name given to a header of a region input
                    (_, n) if !self.kinds.contains_key(n) && self.given.contains_key(n) => {
                        let input = self.given[n].clone();
                        self.push(first.span, Sym::Column(input, n.to_string()), false)
                    }
                    _ => self.name(first),
                },
            },
            ExprKind::Call { func, args, filter } => {
                let over = args.first().and_then(|a| match &a.kind {
                    ExprKind::Ref { first, .. }
                        if self.kinds.get(&first.name) == Some(&Def::Records) =>
                    {
                        Some(first.name.clone())
                    }
                    _ => None,
                });
                let kind = if over.is_some() && RecordAggregate::lookup(&func.name).is_some() {
                    Some(Kind::RecordAggregate)
                } else if builtins::Func::lookup(&func.name).is_some() || func.name == "previous" {
                    Some(Kind::Function)
                } else if builtins::Aggregate::lookup(&func.name).is_some() {
                    Some(Kind::Aggregate)
                } else {
                    None
                };
                if let Some(k) = kind {
                    self.push(func.span, Sym::Builtin(k, func.name.clone()), false);
                }
                let inner = over.as_deref().or(records);
                for a in args {
                    self.expr(a, inner);
                }
                if let Some(f) = filter {
                    self.expr(f, inner);
                }
            }
            ExprKind::Unary { operand, .. } => self.expr(operand, records),
            ExprKind::Binary { lhs, rhs, .. } => {
                self.expr(lhs, records);
                self.expr(rhs, records);
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond, records);
                self.expr(then, records);
                self.expr(otherwise, records);
            }
            ExprKind::Paren(x) => self.expr(x, records),
            ExprKind::Tuple(xs) => xs.iter().for_each(|x| self.expr(x, records)),
            ExprKind::Number(_) | ExprKind::Text(_) | ExprKind::Date(_) => {}
        }
    }
}
