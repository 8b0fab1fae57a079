//! Visiting every expression root of a module (value formulas, conditions, arguments).

use crate::syntax::ast::*;

fn call(c: &Call, f: &mut impl FnMut(&Expr)) {
    for a in c.args.iter().flatten() {
        f(a);
    }
    if let Some(b) = &c.by {
        f(b);
    }
}

/// The expressions of an indicator's (or a `defaults` block's) fields.
fn fields(fields: &[IndicatorField], f: &mut impl FnMut(&Expr)) {
    for fld in fields {
        match fld {
            IndicatorField::Value(e, _) => f(e),
            IndicatorField::Transform(cs, _) => cs.iter().for_each(|c| call(c, f)),
            IndicatorField::Normalize(Normalize::Call(c), _)
            | IndicatorField::Missing(c, _)
            | IndicatorField::Outliers(c, _) => call(c, f),
            IndicatorField::Normalize(Normalize::Bands(b), _) => {
                for band in &b.bands {
                    f(&band.threshold);
                    f(&band.value);
                }
                f(&b.otherwise);
            }
            _ => {}
        }
    }
}

/// Call `f` on each expression root in source order.
pub fn each_expr(m: &Module, f: &mut impl FnMut(&Expr)) {
    for item in &m.items {
        match item {
            Item::Header(h) => {
                for fld in &h.fields {
                    if let HeaderField::Missing(c, _) = fld {
                        call(c, f);
                    }
                }
            }
            Item::Input(_) | Item::Records(_) | Item::Remove(_) => {}
            Item::Change(c) => {
                fields(&c.fields, f);
                for e in &c.entries {
                    if let GroupEntry::Indicator(ind, ..) = e {
                        fields(&ind.fields, f);
                    }
                }
            }
            Item::Exclude(x) => f(&x.condition),
            Item::Indicator(ind) => fields(&ind.fields, f),
            Item::Defaults(d) => fields(&d.fields, f),
            Item::Group(g) | Item::Score(g) => {
                for e in &g.entries {
                    match e {
                        GroupEntry::Indicator(ind, ..) => fields(&ind.fields, f),
                        GroupEntry::Defaults(d) => fields(&d.fields, f),
                        _ => {}
                    }
                }
            }
            Item::Rank(r) => {
                for fld in &r.fields {
                    if let RankField::Then(tbs, _) = fld {
                        tbs.iter().for_each(|t| f(&t.expr));
                    }
                }
            }
            Item::Zones(z) => {
                for zone in &z.zones {
                    if let ZoneRule::When(e) = &zone.rule {
                        f(e);
                    }
                }
            }
            Item::Uncertainty(u) => {
                for fld in &u.fields {
                    match fld {
                        UncertaintyField::Normalize(_, alts, _) => {
                            for a in alts {
                                match a {
                                    Normalize::Call(c) => call(c, f),
                                    Normalize::Bands(b) => {
                                        for band in &b.bands {
                                            f(&band.threshold);
                                            f(&band.value);
                                        }
                                        f(&b.otherwise);
                                    }
                                }
                            }
                        }
                        UncertaintyField::Missing(_, alts, _) => {
                            alts.iter().for_each(|c| call(c, f))
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}
