//! The paths taken by large inputs and outputs give the same results as the simple ones:
//! the CSV reader in parts on several threads, the fast number path, the fast number
//! formatting, and the CSV written in blocks from the run's columns.

use crate::util::Rng;
use metodika::data::{parse_number, parse_number_general, read_csv_bytes_threads, Table, Wanted};
use metodika::engine;
use metodika::report;
use metodika::report::number::fmt_num_general;

fn wanted(columns: &[String]) -> Wanted<'_> {
    Wanted {
        input: "t",
        key: "code",
        label: Some("name"),
        label_required: true,
        columns,
        texts: &[],
        encoding: None,
    }
}

/// A table of `rows` regions over 2 MiB (so that it is read in parts), semicolons and
/// decimal commas, missing values, blank lines, Cyrillic names.
fn big_table(rows: usize, rng: &mut Rng) -> String {
    let mut s = String::from("code;name;a;b;c\n");
    for i in 0..rows {
        if rng.chance(1) {
            s.push_str(";;;;\n"); // a blank line
        }
        let cell = |rng: &mut Rng| match rng.below(10) {
            0 => "н/д".to_string(),
            1 => String::new(),
            2 => format!("{},{}", rng.below(1000), rng.below(100)),
            3 => format!("1 {:03},5", rng.below(1000)),
            _ => format!("{}.{}", rng.below(100000), rng.below(1000)),
        };
        let (a, b, c) = (cell(rng), cell(rng), cell(rng));
        s.push_str(&format!("r{i:06};Область № {i};{a};{b};{c}\n"));
    }
    s
}

fn same_table(a: &Table, b: &Table) {
    assert_eq!(a.keys, b.keys);
    assert_eq!(a.labels, b.labels);
    assert_eq!(a.columns.len(), b.columns.len());
    for ((na, va), (nb, vb)) in a.columns.iter().zip(&b.columns) {
        assert_eq!(na, nb);
        let bits = |v: &Vec<f64>| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(va), bits(vb), "column {na}");
    }
}

#[test]
fn reading_in_parts_gives_what_reading_row_by_row_gives() {
    let mut rng = Rng(7);
    let text = big_table(60_000, &mut rng);
    assert!(
        text.len() > 3 << 20,
        "big enough to be split: {}",
        text.len()
    );
    let cols: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    let one = read_csv_bytes_threads("t.csv", text.as_bytes(), &wanted(&cols), 1).unwrap();
    assert_eq!(one.keys.len(), 60_000);
    // the same numbers as the general parser gives, NaN where missing
    let missing = one.columns[0].1.iter().filter(|v| v.is_nan()).count();
    assert!(missing > 6000 && missing < 18000, "{missing}");
    for threads in [2, 3, 8] {
        let many =
            read_csv_bytes_threads("t.csv", text.as_bytes(), &wanted(&cols), threads).unwrap();
        same_table(&one, &many);
    }
}

#[test]
fn the_first_problem_is_the_same_whatever_the_threads() {
    let mut rng = Rng(11);
    let base = big_table(60_000, &mut rng);
    let lines: Vec<&str> = base.lines().collect();
    let n = lines.len();
    let with = |edits: &[(usize, &str)]| {
        let mut ls: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for (at, l) in edits {
            ls[*at] = l.to_string();
        }
        ls.join("\n") + "\n"
    };
    let dup_key = lines[100].split(';').next().unwrap().to_string();
    let cases: Vec<(String, &str)> = vec![
        // a bad number late in the file: its line is named
        (
            with(&[(n - 10, "r999999;Тест;1;два;3")]),
            "`два` is not a number",
        ),
        // a duplicate across parts, before a bad number: the duplicate comes first
        (
            with(&[
                (n - 100, &format!("{dup_key};Дубль;1;2;3")),
                (n - 10, "r999999;Тест;1;два;3"),
            ]),
            "appears twice",
        ),
        // a bad number before the duplicate: the number comes first
        (
            with(&[
                (n / 2 + 5, "r999999;Тест;1;два;3"),
                (n - 100, &format!("{dup_key};Дубль;1;2;3")),
            ]),
            "`два` is not a number",
        ),
        // a line with a field too many, in the second half
        (
            with(&[(n - 3, "r999998;Тест;1;2;3;4")]),
            "has 6 fields, the header has 5",
        ),
        // no key
        (
            with(&[(n - 2, ";Тест;1;2;3")]),
            "no value in the key column",
        ),
    ];
    let cols: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    for (text, expected) in &cases {
        let one = read_csv_bytes_threads("t.csv", text.as_bytes(), &wanted(&cols), 1).unwrap_err();
        // every problem, in file order: the expected one first
        let first = &one.errors[0].message;
        assert!(first.contains(expected), "{one}");
        let planted = text.matches("Тест").count() + text.matches("Дубль").count();
        assert_eq!(one.errors.len(), planted, "{one}");
        for threads in [2, 5] {
            let many = read_csv_bytes_threads("t.csv", text.as_bytes(), &wanted(&cols), threads)
                .unwrap_err();
            assert_eq!(one, many, "{threads} threads");
        }
    }
    // the line numbers are the file's
    let text = with(&[(n - 10, "r999999;Тест;1;два;3")]);
    let e = read_csv_bytes_threads("t.csv", text.as_bytes(), &wanted(&cols), 4).unwrap_err();
    assert!(
        e.errors[0].message.contains(&format!("(line {})", n - 9)),
        "{e}"
    );
    assert_eq!(e.errors[0].line(), Some(n as u64 - 9));
}

#[test]
fn the_fast_number_path_agrees_with_the_general_one() {
    let mut rng = Rng(3);
    let alphabet = b"0123456789.-";
    let mut cells: Vec<String> = [
        "-",
        "--",
        ".",
        "..",
        "-.",
        "0",
        "-0",
        "00012",
        "1.",
        ".5",
        "-.5",
        "1.2.3",
        "1-2",
        "9".repeat(400).as_str(),
        "0.1",
        "123456789012345678901234567890",
        "1234567890.12345",
        "12345678901234567",
        "-0.000000000000001",
        "999999999999999",
        "9999999999999999",
        "0.30000000000000004",
        "-.",
        "5-",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for _ in 0..20_000 {
        let len = 1 + rng.below(12);
        cells.push((0..len).map(|_| *rng.pick(alphabet) as char).collect());
    }
    for c in &cells {
        let fast = parse_number(c).map(|v| v.map(f64::to_bits));
        let general = parse_number_general(c).map(|v| v.map(f64::to_bits));
        assert_eq!(fast, general, "cell {c:?}");
    }
}

#[test]
fn fast_number_formatting_agrees_with_the_general_one() {
    let mut rng = Rng(5);
    let mut xs = vec![
        0.0,
        -0.0,
        0.5e-6,
        -0.5e-6,
        0.4999999e-6,
        1e-7,
        123.456789,
        -1.0000005,
        4e9,
        3.999e9,
        1e15,
        -1e15,
        9.007e15,
        1e300,
        f64::MAX,
        f64::MIN_POSITIVE,
    ];
    for _ in 0..100_000 {
        let mag = 10f64.powi(rng.below(24) as i32 - 8);
        let x = (rng.next() as f64 / u64::MAX as f64 - 0.5) * mag;
        xs.push(x);
        xs.push((x * 1e6).round() / 1e6); // exactly at 6 decimals
        xs.push((x * 1e6).trunc() / 1e6 + 0.5e-6); // half-way
    }
    for x in xs {
        assert_eq!(metodika::report::fmt_num(x), fmt_num_general(x), "{x:e}");
    }
}

#[test]
fn the_csv_written_from_columns_is_the_csv_of_the_ranking() {
    // 100,000 regions (several blocks of rows on several threads), keys not in order,
    // many ties (scores rounded to 0 decimals), zones, a tie-breaker, some excluded
    let mut rng = Rng(9);
    let mut order: Vec<usize> = (0..100_000).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut data = String::from("code,name,a,b\n");
    for &i in &order {
        let b = if i % 50 == 0 {
            String::new()
        } else {
            format!("{}", i % 89)
        };
        data.push_str(&format!("k{i:06},Регион {i},{},{b}\n", (i * 7919) % 1013));
    }
    let m = "methodology \"Много\" { key code label name }\ninput t \"d.csv\"\n\
             exclude when t.a < 3 \"мало\"\n\
             indicator a \"A\" { value = t.a better higher normalize minmax }\n\
             indicator b \"B\" { value = t.b better lower normalize rank missing median }\n\
             score \"S\" { a points 60  b points 40 }\nrank { round 0 ties competition then b asc }\n\
             zones { top \"Верх\" top 100  rest \"Остальные\" rest }\n";
    let dir = crate::util::temp_with(&[("d.csv", &data), ("m.metodika", m)]);
    let path = dir.path().join("m.metodika");
    let opts = metodika::load::options_for(&path);
    let loaded = metodika::load::load_file(&path, &opts).unwrap();
    let m = loaded.methodology.as_ref().unwrap();
    for detail in [false, true] {
        let ranking = engine::run_with(m, &opts, detail).unwrap();
        let cols = engine::run_columns(m, &opts, detail).unwrap();
        let mut streamed = Vec::new();
        report::write_csv(&cols, detail, &mut streamed).unwrap();
        let streamed = String::from_utf8(streamed).unwrap();
        assert_eq!(streamed, report::csv(&ranking, detail), "detail {detail}");
        assert_eq!(streamed.lines().count(), 100_001);
        // ties listed by key although the file is not in key order
        let rows = &ranking.rows;
        for w in rows.windows(2) {
            if w[0].place.is_some()
                && w[0].place == w[1].place
                && w[0].tie_values == w[1].tie_values
            {
                assert!(w[0].key < w[1].key, "{} before {}", w[0].key, w[1].key);
            }
        }
        let few = (0..100_000usize).filter(|i| (i * 7919) % 1013 < 3).count();
        assert_eq!(rows.iter().filter(|r| r.excluded.is_some()).count(), few);
    }
}

/// Read a file block by block (blocks of `block` bytes) and whole, on 1 and 2 threads.
fn blocks_and_whole(
    text: &[u8],
    block: usize,
) -> (
    Option<Result<Table, metodika::data::DataErrors>>,
    Result<Table, metodika::data::DataErrors>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, text).unwrap();
    let path = path.to_string_lossy().to_string();
    let cols: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    let whole = read_csv_bytes_threads(&path, text, &wanted(&cols), 1);
    let mut by_blocks = None;
    for threads in [1, 2] {
        let r = metodika::data::read_csv_blocks(&path, &wanted(&cols), threads, block).transpose();
        match (&by_blocks, r) {
            (None, r) => by_blocks = Some(r),
            (Some(Some(Ok(a))), Some(Ok(b))) => same_table(a, &b),
            (Some(Some(Err(a))), Some(Err(b))) => assert_eq!(*a, b),
            (Some(None), None) => {}
            (a, b) => panic!("1 and 2 threads differ: {a:?} / {b:?}"),
        }
    }
    (by_blocks.unwrap(), whole)
}

#[test]
fn reading_in_blocks_gives_what_reading_whole_gives() {
    let mut rng = Rng(13);
    let base = big_table(3000, &mut rng); // about 130 KB: blocks of 4 KiB
    for block in [4096, 10_000, 1 << 20] {
        let (blocks, whole) = blocks_and_whole(base.as_bytes(), block);
        same_table(
            &blocks.expect("plain UTF-8 is read in blocks").unwrap(),
            &whole.unwrap(),
        );
    }
    // with a byte-order mark
    let bom = [b"\xEF\xBB\xBF".as_slice(), base.as_bytes()].concat();
    let (blocks, whole) = blocks_and_whole(&bom, 4096);
    same_table(&blocks.unwrap().unwrap(), &whole.unwrap());
    // problems in later blocks: the same message, the file's line numbers
    let lines: Vec<&str> = base.lines().collect();
    let n = lines.len();
    let dup_key = lines[10].split(';').next().unwrap().to_string();
    let edit = |edits: &[(usize, String)]| {
        let mut ls: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for (at, l) in edits {
            ls[*at] = l.clone();
        }
        ls.join("\n") + "\n"
    };
    for text in [
        edit(&[(n - 5, "r999999;Тест;1;два;3".into())]),
        edit(&[
            (n / 2, format!("{dup_key};Дубль;1;2;3")),
            (n - 5, "r999999;Тест;1;два;3".into()),
        ]),
        edit(&[(n - 2, "r999998;Тест;1;2;3;4".into())]),
    ] {
        let (blocks, whole) = blocks_and_whole(text.as_bytes(), 4096);
        let (b, w) = (blocks.unwrap().unwrap_err(), whole.unwrap_err());
        assert_eq!(b, w);
    }
}

#[test]
fn files_that_cannot_be_read_in_blocks_are_read_whole() {
    let mut rng = Rng(17);
    let base = big_table(3000, &mut rng);
    // Windows-1251 only near the end: the whole file is Windows-1251
    let mut cp = base.clone().into_bytes();
    let at = base[..base.len() - 200].rfind('\n').unwrap() + 1;
    cp.splice(
        at..at,
        b"r777777;\xCE\xE1\xEB\xE0\xF1\xF2\xFC;1;2;3\n"
            .iter()
            .copied(),
    );
    // a quoted field near the end
    let quoted = base.replacen("Область № 2990", "\"Область; № 2990\"", 1);
    // a NUL byte
    let mut nul = base.clone().into_bytes();
    nul[100_000] = 0;
    // a problem early and Windows-1251 late: the decision is the whole file's
    let mut early = base
        .replacen("r000010;", "r000010;Тест;1;два;3\nr000010x;", 1)
        .into_bytes();
    let at = early[..early.len() - 200]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    early.splice(
        at..at,
        b"r777777;\xCE\xE1\xEB\xE0\xF1\xF2\xFC;1;2;3\n"
            .iter()
            .copied(),
    );
    for text in [cp, quoted.into_bytes(), nul, early] {
        let (blocks, whole) = blocks_and_whole(&text, 4096);
        assert!(blocks.is_none(), "read whole");
        // and the reader that chooses gives what the whole reading gives
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, &text).unwrap();
        let cols: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let chosen = metodika::data::read_csv(&path.to_string_lossy(), &wanted(&cols));
        match (chosen, whole) {
            (Ok(a), Ok(b)) => same_table(&a, &b),
            (Err(a), Err(b)) => {
                let messages = |e: &metodika::data::DataErrors| {
                    e.errors
                        .iter()
                        .map(|x| x.message.clone())
                        .collect::<Vec<_>>()
                };
                assert_eq!(messages(&a), messages(&b))
            }
            (a, b) => panic!("{a:?} / {b:?}"),
        }
    }
}
