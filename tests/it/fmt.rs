//! `fmt`: idempotent and meaning-preserving, on generated methodologies with random
//! layout and comments.

use crate::util::Rng;
use metodika::{fmt, syntax};

const SPACES: [&str; 6] = [" ", "  ", "\n", " \n    ", "\t", "\n\n"];

fn ws(r: &mut Rng) -> &'static str {
    SPACES[r.below(SPACES.len())]
}

fn comment(r: &mut Rng) -> String {
    if r.chance(25) {
        format!(" # заметка {}\n", r.below(100))
    } else {
        String::new()
    }
}

fn expr(r: &mut Rng, depth: usize) -> String {
    if depth == 0 || r.chance(30) {
        return match r.below(6) {
            0 => format!("{}", r.below(1000)),
            1 => format!("{}.{}%", r.below(100), r.below(10)),
            2 => "t.доля".to_string(),
            3 => "t.b".to_string(),
            4 => "1_000".to_string(),
            _ => "первый".to_string(),
        };
    }
    let a = expr(r, depth - 1);
    let b = expr(r, depth - 1);
    match r.below(11) {
        0 => format!("{a}{}+{}{b}", ws(r), ws(r)),
        1 => format!("{a} - {b}"),
        2 => format!("{a}*{b}"),
        3 => format!("({a}) / ({b})"),
        4 => format!("-{a}"),
        5 => format!("max({a},{}{b})", ws(r)),
        6 => format!("if {a} > {b} then {a} else {b}"),
        7 => format!("{a} ^ 2"),
        // aggregates over records, with filters on text, dates and lists
        8 => format!(
            "count(messages{}where status ==\"ответ\" and created>=2025-01-01)",
            ws(r)
        ),
        9 => format!(
            "share(messages where category in (\"ЖКХ\",{}\"Дороги\") or not missing(days))",
            ws(r)
        ),
        _ => format!("quantile(messages.days, 90% where days * 24 <= {a}) + {b}"),
    }
}

fn methodology(r: &mut Rng) -> String {
    let mut s = String::new();
    s.push_str(&comment(r));
    s.push_str(&format!(
        "methodology \"Проверка {}\"{}{{",
        r.below(10),
        ws(r)
    ));
    s.push_str(&format!("{}key region_code{}", ws(r), ws(r)));
    if r.chance(50) {
        s.push_str(&format!("version \"1.{}\"{}", r.below(9), ws(r)));
    }
    s.push_str(&comment(r));
    s.push_str("}\n");
    s.push_str(&format!("input t{}\"data.csv\"{}", ws(r), comment(r)));
    s.push('\n');
    s.push_str(&format!(
        "records messages{}\"messages.parquet\"{}{}\n",
        ws(r),
        r.pick(&[
            "",
            " { date created }",
            " {key code date created unknown ignore}"
        ]),
        comment(r)
    ));
    if r.chance(40) {
        s.push_str(
            "exclude when t.b == 0 and not missing(t.доля) \"нет данных\"
",
        );
    }
    let n = 1 + r.below(4);
    for i in 0..n {
        let name = if i == 0 {
            "первый".to_string()
        } else {
            format!("ind{i}")
        };
        s.push_str(&format!("indicator {name} \"Показатель {i}\" {{{}", ws(r)));
        let e = if i == 0 {
            "t.b / 2".to_string()
        } else {
            expr(r, 3)
        };
        s.push_str(&format!("value = {e}{}", ws(r)));
        s.push_str(&comment(r));
        s.push_str(&format!("better {}{}", r.pick(&["higher", "lower"]), ws(r)));
        match r.below(4) {
            0 => s.push_str("normalize minmax\n"),
            1 => s.push_str(&format!(
                "normalize goalposts({}, {})\n",
                r.below(10),
                10 + r.below(10)
            )),
            2 => s.push_str("normalize bands { >= 80% : 1 >= 60% : 0.5 else : 0 }\n"),
            _ => s.push_str("transform log1p, cap(0, 100) normalize rank missing median\n"),
        }
        if r.chance(30) {
            s.push_str("note \"Пояснение с \\\"кавычками\\\"\"\n");
        }
        s.push_str("}\n");
    }
    s.push_str(&comment(r));
    s.push_str("score \"Итог\" {");
    for i in 0..n {
        let name = if i == 0 {
            "первый".to_string()
        } else {
            format!("ind{i}")
        };
        s.push_str(&format!("{}{name} points {}", ws(r), 10 + r.below(90)));
        s.push_str(&comment(r));
    }
    s.push_str("}\n");
    if r.chance(60) {
        s.push_str("rank { round 1 ties dense then первый desc }\n");
    }
    if r.chance(60) {
        s.push_str("zones {\n green \"Зелёная\" when score >= 50 # комментарий\n red \"Красная\" otherwise }\n");
    }
    s
}

#[test]
fn fmt_is_idempotent_and_preserves_the_tree() {
    let mut r = Rng(7);
    for case in 0..400 {
        let src = methodology(&mut r);
        let module = syntax::parse(&src)
            .unwrap_or_else(|e| panic!("case {case} does not parse: {e:?}\n{src}"));
        let once = fmt::format(&module, &src);
        let reparsed = syntax::parse(&once).unwrap_or_else(|e| {
            panic!("case {case}: formatted text does not parse: {e:?}\n{once}")
        });
        assert_eq!(
            serde_json::to_value(&module).unwrap(),
            serde_json::to_value(&reparsed).unwrap(),
            "case {case}: the tree changed\n{src}\n---\n{once}"
        );
        let twice = fmt::format(&reparsed, &once);
        assert_eq!(once, twice, "case {case}: not idempotent\n{src}");
        // every comment survives
        let count = |t: &str| syntax::comments::collect(t).len();
        assert_eq!(
            count(&src),
            count(&once),
            "case {case}: a comment was lost\n{src}\n---\n{once}"
        );
    }
}

#[test]
fn fmt_keeps_comments_in_place() {
    let src = "# шапка\n\nmethodology \"Т\" { # после скобки\n  key region_code   # ключ\n}\n\n\
               input t \"d.csv\"\n\n# перед показателем\nindicator v \"V\" {\n  value = t.x\n\n  # о направлении\n  better higher\n  # в конце блока\n}\n\
               score \"S\" { v }\n# в конце файла\n";
    let m = syntax::parse(src).unwrap();
    let out = fmt::format(&m, src);
    let expected = "# шапка\n\nmethodology \"Т\" {  # после скобки\n    key       region_code  # ключ\n}\n\n\
                    input t \"d.csv\"\n\n# перед показателем\nindicator v \"V\" {\n    value     = t.x\n\n    # о направлении\n    better    higher\n    # в конце блока\n}\n\n\
                    score \"S\" {\n    v\n}\n# в конце файла\n";
    assert_eq!(out, expected);
}
