use crate::diagnostics::Diagnostic;
use crate::hot::constraints::{Constraint, Failure};
use crate::hot::inputs::{Given, ValueOrigin};
use crate::hot::parameters::{ParamType, coerce, python_str};
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A value given for a parameter (with `-P`, in an environment's
    /// `parameters` or `parameter_defaults`) that does not fit the parameter's
    /// type or breaks its constraints.
    ///
    /// ## Why is this bad?
    /// Heat refuses to create the stack: `Parameter 'port' is invalid: could not
    /// convert string to float: 'http'`, or `Parameter 'a' is invalid: 5 is out
    /// of range (min: 6, max: 10)`. Pure custom constraints (`ip_addr`,
    /// `net_cidr`, ...) are checked too; those that ask a cloud (`nova.flavor`,
    /// `glance.image`) are not.
    ///
    /// ## Example
    /// ```sh
    /// hotc check stack.yaml -P port=http
    /// ```
    pub static PARAMETER_VALUE = ("H208", "parameter-value", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for p in &cx.template.parameter_defs {
        let Some(ty) = p.ty else { continue };
        let given: Option<&Given> = cx
            .inputs
            .supplied
            .get(p.name())
            .or_else(|| cx.inputs.parameter_defaults.get(p.name()));
        let Some(given) = given else { continue };
        // Values from the parent's properties are checked where they are written.
        if matches!(given.origin, ValueOrigin::Property { .. }) {
            continue;
        }
        let value = match coerce(ty, &given.value) {
            Ok(v) => v,
            Err(reason) => {
                report(
                    cx,
                    sink,
                    p.named.entry.key.span,
                    given,
                    format!(
                        "the value {} given for parameter `{}` is not a valid {}: {reason}",
                        shown(&given.value),
                        p.name(),
                        ty.name()
                    ),
                );
                continue;
            }
        };
        for entry in p.valid_constraints() {
            if !entry.constraint.applies_to(ty) {
                continue;
            }
            let result = match &entry.constraint {
                Constraint::Custom(name) => {
                    let items: Vec<serde_json::Value> = match (&value, ty) {
                        (serde_json::Value::Array(items), ParamType::CommaDelimitedList) => {
                            items.clone()
                        }
                        _ => vec![value.clone()],
                    };
                    items
                        .iter()
                        .find_map(
                            |v| match crate::hot::custom_constraints::validate(name, v) {
                                Some(Err(m)) => Some(Err(Failure::Message(m))),
                                _ => None,
                            },
                        )
                        .unwrap_or(Ok(()))
                }
                c => c.check(&value, Some(ty)),
            };
            if let Err(Failure::Message(reason)) = result {
                let reason = entry.description.clone().unwrap_or(reason);
                let d = report(
                    cx,
                    sink,
                    p.named.entry.key.span,
                    given,
                    format!(
                        "the value {} given for parameter `{}` breaks its `{}` constraint: {reason}",
                        shown(&given.value),
                        p.name(),
                        entry.constraint.key()
                    ),
                );
                d.related_here(entry.node.span, "the constraint");
            }
        }
    }
}

fn shown(value: &serde_json::Value) -> String {
    format!("`{}`", python_str(value))
}

fn report<'s>(
    _cx: &Context,
    sink: &'s mut Sink,
    declared: crate::source::Span,
    given: &Given,
    message: String,
) -> &'s mut Diagnostic {
    let d = sink.report(&PARAMETER_VALUE, declared, message);
    match given.origin {
        ValueOrigin::Environment { file, key_span } => {
            d.related.push(crate::diagnostics::Related {
                file,
                span: key_span,
                message: "the value is given here".into(),
            });
        }
        ValueOrigin::CommandLine => {
            d.help("the value is given on the command line");
        }
        ValueOrigin::Property { .. } => {}
    }
    d
}
