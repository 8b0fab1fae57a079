//! CSV for a Russian-locale Excel, which a double-click opens right: `;` between fields
//! (the list separator where the decimal separator is a comma), decimal commas, UTF-8
//! with a byte-order mark (without one Excel reads Cyrillic as Windows-1251), CRLF line
//! ends. Made from the ordinary CSV of any output: a column whose every field is a number
//! as metodika writes numbers gets decimal commas; text columns are left as they are,
//! even where a text looks like a number.

use super::number::written_number;

/// The Excel form of a CSV text (comma-separated, decimal points, any line ends).
pub fn excel_csv(csv_text: &[u8]) -> Vec<u8> {
    excel_with(csv_text, None)
}

/// The Excel form of a ranking's CSV for people: [`excel_csv`], its headings written by
/// `heading` (a machine name to the title people read: `place` → «Место», `group.x` → the
/// block's title), a column dropped where `heading` gives none (the zone's identifier).
pub fn excel_csv_headed(csv_text: &[u8], heading: Heading) -> Vec<u8> {
    excel_with(csv_text, Some(heading))
}

/// A machine column name to the heading people read, or none to leave the column out.
pub type Heading<'a> = &'a dyn Fn(&str) -> Option<String>;

/// [`excel_csv`], with the headings rewritten by `heading` where given (its machine names
/// still tell which columns are codes and names).
fn excel_with(csv_text: &[u8], heading: Option<Heading>) -> Vec<u8> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text);
    let rows: Vec<csv::StringRecord> = rd.records().filter_map(Result::ok).collect();
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    // a column is numeric when every field below the header is empty or a number, and
    // one at least is a number; the region's key and label are codes and names, never
    // numbers, whatever they look like (`77.1` stays `77.1`)
    let header = rows.first();
    let numeric: Vec<bool> = (0..width)
        .map(|c| {
            if header
                .and_then(|h| h.get(c))
                .is_some_and(|h| h == "key" || h == "label")
            {
                return false;
            }
            let mut any = false;
            let all = rows.iter().skip(1).all(|r| match r.get(c) {
                None | Some("") => true,
                Some(f) => {
                    any = true;
                    written_number(f).is_some()
                }
            });
            all && any
        })
        .collect();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        // the columns written, with the heading people read over each (all, as they are,
        // without `heading`)
        let kept: Option<Vec<(usize, String)>> = heading.map(|heading| {
            header
                .into_iter()
                .flat_map(|h| h.iter().enumerate())
                .filter_map(|(i, h)| Some((i, heading(h)?)))
                .collect()
        });
        for (k, r) in rows.iter().enumerate() {
            let field = |c: usize, f: &str| {
                if k > 0 && numeric[c] && written_number(f).is_some() {
                    f.replace('.', ",").replace('e', "E")
                } else {
                    f.to_string()
                }
            };
            let fields: Vec<String> = match &kept {
                None => r.iter().enumerate().map(|(c, f)| field(c, f)).collect(),
                Some(kept) if k == 0 => kept.iter().map(|(_, h)| h.clone()).collect(),
                Some(kept) => kept
                    .iter()
                    .map(|(c, _)| field(*c, r.get(*c).unwrap_or("")))
                    .collect(),
            };
            // (writing to memory does not fail)
            let _ = w.write_record(&fields);
        }
        let _ = w.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_labels_are_never_numbers() {
        let csv = b"place,key,label,score\n1,77.1,1.5,0.5\n2,78,2,0.25\n";
        let out = String::from_utf8(excel_csv(csv)).unwrap();
        assert!(out.contains("1;77.1;1.5;0,5\r\n"), "{out}");
        assert!(out.contains("2;78;2;0,25\r\n"), "{out}");
    }

    #[test]
    fn excel_csv_has_semicolons_commas_a_bom_and_crlf() {
        let csv = "place,key,label,score,zone\n1,01,\"Адыгея, Республика\",0.5,1.5\n2,02,Алтай,1e-7,\n,03,\"Текст \"\"в кавычках\"\"\",,2\n";
        let out = String::from_utf8(excel_csv(csv.as_bytes())).unwrap();
        assert_eq!(
            out,
            "\u{feff}place;key;label;score;zone\r\n\
             1;01;Адыгея, Республика;0,5;1,5\r\n\
             2;02;Алтай;1E-7;\r\n\
             ;03;\"Текст \"\"в кавычках\"\"\";;2\r\n"
        );
        // a text column that looks like numbers in some rows stays as it is
        let out = String::from_utf8(excel_csv(b"code,name\n1.5,x.y\n2.5,3.5\n")).unwrap();
        assert_eq!(out, "\u{feff}code;name\r\n1,5;x.y\r\n2,5;3.5\r\n");
        for (s, n) in [
            ("1", true),
            ("-0.25", true),
            ("2.5E+3", true),
            ("1.", false),
            ("inf", false),
            ("NaN", false),
            ("01a", false),
            ("01", false),
            ("0", true),
            ("", false),
        ] {
            assert_eq!(written_number(s).is_some(), n, "{s}");
        }
    }
}
