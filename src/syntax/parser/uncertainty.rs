//! The `uncertainty` block: its fields, as written.

use super::{bands, call, close_span, ident, number, span, Rule, P};
use crate::syntax::ast::*;

pub(super) fn uncertainty(p: P) -> Uncertainty {
    let sp = span(&p);
    let close = close_span(&p);
    let mut inner = p.into_inner();
    inner.next();
    let fields = inner
        .map(|f| {
            let fs = span(&f);
            let rule = f.as_rule();
            let mut i = f.into_inner();
            i.next();
            match rule {
                Rule::unc_runs => UncertaintyField::Runs(number(i.next().unwrap()), fs),
                Rule::unc_seed => UncertaintyField::Seed(number(i.next().unwrap()), fs),
                Rule::unc_weights => UncertaintyField::Weights(number(i.nth(1).unwrap()), fs),
                Rule::unc_weight => {
                    let name = ident(i.next().unwrap());
                    let lo = number(i.next().unwrap());
                    let hi = number(i.next().unwrap());
                    UncertaintyField::Weight(name, lo, hi, fs)
                }
                Rule::unc_normalize => {
                    let name = ident(i.next().unwrap());
                    let alts = i
                        .map(|n| match n.as_rule() {
                            Rule::bands => Normalize::Bands(bands(n)),
                            _ => Normalize::Call(call(n)),
                        })
                        .collect();
                    UncertaintyField::Normalize(name, alts, fs)
                }
                Rule::unc_aggregate => {
                    let name = ident(i.next().unwrap());
                    UncertaintyField::Aggregate(name, i.map(ident).collect(), fs)
                }
                Rule::unc_missing => {
                    let name = ident(i.next().unwrap());
                    UncertaintyField::Missing(name, i.map(call).collect(), fs)
                }
                Rule::unc_noise => {
                    let name = ident(i.next().unwrap());
                    UncertaintyField::Noise(name, number(i.nth(1).unwrap()), fs)
                }
                r => unreachable!("uncertainty field {r:?}"),
            }
        })
        .collect();
    Uncertainty {
        fields,
        span: sp,
        close,
    }
}
