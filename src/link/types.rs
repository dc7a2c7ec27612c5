//! How a resource's type resolves: a template file (written as `x.yaml`, or
//! mapped by the environment's registry), a plugin type (after the registry's
//! aliases), or something hotc cannot follow.

use std::path::{Path, PathBuf};

use super::Tree;
use super::members::{self, Member};
use crate::hot::environment::{Environment, Resolution};
use crate::hot::{Named, Template};
use crate::source::{FileId, Span};
use crate::workspace::references::{is_template_type, resolve};

/// What a type name stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeSource {
    /// A template file; `file` is `None` when it was not read (missing,
    /// outside the tree root).
    Template { path: PathBuf, file: Option<FileId> },
    /// A plugin type, after the registry's aliases.
    Plugin(String),
    /// Mapped in more than one way by the environments of the tree.
    Unresolved,
    /// The registry's aliases loop.
    Loop,
    /// A URL the client would fetch; hotc does not.
    Remote(String),
}

/// A resolved type, with where it was written and what mapped it.
#[derive(Clone, Debug)]
pub struct Resolved<'d> {
    pub source: TypeSource,
    /// The type as written in the template (or as computed, for a chain's
    /// types given by a parameter).
    pub written: std::borrow::Cow<'d, str>,
    /// The span of the written type.
    pub span: Span,
    /// The registry entries that mapped it, in order (file, key span).
    pub registry: Vec<(FileId, Span)>,
    /// For groups and chains: the member definitions.
    pub members: Vec<Member<'d>>,
}

impl Resolved<'_> {
    pub fn template_file(&self) -> Option<FileId> {
        match &self.source {
            TypeSource::Template { file, .. } => *file,
            _ => None,
        }
    }

    pub fn plugin(&self) -> Option<&str> {
        match &self.source {
            TypeSource::Plugin(name) => Some(name),
            _ => None,
        }
    }
}

/// Resolves the type written at `span` for resource `resource_name` of the
/// template at `path`.
pub fn resolve_type<'d>(
    written: impl Into<std::borrow::Cow<'d, str>>,
    span: Span,
    resource_name: Option<&str>,
    path: &Path,
    environment: &Environment,
    tree: &Tree,
) -> Resolved<'d> {
    let written = written.into();
    let mut registry = Vec::new();
    let source = if is_template_type(&written) {
        match resolve(&written, path) {
            Some(p) => TypeSource::Template {
                file: (tree.find)(&p),
                path: p,
            },
            None => TypeSource::Remote(written.to_string()),
        }
    } else {
        match environment.resolve_traced(&written, resource_name) {
            None => TypeSource::Plugin(written.to_string()),
            Some((resolution, trace)) => {
                registry = trace.iter().map(|e| (e.file, e.key_span)).collect();
                match resolution {
                    Resolution::Type(t) => TypeSource::Plugin(t),
                    Resolution::File(Some(p), _) => TypeSource::Template {
                        file: (tree.find)(&p),
                        path: p,
                    },
                    Resolution::File(None, w) => TypeSource::Remote(w),
                    Resolution::Loop => TypeSource::Loop,
                    Resolution::Unresolved => TypeSource::Unresolved,
                }
            }
        }
    };
    Resolved {
        source,
        written,
        span,
        registry,
        members: Vec::new(),
    }
}

/// Resolves a resource's type and, for groups and chains, their members.
/// `None` when the resource has no string type (reported elsewhere).
pub fn resolve_resource<'d>(
    resource: &Named<'d>,
    path: &Path,
    environment: &Environment,
    tree: &Tree,
    template: &Template<'d>,
    value_of: &dyn Fn(&crate::syntax::Node) -> Option<serde_json::Value>,
) -> Option<Resolved<'d>> {
    let ty = resource.get("type")?;
    let written = ty.as_str()?;
    let mut resolved = resolve_type(
        written,
        ty.span,
        Some(resource.name),
        path,
        environment,
        tree,
    );
    if let TypeSource::Plugin(name) = &resolved.source {
        resolved.members = members::of(name, resource, path, environment, tree, template, value_of);
    }
    Some(resolved)
}
