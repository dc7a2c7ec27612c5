use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A parameter whose definition is not a mapping, or that has no `type`.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Invalid parameter (a), expected a mapping`, or
    /// `Missing parameter type for parameter: a`.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   flavor: m1.small
    ///   image:
    ///     default: fedora-coreos
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   flavor:
    ///     type: string
    ///     default: m1.small
    ///   image:
    ///     type: string
    ///     default: fedora-coreos
    /// ```
    pub static PARAMETER_DEFINITION = ("H201", "parameter-definition", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    for p in &cx.template.parameters {
        let def = p.def();
        if def.as_map().is_none() {
            sink.report(
                &PARAMETER_DEFINITION,
                def.span,
                format!(
                    "parameter `{}` must be a mapping with a `type`, not {}",
                    p.name,
                    def.kind_name()
                ),
            )
            .help("write `name: {type: string}`, with a default if it has one");
        } else if def.get("type").is_none_or(|t| t.is_null()) {
            sink.report(
                &PARAMETER_DEFINITION,
                p.entry.key.span,
                format!("parameter `{}` has no `type`", p.name),
            )
            .help("the types are string, number, comma_delimited_list, json and boolean");
        }
    }
}
