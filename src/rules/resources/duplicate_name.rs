use crate::hot::PSEUDO_PARAMETERS;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A resource with the name of a parameter (pseudo parameters such as
    /// `OS::stack_id` included).
    ///
    /// ## Why is this bad?
    /// Parameters and resources share one namespace in Heat, which refuses the
    /// template: `Duplicate names {'flavor'}`.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   network: {type: string}
    /// resources:
    ///   network:
    ///     type: OS::Neutron::Net
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   network_name: {type: string}
    /// resources:
    ///   network:
    ///     type: OS::Neutron::Net
    /// ```
    pub static DUPLICATE_NAME = ("H305", "duplicate-name", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    for r in &cx.template.resources {
        if let Some(p) = cx.template.parameter(r.name) {
            sink.report(
                &DUPLICATE_NAME,
                r.entry.key.span,
                format!("resource `{}` has the name of a parameter", r.name),
            )
            .related_here(p.entry.key.span, "the parameter");
        } else if PSEUDO_PARAMETERS.contains(&r.name) {
            sink.report(
                &DUPLICATE_NAME,
                r.entry.key.span,
                format!("resource `{}` has the name of a pseudo parameter", r.name),
            );
        }
    }
}
