use super::nested_uses;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A parameter of a nested template that has no default and that the
    /// parent gives no value for, as a property or in `parameter_defaults`.
    ///
    /// ## Why is this bad?
    /// Heat creates the nested stack without it and fails: `Property error:
    /// resources.master.properties: Property flavor not assigned`, or, for a
    /// group member, `The Parameter (flavor) was not provided.` Heat's
    /// validation of the parent does not see it for group members; it shows
    /// when the stack is created.
    ///
    /// ## Example
    /// ```yaml
    /// # cluster.yaml
    /// resources:
    ///   master:
    ///     type: master.yaml
    /// # master.yaml
    /// parameters:
    ///   flavor: {type: string}
    /// ```
    pub static MISSING_NESTED_PARAMETER = ("H707", "missing-nested-parameter", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for u in nested_uses(cx) {
        // Properties computed by a function: hotc cannot tell which are given.
        if u.has_properties && u.properties.is_none() {
            continue;
        }
        let given = |name: &str| {
            u.properties
                .and_then(|p| p.get(name))
                .is_some_and(|v| !v.is_null())
        };
        for p in &u.template.parameter_defs {
            let has_default = p.default.is_some_and(|d| !d.is_null());
            if has_default || given(p.name()) || cx.inputs.parameter_defaults.contains_key(p.name())
            {
                continue;
            }
            let what = if u.member.is_some() {
                format!("group `{}` gives its members", u.resource.name)
            } else {
                format!("resource `{}` gives", u.resource.name)
            };
            sink.report_in(
                &MISSING_NESTED_PARAMETER,
                &u.live,
                u.type_span,
                format!(
                    "{what} no value for parameter `{}` of {}, which has no default",
                    p.name(),
                    cx.file_name(u.file)
                ),
            )
            .related
            .push(crate::diagnostics::Related {
                file: u.file,
                span: p.named.entry.key.span,
                message: "declared here".into(),
            });
        }
    }
}
