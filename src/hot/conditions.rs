//! Evaluating conditions with the effective parameter values, as Heat does:
//! lazily (a condition is evaluated only where it is used: a resource's or an
//! output's `condition`, the first argument of `if`), with `and`/`or` stopping
//! at the first operand that decides. A value that depends on something
//! unknown is `Unknown`, which enables both sides.
//!
//! Evaluation also records what Heat would refuse on the way: a name that is
//! not a defined condition, a cycle, a definition whose value is not a boolean.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::Value as Json;

use super::Template;
use super::functions::{Context, Status, as_call};
use super::parameters::EffectiveValues;
use crate::source::Span;
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

/// Something Heat refuses while it evaluates a condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A name that is not a defined condition.
    Undefined { name: String, span: Span },
    /// Evaluating `name` needs `name` itself.
    Cycle { name: String, span: Span },
    /// The definition of `name` evaluates to a value that is not a boolean
    /// (a `get_param` of a string parameter).
    NotBoolean {
        name: String,
        value: String,
        span: Span,
    },
}

impl Finding {
    pub fn span(&self) -> Span {
        match self {
            Finding::Undefined { span, .. }
            | Finding::Cycle { span, .. }
            | Finding::NotBoolean { span, .. } => *span,
        }
    }
}

/// A finding, and whether Heat certainly meets it with the effective values
/// (`false` when an unknown operand of `and`/`or` might stop evaluation first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Met {
    pub finding: Finding,
    pub certain: bool,
}

/// The result of evaluating a condition reference.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub truth: Truth,
    pub findings: Vec<Met>,
    /// Every defined condition the evaluation reached.
    pub reached: Vec<String>,
}

#[derive(Clone, Debug)]
struct Memo {
    truth: Truth,
    findings: Vec<Met>,
    reached: Vec<String>,
}

/// Evaluates the conditions of one template.
pub struct Evaluator<'t, 'd> {
    template: &'t Template<'d>,
    values: &'t EffectiveValues,
    /// Names being evaluated (cycle guard).
    active: RefCell<Vec<String>>,
    memo: RefCell<HashMap<String, Memo>>,
    /// Evaluation steps taken, against [`MAX_STEPS`].
    steps: std::cell::Cell<usize>,
}

const MAX_DEPTH: usize = 64;
/// A budget of evaluation steps for one template: hostile definitions (deep
/// cycles with many operands) cannot make evaluation explode.
const MAX_STEPS: usize = 200_000;

impl<'t, 'd> Evaluator<'t, 'd> {
    pub fn new(template: &'t Template<'d>, values: &'t EffectiveValues) -> Self {
        Evaluator {
            template,
            values,
            active: RefCell::new(Vec::new()),
            memo: RefCell::new(HashMap::new()),
            steps: std::cell::Cell::new(0),
        }
    }

    /// The value of a named condition; `None` when it is not defined.
    pub fn named(&self, name: &str) -> Option<Truth> {
        self.template.condition(name)?;
        let mut out = Trace::default();
        Some(self.eval_named(name, Span::default(), true, &mut out, 0))
    }

    /// A `condition:` field or the first argument of `if`: a name, a boolean or a
    /// condition function.
    pub fn reference(&self, node: &Node) -> Truth {
        self.analyze(node).truth
    }

    /// Evaluates a reference and records what Heat would refuse on the way.
    pub fn analyze(&self, node: &Node) -> Analysis {
        let mut out = Trace::default();
        let truth = self.eval_reference(node, true, &mut out, 0);
        Analysis {
            truth,
            findings: out.findings,
            reached: out.reached,
        }
    }

    fn eval_reference(&self, node: &Node, certain: bool, out: &mut Trace, depth: usize) -> Truth {
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > MAX_STEPS {
            return Truth::Unknown;
        }
        match &node.value {
            Value::Str(name) => {
                if self.template.condition(name).is_some() {
                    self.eval_named(name, node.span, certain, out, depth)
                } else {
                    out.push(
                        Finding::Undefined {
                            name: name.to_string(),
                            span: node.span,
                        },
                        certain,
                    );
                    Truth::Unknown
                }
            }
            Value::Bool(b) => Truth::from_bool(*b),
            _ => self.expression(node, certain, out, depth + 1),
        }
    }

    fn eval_named(
        &self,
        name: &str,
        span: Span,
        certain: bool,
        out: &mut Trace,
        depth: usize,
    ) -> Truth {
        if self.active.borrow().iter().any(|n| n == name) {
            out.push(
                Finding::Cycle {
                    name: name.to_string(),
                    span,
                },
                certain,
            );
            return Truth::Unknown;
        }
        if depth > MAX_DEPTH {
            return Truth::Unknown;
        }
        let memo = self.memo.borrow().get(name).cloned();
        let memo = match memo {
            Some(m) => m,
            None => {
                let Some(def) = self.template.condition(name) else {
                    return Truth::Unknown;
                };
                self.active.borrow_mut().push(name.to_string());
                let mut inner = Trace::default();
                let truth = self.definition(name, def.def(), &mut inner, depth + 1);
                self.active.borrow_mut().pop();
                let memo = Memo {
                    truth,
                    findings: inner.findings,
                    reached: inner.reached,
                };
                // A result computed inside a cycle depends on where the cycle was
                // entered: keep it only when no cycle was met.
                let cyclic = memo
                    .findings
                    .iter()
                    .any(|m| matches!(m.finding, Finding::Cycle { .. }));
                if !cyclic {
                    self.memo
                        .borrow_mut()
                        .insert(name.to_string(), memo.clone());
                }
                memo
            }
        };
        out.reach(name);
        for r in &memo.reached {
            out.reach(r);
        }
        for m in &memo.findings {
            out.push(m.finding.clone(), certain && m.certain);
        }
        memo.truth
    }

    fn definition(&self, name: &str, node: &Node, out: &mut Trace, depth: usize) -> Truth {
        match &node.value {
            Value::Bool(b) => Truth::from_bool(*b),
            Value::Map(_) => {
                // A bare get_param must yield a boolean.
                if let Some(value) = self.direct_param(node) {
                    return match value {
                        Some(Json::Bool(b)) => Truth::from_bool(b),
                        Some(other) => {
                            out.push(
                                Finding::NotBoolean {
                                    name: name.to_string(),
                                    value: super::parameters::python_str(&other),
                                    span: node.span,
                                },
                                true,
                            );
                            Truth::Unknown
                        }
                        None => Truth::Unknown,
                    };
                }
                self.expression(node, true, out, depth)
            }
            // Reported by the condition-definition rule.
            _ => Truth::Unknown,
        }
    }

    /// `Some(value)` when `node` is a `get_param` call (the value when known).
    fn direct_param(&self, node: &Node) -> Option<Option<Json>> {
        let version = self.template.version?;
        let call = as_call(node, version, Context::Condition)?;
        if call.name != "get_param" || call.status != Status::Available {
            return None;
        }
        Some(self.data(node, 0))
    }

    fn operand(&self, node: &Node, certain: bool, out: &mut Trace, depth: usize) -> Truth {
        self.eval_reference(node, certain, out, depth + 1)
    }

    fn expression(&self, node: &Node, certain: bool, out: &mut Trace, depth: usize) -> Truth {
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
            "not" => self.operand(call.args, certain, out, depth).not(),
            "and" | "or" => {
                let Some(items) = call.args.as_seq() else {
                    return Truth::Unknown;
                };
                // Heat stops at the first operand that decides.
                let (deciding, neutral) = if call.name == "and" {
                    (Truth::False, Truth::True)
                } else {
                    (Truth::True, Truth::False)
                };
                let mut sure = certain;
                let mut unknown = false;
                for item in items {
                    match self.operand(item, sure, out, depth) {
                        t if t == deciding => return deciding,
                        Truth::Unknown => {
                            unknown = true;
                            sure = false;
                        }
                        _ => {}
                    }
                }
                if unknown { Truth::Unknown } else { neutral }
            }
            "equals" => {
                let Some([a, b]) = call
                    .args
                    .as_seq()
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

#[derive(Default)]
struct Trace {
    findings: Vec<Met>,
    reached: Vec<String>,
}

impl Trace {
    fn push(&mut self, finding: Finding, certain: bool) {
        if let Some(m) = self.findings.iter_mut().find(|m| m.finding == finding) {
            m.certain |= certain;
        } else {
            self.findings.push(Met { finding, certain });
        }
    }

    fn reach(&mut self, name: &str) {
        if !self.reached.iter().any(|r| r == name) {
            self.reached.push(name.to_string());
        }
    }
}

/// Python's `==` on JSON-like values (1 == 1.0, True == 1).
fn json_equal(a: &Json, b: &Json) -> bool {
    super::constraints::loose_equal(a, b)
}

/// The parameters a condition reference reads, through the named conditions
/// it uses (for telling whether a value and the condition guarding it depend
/// on the same parameter).
pub fn parameters_read(template: &Template, node: &Node) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let Some(version) = template.version else {
        return out;
    };
    let mut seen: Vec<String> = Vec::new();
    let mut stack = vec![node];
    let mut steps = 0;
    while let Some(n) = stack.pop() {
        steps += 1;
        if steps > 10_000 {
            break;
        }
        if let Some(call) = as_call(n, version, Context::Condition) {
            if call.name == "get_param" {
                let name = match &call.args.value {
                    Value::Seq(items) => items.first().and_then(Node::as_str),
                    _ => call.args.as_str(),
                };
                if let Some(name) = name {
                    out.insert(name.to_string());
                }
                continue;
            }
            stack.push(call.args);
            continue;
        }
        match &n.value {
            Value::Str(name) => {
                if let Some(def) = template.condition(name) {
                    if !seen.iter().any(|s| s == name.as_ref()) {
                        seen.push(name.to_string());
                        stack.push(def.def());
                    }
                }
            }
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    out
}
