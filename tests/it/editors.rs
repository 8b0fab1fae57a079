//! The TextMate grammar of editors/vscode, tokenized by vscode-textmate on Oniguruma (as
//! VS Code tokenizes; `.ci/editors.sh` installs them under target/), agrees with the
//! tokenizer the language server colours by: on every example methodology, the
//! diagnostics' files, the language reference's examples and the benchmark's 500-line file, keywords, strings, numbers,
//! percentages, dates and comments get their scopes, and nothing else gets those scopes.

use crate::util::root;
use metodika::ide::{lex::Tok, Analysis};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// The editor packages, installed when missing (CI installs them first).
fn node_modules() -> PathBuf {
    let dir = root().join("target/editors-node/node_modules");
    crate::util::ensure_part("editors", "editors.sh", || {
        dir.join("vscode-oniguruma/release/onig.wasm").exists()
            && dir.join("vscode-textmate/package.json").exists()
    });
    dir
}

fn scope_of(kind: Tok) -> &'static str {
    match kind {
        Tok::Comment => "comment.line.number-sign.metodika",
        Tok::Str => "string.quoted.double.metodika",
        Tok::Number => "constant.numeric.metodika",
        Tok::Percent => "constant.numeric.percent.metodika",
        Tok::Date => "constant.other.date.metodika",
        Tok::Word => "keyword.control.metodika",
        Tok::Punct => unreachable!(),
    }
}

#[test]
fn the_textmate_grammar_scopes_what_the_tokenizer_finds() {
    let mut files = crate::corpus::methodology_files();
    files.extend(
        std::fs::read_dir(root().join("tests/diagnostics"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "metodika")),
    );
    // the examples of the language reference, each a file
    let docs = tempfile::tempdir().unwrap();
    for e in crate::language_docs::examples() {
        let p = docs.path().join(format!("language-{}.metodika", e.line));
        std::fs::write(&p, &e.code).unwrap();
        files.push(p);
    }
    files.push(root().join("benches/check-500.metodika"));
    // (a file that is not UTF-8, E003's, is no text to colour)
    files.retain(|p| std::fs::read_to_string(p).is_ok());
    files.sort();
    let o = Command::new("node")
        .arg(root().join("tests/editors/tokenize.js"))
        .arg(root().join("editors/vscode/syntaxes/metodika.tmLanguage.json"))
        .args(&files)
        .env("NODE_PATH", node_modules())
        .output()
        .expect("node");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(out.len(), files.len());
    let mut checked: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, tm) in files.iter().zip(&out) {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        let a = Analysis::new(text.clone(), &metodika::check::NoHeaders);
        let lines = tm["lines"].as_array().unwrap();
        // the TextMate scopes of each UTF-16 unit of each line
        let scopes = |line: usize, col: usize| -> Vec<&str> {
            lines[line]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| {
                    t[0].as_u64().unwrap() as usize <= col && col < t[1].as_u64().unwrap() as usize
                })
                .map(|t| {
                    t.as_array().unwrap()[2..]
                        .iter()
                        .map(|s| s.as_str().unwrap())
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut ours: BTreeMap<(usize, usize), &'static str> = BTreeMap::new();
        for (k, t) in a.tokens.iter().enumerate() {
            if t.kind == Tok::Punct || (t.kind == Tok::Word && !a.keyword_at(k)) {
                continue;
            }
            let want = scope_of(t.kind);
            let s = a.lines.pos(&a.text, t.span.start);
            let e = a.lines.pos(&a.text, t.span.end);
            assert_eq!(s.line, e.line);
            for col in s.col..e.col {
                let got = scopes(s.line as usize, col as usize);
                assert!(
                    got.contains(&want),
                    "{}:{}:{}: `{}` should be {want}, is {got:?}",
                    path.display(),
                    s.line + 1,
                    col + 1,
                    a.slice(t.span)
                );
                ours.insert((s.line as usize, col as usize), want);
            }
            *checked.entry(want).or_default() += 1;
        }
        // and the grammar gives those scopes nowhere else
        for (line, toks) in lines.iter().enumerate() {
            for t in toks.as_array().unwrap() {
                let t = t.as_array().unwrap();
                let (from, to) = (
                    t[0].as_u64().unwrap() as usize,
                    t[1].as_u64().unwrap() as usize,
                );
                for scope in &t[2..] {
                    let scope = scope.as_str().unwrap();
                    let kinds = [
                        Tok::Comment,
                        Tok::Str,
                        Tok::Number,
                        Tok::Percent,
                        Tok::Date,
                        Tok::Word,
                    ];
                    if kinds.iter().any(|k| scope_of(*k) == scope) {
                        for col in from..to {
                            assert_eq!(
                                ours.get(&(line, col)).copied(),
                                Some(scope),
                                "{}:{}:{}: the grammar says {scope}",
                                path.display(),
                                line + 1,
                                col + 1
                            );
                        }
                    }
                }
            }
        }
    }
    eprintln!("{checked:?}");
    for kind in [
        Tok::Comment,
        Tok::Str,
        Tok::Number,
        Tok::Percent,
        Tok::Date,
        Tok::Word,
    ] {
        assert!(
            checked.get(scope_of(kind)).is_some_and(|n| *n >= 5),
            "{kind:?}: {checked:?}"
        );
    }
}

/// The VS Code extension holds together: the files its manifest names exist and agree
/// (language id, grammar scope, file extension), its JSON parses, its script is valid
/// JavaScript, and the program it starts is `metodika lsp`.
#[test]
fn the_vscode_extension_holds_together() {
    let dir = root().join("editors/vscode");
    let read = |p: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(p)).unwrap())
            .unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let pkg = read("package.json");
    let lang = &pkg["contributes"]["languages"][0];
    assert_eq!(lang["id"], "metodika");
    assert_eq!(lang["extensions"][0], ".metodika");
    read(
        lang["configuration"]
            .as_str()
            .unwrap()
            .trim_start_matches("./"),
    );
    let g = &pkg["contributes"]["grammars"][0];
    assert_eq!(g["language"], "metodika");
    let grammar = read(g["path"].as_str().unwrap().trim_start_matches("./"));
    assert_eq!(grammar["scopeName"], g["scopeName"]);
    let main = pkg["main"].as_str().unwrap().trim_start_matches("./");
    let script = std::fs::read_to_string(dir.join(main)).unwrap();
    assert!(
        script.contains("args: [\"lsp\"]")
            && script.contains("getConfiguration(\"metodika\").get(\"path\")")
    );
    assert!(pkg["contributes"]["configuration"]["properties"]["metodika.path"].is_object());
    assert!(pkg["dependencies"]["vscode-languageclient"].is_string());
    let o = Command::new("node")
        .arg("--check")
        .arg(dir.join(main))
        .output()
        .expect("node");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
