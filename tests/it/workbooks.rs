//! Regional tables as Excel workbooks, as regional offices send them: made by each run
//! with openpyxl (tests/workbooks/make.py, in the peers' environment) — a title block
//! above the table, numbers stored as text with decimal commas, notes below it, a second
//! sheet; and the broken ones: a formula's error value, merged header cells, an empty
//! sheet, a password, a damaged file. Every problem is a coded error naming the sheet and
//! the cell.

use crate::example::peers_python;
use crate::util::root;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workbooks() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(peers_python())
        .arg(root().join("tests/workbooks/make.py"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir
}

/// A methodology over `file` (with the input's options), beside the workbooks.
fn methodology(dir: &Path, name: &str, file: &str, options: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(
        &p,
        format!(
            "methodology \"Проверка книги\" {{\n    key   code\n    label name\n}}\n\ninput data \"{file}\"{options}\n\nindicator share \"Доля отвеченных\" {{\n    value     = data.answered / data.messages\n    better    higher\n    normalize minmax\n    missing   zero\n}}\n\nscore \"Итог\" {{\n    share weight 100%\n}}\n"
        ),
    )
    .unwrap();
    p
}

fn metodika(args: &[&str]) -> Output {
    crate::util::bin()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `metodika run` in the methodology's folder, as a user runs it there.
fn run(m: &Path, extra: &[&str]) -> Output {
    crate::util::bin()
        .arg("run")
        .arg(m.file_name().unwrap())
        .args(extra)
        .current_dir(m.parent().unwrap())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_workbook_reads_as_the_same_table_in_csv() {
    let dir = workbooks();
    let d = dir.path();
    let csv = run(
        &methodology(d, "c.metodika", "regions.csv", ""),
        &["--format", "csv", "--detail"],
    );
    assert_eq!(csv.status.code(), Some(0), "{}", text(&csv.stderr));
    // the title block skipped, the header found; the first sheet by default
    for (name, options) in [
        ("found.metodika", ""),
        ("stated.metodika", " sheet \"Лист1\" header 4"),
        ("second.metodika", " sheet \"Сводная 2025\""),
        ("second-stated.metodika", " sheet \"Сводная 2025\" header 2"),
    ] {
        let m = methodology(d, name, "regions.xlsx", options);
        let o = run(&m, &["--format", "csv", "--detail"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stderr));
        assert_eq!(text(&o.stdout), text(&csv.stdout), "{name}");
        // the notes below the first sheet's table are left, and the run says so
        let err = text(&o.stderr);
        if options.is_empty() || options.contains("Лист1") {
            assert!(
                err.contains("sheet `Лист1`: the table ends at its first empty row (11); 2 row(s) below it were not read"),
                "{err}"
            );
        } else {
            assert!(!err.contains("were not read"), "{err}");
        }
        // the checker read the header too: it checks clean
        let c = metodika(&["check", m.to_str().unwrap()]);
        assert_eq!(c.status.code(), Some(0), "{}", text(&c.stderr));
        assert!(text(&c.stderr).is_empty(), "{}", text(&c.stderr));
    }
    // the numbers as stored: text with a decimal comma and thousands spaces, н/д, empty
    let rows = text(&csv.stdout);
    assert!(rows.contains("Республика Башкортостан"), "{rows}");
    let raw = metodika(&[
        "explain",
        methodology(d, "e.metodika", "regions.xlsx", "")
            .to_str()
            .unwrap(),
        "--region",
        "03",
    ]);
    assert!(
        text(&raw.stdout).contains("raw 0.9311 → minmax"),
        "{}",
        text(&raw.stdout)
    );
}

#[test]
fn the_checker_names_a_column_the_workbook_lacks() {
    let dir = workbooks();
    let m = dir.path().join("m.metodika");
    std::fs::write(
        &m,
        "methodology \"Т\" {\n    key code\n}\ninput data \"regions.xlsx\"\nindicator a \"A\" {\n    value = data.answerd\n    better higher\n}\nscore \"И\" {\n    a\n}\n",
    )
    .unwrap();
    let o = metodika(&["check", m.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("E102") && err.contains("answered"), "{err}");
}

#[test]
fn every_bad_cell_is_named_by_sheet_and_cell() {
    let dir = workbooks();
    let o = run(
        &methodology(dir.path(), "m.metodika", "errors.xlsx", ""),
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    for expected in [
        "error[D006]: input `data` (errors.xlsx:3): region 02 (Республика Башкортостан), column `answered` (Лист1!D3): the error value #DIV/0! is not a number",
        "column `messages` (Лист1!C4): the flag TRUE is not a number",
        "column `answered` (Лист1!D5): the date 2025-03-31 is not a number",
        "column `messages` (Лист1!C6): `много` is not a number",
        "error[D007]: input `data` (errors.xlsx:7): region 01 (Москва) appears twice (Лист1!A2 and Лист1!A7)",
        "error[D005]: input `data` (errors.xlsx:8): row 8 has no key in the column `code` (Лист1!A8)",
        "help: the formula in the cell fails",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
    // in the order of the sheet's rows
    let at = |s: &str| err.find(s).unwrap();
    assert!(at("Лист1!D3") < at("Лист1!C4") && at("Лист1!C6") < at("Лист1!A7"));
}

#[test]
fn a_workbook_that_is_no_table_is_refused_with_a_code() {
    let dir = workbooks();
    let d = dir.path();
    for (file, options, expected) in [
        ("merged.xlsx", "", "D015]: input `data` (merged.xlsx): the header (row 1) has merged cells Лист1!B1:C1 over columns of values"),
        ("empty.xlsx", "", "D015]: input `data` (empty.xlsx): sheet `Пустой` is empty"),
        ("protected.xlsx", "", "D015]: input `data` (protected.xlsx): the workbook is protected by a password"),
        ("corrupt.xlsx", "", "D015]: input `data` (corrupt.xlsx): the file cannot be read as a workbook (is it damaged?)"),
        ("regions.xlsx", " sheet \"Лист3\"", "D015]: input `data` (regions.xlsx): the workbook has no sheet `Лист3` (its sheets: Лист1, Сводная 2025)"),
        ("regions.xlsx", " header 2", "D003]: input `data` (regions.xlsx): the header's cell Лист1!B2 holds the date 2025-12-31, not a column name"),
        ("regions.xlsx", " header 3", "D003]: input `data` (regions.xlsx): row 3 of sheet `Лист1` (`header 3`) is empty"),
        // (a row of one title over columns of values: the empty header cells are named)
        ("regions.xlsx", " sheet \"Сводная 2025\" header 1", "the header's cell 'Сводная 2025'!B1 is empty, but its column holds values ('Сводная 2025'!B2)"),
    ] {
        let m = methodology(d, "m.metodika", file, options);
        let o = run(&m, &[]);
        assert_eq!(o.status.code(), Some(1), "{file}{options}");
        let err = text(&o.stderr);
        assert!(err.contains(expected), "{expected}\n---\n{err}");
        assert!(err.contains("help: "), "{err}");
        assert!(o.stdout.is_empty());
        // the password is never asked for nor shown
        assert!(!err.contains("secret"));
    }
    // the empty first sheet's neighbour is read when named
    let m = methodology(d, "m.metodika", "empty.xlsx", " sheet \"Данные\"");
    let o = run(&m, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // the other formats: refused with advice
    for ext in ["xls", "ods"] {
        std::fs::copy(d.join("regions.xlsx"), d.join(format!("old.{ext}"))).unwrap();
        let o = run(
            &methodology(d, "m.metodika", &format!("old.{ext}"), ""),
            &[],
        );
        assert_eq!(o.status.code(), Some(1));
        assert!(
            text(&o.stderr).contains("save it as an Excel workbook (.xlsx)"),
            "{}",
            text(&o.stderr)
        );
    }
}

#[test]
fn a_sheet_name_with_spaces_is_quoted_as_excel_quotes_it() {
    let dir = workbooks();
    let d = dir.path();
    // the second sheet's table is the first one's: break one cell of it
    let py = format!(
        "import openpyxl\nwb = openpyxl.load_workbook('{0}/regions.xlsx')\nwb['Сводная 2025']['C5'] = '#N/A'\nwb.save('{0}/broken.xlsx')\n",
        d.display()
    );
    let o = Command::new(peers_python())
        .args(["-c", &py])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(
        &methodology(d, "m.metodika", "broken.xlsx", " sheet \"Сводная 2025\""),
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains(
            "column `messages` ('Сводная 2025'!C5): the error value #N/A is not a number"
        ),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn the_workbook_of_the_language_reference_holds_its_csv() {
    // docs/examples/regions.xlsx is docs/examples/regions.csv under a title block
    let dir = root().join("docs/examples");
    let read = |file: &str, options: &str| {
        let m = dir.join(format!("wb-test-{}.metodika", file.replace('.', "-")));
        std::fs::write(
            &m,
            format!("methodology \"Т\" {{\n    key   region_code\n    label region_name\n}}\ninput data \"{file}\"{options}\nindicator a \"A\" {{\n    value = data.messages / data.population + data.days\n    better higher\n    missing zero\n}}\nscore \"И\" {{\n    a\n}}\n"),
        )
        .unwrap();
        let o = run(&m, &["--format", "csv", "--detail"]);
        let _ = std::fs::remove_file(&m);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        text(&o.stdout)
    };
    assert_eq!(read("regions.xlsx", ""), read("regions.csv", ""));
    assert_eq!(
        read("regions.xlsx", " sheet \"Лист1\" header 4"),
        read("regions.csv", "")
    );
}

#[test]
fn input_options_are_kept_by_fmt_and_seen_by_diff() {
    let dir = workbooks();
    let d = dir.path();
    let a = methodology(
        d,
        "a.metodika",
        "regions.xlsx",
        "   sheet   \"Лист1\"    header 4",
    );
    let o = metodika(&["fmt", a.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let formatted = std::fs::read_to_string(&a).unwrap();
    assert!(
        formatted.contains("input data \"regions.xlsx\" sheet \"Лист1\" header 4\n"),
        "{formatted}"
    );
    let b = methodology(d, "b.metodika", "regions.xlsx", " sheet \"Сводная 2025\"");
    let o = metodika(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("sheet \"Лист1\" → \"Сводная 2025\""), "{out}");
    assert!(out.contains("header row 4 → found"), "{out}");
}

#[test]
fn a_damaged_workbook_is_an_error_never_a_crash() {
    use metodika::data::{workbook, ReadAs, Wanted};
    let dir = workbooks();
    let good = std::fs::read(dir.path().join("regions.xlsx")).unwrap();
    let columns = ["messages".to_string(), "answered".to_string()];
    let w = Wanted {
        input: "data",
        key: "code",
        label: Some("name"),
        label_required: false,
        columns: &columns,
        texts: &[],
        encoding: None,
    };
    let path = dir.path().join("damaged.xlsx");
    let mut rng = crate::util::Rng(2025);
    let mut read = 0;
    for case in 0..300 {
        let mut bytes = good.clone();
        if case % 3 == 0 {
            bytes.truncate(rng.below(good.len()));
        } else {
            // flip a few bytes anywhere: inside the zip's compressed XML and its directory
            for _ in 0..=rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        std::fs::write(&path, &bytes).unwrap();
        let p = path.to_string_lossy();
        let how = ReadAs::default();
        match std::panic::catch_unwind(|| workbook::read_workbook(&p, &w, &how)) {
            Ok(Ok(t)) => {
                read += 1;
                assert!(!t.keys.is_empty());
            }
            Ok(Err(e)) => assert!(e.errors.iter().all(|e| e.code.starts_with('D')), "{e:?}"),
            Err(_) => panic!("case {case}: reading a damaged workbook panicked"),
        }
    }
    // most damage is seen (the zip's checksums), some falls where nothing is read
    assert!(read < 300);
}

#[test]
fn init_starts_a_methodology_from_a_workbook() {
    let dir = workbooks();
    let d = dir.path();
    let o = crate::util::bin()
        .args(["init", "regions.xlsx"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("2 indicators from 4 columns: key `code`, label `name`"),
        "{}",
        text(&o.stderr)
    );
    let m = d.join("regions.metodika");
    let written = std::fs::read_to_string(&m).unwrap();
    assert!(written.contains("input data \"regions.xlsx\""), "{written}");
    let c = metodika(&["check", m.to_str().unwrap()]);
    assert_eq!(c.status.code(), Some(0), "{}", text(&c.stderr));
    let r = run(&m, &["--format", "csv"]);
    assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
    assert_eq!(text(&r.stdout).lines().count(), 7);
    // a workbook that is no table: I007, with the reason's code
    let o = crate::util::bin()
        .args(["init", "protected.xlsx"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("I007") && err.contains("protected by a password (D015)"),
        "{err}"
    );
}

/// A workbook bomb — a few hundred kilobytes that unpack to 300 MB of one sheet — is
/// refused (D015) before anything is unpacked, by the sizes its archive declares; the
/// run takes no more memory than the archive's directory.
#[test]
fn a_workbook_that_unpacks_to_far_more_than_a_table_is_refused() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    {
        let f = std::fs::File::create(&path).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("[Content_Types].xml", o).unwrap();
        z.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..300 {
            z.write_all(&spaces).unwrap();
        }
        z.finish().unwrap();
    }
    assert!(std::fs::metadata(&path).unwrap().len() < 2 << 20);
    let m = methodology(dir.path(), "m.metodika", "bomb.xlsx", "");
    let o = run(&m, &[]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("D015") && err.contains("unpacks to more than a table needs"),
        "{err}"
    );
    assert!(err.contains("xl/worksheets/sheet1.xml"), "{err}");
}
