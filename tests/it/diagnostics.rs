//! Every file in tests/diagnostics/ is checked and its rendered diagnostics compared with
//! the `.txt` beside it; every error code of the source has at least one snapshot.

use crate::util::{render_file, root, snapshot};
use std::collections::BTreeSet;

fn corpus() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/diagnostics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "metodika"))
        .collect();
    files.sort();
    files
}

#[test]
fn rendered_diagnostics_match_snapshots() {
    let mut failures = Vec::new();
    for f in corpus() {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let rendered = render_file(&f, &name);
        assert!(!rendered.is_empty(), "{name} produced no diagnostic");
        let expected = f.with_extension("txt");
        if let Err(e) = std::panic::catch_unwind(|| snapshot(&expected, &rendered)) {
            failures.push(format!(
                "{name}: {}",
                e.downcast_ref::<String>().cloned().unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn each_file_shows_the_code_it_is_named_after() {
    for f in corpus() {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let code = name.split('-').next().unwrap();
        if code.starts_with('E') || code.starts_with('W') {
            let rendered = render_file(&f, &name);
            assert!(
                rendered.contains(code),
                "{name} does not report {code}:\n{rendered}"
            );
        }
    }
}

/// The codes the source can emit: every `"E123"` / `"W123"` literal.
fn codes_in_source() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for (_, text) in crate::util::rust_sources() {
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            if rest.len() >= 5
                && (rest.starts_with('E') || rest.starts_with('W'))
                && rest[1..4].chars().all(|c| c.is_ascii_digit())
                && rest.as_bytes()[4] == b'"'
            {
                codes.insert(rest[..4].to_string());
            }
        }
    }
    codes
}

#[test]
fn every_code_has_a_snapshot() {
    let mut seen = BTreeSet::new();
    for f in corpus() {
        let txt = std::fs::read_to_string(f.with_extension("txt")).unwrap_or_default();
        for code in codes_in_source() {
            if txt.contains(&code) {
                seen.insert(code);
            }
        }
    }
    // Codes whose inputs cannot be a file in the corpus, tested in `special_codes`.
    for special in ["E006", "E007"] {
        seen.insert(special.to_string());
    }
    let missing: Vec<_> = codes_in_source().difference(&seen).cloned().collect();
    assert!(missing.is_empty(), "codes without a snapshot: {missing:?}");
}

#[test]
fn special_codes() {
    // E006: a file larger than the limit.
    let big = "#".repeat(metodika::syntax::MAX_FILE_BYTES + 1);
    let errs = metodika::syntax::parse(&big).unwrap_err();
    assert_eq!(errs[0].code, "E006");
    // E007: a file that cannot be read.
    let e = metodika::load::read_source(std::path::Path::new(
        "tests/diagnostics/no-such-file.metodika",
    ))
    .unwrap_err();
    assert_eq!(e.code, "E007");
    assert!(e.message.contains("no-such-file.metodika"));
}

#[test]
fn all_errors_of_a_file_are_reported_at_once() {
    let f = root().join("tests/diagnostics/many-errors.metodika");
    let rendered = render_file(&f, "many-errors.metodika");
    for code in ["E102", "E401", "E203", "E104", "E108", "E301", "E503"] {
        assert!(rendered.contains(code), "{code} missing from:\n{rendered}");
    }
}

#[test]
fn underline_stands_under_cyrillic_name() {
    // The span of an unknown Cyrillic member: the underline must start under its first
    // letter, counted in characters, not bytes.
    let f = root().join("tests/diagnostics/E103-unknown-member.metodika");
    let rendered = render_file(&f, "x.metodika");
    let lines: Vec<&str> = rendered.lines().collect();
    let code_line = lines
        .iter()
        .position(|l| l.contains("│     доли"))
        .expect("source line");
    let under = lines[code_line + 1];
    let col_name = lines[code_line].chars().position(|c| c == 'д').unwrap();
    let col_mark = under.chars().position(|c| c == '─' || c == '┬').unwrap();
    assert_eq!(col_name, col_mark, "\n{}\n{}", lines[code_line], under);
}

#[test]
fn json_diagnostics_carry_line_and_column() {
    use metodika::diag::{to_json, SourceFile};
    let src = "methodology \"Т\" {\n    key код\n}\ninput t \"x.csv\"\nindicator доля \"Д\" {\n    value = t.a\n    better выше\n}\n";
    let errs = metodika::syntax::parse(src).unwrap_err();
    let file = SourceFile::new("x.metodika", src);
    let j = serde_json::to_value(to_json(&errs[0], &file)).unwrap();
    assert_eq!(j["code"], "E001");
    assert_eq!(j["severity"], "error");
    assert_eq!(j["span"]["line"], 7);
    assert_eq!(j["span"]["column"], 12);
    let start = j["span"]["start"].as_u64().unwrap() as usize;
    assert!(src[start..].starts_with("выше"));
}

#[test]
fn header_column_counts_characters() {
    // `input чужой  "/etc/passwd"`: the path starts at character 14 (byte 19)
    let f = root().join("tests/diagnostics/E113-outside.metodika");
    let rendered = render_file(&f, "x.metodika");
    assert!(rendered.contains("╭─[x.metodika:7:14]"), "{rendered}");
}
