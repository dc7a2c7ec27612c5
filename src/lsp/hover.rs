//! Hover: the catalog entry of a resource type or property, and what
//! `get_param`, `get_resource` and `get_attr` point at.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::cursor::{self, Target};
use super::server::Request;
use crate::catalog::CatalogSet;
use crate::catalog::show::{self, Lookup};
use crate::hot::Template;
use crate::syntax::Node;

pub fn hover(request: &Request, params: HoverParams) -> Option<Hover> {
    let at = request.document(&params.text_document_position_params)?;
    let root = at.document.parsed().root.as_ref()?;
    let target = cursor::target_at(root, at.offset)?;
    let template = Template::new(root);
    let text = describe(&template, &target)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(at.range(target.node().span)),
    })
}

fn describe(template: &Template, target: &Target) -> Option<String> {
    let catalogs = CatalogSet::builtin();
    match *target {
        Target::ResourceType { name, .. } if super::definition::is_template_file(name) => {
            Some(format!("nested template `{name}`"))
        }
        Target::ResourceType { name, .. } => match show::lookup(&catalogs, name) {
            Lookup::Type { ty, alias } => Some(format!(
                "```text\n{}```",
                show::show_human(ty, alias.as_deref())
            )),
            Lookup::Template { name, url } => {
                Some(format!("`{name}` is mapped to the template `{url}`"))
            }
            Lookup::Unknown { suggestions } if suggestions.is_empty() => {
                Some(format!("`{name}` is not a resource type Heat knows"))
            }
            Lookup::Unknown { suggestions } => Some(format!(
                "`{name}` is not a resource type Heat knows; did you mean {}?",
                suggestions
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
        },
        Target::Property { resource, key } => {
            let type_name = resource.value.get("type").and_then(Node::as_str)?;
            let ty = match show::lookup(&catalogs, type_name) {
                Lookup::Type { ty, .. } => ty,
                _ => return None,
            };
            let name = &*key.key_text;
            match ty.property(name) {
                Some(p) => {
                    let facts = show::facts(p);
                    let mut text =
                        format!("`{name}`: {} — property of `{}`", p.kind.name(), ty.name);
                    if !facts.is_empty() {
                        text.push_str(&format!("\n\n{}", facts.join("; ")));
                    }
                    Some(text)
                }
                None => Some(format!("`{name}` is not a property of `{}`", ty.name)),
            }
        }
        Target::Parameter { name, .. } => Some(parameter(template, name)),
        Target::Resource { name, .. } => {
            let resource = template.resource(name)?;
            let type_name = resource.get("type").and_then(Node::as_str).unwrap_or("?");
            Some(format!("resource `{name}`: `{type_name}`"))
        }
        Target::Attribute { resource, name, .. } => {
            let type_name = template
                .resource(resource)
                .and_then(|r| r.get("type"))
                .and_then(Node::as_str)?;
            let mut text = format!("attribute `{name}` of `{resource}` (`{type_name}`)");
            if let Lookup::Type { ty, .. } = show::lookup(&catalogs, type_name) {
                match ty.attribute(name) {
                    Some(a) => {
                        if let Some(kind) = a.kind {
                            text.push_str(&format!(": {}", kind.name()));
                        }
                        text.push_str(&format!("\n\n{}", show::status_text(&a.support)));
                    }
                    None if ty.dynamic_attributes => {
                        text.push_str("\n\nany attribute name is accepted by get_attr");
                    }
                    None => text.push_str(&format!("\n\n`{}` has no such attribute", ty.name)),
                }
            }
            Some(text)
        }
        Target::File { path, .. } => Some(format!("file `{path}`, read by `get_file`")),
    }
}

fn parameter(template: &Template, name: &str) -> String {
    if crate::hot::PSEUDO_PARAMETERS.contains(&name) {
        return format!("`{name}`: pseudo parameter of every stack");
    }
    let Some(named) = template.parameter(name) else {
        return format!("`{name}` is not a declared parameter");
    };
    let type_name = named.get("type").and_then(Node::as_str).unwrap_or("?");
    let mut text = format!("parameter `{name}`: {type_name}");
    if let Some(default) = named.get("default") {
        text.push_str(&format!(
            "\n\ndefault: `{}`",
            serde_json::to_string(&default.to_json()).unwrap_or_default()
        ));
    }
    if let Some(label) = named.get("label").and_then(Node::as_str) {
        text.push_str(&format!("\n\n{label}"));
    }
    if let Some(description) = named.get("description").and_then(Node::as_str) {
        text.push_str(&format!("\n\n{description}"));
    }
    text
}
