//! Go to definition: from `get_param` to the parameter, from `get_resource`,
//! `get_attr` and `depends_on` to the resource, and from `type: nested.yaml`
//! and `get_file: x.sh` to the file.

use std::path::{Path, PathBuf};

use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, Range};

use super::cursor::{self, Target};
use super::documents::uri_of;
use super::server::Request;
use crate::hot::Template;
use crate::workspace::FileSystem;

pub fn definition(
    request: &Request,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let at = request.document(&params.text_document_position_params)?;
    let root = at.document.parsed().root.as_ref()?;
    let target = cursor::target_at(root, at.offset)?;
    let template = Template::new(root);
    let here = |span| Location::new(at.document.uri.clone(), at.range(span));
    let location = match target {
        Target::Parameter { name, .. } => here(template.parameter(name)?.entry.key.span),
        Target::Resource { name, .. } | Target::Attribute { resource: name, .. } => {
            here(template.resource(name)?.entry.key.span)
        }
        Target::ResourceType { name, .. } if is_template_file(name) => {
            file(request, &at.path, name)?
        }
        Target::File { path, .. } => file(request, &at.path, path)?,
        Target::ResourceType { .. } | Target::Property { .. } => return None,
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

/// A type Heat reads as a template file rather than a plugin name.
pub fn is_template_file(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".template")
}

/// The start of the file a template names, relative to the template's folder,
/// when it exists (open in the editor or on disk).
fn file(request: &Request, from: &Path, name: &str) -> Option<Location> {
    let target = resolve(from, name)?;
    let exists = request.state.documents().get(&target).is_some()
        || crate::workspace::Disk
            .metadata(&target)
            .is_ok_and(|m| m.is_file);
    if !exists {
        return None;
    }
    Some(Location::new(uri_of(&target)?, Range::default()))
}

/// The path a relative (or `file:`) name in the template at `from` stands for.
pub fn resolve(from: &Path, name: &str) -> Option<PathBuf> {
    let name = name.strip_prefix("file://").unwrap_or(name);
    if name.contains("://") {
        return None;
    }
    let base = from.parent()?;
    Some(crate::check::normalize(&base.join(name)))
}
