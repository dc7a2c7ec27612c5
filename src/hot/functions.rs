//! Recognising intrinsic function calls as Heat does: a mapping with exactly one
//! key that is a function name of the template's version.

use crate::grammar::{FunctionSpec, FunctionStatus, Shape, VersionSpec};
use crate::syntax::{Entry, Node, Value};

/// Where a value is parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Resource properties, metadata, outputs, ...: every function of the version.
    Normal,
    /// `conditions`, a `condition` field, the first argument of `if`.
    Condition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Available,
    /// Recognised, but Heat rejects it in this version.
    Removed,
    /// A function of the version that is not allowed in a condition.
    InvalidHere,
}

#[derive(Clone, Copy, Debug)]
pub struct Call<'d> {
    pub name: &'d str,
    /// The whole `{name: args}` mapping.
    pub node: &'d Node,
    /// The single entry; its key span is the function name.
    pub entry: &'d Entry,
    pub args: &'d Node,
    pub spec: Option<&'static FunctionSpec>,
    pub status: Status,
}

/// The call `node` makes, if Heat would treat it as one.
pub fn as_call<'d>(
    node: &'d Node,
    version: &'static VersionSpec,
    context: Context,
) -> Option<Call<'d>> {
    let entries = node.as_map()?;
    if entries.len() != 1 {
        return None;
    }
    let entry = &entries[0];
    let name: &str = &entry.key_text;
    let spec = version.function(name);
    let status = match context {
        Context::Normal => match spec?.status {
            FunctionStatus::Available => Status::Available,
            FunctionStatus::Removed => Status::Removed,
        },
        Context::Condition => {
            if version.condition_functions.iter().any(|f| f == name) {
                Status::Available
            } else {
                match spec?.status {
                    FunctionStatus::Removed => Status::Removed,
                    FunctionStatus::Available => Status::InvalidHere,
                }
            }
        }
    };
    Some(Call {
        name,
        node,
        entry,
        args: &entry.value,
        spec,
        status,
    })
}

/// The spec Heat uses for `call` in `context`: the condition function in a
/// condition context, else the ordinary one.
pub fn spec_in(
    call: &Call<'_>,
    version: &'static VersionSpec,
    context: Context,
) -> Option<&'static FunctionSpec> {
    match context {
        Context::Condition => version.condition_function(call.name).or(call.spec),
        Context::Normal => call.spec,
    }
}

/// Why arguments do not have the shape Heat checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    /// Heat's message, when the grammar records it.
    pub message: Option<String>,
    /// What the arguments should look like, in the grammar's notation.
    pub expected: String,
}

/// Checks the arguments of a call against its spec, as Heat does when it parses
/// the template. `context` is where the call stands (calls in argument positions
/// satisfy any shape that is not `literal`).
pub fn check_arguments(
    spec: &FunctionSpec,
    args: &Node,
    version: &'static VersionSpec,
    context: Context,
) -> Result<(), ShapeError> {
    if spec.status == FunctionStatus::Removed {
        return Ok(());
    }
    // Quirk: a string argument of get_attr (c) passes only with one character.
    if spec.name == "get_attr" && spec.variant.as_deref() == Some("c") {
        if let Some(s) = args.as_str() {
            if s.chars().count() == 1 {
                return Ok(());
            }
            return Err(ShapeError {
                message: Some("Argument to \"get_attr\" must be a list".into()),
                expected: spec.args.to_string(),
            });
        }
    }
    if matches(&spec.args, args, version, context) {
        return Ok(());
    }
    let message = spec.message.as_ref().map(|m| {
        let count = args.as_seq().map(<[Node]>::len).unwrap_or(1);
        let unknown: Vec<String> = match (&spec.args, args.as_map()) {
            (Shape::Literal(inner), Some(entries)) => match &**inner {
                Shape::Map { keys, .. } => entries
                    .iter()
                    .filter(|e| !keys.iter().any(|k| k.name == *e.key_text))
                    .map(|e| e.key_text.to_string())
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        m.replace("{count}", &count.to_string())
            .replace("{keys}", &unknown.join(", "))
    });
    Err(ShapeError {
        message,
        expected: spec.args.to_string(),
    })
}

fn is_call(node: &Node, version: &'static VersionSpec, context: Context) -> bool {
    as_call(node, version, context).is_some()
}

fn matches(shape: &Shape, node: &Node, version: &'static VersionSpec, context: Context) -> bool {
    match shape {
        Shape::Any => true,
        Shape::Literal(inner) => {
            !is_call(node, version, context) && matches_value(inner, node, version, context)
        }
        _ if is_call(node, version, context) => true,
        _ => matches_value(shape, node, version, context),
    }
}

fn matches_value(
    shape: &Shape,
    node: &Node,
    version: &'static VersionSpec,
    context: Context,
) -> bool {
    match shape {
        Shape::Any => true,
        Shape::Literal(inner) => matches_value(inner, node, version, context),
        Shape::String => node.as_str().is_some(),
        Shape::Integer => matches!(node.value, Value::Int(_) | Value::BigInt(_)),
        Shape::Boolean => matches!(node.value, Value::Bool(_)),
        Shape::List {
            min,
            max,
            items,
            rest,
        } => {
            let Some(list) = node.as_seq() else {
                return false;
            };
            if list.len() < *min || max.is_some_and(|m| list.len() > m) {
                return false;
            }
            if rest.is_none() && list.len() > items.len() {
                return false;
            }
            list.iter().enumerate().all(|(i, item)| {
                let shape = items.get(i).or(rest.as_deref());
                shape.is_none_or(|s| matches(s, item, version, context))
            })
        }
        Shape::Map { keys, others } => {
            let Some(entries) = node.as_map() else {
                return false;
            };
            for key in keys {
                match entries.iter().find(|e| *e.key_text == key.name) {
                    Some(e) if !matches(&key.shape, &e.value, version, context) => return false,
                    Some(_) => {}
                    None if key.required => return false,
                    None => {}
                }
            }
            *others
                || entries
                    .iter()
                    .all(|e| keys.iter().any(|k| k.name == *e.key_text))
        }
        Shape::OneOf(alternatives) => alternatives
            .iter()
            .any(|a| matches(a, node, version, context)),
    }
}
