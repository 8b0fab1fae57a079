//! The columns of a document's inputs, for hover, completion and go to definition: from
//! the files read so far (never read here, but for a CSV header line to jump to).

use super::files;
use lsp_types as lsp;
use metodika::ide;
use metodika::paths::RunOptions;

/// The columns of a document's inputs, from the files read so far.
pub struct DocColumns<'a> {
    pub files: &'a files::Files,
    pub opts: Option<&'a RunOptions>,
    pub module: Option<&'a metodika::syntax::ast::Module>,
    pub decl: Vec<ide::complete::Declared>,
}

impl DocColumns<'_> {
    /// How input `name` is written: its path, how it is read, whether it is records.
    fn written(&self, name: &str) -> Option<(String, metodika::data::ReadAs, bool)> {
        use metodika::syntax::ast::{Item, RecordsField};
        let enc = |s: &str| encoding_rs::Encoding::for_label(s.as_bytes());
        if let Some(m) = self.module {
            for item in &m.items {
                match item {
                    Item::Input(i) if i.name.name == name => {
                        let how = metodika::data::ReadAs {
                            encoding: i.encoding.as_ref().and_then(|e| enc(&e.value)),
                            sheet: i.sheet.as_ref().map(|s| s.value.clone()),
                            header_row: i
                                .header_row
                                .as_ref()
                                .and_then(|r| u32::try_from(r.value).ok()),
                        };
                        return Some((i.path.value.clone(), how, false));
                    }
                    Item::Records(r) if r.name.name == name => {
                        let e = r.fields.iter().find_map(|f| match f {
                            RecordsField::Encoding(s) => enc(&s.value),
                            _ => None,
                        });
                        let how = metodika::data::ReadAs {
                            encoding: e,
                            ..Default::default()
                        };
                        return Some((r.path.value.clone(), how, true));
                    }
                    _ => {}
                }
            }
        }
        let d = self
            .decl
            .iter()
            .find(|d| d.name == name && matches!(d.what, "input" | "records"))?;
        Some((d.text.clone()?, Default::default(), d.what == "records"))
    }

    /// Where column `col` is named in the header line of input `input`'s CSV file.
    pub fn header_location(&self, input: &str, col: &str) -> Option<lsp::Location> {
        let (written, enc, _) = self.written(input)?;
        let path = metodika::paths::input_path(input, &written, self.opts?);
        if metodika::paths::is_parquet(&path)
            || metodika::data::workbook::is_workbook(&path)
            || written.contains("{year}")
        {
            return None;
        }
        let mut head = Vec::new();
        use std::io::Read;
        metodika::paths::open_regular(&path)
            .ok()?
            .take(64 * 1024)
            .read_to_end(&mut head)
            .ok()?;
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        let text = enc
            .encoding
            .unwrap_or(encoding_rs::UTF_8)
            .decode_without_bom_handling(head)
            .0;
        let line = text.lines().next()?;
        let at = line
            .match_indices(col)
            .find(|(i, _)| {
                let before = line[..*i].chars().next_back();
                let after = line[i + col.len()..].chars().next();
                let edge =
                    |c: Option<char>| c.is_none_or(|c| matches!(c, ',' | ';' | '\t' | '"' | ' '));
                edge(before) && edge(after)
            })?
            .0;
        let start = line[..at].encode_utf16().count() as u32;
        let len = col.encode_utf16().count() as u32;
        let uri = lsp::Url::from_file_path(std::fs::canonicalize(&path).ok()?).ok()?;
        Some(lsp::Location::new(
            uri,
            lsp::Range::new(
                lsp::Position::new(0, start),
                lsp::Position::new(0, start + len),
            ),
        ))
    }
}

impl ide::Columns for DocColumns<'_> {
    fn columns(
        &self,
        input: &str,
    ) -> Result<Vec<(String, Option<metodika::data::records::ColType>)>, String> {
        let (written, enc, records) = self
            .written(input)
            .ok_or_else(|| format!("no input `{input}`"))?;
        let opts = self
            .opts
            .ok_or("the file is not saved yet: its inputs are found from its folder")?;
        let read = self
            .files
            .get(input, &written, &enc, records, opts)
            .ok_or("being read")?;
        let names = read.names?;
        Ok(names
            .into_iter()
            .map(|n| {
                let t = read.types.iter().find(|(c, _)| *c == n).map(|(_, t)| *t);
                (n, t)
            })
            .collect())
    }
}
