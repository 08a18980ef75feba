//! A minimal language-server client speaking raw JSON-RPC over the built binary's stdio: what
//! the server tests and the server benchmark drive `healthlint server` with.
#![allow(dead_code)] // each user takes what it needs

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any one expected message may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages from the server not yet looked at (notifications and server requests).
    pending: Vec<Value>,
    /// Requests the server sent us, answered with `null`.
    pub server_requests: Vec<Value>,
}

impl Client {
    /// Starts `healthlint server` with extra environment variables, in `dir`.
    pub fn start(binary: &Path, dir: &Path, env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(binary)
            .arg("server")
            .current_dir(dir)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            pending: Vec::new(),
            server_requests: Vec::new(),
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write to the server");
        self.stdin.flush().expect("flush to the server");
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(&json!(id))
    }

    /// Waits for the response with this id.
    pub fn response(&mut self, id: &Value) -> Value {
        self.expect(|m| m.get("id") == Some(id) && m.get("method").is_none())
    }

    /// Waits for a notification of `method` that `accept` takes.
    pub fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        self.expect(|m| m["method"] == method && m.get("id").is_none() && accept(&m["params"]))
    }

    /// The next diagnostics published for `uri` with `version` (any version when `None`).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let published = self.notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && version.is_none_or(|v| p["version"] == v)
        });
        published["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for a message `accept` takes, keeping the others for later.
    pub fn expect(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&accept) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "no expected message in {PATIENCE:?}; pending: {:#?}",
                        self.pending
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; pending: {:#?}", self.pending)
                }
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                // A request from the server: answer it as an editor would.
                let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                self.send(&reply);
                self.server_requests.push(message.clone());
            }
            if accept(&message) {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// Initialises with these client capabilities and initialization options.
    pub fn initialize(&mut self, capabilities: Value, options: Value, root: &Path) -> Value {
        let root_uri = file_uri(root);
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "root"}],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Sends `shutdown` then `exit`, and returns how the process ended.
    pub fn shutdown(mut self) -> ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Waits for the process to end (closing its input first).
    pub fn wait(mut self) -> ExitStatus {
        drop(self.stdin);
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Resident memory of the server process, in KiB (Linux).
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

/// The `file:` URI of an absolute path (ASCII paths, as tests make).
pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
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
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The UTF-16 length of `text`, as LSP counts columns by default.
pub fn utf16_len(text: &str) -> u64 {
    text.encode_utf16().count() as u64
}
