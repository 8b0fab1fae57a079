//! The examples of docs/language.md run as tests: every ```metodika block is a whole
//! methodology over docs/examples/regions.csv. A block whose info string says
//! `error=CODE` must be refused with that code; a block followed by an ```output block
//! must print exactly that table.

use crate::util::root;
use metodika::{load, report};

pub struct Example {
    pub line: usize,
    pub code: String,
    pub error: Option<String>,
    output: Option<String>,
}

pub fn examples() -> Vec<Example> {
    let text = std::fs::read_to_string(root().join("docs/language.md")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Example> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some(info) = l.strip_prefix("```") {
            let start = i + 1;
            let mut end = start;
            while !lines[end].starts_with("```") {
                end += 1;
            }
            let body = lines[start..end].join("\n") + "\n";
            if info.starts_with("metodika") {
                let error = info
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("error="))
                    .map(|s| s.to_string());
                out.push(Example {
                    line: i + 1,
                    code: body,
                    error,
                    output: None,
                });
            } else if info == "output" {
                out.last_mut()
                    .expect("an output block follows an example")
                    .output = Some(body);
            }
            i = end + 1;
            continue;
        }
        i += 1;
    }
    out
}

#[test]
fn every_example_in_the_language_reference_runs() {
    let ex = examples();
    assert!(ex.len() >= 20, "only {} examples", ex.len());
    let dir = root().join("docs/examples");
    for e in ex {
        let path = dir.join(format!("line-{}.metodika", e.line));
        let file = metodika::diag::SourceFile::new(path.display().to_string(), e.code.clone());
        let opts = load::options_for(&path);
        // (as a file in docs/examples: a revision reads its base there)
        let loaded = load::load_text_at(file, &path, &opts, &load::FileHeaders { opts: &opts });
        let rendered =
            metodika::diag::render_all(&loaded.diagnostics, &loaded.file, Default::default());
        match &e.error {
            Some(code) => {
                assert!(
                    loaded.diagnostics.iter().any(|d| d.code == code),
                    "docs/language.md:{}: expected {code}, got:\n{rendered}",
                    e.line
                );
            }
            None => {
                // an example that allows its warnings shows none
                if e.code.contains("# metodika: allow") {
                    assert!(
                        loaded.diagnostics.is_empty(),
                        "docs/language.md:{}: allowed, yet:\n{rendered}",
                        e.line
                    );
                }
                let m = loaded.methodology.unwrap_or_else(|| {
                    panic!("docs/language.md:{}: does not check:\n{rendered}", e.line)
                });
                // (every evaluator gives the same)
                let r = crate::util::same_by_every_evaluator(&m, &opts)
                    .unwrap_or_else(|err| panic!("docs/language.md:{}: {err}", e.line));
                if let Some(expected) = &e.output {
                    let got = report::table(&r, false);
                    assert_eq!(
                        &got, expected,
                        "docs/language.md:{}: the output differs",
                        e.line
                    );
                }
            }
        }
    }
}
