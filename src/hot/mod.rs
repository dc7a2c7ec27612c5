//! The typed HOT model, built from the syntax tree: the template's sections,
//! its parameters, resources, outputs and conditions, and function calls
//! recognised exactly as Heat recognises them in the template's version.

pub mod conditions;
pub mod constraints;
pub mod custom_constraints;
pub mod environment;
pub mod functions;
pub mod inputs;
pub mod parameters;
pub mod pattern;
pub mod python;
pub mod values;
pub mod walk;

use std::collections::HashMap;

use crate::grammar::{Grammar, VersionSpec};
use crate::syntax::{Entry, Node};

/// What kind of document a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `heat_template_version` with a string value.
    Hot,
    /// `AWSTemplateFormatVersion` or `HeatTemplateFormatVersion`: not checked.
    Cfn(&'static str),
    /// A mapping with none of the version keys (maybe an environment file).
    NoVersion,
    /// Not a mapping at all.
    NotAMapping,
}

/// A named definition in a section (`parameters`, `resources`, `outputs`, `conditions`).
#[derive(Clone, Copy, Debug)]
pub struct Named<'d> {
    pub name: &'d str,
    pub entry: &'d Entry,
}

impl<'d> Named<'d> {
    pub fn def(&self) -> &'d Node {
        &self.entry.value
    }
    pub fn get(&self, key: &str) -> Option<&'d Node> {
        self.entry.value.get(key)
    }
    pub fn field(&self, key: &str) -> Option<&'d Entry> {
        self.entry.value.entry(key)
    }
}

/// A HOT template, borrowing its syntax tree.
#[derive(Debug)]
pub struct Template<'d> {
    pub root: &'d Node,
    pub kind: Kind,
    /// The `heat_template_version` entry, whatever its value.
    pub version_entry: Option<&'d Entry>,
    /// The version, when the value is one Heat knows.
    pub version: Option<&'static VersionSpec>,
    pub parameters: Vec<Named<'d>>,
    pub resources: Vec<Named<'d>>,
    pub outputs: Vec<Named<'d>>,
    pub conditions: Vec<Named<'d>>,
    /// The parameters as Heat reads them (only those that are mappings; empty
    /// when the version is unknown).
    pub parameter_defs: Vec<parameters::ParameterDef<'d>>,
    /// Where the first entry of each name is in its list, so that a lookup
    /// by name costs the same in a template of ten resources and of ten
    /// thousand.
    index: Index<'d>,
}

#[derive(Debug)]
struct Index<'d> {
    parameters: HashMap<&'d str, usize>,
    resources: HashMap<&'d str, usize>,
    outputs: HashMap<&'d str, usize>,
    conditions: HashMap<&'d str, usize>,
    parameter_defs: HashMap<&'d str, usize>,
}

/// The entry of `list` that `index` places under `name`.
fn by_name<'a, T>(index: &HashMap<&str, usize>, list: &'a [T], name: &str) -> Option<&'a T> {
    index.get(name).and_then(|&i| list.get(i))
}

/// Each name's first position in `names`.
fn first_positions<'d>(names: impl Iterator<Item = &'d str>) -> HashMap<&'d str, usize> {
    let mut out = HashMap::new();
    for (i, name) in names.enumerate() {
        out.entry(name).or_insert(i);
    }
    out
}

impl<'d> Template<'d> {
    pub fn new(root: &'d Node) -> Template<'d> {
        let kind = classify(root);
        let version_entry = root.entry("heat_template_version");
        let version = version_entry
            .and_then(|e| e.value.as_str())
            .and_then(|v| Grammar::builtin().version(v));
        let named = |section: &str| -> Vec<Named<'d>> {
            root.get(section)
                .and_then(Node::as_map)
                .map(|entries| {
                    entries
                        .iter()
                        .map(|entry| Named {
                            name: &entry.key_text,
                            entry,
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let parameters = named("parameters");
        let parameter_defs = match version {
            Some(version) => parameters
                .iter()
                .filter(|p| p.def().as_map().is_some())
                .map(|p| parameters::ParameterDef::read(*p, version))
                .collect(),
            None => Vec::new(),
        };
        let resources = named("resources");
        // A `conditions` section before 2016-10-14 is an unknown section.
        let conditions = if version.is_none_or(|v| v.has_section("conditions")) {
            named("conditions")
        } else {
            Vec::new()
        };
        let outputs = named("outputs");
        let index = Index {
            parameters: first_positions(parameters.iter().map(|p| p.name)),
            resources: first_positions(resources.iter().map(|r| r.name)),
            outputs: first_positions(outputs.iter().map(|o| o.name)),
            conditions: first_positions(conditions.iter().map(|c| c.name)),
            parameter_defs: first_positions(parameter_defs.iter().map(|p| p.name())),
        };
        Template {
            root,
            kind,
            version_entry,
            version,
            parameter_defs,
            parameters,
            resources,
            outputs,
            conditions,
            index,
        }
    }

    pub fn section(&self, name: &str) -> Option<&'d Entry> {
        self.root.entry(name)
    }

    pub fn parameter_def(&self, name: &str) -> Option<&parameters::ParameterDef<'d>> {
        by_name(&self.index.parameter_defs, &self.parameter_defs, name)
    }

    /// Whether `name` is a declared parameter or a pseudo parameter.
    pub fn declares_parameter(&self, name: &str) -> bool {
        self.parameter(name).is_some() || PSEUDO_PARAMETERS.contains(&name)
    }

    pub fn parameter(&self, name: &str) -> Option<&Named<'d>> {
        by_name(&self.index.parameters, &self.parameters, name)
    }

    pub fn resource(&self, name: &str) -> Option<&Named<'d>> {
        by_name(&self.index.resources, &self.resources, name)
    }

    pub fn output(&self, name: &str) -> Option<&Named<'d>> {
        by_name(&self.index.outputs, &self.outputs, name)
    }

    pub fn condition(&self, name: &str) -> Option<&Named<'d>> {
        by_name(&self.index.conditions, &self.conditions, name)
    }
}

/// Pseudo parameters every HOT stack has. `OS::region` is declared by Heat but
/// never given a value.
pub const PSEUDO_PARAMETERS: [&str; 4] = [
    "OS::stack_id",
    "OS::stack_name",
    "OS::project_id",
    "OS::region",
];

/// Heat counts only version keys whose value is a string.
pub fn classify(root: &Node) -> Kind {
    let Some(entries) = root.as_map() else {
        return Kind::NotAMapping;
    };
    let has = |key: &str| {
        entries
            .iter()
            .any(|e| &*e.key_text == key && e.value.as_str().is_some())
    };
    if has("heat_template_version") {
        Kind::Hot
    } else if has("AWSTemplateFormatVersion") {
        Kind::Cfn("AWSTemplateFormatVersion")
    } else if has("HeatTemplateFormatVersion") {
        Kind::Cfn("HeatTemplateFormatVersion")
    } else {
        Kind::NoVersion
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_by_name_find_the_entry_heat_keeps() {
        let parsed = crate::syntax::parse(
            "heat_template_version: 2018-08-31
parameters:
  size: {type: number}
  size: {type: string}
resources:
  a: {type: OS::Heat::None}
  b: {type: OS::Heat::RandomString}
  b: {type: OS::Heat::Value}
outputs:
  out: {value: one}
  out: {value: two}
conditions:
  enabled: true
",
        );
        let root = parsed.root.as_ref().expect("a tree");
        let t = Template::new(root);
        let ty = |n: &Named| n.get("type").and_then(Node::as_str).map(str::to_string);
        // A repeated key replaces the earlier one, as in Heat.
        assert_eq!(t.resources.len(), 2);
        assert_eq!(
            t.resource("b").and_then(ty).as_deref(),
            Some("OS::Heat::Value")
        );
        assert_eq!(t.resource("a").map(|r| r.name), Some("a"));
        assert!(t.resource("c").is_none());
        assert_eq!(t.parameter("size").and_then(ty).as_deref(), Some("string"));
        assert_eq!(
            t.parameter_def("size").and_then(|p| p.ty),
            Some(parameters::ParamType::String)
        );
        assert_eq!(
            t.output("out")
                .and_then(|o| o.get("value"))
                .and_then(Node::as_str),
            Some("two")
        );
        assert_eq!(t.condition("enabled").map(|c| c.name), Some("enabled"));
        assert!(t.condition("off").is_none());
    }
}
