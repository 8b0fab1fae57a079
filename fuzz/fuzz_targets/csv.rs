//! Any bytes as a regional table: read them or refuse them with a message, never panic.
//! The first byte picks the encoding the methodology names (none, UTF-8, Windows-1251,
//! KOI8-R), the rest is the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use metodika::data::{read_csv_bytes, Wanted};

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
    let columns = vec!["v".to_string(), "w".to_string()];
    let wanted = Wanted {
        input: "t",
        key: "region_code",
        label: Some("region_name"),
        label_required: false,
        columns: &columns,
        encoding,
    };
    if let Ok(t) = read_csv_bytes("fuzz.csv", file, &wanted) {
        assert!(!t.keys.is_empty());
        for (_, col) in &t.columns {
            assert_eq!(col.len(), t.keys.len());
            assert!(col.iter().all(|v| v.is_nan() || v.is_finite()));
        }
    }
});
