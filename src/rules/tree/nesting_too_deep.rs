use crate::diagnostics::{Diagnostic, Related};
use crate::link::Tree;
use crate::rules::Sink;
use crate::rules::context::Limits;
use crate::source::{FileId, Span};

crate::declare_rule! {
    /// Stacks nested deeper than Heat's `max_nested_stack_depth` (5 by default).
    ///
    /// ## Why is this bad?
    /// Heat refuses to create the innermost stack: `Request limit exceeded:
    /// Recursion depth exceeds 5.` The limit is a heat.conf setting; set the one
    /// your cloud uses in `hotc.toml` (`[limits] max_nested_depth`). hotc checks
    /// the deeper templates anyway.
    pub static NESTING_TOO_DEEP = ("H704", "nesting-too-deep", Warning);
}

/// Reports the nesting `chain` (each file with the span in its parent that
/// nests it) that goes one level deeper at `span` in `file`.
pub fn report(
    tree: &Tree,
    chain: &[(FileId, Span)],
    file: FileId,
    span: Span,
    limits: &Limits,
    out: &mut Vec<Diagnostic>,
) {
    let names: Vec<String> = chain
        .iter()
        .map(|(f, _)| tree.names[f.0 as usize].clone())
        .collect();
    let mut sink = Sink::new(file);
    let d = sink.report(
        &NESTING_TOO_DEEP,
        span,
        format!(
            "stacks nest {} deep here, more than Heat's limit of {}: {}",
            chain.len(),
            limits.max_nested_depth,
            names.join(" → ")
        ),
    );
    for w in chain.windows(2) {
        d.related.push(Related {
            file: w[0].0,
            span: w[1].1,
            message: "nested here".into(),
        });
    }
    out.extend(sink.diagnostics);
}
