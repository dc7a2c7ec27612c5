use crate::diagnostics::Severity;
use crate::grammar::Grammar;
use crate::rules::{Context, Sink, nearest};

crate::declare_rule! {
    /// A key in an output definition that the template's version does not have
    /// (`description`, `value`, and from 2016-10-14 `condition`).
    ///
    /// ## Why is this bad?
    /// In a top-level template Heat ignores it, so a misspelt `condition` or
    /// `value` silently does nothing. When the template is nested (a template
    /// resource, a group member) Heat refuses it: `"valeu" is not a valid keyword
    /// inside a output definition`; there the finding is an error.
    ///
    /// ## Example
    /// ```yaml
    /// outputs:
    ///   url:
    ///     value: {get_attr: [server, first_address]}
    ///     descripton: The address of the server
    /// ```
    pub static UNKNOWN_OUTPUT_KEY = ("H602", "unknown-output-key", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    for o in &cx.template.outputs {
        let Some(fields) = o.def().as_map() else {
            continue;
        };
        for field in fields {
            let key: &str = &field.key_text;
            if version.has_output_key(key) {
                continue;
            }
            let nested = !cx.inputs.is_root;
            let message = if nested {
                format!(
                    "`{key}` is not a key of an output definition; Heat refuses it in a nested template"
                )
            } else {
                format!("`{key}` is not a key of an output definition; Heat ignores it")
            };
            let d = sink.report(&UNKNOWN_OUTPUT_KEY, field.key.span, message);
            if nested {
                d.severity = Severity::Error;
            }
            let later = Grammar::builtin()
                .versions
                .iter()
                .find(|v| v.has_output_key(key));
            if let Some(later) = later {
                d.help(format!(
                    "`{key}` exists from heat_template_version {}",
                    later.date
                ));
            } else if let Some(near) = nearest(key, version.output_keys.iter().map(String::as_str))
            {
                d.help(format!("did you mean `{near}`?"));
            }
        }
    }
}
