//! The checking thread. The message loop never checks: it records the new
//! text and queues the path here. Queued paths are coalesced (a burst of
//! keystrokes is one check of the latest text), a result is published only if
//! its buffer has not changed meanwhile, and a change to a file re-checks the
//! open buffers whose trees read it (editing a nested template republishes its
//! parents).

use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Message, Notification};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{PublishDiagnosticsParams, Uri};

use super::diagnostics::{self, Checked};
use super::documents::Documents;
use super::position::Encoding;
use super::transport::Outgoing;

/// What the message loop and the checking thread share.
pub struct State {
    pub documents: Mutex<Documents>,
    /// The last published check of each open buffer, with the version it saw.
    pub checked: Mutex<HashMap<PathBuf, (i32, Checked)>>,
    pub encoding: Encoding,
}

impl State {
    pub fn new(encoding: Encoding) -> State {
        State {
            documents: Mutex::new(Documents::default()),
            checked: Mutex::new(HashMap::new()),
            encoding,
        }
    }

    /// The open buffers; a panic elsewhere never makes them unreachable.
    pub fn documents(&self) -> MutexGuard<'_, Documents> {
        self.documents.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn checked(&self) -> MutexGuard<'_, HashMap<PathBuf, (i32, Checked)>> {
        self.checked.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The file at this path changed (opened, edited, saved or closed).
pub struct Changed(pub PathBuf);

pub fn spawn(
    state: Arc<State>,
    jobs: Receiver<Changed>,
    out: Sender<Outgoing>,
) -> std::io::Result<thread::JoinHandle<()>> {
    thread::Builder::new()
        .name("hotc-lsp-check".into())
        .spawn(move || run(&state, &jobs, &out))
}

fn run(state: &State, jobs: &Receiver<Changed>, out: &Sender<Outgoing>) {
    let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
    loop {
        if changed.is_empty() {
            match jobs.recv() {
                Ok(Changed(path)) => {
                    changed.insert(path);
                }
                Err(_) => return,
            }
        }
        changed.extend(jobs.try_iter().map(|Changed(p)| p));
        let mut targets = targets(state, &changed);
        changed.clear();
        while let Some(target) = targets.pop_first() {
            // Newer changes first: what is left is checked with them.
            if !jobs.is_empty() {
                changed.extend(targets);
                changed.insert(target);
                break;
            }
            let (document, overlay) = {
                let documents = state.documents();
                let Some(document) = documents.get(&target).cloned() else {
                    continue;
                };
                (document, documents.overlay())
            };
            let result = catch_unwind(AssertUnwindSafe(|| {
                diagnostics::check_document(&target, overlay, state.encoding)
            }))
            .unwrap_or_else(|_| internal_error());
            // Published under the lock: a close or a newer version cannot
            // slip in between the test and the send.
            let documents = state.documents();
            let current = documents.get(&target);
            if current.is_none_or(|d| d.version != document.version) {
                continue;
            }
            publish(out, document.uri.clone(), &result, Some(document.version));
            state
                .checked()
                .insert(target.clone(), (document.version, result));
        }
    }
}

/// The open buffers to check after `changed`: those changed, and those whose
/// last check read a changed file.
fn targets(state: &State, changed: &BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
    let documents = state.documents();
    let checked = state.checked();
    let mut out: BTreeSet<PathBuf> = changed
        .iter()
        .filter(|p| documents.get(p).is_some())
        .cloned()
        .collect();
    for path in documents.paths() {
        let reads_changed = checked
            .get(path)
            .is_some_and(|(_, c)| c.reached.iter().any(|r| changed.contains(r)));
        if reads_changed {
            out.insert(path.to_path_buf());
        }
    }
    out
}

fn internal_error() -> Checked {
    Checked {
        diagnostics: vec![lsp_types::Diagnostic {
            severity: Some(lsp_types::DiagnosticSeverity::ERROR),
            source: Some("hotc".into()),
            message: "hotc: internal error while checking this file".into(),
            ..lsp_types::Diagnostic::default()
        }],
        ..Checked::default()
    }
}

pub fn publish(out: &Sender<Outgoing>, uri: Uri, checked: &Checked, version: Option<i32>) {
    let params = PublishDiagnosticsParams::new(uri, checked.diagnostics.clone(), version);
    let notification = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
    let _ = out.send(Outgoing::Message(Message::Notification(notification)));
}
