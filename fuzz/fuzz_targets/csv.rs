//! Any bytes as a regional table: read them or refuse them with a message, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use metodika::data::{read_csv_bytes, Wanted};

fuzz_target!(|data: &[u8]| {
    let columns = vec!["v".to_string(), "w".to_string()];
    let wanted = Wanted {
        input: "t",
        key: "region_code",
        label: Some("region_name"),
        label_required: false,
        columns: &columns,
    };
    if let Ok(t) = read_csv_bytes("fuzz.csv", data, &wanted) {
        assert!(!t.keys.is_empty());
        for (_, col) in &t.columns {
            assert_eq!(col.len(), t.keys.len());
            assert!(col.iter().all(|v| v.is_nan() || v.is_finite()));
        }
    }
});
