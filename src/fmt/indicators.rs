//! Indicators and `defaults` in canonical form: an indicator as a block of aligned
//! fields, or on one line as it was written (`indicator x "X" = data.x  better lower`,
//! aligned with the other one-line indicators of its group); a `defaults` block as an
//! indicator's fields. At the top level or inside a group (one level deeper).

use super::{call_text, expr_text, pad, string_text, width, Formatter};
use crate::syntax::ast::*;

/// `points 150`, `weight 30%`.
pub(super) fn weight_text(w: &Weight) -> String {
    let kw = match w.kind {
        WeightKind::Points => "points",
        WeightKind::Weight => "weight",
    };
    format!("{kw} {}", super::number_text(&w.value))
}

/// The widths of the names and titles of the one-line indicators of a group, to align.
pub(super) fn line_widths(entries: &[GroupEntry]) -> (usize, usize) {
    entries
        .iter()
        .filter_map(|e| match e {
            GroupEntry::Indicator(ind, ..) if ind.line => {
                Some((width(&ind.name.name), width(&string_text(&ind.title.value))))
            }
            _ => None,
        })
        .fold((0, 0), |(a, b), (x, y)| (a.max(x), b.max(y)))
}

impl Formatter<'_> {
    /// An indicator at `level`, with its weight when it is written in a group.
    pub(super) fn indicator(
        &mut self,
        level: usize,
        ind: &Indicator,
        weight: Option<&Weight>,
        widths: (usize, usize),
    ) {
        // (one line holds a formula and `better`; an indicator given more is a block)
        let fits = ind
            .fields
            .iter()
            .all(|f| matches!(f, IndicatorField::Value(..) | IndicatorField::Better(..)));
        if ind.line && fits {
            let mut text = format!(
                "indicator {} {} = ",
                pad(&ind.name.name, widths.0),
                pad(&string_text(&ind.title.value), widths.1)
            );
            for f in &ind.fields {
                match f {
                    IndicatorField::Value(e, _) => text.push_str(&expr_text(e)),
                    IndicatorField::Better(Direction::Lower, _) => text.push_str("  better lower"),
                    IndicatorField::Better(Direction::Higher, _) => {
                        text.push_str("  better higher")
                    }
                    _ => {}
                }
            }
            if let Some(w) = weight {
                text.push_str("  ");
                text.push_str(&weight_text(w));
            }
            let end = weight.map_or(ind.span.end, |w| w.span.end);
            self.line(level, Span::new(ind.span.start, end), &text);
            return;
        }
        let head = format!(
            "indicator {} {}",
            ind.name.name,
            string_text(&ind.title.value)
        );
        self.open(level, ind.span.start, &head, ind.title.span.end);
        self.body(&ind.fields, |f, fld| f.indicator_field(level + 1, fld));
        match weight {
            None => self.close(level, ind.close),
            Some(w) => {
                // `} weight 2`
                self.flush_comments(ind.close.start, level + 1);
                self.indent(level);
                self.out.push_str("} ");
                self.out.push_str(&weight_text(w));
                self.trailing(w.span.end);
                self.out.push('\n');
                self.last_end = self.last_end.max(w.span.end);
            }
        }
    }

    /// `defaults { … }` at `level`.
    pub(super) fn defaults(&mut self, level: usize, d: &Defaults) {
        self.open(
            level,
            d.span.start,
            "defaults",
            d.span.start + "defaults".len(),
        );
        self.body(&d.fields, |f, fld| f.indicator_field(level + 1, fld));
        self.close(level, d.close);
    }

    /// A field of an indicator or of `defaults`, at `level`.
    pub(super) fn indicator_field(&mut self, level: usize, fld: &IndicatorField) {
        let sp = fld.span();
        let text = match fld {
            IndicatorField::Value(e, _) => format!("value     = {}", expr_text(e)),
            IndicatorField::Better(d, _) => format!(
                "better    {}",
                match d {
                    Direction::Higher => "higher",
                    Direction::Lower => "lower",
                }
            ),
            IndicatorField::Unit(s, _) => format!("unit      {}", string_text(&s.value)),
            IndicatorField::Transform(cs, _) => {
                let parts: Vec<String> = cs.iter().map(call_text).collect();
                format!("transform {}", parts.join(", "))
            }
            IndicatorField::Missing(c, _) => format!("missing   {}", call_text(c)),
            IndicatorField::Outliers(c, _) => format!("outliers  {}", call_text(c)),
            IndicatorField::Note(s, _) => format!("note      {}", string_text(&s.value)),
            IndicatorField::Normalize(Normalize::Call(c), _) => {
                format!("normalize {}", call_text(c))
            }
            IndicatorField::Normalize(Normalize::Bands(b), _) => {
                self.open(level, sp.start, "normalize bands", b.span.start + 5);
                let wt = b
                    .bands
                    .iter()
                    .map(|x| width(&format!("{} {}", x.op.symbol(), expr_text(&x.threshold))))
                    .chain([4])
                    .max()
                    .unwrap_or(4);
                self.body(&b.bands, |f, band| {
                    let lhs = format!("{} {}", band.op.symbol(), expr_text(&band.threshold));
                    let text = format!("{} : {}", pad(&lhs, wt), expr_text(&band.value));
                    f.line(level + 1, band.span, &text);
                });
                let text = format!("{} : {}", pad("else", wt), expr_text(&b.otherwise));
                self.line(level + 1, b.else_span, &text);
                self.close(level, b.close);
                return;
            }
        };
        self.line(level, sp, &text);
    }
}
