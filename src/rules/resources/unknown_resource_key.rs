use crate::grammar::Grammar;
use crate::rules::{Context, Sink, nearest};

crate::declare_rule! {
    /// A key in a resource definition that the template's version does not
    /// have.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `"propertis" is not a valid keyword inside a
    /// resource definition`. `condition` and `external_id` exist from
    /// `heat_template_version: 2016-10-14` (`Invalid keyword(s) inside a
    /// resource definition: external_id`).
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   port:
    ///     type: OS::Neutron::Port
    ///     propertis:
    ///       network: private
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// resources:
    ///   port:
    ///     type: OS::Neutron::Port
    ///     properties:
    ///       network: private
    /// ```
    pub static UNKNOWN_RESOURCE_KEY = ("H302", "unknown-resource-key", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    for r in &cx.template.resources {
        let Some(fields) = r.def().as_map() else {
            continue;
        };
        for field in fields {
            let key: &str = &field.key_text;
            if version.has_resource_key(key) {
                continue;
            }
            let d = sink.report(
                &UNKNOWN_RESOURCE_KEY,
                field.key.span,
                format!("`{key}` is not a key of a resource definition"),
            );
            let later = Grammar::builtin()
                .versions
                .iter()
                .find(|v| v.has_resource_key(key));
            if let Some(later) = later {
                d.help(format!(
                    "`{key}` exists from heat_template_version {}",
                    later.date
                ));
            } else if let Some(near) =
                nearest(key, version.resource_keys.iter().map(String::as_str))
            {
                d.help(format!("did you mean `{near}`?"));
            }
        }
    }
}
