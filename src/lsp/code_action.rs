//! Quick fixes: the fixes hotc's rules attach to their diagnostics (a
//! misspelt type or property with one nearest name, an unused parameter to
//! remove), for the diagnostics in the requested range.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Range,
    WorkspaceEdit,
};

use super::documents::path_of;
use super::server::Request;

pub fn code_action(request: &Request, params: CodeActionParams) -> Option<CodeActionResponse> {
    let uri = params.text_document.uri;
    let path = path_of(&uri)?;
    let version = request.state.documents().get(&path)?.version;
    let checked = request.state.checked();
    let (checked_version, checked) = checked.get(&path)?;
    // Fixes of an older text would edit the wrong places.
    if *checked_version != version {
        return Some(Vec::new());
    }
    let actions = checked
        .fixes
        .iter()
        .filter(|f| overlaps(f.diagnostic.range, params.range))
        .map(|f| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title: f.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![f.diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), f.edits.clone())])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(f.preferred),
                ..CodeAction::default()
            })
        })
        .collect();
    Some(actions)
}

/// Whether two ranges share a position (touching counts: a cursor at the
/// end of a word is on it).
fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
