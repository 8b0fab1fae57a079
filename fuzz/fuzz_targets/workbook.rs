//! Any bytes as an Excel workbook: its header and columns read, or refused with a coded
//! message (D015, D003), never a panic. (The bytes are written to a file, as the reader
//! reads files; one file per process, written anew for each input.)
#![no_main]
use libfuzzer_sys::fuzz_target;
use metodika::data::workbook::{read_workbook_columns, read_workbook_header};
use metodika::data::ReadAs;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("metodika-fuzz-{}.xlsx", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let p = path.to_string_lossy();
    let how = ReadAs::default();
    if let Ok(names) = read_workbook_header("data", &p, &how) {
        if let Ok((header, cols)) = read_workbook_columns("data", &p, &how) {
            assert_eq!(header, names);
            let rows = cols.first().map_or(0, Vec::len);
            assert!(cols.iter().all(|c| c.len() == rows));
        }
    }
});
