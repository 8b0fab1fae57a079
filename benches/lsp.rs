//! How soon `metodika lsp` publishes diagnostics after a change, on the 500-line
//! methodology (benches/check-500.metodika, its inputs copied beside it): the release
//! binary started as an editor starts it, each change sent over its stdin, the time taken
//! until the diagnostics of that version arrive on its stdout. Also a burst of changes
//! sent at once, as fast typing sends them (checked once). Writes the table into
//! docs/performance.md (between `lsp:begin` and `lsp:end`). `cargo bench --bench lsp`.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

fn frame(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

fn reader(stdout: std::process::ChildStdout) -> Receiver<(Instant, Value)> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut len = 0;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line.trim_end().is_empty() {
                    break;
                }
                if let Some(n) = line.trim_end().strip_prefix("Content-Length: ") {
                    len = n.parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            let v: Value = serde_json::from_slice(&body).unwrap();
            if tx.send((Instant::now(), v)).is_err() {
                return;
            }
        }
    });
    rx
}

/// Wait for the diagnostics of `version`; when they came, how many are errors (the file
/// has warnings of its own), and how many publications came until then.
fn published(rx: &Receiver<(Instant, Value)>, version: i64) -> (Instant, usize, usize) {
    let mut seen = 0;
    loop {
        let (t, v) = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("diagnostics");
        if v["method"] == "textDocument/publishDiagnostics" {
            seen += 1;
            if v["params"]["version"] == version {
                let d = v["params"]["diagnostics"].as_array().unwrap();
                return (t, d.iter().filter(|x| x["severity"] == 1).count(), seen);
            }
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    for q in ["2025-q4.csv", "2025-q3.csv"] {
        std::fs::copy(
            root.join("methodologies/pos/data").join(q),
            dir.path().join("data").join(q),
        )
        .unwrap();
    }
    let text = std::fs::read_to_string(root.join("benches/check-500.metodika"))
        .unwrap()
        .replace("../methodologies/pos/data/", "data/");
    let file = dir.path().join("check-500.metodika");
    std::fs::write(&file, &text).unwrap();
    let lines = text.lines().count();
    let uri = format!("file://{}", file.display());

    let mut child = Command::new(env!("CARGO_BIN_EXE_metodika"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let rx = reader(child.stdout.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    let mut send = |v: Value| {
        stdin.write_all(&frame(&v)).unwrap();
        stdin.flush().unwrap();
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let open = Instant::now();
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "metodika", "version": 0, "text": text}}}),
    );
    let (t, n, _) = published(&rx, 0);
    assert_eq!(n, 0, "the file has no error");
    let first = t - open;
    // the inputs' headers are read on the server's other thread; let it finish
    std::thread::sleep(Duration::from_millis(500));
    while rx.try_recv().is_ok() {}

    // one change at a time: an error typed into a formula, taken out, a comment edited
    let at = text.find("value").expect("a formula");
    let line = text[..at].matches('\n').count();
    let col = text[..at].rfind('\n').map_or(at, |n| at - n - 1) as u32;
    let runs = 300;
    let mut times = Vec::with_capacity(runs);
    for v in 1..=runs as i64 {
        let change = match v % 3 {
            1 => {
                json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "x"})
            }
            2 => {
                json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": ""})
            }
            _ => {
                json!({"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 2}}, "text": "—"})
            }
        };
        let sent = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [change]}}),
        );
        let (t, n, _) = published(&rx, v);
        assert_eq!(n > 0, v % 3 == 1, "version {v}: {n} errors");
        times.push(t - sent);
    }
    times.sort();
    let median = times[runs / 2];
    let p95 = times[runs * 95 / 100];
    let max = times[runs - 1];

    // a burst: 20 characters typed at once, checked once
    let base = runs as i64;
    let sent = Instant::now();
    for k in 1..=20 {
        let change = json!({"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 2}}, "text": "я"});
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": base + k}, "contentChanges": [change]}}),
        );
    }
    let (t, _, checks) = published(&rx, base + 20);
    let burst = t - sent;
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(status.success());

    // the floor: parse and check in the process, without the protocol
    let opts = metodika::load::options_for(&file);
    let t0 = Instant::now();
    for _ in 0..50 {
        let f = metodika::diag::SourceFile::new("check-500.metodika", text.as_str());
        let l = metodika::load::load_text(f, &metodika::load::FileHeaders { opts: &opts });
        assert!(l.methodology.is_some());
    }
    let check = t0.elapsed() / 50;

    let table = format!(
        "| measured ({lines} lines, release) | time |\n|---|---|\n\
         | diagnostics after a change, median of {runs} | {:.1} ms |\n\
         | diagnostics after a change, 95th percentile | {:.1} ms |\n\
         | diagnostics after a change, slowest | {:.1} ms |\n\
         | 20 changes sent at once, until the last one's diagnostics ({checks} published) | {:.1} ms |\n\
         | diagnostics of the file as opened | {:.1} ms |\n\
         | parse + check in the process (headers read from the files), for comparison | {:.1} ms |\n",
        ms(median),
        ms(p95),
        ms(max),
        ms(burst),
        ms(first),
        ms(check)
    );
    print!("{table}");
    let doc = root.join("docs/performance.md");
    let old = std::fs::read_to_string(&doc).unwrap();
    let (b, e) = ("<!-- lsp:begin -->\n", "<!-- lsp:end -->");
    let (Some(s), Some(t)) = (old.find(b), old.find(e)) else {
        panic!("docs/performance.md has no lsp:begin/lsp:end marks");
    };
    let new = format!("{}{b}{table}{}", &old[..s], &old[t..]);
    let tmp = doc.with_extension("md.tmp");
    std::fs::write(&tmp, new).unwrap();
    std::fs::rename(tmp, doc).unwrap();
}
