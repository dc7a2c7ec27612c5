use crate::rules::{Context, Sink};
use crate::syntax::Value;

crate::declare_rule! {
    /// A resource that is not a mapping, or that has no `type` (or an empty one).
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Each resource must contain a type key.`,
    /// `Each Resource must contain a Type key.` (an empty type), or `"resources"
    /// must contain a map of resource maps`.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   server:
    ///     properties:
    ///       flavor: m1.small
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// resources:
    ///   server:
    ///     type: OS::Nova::Server
    ///     properties:
    ///       flavor: m1.small
    /// ```
    pub static RESOURCE_DEFINITION = ("H301", "resource-definition", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    for r in &cx.template.resources {
        let def = r.def();
        match &def.value {
            Value::Map(entries) if !entries.is_empty() => {
                let Some(ty) = def.entry("type") else {
                    sink.report(
                        &RESOURCE_DEFINITION,
                        r.entry.key.span,
                        format!("resource `{}` has no `type`", r.name),
                    );
                    continue;
                };
                let empty = match &ty.value.value {
                    Value::Null => true,
                    Value::Str(s) => s.is_empty(),
                    _ => false,
                };
                if empty {
                    sink.report(
                        &RESOURCE_DEFINITION,
                        ty.value.span.cover(ty.key.span),
                        format!("resource `{}` has an empty `type`", r.name),
                    );
                }
            }
            Value::Map(_) | Value::Null => {
                sink.report(
                    &RESOURCE_DEFINITION,
                    r.entry.key.span,
                    format!("resource `{}` is empty: it needs at least a `type`", r.name),
                );
            }
            _ => {
                sink.report(
                    &RESOURCE_DEFINITION,
                    def.span,
                    format!(
                        "resource `{}` must be a mapping with a `type`, not {}",
                        r.name,
                        def.kind_name()
                    ),
                );
            }
        }
    }
}
