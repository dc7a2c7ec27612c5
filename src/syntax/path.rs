//! Where an offset is in a document, as a path of keys: the innermost mapping
//! entry (or sequence item) whose span holds it. Baselines match findings by
//! this path, so that lines moving up or down do not matter.

use super::{Node, Value};

/// The keys (and sequence indexes) from the root to the innermost node whose
/// span holds `offset`, e.g. `["resources", "server", "properties", "image"]`.
/// An offset on a key belongs to that key's entry.
pub fn path_at(root: &Node, offset: usize) -> Vec<String> {
    let mut path = Vec::new();
    let mut node = root;
    loop {
        let next = match &node.value {
            Value::Map(entries) => entries
                .iter()
                .rev()
                .find(|e| e.span().contains(offset) || e.key.span.contains(offset))
                .map(|e| (e.key_text.to_string(), &e.value)),
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .find(|(_, item)| item.span.contains(offset))
                .map(|(i, item)| (i.to_string(), item)),
            _ => None,
        };
        match next {
            Some((key, child)) => {
                path.push(key);
                node = child;
            }
            None => return path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> String {
        let parsed = crate::syntax::parse(text);
        let root = parsed.root.expect("a document");
        path_at(&root, text.find(needle).expect("needle")).join(".")
    }

    #[test]
    fn innermost_key_path() {
        let text = "heat_template_version: 2018-08-31\nresources:\n  server:\n    type: OS::Nova::Server\n    properties:\n      image: {get_parm: cirros}\n      networks:\n        - port: {get_resource: prot}\n";
        assert_eq!(
            at(text, "get_parm"),
            "resources.server.properties.image.get_parm"
        );
        assert_eq!(at(text, "image"), "resources.server.properties.image");
        assert_eq!(
            at(text, "prot"),
            "resources.server.properties.networks.0.port.get_resource"
        );
        assert_eq!(at(text, "resources"), "resources");
        assert_eq!(at(text, "heat_template_version"), "heat_template_version");
    }

    #[test]
    fn moving_lines_keeps_the_path() {
        let a = "parameters:\n  flavor: {type: string}\n";
        let b = "# a comment\n\n\nparameters:\n  # more\n  flavor: {type: string}\n";
        assert_eq!(at(a, "flavor"), at(b, "flavor"));
    }
}
