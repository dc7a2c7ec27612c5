use crate::diagnostics::Diagnostic;
use crate::hot::environment::MergeIssue;
use crate::rules::Sink;

crate::declare_rule! {
    /// `parameter_merge_strategies` that Heat refuses: two environment files
    /// that give one parameter different strategies, or `merge`/`deep_merge`
    /// of a parameter whose value cannot be merged.
    ///
    /// ## Why is this bad?
    /// Heat refuses the stack: `Conflicting merge strategy 'merge' for
    /// parameter 'x' in file 'b.yaml'.`, `Invalid merge strategy 'merge' for
    /// parameter 'debug'.` (booleans cannot be merged), `Invalid parameter in
    /// environment`.
    ///
    /// ## Example
    /// ```yaml
    /// # a.yaml
    /// parameter_merge_strategies:
    ///   ExtraConfig: merge
    /// # b.yaml
    /// parameter_merge_strategies:
    ///   ExtraConfig: deep_merge
    /// ```
    pub static MERGE_STRATEGY = ("H725", "merge-strategy", Error);
}

pub fn report(issue: &MergeIssue, out: &mut Vec<Diagnostic>) {
    let (file, span, message) = match issue {
        MergeIssue::ConflictingStrategy {
            file,
            key_span,
            name,
            strategy,
        } => (
            *file,
            *key_span,
            format!(
                "parameter `{name}` is merged here with strategy `{strategy}`, but an earlier file gives it another"
            ),
        ),
        MergeIssue::InvalidMerge {
            file,
            key_span,
            name,
            message,
        } => (*file, *key_span, format!("parameter `{name}`: {message}")),
        MergeIssue::Dropped { .. } => return,
    };
    let mut sink = Sink::new(file);
    sink.report(&MERGE_STRATEGY, span, message);
    out.extend(sink.diagnostics);
}
