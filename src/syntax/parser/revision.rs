//! What a methodology that extends another changes in it: `change indicator x { … }`,
//! `change group g { … }`, `remove indicator x`, `remove group g`.

use super::*;

fn kind(p: &P) -> ChangeKind {
    if p.as_rule() == Rule::kw_group {
        ChangeKind::Group
    } else {
        ChangeKind::Indicator
    }
}

pub(super) fn change(p: P) -> Change {
    let sp = span(&p);
    let close = close_span(&p);
    let mut inner = p.into_inner();
    inner.next(); // `change`
    let target = inner.next().unwrap();
    let is_group = target.as_rule() == Rule::change_group;
    let mut parts = target.into_inner().peekable();
    parts.next(); // `indicator` / `group`
    let name = ident(parts.next().unwrap());
    let title = match parts.peek().map(|x| x.as_rule()) {
        Some(Rule::string) => Some(string(parts.next().unwrap())),
        _ => None,
    };
    let aggregation = match parts.peek().map(|x| x.as_rule()) {
        Some(Rule::word) => Some(ident(parts.next().unwrap())),
        _ => None,
    };
    let (mut fields, mut entries) = (Vec::new(), Vec::new());
    for f in parts {
        if is_group {
            entries.push(group_entry(f));
        } else {
            fields.push(indicator_field(f));
        }
    }
    Change {
        kind: if is_group {
            ChangeKind::Group
        } else {
            ChangeKind::Indicator
        },
        name,
        title,
        aggregation,
        fields,
        entries,
        span: sp,
        close,
    }
}

pub(super) fn remove(p: P) -> Remove {
    let sp = span(&p);
    let mut inner = p.into_inner();
    inner.next(); // `remove`
    let what = inner.next().unwrap();
    Remove {
        kind: kind(&what),
        name: ident(inner.next().unwrap()),
        span: sp,
    }
}
