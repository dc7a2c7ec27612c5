//! The message loop: initialize (with the position encoding), then requests
//! answered here, each guarded so that a panic answers that request with an
//! error and the server goes on, and buffer notifications, whose checks the
//! checking thread runs.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use crossbeam_channel::Sender;
use lsp_server::{ErrorCode, Message, Notification, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    InitializeParams, InitializeResult, OneOf, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::diagnostics::Checked;
use super::documents::{Document, path_of};
use super::position::{Converter, Encoding};
use super::transport::{Incoming, Outgoing, Transport};
use super::worker::{self, Changed, State};
use crate::source::Span;

/// What a request handler sees.
pub struct Request<'s> {
    pub state: &'s State,
}

/// A position in an open buffer.
pub struct At {
    pub path: PathBuf,
    pub document: Arc<Document>,
    pub offset: usize,
    pub encoding: Encoding,
}

impl At {
    pub fn range(&self, span: Span) -> lsp_types::Range {
        Converter {
            text: &self.document.text,
            lines: self.document.lines(),
            encoding: self.encoding,
        }
        .range(span)
    }
}

impl Request<'_> {
    /// The open buffer and byte offset of a client position.
    pub fn document(&self, position: &TextDocumentPositionParams) -> Option<At> {
        let path = path_of(&position.text_document.uri)?;
        let document = self.state.documents().get(&path)?.clone();
        let offset = Converter {
            text: &document.text,
            lines: document.lines(),
            encoding: self.state.encoding,
        }
        .offset(position.position);
        Some(At {
            path,
            document,
            offset,
            encoding: self.state.encoding,
        })
    }
}

/// Serves one client until `exit` or the end of the input. Returns whether
/// the client shut the server down first (exit code 0) or not (1).
pub fn serve<R, W>(input: R, output: W) -> std::io::Result<bool>
where
    R: std::io::BufRead + Send + 'static,
    W: std::io::Write + Send + 'static,
{
    let transport = Transport::spawn(input, output)?;
    let out = transport.outgoing.clone();
    let Some(encoding) = initialize(&transport, &out) else {
        return Ok(false);
    };
    let state = Arc::new(State::new(encoding));
    let (jobs, queue) = crossbeam_channel::unbounded();
    let (done_tx, done_rx) = crossbeam_channel::bounded::<()>(1);
    let worker_state = state.clone();
    let worker_out = out.clone();
    std::thread::Builder::new()
        .name("hotc-lsp-check".into())
        .spawn(move || {
            let _ = worker::spawn(worker_state, queue, worker_out).map(|h| h.join());
            let _ = done_tx.send(());
        })?;
    let mut shut_down = false;
    let mut clean = false;
    for incoming in &transport.incoming {
        match incoming {
            Incoming::Malformed { id, code, message } => malformed(&out, id, code, message),
            Incoming::Message(Message::Request(request)) => {
                let response = if shut_down {
                    Response::new_err(
                        request.id.clone(),
                        ErrorCode::InvalidRequest as i32,
                        "the server is shut down".into(),
                    )
                } else if request.method == Shutdown::METHOD {
                    shut_down = true;
                    Response::new_ok(request.id.clone(), serde_json::Value::Null)
                } else {
                    dispatch(&Request { state: &state }, request)
                };
                let _ = out.send(Outgoing::Message(Message::Response(response)));
            }
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                clean = shut_down;
                break;
            }
            Incoming::Message(Message::Notification(n)) => {
                let guarded = catch_unwind(AssertUnwindSafe(|| notify(&state, &jobs, &out, n)));
                if guarded.is_err() {
                    eprintln!("hotc lsp: internal error while handling a notification");
                }
            }
            // The server sends no requests, so it expects no responses.
            Incoming::Message(Message::Response(_)) => {}
        }
    }
    drop(jobs);
    // Let a check in progress finish (it reads no FIFO, so it ends), then
    // flush what is queued for the client.
    if done_rx
        .recv_timeout(std::time::Duration::from_secs(5))
        .is_ok()
    {
        drop(out);
        transport.finish();
    }
    Ok(clean)
}

fn malformed(out: &Sender<Outgoing>, id: Option<RequestId>, code: ErrorCode, message: String) {
    let outgoing = match id {
        Some(id) => Outgoing::Message(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        ))),
        None => Outgoing::ErrorWithoutId { code, message },
    };
    let _ = out.send(outgoing);
}

/// Waits for `initialize`, answers it, and returns the position encoding.
/// `None` when the client leaves first.
fn initialize(transport: &Transport, out: &Sender<Outgoing>) -> Option<Encoding> {
    for incoming in &transport.incoming {
        let request = match incoming {
            Incoming::Message(Message::Request(r)) => r,
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => return None,
            Incoming::Message(_) => continue,
            Incoming::Malformed { id, code, message } => {
                malformed(out, id, code, message);
                continue;
            }
        };
        if request.method != "initialize" {
            let _ = out.send(Outgoing::Message(Message::Response(Response::new_err(
                request.id,
                ErrorCode::ServerNotInitialized as i32,
                "initialize first".into(),
            ))));
            continue;
        }
        let params: InitializeParams = match serde_json::from_value(request.params) {
            Ok(p) => p,
            Err(e) => {
                let _ = out.send(Outgoing::Message(Message::Response(Response::new_err(
                    request.id,
                    ErrorCode::InvalidParams as i32,
                    format!("invalid initialize parameters: {e}"),
                ))));
                continue;
            }
        };
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let encoding = Encoding::negotiate(offered);
        let result = InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "hotc".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        let _ = out.send(Outgoing::Message(Message::Response(Response::new_ok(
            request.id, result,
        ))));
        return Some(encoding);
    }
    None
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "[".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

fn dispatch(request: &Request, message: lsp_server::Request) -> Response {
    let id = message.id.clone();
    match message.method.as_str() {
        HoverRequest::METHOD => guarded(id, message.params, |p| super::hover::hover(request, p)),
        GotoDefinition::METHOD => guarded(id, message.params, |p| {
            super::definition::definition(request, p)
        }),
        Completion::METHOD => guarded(id, message.params, |p| {
            super::completion::completion(request, p)
        }),
        CodeActionRequest::METHOD => guarded(id, message.params, |p| {
            super::code_action::code_action(request, p)
        }),
        method => Response::new_err(
            id,
            ErrorCode::MethodNotFound as i32,
            format!("unknown method `{method}`"),
        ),
    }
}

/// Runs one handler: parameters that do not fit get `InvalidParams`, a
/// panic gets `InternalError`; either way the server goes on.
pub fn guarded<P, R>(
    id: RequestId,
    params: serde_json::Value,
    handler: impl FnOnce(P) -> R,
) -> Response
where
    P: DeserializeOwned,
    R: Serialize,
{
    let params: P = match serde_json::from_value(params) {
        Ok(p) => p,
        Err(e) => {
            return Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("invalid parameters: {e}"),
            );
        }
    };
    match catch_unwind(AssertUnwindSafe(|| handler(params))) {
        Ok(result) => match serde_json::to_value(result) {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err(e) => Response::new_err(id, ErrorCode::InternalError as i32, e.to_string()),
        },
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("internal error: {what}"),
            )
        }
    }
}

fn notify(state: &State, jobs: &Sender<Changed>, out: &Sender<Outgoing>, n: Notification) {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
            else {
                return;
            };
            let Some(path) = path_of(&p.text_document.uri) else {
                return;
            };
            let document = Document::new(
                p.text_document.uri,
                p.text_document.version,
                p.text_document.text,
            );
            state.documents().open(path.clone(), document);
            let _ = jobs.send(Changed(path));
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
            else {
                return;
            };
            let Some(path) = path_of(&p.text_document.uri) else {
                return;
            };
            let mut documents = state.documents();
            let Some(old) = documents.get(&path) else {
                return;
            };
            let text = apply_changes(&old.text, &p.content_changes, state.encoding);
            let document = Document::new(p.text_document.uri, p.text_document.version, text);
            documents.open(path.clone(), document);
            drop(documents);
            let _ = jobs.send(Changed(path));
        }
        DidSaveTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
            else {
                return;
            };
            if let Some(path) = path_of(&p.text_document.uri) {
                let _ = jobs.send(Changed(path));
            }
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
            else {
                return;
            };
            let Some(path) = path_of(&p.text_document.uri) else {
                return;
            };
            // Under the lock: a check finishing now cannot publish after this.
            let mut documents = state.documents();
            documents.close(&path);
            state.checked().remove(&path);
            worker::publish(out, p.text_document.uri, &Checked::default(), None);
            drop(documents);
            // The buffers that read it now read the disk.
            let _ = jobs.send(Changed(path));
        }
        _ => {}
    }
}

/// The text after a list of changes: whole replacements, or ranges in the
/// negotiated encoding, applied in order.
pub fn apply_changes(
    text: &str,
    changes: &[lsp_types::TextDocumentContentChangeEvent],
    encoding: Encoding,
) -> String {
    let mut text = text.to_string();
    for change in changes {
        match change.range {
            None => text = change.text.clone(),
            Some(range) => {
                let lines = crate::source::LineIndex::new(&text);
                let converter = Converter {
                    text: &text,
                    lines: &lines,
                    encoding,
                };
                let start = converter.offset(range.start);
                let end = converter.offset(range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_answers_with_an_internal_error() {
        let response = guarded(RequestId::from(1), serde_json::json!(null), |_: ()| -> () {
            panic!("boom")
        });
        let error = response.error.unwrap();
        assert_eq!(error.code, ErrorCode::InternalError as i32);
        assert_eq!(error.message, "internal error: boom");
        let response = guarded(RequestId::from(2), serde_json::json!(7), |_: String| 1);
        assert_eq!(
            response.error.unwrap().code,
            ErrorCode::InvalidParams as i32
        );
    }

    #[test]
    fn changes_apply_in_the_negotiated_encoding() {
        use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
        let change = |l, c, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l, c), Position::new(l, c))),
            range_length: None,
            text: text.into(),
        };
        let text = "a: 🚀\nb: x\n";
        assert_eq!(
            apply_changes(text, &[change(0, 5, "!")], Encoding::Utf16),
            "a: 🚀!\nb: x\n"
        );
        assert_eq!(
            apply_changes(text, &[change(0, 7, "!")], Encoding::Utf8),
            "a: 🚀!\nb: x\n"
        );
    }
}
