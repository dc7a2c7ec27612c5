use super::nested_uses;
use crate::rules::{Context, Sink, nearest};

crate::declare_rule! {
    /// A property given to a template resource (or a group member) that the
    /// nested template does not declare as a parameter.
    ///
    /// ## Why is this bad?
    /// A template resource's properties are the nested template's parameters.
    /// Heat refuses the stack: `Property error: resources.master.properties:
    /// Unknown Property flavour`. For group members Heat finds it only when it
    /// creates the member stack.
    ///
    /// ## Example
    /// ```yaml
    /// # cluster.yaml
    /// resources:
    ///   master:
    ///     type: master.yaml
    ///     properties:
    ///       flavour: m1.large
    /// # master.yaml
    /// parameters:
    ///   flavor: {type: string}
    /// ```
    pub static UNKNOWN_NESTED_PROPERTY = ("H706", "unknown-nested-property", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for u in nested_uses(cx) {
        let Some(entries) = u.properties.and_then(|p| p.as_map()) else {
            continue;
        };
        for e in entries {
            if u.template.parameter(&e.key_text).is_some() {
                continue;
            }
            let d = sink.report_in(
                &UNKNOWN_NESTED_PROPERTY,
                &u.live,
                e.key.span,
                format!(
                    "`{}` is not a parameter of {}",
                    e.key_text,
                    cx.file_name(u.file)
                ),
            );
            d.related.push(crate::diagnostics::Related {
                file: u.file,
                span: u
                    .template
                    .section("parameters")
                    .map(|s| s.key.span)
                    .unwrap_or_default(),
                message: "its parameters".into(),
            });
            if let Some(near) = nearest(&e.key_text, u.template.parameters.iter().map(|p| p.name)) {
                d.help(format!("did you mean `{near}`?"));
            }
        }
    }
}
