//! Any bytes as a CSV record file: its columns typed by the checker (`csv_schema`), then
//! read as a stream by those types (`read_csv_records`), or refused with a coded message,
//! never a panic; every row read is counted once, its cells of the type asked. The first
//! byte picks the encoding the methodology names (none, UTF-8, Windows-1251, KOI8-R). (The
//! bytes are written to a file, as the reader reads files; one file per process.)
#![no_main]
use libfuzzer_sys::fuzz_target;
use metodika::data::records::{csv_schema, read_csv_records_whole, RecColumn};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let encoding = match pick % 4 {
        0 => None,
        1 => Some(encoding_rs::UTF_8),
        2 => Some(encoding_rs::WINDOWS_1251),
        _ => Some(encoding_rs::KOI8_R),
    };
    let path = std::env::temp_dir().join(format!("metodika-fuzz-{}.csv", std::process::id()));
    if std::fs::write(&path, file).is_err() {
        return;
    }
    let p = path.to_string_lossy();
    let Ok(schema) = csv_schema("m", &p, encoding) else {
        return;
    };
    let Some((key, _)) = schema.first().cloned() else {
        return;
    };
    let wanted: Vec<_> = schema.into_iter().skip(1).collect();
    if let Ok(t) = read_csv_records_whole("m", &p, &key, &wanted, encoding) {
        let n = t.keys.len();
        assert_eq!(t.lines.len(), n);
        for (_, col) in &t.columns {
            let len = match col {
                RecColumn::Number(v) => {
                    assert!(v.iter().flatten().all(|x| x.is_finite()));
                    v.len()
                }
                RecColumn::Text(v) => v.len(),
                RecColumn::Date(v) => v.len(),
                RecColumn::Bool(v) => v.len(),
            };
            assert_eq!(len, n);
        }
    }
});
