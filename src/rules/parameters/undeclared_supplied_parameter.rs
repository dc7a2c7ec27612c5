use crate::hot::inputs::ValueOrigin;
use crate::rules::{Context, Sink, nearest};
use crate::source::Span;

crate::declare_rule! {
    /// A value given for a parameter the template does not declare, with `-P`
    /// or in an environment file's `parameters`.
    ///
    /// ## Why is this bad?
    /// Heat refuses the stack: `The Parameter (flavour) was not defined in
    /// template.` Environment `parameters` are for the top-level template only;
    /// `parameter_defaults` may name parameters of any template of the tree,
    /// and unknown names there are ignored.
    ///
    /// ## Example
    /// ```yaml
    /// # env.yaml
    /// parameters:
    ///   flavour: m1.small
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   flavor: m1.small
    /// ```
    pub static UNDECLARED_SUPPLIED_PARAMETER = ("H209", "undeclared-supplied-parameter", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if !cx.inputs.is_root || cx.template.version.is_none() {
        return;
    }
    let mut names: Vec<(&String, &ValueOrigin)> = cx
        .inputs
        .supplied
        .iter()
        .map(|(k, g)| (k, &g.origin))
        .collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    for (name, origin) in names {
        if cx.template.declares_parameter(name) {
            continue;
        }
        let at = cx
            .template
            .section("parameters")
            .or(cx.template.version_entry)
            .map(|e| e.key.span)
            .unwrap_or(Span::empty(0));
        let d = match origin {
            ValueOrigin::Environment { file, key_span } => {
                let d = sink.report_in_file(
                    &UNDECLARED_SUPPLIED_PARAMETER,
                    *file,
                    *key_span,
                    format!(
                        "a value is given for parameter `{name}`, which the template does not declare"
                    ),
                );
                d.related.push(crate::diagnostics::Related {
                    file: cx.file,
                    span: at,
                    message: "the template's parameters".into(),
                });
                d
            }
            _ => sink
                .report(
                    &UNDECLARED_SUPPLIED_PARAMETER,
                    at,
                    format!(
                        "a value is given on the command line for parameter `{name}`, which this template does not declare"
                    ),
                ),
        };
        let declared = cx.template.parameters.iter().map(|p| p.name);
        if let Some(near) = nearest(name, declared) {
            d.help(format!("did you mean `{near}`?"));
        }
    }
}
