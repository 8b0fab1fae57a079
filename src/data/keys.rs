//! Region keys compared as codes.
//!
//! A region's code is text (`01`, `77`), but files store it as they please: Excel keeps
//! `01` as the number 1, a Parquet column may hold integers, a CSV may write `1` or `1.0`.
//! The rule: a key is first looked up as written (trimmed); a key that is not found and is
//! a whole number — digits, optionally followed by `.0` — names the one region whose code
//! is the same whole number (`1`, `01`, `001`, `1.0` all name `01`). Codes with letters or
//! other characters (`RU-MOW`, `77-1`) match only as written, and so does a number that two
//! region codes share (`1` where the table has both `1` and `01`): then nothing is guessed.
//! Whoever uses a match by value says so (a warning in the run's notes), so that a file
//! that writes its codes otherwise is never matched in silence.

use std::collections::HashMap;

/// The whole number a key writes (`01` → 1, `1.0` → 1), if it is one.
pub fn code_value(key: &str) -> Option<u64> {
    let k = key.trim();
    let digits = match k.split_once('.') {
        Some((int, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => int,
        Some(_) => return None,
        None => k,
    };
    if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The regions' keys, looked up as written or by their value.
#[derive(Debug, Default)]
pub struct KeyIndex<'a> {
    exact: HashMap<&'a str, usize>,
    /// The value of each code that is a whole number and the only one of its value.
    by_value: HashMap<u64, usize>,
}

/// How a key was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// As written.
    Exact(usize),
    /// By its value: the region's code is written otherwise (`1` for `01`).
    ByValue(usize),
}

impl Found {
    /// The region's row.
    pub fn row(self) -> usize {
        match self {
            Found::Exact(r) | Found::ByValue(r) => r,
        }
    }
}

impl<'a> KeyIndex<'a> {
    /// The index of `keys`, the regions' codes in their rows' order.
    pub fn new(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let mut exact = HashMap::new();
        let mut values: HashMap<u64, Option<usize>> = HashMap::new();
        for (row, k) in keys.into_iter().enumerate() {
            exact.insert(k, row);
            if let Some(v) = code_value(k) {
                values
                    .entry(v)
                    .and_modify(|r| *r = None)
                    .or_insert(Some(row));
            }
        }
        let by_value = values
            .into_iter()
            .filter_map(|(v, r)| r.map(|r| (v, r)))
            .collect();
        KeyIndex { exact, by_value }
    }

    /// The row of the region whose code is `key` as written (trimmed).
    pub fn exact(&self, key: &str) -> Option<usize> {
        self.exact.get(key.trim()).copied()
    }

    /// The region a key names: as written, else by its value.
    pub fn find(&self, key: &str) -> Option<Found> {
        let k = key.trim();
        if let Some(&r) = self.exact.get(k) {
            return Some(Found::Exact(r));
        }
        code_value(k)
            .and_then(|v| self.by_value.get(&v))
            .map(|&r| Found::ByValue(r))
    }
}

/// Which region a person means by `query`: its code as written, its code by value (`7` for
/// `07`), its name (`Республика Адыгея (Адыгея)`), or a word of its name (`Москва`,
/// `Адыгея`), case aside. `regions`: (code, name) of each region. `Err` holds the regions
/// a word of several names matches (empty where nothing matches).
pub fn find_region<'a>(
    regions: &[(&'a str, &'a str)],
    query: &str,
) -> Result<&'a str, Vec<(&'a str, &'a str)>> {
    let q = query.trim();
    let ix = KeyIndex::new(regions.iter().map(|(k, _)| *k));
    if let Some(f) = ix.find(q) {
        return Ok(regions[f.row()].0);
    }
    let lower = q.to_lowercase();
    if let Some((k, _)) = regions
        .iter()
        .find(|(_, n)| n.trim().to_lowercase() == lower)
    {
        return Ok(k);
    }
    // a word of the name: «Москва» in «г. Москва», «Адыгея» in «Республика Адыгея (Адыгея)»
    let words = |n: &str| -> Vec<String> {
        n.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let wanted = words(q);
    if wanted.is_empty() {
        return Err(Vec::new());
    }
    let hits: Vec<(&str, &str)> = regions
        .iter()
        .filter(|(_, n)| {
            let ws = words(n);
            wanted.iter().all(|w| ws.contains(w))
        })
        .copied()
        .collect();
    match hits.as_slice() {
        [(k, _)] => Ok(k),
        _ => Err(hits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_name_codes_by_value() {
        assert_eq!(code_value("01"), Some(1));
        assert_eq!(code_value(" 7 "), Some(7));
        assert_eq!(code_value("1.0"), Some(1));
        assert_eq!(code_value("1.00"), Some(1));
        assert_eq!(code_value("1.5"), None);
        assert_eq!(code_value("1."), None);
        assert_eq!(code_value("RU-MOW"), None);
        assert_eq!(code_value("-1"), None);
        assert_eq!(code_value(""), None);
        assert_eq!(code_value("99999999999999999999"), None);
    }

    #[test]
    fn a_key_is_found_as_written_then_by_value() {
        let keys = ["01", "07", "77", "RU-X"];
        let ix = KeyIndex::new(keys);
        assert_eq!(ix.find("01"), Some(Found::Exact(0)));
        assert_eq!(ix.find("1"), Some(Found::ByValue(0)));
        assert_eq!(ix.find("1.0"), Some(Found::ByValue(0)));
        assert_eq!(ix.find("007"), Some(Found::ByValue(1)));
        assert_eq!(ix.find("77"), Some(Found::Exact(2)));
        assert_eq!(ix.find("99"), None);
        assert_eq!(ix.find("ru-x"), None);
        // two codes of one value: nothing is guessed
        let ix = KeyIndex::new(["1", "01"]);
        assert_eq!(ix.find("001"), None);
        assert_eq!(ix.find("01"), Some(Found::Exact(1)));
    }

    #[test]
    fn a_region_is_found_by_code_name_or_a_word_of_its_name() {
        let regions = [
            ("01", "Республика Адыгея (Адыгея)"),
            ("07", "Кабардино-Балкарская Республика"),
            ("77", "г. Москва"),
            ("50", "Московская область"),
            ("02", "Республика Башкортостан"),
        ];
        assert_eq!(find_region(&regions, "7"), Ok("07"));
        assert_eq!(find_region(&regions, "07"), Ok("07"));
        assert_eq!(find_region(&regions, "Москва"), Ok("77"));
        assert_eq!(find_region(&regions, "москва"), Ok("77"));
        assert_eq!(find_region(&regions, "Адыгея"), Ok("01"));
        assert_eq!(find_region(&regions, "кабардино-балкарская"), Ok("07"));
        assert_eq!(find_region(&regions, "Московская область"), Ok("50"));
        // a word of several names: each named, none chosen
        let several = find_region(&regions, "Республика").unwrap_err();
        assert_eq!(several.len(), 3);
        assert_eq!(find_region(&regions, "Урал"), Err(Vec::new()));
    }
}
