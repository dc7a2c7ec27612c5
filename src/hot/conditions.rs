//! Evaluating conditions with the effective parameter values. A condition whose
//! value depends on something unknown is `Unknown`, which enables both sides.

use std::cell::RefCell;

use serde_json::Value as Json;

use super::Template;
use super::functions::{Context, Status, as_call};
use super::parameters::EffectiveValues;
use crate::syntax::{Node, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn from_bool(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }
    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// Evaluates the conditions of one template.
pub struct Evaluator<'t, 'd> {
    template: &'t Template<'d>,
    values: &'t EffectiveValues,
    /// Names being evaluated (cycle guard).
    active: RefCell<Vec<String>>,
}

const MAX_DEPTH: usize = 64;

impl<'t, 'd> Evaluator<'t, 'd> {
    pub fn new(template: &'t Template<'d>, values: &'t EffectiveValues) -> Self {
        Evaluator {
            template,
            values,
            active: RefCell::new(Vec::new()),
        }
    }

    /// The value of a named condition; `None` when it is not defined.
    pub fn named(&self, name: &str) -> Option<Truth> {
        let def = self.template.condition(name)?;
        if self.active.borrow().iter().any(|n| n == name) || self.active.borrow().len() > MAX_DEPTH
        {
            return Some(Truth::Unknown);
        }
        self.active.borrow_mut().push(name.to_string());
        let truth = self.definition(def.def(), 0);
        self.active.borrow_mut().pop();
        Some(truth)
    }

    /// A `condition:` field or the first argument of `if`: a name, a boolean or a
    /// condition function.
    pub fn reference(&self, node: &Node) -> Truth {
        match &node.value {
            Value::Str(name) => self.named(name).unwrap_or(Truth::Unknown),
            Value::Bool(b) => Truth::from_bool(*b),
            _ => self.expression(node, 0),
        }
    }

    fn definition(&self, node: &Node, depth: usize) -> Truth {
        match &node.value {
            Value::Bool(b) => Truth::from_bool(*b),
            _ => self.expression(node, depth),
        }
    }

    fn operand(&self, node: &Node, depth: usize) -> Truth {
        match &node.value {
            Value::Str(name) => self.named(name).unwrap_or(Truth::Unknown),
            Value::Bool(b) => Truth::from_bool(*b),
            _ => self.expression(node, depth + 1),
        }
    }

    fn expression(&self, node: &Node, depth: usize) -> Truth {
        if depth > MAX_DEPTH {
            return Truth::Unknown;
        }
        let Some(version) = self.template.version else {
            return Truth::Unknown;
        };
        let Some(call) = as_call(node, version, Context::Condition) else {
            return Truth::Unknown;
        };
        if call.status != Status::Available {
            return Truth::Unknown;
        }
        match call.name {
            "not" => self.operand(call.args, depth).not(),
            "and" | "or" => {
                let Some(items) = call.args.as_seq() else {
                    return Truth::Unknown;
                };
                let truths: Vec<Truth> = items.iter().map(|i| self.operand(i, depth)).collect();
                let (absorbing, neutral) = if call.name == "and" {
                    (Truth::False, Truth::True)
                } else {
                    (Truth::True, Truth::False)
                };
                if truths.contains(&absorbing) {
                    absorbing
                } else if truths.iter().all(|t| *t == neutral) {
                    neutral
                } else {
                    Truth::Unknown
                }
            }
            "equals" => {
                let Some([a, b]) = call
                    .args
                    .as_seq()
                    .map(|s| s.get(..2).unwrap_or(s))
                    .and_then(|s| <&[Node; 2]>::try_from(s).ok())
                else {
                    return Truth::Unknown;
                };
                match (self.data(a, depth), self.data(b, depth)) {
                    (Some(x), Some(y)) => Truth::from_bool(json_equal(&x, &y)),
                    _ => Truth::Unknown,
                }
            }
            "contains" => {
                let Some(items) = call.args.as_seq() else {
                    return Truth::Unknown;
                };
                let (Some(value), Some(Json::Array(seq))) = (
                    items.first().and_then(|v| self.data(v, depth)),
                    items.get(1).and_then(|s| self.data(s, depth)),
                ) else {
                    return Truth::Unknown;
                };
                Truth::from_bool(seq.iter().any(|i| json_equal(i, &value)))
            }
            "get_param" => match self.data(node, depth) {
                Some(Json::Bool(b)) => Truth::from_bool(b),
                _ => Truth::Unknown,
            },
            _ => Truth::Unknown,
        }
    }

    /// The data value of a node inside a condition (literal, or get_param).
    fn data(&self, node: &Node, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        let version = self.template.version?;
        if let Some(call) = as_call(node, version, Context::Condition) {
            if call.name != "get_param" || call.status != Status::Available {
                return None;
            }
            let (name, path): (&str, &[Node]) = match &call.args.value {
                Value::Str(name) => (name, &[]),
                Value::Seq(items) => (items.first()?.as_str()?, &items[1..]),
                _ => return None,
            };
            let mut value = self.values.get(name)?.clone();
            for step in path {
                value = match (&value, &step.value) {
                    (Json::Object(map), _) => map
                        .get(&step.scalar_text()?)
                        .cloned()
                        .unwrap_or(Json::String(String::new())),
                    (Json::Array(items), Value::Int(i)) => items
                        .get(usize::try_from(*i).ok()?)
                        .cloned()
                        .unwrap_or(Json::String(String::new())),
                    (Json::Array(items), Value::Str(s)) => items
                        .get(s.parse::<usize>().ok()?)
                        .cloned()
                        .unwrap_or(Json::String(String::new())),
                    _ => Json::String(String::new()),
                };
            }
            return Some(value);
        }
        match &node.value {
            Value::Seq(items) => Some(Json::Array(
                items
                    .iter()
                    .map(|i| self.data(i, depth + 1))
                    .collect::<Option<_>>()?,
            )),
            Value::Map(entries) => Some(Json::Object(
                entries
                    .iter()
                    .map(|e| Some((e.key_text.to_string(), self.data(&e.value, depth + 1)?)))
                    .collect::<Option<_>>()?,
            )),
            _ => Some(node.to_json()),
        }
    }
}

/// Python's `==` on JSON-like values (1 == 1.0, True == 1).
fn json_equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Bool(x), Json::Number(y)) | (Json::Number(y), Json::Bool(x)) => {
            y.as_f64() == Some(f64::from(u8::from(*x)))
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        _ => a == b,
    }
}
