//! Inputs and record inputs: `input name "file.csv" [options]`, `records name "file" { … }`.

use super::*;

pub(super) fn input(p: P) -> Input {
    let sp = span(&p);
    let mut inner = p.into_inner();
    inner.next();
    let name = ident(inner.next().unwrap());
    let path = string(inner.next().unwrap());
    let (mut encoding, mut sheet, mut header_row, mut repeated) = (None, None, None, Vec::new());
    for opt in inner {
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
                    let arg = f.into_inner().nth(1).unwrap();
                    match rule {
                        Rule::records_key => RecordsField::Key(ident(arg)),
                        Rule::records_date => RecordsField::Date(ident(arg)),
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
