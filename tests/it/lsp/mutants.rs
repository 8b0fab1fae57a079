//! The mutation corpus (tests/it/robustness.rs) replayed through the server: each mutant
//! opened as a file of its own and sent as a change of one open file, whole or as a
//! range edit, with requests at random places (inside a surrogate pair, past a line's end,
//! past the file's end) — every request answered, no panic, no hang, and a clean exit.

use super::client::Client;
use crate::util::Rng;
use serde_json::{json, Value};

#[test]
fn the_mutation_corpus_never_breaks_the_server() {
    let mutants = crate::robustness::mutants(7, 1500);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("regions.csv"), "code,name,x\n01,А,1\n").unwrap();
    let (mut c, _) = Client::start(dir.path());
    let main = lsp_types::Url::from_file_path(dir.path().join("main.metodika"))
        .unwrap()
        .to_string();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": main, "languageId": "metodika", "version": 0, "text": ""}}),
    );
    let mut r = Rng(11);
    let mut current = String::new();
    let (mut answered, mut formatted) = (0, 0);
    for (i, m) in mutants.iter().enumerate() {
        // a change of the open file: the whole text, or the text after a range edit
        let version = i as i64 + 1;
        let change = if r.chance(50) || current.is_empty() {
            json!({"text": m})
        } else {
            // replace from a random position to the end with the mutant's rest: the
            // server's text must come out as the mutant
            let lines: Vec<&str> = current.split('\n').collect();
            let line = r.below(lines.len());
            let units = lines[line].encode_utf16().count();
            let col = r.below(units + 1);
            let prefix: usize = lines[..line].iter().map(|l| l.len() + 1).sum::<usize>()
                + String::from_utf16_lossy(
                    &lines[line].encode_utf16().take(col).collect::<Vec<_>>(),
                )
                .len();
            if !current.is_char_boundary(prefix)
                || !m.is_char_boundary(prefix.min(m.len()))
                || current[..prefix] != m[..prefix.min(m.len())]
            {
                json!({"text": m})
            } else {
                let end_line = lines.len() - 1;
                let end_col = lines[end_line].encode_utf16().count();
                json!({"range": {"start": {"line": line, "character": col}, "end": {"line": end_line, "character": end_col}}, "text": &m[prefix..]})
            }
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": main, "version": version}, "contentChanges": [change]}),
        );
        current = m.clone();
        // a file of its own, opened and closed
        let other = format!("file:///nowhere/mutant-{i}.metodika");
        c.notify("textDocument/didOpen", json!({"textDocument": {"uri": other, "languageId": "metodika", "version": 1, "text": m}}));
        // a request at a random place, of a random kind
        let lines = m.split('\n').count();
        let p = json!({"line": r.below(lines + 2), "character": r.below(90)});
        let (method, params): (&str, Value) = match r.below(8) {
            0 => (
                "textDocument/hover",
                json!({"textDocument": {"uri": main}, "position": p}),
            ),
            1 => (
                "textDocument/completion",
                json!({"textDocument": {"uri": main}, "position": p}),
            ),
            2 => (
                "textDocument/definition",
                json!({"textDocument": {"uri": main}, "position": p}),
            ),
            3 => (
                "textDocument/references",
                json!({"textDocument": {"uri": main}, "position": p, "context": {"includeDeclaration": true}}),
            ),
            4 => (
                "textDocument/formatting",
                json!({"textDocument": {"uri": main}, "options": {"tabSize": 4, "insertSpaces": true}}),
            ),
            5 => (
                "textDocument/rename",
                json!({"textDocument": {"uri": main}, "position": p, "newName": "новое_имя"}),
            ),
            6 => (
                "textDocument/semanticTokens/full",
                json!({"textDocument": {"uri": other}}),
            ),
            _ => (
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": other}}),
            ),
        };
        let v = c.call(method, params);
        if let Some(e) = v.get("error") {
            // a refusal is an answer; a failure (a caught panic) is a bug
            assert_ne!(e["code"], -32603, "{method} on mutant {i}: {e}\n{m}");
        }
        answered += 1;
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": other}}),
        );
        // the server's text is the mutant, range edits and all
        if let Ok(module) = metodika::parse(m) {
            let v = c.request("textDocument/formatting", json!({"textDocument": {"uri": main}, "options": {"tabSize": 4, "insertSpaces": true}}));
            assert_eq!(
                super::apply(m, v.as_array().unwrap()),
                metodika::fmt::format(&module, m),
                "mutant {i}"
            );
            formatted += 1;
        }
    }
    let (code, stderr) = c.shutdown();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(answered, mutants.len());
    assert!(formatted > 30, "only {formatted} mutants parse");
}
