use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A constraint that does not apply to the parameter's type.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Parameter 'a' is invalid: Range constraint
    /// invalid for string`. `length` applies to string, comma_delimited_list and
    /// json; `range` and `modulo` to number; `allowed_values` and
    /// `custom_constraint` to string, number, boolean and comma_delimited_list;
    /// `allowed_pattern` to string only.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   name:
    ///     type: string
    ///     constraints:
    ///       - range: {max: 63}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   name:
    ///     type: string
    ///     constraints:
    ///       - length: {max: 63}
    /// ```
    pub static CONSTRAINT_NOT_FOR_TYPE = ("H205", "constraint-not-for-type", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for p in &cx.template.parameter_defs {
        let Some(ty) = p.ty else { continue };
        for entry in p.valid_constraints() {
            if !entry.constraint.applies_to(ty) {
                sink.report(
                    &CONSTRAINT_NOT_FOR_TYPE,
                    entry.key_span,
                    format!(
                        "a `{}` constraint does not apply to parameter `{}` of type {}",
                        entry.constraint.key(),
                        p.name(),
                        ty.name()
                    ),
                );
            }
        }
    }
}
