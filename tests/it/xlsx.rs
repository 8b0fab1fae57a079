//! `--format xlsx`, read back: every value of every sheet equals the CSV's (calamine, as
//! a spreadsheet reads it), keys like `01` stay text, the methodology's sheet lists the
//! indicators as checked; the ranking's header is frozen, filtered, its zones filled.

use crate::util::root;
use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};
use std::process::Command;

const POS: &str = "methodologies/pos/pos-2025-tables.metodika";

fn metodika(args: &[&str]) -> std::process::Output {
    crate::util::bin()
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook")
}

/// The sheet holds the CSV, cell by cell: numbers as the same f64, texts as texts.
fn same_as_csv(wb: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, csv_text: &str) -> usize {
    let range = wb
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{sheet}: {e}"));
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(range.height(), rows.len(), "{sheet}");
    let mut numbers = 0;
    for (r, row) in rows.iter().enumerate() {
        for (c, want) in row.iter().enumerate() {
            let got = range.get((r, c)).unwrap_or(&Data::Empty);
            match got {
                Data::Empty => assert!(want.is_empty(), "{sheet} {r},{c}: empty, CSV {want}"),
                Data::Float(v) => {
                    assert_eq!(*v, want.parse::<f64>().unwrap(), "{sheet} {r},{c}");
                    numbers += 1;
                }
                Data::String(s) => assert_eq!(s, want, "{sheet} {r},{c}"),
                other => panic!("{sheet} {r},{c}: {other:?}"),
            }
        }
    }
    numbers
}

fn xml(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn a_run_as_a_workbook_holds_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("рейтинг.xlsx");
    let o = metodika(&[
        "run",
        POS,
        "--detail",
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let mut wb = workbook(bytes.clone());
    assert_eq!(wb.sheet_names(), ["ranking", "indicators", "methodology"]);
    let plain = String::from_utf8(metodika(&["run", POS, "--format", "csv"]).stdout).unwrap();
    assert!(same_as_csv(&mut wb, "ranking", &plain) > 85 * 3);
    // keys stay text: `01`, not 1
    let range = wb.worksheet_range("ranking").unwrap();
    assert!(matches!(range.get((1, 1)), Some(Data::String(k)) if k.len() == 2));
    // the indicators: key, label and each indicator's columns of `--detail`
    let detail =
        String::from_utf8(metodika(&["run", POS, "--format", "csv", "--detail"]).stdout).unwrap();
    let loaded = metodika::load_file(
        &root().join(POS),
        &metodika::load::options_for(&root().join(POS)),
    )
    .unwrap();
    let m = loaded.methodology.unwrap();
    let skip = 7 + m.groups.len() - 1;
    let mut w = csv::Writer::from_writer(Vec::new());
    for rec in csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(detail.as_bytes())
        .records()
    {
        let rec = rec.unwrap();
        let fields: Vec<&str> = [&rec[1], &rec[2]]
            .into_iter()
            .chain(rec.iter().skip(skip))
            .collect();
        w.write_record(fields).unwrap();
    }
    let indicators = String::from_utf8(w.into_inner().unwrap()).unwrap();
    assert!(same_as_csv(&mut wb, "indicators", &indicators) > 85 * m.indicators.len() * 3);
    // the methodology: an indicator a row, its formula as checked
    let range = wb.worksheet_range("methodology").unwrap();
    assert_eq!(range.height(), m.indicators.len() + 1);
    for (i, ind) in m.indicators.iter().enumerate() {
        assert_eq!(range.get((i + 1, 0)), Some(&Data::String(ind.name.clone())));
        assert_eq!(
            range.get((i + 1, 2)),
            Some(&Data::String(ind.value_text.clone()))
        );
    }
    // the ranking: header frozen, filtered; zones filled green, yellow and red
    let sheet = xml(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet
        .contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#));
    assert!(sheet.contains(r#"<autoFilter ref="A1:"#));
    let styles = xml(&bytes, "xl/styles.xml");
    for colour in ["FFC6EFCE", "FFFFEB9C", "FFFFC7CE"] {
        assert!(styles.contains(colour), "{colour}");
    }
    assert!(styles.contains(r#"formatCode="0.00""#));
}

#[test]
fn a_diff_and_the_other_outputs_as_workbooks() {
    let o = metodika(&[
        "diff",
        POS,
        "methodologies/pos/pos-2026-tables.metodika",
        "--format",
        "xlsx",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb = workbook(o.stdout);
    assert_eq!(wb.sheet_names(), ["moves", "changes"]);
    let csv_text = String::from_utf8(
        metodika(&[
            "diff",
            POS,
            "methodologies/pos/pos-2026-tables.metodika",
            "--format",
            "csv",
        ])
        .stdout,
    )
    .unwrap();
    same_as_csv(&mut wb, "moves", &csv_text);
    let changes = wb.worksheet_range("changes").unwrap();
    assert!(changes.height() > 2);
    assert_eq!(changes.get((0, 2)), Some(&Data::String("what".into())));
    // uncertainty: one sheet, the CSV's
    let o = metodika(&["uncertainty", POS, "--runs", "30", "--format", "xlsx"]);
    assert!(o.status.success());
    let mut wb = workbook(o.stdout);
    let csv_text = String::from_utf8(
        metodika(&["uncertainty", POS, "--runs", "30", "--format", "csv"]).stdout,
    )
    .unwrap();
    same_as_csv(&mut wb, "uncertainty", &csv_text);
}

/// Excluded regions get a sheet of their own, with their reasons; keys stay text.
#[test]
fn exclusions_have_their_sheet() {
    let dir = crate::util::temp_with(&[
        (
            "d.csv",
            "code,name,x,flag\n01,Адыгея,1,0\n02,\"Алтай, Республика\",2,1\n03,Бурятия,3,0\n",
        ),
        (
            "m.metodika",
            "methodology \"Исключения\" { key code  label name }\ninput d \"d.csv\"\n\
             exclude when d.flag == 1 \"нет данных за квартал\"\n\
             indicator x \"Икс\" = d.x  better higher\nscore \"Итог\" { x }\n",
        ),
    ]);
    let out = dir.path().join("out.xlsx");
    let m = dir.path().join("m.metodika");
    let o = metodika(&[
        "run",
        m.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb = workbook(std::fs::read(&out).unwrap());
    assert_eq!(wb.sheet_names(), ["ranking", "methodology", "exclusions"]);
    let ex = wb.worksheet_range("exclusions").unwrap();
    assert_eq!(ex.height(), 2);
    assert_eq!(ex.get((1, 0)), Some(&Data::String("02".into())));
    assert_eq!(
        ex.get((1, 1)),
        Some(&Data::String("Алтай, Республика".into()))
    );
    assert_eq!(
        ex.get((1, 2)),
        Some(&Data::String("нет данных за квартал".into()))
    );
    let csv_text =
        String::from_utf8(metodika(&["run", m.to_str().unwrap(), "--format", "csv"]).stdout)
            .unwrap();
    same_as_csv(&mut wb, "ranking", &csv_text);
}

/// A workbook is never printed to a terminal (here a pseudo-terminal made by `script`,
/// from util-linux): the command says what to do instead, writes nothing, exits 2.
#[test]
fn a_workbook_is_not_printed_to_a_terminal() {
    let cmd = format!(
        "{} run {POS} --format xlsx; echo status=$?",
        env!("CARGO_BIN_EXE_metodika")
    );
    let o = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("METODIKA_LANG", "en")
        .current_dir(root())
        .output()
        .expect("script (util-linux)");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("a workbook is not printed to a terminal: give --output"),
        "{text}"
    );
    assert!(text.contains("status=2"), "{text}");
    assert!(!text.contains("PK"), "{text}");
}
