//! hotc's own YAML syntax tree: typed values (as Heat's loader types them) with a
//! byte span on every node and every mapping key.

use crate::source::Span;

pub use super::scalar::Timestamp;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
    Block,
    Flow,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer outside `i64`, as decimal text.
    BigInt(Box<str>),
    Float(f64),
    Str(Box<str>),
    /// An unquoted date or datetime in a document that only PyYAML's pure-Python
    /// loader reads (libyaml refuses it, and Heat retries without its "timestamps
    /// stay strings" override). The client sends it as text, so everything that
    /// asks what Heat's engine sees (`as_str`, `python_type`, `to_json`, keys) gets
    /// that text.
    Timestamp(Box<Timestamp>),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub style: Style,
    pub value: Value,
}

/// One mapping entry. `key_text` is the key as it reaches Heat: the client sends the
/// template as JSON, so every key becomes a string (`1:` is `"1"`, `true:` is `"true"`).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key_text: Box<str>,
    pub key: Node,
    pub value: Node,
}

impl Node {
    pub fn new(span: Span, style: Style, value: Value) -> Node {
        Node { span, style, value }
    }

    pub fn null(span: Span) -> Node {
        Node::new(span, Style::Plain, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            Value::Timestamp(t) => Some(t.wire_text()),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    pub fn is_scalar(&self) -> bool {
        !matches!(self.value, Value::Seq(_) | Value::Map(_))
    }

    /// The entry for `key` in a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| &*e.key_text == key)
    }

    /// The value for `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// Python's name for the type, as Heat's messages print it.
    pub fn python_type(&self) -> &'static str {
        match self.value {
            Value::Null => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) | Value::Timestamp(_) => "str",
            Value::Seq(_) => "list",
            Value::Map(_) => "dict",
        }
    }

    /// A short name of the kind of value, for hotc's own messages.
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::BigInt(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Timestamp(_) => "a date",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
        }
    }

    /// The scalar as Python's `str()` would print it (for messages and coercions).
    pub fn scalar_text(&self) -> Option<String> {
        Some(match &self.value {
            Value::Null => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(s) => s.to_string(),
            Value::Float(f) => super::scalar::python_float_repr(*f),
            Value::Str(s) => s.to_string(),
            Value::Timestamp(t) => t.wire_text().to_string(),
            Value::Seq(_) | Value::Map(_) => return None,
        })
    }

    /// Converts to JSON the way the client sends it (keys as strings).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::BigInt(s) => s
                .parse::<serde_json::Number>()
                .map(J::Number)
                .unwrap_or_else(|_| J::String(s.to_string())),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(J::Number)
                .unwrap_or_else(|| J::String(super::scalar::python_float_repr(*f))),
            Value::Str(s) => J::String(s.to_string()),
            Value::Timestamp(t) => J::String(t.wire_text().to_string()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key_text.to_string(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// Number of nodes in this subtree (iterative: trees may be deep).
    pub fn count(&self) -> usize {
        let mut count = 0;
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            count += 1;
            match &node.value {
                Value::Seq(items) => stack.extend(items.iter()),
                Value::Map(entries) => {
                    for e in entries {
                        stack.push(&e.key);
                        stack.push(&e.value);
                    }
                }
                _ => {}
            }
        }
        count
    }
}

impl Entry {
    /// From the start of the key to the end of the value.
    pub fn span(&self) -> Span {
        self.key.span.cover(self.value.span)
    }
}
