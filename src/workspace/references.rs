//! The references from one file to others, found the way python-heatclient finds
//! them: anywhere in the document, a `get_file: <string>` and a `type: <string
//! ending in .yaml or .template>`, each resolved against the referring file's folder.

use std::path::{Path, PathBuf};

use crate::source::Span;
use crate::syntax::{Node, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceKind {
    /// `type: nested.yaml`: a template resource (or a group member).
    NestedTemplate,
    /// `get_file: path`.
    GetFile,
}

impl ReferenceKind {
    pub fn reads_target(self) -> bool {
        true
    }
}

#[derive(Clone, Debug)]
pub struct Reference {
    pub kind: ReferenceKind,
    /// The path as written.
    pub written: String,
    /// The span of the written path.
    pub span: Span,
    /// The absolute path it resolves to; `None` for URLs the client would fetch
    /// (http, https), which hotc does not follow.
    pub target: Option<PathBuf>,
}

/// Whether a `type:` value names a template (Heat: ends in `.yaml` or `.template`).
pub fn is_template_type(value: &str) -> bool {
    value.ends_with(".yaml") || value.ends_with(".template")
}

pub fn resolve(written: &str, referrer: &Path) -> Option<PathBuf> {
    if let Some(rest) = written.strip_prefix("file://") {
        return Some(crate::check::normalize(Path::new(rest)));
    }
    if written.contains("://") {
        return None;
    }
    let base = referrer.parent().unwrap_or(Path::new("/"));
    Some(crate::check::normalize(&base.join(written)))
}

pub fn find(root: &Node, referrer: &Path) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                for e in entries {
                    let kind = match (&*e.key_text, &e.value.value) {
                        ("get_file", Value::Str(_)) => Some(ReferenceKind::GetFile),
                        ("type", Value::Str(s)) if is_template_type(s) => {
                            Some(ReferenceKind::NestedTemplate)
                        }
                        _ => None,
                    };
                    if let (Some(kind), Some(written)) = (kind, e.value.as_str()) {
                        out.push(Reference {
                            kind,
                            written: written.to_string(),
                            span: e.value.span,
                            target: resolve(written, referrer),
                        });
                    }
                    stack.push(&e.value);
                }
            }
            Value::Seq(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}
