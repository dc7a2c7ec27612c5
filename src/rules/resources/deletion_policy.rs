use crate::hot::functions::{Context as FnContext, as_call};
use crate::rules::{Context, Sink, nearest};
use crate::syntax::Value;

crate::declare_rule! {
    /// A `deletion_policy` that is not one of the template version's policies.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Invalid deletion policy "Keep"`. The policies
    /// are `Delete`, `Retain` and `Snapshot`, matched case-sensitively; the
    /// lowercase forms exist from `heat_template_version: 2016-10-14`. The value
    /// may be a function (Heat resolves it at once); a `get_param` is checked
    /// with the parameter's effective value.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   volume:
    ///     type: OS::Cinder::Volume
    ///     deletion_policy: Keep
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// resources:
    ///   volume:
    ///     type: OS::Cinder::Volume
    ///     deletion_policy: Retain
    /// ```
    pub static DELETION_POLICY = ("H308", "deletion-policy", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    let walker = cx.parse_walker();
    for r in &cx.template.resources {
        let Some(policy) = r.get("deletion_policy") else {
            continue;
        };
        let (value, from) = match &policy.value {
            Value::Str(s) => (s.to_string(), None),
            _ => match as_call(policy, version, FnContext::Normal) {
                Some(call) if call.name == "get_param" => {
                    let Some(name) = call.args.as_str() else {
                        continue;
                    };
                    match cx.values.get(name) {
                        Some(serde_json::Value::String(s)) => (s.clone(), Some(name)),
                        _ => continue,
                    }
                }
                _ => continue,
            },
        };
        if version.has_deletion_policy(&value) {
            continue;
        }
        let message = match from {
            Some(param) => format!(
                "deletion policy `{value}` (the value of parameter `{param}`) is not one of {}",
                version.deletion_policies.join(", ")
            ),
            None => format!(
                "deletion policy `{value}` is not one of {}",
                version.deletion_policies.join(", ")
            ),
        };
        let d = sink.report_in(
            &DELETION_POLICY,
            &walker.owner_liveness(r.def()),
            policy.span,
            message,
        );
        if let Some(near) = nearest(&value, version.deletion_policies.iter().map(String::as_str)) {
            d.help(format!("did you mean `{near}`?"));
        }
    }
}
