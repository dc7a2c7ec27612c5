//! Completion: resource types after `type:`, property names inside the
//! `properties` of a resource of a known type, parameter names in
//! `get_param`, resource names in `get_resource`, `get_attr` and
//! `depends_on`. Read from the lines around the cursor, since the text being
//! typed is often not valid YAML yet.

use std::sync::LazyLock;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    TextEdit,
};
use regex::Regex;

use super::cursor::{self, key_of};
use super::server::{At, Request};
use crate::catalog::CatalogSet;
use crate::catalog::show::{self, Lookup};
use crate::source::Span;

/// What the text before the cursor asks for, and the word typed so far.
enum Wanted {
    ResourceType,
    Property { resource: String },
    Parameter,
    Resource,
}

static TYPE: LazyLock<Regex> =
    LazyLock::new(|| regex_or_never(r"(?:^\s*|[{,]\s*)type:\s*([^\s,}]*)$"));
static KEY: LazyLock<Regex> = LazyLock::new(|| regex_or_never(r"^\s*([A-Za-z0-9_-]*)$"));
static GET_PARAM: LazyLock<Regex> =
    LazyLock::new(|| regex_or_never(r#"get_param:\s*\[?\s*["']?([A-Za-z0-9_.:-]*)$"#));
static GET_RESOURCE: LazyLock<Regex> = LazyLock::new(|| {
    regex_or_never(
        r#"(?:get_resource:\s*|get_attr:\s*\[\s*|depends_on:\s*(?:\[(?:[^\]]*,)?\s*)?)["']?([A-Za-z0-9_.-]*)$"#,
    )
});
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| regex_or_never(r#"^\s*-\s+["']?([A-Za-z0-9_.-]*)$"#));

/// The patterns are constants of this file (a unit test compiles them all).
#[allow(clippy::expect_used, reason = "constant patterns, compiled by a test")]
fn regex_or_never(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a constant pattern")
}

pub fn completion(request: &Request, params: CompletionParams) -> Option<CompletionResponse> {
    let at = request.document(&params.text_document_position)?;
    let text = &*at.document.text;
    let lines = at.document.lines();
    let line = lines.line_of(at.offset);
    let start = lines.line_start(line);
    let before = text.get(start..at.offset)?;
    let indent = before.len() - before.trim_start_matches(' ').len();
    let above = cursor::keys_above(text, lines, line, indent);
    let (wanted, typed) = wanted(&above, before)?;
    let replace = Span::new(at.offset - typed.len(), at.offset);
    let items = match wanted {
        Wanted::ResourceType => resource_types(&at, replace),
        Wanted::Property { resource } => properties(&at, &resource, replace),
        Wanted::Parameter => names(&at, "parameters", CompletionItemKind::VARIABLE, replace),
        Wanted::Resource => names(&at, "resources", CompletionItemKind::REFERENCE, replace),
    };
    Some(CompletionResponse::Array(items))
}

fn wanted<'t>(above: &[String], before: &'t str) -> Option<(Wanted, &'t str)> {
    let typed = |re: &Regex| {
        re.captures(before)
            .and_then(|c| c.get(c.len() - 1))
            .map(|m| m.as_str())
    };
    let in_resources = above.first().is_some_and(|k| k == "resources");
    if let Some(word) = typed(&GET_PARAM) {
        return Some((Wanted::Parameter, word));
    }
    if let Some(word) = typed(&GET_RESOURCE) {
        return Some((Wanted::Resource, word));
    }
    if in_resources && above.last().is_some_and(|k| k == "depends_on") {
        if let Some(word) = typed(&ITEM) {
            return Some((Wanted::Resource, word));
        }
    }
    if in_resources {
        if let Some(word) = typed(&TYPE) {
            return Some((Wanted::ResourceType, word));
        }
    }
    if in_resources && above.len() == 3 && above[2] == "properties" {
        if let Some(word) = typed(&KEY) {
            return Some((
                Wanted::Property {
                    resource: above[1].clone(),
                },
                word,
            ));
        }
    }
    None
}

fn edit(at: &At, replace: Span, insert: String) -> Option<CompletionTextEdit> {
    Some(CompletionTextEdit::Edit(TextEdit::new(
        at.range(replace),
        insert,
    )))
}

fn resource_types(at: &At, replace: Span) -> Vec<CompletionItem> {
    let catalogs = CatalogSet::builtin();
    catalogs
        .names()
        .into_iter()
        .filter_map(|name| {
            let ty = catalogs.get(name)?;
            (ty.status() != crate::catalog::Status::Hidden).then(|| CompletionItem {
                label: name.to_string(),
                kind: Some(CompletionItemKind::CLASS),
                detail: Some(show::status_text(&ty.support)),
                text_edit: edit(at, replace, name.to_string()),
                ..CompletionItem::default()
            })
        })
        .collect()
}

fn properties(at: &At, resource: &str, replace: Span) -> Vec<CompletionItem> {
    let text = &*at.document.text;
    let Some(type_name) = block_value(text, &["resources", resource, "type"]) else {
        return Vec::new();
    };
    let catalogs = CatalogSet::builtin();
    let Lookup::Type { ty, .. } = show::lookup(&catalogs, &type_name) else {
        return Vec::new();
    };
    let present = block_keys(text, &["resources", resource, "properties"]);
    ty.properties
        .iter()
        .filter(|p| p.implemented && !present.contains(&p.name))
        .map(|p| {
            let mut detail = p.kind.name().to_string();
            let facts = show::facts(p);
            if !facts.is_empty() {
                detail.push_str(&format!("; {}", facts.join("; ")));
            }
            CompletionItem {
                label: p.name.clone(),
                kind: Some(CompletionItemKind::PROPERTY),
                detail: Some(detail),
                text_edit: edit(at, replace, format!("{}: ", p.name)),
                ..CompletionItem::default()
            }
        })
        .collect()
}

fn names(at: &At, section: &str, kind: CompletionItemKind, replace: Span) -> Vec<CompletionItem> {
    block_keys(&at.document.text, &[section])
        .into_iter()
        .map(|name| CompletionItem {
            label: name.clone(),
            kind: Some(kind),
            text_edit: edit(at, replace, name.clone()),
            ..CompletionItem::default()
        })
        .collect()
}

/// Walks the block-style keys of a text by indentation, calling `visit`
/// with the key path and the rest of the line after the key.
fn walk_keys(text: &str, mut visit: impl FnMut(&[&str], &str)) {
    let mut stack: Vec<(usize, &str)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('-') {
            continue;
        }
        let depth = line.len() - trimmed.len();
        let Some(key) = key_of(trimmed) else { continue };
        while stack.last().is_some_and(|&(d, _)| d >= depth) {
            stack.pop();
        }
        stack.push((depth, key));
        let path: Vec<&str> = stack.iter().map(|&(_, k)| k).collect();
        let rest = trimmed
            .find(':')
            .and_then(|i| trimmed.get(i + 1..))
            .unwrap_or("")
            .trim();
        visit(&path, rest);
    }
}

/// The keys directly under a key path, in order.
fn block_keys(text: &str, path: &[&str]) -> Vec<String> {
    let mut keys = Vec::new();
    walk_keys(text, |p, _| {
        if p.len() == path.len() + 1 && p[..path.len()] == *path {
            keys.push(p[path.len()].to_string());
        }
    });
    keys
}

/// The scalar written after a key path, without quotes or a comment.
fn block_value(text: &str, path: &[&str]) -> Option<String> {
    let mut found = None;
    walk_keys(text, |p, rest| {
        if p == path && found.is_none() {
            let value = rest.split(" #").next().unwrap_or("").trim();
            let value = value.trim_matches(|c| c == '"' || c == '\'');
            if !value.is_empty() {
                found = Some(value.to_string());
            }
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "parameters:\n  image: {type: string}\n  flavor:\n    type: string\nresources:\n  server:\n    type: OS::Nova::Server # the VM\n    properties:\n      name: x\n";

    #[test]
    fn keys_and_values_by_indentation() {
        assert_eq!(block_keys(TEXT, &["parameters"]), ["image", "flavor"]);
        assert_eq!(block_keys(TEXT, &["resources"]), ["server"]);
        assert_eq!(
            block_value(TEXT, &["resources", "server", "type"]).as_deref(),
            Some("OS::Nova::Server")
        );
        assert_eq!(
            block_keys(TEXT, &["resources", "server", "properties"]),
            ["name"]
        );
    }

    #[test]
    fn the_text_before_the_cursor_says_what_is_wanted() {
        let res = ["resources".to_string(), "server".to_string()];
        let props = [res[0].clone(), res[1].clone(), "properties".to_string()];
        let kind = |above: &[String], before: &str| match wanted(above, before) {
            Some((Wanted::ResourceType, w)) => format!("type {w}"),
            Some((Wanted::Property { resource }, w)) => format!("property of {resource} {w}"),
            Some((Wanted::Parameter, w)) => format!("parameter {w}"),
            Some((Wanted::Resource, w)) => format!("resource {w}"),
            None => "none".into(),
        };
        assert_eq!(kind(&res, "    type: OS::No"), "type OS::No");
        assert_eq!(kind(&res, "  a: {type: OS::He"), "type OS::He");
        assert_eq!(kind(&props, "      fla"), "property of server fla");
        assert_eq!(kind(&props, "      image: {get_param: im"), "parameter im");
        assert_eq!(kind(&props, "      port: {get_resource: "), "resource ");
        assert_eq!(kind(&props, "      ip: {get_attr: [po"), "resource po");
        assert_eq!(kind(&res, "    depends_on: [a, b"), "resource b");
        assert_eq!(kind(&props, "      name: x"), "none");
    }
}
