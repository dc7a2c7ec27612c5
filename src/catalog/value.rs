//! Checking resource property values against their schemas the way Heat's
//! stack validation (`stack create`) does, for what a template spells out:
//! unknown and missing properties, unimplemented ones, values of the wrong
//! type under Heat's coercions, nested list items and map keys, and
//! constraints, each with Heat's message and the span of the offending node.
//!
//! Function calls are not literals: the caller says what each call yields
//! ([`CallInfo`]). A call whose result is unknown is not checked; a call whose
//! kind of result is known is checked against the property's type; a call
//! whose value Heat validates is known (a parameter's value) is checked like a
//! literal.

use serde_json::Value as Json;

use super::{CatalogSet, PropertySchema, PropertyType, ResourceType};
use crate::hot::constraints::{Constraint, Failure};
use crate::hot::custom_constraints;
use crate::hot::parameters::{ParamType, python_repr, python_str};
use crate::hot::python;
use crate::source::Span;
use crate::syntax::{Entry, Node, Value};

/// The kind of value a function call yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    String,
    Integer,
    Float,
    /// An integer or a float (a `number` parameter whose value is unknown).
    Number,
    Boolean,
    List,
    Map,
    /// `null` (Heat then uses the property's default).
    Null,
}

impl ValueKind {
    fn described(self) -> &'static str {
        match self {
            ValueKind::String => "a string",
            ValueKind::Integer => "an integer",
            ValueKind::Float => "a float",
            ValueKind::Number => "a number",
            ValueKind::Boolean => "a boolean",
            ValueKind::List => "a list",
            ValueKind::Map => "a map",
            ValueKind::Null => "null",
        }
    }
}

/// What a function call yields when Heat validates the properties.
#[derive(Clone, Debug, PartialEq)]
pub enum CallInfo {
    /// Not known (e.g. `get_attr`, which is null until the resource exists;
    /// `yaql`): nothing is checked.
    Unknown,
    /// The kind of result is known, not its value (e.g. `list_join` → a
    /// string): checked against the property's type.
    Kind(ValueKind),
    /// The value Heat sees: `get_param` of a parameter with a known value,
    /// `get_resource` (Heat validates the resource's name). `constraints`:
    /// whether Heat checks the property's constraints on it — it does not
    /// when the value depends on a resource.
    Value { value: Json, constraints: bool },
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// `Unknown Property X`, with the closest known name.
    UnknownProperty {
        name: String,
        suggestion: Option<String>,
    },
    /// `Property X not assigned` (reported at the map that lacks it).
    MissingProperty { name: String },
    /// `Property X not implemented yet`.
    NotImplemented { name: String },
    /// Heat cannot turn the value into the property's type.
    WrongType,
    /// The value breaks a constraint.
    Constraint,
    /// A property and the deprecated one Heat moves into it are both set.
    Conflict,
}

/// One thing Heat's validation rejects in a property value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The node to point at.
    pub span: Span,
    /// Heat's path below the checked map: `networks[0].port`, or empty for
    /// the map itself.
    pub path: String,
    /// Heat's message (without the `Property error: ...:` prefix).
    pub message: String,
}

impl Problem {
    /// Heat's whole message, given where the map is (`resources.server.properties`).
    pub fn heat_message(&self, location: &str) -> String {
        if self.path.is_empty() {
            format!("Property error: {location}: {}", self.message)
        } else {
            let sep = if self.path.starts_with('[') { "" } else { "." };
            format!(
                "Property error: {location}{sep}{}: {}",
                self.path, self.message
            )
        }
    }
}

/// Checks property values against schemas.
pub struct ValueChecker<'a> {
    /// For custom constraint names (registered, needing a cloud, unknown).
    pub catalogs: &'a CatalogSet<'a>,
    /// `None`: the node is plain data; `Some`: it is a call, and what it yields.
    pub calls: &'a dyn Fn(&Node) -> Option<CallInfo>,
}

#[derive(Clone, Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Clone, Debug, Default)]
struct Path(Vec<Segment>);

impl Path {
    fn child(&self, segment: Segment) -> Path {
        let mut p = self.clone();
        p.0.push(segment);
        p
    }

    /// Heat's spelling: keys joined with dots, digit-only items as `[n]`.
    fn heat(&self) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            let text = match segment {
                Segment::Key(k) => k.clone(),
                Segment::Index(i) => i.to_string(),
            };
            if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
                out.push_str(&format!("[{text}]"));
            } else {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&text);
            }
        }
        out
    }

    /// The path with list indices left out, as Heat names translated properties.
    fn rule_key(&self) -> String {
        self.0
            .iter()
            .filter_map(|s| match s {
                Segment::Key(k) if !k.bytes().all(|b| b.is_ascii_digit()) => Some(k.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// What a node stands for: data, or a call with what it yields.
enum Input<'n> {
    Node(&'n Node),
    Json(Json),
}

/// The value after Heat's coercion, when hotc knows it; else what is known
/// of its length.
struct Outcome {
    value: Option<Json>,
    len: Option<usize>,
}

impl Outcome {
    fn unknown() -> Outcome {
        Outcome {
            value: None,
            len: None,
        }
    }

    fn known(value: Json) -> Outcome {
        let len = match &value {
            Json::String(s) => Some(s.chars().count()),
            Json::Array(a) => Some(a.len()),
            Json::Object(m) => Some(m.len()),
            _ => None,
        };
        Outcome {
            value: Some(value),
            len,
        }
    }
}

impl<'a> ValueChecker<'a> {
    /// A resource's `properties` map (`None`: the resource has none). Types
    /// that accept any property are not checked.
    pub fn properties(&self, ty: &ResourceType, properties: Option<&Node>) -> Vec<Problem> {
        if ty.accepts_any_properties {
            return Vec::new();
        }
        self.map(&ty.properties, properties)
    }

    /// A map checked against a list of schemas: a resource's properties, an
    /// `update_policy`, a template resource's parameters. `None`: no map
    /// (missing required keys are then reported at an empty span).
    pub fn map(&self, schemas: &[PropertySchema], node: Option<&Node>) -> Vec<Problem> {
        let mut out = Vec::new();
        // An absent map is an empty one; anything but a map (null included)
        // is a mistake in the resource's shape, reported elsewhere.
        let Some(node) = node else {
            self.check_map(
                schemas,
                &[],
                Span::default(),
                &Path::default(),
                true,
                &mut out,
            );
            return out;
        };
        if (self.calls)(node).is_some() {
            return out;
        }
        if let Value::Map(entries) = &node.value {
            self.check_map(
                schemas,
                entries,
                node.span,
                &Path::default(),
                true,
                &mut out,
            );
        }
        out
    }

    /// One value against one schema (its problems' paths start at the value).
    pub fn value(&self, schema: &PropertySchema, node: &Node) -> Vec<Problem> {
        let mut out = Vec::new();
        self.check(
            schema,
            Input::Node(node),
            node.span,
            &Path::default(),
            true,
            &mut out,
        );
        out
    }

    /// A map with a schema: `validate` is false where Heat only reads the
    /// keys it knows (a value that depends on a resource).
    fn check_map(
        &self,
        schemas: &[PropertySchema],
        entries: &[Entry],
        map_span: Span,
        path: &Path,
        validate: bool,
        out: &mut Vec<Problem>,
    ) {
        let find = |name: &str| entries.iter().rev().find(|e| &*e.key_text == name);
        for entry in entries {
            let name: &str = &entry.key_text;
            if validate && !schemas.iter().any(|s| s.name == name) {
                let suggestion =
                    crate::rules::nearest(name, schemas.iter().map(|s| s.name.as_str()))
                        .map(str::to_string);
                out.push(Problem {
                    kind: ProblemKind::UnknownProperty {
                        name: name.to_string(),
                        suggestion,
                    },
                    span: entry.key.span,
                    path: path.heat(),
                    message: format!("Unknown Property {name}"),
                });
            }
        }
        for schema in schemas {
            let entry = find(&schema.name);
            if schema.replaced_by.is_some() {
                // Checked below, as the property it moves into.
                continue;
            }
            let here = path.child(Segment::Key(schema.name.clone()));
            // A deprecated property whose value Heat moves into this one.
            let source = schemas
                .iter()
                .filter(|s| s.replaced_by.as_deref() == Some(schema.name.as_str()))
                .find_map(|s| find(&s.name).map(|e| (s, e)));
            match (entry, source) {
                (_, Some((old, old_entry))) => {
                    // Heat reads the old property's value (with its own schema)
                    // and uses it for this one, whose own value it then ignores.
                    // A type error is reported at the map when this one is
                    // required and not set.
                    let at = if schema.required && entry.is_none() {
                        path.clone()
                    } else {
                        here.clone()
                    };
                    let mut found = Vec::new();
                    let outcome = self.check(
                        old,
                        Input::Node(&old_entry.value),
                        old_entry.value.span,
                        &here,
                        validate,
                        &mut found,
                    );
                    for mut problem in found {
                        if problem.kind == ProblemKind::WrongType {
                            problem.path = at.heat();
                        }
                        out.push(problem);
                    }
                    let moved = outcome.value.as_ref().map(json_truthy);
                    if let Some(e) = entry {
                        if moved == Some(true) && self.truthy(&e.value) == Some(true) {
                            out.push(Problem {
                                kind: ProblemKind::Conflict,
                                span: e.key.span,
                                path: here.heat(),
                                message: format!(
                                    "Cannot define the following properties at the same time: {}, {}",
                                    here.rule_key(),
                                    path.child(Segment::Key(old.name.clone())).rule_key()
                                ),
                            });
                        }
                    }
                }
                (Some(e), None) => {
                    self.check(
                        schema,
                        Input::Node(&e.value),
                        e.value.span,
                        &here,
                        validate,
                        out,
                    );
                }
                (None, None) => {
                    if schema.required {
                        out.push(Problem {
                            kind: ProblemKind::MissingProperty {
                                name: schema.name.clone(),
                            },
                            span: map_span,
                            path: path.heat(),
                            message: format!("Property {} not assigned", schema.name),
                        });
                    }
                }
            }
            if let Some(e) = entry.filter(|_| validate) {
                if !schema.implemented {
                    out.push(Problem {
                        kind: ProblemKind::NotImplemented {
                            name: schema.name.clone(),
                        },
                        span: e.key.span,
                        path: path.heat(),
                        message: format!("Property {} not implemented yet", schema.name),
                    });
                }
            }
        }
    }

    /// Python's truthiness of a literal (None for a call or unknown value).
    fn truthy(&self, node: &Node) -> Option<bool> {
        if (self.calls)(node).is_some() {
            return match (self.calls)(node) {
                Some(CallInfo::Value { value, .. }) => Some(json_truthy(&value)),
                _ => None,
            };
        }
        Some(match &node.value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Timestamp(_) => true,
            Value::Seq(items) => !items.is_empty(),
            Value::Map(entries) => !entries.is_empty(),
        })
    }

    /// Checks one value; returns what Heat makes of it.
    fn check(
        &self,
        schema: &PropertySchema,
        input: Input,
        span: Span,
        path: &Path,
        validate: bool,
        out: &mut Vec<Problem>,
    ) -> Outcome {
        let problem = |kind: ProblemKind, message: String| Problem {
            kind,
            span,
            path: path.heat(),
            message,
        };
        // A call: what the caller knows of its result.
        let (input, validate) = match input {
            Input::Node(node) => match (self.calls)(node) {
                None => (Input::Node(node), validate),
                Some(CallInfo::Unknown) => return Outcome::unknown(),
                Some(CallInfo::Kind(kind)) => {
                    if let Some(message) = kind_mismatch(schema, kind) {
                        out.push(problem(ProblemKind::WrongType, message));
                    }
                    return Outcome::unknown();
                }
                Some(CallInfo::Value { value, constraints }) => {
                    (Input::Json(value), validate && constraints)
                }
            },
            json => (json, validate),
        };
        // Null: Heat uses the default, else the type's empty value.
        let input = match input {
            Input::Node(node) if node.is_null() => Input::Json(null_value(schema)),
            Input::Json(Json::Null) => Input::Json(null_value(schema)),
            other => other,
        };
        let coerced = match coerce(schema, &input) {
            Ok(c) => c,
            Err(message) => {
                out.push(problem(ProblemKind::WrongType, message));
                return Outcome::unknown();
            }
        };
        // Nested schemas.
        let outcome = match coerced {
            Coerced::Done(value) => Outcome::known(value),
            Coerced::Unknown => Outcome::unknown(),
            Coerced::Big(digits) => {
                if validate {
                    if let Some(message) = big_range(schema, &digits) {
                        out.push(problem(ProblemKind::Constraint, message));
                    }
                }
                return Outcome::unknown();
            }
            Coerced::List => self.check_list(schema, &input, span, path, validate, out),
            Coerced::Map => self.check_nested_map(schema, &input, span, path, validate, out),
        };
        if validate {
            if let Some(message) = self.constraints(schema, &outcome) {
                out.push(problem(ProblemKind::Constraint, message));
            }
        }
        outcome
    }

    fn check_list(
        &self,
        schema: &PropertySchema,
        input: &Input,
        span: Span,
        path: &Path,
        validate: bool,
        out: &mut Vec<Problem>,
    ) -> Outcome {
        let Some(item_schema) = &schema.item else {
            return match input {
                Input::Node(node) => self.raw(node),
                Input::Json(value) => Outcome::known(value.clone()),
            };
        };
        let outcomes: Vec<Outcome> = match input {
            Input::Node(node) => node
                .as_seq()
                .unwrap_or(&[])
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let here = path.child(Segment::Index(i));
                    self.check(
                        item_schema,
                        Input::Node(item),
                        item.span,
                        &here,
                        validate,
                        out,
                    )
                })
                .collect(),
            // A known value: problems inside it are reported at the call.
            Input::Json(Json::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let here = path.child(Segment::Index(i));
                    self.check(
                        item_schema,
                        Input::Json(item.clone()),
                        span,
                        &here,
                        validate,
                        out,
                    )
                })
                .collect(),
            Input::Json(_) => return Outcome::unknown(),
        };
        let count = outcomes.len();
        let values: Option<Vec<Json>> = outcomes.into_iter().map(|o| o.value).collect();
        match values {
            Some(values) => Outcome::known(Json::Array(values)),
            None => Outcome {
                value: None,
                len: Some(count),
            },
        }
    }

    fn check_nested_map(
        &self,
        schema: &PropertySchema,
        input: &Input,
        span: Span,
        path: &Path,
        validate: bool,
        out: &mut Vec<Problem>,
    ) -> Outcome {
        let Some(keys) = &schema.keys else {
            return match input {
                Input::Node(node) => self.raw(node),
                Input::Json(value) => Outcome::known(value.clone()),
            };
        };
        match input {
            Input::Node(node) => {
                let entries = node.as_map().unwrap_or(&[]);
                self.check_map(keys, entries, span, path, validate, out);
            }
            Input::Json(value) => {
                // A known value: its problems are reported at the call.
                let node = json_node(value, span);
                let literal = ValueChecker {
                    catalogs: self.catalogs,
                    calls: &|_| None,
                };
                let entries = node.as_map().unwrap_or(&[]);
                literal.check_map(keys, entries, span, path, validate, out);
            }
        }
        // Heat's value holds every key of the schema.
        Outcome {
            value: None,
            len: Some(keys.len()),
        }
    }

    /// A node under no schema: its data, unless a call inside is unknown.
    fn raw(&self, node: &Node) -> Outcome {
        match (self.calls)(node) {
            Some(CallInfo::Value { value, .. }) => return Outcome::known(value),
            Some(_) => return Outcome::unknown(),
            None => {}
        }
        match &node.value {
            Value::Seq(items) => {
                let mut values = Vec::new();
                for item in items {
                    match self.raw(item).value {
                        Some(v) => values.push(v),
                        None => {
                            return Outcome {
                                value: None,
                                len: Some(items.len()),
                            };
                        }
                    }
                }
                Outcome::known(Json::Array(values))
            }
            Value::Map(entries) => {
                let mut map = serde_json::Map::new();
                for e in entries {
                    match self.raw(&e.value).value {
                        Some(v) => {
                            map.insert(e.key_text.to_string(), v);
                        }
                        None => {
                            return Outcome {
                                value: None,
                                len: Some(entries.len()),
                            };
                        }
                    }
                }
                Outcome::known(Json::Object(map))
            }
            Value::BigInt(_) => Outcome::unknown(),
            _ => Outcome::known(node.to_json()),
        }
    }

    /// The first constraint the value breaks, with Heat's message.
    fn constraints(&self, schema: &PropertySchema, outcome: &Outcome) -> Option<String> {
        for constraint in &schema.constraints {
            let verdict = match (constraint, &outcome.value) {
                (Constraint::Length { min, max }, _) => {
                    let Some(len) = outcome.len else { continue };
                    let len = len as i64;
                    if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
                        Some(format!(
                            "length ({len}) is out of range (min: {}, max: {})",
                            min.map_or("None".into(), |m| m.to_string()),
                            max.map_or("None".into(), |m| m.to_string())
                        ))
                    } else {
                        None
                    }
                }
                (_, None) => continue,
                (Constraint::Custom(name), Some(value)) => self.custom(name, value),
                (c, Some(value)) => {
                    let as_type = match schema.kind {
                        PropertyType::String => Some(ParamType::String),
                        PropertyType::Integer | PropertyType::Number => Some(ParamType::Number),
                        PropertyType::Boolean => Some(ParamType::Boolean),
                        _ => None,
                    };
                    match c.check(value, as_type) {
                        Err(Failure::Message(m)) => Some(m),
                        _ => None,
                    }
                }
            };
            if verdict.is_some() {
                return verdict;
            }
        }
        None
    }

    fn custom(&self, name: &str, value: &Json) -> Option<String> {
        if custom_constraints::PURE.contains(&name) {
            return custom_constraints::validate(name, value).and_then(Result::err);
        }
        if self.catalogs.custom_constraint(name).is_some() {
            // Registered, but it asks a cloud.
            return None;
        }
        let text = python_str(value);
        Some(format!(
            "\"{text}\" does not validate {name} (constraint not found)"
        ))
    }
}

/// The range constraint on an integer too big for 64 bits.
fn big_range(schema: &PropertySchema, digits: &str) -> Option<String> {
    let x: f64 = digits.parse().ok()?;
    schema.constraints.iter().find_map(|c| match c {
        Constraint::Range { min, max } => {
            let below = min.as_ref().and_then(|m| m.as_f64()).is_some_and(|m| x < m);
            let above = max.as_ref().and_then(|m| m.as_f64()).is_some_and(|m| x > m);
            let bound = |b: &Option<serde_json::Number>| {
                b.as_ref()
                    .map_or("None".to_string(), |n| python_str(&Json::Number(n.clone())))
            };
            (below || above).then(|| {
                format!(
                    "{digits} is out of range (min: {}, max: {})",
                    bound(min),
                    bound(max)
                )
            })
        }
        _ => None,
    })
}

fn json_truthy(value: &Json) -> bool {
    match value {
        Json::Null => false,
        Json::Bool(b) => *b,
        Json::Number(n) => n.as_f64() != Some(0.0),
        Json::String(s) => !s.is_empty(),
        Json::Array(a) => !a.is_empty(),
        Json::Object(m) => !m.is_empty(),
    }
}

/// A JSON value as a syntax node (for checking a known call result).
fn json_node(value: &Json, span: Span) -> Node {
    use crate::syntax::Style;
    let v = match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => match n.as_f64() {
                Some(f) if n.is_f64() => Value::Float(f),
                _ => Value::BigInt(n.to_string().into()),
            },
        },
        Json::String(s) => Value::Str(s.as_str().into()),
        Json::Array(items) => Value::Seq(items.iter().map(|i| json_node(i, span)).collect()),
        Json::Object(map) => Value::Map(
            map.iter()
                .map(|(k, v)| Entry {
                    key_text: k.as_str().into(),
                    key: Node::new(span, Style::Plain, Value::Str(k.as_str().into())),
                    value: json_node(v, span),
                })
                .collect(),
        ),
    };
    Node::new(span, Style::Plain, v)
}

/// What Heat uses for a null value: the default, else the type's empty value.
fn null_value(schema: &PropertySchema) -> Json {
    if let Some(default) = &schema.default {
        // Python's `default or <empty>`: a falsy default gives the empty value.
        if json_truthy(default) || schema.kind == PropertyType::Map {
            return default.clone();
        }
    }
    match schema.kind {
        PropertyType::String => Json::String(String::new()),
        PropertyType::Integer | PropertyType::Number => Json::from(0),
        PropertyType::Boolean => Json::Bool(false),
        PropertyType::List => Json::Array(Vec::new()),
        PropertyType::Map => Json::Object(serde_json::Map::new()),
        PropertyType::Any => Json::Null,
    }
}

/// The outcome of Heat's type coercion.
enum Coerced {
    /// A scalar, converted.
    Done(Json),
    /// Accepted, but hotc does not know the resulting value.
    Unknown,
    /// An integer beyond 64 bits, as its digits.
    Big(String),
    /// A list whose items are to be checked.
    List,
    /// A map whose keys are to be checked.
    Map,
}

/// A literal scalar as Python sees it.
enum Scalar<'v> {
    None,
    Bool(bool),
    Int(Json),
    BigInt,
    Float(f64),
    Str(&'v str),
    List,
    Map,
}

fn scalar<'v>(input: &'v Input) -> Scalar<'v> {
    match input {
        Input::Node(node) => match &node.value {
            Value::Null => Scalar::None,
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Int(i) => Scalar::Int(Json::from(*i)),
            Value::BigInt(_) => Scalar::BigInt,
            Value::Float(f) => Scalar::Float(*f),
            Value::Str(s) => Scalar::Str(s),
            Value::Timestamp(t) => Scalar::Str(t.wire_text()),
            Value::Seq(_) => Scalar::List,
            Value::Map(_) => Scalar::Map,
        },
        Input::Json(value) => match value {
            Json::Null => Scalar::None,
            Json::Bool(b) => Scalar::Bool(*b),
            Json::Number(n) if n.is_f64() => Scalar::Float(n.as_f64().unwrap_or(0.0)),
            Json::Number(_) => Scalar::Int(value.clone()),
            Json::String(s) => Scalar::Str(s),
            Json::Array(_) => Scalar::List,
            Json::Object(_) => Scalar::Map,
        },
    }
}

/// The input as Python would print it with `str()` and `repr()`.
fn python_texts(input: &Input) -> (String, String) {
    let json = match input {
        Input::Node(node) => match &node.value {
            Value::BigInt(s) => return (s.to_string(), s.to_string()),
            _ => node.to_json(),
        },
        Input::Json(v) => v.clone(),
    };
    (python_str(&json), python_repr(&json))
}

fn python_type_name(s: &Scalar) -> &'static str {
    match s {
        Scalar::List => "list",
        Scalar::Map => "dict",
        _ => "object",
    }
}

/// Heat's `Property.get_value` conversions (the value is not null).
fn coerce(schema: &PropertySchema, input: &Input) -> Result<Coerced, String> {
    let value = scalar(input);
    // Python's texts of the value, for the conversions and messages that use them.
    let text = || python_texts(input).0;
    let repr = || python_texts(input).1;
    let int_argument = |s: &Scalar| {
        format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            python_type_name(s)
        )
    };
    match schema.kind {
        PropertyType::Any => Ok(match input {
            Input::Node(node) if !node.is_scalar() => Coerced::Unknown,
            Input::Node(node) => Coerced::Done(node.to_json()),
            Input::Json(v) => Coerced::Done(v.clone()),
        }),
        PropertyType::String => match value {
            Scalar::Str(s) => Ok(Coerced::Done(Json::String(s.to_string()))),
            Scalar::Bool(_) | Scalar::Int(_) | Scalar::BigInt => {
                Ok(Coerced::Done(Json::String(text())))
            }
            Scalar::None => Ok(Coerced::Done(Json::String(String::new()))),
            Scalar::Float(_) | Scalar::List | Scalar::Map => {
                Err(format!("Value must be a string; got {}", repr()))
            }
        },
        PropertyType::Integer => match value {
            Scalar::Bool(b) => Ok(Coerced::Done(Json::from(i64::from(b)))),
            Scalar::Int(i) => Ok(Coerced::Done(i)),
            Scalar::BigInt => Ok(Coerced::Big(text())),
            Scalar::Float(f) if f.is_nan() => Err("Value 'nan' is not an integer".into()),
            Scalar::Float(f) if f.is_infinite() => {
                Err("cannot convert float infinity to integer".into())
            }
            Scalar::Float(f) => Ok(match f.trunc() {
                t if t.abs() < 9.0e15 => Coerced::Done(Json::from(t as i64)),
                _ => Coerced::Unknown,
            }),
            Scalar::Str(s) => match python::int(s) {
                Some(i) => Ok(integer(i)),
                None => Err(format!("Value '{s}' is not an integer")),
            },
            Scalar::None => Ok(Coerced::Done(Json::from(0))),
            Scalar::List | Scalar::Map => Err(int_argument(&value)),
        },
        PropertyType::Number => match value {
            // Booleans are numbers to Python; Heat keeps them as they are.
            Scalar::Bool(b) => Ok(Coerced::Done(Json::Bool(b))),
            Scalar::Int(i) => Ok(Coerced::Done(i)),
            Scalar::BigInt => Ok(Coerced::Big(text())),
            Scalar::Float(f) => Ok(serde_json::Number::from_f64(f)
                .map_or(Coerced::Unknown, |n| Coerced::Done(Json::Number(n)))),
            Scalar::Str(s) => match python::int(s) {
                Some(i) => Ok(integer(i)),
                None => match python::float(s) {
                    Some(f) => Ok(serde_json::Number::from_f64(f)
                        .map_or(Coerced::Unknown, |n| Coerced::Done(Json::Number(n)))),
                    None => Err(format!(
                        "could not convert string to float: {}",
                        python::repr(s)
                    )),
                },
            },
            Scalar::None => Ok(Coerced::Done(Json::from(0))),
            Scalar::List | Scalar::Map => Err(int_argument(&value)),
        },
        PropertyType::Boolean => match value {
            Scalar::Bool(b) => Ok(Coerced::Done(Json::Bool(b))),
            Scalar::Str(s) => match s.to_lowercase().as_str() {
                "true" => Ok(Coerced::Done(Json::Bool(true))),
                "false" => Ok(Coerced::Done(Json::Bool(false))),
                lower => Err(format!("\"{lower}\" is not a valid boolean")),
            },
            Scalar::None => Ok(Coerced::Done(Json::Bool(false))),
            _ => Err(format!("\"{}\" is not a valid boolean", text())),
        },
        PropertyType::List => match value {
            Scalar::List => Ok(Coerced::List),
            Scalar::Str(s) if schema.allow_conversion => {
                Ok(Coerced::Done(Json::Array(if s.is_empty() {
                    Vec::new()
                } else {
                    s.split(',').map(|p| Json::String(p.to_string())).collect()
                })))
            }
            _ => Err(format!("\"{}\" is not a list", repr())),
        },
        PropertyType::Map => match value {
            Scalar::Map => Ok(Coerced::Map),
            Scalar::Str(s) if schema.allow_conversion => {
                Ok(Coerced::Done(Json::String(s.to_string())))
            }
            Scalar::List if schema.allow_conversion => Ok(Coerced::Unknown),
            _ => Err(format!("\"{}\" is not a map", text())),
        },
    }
}

/// A Python int as a JSON number when it fits, else kept as its digits.
fn integer(i: python::PyInt) -> Coerced {
    match i.as_i128().and_then(|i| i64::try_from(i).ok()) {
        Some(i) => Coerced::Done(Json::from(i)),
        None => Coerced::Big(i.to_string()),
    }
}

/// Heat's verdict on a value of a known kind but unknown content, when it
/// is certain; the message describes the value instead of printing it.
fn kind_mismatch(schema: &PropertySchema, kind: ValueKind) -> Option<String> {
    use PropertyType as P;
    use ValueKind as K;
    let what = kind.described();
    match (schema.kind, kind) {
        (_, K::Null) | (P::Any, _) => None,
        (P::String, K::Float | K::List | K::Map) => {
            Some(format!("Value must be a string; got {what}"))
        }
        (P::Integer | P::Number, K::List) => Some(
            "int() argument must be a string, a bytes-like object or a real number, not 'list'"
                .into(),
        ),
        (P::Integer | P::Number, K::Map) => Some(
            "int() argument must be a string, a bytes-like object or a real number, not 'dict'"
                .into(),
        ),
        (P::Boolean, K::Integer | K::Float | K::Number | K::List | K::Map) => {
            Some(format!("{what} is not a valid boolean"))
        }
        (P::List, K::String) if schema.allow_conversion => None,
        (P::List, K::String | K::Integer | K::Float | K::Number | K::Boolean | K::Map) => {
            Some(format!("{what} is not a list"))
        }
        (P::Map, K::String | K::List) if schema.allow_conversion => None,
        (P::Map, K::String | K::Integer | K::Float | K::Number | K::Boolean | K::List) => {
            Some(format!("{what} is not a map"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
