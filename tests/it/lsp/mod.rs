//! `metodika lsp`, driven over stdio with JSON-RPC as an editor drives it: initialize,
//! didOpen, didChange, publishDiagnostics, hover, definition, references, completion,
//! formatting, rename, symbols, semantic tokens, shutdown — on Cyrillic names, with a
//! character outside the BMP before them on the line (two UTF-16 units, four bytes).

pub mod client;
mod ide;
mod mutants;

use client::Client;
use serde_json::{json, Value};

const DATA: &str = "код,регион,ответы,сообщения,жители\n01,Адыгея,90,100,500\n02,Башкортостан,45,50,4000\n03,Бурятия,30,60,1000\n";

/// The file as first opened: an unknown column (`ответ`) and an unknown normalization
/// (`minmx`), each after a 𝔸 on its line.
const TEXT: &str = r#"# Ответы 𝔸
methodology "Ответы" { key код  label регион }
input данные "данные.csv"
indicator доля "Доля 𝔸" { value = данные.ответ / данные.сообщения
    better    higher
    normalize minmax
}
indicator охват "Охват 𝔸" { normalize minmx
    better lower
    value = данные.сообщения / данные.жители
}
group итог "Итог" {
    доля  points 60
    охват points 40
}
score "Балл" { итог points 100 }
rank { ties dense }
zones {
    зелёная "Зелёная" top 1
    красная "Красная" otherwise
}
"#;

/// The position of the `n`th occurrence (from 0) of `what` in `text`, in UTF-16 units.
fn pos(text: &str, what: &str, n: usize) -> Value {
    let at = text
        .match_indices(what)
        .nth(n)
        .unwrap_or_else(|| panic!("{what}"))
        .0;
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[start..at].encode_utf16().count();
    json!({"line": line, "character": col})
}

fn range(text: &str, what: &str, n: usize) -> Value {
    let s = pos(text, what, n);
    let len = what.encode_utf16().count() as u64;
    json!({"start": s, "end": {"line": s["line"], "character": s["character"].as_u64().unwrap() + len}})
}

fn at(uri: &str, p: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": p})
}

/// Apply a server's text edits (UTF-16 ranges) to a text, from the last to the first.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, col) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= col || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, t);
    }
    out
}

/// Send `typed` as version `version`, complete `units` UTF-16 units after the start of
/// `what`: the labels, and the items.
fn complete_after(
    c: &mut Client,
    uri: &str,
    typed: &str,
    version: i64,
    what: &str,
    units: u64,
) -> (Vec<String>, Value) {
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": typed}]}),
    );
    let p = pos(typed, what, 0);
    let p = json!({"line": p["line"], "character": p["character"].as_u64().unwrap() + units});
    let items = c.request("textDocument/completion", at(uri, p));
    let labels = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect();
    (labels, items)
}

fn codes(d: &[Value]) -> Vec<String> {
    d.iter()
        .map(|x| x["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// A folder with a Cyrillic name, the data, and the methodology; its URI (percent-encoded).
fn workspace() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("методики");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("данные.csv"), DATA).unwrap();
    let file = folder.join("ответы.metodika");
    std::fs::write(&file, TEXT).unwrap();
    let uri = lsp_types::Url::from_file_path(&file).unwrap().to_string();
    assert!(uri.contains("%D0%BC"), "{uri}");
    (dir, file, uri)
}

#[test]
fn a_session_as_an_editor_drives_it() {
    let (dir, _file, uri) = workspace();
    let (mut c, init) = Client::start(dir.path());
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    for cap in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentFormattingProvider",
        "documentSymbolProvider",
    ] {
        assert_eq!(caps[cap], true, "{cap}");
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(caps["textDocumentSync"], 2, "incremental");

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "metodika", "version": 1, "text": TEXT}}),
    );
    // first the checker's own errors; once the CSV header is read, the column too
    let d = c.diagnostics(&uri, |d| d.len() >= 2);
    let norm = d
        .iter()
        .find(|x| x["message"].as_str().unwrap().contains("minmx"))
        .expect("minmx");
    assert_eq!(norm["range"], range(TEXT, "minmx", 0), "{norm}");
    assert_eq!(norm["severity"], 1);
    assert_eq!(norm["source"], "metodika");
    assert!(
        norm["message"].as_str().unwrap().contains("\nhelp: "),
        "{norm}"
    );
    let col = d
        .iter()
        .find(|x| x["message"].as_str().unwrap().contains("ответ`"))
        .unwrap_or_else(|| panic!("{d:?}"));
    assert_eq!(
        col["range"],
        range(TEXT, "ответ ", 0)
            .as_object()
            .map(|r| {
                let mut r = r.clone();
                r["end"]["character"] = json!(r["end"]["character"].as_u64().unwrap() - 1);
                Value::Object(r)
            })
            .unwrap(),
        "{col}"
    );
    assert!(col["code"].as_str().unwrap().starts_with('E'));

    // fix both with incremental changes, in UTF-16 ranges after the 𝔸
    let fix_col = json!({"range": range(TEXT, "ответ ", 0), "text": "ответы "});
    let fixed1 = TEXT.replacen("ответ ", "ответы ", 1);
    let fix_norm = json!({"range": range(&fixed1, "minmx", 0), "text": "minmax"});
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [fix_col, fix_norm]}),
    );
    let text = fixed1.replacen("minmx", "minmax", 1);
    // (waits for the publish of version 2: none but an empty one will do)
    c.diagnostics(&uri, |d| d.is_empty());

    // hover: an indicator where it is used, a column, a built-in
    let h = c.request(
        "textDocument/hover",
        at(&uri, pos(&text, "доля  points", 0)),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("Доля 𝔸") && md.contains("данные.ответы / данные.сообщения"),
        "{md}"
    );
    assert!(
        md.contains("better: `higher`") && md.contains("normalize: `minmax`"),
        "{md}"
    );
    assert!(
        md.contains("in `итог`: points 60")
            && md.contains("share of the maximum: 60% (60 of 100 points)"),
        "{md}"
    );
    assert_eq!(h["range"], range(&text, "доля", 1));
    let h = c.request("textDocument/hover", at(&uri, pos(&text, "жители", 0)));
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("**column `жители`** of `данные`") && md.contains("a number"),
        "{md}"
    );
    let h = c.request("textDocument/hover", at(&uri, pos(&text, "minmax", 1)));
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("normalization") && md.contains("(x − min) / (max − min)"),
        "{md}"
    );

    // definition: of an indicator, and of a column (its name in the CSV header)
    let def = c.request(
        "textDocument/definition",
        at(&uri, pos(&text, "охват points", 0)),
    );
    assert_eq!(def["uri"], uri);
    assert_eq!(def["range"], range(&text, "охват", 0));
    let def = c.request(
        "textDocument/definition",
        at(&uri, pos(&text, "сообщения", 1)),
    );
    assert!(
        def["uri"]
            .as_str()
            .unwrap()
            .ends_with("/%D0%B4%D0%B0%D0%BD%D0%BD%D1%8B%D0%B5.csv"),
        "{def}"
    );
    assert_eq!(def["range"], range(DATA, "сообщения", 0));

    // references: the input, every use with the declaration
    let refs = c.request("textDocument/references", json!({"textDocument": {"uri": uri}, "position": pos(&text, "данные", 2), "context": {"includeDeclaration": true}}));
    let refs = refs.as_array().unwrap();
    assert_eq!(refs.len(), 5, "{refs:?}");
    assert_eq!(refs[0]["range"], range(&text, "данные", 0));
    let refs = c.request("textDocument/references", json!({"textDocument": {"uri": uri}, "position": pos(&text, "итог ", 0), "context": {"includeDeclaration": false}}));
    assert_eq!(refs.as_array().unwrap().len(), 1);

    // completion: columns after `данные.`, normalizations after `normalize `, keywords
    let typed = text.replacen(
        "value = данные.сообщения / данные.жители",
        "value = данные.",
        1,
    );
    let (labels, _) = complete_after(&mut c, &uri, &typed, 3, "данные.\n", 7);
    assert_eq!(labels, ["код", "регион", "ответы", "сообщения", "жители"]);
    let typed = text.replacen("normalize minmax\n}", "normalize \n}", 1);
    let (labels, items) = complete_after(&mut c, &uri, &typed, 4, "normalize \n", 10);
    assert!(
        labels.iter().any(|l| l == "minmax")
            && labels.iter().any(|l| l == "goalposts")
            && !labels.iter().any(|l| l == "mean"),
        "{labels:?}"
    );
    let g = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "goalposts")
        .unwrap();
    assert_eq!(g["detail"], "goalposts(lo, hi)");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": text}]}),
    );

    // formatting gives what `metodika fmt` writes
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let formatted = apply(&text, edits.as_array().unwrap());
    let m = metodika::parse(&text).unwrap();
    assert_eq!(formatted, metodika::fmt::format(&m, &text));
    assert_ne!(formatted, text);

    // rename an indicator across the file; a taken name is refused
    let prep = c.request(
        "textDocument/prepareRename",
        at(&uri, pos(&text, "доля  points", 0)),
    );
    assert_eq!(prep["placeholder"], "доля");
    let e = c.request("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": pos(&text, "доля  points", 0), "newName": "доля_в_срок"}));
    let edits = e["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 2);
    let renamed = apply(&text, edits);
    assert!(
        renamed.contains("indicator доля_в_срок \"Доля 𝔸\"")
            && renamed.contains("доля_в_срок  points 60"),
        "{renamed}"
    );
    assert!(metodika::check(
        &metodika::parse(&renamed).unwrap(),
        &metodika::check::NoHeaders
    )
    .methodology
    .is_some());
    let refused = c.call("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": pos(&text, "доля  points", 0), "newName": "охват"}));
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("taken"),
        "{refused}"
    );
    let refused = c.call("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": pos(&text, "доля  points", 0), "newName": "value"}));
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not a name"),
        "{refused}"
    );

    // the outline
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = syms
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Ответы",
            "данные",
            "доля",
            "охват",
            "итог",
            "score",
            "rank",
            "zones"
        ]
    );
    let group = &syms[4];
    assert_eq!(group["selectionRange"], range(&text, "итог", 0));
    let members: Vec<&str> = group["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["доля", "охват"]);

    // semantic tokens: decoded, each a keyword, a name by what it is, a number…
    let legend: Vec<String> =
        serde_json::from_value(caps["semanticTokensProvider"]["legend"]["tokenTypes"].clone())
            .unwrap();
    let toks = c.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data: Vec<u64> = serde_json::from_value(toks["data"].clone()).unwrap();
    let (mut line, mut col) = (0, 0);
    let mut decoded = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            col = 0;
        }
        line += t[0];
        col += t[1];
        decoded.push((
            json!({"line": line, "character": col}),
            t[2],
            legend[t[3] as usize].clone(),
            t[4],
        ));
    }
    let kind = |p: Value| {
        decoded
            .iter()
            .find(|d| d.0 == p)
            .map(|d| (d.1, d.2.clone(), d.3))
            .unwrap_or_else(|| panic!("no token at {p}"))
    };
    assert_eq!(
        kind(pos(&text, "indicator охват", 0)),
        (9, "keyword".into(), 0)
    );
    assert_eq!(
        kind(pos(&text, "охват", 0)),
        (5, "variable".into(), 1),
        "a declaration"
    );
    assert_eq!(
        kind(pos(&text, "охват points", 0)),
        (5, "variable".into(), 0)
    );
    assert_eq!(kind(pos(&text, "итог ", 0)), (4, "class".into(), 1));
    assert_eq!(kind(pos(&text, "жители", 0)), (6, "property".into(), 0));
    assert_eq!(
        kind(pos(&text, "данные.жители", 0)),
        (6, "namespace".into(), 0)
    );
    assert_eq!(kind(pos(&text, "minmax", 1)).1, "function");
    assert_eq!(kind(pos(&text, "60", 0)), (2, "number".into(), 0));
    assert_eq!(
        kind(pos(&text, "# Ответы", 0)),
        (11, "comment".into(), 0),
        "𝔸 is two units"
    );
    assert_eq!(kind(pos(&text, "\"Охват 𝔸\"", 0)), (10, "string".into(), 0));

    // a method it does not know: an error, and the server goes on
    let e = c.call(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(e["error"]["code"], -32601);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    c.diagnostics(&uri, |d| d.is_empty());
    let (code, stderr) = c.shutdown();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// A file that is not saved (no folder to find its inputs in) is checked on its own; an
/// editor that goes away without `shutdown` ends the server with status 1.
#[test]
fn an_untitled_file_and_a_closed_connection() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(dir.path());
    let uri = "untitled:Untitled-1";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "metodika", "version": 1, "text": TEXT}}),
    );
    let d = c.diagnostics(uri, |_| true);
    assert_eq!(
        codes(&d).len(),
        1,
        "only minmx: no column is checked: {d:?}"
    );
    let h = c.request("textDocument/hover", at(uri, pos(TEXT, "ответ", 0)));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("not read"),
        "{h}"
    );
    let (code, stderr) = c.finish();
    assert_eq!(code, Some(1));
    assert!(stderr.contains("without shutting"), "{stderr}");
}

/// An input that is a pipe (nobody writing to it) does not hold the server: the header
/// read refuses it rather than wait, and every answer still comes.
#[test]
fn a_pipe_for_an_input_does_not_hold_the_server() {
    let (dir, file, uri) = workspace();
    let fifo = file.parent().unwrap().join("данные.csv");
    std::fs::remove_file(&fifo).unwrap();
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let (mut c, _) = Client::start(dir.path());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "metodika", "version": 1, "text": TEXT}}),
    );
    // the header's refusal comes as the checker's warning about the input
    let d = c.diagnostics(&uri, |d| {
        d.iter()
            .any(|x| x["message"].as_str().unwrap().contains("данные"))
    });
    assert!(d.iter().any(|x| x["severity"] == 2), "{d:?}");
    let h = c.request("textDocument/hover", at(&uri, pos(TEXT, "жители", 0)));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("not read"),
        "{h}"
    );
    let (code, stderr) = c.shutdown();
    assert_eq!(code, Some(0), "{stderr}");
}

/// What is not JSON-RPC ends the connection: status 1, said on stderr.
#[test]
fn garbage_on_stdin_ends_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(dir.path());
    c.send_raw(b"Content-Length: 5\r\n\r\n{oops");
    let (code, stderr) = c.ends_by_itself();
    assert_eq!(code, Some(1));
    assert!(!stderr.contains("panicked"), "{stderr}");
    // said as what it is, not as the editor closing the connection
    assert!(stderr.contains("not JSON-RPC"), "{stderr}");
    assert!(!stderr.contains("closed the connection"), "{stderr}");
}

/// Lengths an editor (or an attacker) may send: far past any file, the largest integers, a
/// length past the bytes that follow with the input held open — each ends the server at
/// once with status 1 and a message, never a panic, an abort or gigabytes taken.
#[test]
fn a_frame_beyond_the_limit_ends_with_status_1() {
    for length in [
        "18446744073709551615",
        "9223372036854775807",
        "2000000000",
        "67108865",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Client::start(dir.path());
        c.send_raw(format!("Content-Length: {length}\r\n\r\n{{}}").as_bytes());
        // (stdin stays open: the server must not wait for the rest)
        let (code, stderr) = c.ends_by_itself();
        assert_eq!(code, Some(1), "{length}: {stderr}");
        assert!(stderr.contains("over the limit"), "{length}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// After `shutdown`, a request gets an error answer (not silence), and `exit` ends with 0.
#[test]
fn a_request_after_shutdown_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(dir.path());
    let r = c.request("shutdown", serde_json::Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    let r = c.call(
        "textDocument/hover",
        serde_json::json!({"textDocument": {"uri": "file:///x.metodika"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["error"]["code"], -32600, "{r}");
    c.notify("exit", serde_json::Value::Null);
    let (code, stderr) = c.finish();
    assert_eq!(code, Some(0), "{stderr}");
}

/// An input written as a template of files by year is read again when a newer year's
/// file comes: its columns are the newest file's.
#[test]
fn a_new_years_file_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d-2024.csv"), "code,a\n01,1\n02,2\n").unwrap();
    let text = "methodology \"Годы\" { key code }\ninput d \"d-{year}.csv\"\n\
                indicator b \"Б\" = d.b  better higher\nscore \"Итог\" { b }\n";
    let file = dir.path().join("годы.metodika");
    std::fs::write(&file, text).unwrap();
    let uri = lsp_types::Url::from_file_path(&file).unwrap().to_string();
    let (mut c, _) = Client::start(dir.path());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "metodika", "version": 1, "text": text}}),
    );
    c.diagnostics(&uri, |d| codes(d).contains(&"E102".to_string()));
    // 2025 comes, with the column: the next change reads it
    std::fs::write(dir.path().join("d-2025.csv"), "code,a,b\n01,1,3\n02,2,4\n").unwrap();
    let again = format!("{text}# 2025\n");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": again}]}),
    );
    // version 2 is published twice: checked before the new file's header is read (its
    // columns not checked), and again once it is
    let mut seen = 0;
    while seen < 2 {
        let p = c.publication(&uri);
        if p["version"] == 2 {
            assert!(p["diagnostics"].as_array().unwrap().is_empty(), "{p}");
            seen += 1;
        }
    }
    let h = c.request(
        "textDocument/hover",
        at(
            &uri,
            pos(&again, "d.b", 0)
                .as_object()
                .map(|p| {
                    let mut p = p.clone();
                    p["character"] = json!(p["character"].as_u64().unwrap() + 2);
                    Value::Object(p)
                })
                .unwrap(),
        ),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("a number"),
        "{h}"
    );
    let (code, stderr) = c.shutdown();
    assert_eq!(code, Some(0), "{stderr}");
}

/// A revision (`extends "…"`) is checked as you type merged with its base read from
/// disk: the ПОС 2026 edition shows no error, hover tells the merged indicator, and an
/// error in the base is told on the `extends` line.
#[test]
fn a_revision_is_checked_with_its_base() {
    let root = crate::util::root();
    let file = root.join("methodologies/pos/pos-2026.metodika");
    let text = std::fs::read_to_string(&file).unwrap();
    let uri = lsp_types::Url::from_file_path(&file).unwrap().to_string();
    let (mut c, _) = Client::start(&root);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "metodika", "version": 1, "text": text}}),
    );
    let d = c.diagnostics(&uri, |_| true);
    assert!(d.is_empty(), "{d:?}");
    // the changed indicator, as the merged methodology has it
    let h = c.request(
        "textDocument/hover",
        at(&uri, pos(&text, "satisfaction", 0)),
    );
    let shown = h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(shown.contains("goalposts"), "{shown}");
    // a revision of something the base lacks, and a base that is not there
    let broken = text.replace(
        "change indicator satisfaction",
        "change indicator satisfactio",
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert_eq!(codes(&d), ["E121"], "{d:?}");
    assert_eq!(d[0]["range"], range(&broken, "satisfactio", 0));
    // a member of a group of the base, once more in a revision: the first membership is
    // told where it is, in the base's own file
    let other = root.join("tests/diagnostics/E206-member-of-a-base-group.metodika");
    let other_uri = lsp_types::Url::from_file_path(&other).unwrap().to_string();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": other_uri, "languageId": "metodika", "version": 1,
            "text": std::fs::read_to_string(&other).unwrap()}}),
    );
    let d = c.diagnostics(&other_uri, |d| codes(d).contains(&"E206".to_string()));
    let e206 = d.iter().find(|x| x["code"] == "E206").unwrap();
    let base = root.join("tests/diagnostics/bases/base.metodika");
    let base_uri = lsp_types::Url::from_file_path(&base).unwrap().to_string();
    let there = e206["relatedInformation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["location"]["uri"] == base_uri.as_str())
        .unwrap_or_else(|| panic!("{e206}"));
    // (line 23 of the file, from 0 in the protocol)
    assert_eq!(
        there["location"]["range"]["start"],
        json!({"line": 22, "character": 4})
    );
    assert_eq!(there["message"], "already a member here");
    let gone = text.replace("pos-2025.metodika\"", "pos-2024.metodika\"");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": gone}]}),
    );
    let d = c.diagnostics(&uri, |d| codes(d).contains(&"E120".to_string()));
    assert_eq!(d[0]["range"], range(&gone, "\"pos-2024.metodika\"", 0));
    let (code, _) = c.shutdown();
    assert_eq!(code, Some(0));
}

/// A very long line (64,000 terms, a Cyrillic name and an emoji among them) is coloured
/// in one walk along the line: every token where it stands, counted in UTF-16 units.
#[test]
fn a_long_line_is_coloured_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(dir.path());
    let terms = "1+".repeat(64_000);
    let text = format!("# 😀 доля\nindicator доля \"Д\" = {terms}1 better higher\n");
    let uri = "file:///tmp/long.metodika";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "metodika", "version": 1, "text": text}}),
    );
    let toks = c.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data: Vec<u64> = serde_json::from_value(toks["data"].clone()).unwrap();
    assert!(data.len() / 5 > 64_000, "{} tokens", data.len() / 5);
    // decoded, the tokens' places: the last term `1` where it stands, in UTF-16 units
    let (mut l, mut col) = (0u64, 0u64);
    let places: Vec<(u64, u64)> = data
        .chunks(5)
        .map(|t| {
            if t[0] > 0 {
                col = 0;
            }
            l += t[0];
            col += t[1];
            (l, col)
        })
        .collect();
    let second = text.lines().nth(1).unwrap();
    let at = second.rfind("1 better").unwrap();
    let utf16: u64 = second[..at].chars().map(|c| c.len_utf16() as u64).sum();
    assert!(places.contains(&(1, utf16)), "the last term at {utf16}");
    c.shutdown();
}

/// The hovers and the diagnostics speak the editor's language (`locale` of `initialize`)
/// when neither `--lang` nor `METODIKA_LANG` chose one (issue 31): Russian for `ru-RU`,
/// English for `en`.
#[test]
fn hovers_in_the_editors_language() {
    for (locale, indicator, share) in [
        (
            "ru-RU",
            "**показатель `доля`**",
            "доля максимума: 60% (60 из 100 баллов)",
        ),
        (
            "en",
            "**indicator `доля`**",
            "share of the maximum: 60% (60 of 100 points)",
        ),
    ] {
        let (dir, _file, uri) = workspace();
        let (mut c, _) = Client::start_in(dir.path(), Some(locale));
        let text = TEXT
            .replacen("ответ ", "ответы ", 1)
            .replacen("minmx", "minmax", 1);
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "metodika", "version": 1, "text": text}}),
        );
        c.diagnostics(&uri, |d| d.is_empty());
        let h = c.request(
            "textDocument/hover",
            at(&uri, pos(&text, "доля  points", 0)),
        );
        let md = h["contents"]["value"].as_str().unwrap();
        assert!(
            md.contains(indicator) && md.contains(share),
            "{locale}: {md}"
        );
        let h = c.request("textDocument/hover", at(&uri, pos(&text, "minmax", 1)));
        let md = h["contents"]["value"].as_str().unwrap().to_string();
        if locale == "ru-RU" {
            assert!(
                md.contains("нормирование") && md.contains("Линейное"),
                "{md}"
            );
        }
        let (code, stderr) = c.shutdown();
        assert_eq!(code, Some(0), "{stderr}");
    }
}
