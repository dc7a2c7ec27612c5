use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A constraint entry with several kinds: Heat uses one and ignores the rest.
    ///
    /// ## Why is this bad?
    /// Heat reads one kind per entry, by priority modulo, range, length,
    /// allowed_values, allowed_pattern, custom_constraint, and silently drops
    /// the others, so the value is not checked the way the template says.
    ///
    /// ## Example
    /// ```yaml
    /// constraints:
    ///   - length: {max: 63}
    ///     allowed_pattern: "[a-z]+"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// constraints:
    ///   - length: {max: 63}
    ///   - allowed_pattern: "[a-z]+"
    /// ```
    pub static IGNORED_CONSTRAINT = ("H211", "ignored-constraint", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for p in &cx.template.parameter_defs {
        for entry in p.valid_constraints() {
            for (kind, span) in &entry.ignored {
                sink.report(
                    &IGNORED_CONSTRAINT,
                    *span,
                    format!(
                        "Heat ignores this `{kind}`: the entry's `{}` takes priority",
                        entry.constraint.key()
                    ),
                )
                .related_here(entry.key_span, "the constraint Heat uses")
                .help("give each constraint its own list item");
            }
        }
    }
}
