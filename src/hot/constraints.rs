//! Value constraints, as Heat defines them for parameters and resource
//! properties: length, range, modulo, allowed values, allowed pattern and custom
//! constraints. Reading them from a template (with Heat's format errors) and
//! checking a value against them (with Heat's failure messages).

use serde_json::Value as Json;

use super::parameters::{ParamType, python_number, python_str};
use crate::grammar::VersionSpec;
use crate::source::Span;
use crate::syntax::{Node, Value};

/// One constraint.
#[derive(Clone, Debug, PartialEq)]
pub enum Constraint {
    /// Length of a string (characters), list or map.
    Length {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// A numeric range; the bounds keep the number as written for messages.
    Range {
        min: Option<serde_json::Number>,
        max: Option<serde_json::Number>,
    },
    Modulo {
        step: i64,
        offset: i64,
    },
    AllowedValues(Vec<Json>),
    /// A Python regular expression that must match the whole value.
    AllowedPattern(String),
    /// A named check (`ip_addr`, `nova.flavor`, ...).
    Custom(String),
}

/// The kinds, in Heat's order of priority when one entry holds several.
pub const KINDS: [&str; 6] = [
    "modulo",
    "range",
    "length",
    "allowed_values",
    "allowed_pattern",
    "custom_constraint",
];

impl Constraint {
    /// The kind's key in a template.
    pub fn key(&self) -> &'static str {
        match self {
            Constraint::Length { .. } => "length",
            Constraint::Range { .. } => "range",
            Constraint::Modulo { .. } => "modulo",
            Constraint::AllowedValues(_) => "allowed_values",
            Constraint::AllowedPattern(_) => "allowed_pattern",
            Constraint::Custom(_) => "custom_constraint",
        }
    }

    /// Heat's class name, as its messages print it.
    pub fn class_name(&self) -> &'static str {
        class_name(self.key())
    }

    /// Whether Heat allows this constraint on a parameter of type `ty`.
    pub fn applies_to(&self, ty: ParamType) -> bool {
        use ParamType::*;
        match self {
            Constraint::Length { .. } => matches!(ty, String | CommaDelimitedList | Json),
            Constraint::Range { .. } | Constraint::Modulo { .. } => ty == Number,
            Constraint::AllowedValues(_) | Constraint::Custom(_) => {
                matches!(ty, String | Number | Boolean | CommaDelimitedList)
            }
            Constraint::AllowedPattern(_) => ty == String,
        }
    }

    /// Checks a value; the error is Heat's failure text. `as_type` is how Heat
    /// compares allowed values: converted to the parameter's (or property's) type.
    /// Custom constraints are not checked here (see [`crate::hot::custom_constraints`]
    /// where they exist); they pass.
    pub fn check(&self, value: &Json, as_type: Option<ParamType>) -> Result<(), Failure> {
        match self {
            Constraint::Length { min, max } => {
                let Some(len) = length(value) else {
                    return Ok(());
                };
                let len = len as i64;
                if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
                    return Err(Failure::Message(format!(
                        "length ({len}) is out of range (min: {}, max: {})",
                        bound(min.map(|m| m.to_string())),
                        bound(max.map(|m| m.to_string()))
                    )));
                }
                Ok(())
            }
            Constraint::Range { min, max } => {
                let Some(number) = to_number(value) else {
                    return Ok(());
                };
                let x = number.as_f64().unwrap_or(f64::NAN);
                let below = min.as_ref().and_then(|m| m.as_f64()).is_some_and(|m| x < m);
                let above = max.as_ref().and_then(|m| m.as_f64()).is_some_and(|m| x > m);
                if below || above {
                    return Err(Failure::Message(format!(
                        "{} is out of range (min: {}, max: {})",
                        python_str(&Json::Number(number)),
                        bound(min.as_ref().map(|m| python_str(&Json::Number(m.clone())))),
                        bound(max.as_ref().map(|m| python_str(&Json::Number(m.clone()))))
                    )));
                }
                Ok(())
            }
            Constraint::Modulo { step, offset } => {
                let Some(number) = to_number(value) else {
                    return Ok(());
                };
                let ok = match number.as_i64() {
                    Some(i) => python_int_mod(i, *step) == *offset,
                    None => {
                        let x = number.as_f64().unwrap_or(f64::NAN);
                        python_float_mod(x, *step as f64) == *offset as f64
                    }
                };
                if !ok {
                    return Err(Failure::Message(format!(
                        "{} is not a multiple of {step} with an offset of {offset}",
                        python_str(&Json::Number(number))
                    )));
                }
                Ok(())
            }
            Constraint::AllowedValues(allowed) => {
                let convert = |v: &Json| convert_for_comparison(v, as_type);
                let allowed_converted: Vec<Json> = allowed.iter().filter_map(convert).collect();
                let ok = match value {
                    Json::Array(items) => items.iter().all(|item| {
                        let item = convert(item);
                        item.is_some_and(|i| allowed_converted.iter().any(|a| loose_equal(a, &i)))
                    }),
                    other => convert(other)
                        .is_some_and(|v| allowed_converted.iter().any(|a| loose_equal(a, &v))),
                };
                if !ok {
                    return Err(Failure::Message(format!(
                        "{} is not an allowed value {}",
                        python_json(value),
                        python_json(&Json::Array(allowed.clone()))
                    )));
                }
                Ok(())
            }
            Constraint::AllowedPattern(pattern) => {
                let Json::String(text) = value else {
                    return Err(Failure::Message(format!(
                        "expected string or bytes-like object, got '{}'",
                        python_type(value)
                    )));
                };
                match crate::hot::pattern::whole_match(pattern, text) {
                    Ok(true) => Ok(()),
                    Ok(false) => Err(Failure::Message(format!(
                        "{} does not match pattern {}",
                        python_json(value),
                        python_json(&Json::String(pattern.clone()))
                    ))),
                    Err(reason) => Err(Failure::Unchecked(reason)),
                }
            }
            Constraint::Custom(_) => Ok(()),
        }
    }
}

/// Why a value does not pass a constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Heat's message.
    Message(String),
    /// hotc cannot tell (a pattern the Rust engine cannot express).
    Unchecked(String),
}

fn bound(b: Option<String>) -> String {
    b.unwrap_or_else(|| "None".into())
}

pub fn class_name(key: &str) -> &'static str {
    match key {
        "length" => "Length",
        "range" => "Range",
        "modulo" => "Modulo",
        "allowed_values" => "AllowedValues",
        "allowed_pattern" => "AllowedPattern",
        _ => "CustomConstraint",
    }
}

/// Python's `len()` of a value, when it has one.
fn length(value: &Json) -> Option<usize> {
    match value {
        Json::String(s) => Some(s.chars().count()),
        Json::Array(a) => Some(a.len()),
        Json::Object(m) => Some(m.len()),
        _ => None,
    }
}

/// Heat's `Schema.str_to_num`: numbers as they are, strings through int() then
/// float(), booleans as 0/1.
fn to_number(value: &Json) -> Option<serde_json::Number> {
    match value {
        Json::Number(n) => Some(n.clone()),
        Json::Bool(b) => Some(serde_json::Number::from(i64::from(*b))),
        Json::String(s) => match python_number(s)? {
            Json::Number(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}

/// Python's `%` on integers: the result has the sign of the divisor.
fn python_int_mod(x: i64, m: i64) -> i64 {
    let r = x.wrapping_rem(m);
    if r != 0 && (r < 0) != (m < 0) {
        r + m
    } else {
        r
    }
}

/// Python's `%` on floats: the result has the sign of the divisor.
fn python_float_mod(x: f64, m: f64) -> f64 {
    if m == 0.0 {
        return f64::NAN;
    }
    let r = x % m;
    if r != 0.0 && (r < 0.0) != (m < 0.0) {
        r + m
    } else {
        r
    }
}

/// A value converted the way Heat converts both sides of an allowed-values test.
fn convert_for_comparison(value: &Json, as_type: Option<ParamType>) -> Option<Json> {
    match as_type {
        Some(ParamType::Number) => to_number(value).map(Json::Number),
        Some(ParamType::Boolean) => match value {
            Json::Bool(b) => Some(Json::Bool(*b)),
            other => match python_str(other).to_lowercase().as_str() {
                "1" | "t" | "true" | "on" | "y" | "yes" => Some(Json::Bool(true)),
                "0" | "f" | "false" | "off" | "n" | "no" => Some(Json::Bool(false)),
                _ => None,
            },
        },
        Some(ParamType::String) | Some(ParamType::CommaDelimitedList) => {
            Some(Json::String(python_str(value)))
        }
        _ => Some(value.clone()),
    }
}

/// Python's `==` (1 == 1.0, True == 1).
pub fn loose_equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Bool(x), Json::Number(y)) | (Json::Number(y), Json::Bool(x)) => {
            y.as_f64() == Some(f64::from(u8::from(*x)))
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| loose_equal(p, q))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| loose_equal(v, w)))
        }
        _ => a == b,
    }
}

fn python_type(value: &Json) -> &'static str {
    match value {
        Json::Null => "NoneType",
        Json::Bool(_) => "bool",
        Json::Number(n) if n.is_f64() => "float",
        Json::Number(_) => "int",
        Json::String(_) => "str",
        Json::Array(_) => "list",
        Json::Object(_) => "dict",
    }
}

/// Python's `json.dumps` (separators `, ` and `: `, non-ASCII escaped).
pub fn python_json(value: &Json) -> String {
    let mut out = String::new();
    write_python_json(value, &mut out);
    out
}

fn write_python_json(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => out.push_str(&crate::syntax::scalar::python_float_repr(f)),
            _ => out.push_str(&n.to_string()),
        },
        Json::String(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                        let mut units = [0u16; 2];
                        for u in c.encode_utf16(&mut units) {
                            out.push_str(&format!("\\u{u:04x}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_python_json(item, out);
            }
            out.push(']');
        }
        Json::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_python_json(&Json::String(k.clone()), out);
                out.push_str(": ");
                write_python_json(v, out);
            }
            out.push('}');
        }
    }
}

/// One entry of a parameter's `constraints` list, read from the template.
#[derive(Clone, Debug)]
pub struct Entry<'d> {
    pub node: &'d Node,
    /// The constraint Heat uses (the highest-priority kind of the entry).
    pub constraint: Constraint,
    /// The span of the kind's key.
    pub key_span: Span,
    /// Kinds present in the entry but ignored because of a higher-priority one.
    pub ignored: Vec<(&'d str, Span)>,
    /// `description`, which replaces the failure message.
    pub description: Option<String>,
}

/// A constraint that Heat refuses to read, with its message and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub span: Span,
    pub message: String,
}

fn format_error(span: Span, message: impl Into<String>) -> FormatError {
    FormatError {
        span,
        message: message.into(),
    }
}

/// Reads one entry of `constraints` as Heat's HOT parameter schema does.
pub fn read_entry<'d>(node: &'d Node, version: &VersionSpec) -> Result<Entry<'d>, FormatError> {
    let Some(fields) = node.as_map() else {
        return Err(format_error(
            node.span,
            "Invalid parameter constraints, expected a mapping",
        ));
    };
    let mut description = None;
    let mut kinds: Vec<(&'d str, &'d crate::syntax::Entry)> = Vec::new();
    for field in fields {
        let key: &str = &field.key_text;
        if key == "description" {
            description = Some(field.value.scalar_text().unwrap_or_default());
        } else if KINDS.contains(&key) && version.constraint_kinds.iter().any(|k| k == key) {
            kinds.push((key, field));
        } else if key == "modulo" {
            // Before 2017-02-24 `modulo` is not a kind: the entry expresses nothing.
        } else {
            return Err(format_error(
                field.key.span,
                format!("Invalid key '{key}' for parameter constraints"),
            ));
        }
    }
    kinds.sort_by_key(|(k, _)| KINDS.iter().position(|x| x == k));
    let Some(&(key, field)) = kinds.first() else {
        return Err(format_error(node.span, "No constraint expressed"));
    };
    let ignored = kinds[1..].iter().map(|(k, f)| (*k, f.key.span)).collect();
    let constraint = read_kind(key, &field.value)?;
    Ok(Entry {
        node,
        constraint,
        key_span: field.key.span,
        ignored,
        description,
    })
}

fn read_kind(key: &str, value: &Node) -> Result<Constraint, FormatError> {
    match key {
        "length" | "range" | "modulo" => {
            let Some(fields) = value.as_map() else {
                return Err(format_error(
                    value.span,
                    format!("Invalid {key} constraint, expected a mapping"),
                ));
            };
            let allowed: &[&str] = if key == "modulo" {
                &["step", "offset"]
            } else {
                &["min", "max"]
            };
            for f in fields {
                if !allowed.contains(&&*f.key_text) {
                    return Err(format_error(
                        f.key.span,
                        format!("Invalid key '{}' for {key} constraint", f.key_text),
                    ));
                }
            }
            let get = |k: &str| value.get(k).filter(|v| !v.is_null());
            match key {
                "length" => {
                    let (min, max) = (get("min"), get("max"));
                    if min.is_none() && max.is_none() {
                        return Err(format_error(
                            value.span,
                            "A length constraint must have a min value and/or a max value specified.",
                        ));
                    }
                    let integral = |n: Option<&Node>| -> Result<Option<i64>, FormatError> {
                        let Some(n) = n else { return Ok(None) };
                        match integer_of(n) {
                            Some(i) => Ok(Some(i)),
                            None => Err(format_error(n.span, "min/max length must be integral")),
                        }
                    };
                    Ok(Constraint::Length {
                        min: integral(min)?,
                        max: integral(max)?,
                    })
                }
                "range" => {
                    let (min, max) = (get("min"), get("max"));
                    if min.is_none() && max.is_none() {
                        return Err(format_error(
                            value.span,
                            "A range constraint must have a min value and/or a max value specified.",
                        ));
                    }
                    let numeric =
                        |n: Option<&Node>| -> Result<Option<serde_json::Number>, FormatError> {
                            let Some(n) = n else { return Ok(None) };
                            match to_number(&n.to_json()) {
                                Some(x) if !matches!(n.value, Value::Bool(_)) => Ok(Some(x)),
                                _ => Err(format_error(
                                    n.span,
                                    match &n.value {
                                        Value::Str(s) => format!(
                                            "could not convert string to float: {}",
                                            super::parameters::python_repr(&Json::String(
                                                s.to_string()
                                            ))
                                        ),
                                        _ => "min/max must be numeric".to_string(),
                                    },
                                )),
                            }
                        };
                    Ok(Constraint::Range {
                        min: numeric(min)?,
                        max: numeric(max)?,
                    })
                }
                _ => {
                    let (Some(step_node), Some(offset_node)) = (get("step"), get("offset")) else {
                        return Err(format_error(
                            value.span,
                            "A modulo constraint must have a step value and an offset value specified.",
                        ));
                    };
                    let (Some(step), Some(offset)) =
                        (integer_of(step_node), integer_of(offset_node))
                    else {
                        return Err(format_error(value.span, "step/offset must be integer"));
                    };
                    if step == 0 {
                        return Err(format_error(step_node.span, "step cannot be 0."));
                    }
                    if offset.abs() >= step.abs() {
                        return Err(format_error(
                            offset_node.span,
                            "offset must be smaller (by absolute value) than step.",
                        ));
                    }
                    if offset != 0 && (step < 0) != (offset < 0) {
                        return Err(format_error(
                            offset_node.span,
                            "step and offset must be both positive or both negative.",
                        ));
                    }
                    Ok(Constraint::Modulo { step, offset })
                }
            }
        }
        "allowed_values" => match &value.value {
            Value::Seq(items) => Ok(Constraint::AllowedValues(
                items.iter().map(Node::to_json).collect(),
            )),
            _ => Err(format_error(value.span, "AllowedValues must be a list")),
        },
        "allowed_pattern" => match &value.value {
            Value::Str(s) => Ok(Constraint::AllowedPattern(s.to_string())),
            _ => Err(format_error(value.span, "AllowedPattern must be a string")),
        },
        _ => match value.scalar_text() {
            Some(name) if !value.is_null() => Ok(Constraint::Custom(name)),
            _ => Err(format_error(
                value.span,
                "custom_constraint must be the name of a constraint",
            )),
        },
    }
}

/// An integer as Heat's `int()` reads it from a constraint bound: ints, floats
/// without a fraction are refused, numeric strings are accepted.
fn integer_of(node: &Node) -> Option<i64> {
    match &node.value {
        Value::Int(i) => Some(*i),
        Value::Str(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn range(min: i64, max: i64) -> Constraint {
        Constraint::Range {
            min: Some(min.into()),
            max: Some(max.into()),
        }
    }

    #[test]
    fn messages_are_heats() {
        assert_eq!(
            range(6, 10).check(&json!(5), Some(ParamType::Number)),
            Err(Failure::Message(
                "5 is out of range (min: 6, max: 10)".into()
            ))
        );
        let length = Constraint::Length {
            min: Some(2),
            max: None,
        };
        assert_eq!(
            length.check(&json!("x"), None),
            Err(Failure::Message(
                "length (1) is out of range (min: 2, max: None)".into()
            ))
        );
        let allowed = Constraint::AllowedValues(vec![json!("a"), json!("b")]);
        assert_eq!(
            allowed.check(&json!(["a", "x"]), Some(ParamType::CommaDelimitedList)),
            Err(Failure::Message(
                "[\"a\", \"x\"] is not an allowed value [\"a\", \"b\"]".into()
            ))
        );
        assert_eq!(
            Constraint::AllowedValues(vec![json!("1"), json!("2.0")])
                .check(&json!(2), Some(ParamType::Number)),
            Ok(())
        );
    }

    #[test]
    fn modulo_follows_python() {
        let m = Constraint::Modulo { step: 2, offset: 1 };
        assert_eq!(m.check(&json!(-3), None), Ok(()));
        let n = Constraint::Modulo {
            step: -2,
            offset: -1,
        };
        assert_eq!(n.check(&json!(3), None), Ok(()));
        assert_eq!(n.check(&json!(-1), None), Ok(()));
        assert!(
            Constraint::Modulo { step: 2, offset: 0 }
                .check(&json!(5), None)
                .is_err()
        );
        assert!(m.check(&json!(3.5), None).is_err());
    }
}
