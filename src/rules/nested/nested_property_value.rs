use serde_json::Value as Json;

use super::nested_uses;
use crate::hot::constraints::{Constraint, Failure};
use crate::hot::parameters::{ParamType, coerce, python_str};
use crate::hot::values::StaticEvaluator;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A value given to a template resource (or a group member) that the
    /// nested template's parameter refuses: its type or its constraints.
    ///
    /// ## Why is this bad?
    /// Heat refuses the stack: a `boolean` parameter becomes a Boolean
    /// property, which takes only `true`/`false` (`"yes" is not a valid
    /// boolean`); a `number` needs a number (`could not convert string to
    /// float: 'large'`); a `string` cannot be a list or a map; the parameter's
    /// constraints apply to the value passed down. hotc checks the values it
    /// can compute: literals and parameters with a known value.
    ///
    /// ## Example
    /// ```yaml
    /// # cluster.yaml
    /// resources:
    ///   workers:
    ///     type: worker.yaml
    ///     properties:
    ///       count: many
    /// # worker.yaml
    /// parameters:
    ///   count: {type: number}
    /// ```
    pub static NESTED_PROPERTY_VALUE = ("H708", "nested-property-value", Error);
}

/// What a template resource's property accepts for a parameter type.
fn property_refuses(ty: ParamType, value: &Json) -> Option<String> {
    match (ty, value) {
        (ParamType::String, Json::Array(_) | Json::Object(_)) => {
            Some(format!("Value must be a string; got {}", python_str(value)))
        }
        (ParamType::Boolean, Json::Bool(_)) => None,
        (ParamType::Boolean, Json::String(s))
            if matches!(s.to_lowercase().as_str(), "true" | "false") =>
        {
            None
        }
        (ParamType::Boolean, other) => {
            Some(format!("\"{}\" is not a valid boolean", python_str(other)))
        }
        (ParamType::CommaDelimitedList, Json::Number(_) | Json::Bool(_) | Json::Object(_)) => {
            Some(format!("\"{}\" is not a list", python_str(value)))
        }
        (ParamType::Json, Json::Number(_) | Json::Bool(_)) => {
            Some(format!("\"{}\" is not a map", python_str(value)))
        }
        _ => None,
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let statics = StaticEvaluator {
        template: cx.template,
        values: cx.values,
        conditions: cx.evaluator,
    };
    for u in nested_uses(cx) {
        let Some(entries) = u.properties.and_then(|p| p.as_map()) else {
            continue;
        };
        for e in entries {
            if e.value.is_null() {
                continue;
            }
            let Some(p) = u.template.parameter_def(&e.key_text) else {
                continue;
            };
            let Some(ty) = p.ty else { continue };
            let Some(mut value) = statics.value(&e.value) else {
                continue;
            };
            // The value the first member gets.
            if let Some(var) = &u.index_var {
                crate::link::replace_index(&mut value, var, "0");
            }
            let problem = property_refuses(ty, &value).or_else(|| match coerce(ty, &value) {
                Err(reason) => Some(reason),
                Ok(coerced) => p.valid_constraints().find_map(|c| {
                    if !c.constraint.applies_to(ty) || matches!(c.constraint, Constraint::Custom(_))
                    {
                        return None;
                    }
                    match c.constraint.check(&coerced, Some(ty)) {
                        Err(Failure::Message(m)) => Some(c.description.clone().unwrap_or(m)),
                        _ => None,
                    }
                }),
            });
            let Some(problem) = problem else { continue };
            let d = sink.report_in(
                &NESTED_PROPERTY_VALUE,
                &u.live,
                e.value.span,
                format!(
                    "parameter `{}` of {} ({}) refuses this value: {problem}",
                    p.name(),
                    cx.file_name(u.file),
                    ty.name()
                ),
            );
            d.related.push(crate::diagnostics::Related {
                file: u.file,
                span: p.named.entry.key.span,
                message: "declared here".into(),
            });
        }
    }
}
