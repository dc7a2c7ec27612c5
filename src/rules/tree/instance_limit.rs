use crate::diagnostics::Diagnostic;
use crate::rules::Sink;
use crate::source::{FileId, Span};

crate::declare_rule! {
    /// A stack's tree of nested stacks is larger than hotc follows.
    ///
    /// ## Why is this bad?
    /// hotc checks each nested stack with the inputs its parent gives it. To
    /// stay fast on any input it follows at most 20,000 nested stacks per root
    /// stack (counting each place that nests one, before identical ones are
    /// merged); the rest of the tree is not checked. Real trees stay far below:
    /// Magnum's and TripleO's need a few hundred.
    ///
    /// ## Use instead
    /// Check the deeper templates on their own, or split the tree.
    pub static INSTANCE_LIMIT = ("H711", "instance-limit", Warning);
}

/// Reports that the tree of the root stack in `root` was cut at `limit`
/// nested stacks; `span` is where the first stack not followed is nested.
pub fn report(root: FileId, file: FileId, span: Span, limit: usize, out: &mut Vec<Diagnostic>) {
    let mut sink = Sink::new(file);
    let d = sink.report(
        &INSTANCE_LIMIT,
        span,
        format!(
            "the tree nests more than {limit} stacks; hotc stops following it here, and what lies below is not checked"
        ),
    );
    if root != file {
        d.related.push(crate::diagnostics::Related {
            file: root,
            span: Span::default(),
            message: "the root stack of this tree".into(),
        });
    }
    out.extend(sink.diagnostics);
}
