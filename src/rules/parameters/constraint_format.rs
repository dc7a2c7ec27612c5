use crate::rules::{Context, Sink};
use crate::syntax::Value;

crate::declare_rule! {
    /// A parameter constraint that Heat cannot read: `constraints` that is not a
    /// list, an entry with an unknown key or no kind, a malformed `range`,
    /// `length` or `modulo`, `allowed_values` that is not a list,
    /// `allowed_pattern` that is not a string.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template with the reason, e.g.
    /// `Invalid key 'minimum' for range constraint`,
    /// `A range constraint must have a min value and/or a max value specified.`,
    /// `min/max length must be integral`, `step cannot be 0.`,
    /// `No constraint expressed` (also for `modulo` before
    /// `heat_template_version: 2017-02-24`).
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   count:
    ///     type: number
    ///     constraints:
    ///       - range: {minimum: 1}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   count:
    ///     type: number
    ///     constraints:
    ///       - range: {min: 1}
    /// ```
    pub static CONSTRAINT_FORMAT = ("H204", "constraint-format", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for p in &cx.template.parameter_defs {
        if let Some(node) = p.constraints_node {
            if !matches!(node.value, Value::Seq(_)) {
                sink.report(
                    &CONSTRAINT_FORMAT,
                    node.span,
                    format!(
                        "the constraints of parameter `{}` must be a list, not {}",
                        p.name(),
                        node.kind_name()
                    ),
                )
                .help("write each constraint as a list item: `- length: {min: 1}`");
                continue;
            }
        }
        for entry in &p.constraints {
            if let Err(e) = entry {
                sink.report(
                    &CONSTRAINT_FORMAT,
                    e.span,
                    format!(
                        "invalid constraint on parameter `{}`: {}",
                        p.name(),
                        e.message
                    ),
                );
            }
        }
    }
}
