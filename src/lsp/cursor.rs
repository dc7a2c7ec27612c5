//! What is under the cursor: the one place that finds the node at an offset of
//! a template's syntax tree (for hover and go to definition), and the keys
//! above a line by indentation (for completion, where the text being typed
//! often does not parse).

use crate::source::LineIndex;
use crate::syntax::{Entry, Node, Value};

/// One step from the root to the innermost node holding an offset.
#[derive(Clone, Copy, Debug)]
pub struct Frame<'d> {
    /// The mapping entry stepped into (None for the root and sequence items).
    pub entry: Option<&'d Entry>,
    /// The node stepped into (the entry's value, or the item).
    pub node: &'d Node,
    /// The offset is on the entry's key rather than in its value.
    pub on_key: bool,
}

/// The frames from the root down to the innermost node whose span (or key)
/// holds `offset`.
pub fn chain(root: &Node, offset: usize) -> Vec<Frame<'_>> {
    let mut frames = vec![Frame {
        entry: None,
        node: root,
        on_key: false,
    }];
    let mut node = root;
    loop {
        let next = match &node.value {
            Value::Map(entries) => entries.iter().rev().find_map(|e| {
                if within(e.key.span, offset) {
                    Some(Frame {
                        entry: Some(e),
                        node: &e.value,
                        on_key: true,
                    })
                } else if within(e.value.span, offset) {
                    Some(Frame {
                        entry: Some(e),
                        node: &e.value,
                        on_key: false,
                    })
                } else {
                    None
                }
            }),
            Value::Seq(items) => items
                .iter()
                .find(|i| within(i.span, offset))
                .map(|i| Frame {
                    entry: None,
                    node: i,
                    on_key: false,
                }),
            _ => None,
        };
        match next {
            Some(frame) if !frame.on_key => {
                node = frame.node;
                frames.push(frame);
            }
            Some(frame) => {
                frames.push(frame);
                return frames;
            }
            None => return frames,
        }
    }
}

/// A span holds an offset at its end too: the cursor just after a word is on it.
fn within(span: crate::source::Span, offset: usize) -> bool {
    (span.start as usize) <= offset && offset <= span.end as usize && !span.is_empty()
}

/// What a position of a template names.
#[derive(Clone, Copy, Debug)]
pub enum Target<'d> {
    /// The `type` of a resource (a catalog type or a template file).
    ResourceType { node: &'d Node, name: &'d str },
    /// A property name of a resource.
    Property { resource: &'d Entry, key: &'d Entry },
    /// The parameter named by `get_param`.
    Parameter { node: &'d Node, name: &'d str },
    /// The resource named by `get_resource`, `get_attr` or `depends_on`.
    Resource { node: &'d Node, name: &'d str },
    /// The attribute named by `get_attr`.
    Attribute {
        resource: &'d str,
        node: &'d Node,
        name: &'d str,
    },
    /// The file named by `get_file`.
    File { node: &'d Node, path: &'d str },
}

impl<'d> Target<'d> {
    /// The node the target was found on, for the range of a hover.
    pub fn node(&self) -> &'d Node {
        match *self {
            Target::ResourceType { node, .. }
            | Target::Parameter { node, .. }
            | Target::Resource { node, .. }
            | Target::Attribute { node, .. }
            | Target::File { node, .. } => node,
            Target::Property { key, .. } => &key.key,
        }
    }
}

/// What the position at `offset` of a template names, if anything.
pub fn target_at(root: &Node, offset: usize) -> Option<Target<'_>> {
    let frames = chain(root, offset);
    // The innermost function call holding the offset wins.
    for (i, frame) in frames.iter().enumerate().rev() {
        let Some(entry) = frame.entry else { continue };
        let parent_is_call = frames
            .get(i.wrapping_sub(1))
            .and_then(|p| p.node.as_map())
            .is_some_and(|m| m.len() == 1);
        if !parent_is_call {
            continue;
        }
        let argument = &entry.value;
        let inner = frames.get(i + 1).map(|f| f.node);
        let found = match &*entry.key_text {
            "get_param" => first_string(argument, inner, frame.on_key, 0)
                .map(|(node, name)| Target::Parameter { node, name }),
            "get_resource" => first_string(argument, inner, frame.on_key, 0)
                .map(|(node, name)| Target::Resource { node, name }),
            "get_file" => first_string(argument, inner, frame.on_key, 0)
                .map(|(node, path)| Target::File { node, path }),
            "get_attr" => {
                let resource = argument.as_seq().and_then(|s| s.first());
                let on_attribute = argument
                    .as_seq()
                    .and_then(|s| s.get(1))
                    .filter(|a| inner.is_some_and(|n| std::ptr::eq(n, *a)));
                match (resource.and_then(|r| r.as_str()), on_attribute) {
                    (Some(resource), Some(node)) => node.as_str().map(|name| Target::Attribute {
                        resource,
                        node,
                        name,
                    }),
                    _ => first_string(argument, inner, frame.on_key, 0)
                        .map(|(node, name)| Target::Resource { node, name }),
                }
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    // resources.<name>.type / .properties.<key> / .depends_on
    let section = frames.get(1)?.entry?;
    if &*section.key_text != "resources" || frames.get(1)?.on_key {
        return None;
    }
    let resource = frames.get(2)?;
    let resource_entry = resource.entry?;
    if resource.on_key {
        return None;
    }
    let field = frames.get(3)?;
    let field_entry = field.entry?;
    match &*field_entry.key_text {
        "type" if !field.on_key => field_entry.value.as_str().map(|name| Target::ResourceType {
            node: &field_entry.value,
            name,
        }),
        "properties" if !field.on_key => {
            let property = frames.get(4)?;
            let key = property.entry?;
            property.on_key.then_some(Target::Property {
                resource: resource_entry,
                key,
            })
        }
        "depends_on" if !field.on_key => {
            let node = frames.last()?.node;
            node.as_str().map(|name| Target::Resource { node, name })
        }
        _ => None,
    }
}

/// The string argument of a call (`get_param: name` or the first item of
/// `get_param: [name, ...]`) when the offset is on it or on the call's key.
fn first_string<'d>(
    argument: &'d Node,
    inner: Option<&'d Node>,
    on_key: bool,
    index: usize,
) -> Option<(&'d Node, &'d str)> {
    let (node, on_it) = match &argument.value {
        Value::Seq(items) => {
            let item = items.get(index)?;
            (item, on_key || inner.is_some_and(|n| std::ptr::eq(n, item)))
        }
        _ => (argument, true),
    };
    if !on_it {
        return None;
    }
    node.as_str().map(|s| (node, s))
}

/// The keys above a line, by indentation: for the cursor on line `line` at
/// column `indent` of a block-style document, the enclosing keys from the
/// top, e.g. `["resources", "server", "properties"]`. Lines that are blank,
/// comments or sequence items do not open a key.
pub fn keys_above(text: &str, lines: &LineIndex, line: usize, indent: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut limit = indent;
    for l in (0..line).rev() {
        if limit == 0 {
            break;
        }
        let start = lines.line_start(l);
        let end = if l + 1 < lines.line_count() {
            lines.line_start(l + 1)
        } else {
            text.len()
        };
        let Some(content) = text.get(start..end) else {
            continue;
        };
        let content = content.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches(' ');
        let depth = content.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') || depth >= limit {
            continue;
        }
        let trimmed = trimmed.trim_start_matches("- ");
        let Some(key) = key_of(trimmed) else {
            limit = depth;
            continue;
        };
        keys.push(key.to_string());
        limit = depth;
    }
    keys.reverse();
    keys
}

/// The key of a `key: value` or `key:` line.
pub fn key_of(line: &str) -> Option<&str> {
    let colon = line
        .find(": ")
        .or_else(|| line.strip_suffix(':').map(str::len))
        .or_else(|| {
            let t = line.trim_end();
            t.ends_with(':').then(|| t.len() - 1)
        })?;
    let key = line[..colon].trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    (!key.is_empty() && !key.contains(['{', '[', '#'])).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "heat_template_version: 2018-08-31
parameters:
  image: {type: string}
resources:
  port:
    type: OS::Neutron::Port
  server:
    type: OS::Nova::Server
    depends_on: [port]
    properties:
      image: {get_param: image}
      networks:
        - port: {get_resource: port}
      name: {get_attr: [port, name]}
";

    fn at(needle: &str, nth: usize) -> String {
        let root = crate::syntax::parse(TEXT).root.unwrap();
        let offset = TEXT.match_indices(needle).nth(nth).unwrap().0 + 1;
        match target_at(&root, offset) {
            Some(Target::ResourceType { name, .. }) => format!("type {name}"),
            Some(Target::Property { key, resource }) => {
                format!("property {} of {}", key.key_text, resource.key_text)
            }
            Some(Target::Parameter { name, .. }) => format!("parameter {name}"),
            Some(Target::Resource { name, .. }) => format!("resource {name}"),
            Some(Target::Attribute { resource, name, .. }) => {
                format!("attribute {name} of {resource}")
            }
            Some(Target::File { path, .. }) => format!("file {path}"),
            None => "nothing".into(),
        }
    }

    #[test]
    fn finds_what_each_position_names() {
        assert_eq!(at("OS::Nova::Server", 0), "type OS::Nova::Server");
        assert_eq!(at("image", 1), "property image of server");
        assert_eq!(at("image", 2), "parameter image");
        assert_eq!(at("get_param", 0), "parameter image");
        assert_eq!(at("port", 1), "resource port");
        assert_eq!(at("port", 3), "resource port");
        assert_eq!(at("port", 4), "resource port");
        assert_eq!(at("name", 1), "attribute name of port");
        assert_eq!(at("heat_template", 0), "nothing");
    }

    #[test]
    fn keys_above_follow_indentation() {
        let starts = LineIndex::new(TEXT);
        let line = TEXT
            .lines()
            .position(|l| l.contains("get_resource"))
            .unwrap();
        assert_eq!(
            keys_above(TEXT, &starts, line, 10),
            ["resources", "server", "properties", "networks"]
        );
        assert_eq!(keys_above(TEXT, &starts, 5, 4), ["resources", "port"]);
    }
}
