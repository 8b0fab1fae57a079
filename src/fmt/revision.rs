//! What a revision changes, in canonical form: `change indicator x { … }` as an
//! indicator's fields, `change group g { … }` as a group's body, `remove group g`.

use super::{indicators, pad, string_text, width, Formatter};
use crate::syntax::ast::*;

impl Formatter<'_> {
    /// The members, notes and indicators of a group, one level in.
    pub(super) fn group_entries(&mut self, entries: &[GroupEntry]) {
        let w = entries
            .iter()
            .filter_map(|e| match e {
                GroupEntry::Member(m) if m.weight.is_some() => Some(width(&m.name.name)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let widths = indicators::line_widths(entries);
        self.body(entries, |f, e| {
            let text = match e {
                GroupEntry::Defaults(d) => return f.defaults(1, d),
                GroupEntry::Indicator(ind, w, _) => return f.indicator(1, ind, w.as_ref(), widths),
                GroupEntry::Note(s, _) => format!("note {}", string_text(&s.value)),
                GroupEntry::Coverage(x, _) => format!("coverage {}", super::expr_text(x)),
                GroupEntry::Member(m) => match &m.weight {
                    None => m.name.name.clone(),
                    Some(wt) => {
                        format!("{} {}", pad(&m.name.name, w), indicators::weight_text(wt))
                    }
                },
            };
            f.line(1, e.span(), &text);
        });
    }

    /// `change indicator x ["Title"] { fields }`, `change group g ["Title"] [agg] { … }`.
    pub(super) fn change(&mut self, c: &Change) {
        let mut head = format!("change {} {}", c.kind.word(), c.name.name);
        let mut after = c.name.span.end;
        if let Some(t) = &c.title {
            head.push(' ');
            head.push_str(&string_text(&t.value));
            after = t.span.end;
        }
        if let Some(a) = &c.aggregation {
            head.push(' ');
            head.push_str(&a.name);
            after = a.span.end;
        }
        self.open(0, c.span.start, &head, after);
        match c.kind {
            ChangeKind::Indicator => self.body(&c.fields, |f, fld| f.indicator_field(1, fld)),
            ChangeKind::Group => self.group_entries(&c.entries),
        }
        self.close(0, c.close);
    }
}
