//! Inputs and record inputs: `input name "file.csv" [options]`, `records name "file" { … }`.

use super::*;

pub(super) fn input(p: P) -> Input {
    let sp = span(&p);
    let mut inner = p.into_inner();
    inner.next();
    let name = ident(inner.next().unwrap());
    let path = string(inner.next().unwrap());
    let (mut encoding, mut sheet, mut header_row, mut repeated) = (None, None, None, Vec::new());
    let mut columns = Vec::new();
    let mut options = Vec::new();
    for opt in inner {
        if opt.as_rule() == Rule::input_body {
            for o in opt.into_inner() {
                if o.as_rule() == Rule::column_alias {
                    columns.push(column_alias(o));
                } else {
                    options.push(o);
                }
            }
        } else {
            options.push(opt);
        }
    }
    for opt in options {
        let rule = opt.as_rule();
        let at = span(&opt);
        let arg = opt.into_inner().nth(1).unwrap();
        let (word, first) = match rule {
            Rule::input_encoding => ("encoding", encoding.is_none()),
            Rule::input_sheet => ("sheet", sheet.is_none()),
            _ => ("header", header_row.is_none()),
        };
        if !first {
            repeated.push((at, word));
            continue;
        }
        match rule {
            Rule::input_encoding => encoding = Some(string(arg)),
            Rule::input_sheet => sheet = Some(string(arg)),
            _ => {
                let digits: String = arg.as_str().chars().filter(|c| *c != '_').collect();
                header_row = Some(RowNumber {
                    value: digits.parse().unwrap_or(u64::MAX),
                    text: arg.as_str().to_string(),
                    span: span(&arg),
                });
            }
        }
    }
    Input {
        name,
        path,
        encoding,
        sheet,
        header_row,
        columns,
        repeated,
        span: sp,
    }
}

pub(super) fn records(p: P) -> Records {
    let sp = span(&p);
    let mut inner = p.into_inner();
    inner.next();
    let name = ident(inner.next().unwrap());
    let path = string(inner.next().unwrap());
    let fields = inner
        .next()
        .map(|body| {
            body.into_inner()
                .map(|f| {
                    let rule = f.as_rule();
                    if rule == Rule::records_stock {
                        return RecordsField::Stock(span(&f));
                    }
                    if rule == Rule::column_alias {
                        return RecordsField::Column(column_alias(f));
                    }
                    let arg = f.into_inner().nth(1).unwrap();
                    match rule {
                        Rule::records_key => RecordsField::Key(super::name(arg)),
                        Rule::records_date => RecordsField::Date(super::name(arg)),
                        Rule::records_unknown => RecordsField::Unknown(ident(arg)),
                        _ => RecordsField::Encoding(string(arg)),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Records {
        name,
        path,
        fields,
        span: sp,
    }
}

/// `column NAME = "Header"`.
fn column_alias(p: P) -> ColumnAlias {
    let sp = span(&p);
    let mut i = p.into_inner();
    i.next(); // keyword
    let name = ident(i.next().unwrap());
    let header = string(i.next().unwrap());
    ColumnAlias {
        name,
        header,
        span: sp,
    }
}
