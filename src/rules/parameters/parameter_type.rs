use crate::rules::{Context, Sink, nearest};

crate::declare_rule! {
    /// A parameter `type` that is not one of Heat's five parameter types.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Invalid type (String)`. The types are exact
    /// lowercase words: `string`, `number`, `comma_delimited_list`, `json` and
    /// `boolean`.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   count:
    ///     type: integer
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   count:
    ///     type: number
    /// ```
    pub static PARAMETER_TYPE = ("H202", "parameter-type", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    for p in &cx.template.parameter_defs {
        let Some(entry) = p.named.field("type") else {
            continue;
        };
        if p.ty.is_some() || entry.value.is_null() {
            continue;
        }
        let written = entry
            .value
            .scalar_text()
            .unwrap_or_else(|| entry.value.kind_name().to_string());
        let d = sink.report(
            &PARAMETER_TYPE,
            entry.value.span,
            format!("parameter `{}` has unknown type `{written}`", p.name()),
        );
        let types = version.parameter_types.iter().map(String::as_str);
        match nearest(&written, types) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help("the types are string, number, comma_delimited_list, json and boolean"),
        };
    }
}
