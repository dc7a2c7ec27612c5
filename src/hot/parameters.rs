//! Parameter types, Heat's coercion of values and defaults, and the effective
//! value of each parameter (supplied value, else parameter_defaults, else default).

use std::collections::HashMap;

use serde_json::Value as Json;

use super::constraints::{self, FormatError};
use super::inputs::StackInputs;
use super::{Named, Template};
use crate::grammar::VersionSpec;
use crate::syntax::{Node, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    String,
    Number,
    CommaDelimitedList,
    Json,
    Boolean,
}

impl ParamType {
    pub fn parse(name: &str) -> Option<ParamType> {
        Some(match name {
            "string" => ParamType::String,
            "number" => ParamType::Number,
            "comma_delimited_list" => ParamType::CommaDelimitedList,
            "json" => ParamType::Json,
            "boolean" => ParamType::Boolean,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Number => "number",
            ParamType::CommaDelimitedList => "comma_delimited_list",
            ParamType::Json => "json",
            ParamType::Boolean => "boolean",
        }
    }
}

const BOOLEAN_TRUE: [&str; 6] = ["1", "t", "true", "on", "y", "yes"];
const BOOLEAN_FALSE: [&str; 6] = ["0", "f", "false", "off", "n", "no"];

/// Python's `str()` of a JSON-like value (what Heat's `string` type does).
pub fn python_str(value: &Json) -> String {
    match value {
        Json::Null => "None".into(),
        Json::Bool(true) => "True".into(),
        Json::Bool(false) => "False".into(),
        Json::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => crate::syntax::scalar::python_float_repr(f),
            _ => n.to_string(),
        },
        Json::String(s) => s.clone(),
        Json::Array(items) => format!(
            "[{}]",
            items.iter().map(python_repr).collect::<Vec<_>>().join(", ")
        ),
        Json::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!(
                    "{}: {}",
                    python_repr(&Json::String(k.clone())),
                    python_repr(v)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `repr()` of a JSON-like value, as Heat's messages print values.
pub fn python_repr(value: &Json) -> String {
    match value {
        Json::String(s) => {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
        other => python_str(other),
    }
}

/// Python's `float()` / `int()` on a string, as Heat's number type tries them.
pub fn python_number(text: &str) -> Option<Json> {
    let t = text.trim();
    let plain = t.strip_prefix(['+', '-']).unwrap_or(t);
    if !plain.is_empty()
        && plain.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && !plain.starts_with('_')
        && !plain.ends_with('_')
        && !plain.contains("__")
    {
        let cleaned: String = t.chars().filter(|&c| c != '_').collect();
        if let Ok(i) = cleaned.parse::<i64>() {
            return Some(Json::from(i));
        }
    }
    match t.to_ascii_lowercase().trim_start_matches(['+', '-']) {
        "inf" | "infinity" | "nan" => return Some(Json::String(t.to_string())),
        _ => {}
    }
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-' | b'_'))
    {
        return None;
    }
    let cleaned: String = t.chars().filter(|&c| c != '_').collect();
    cleaned
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map(Json::Number)
}

/// Coerces a value (a default or a supplied value) to the parameter type, as Heat
/// does; the error is Heat's reason text.
pub fn coerce(ty: ParamType, value: &Json) -> Result<Json, String> {
    match ty {
        ParamType::String => Ok(Json::String(python_str(value))),
        ParamType::Number => match value {
            Json::Number(_) => Ok(value.clone()),
            Json::Bool(b) => Ok(Json::from(i64::from(*b))),
            Json::String(s) => python_number(s).ok_or_else(|| {
                format!("could not convert string to float: {}", python_repr(value))
            }),
            Json::Null => {
                Err("float() argument must be a string or a real number, not 'NoneType'".into())
            }
            Json::Array(_) => {
                Err("float() argument must be a string or a real number, not 'list'".into())
            }
            Json::Object(_) => {
                Err("float() argument must be a string or a real number, not 'dict'".into())
            }
        },
        ParamType::Boolean => {
            if let Json::Bool(b) = value {
                return Ok(Json::Bool(*b));
            }
            let text = python_str(value).trim().to_lowercase();
            if BOOLEAN_TRUE.contains(&text.as_str()) {
                Ok(Json::Bool(true))
            } else if BOOLEAN_FALSE.contains(&text.as_str()) {
                Ok(Json::Bool(false))
            } else {
                Err(format!(
                    "Unrecognized value {}, acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
                    python_repr(&Json::String(python_str(value)))
                ))
            }
        }
        ParamType::Json => match value {
            Json::String(s) if s.is_empty() => Ok(value.clone()),
            Json::String(s) => serde_json::from_str::<Json>(s)
                .map_err(|e| format!("Value must be valid JSON: {e}")),
            other => Ok(other.clone()),
        },
        ParamType::CommaDelimitedList => match value {
            Json::String(s) if s.is_empty() => Ok(Json::Array(vec![])),
            Json::String(s) => Ok(Json::Array(
                s.split(',').map(|p| Json::String(p.to_string())).collect(),
            )),
            Json::Array(items) => Ok(Json::Array(
                items.iter().map(|i| Json::String(python_str(i))).collect(),
            )),
            other => Err(format!(
                "'{}' object has no attribute 'split'",
                match other {
                    Json::Null => "NoneType",
                    Json::Bool(_) => "bool",
                    Json::Number(n) if n.is_f64() => "float",
                    Json::Number(_) => "int",
                    _ => "dict",
                }
            )),
        },
    }
}

/// A parameter declaration, read as Heat's HOT parameter schema reads it.
#[derive(Clone, Debug)]
pub struct ParameterDef<'d> {
    pub named: Named<'d>,
    /// The `type` value as written (when it is a string).
    pub type_name: Option<&'d str>,
    /// The type, when the name is one Heat knows.
    pub ty: Option<ParamType>,
    pub default: Option<&'d Node>,
    /// The `constraints` value, when present and not null.
    pub constraints_node: Option<&'d Node>,
    /// Every entry of `constraints`, or why Heat refuses it.
    pub constraints: Vec<Result<constraints::Entry<'d>, FormatError>>,
}

impl<'d> ParameterDef<'d> {
    pub fn read(named: Named<'d>, version: &VersionSpec) -> ParameterDef<'d> {
        let type_name = named.get("type").and_then(Node::as_str);
        let ty = type_name
            .filter(|t| version.has_parameter_type(t))
            .and_then(ParamType::parse);
        let constraints_node = named.get("constraints").filter(|c| !c.is_null());
        let constraints = match constraints_node.map(|c| &c.value) {
            Some(Value::Seq(items)) => items
                .iter()
                .map(|item| constraints::read_entry(item, version))
                .collect(),
            _ => Vec::new(),
        };
        ParameterDef {
            named,
            type_name,
            ty,
            default: named.get("default"),
            constraints_node,
            constraints,
        }
    }

    pub fn name(&self) -> &'d str {
        self.named.name
    }

    /// The constraints Heat reads without error.
    pub fn valid_constraints(&self) -> impl Iterator<Item = &constraints::Entry<'d>> {
        self.constraints.iter().filter_map(|c| c.as_ref().ok())
    }
}

/// Where a parameter's effective value came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Supplied,
    ParameterDefaults,
    Default,
}

/// The values the stack would be created with; `None` means unknown.
#[derive(Clone, Debug, Default)]
pub struct EffectiveValues {
    values: HashMap<String, (Json, Source)>,
}

impl EffectiveValues {
    /// Effective values of `template` given supplied values and parameter_defaults.
    /// A value that cannot be coerced to the parameter's type counts as unknown.
    pub fn compute(template: &Template, inputs: &StackInputs) -> EffectiveValues {
        let mut values = HashMap::new();
        for p in &template.parameters {
            let ty = p
                .get("type")
                .and_then(|t| t.as_str())
                .and_then(ParamType::parse);
            if inputs.supplied_unknown.iter().any(|n| n == p.name) {
                continue;
            }
            let (raw, source) = if let Some(v) = inputs.supplied.get(p.name) {
                (v.value.clone(), Source::Supplied)
            } else if let Some(v) = inputs.parameter_defaults.get(p.name) {
                (v.value.clone(), Source::ParameterDefaults)
            } else if let Some(d) = p.get("default").filter(|d| !d.is_null()) {
                (d.to_json(), Source::Default)
            } else {
                continue;
            };
            let coerced = match ty {
                Some(ty) => coerce(ty, &raw).ok(),
                None => None,
            };
            if let Some(v) = coerced {
                values.insert(p.name.to_string(), (v, source));
            }
        }
        if template.parameter("OS::stack_name").is_none() {
            values.insert(
                "OS::stack_name".into(),
                (Json::String("stack".into()), Source::Supplied),
            );
        }
        EffectiveValues { values }
    }

    pub fn get(&self, name: &str) -> Option<&Json> {
        self.values.get(name).map(|(v, _)| v)
    }

    pub fn source(&self, name: &str) -> Option<&Source> {
        self.values.get(name).map(|(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn heat_coercions() {
        assert_eq!(coerce(ParamType::Number, &json!(" 42 ")), Ok(json!(42)));
        assert!(coerce(ParamType::Number, &json!("0x10")).is_err());
        assert_eq!(
            coerce(ParamType::Number, &json!("abc")),
            Err("could not convert string to float: 'abc'".into())
        );
        assert_eq!(coerce(ParamType::Boolean, &json!("Yes")), Ok(json!(true)));
        assert!(coerce(ParamType::Boolean, &json!(2)).is_err());
        assert_eq!(
            coerce(ParamType::CommaDelimitedList, &json!("a, b,c")),
            Ok(json!(["a", " b", "c"]))
        );
        assert_eq!(
            coerce(ParamType::CommaDelimitedList, &json!([1, 2])),
            Ok(json!(["1", "2"]))
        );
        assert!(coerce(ParamType::CommaDelimitedList, &json!({"a": 1})).is_err());
        assert_eq!(coerce(ParamType::Json, &json!("")), Ok(json!("")));
        assert!(coerce(ParamType::Json, &json!("{")).is_err());
    }
}
