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
    /// A `resource_registry` entry of an environment mapping a type to a file.
    RegistryTemplate,
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

/// The files an environment's `resource_registry` maps types to: every string value
/// without `::` (the client's rule), relative to the environment's folder or to
/// `base_url`, in the registry and in each `resources.<name>` map.
pub fn find_in_environment(root: &Node, referrer: &Path) -> Vec<Reference> {
    let mut out = Vec::new();
    let Some(registry) = root.get("resource_registry") else {
        return out;
    };
    let mut maps = vec![(registry, base_of(registry, referrer))];
    if let Some(resources) = registry.get("resources").and_then(Node::as_map) {
        for r in resources {
            let base = base_of(&r.value, referrer).or_else(|| maps[0].1.clone());
            maps.push((&r.value, base));
        }
    }
    for (map, base) in maps {
        for e in map.as_map().unwrap_or(&[]) {
            if matches!(
                &*e.key_text,
                "base_url" | "hooks" | "restricted_actions" | "resources"
            ) {
                continue;
            }
            let Some(written) = e.value.as_str() else {
                continue;
            };
            if written.contains("::") {
                continue;
            }
            let anchor = base
                .clone()
                .map(|b| b.join("x"))
                .unwrap_or_else(|| referrer.to_path_buf());
            out.push(Reference {
                kind: ReferenceKind::RegistryTemplate,
                written: written.to_string(),
                span: e.value.span,
                target: resolve(written, &anchor),
            });
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}

fn base_of(map: &Node, referrer: &Path) -> Option<PathBuf> {
    let base = map.get("base_url")?.as_str()?;
    let base = base.strip_prefix("file://").unwrap_or(base);
    Some(referrer.parent().unwrap_or(Path::new("/")).join(base))
}
