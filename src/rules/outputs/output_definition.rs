use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// An output that is not a mapping, or that has no `value`.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Output validation error: outputs.url: Each
    /// output definition must contain a value key.`, or `Output definitions must
    /// be a map`.
    ///
    /// ## Example
    /// ```yaml
    /// outputs:
    ///   url:
    ///     description: The address of the server
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// outputs:
    ///   url:
    ///     description: The address of the server
    ///     value: {get_attr: [server, first_address]}
    /// ```
    pub static OUTPUT_DEFINITION = ("H601", "output-definition", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    for o in &cx.template.outputs {
        let def = o.def();
        if def.as_map().is_none() {
            sink.report(
                &OUTPUT_DEFINITION,
                def.span,
                format!(
                    "output `{}` must be a mapping with a `value`, not {}",
                    o.name,
                    def.kind_name()
                ),
            )
            .help(format!("write `{}: {{value: ...}}`", o.name));
        } else if def.get("value").is_none() {
            sink.report(
                &OUTPUT_DEFINITION,
                o.entry.key.span,
                format!("output `{}` has no `value`", o.name),
            );
        }
    }
}
