//! Messages over a byte stream with `Content-Length` framing, one thread
//! reading and one writing. Unlike a transport that gives up on the first bad
//! payload, a message that is not JSON, or not JSON-RPC, is answered with an
//! error and reading goes on with the next one.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId};

/// What the reader hands to the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Framed, but not a message: answer with this error (to `id` when the
    /// payload had a readable one, else to `null`).
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        message: String,
    },
}

/// What the writer sends.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// An error response to a request whose id could not be read.
    ErrorWithoutId {
        code: ErrorCode,
        message: String,
    },
}

/// Messages larger than this are refused (and skipped).
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

pub struct Transport {
    pub incoming: Receiver<Incoming>,
    pub outgoing: Sender<Outgoing>,
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Transport {
    /// Reads `input` and writes `output` on threads of their own.
    pub fn spawn<R, W>(input: R, output: W) -> io::Result<Transport>
    where
        R: BufRead + Send + 'static,
        W: Write + Send + 'static,
    {
        let (in_tx, in_rx) = crossbeam_channel::unbounded();
        let (out_tx, out_rx) = crossbeam_channel::unbounded::<Outgoing>();
        let reader = thread::Builder::new()
            .name("hotc-lsp-reader".into())
            .spawn(move || read_loop(input, &in_tx))?;
        let writer = thread::Builder::new()
            .name("hotc-lsp-writer".into())
            .spawn(move || write_loop(output, &out_rx))?;
        Ok(Transport {
            incoming: in_rx,
            outgoing: out_tx,
            reader,
            writer,
        })
    }

    /// Waits for the writer to flush what was sent (after the senders are gone).
    pub fn finish(self) {
        let Transport {
            incoming,
            outgoing,
            reader,
            writer,
        } = self;
        drop(outgoing);
        let _ = writer.join();
        drop(incoming);
        // The reader may be blocked on input that never comes; it ends with
        // the process.
        drop(reader);
    }
}

fn read_loop(mut input: impl BufRead, tx: &Sender<Incoming>) {
    loop {
        let body = match read_frame(&mut input) {
            Ok(Some(body)) => body,
            Ok(None) => return,
            Err(Frame::Bad(message)) => {
                let sent = tx.send(Incoming::Malformed {
                    id: None,
                    code: ErrorCode::ParseError,
                    message,
                });
                if sent.is_err() {
                    return;
                }
                continue;
            }
            Err(Frame::Closed) => return,
        };
        let incoming = parse(&body);
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if tx.send(incoming).is_err() || exit {
            return;
        }
    }
}

enum Frame {
    /// The header or body was unusable; reading can go on.
    Bad(String),
    /// The stream ended or failed mid-message.
    Closed,
}

/// One framed body; `Ok(None)` at the end of the stream.
fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line) {
            Ok(0) if !saw_header => return Ok(None),
            Ok(0) | Err(_) => return Err(Frame::Closed),
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !saw_header {
                continue;
            }
            break;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                );
            }
        }
    }
    let length = match length {
        Some(Ok(n)) if n <= MAX_MESSAGE_BYTES => n,
        Some(Ok(n)) => {
            // Skip the body so that the next message is read from its start.
            let skipped = io::copy(&mut input.by_ref().take(n as u64), &mut io::sink());
            if skipped.is_err() {
                return Err(Frame::Closed);
            }
            return Err(Frame::Bad(format!(
                "message of {n} bytes refused (at most {MAX_MESSAGE_BYTES})"
            )));
        }
        Some(Err(message)) => return Err(Frame::Bad(message)),
        None => return Err(Frame::Bad("missing Content-Length header".into())),
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body).map_err(|_| Frame::Closed)?;
    Ok(Some(body))
}

fn parse(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                message: format!("not JSON: {e}"),
            };
        }
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    let has_method = value.get("method").is_some_and(|m| m.is_string());
    let is_response = value.get("result").is_some() || value.get("error").is_some();
    if !has_method && !is_response {
        return Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            message: "not a JSON-RPC request: no method".into(),
        };
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!("not a JSON-RPC message: {e}"),
        },
    }
}

fn write_loop(mut output: impl Write, rx: &Receiver<Outgoing>) {
    for outgoing in rx {
        let written = match outgoing {
            Outgoing::Message(message) => message.write(&mut output),
            Outgoing::ErrorWithoutId { code, message } => {
                let body = serde_json::json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": {"code": code as i32, "message": message},
                })
                .to_string();
                write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())
                    .and_then(|()| output.flush())
            }
        };
        if written.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_payloads_are_reported_and_reading_goes_on() {
        let mut input = Vec::new();
        for body in [
            "{not json",
            r#"{"jsonrpc":"2.0","id":4}"#,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
        ] {
            input.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).bytes());
        }
        let (tx, rx) = crossbeam_channel::unbounded();
        read_loop(io::Cursor::new(input), &tx);
        let got: Vec<Incoming> = rx.try_iter().collect();
        assert!(matches!(
            got[0],
            Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(
            &got[1],
            Incoming::Malformed { id: Some(id), code: ErrorCode::InvalidRequest, .. } if *id == RequestId::from(4)
        ));
        assert!(
            matches!(&got[2], Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
    }
}
