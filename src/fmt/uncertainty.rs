//! The canonical text of a field of the `uncertainty` block (one line each; a `bands`
//! alternative written on that line).

use super::{call_text, expr_text};
use crate::syntax::ast::*;

/// `weights   +-20%`, `normalize x: minmax | goalposts(1, 20)`, ….
pub(super) fn field_text(fld: &UncertaintyField) -> String {
    let pct = |n: &Number| match n.percent {
        true => format!("{}%", n.text),
        false => n.text.clone(),
    };
    match fld {
        UncertaintyField::Runs(n, _) => format!("runs      {}", n.text),
        UncertaintyField::Seed(n, _) => format!("seed      {}", n.text),
        UncertaintyField::Weights(n, _) => format!("weights   +-{}", pct(n)),
        UncertaintyField::Weight(x, lo, hi, _) => {
            format!("weight    {} {}..{}", x.name, pct(lo), pct(hi))
        }
        UncertaintyField::Normalize(x, alts, _) => {
            let alts: Vec<String> = alts.iter().map(normalize).collect();
            format!("normalize {}: {}", x.name, alts.join(" | "))
        }
        UncertaintyField::Aggregate(x, alts, _) => {
            let alts: Vec<&str> = alts.iter().map(|a| a.name.as_str()).collect();
            format!("aggregate {}: {}", x.name, alts.join(" | "))
        }
        UncertaintyField::Missing(x, alts, _) => {
            let alts: Vec<String> = alts.iter().map(call_text).collect();
            format!("missing   {}: {}", x.name, alts.join(" | "))
        }
        UncertaintyField::Noise(x, n, _) => format!("noise     {} +-{}", x.name, pct(n)),
    }
}

/// A normalization on one line, its numbers as written: `goalposts(30%, 90%)`,
/// `bands { >= 0.8 : 1  else : 0 }`.
pub fn normalize(n: &Normalize) -> String {
    match n {
        Normalize::Call(c) => call_text(c),
        Normalize::Bands(b) => {
            let mut parts: Vec<String> = b
                .bands
                .iter()
                .map(|x| {
                    format!(
                        "{} {} : {}",
                        x.op.symbol(),
                        expr_text(&x.threshold),
                        expr_text(&x.value)
                    )
                })
                .collect();
            parts.push(format!("else : {}", expr_text(&b.otherwise)));
            format!("bands {{ {} }}", parts.join("  "))
        }
    }
}
