use crate::grammar::Grammar;
use crate::rules::{Context, Sink, nearest};
use crate::syntax::Value;

crate::declare_rule! {
    /// A key in a parameter definition that Heat does not know, or `tags` that
    /// is not a list.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Invalid key 'defualt' for parameter (a)`.
    /// `tags` exists from `heat_template_version: 2018-03-02` and must be a list
    /// (`Tags property should be a list for parameter: a`).
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   flavor:
    ///     type: string
    ///     defualt: m1.small
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   flavor:
    ///     type: string
    ///     default: m1.small
    /// ```
    pub static UNKNOWN_PARAMETER_KEY = ("H203", "unknown-parameter-key", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    for p in &cx.template.parameter_defs {
        let Some(fields) = p.named.def().as_map() else {
            continue;
        };
        for field in fields {
            let key: &str = &field.key_text;
            if version.has_parameter_key(key) {
                if key == "tags" && !matches!(field.value.value, Value::Seq(_)) {
                    sink.report(
                        &UNKNOWN_PARAMETER_KEY,
                        field.value.span,
                        format!("`tags` of parameter `{}` must be a list", p.name()),
                    );
                }
                continue;
            }
            let d = sink.report(
                &UNKNOWN_PARAMETER_KEY,
                field.key.span,
                format!("`{key}` is not a key of a parameter definition"),
            );
            let later = Grammar::builtin()
                .versions
                .iter()
                .find(|v| v.has_parameter_key(key));
            if let Some(later) = later {
                d.help(format!(
                    "`{key}` exists from heat_template_version {}",
                    later.date
                ));
            } else if let Some(near) =
                nearest(key, version.parameter_keys.iter().map(String::as_str))
            {
                d.help(format!("did you mean `{near}`?"));
            }
        }
    }
}
