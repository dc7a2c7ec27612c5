use std::collections::HashSet;

use crate::diagnostics::{Diagnostic, Related};
use crate::link::Tree;
use crate::rules::Sink;
use crate::source::{FileId, Span};

crate::declare_rule! {
    /// Nested templates include each other in a cycle (a.yaml nests b.yaml nests a.yaml).
    ///
    /// ## Why is this bad?
    /// Heat nests stacks until `max_nested_stack_depth` and fails:
    /// `Recursion depth exceeds 5.` The cycle may go through `type: x.yaml`,
    /// a type the registry maps to a file, or group members. hotc reports the
    /// chain once per cycle, starting at the file with the smallest path, and
    /// never follows it.
    pub static INCLUDE_CYCLE = ("H703", "include-cycle", Error);
}

/// Reports a cycle given as its edges: each the file and the span in it that
/// nests the next file.
pub fn report(
    tree: &Tree,
    edges: &[(FileId, Span)],
    reported: &mut HashSet<Vec<(FileId, Span)>>,
    out: &mut Vec<Diagnostic>,
) {
    if edges.is_empty() {
        return;
    }
    // Start at the file with the smallest path, so every way into the cycle
    // gives the same diagnostic.
    let start = (0..edges.len())
        .min_by_key(|&i| (&tree.paths[edges[i].0.0 as usize], edges[i].1.start))
        .unwrap_or(0);
    let mut rotated: Vec<(FileId, Span)> = edges[start..].to_vec();
    rotated.extend_from_slice(&edges[..start]);
    if !reported.insert(rotated.clone()) {
        return;
    }
    let name = |f: FileId| tree.names[f.0 as usize].clone();
    let mut names: Vec<String> = rotated.iter().map(|(f, _)| name(*f)).collect();
    names.push(name(rotated[0].0));
    let (first_file, first_span) = rotated[0];
    let mut sink = Sink::new(first_file);
    let d = sink.report(
        &INCLUDE_CYCLE,
        first_span,
        format!("nested templates include each other: {}", names.join(" → ")),
    );
    for (n, (f, span)) in rotated.iter().enumerate().skip(1) {
        let next = rotated.get(n + 1).unwrap_or(&rotated[0]).0;
        d.related.push(Related {
            file: *f,
            span: *span,
            message: format!("which nests {} here", name(next)),
        });
    }
    out.extend(sink.diagnostics);
}
