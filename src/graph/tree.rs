//! `hotc graph`: the include graph of the files of a tree (nested templates,
//! `get_file`, registry mappings) and the resource dependency graph of each
//! template, as DOT for Graphviz or as JSON. Output is sorted, so it diffs well.

use std::collections::BTreeSet;

use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::hot::inputs::StackInputs;
use crate::workspace::{ReferenceKind, Workspace};

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct TreeGraph {
    pub files: Vec<FileNode>,
    pub includes: Vec<Include>,
    pub templates: Vec<TemplateGraph>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileNode {
    pub file: String,
    /// `template`, `environment`, `file` (data read with get_file) or `missing`.
    pub kind: &'static str,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Include {
    pub from: String,
    pub to: String,
    /// `nested`, `get_file` or `registry`.
    pub kind: &'static str,
    /// Where `from` names `to`.
    pub line: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TemplateGraph {
    pub file: String,
    pub resources: Vec<ResourceNode>,
    pub dependencies: Vec<Dependency>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct ResourceNode {
    pub name: String,
    /// The `type` as written (empty when it is not a string).
    #[serde(rename = "type")]
    pub type_name: String,
}

/// `from` is created after `to`.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dependency {
    pub from: String,
    pub to: String,
    /// `depends_on`, `get_resource` or `get_attr`.
    pub kind: &'static str,
    /// Whether the edge exists with the effective parameter values.
    pub live: bool,
}

/// The graphs of a loaded tree; `inputs` decide which conditional edges are live.
pub fn build(workspace: &Workspace, inputs: &StackInputs) -> TreeGraph {
    let mut out = TreeGraph::default();
    let display = |path: &std::path::Path| {
        workspace
            .find(path)
            .map(|i| workspace.files[i].source.display.clone())
            .unwrap_or_else(|| path.to_string_lossy().into_owned())
    };
    let mut files: BTreeSet<FileNode> = BTreeSet::new();
    for f in &workspace.files {
        let kind = match &f.parsed.root {
            _ if !f.read => "missing",
            Some(root) if crate::hot::environment::is_environment(root) => "environment",
            Some(root) if crate::hot::classify(root) == crate::hot::Kind::Hot => "template",
            _ => "file",
        };
        files.insert(FileNode {
            file: f.source.display.clone(),
            kind,
        });
        for r in &f.references {
            let Some(target) = &r.target else { continue };
            out.includes.push(Include {
                from: f.source.display.clone(),
                to: display(target),
                kind: match r.kind {
                    ReferenceKind::NestedTemplate => "nested",
                    ReferenceKind::GetFile => "get_file",
                    ReferenceKind::RegistryTemplate => "registry",
                },
                line: f.source.position(r.span.start as usize).line,
            });
        }
        let Some(root) = &f.parsed.root else { continue };
        let graph = crate::check::with_resource_graph(root, inputs, |template, graph| {
            let mut resources: Vec<ResourceNode> = template
                .resources
                .iter()
                .map(|r| ResourceNode {
                    name: r.name.to_string(),
                    type_name: r
                        .get("type")
                        .and_then(|t| t.as_str())
                        .unwrap_or("")
                        .to_string(),
                })
                .collect();
            resources.sort();
            let mut dependencies: Vec<Dependency> = graph
                .graph
                .edge_references()
                .map(|e| Dependency {
                    from: graph.graph[e.source()].to_string(),
                    to: graph.graph[e.target()].to_string(),
                    kind: e.weight().kind.describe(),
                    live: e.weight().live.is_live(),
                })
                .collect();
            dependencies.sort();
            dependencies.dedup();
            TemplateGraph {
                file: f.source.display.clone(),
                resources,
                dependencies,
            }
        });
        if let Some(graph) = graph {
            out.templates.push(graph);
        }
    }
    out.files = files.into_iter().collect();
    out.includes.sort();
    out.includes.dedup();
    out.templates.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

pub fn to_json(graph: &TreeGraph) -> String {
    let mut text = serde_json::to_string_pretty(graph).unwrap_or_default();
    text.push('\n');
    text
}

/// A DOT identifier or label: always quoted, with `"` and `\` escaped and
/// line breaks written as `\n`.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn to_dot(graph: &TreeGraph) -> String {
    let mut out = String::from(
        "digraph hotc {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n\n",
    );
    out.push_str("  subgraph cluster_files {\n    label=\"files\";\n");
    for f in &graph.files {
        let style = match f.kind {
            "template" => "",
            "environment" => ", style=rounded",
            "missing" => ", style=dashed, color=red",
            _ => ", shape=note",
        };
        out.push_str(&format!(
            "    {} [label={}{style}];\n",
            quote(&format!("file:{}", f.file)),
            quote(&f.file)
        ));
    }
    for i in &graph.includes {
        let style = if i.kind == "get_file" {
            ", style=dashed"
        } else {
            ""
        };
        out.push_str(&format!(
            "    {} -> {} [label={}{style}];\n",
            quote(&format!("file:{}", i.from)),
            quote(&format!("file:{}", i.to)),
            quote(i.kind)
        ));
    }
    out.push_str("  }\n");
    // A template without resources has nothing to draw.
    let drawn = graph.templates.iter().filter(|t| !t.resources.is_empty());
    for (n, t) in drawn.enumerate() {
        out.push_str(&format!(
            "\n  subgraph cluster_{n} {{\n    label={};\n",
            quote(&t.file)
        ));
        let id = |name: &str| quote(&format!("{}#{name}", t.file));
        for r in &t.resources {
            let label = if r.type_name.is_empty() {
                r.name.clone()
            } else {
                format!("{}\n{}", r.name, r.type_name)
            };
            out.push_str(&format!("    {} [label={}];\n", id(&r.name), quote(&label)));
        }
        for d in &t.dependencies {
            let style = if d.live { "" } else { ", style=dotted" };
            out.push_str(&format!(
                "    {} -> {} [label={}{style}];\n",
                id(&d.from),
                id(&d.to),
                quote(d.kind)
            ));
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_quotes_escape() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
