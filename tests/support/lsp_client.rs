//! A minimal language client for tests: runs `hotc lsp`, frames messages with
//! `Content-Length`, and keeps a transcript of what the server answered, with
//! the tree's file URIs replaced by `file:///TREE`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications received while waiting for something else.
    pending: Vec<Value>,
    next_id: i64,
    pub dir: PathBuf,
    pub transcript: String,
}

/// A copy of a fixture tree in a fresh temporary folder.
pub fn copy_tree(fixture: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hotc-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(fixture).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir
}

pub fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    /// Starts `hotc lsp` in `dir` (its current directory).
    pub fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hotc"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("hotc lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming: rx,
            pending: Vec::new(),
            next_id: 0,
            dir: dir.to_path_buf(),
            transcript: String::new(),
        }
    }

    pub fn uri(&self, name: &str) -> String {
        uri(&self.dir.join(name))
    }

    /// Text with the tree's URIs and paths replaced by placeholders.
    pub fn normalise(&self, text: &str) -> String {
        text.replace(&uri(&self.dir), "file:///TREE")
            .replace(&self.dir.display().to_string(), "/TREE")
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: &Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(v) => Some(v),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Sends a request and waits for its response (without recording it).
    pub fn request_quiet(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(&json!(id))
    }

    /// Waits for the response with this id.
    pub fn response(&mut self, id: &Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let Some(message) = self.next(deadline) else {
                panic!("no response to request {id} in {TIMEOUT:?}");
            };
            if message.get("id") == Some(id) && message.get("method").is_none() {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// Sends a request, waits for the response and records both.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_quiet(method, params.clone());
        self.record(&format!("--> {method}"), &params);
        self.record("<--", &response);
        response
    }

    pub fn record(&mut self, title: &str, value: &Value) {
        let text = serde_json::to_string_pretty(value).unwrap();
        let text = self.normalise(&text);
        self.transcript.push_str(&format!("{title}\n{text}\n\n"));
    }

    /// Waits for a `publishDiagnostics` of `name` that `wanted` accepts; the
    /// ones before it are dropped.
    pub fn diagnostics_where(&mut self, name: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let uri = self.uri(name);
        let deadline = Instant::now() + TIMEOUT;
        let matches = |m: &Value| {
            m.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
                && m["params"]["uri"] == uri
        };
        loop {
            if let Some(i) = self.pending.iter().position(&matches) {
                let m = self.pending.remove(i);
                if wanted(&m["params"]) {
                    return m["params"].clone();
                }
                continue;
            }
            let Some(message) = self.next(deadline) else {
                panic!("no diagnostics for {name} in {TIMEOUT:?}");
            };
            self.pending.push(message);
        }
    }

    /// The `publishDiagnostics` of `name` received but not waited for.
    pub fn unread_diagnostics(&self, name: &str) -> Vec<Value> {
        let uri = self.uri(name);
        self.pending
            .iter()
            .filter(|m| m["params"]["uri"] == uri)
            .map(|m| m["params"].clone())
            .collect()
    }

    pub fn diagnostics(&mut self, name: &str) -> Value {
        self.diagnostics_where(name, |_| true)
    }

    /// Waits for `name`'s diagnostics of `version` and records them.
    pub fn recorded_diagnostics(&mut self, name: &str, version: i64) -> Value {
        let params = self.diagnostics_where(name, |p| p["version"] == version);
        self.record("<-- textDocument/publishDiagnostics", &params);
        params
    }

    pub fn open(&mut self, name: &str, version: i64) -> String {
        let text = std::fs::read_to_string(self.dir.join(name)).unwrap();
        self.open_text(name, version, &text);
        text
    }

    pub fn open_text(&mut self, name: &str, version: i64, text: &str) {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}}),
        );
    }

    pub fn change_all(&mut self, name: &str, version: i64, text: &str) {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    pub fn initialize(&mut self, encodings: Option<&[&str]>) -> Value {
        let mut capabilities = json!({});
        if let Some(list) = encodings {
            capabilities["general"] = json!({"positionEncodings": list});
        }
        let root = uri(&self.dir);
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// `shutdown`, `exit`, and the exit status.
    pub fn shutdown(&mut self) -> std::process::ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.stdin = None;
        self.wait()
    }

    pub fn wait(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("hotc lsp did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The 0-based line and column (in UTF-16 units or UTF-8 bytes) of the
/// `nth` occurrence of `needle` in `text`, plus `delta` characters.
pub fn position(text: &str, needle: &str, nth: usize, delta: usize, utf8: bool) -> Value {
    let at = text.match_indices(needle).nth(nth).expect("needle").0;
    let at = at
        + text[at..]
            .chars()
            .take(delta)
            .map(char::len_utf8)
            .sum::<usize>();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let column: usize = if utf8 {
        at - line_start
    } else {
        text[line_start..at].chars().map(char::len_utf16).sum()
    };
    json!({"line": line, "character": column})
}
