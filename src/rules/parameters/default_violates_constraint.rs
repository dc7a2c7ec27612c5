use serde_json::Value as Json;

use crate::hot::constraints::{Constraint, Failure};
use crate::hot::parameters::{ParamType, Source};
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A parameter default that its own constraints reject.
    ///
    /// ## Why is this bad?
    /// Heat checks the default against the constraints even when a value is
    /// given, and refuses the template: `Parameter 'a' is invalid: Invalid
    /// default 5 (5 is out of range (min: 6, max: 10))`. A constraint's
    /// `description` replaces the reason in that message. Custom constraints
    /// (`ip_addr`, ...) are checked only when the default is the value used.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   workers:
    ///     type: number
    ///     default: 0
    ///     constraints:
    ///       - range: {min: 1}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameters:
    ///   workers:
    ///     type: number
    ///     default: 1
    ///     constraints:
    ///       - range: {min: 1}
    /// ```
    pub static DEFAULT_VIOLATES_CONSTRAINT = ("H207", "default-violates-constraint", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for p in &cx.template.parameter_defs {
        let (Some(ty), Some(default)) = (p.ty, p.default) else {
            continue;
        };
        if default.is_null() {
            continue;
        }
        // The value as Heat checks a default: raw, except that a list default
        // written as a string is split first.
        let raw = default.to_json();
        let value = match (&raw, ty) {
            (Json::String(s), ParamType::CommaDelimitedList) => {
                Json::Array(s.split(',').map(|x| Json::String(x.to_string())).collect())
            }
            (Json::String(_) | Json::Array(_), _) => raw.clone(),
            (_, ParamType::CommaDelimitedList) => continue,
            _ => raw.clone(),
        };
        let effective = cx.values.source(p.name()) == Some(&Source::Default);
        for entry in p.valid_constraints() {
            if !entry.constraint.applies_to(ty) {
                continue;
            }
            let result = match &entry.constraint {
                Constraint::Custom(name) => {
                    if !effective {
                        continue;
                    }
                    match crate::hot::custom_constraints::validate(name, &value) {
                        Some(Err(message)) => Err(Failure::Message(message)),
                        _ => Ok(()),
                    }
                }
                c => c.check(&value, Some(ty)),
            };
            match result {
                Ok(()) | Err(Failure::Unchecked(_)) => {}
                Err(Failure::Message(reason)) => {
                    let reason = entry.description.clone().unwrap_or(reason);
                    sink.report(
                        &DEFAULT_VIOLATES_CONSTRAINT,
                        default.span,
                        format!(
                            "the default of parameter `{}` breaks its `{}` constraint: {reason}",
                            p.name(),
                            entry.constraint.key(),
                        ),
                    )
                    .related_here(entry.node.span, "the constraint");
                }
            }
        }
    }
}
