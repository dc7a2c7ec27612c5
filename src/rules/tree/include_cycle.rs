use petgraph::graph::{DiGraph, NodeIndex};

use crate::diagnostics::Diagnostic;
use crate::rules::Sink;
use crate::source::FileId;
use crate::workspace::{ReferenceKind, Workspace};

crate::declare_rule! {
    /// Nested templates include each other in a cycle (a.yaml nests b.yaml nests a.yaml).
    ///
    /// ## Why is this bad?
    /// Heat nests stacks until `max_nested_stack_depth` and fails:
    /// `Recursion depth exceeds 5.` hotc reports the chain once per cycle and
    /// never follows it.
    pub static INCLUDE_CYCLE = ("H703", "include-cycle", Error);
}

pub fn check(workspace: &Workspace, out: &mut Vec<Diagnostic>) {
    let mut graph: DiGraph<usize, (usize, usize)> = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..workspace.files.len())
        .map(|i| graph.add_node(i))
        .collect();
    for (i, f) in workspace.files.iter().enumerate() {
        for (r, reference) in f.references.iter().enumerate() {
            if reference.kind != ReferenceKind::NestedTemplate {
                continue;
            }
            if let Some(j) = reference.target.as_ref().and_then(|t| workspace.find(t)) {
                graph.add_edge(nodes[i], nodes[j], (i, r));
            }
        }
    }
    for component in petgraph::algo::tarjan_scc(&graph) {
        let self_loop = component.len() == 1 && graph.contains_edge(component[0], component[0]);
        if component.len() < 2 && !self_loop {
            continue;
        }
        // Start at the member with the smallest path, follow edges inside the cycle.
        let mut members: Vec<usize> = component.iter().map(|n| graph[*n]).collect();
        members.sort_by(|a, b| {
            workspace.files[*a]
                .source
                .path
                .cmp(&workspace.files[*b].source.path)
        });
        let start = members[0];
        let mut chain = vec![start];
        let mut edges = Vec::new();
        let mut current = start;
        loop {
            let next = graph
                .edges(nodes[current])
                .filter(|e| members.contains(&graph[petgraph::visit::EdgeRef::target(e)]))
                .map(|e| (graph[petgraph::visit::EdgeRef::target(&e)], *e.weight()))
                .min_by_key(|(t, (_, r))| {
                    (*t != start, workspace.files[*t].source.path.clone(), *r)
                });
            let Some((target, edge)) = next else { break };
            edges.push(edge);
            if target == start || chain.contains(&target) {
                chain.push(target);
                break;
            }
            chain.push(target);
            current = target;
        }
        let names: Vec<String> = chain
            .iter()
            .map(|&i| workspace.files[i].source.display.clone())
            .collect();
        let (first_file, first_ref) = edges[0];
        let reference = &workspace.files[first_file].references[first_ref];
        let mut sink = Sink::new(FileId(first_file as u32));
        let d = sink.report(
            &INCLUDE_CYCLE,
            reference.span,
            format!("nested templates include each other: {}", names.join(" → ")),
        );
        for &(f, r) in edges.iter().skip(1) {
            let reference = &workspace.files[f].references[r];
            d.related.push(crate::diagnostics::Related {
                file: FileId(f as u32),
                span: reference.span,
                message: format!("which nests `{}` here", reference.written),
            });
        }
        out.extend(sink.diagnostics);
    }
}
