//! A language client for the tests: starts `metodika lsp` and speaks JSON-RPC with it over
//! its stdin and stdout, as an editor does.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next: i64,
    /// Notifications received while waiting for answers, oldest first.
    pub notes: Vec<Value>,
    stderr: std::thread::JoinHandle<String>,
}

/// How long any one answer may take before the test calls it lost (a hang).
const PATIENCE: Duration = Duration::from_secs(60);

pub fn frame(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

impl Client {
    /// Start the server in `dir` and initialize it.
    pub fn start(dir: &Path) -> (Client, Value) {
        Self::start_in(dir, None)
    }

    /// [`Client::start`] by an editor whose interface is in `locale` (`ru-RU`), with no
    /// language set in the environment.
    pub fn start_in(dir: &Path, locale: Option<&str>) -> (Client, Value) {
        let mut cmd = crate::util::bin();
        if locale.is_some() {
            cmd.env_remove("METODIKA_LANG")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .env("LANG", "C.UTF-8");
        }
        let mut child = cmd
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = Some(n.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; len.expect("a Content-Length header")];
                r.read_exact(&mut body).unwrap();
                let v: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        let stdin = child.stdin.take();
        let mut c = Client {
            child,
            stdin,
            rx,
            next: 0,
            notes: Vec::new(),
            stderr,
        };
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": {
            "general": {"positionEncodings": ["utf-16"]}}});
        if let Some(l) = locale {
            params["locale"] = json!(l);
        }
        let init = c.request("initialize", params);
        c.notify("initialized", json!({}));
        (c, init)
    }

    pub fn send(&mut self, v: &Value) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(&frame(v)).unwrap();
        stdin.flush().unwrap();
    }

    /// Bytes as they are, framed or not.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// A request, and the whole response (`result` or `error`).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let v = self
                .rx
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no answer to {method} #{id}"));
            if v.get("id") == Some(&json!(id)) {
                return v;
            }
            assert!(v.get("id").is_none(), "an answer to another request: {v}");
            self.notes.push(v);
        }
    }

    /// A request's result; an error fails the test.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let v = self.call(method, params);
        assert!(v.get("error").is_none(), "{method}: {v}");
        v["result"].clone()
    }

    /// The next diagnostics published for `uri` that `accept` takes (earlier ones are
    /// skipped: the server publishes again when a data file's header is read).
    pub fn diagnostics(&mut self, uri: &str, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        loop {
            let found = self.notes.iter().position(|n| {
                n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri
            });
            if let Some(i) = found {
                let n = self.notes.remove(i);
                let d = n["params"]["diagnostics"].as_array().unwrap().clone();
                if accept(&d) {
                    return d;
                }
                continue;
            }
            let v = self
                .rx
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no diagnostics for {uri}"));
            self.notes.push(v);
        }
    }

    /// The next publication of diagnostics for `uri`, whole (`version` and `diagnostics`).
    pub fn publication(&mut self, uri: &str) -> Value {
        loop {
            let found = self.notes.iter().position(|n| {
                n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri
            });
            if let Some(i) = found {
                return self.notes.remove(i)["params"].clone();
            }
            let v = self
                .rx
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no diagnostics for {uri}"));
            self.notes.push(v);
        }
    }

    /// Shut the server down as an editor does; its exit status and stderr.
    pub fn shutdown(mut self) -> (Option<i32>, String) {
        let r = self.call("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.finish()
    }

    /// Wait for the server to end on its own, its stdin left open.
    pub fn ends_by_itself(mut self) -> (Option<i32>, String) {
        let start = std::time::Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < PATIENCE, "the server did not end");
            std::thread::sleep(Duration::from_millis(20));
        }
        self.finish()
    }

    /// Close the server's stdin and wait for it to end.
    pub fn finish(mut self) -> (Option<i32>, String) {
        drop(self.stdin.take());
        let status = self.child.wait().unwrap();
        (status.code(), self.stderr.join().unwrap())
    }
}
