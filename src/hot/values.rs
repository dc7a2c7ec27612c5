//! The value of a template expression when it can be known without a cloud:
//! literal data, `get_param` of a parameter with a known value, `if` on a
//! condition hotc can evaluate, and the string functions over known values.
//! Anything else (resource attributes, files, yaql...) is unknown.

use serde_json::Value as Json;

use super::Template;
use super::conditions::{Evaluator, Truth};
use super::functions::{Context, Status, as_call};
use super::parameters::{EffectiveValues, python_str};
use crate::syntax::{Node, Value};

/// Budget of nested expressions followed, against hostile templates.
const MAX_DEPTH: usize = 64;

/// Evaluates expressions of one template with its effective values.
pub struct StaticEvaluator<'a, 't, 'd> {
    pub template: &'a Template<'d>,
    pub values: &'a EffectiveValues,
    pub conditions: &'a Evaluator<'t, 'd>,
}

impl StaticEvaluator<'_, '_, '_> {
    /// The value of `node`, or `None` when it depends on something unknown.
    pub fn value(&self, node: &Node) -> Option<Json> {
        self.eval(node, 0)
    }

    fn eval(&self, node: &Node, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        let version = self.template.version?;
        if let Some(call) = as_call(node, version, Context::Normal) {
            if call.status != Status::Available {
                return None;
            }
            return match call.name {
                "get_param" => self.get_param(call.args, depth),
                "if" => {
                    let args = call.args.as_seq()?;
                    match self.conditions.reference(args.first()?) {
                        Truth::True => self.eval(args.get(1)?, depth + 1),
                        Truth::False => match args.get(2) {
                            Some(branch) => self.eval(branch, depth + 1),
                            None => None,
                        },
                        Truth::Unknown => None,
                    }
                }
                "list_join" => {
                    let args = call.args.as_seq()?;
                    let delimiter = self.eval(args.first()?, depth + 1)?;
                    let delimiter = delimiter.as_str()?.to_string();
                    let mut parts = Vec::new();
                    for list in &args[1..] {
                        match self.eval(list, depth + 1)? {
                            Json::Array(items) => {
                                for item in items {
                                    parts.push(match item {
                                        Json::String(s) => s,
                                        Json::Null => String::new(),
                                        other => serde_json::to_string(&other).ok()?,
                                    });
                                }
                            }
                            _ => return None,
                        }
                    }
                    Some(Json::String(parts.join(&delimiter)))
                }
                "str_replace" | "str_replace_strict" | "str_replace_vstrict" => {
                    let template = self.eval(call.args.get("template")?, depth + 1)?;
                    let mut text = template.as_str()?.to_string();
                    let params = call.args.get("params")?.as_map()?;
                    // Heat replaces longer keys first.
                    let mut pairs = Vec::new();
                    for p in params {
                        let value = self.eval(&p.value, depth + 1)?;
                        let value = match value {
                            Json::String(s) => s,
                            Json::Null => String::new(),
                            Json::Array(_) | Json::Object(_) => {
                                serde_json::to_string(&value).ok()?
                            }
                            other => python_str(&other),
                        };
                        pairs.push((p.key_text.to_string(), value));
                    }
                    pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
                    for (key, value) in pairs {
                        if !key.is_empty() {
                            text = text.replace(&key, &value);
                        }
                    }
                    Some(Json::String(text))
                }
                _ => None,
            };
        }
        match &node.value {
            Value::Seq(items) => Some(Json::Array(
                items
                    .iter()
                    .map(|i| self.eval(i, depth + 1))
                    .collect::<Option<_>>()?,
            )),
            Value::Map(entries) => Some(Json::Object(
                entries
                    .iter()
                    .map(|e| Some((e.key_text.to_string(), self.eval(&e.value, depth + 1)?)))
                    .collect::<Option<_>>()?,
            )),
            _ => Some(node.to_json()),
        }
    }

    fn get_param(&self, args: &Node, depth: usize) -> Option<Json> {
        let (name, path): (String, &[Node]) = match &args.value {
            Value::Str(name) => (name.to_string(), &[]),
            Value::Seq(items) => {
                let first = self.eval(items.first()?, depth + 1)?;
                (first.as_str()?.to_string(), &items[1..])
            }
            _ => return None,
        };
        let mut value = self.values.get(&name)?.clone();
        for step in path {
            let key = self.eval(step, depth + 1)?;
            value = match (&value, &key) {
                (Json::Object(map), k) => map
                    .get(&python_str(k))
                    .cloned()
                    .unwrap_or(Json::String(String::new())),
                (Json::Array(items), Json::Number(n)) => n
                    .as_u64()
                    .and_then(|i| items.get(i as usize).cloned())
                    .unwrap_or(Json::String(String::new())),
                (Json::Array(items), Json::String(s)) => s
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i).cloned())
                    .unwrap_or(Json::String(String::new())),
                _ => Json::String(String::new()),
            };
        }
        Some(value)
    }
}
