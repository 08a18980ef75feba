//! The stdio transport: `Content-Length` framed JSON-RPC in, the same out.
//!
//! `lsp-server`'s own stdio transport ends its reader thread at the first malformed message,
//! which takes the server down with it; an editor plugin sending one bad frame would lose the
//! writer its diagnostics. This one answers a frame that is not JSON with a JSON-RPC parse
//! error, and JSON that is no request or notification with an invalid-request error, and keeps
//! reading. Only the end of the input (or an `exit` notification) ends it.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;

use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{json, Value};

/// Frames larger than this are skipped, not buffered: no editor sends a 64 MiB document, and
/// a hostile length must not make the server allocate it.
const MAX_FRAME: usize = 64 * 1024 * 1024;

/// The reader and writer threads, to join at exit.
pub struct Threads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Threads {
    /// Waits for the writer to flush what the server sent; the reader may still be blocked on
    /// input, so it is left to end with the process.
    pub fn join(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// A connection over standard input and output.
pub fn stdio() -> (Connection, Threads) {
    let out = Arc::new(Mutex::new(io::stdout()));
    let (to_client, outgoing) = crossbeam_channel::unbounded::<Message>();
    let (incoming, from_client) = crossbeam_channel::unbounded::<Message>();
    let writer = {
        let out = Arc::clone(&out);
        thread::spawn(move || {
            for message in outgoing {
                let Ok(mut out) = out.lock() else { return };
                if message.write(&mut *out).is_err() {
                    return;
                }
            }
        })
    };
    let reader = thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            let frame = match read_frame(&mut input) {
                Ok(Some(frame)) => frame,
                Ok(None) => return,
                Err(Malformed(message)) => {
                    reply_error(&out, Value::Null, ErrorCode::ParseError, &message);
                    continue;
                }
            };
            let message = match decode(&frame) {
                Ok(message) => message,
                Err((id, code, message)) => {
                    reply_error(&out, id, code, &message);
                    continue;
                }
            };
            let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if incoming.send(message).is_err() || exit {
                return;
            }
        }
    });
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, Threads { reader, writer })
}

/// A frame that could not be read, with why.
#[derive(Debug)]
struct Malformed(String);

/// Reads one frame's body; `None` at the end of the input. A bad header is reported once the
/// header block ends, so the stream stays in step with the client's framing.
fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Malformed> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let header = text.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            // Blank lines between frames are noise, not a frame.
            continue;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                let value = value.trim();
                length = Some((value.parse()).map_err(|_| format!("bad Content-Length {value:?}")));
            }
        } else if length.is_none() {
            length = Some(Err(format!("malformed header {header:?}")));
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(why)) => return Err(Malformed(why)),
        None => return Err(Malformed("no Content-Length header".into())),
    };
    if length > MAX_FRAME {
        let skipped = io::copy(&mut input.take(length as u64), &mut io::sink());
        if skipped.map_or(true, |n| n < length as u64) {
            return Ok(None);
        }
        return Err(Malformed(format!(
            "a {length}-byte message is over the {MAX_FRAME}-byte limit"
        )));
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Ok(None);
    }
    Ok(Some(body))
}

/// A frame's body as a message, or the error to answer it with (and the id to answer to).
fn decode(frame: &[u8]) -> Result<Message, (Value, ErrorCode, String)> {
    let value: Value = serde_json::from_slice(frame)
        .map_err(|e| (Value::Null, ErrorCode::ParseError, format!("not JSON: {e}")))?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| {
        let why = format!("not a JSON-RPC request, notification or response: {e}");
        (id, ErrorCode::InvalidRequest, why)
    })
}

/// Writes an error response straight to the output (its id may be `null`, which
/// `lsp_server::Response` cannot carry).
fn reply_error(out: &Mutex<io::Stdout>, id: Value, code: ErrorCode, message: &str) {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    if let Ok(mut out) = out.lock() {
        let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Result<Option<String>, String>> {
        let mut input = input.as_bytes();
        let mut out = Vec::new();
        loop {
            match read_frame(&mut input) {
                Ok(None) => return out,
                Ok(Some(body)) => out.push(Ok(Some(String::from_utf8(body).unwrap()))),
                Err(Malformed(why)) => out.push(Err(why)),
            }
        }
    }

    #[test]
    fn reads_frames_and_survives_bad_headers() {
        let input = "Content-Length: 2\r\n\r\n{}\
                     Content-Length: x\r\n\r\n\
                     garbage\r\n\r\n\
                     Content-Length: 4\r\nContent-Type: utf-8\r\n\r\nnull";
        assert_eq!(
            frames(input),
            [
                Ok(Some("{}".into())),
                Err("bad Content-Length \"x\"".into()),
                Err("malformed header \"garbage\"".into()),
                Ok(Some("null".into())),
            ]
        );
    }

    #[test]
    fn truncated_input_ends_the_stream() {
        assert_eq!(frames("Content-Length: 10\r\n\r\n{}"), []);
    }

    #[test]
    fn decodes_or_says_why() {
        assert!(decode(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).is_ok());
        let (id, code, _) = decode(b"{not json").unwrap_err();
        assert_eq!(
            (id, code as i32),
            (Value::Null, ErrorCode::ParseError as i32)
        );
        let (id, code, _) = decode(br#"{"jsonrpc":"2.0","id":7,"method":5}"#).unwrap_err();
        assert_eq!(
            (id, code as i32),
            (json!(7), ErrorCode::InvalidRequest as i32)
        );
    }
}
