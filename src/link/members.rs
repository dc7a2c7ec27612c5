//! The members of ResourceGroup, AutoScalingGroup and ResourceChain: a
//! resource definition inside the group's properties, created as a nested
//! stack of its own.

use std::path::Path;

use super::Tree;
use super::types::{Resolved, resolve_type};
use crate::hot::environment::Environment;
use crate::hot::functions::{Context as FnContext, as_call};
use crate::hot::{Named, Template};
use crate::syntax::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    ResourceGroup,
    AutoScalingGroup,
    ResourceChain,
}

impl GroupKind {
    pub fn of(type_name: &str) -> Option<GroupKind> {
        Some(match type_name {
            "OS::Heat::ResourceGroup" => GroupKind::ResourceGroup,
            "OS::Heat::AutoScalingGroup" => GroupKind::AutoScalingGroup,
            "OS::Heat::ResourceChain" => GroupKind::ResourceChain,
            _ => return None,
        })
    }

    /// The property that holds the member definition.
    pub fn definition_property(self) -> &'static str {
        match self {
            GroupKind::ResourceGroup => "resource_def",
            GroupKind::AutoScalingGroup => "resource",
            GroupKind::ResourceChain => "resources",
        }
    }
}

/// One member definition of a group.
#[derive(Clone, Debug)]
pub struct Member<'d> {
    pub kind: GroupKind,
    /// The definition (`resource_def` map, `resource` map, or a chain's type).
    pub definition: &'d Node,
    /// The member's `properties` (a chain's `resource_properties`).
    pub properties: Option<&'d Node>,
    pub resolved: Resolved<'d>,
    /// The string ResourceGroup replaces by the member's index.
    pub index_var: Option<String>,
}

pub fn of<'d>(
    type_name: &str,
    resource: &Named<'d>,
    path: &Path,
    environment: &Environment,
    tree: &Tree,
    template: &Template<'d>,
    value_of: &dyn Fn(&Node) -> Option<serde_json::Value>,
) -> Vec<Member<'d>> {
    let Some(kind) = GroupKind::of(type_name) else {
        return Vec::new();
    };
    let Some(version) = template.version else {
        return Vec::new();
    };
    let Some(properties) = resource.get("properties") else {
        return Vec::new();
    };
    let is_call = |n: &Node| as_call(n, version, FnContext::Normal).is_some();
    let Some(definition) = properties.get(kind.definition_property()) else {
        return Vec::new();
    };
    // A chain's types given by a parameter (TripleO's service lists): their
    // value when it is known.
    if is_call(definition) {
        if kind != GroupKind::ResourceChain {
            return Vec::new();
        }
        let Some(serde_json::Value::Array(types)) = value_of(definition) else {
            return Vec::new();
        };
        let shared = properties
            .get("resource_properties")
            .filter(|p| !is_call(p));
        return types
            .into_iter()
            .filter_map(|t| match t {
                serde_json::Value::String(s) if !s.is_empty() => Some(s),
                _ => None,
            })
            .map(|written| Member {
                kind,
                definition,
                properties: shared,
                resolved: resolve_type(written, definition.span, None, path, environment, tree),
                index_var: None,
            })
            .collect();
    }
    let mut out = Vec::new();
    match kind {
        GroupKind::ResourceGroup | GroupKind::AutoScalingGroup => {
            let Some(ty) = definition.get("type") else {
                return out;
            };
            let Some(written) = ty.as_str() else {
                return out;
            };
            let index_var = if kind == GroupKind::ResourceGroup {
                match properties.get("index_var") {
                    None => Some("%index%".to_string()),
                    Some(v) => v.as_str().map(str::to_string),
                }
            } else {
                None
            };
            out.push(Member {
                kind,
                definition,
                properties: definition.get("properties").filter(|p| !is_call(p)),
                resolved: resolve_type(written, ty.span, None, path, environment, tree),
                index_var,
            });
        }
        GroupKind::ResourceChain => {
            let shared = properties
                .get("resource_properties")
                .filter(|p| !is_call(p));
            for item in definition.as_seq().unwrap_or(&[]) {
                let Some(written) = item.as_str() else {
                    continue;
                };
                out.push(Member {
                    kind,
                    definition: item,
                    properties: shared,
                    resolved: resolve_type(written, item.span, None, path, environment, tree),
                    index_var: None,
                });
            }
        }
    }
    out
}
