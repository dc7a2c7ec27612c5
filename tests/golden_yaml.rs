//! hotc reads YAML and JSON exactly as Heat and its client do: the expected
//! readings in tests/golden/yaml/ were generated once with Heat's own loader
//! (scripts/yaml-golden.py) and are compared here with hotc's syntax tree.
//!
//! Each document is checked twice: as the client reads a template (stripped, JSON
//! when it starts with `{`) and as it reads an environment file (whole, always
//! YAML). hotc's typed tree must equal the loader's reading; and where the
//! client's JSON round trip changes that reading (keys become strings, dates text,
//! sets and tuples lists, bytes UTF-8 text, or the client fails to send it), what
//! hotc would send (`Entry::key_text`, `Node::to_json`) must equal what the client
//! sends. Readings the tree cannot hold as Python has them (bytes, sets, tuples,
//! keys that collide after the round trip) are compared through the round trip
//! only.

use hotc::syntax::{self, IssueKind, Node, Parsed, Value};
use serde_json::{Value as Json, json};

/// A reading as the golden files encode it.
fn encode(node: &Node) -> Json {
    match &node.value {
        Value::Null => json!({"null": null}),
        Value::Bool(b) => json!({"bool": b}),
        Value::Int(i) => json!({"int": i.to_string()}),
        Value::BigInt(s) => json!({"int": s.to_string()}),
        Value::Float(f) => json!({"float": float_repr(*f)}),
        Value::Str(s) => json!({"str": s.to_string()}),
        Value::Timestamp(t) => {
            let kind = if t.time.is_some() { "datetime" } else { "date" };
            json!({"other": format!("{kind}: {}", t.python_repr())})
        }
        Value::Seq(items) => json!({"seq": items.iter().map(encode).collect::<Vec<_>>()}),
        Value::Map(entries) => json!({"map": entries
            .iter()
            .map(|e| json!([encode(&e.key), encode(&e.value)]))
            .collect::<Vec<_>>()}),
    }
}

/// What the client would send for the tree, encoded like a reading: keys are
/// their `key_text`, dates their text.
fn encode_sent(node: &Node) -> Json {
    match &node.value {
        Value::Timestamp(t) => json!({"str": t.wire_text()}),
        Value::Seq(items) => json!({"seq": items.iter().map(encode_sent).collect::<Vec<_>>()}),
        Value::Map(entries) => json!({"map": entries
            .iter()
            .map(|e| json!([{"str": &*e.key_text}, encode_sent(&e.value)]))
            .collect::<Vec<_>>()}),
        _ => encode(node),
    }
}

fn float_repr(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        hotc::syntax::scalar::python_float_repr(f)
    }
}

fn is_error(kind: &IssueKind) -> bool {
    matches!(
        kind,
        IssueKind::InvalidYaml
            | IssueKind::InvalidJson
            | IssueKind::UnsupportedTag
            | IssueKind::InvalidUtf8
            | IssueKind::Binary
    )
}

/// Documents whose reading hotc deliberately holds otherwise than the client
/// sends it: (name, why, hotc's reading as sent).
const EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "tag-set",
        "the client sends a Python set as a list in string-hash order, which changes from run to run; hotc keeps the order of the text",
        r#"{"map":[[{"str":"a"},{"seq":[{"str":"x"},{"str":"y"},{"str":"z"}]}]]}"#,
    ),
    (
        "esc-lone-surrogate",
        "a lone surrogate has no UTF-8 form: hotc holds U+FFFD in its place",
        r#"{"map":[[{"str":"a"},{"str":"\ufffd"}]]}"#,
    ),
    (
        "json-lone-surrogate",
        "a lone surrogate has no UTF-8 form: hotc holds U+FFFD in its place",
        r#"{"map":[[{"str":"a"},{"str":"\ufffd"}]]}"#,
    ),
];

/// Whether a reading holds Python values outside hotc's tree (bytes, sets,
/// tuples, strings with surrogates, self-containing lists); dates are inside.
fn has_other(v: &Json) -> bool {
    match v {
        Json::Object(m) => {
            m.contains_key("binary")
                || m.get("other")
                    .and_then(Json::as_str)
                    .is_some_and(|o| !o.starts_with("date"))
                || m.values().any(has_other)
        }
        Json::Array(items) => items.iter().any(has_other),
        _ => false,
    }
}

/// A key of a reading as JSON writes it.
fn json_key(key: &Json) -> Option<String> {
    let (kind, v) = key.as_object()?.iter().next()?;
    Some(match (kind.as_str(), v) {
        ("str" | "int", Json::String(s)) => s.clone(),
        ("bool", Json::Bool(b)) => b.to_string(),
        ("null", _) => "null".into(),
        ("float", Json::String(s)) => match s.as_str() {
            "nan" => "NaN".into(),
            "inf" => "Infinity".into(),
            "-inf" => "-Infinity".into(),
            s => s.into(),
        },
        _ => return None,
    })
}

/// Whether two keys of one mapping of a reading become one in the JSON the
/// client sends (the tree keeps one entry for them: `Entry::key_text`).
fn keys_collide(v: &Json) -> bool {
    match v {
        Json::Object(m) => {
            if let Some(Json::Array(pairs)) = m.get("map") {
                let mut seen = std::collections::HashSet::new();
                for pair in pairs {
                    let key = pair.get(0).and_then(json_key);
                    if key.is_some_and(|k| !seen.insert(k)) {
                        return true;
                    }
                }
            }
            m.values().any(keys_collide)
        }
        Json::Array(items) => items.iter().any(keys_collide),
        _ => false,
    }
}

/// What is expected of one reading of a document.
struct Expected<'c> {
    /// The loader's reading, or its error.
    reading: Result<&'c Json, &'c Json>,
    /// What the client sends when the round trip changes the reading, or the
    /// error it fails with.
    sent: Option<Result<&'c Json, &'c Json>>,
}

fn field<'c>(case: &'c Json, key: &str) -> Option<&'c Json> {
    case.get(key).filter(|v| !v.is_null())
}

/// The reading as a template: JSON when the stripped text starts with `{`, else
/// the client's YAML reading (the pure-Python fallback after a libyaml error).
fn as_template(case: &Json) -> Expected<'_> {
    let text = case["text"].as_str().unwrap_or("");
    let reading = (|| {
        if text.trim().starts_with('{') {
            if let Some(e) = field(case, "json_error") {
                return Err(e);
            }
            if let Some(v) = field(case, "json_value") {
                return Ok(v);
            }
        }
        if let Some(v) = field(case, "client_value") {
            return Ok(v);
        }
        if let Some(e) = field(case, "client_error") {
            return Err(e);
        }
        if let Some(v) = field(case, "value").or(field(case, "fallback_value")) {
            return Ok(v);
        }
        Err(field(case, "fallback_error")
            .or(field(case, "error"))
            .unwrap_or(&Json::Null))
    })();
    let sent = field(case, "wire_value")
        .map(Ok)
        .or(field(case, "wire_error").map(Err));
    Expected { reading, sent }
}

/// The reading as an environment file: the whole text, always YAML.
fn as_environment(case: &Json) -> Expected<'_> {
    let reading = match field(case, "value").or(field(case, "fallback_value")) {
        Some(v) => Ok(v),
        None => Err(field(case, "fallback_error")
            .or(field(case, "error"))
            .unwrap_or(&Json::Null)),
    };
    let sent =
        field(case, "environment_wire_value")
            .map(Ok)
            .or(field(case, "environment_wire_error").map(Err));
    Expected { reading, sent }
}

/// Compares hotc's reading of a document with what is expected; returns what
/// differs.
fn compare(name: &str, parsed: &Parsed, expected: Expected) -> Option<String> {
    let error = parsed.issues.iter().find(|i| is_error(&i.kind));
    let root = parsed.root.as_ref();
    let exception = EXCEPTIONS.iter().find(|(n, _, _)| *n == name);
    let reading = match expected.reading {
        Err(message) => {
            return match (error, root) {
                (None, Some(root)) => Some(format!(
                    "{name}: Heat refuses it ({}), hotc reads {}",
                    message["message"],
                    encode(root)
                )),
                _ => None,
            };
        }
        Ok(reading) => reading,
    };
    let sent = match expected.sent {
        Some(Err(message)) => {
            return match (error, root) {
                (None, Some(root)) => Some(format!(
                    "{name}: the client cannot send it ({}), hotc reads {}",
                    message["message"],
                    encode(root)
                )),
                _ => None,
            };
        }
        Some(Ok(sent)) => Some(sent),
        None => None,
    };
    if let Some(e) = error {
        return Some(format!(
            "{name}: Heat reads it, hotc reports `{}`",
            e.message
        ));
    }
    let Some(root) = root else {
        // An empty document: Heat reads null.
        return (reading != &json!({"null": null}))
            .then(|| format!("{name}: Heat reads {reading}, hotc nothing"));
    };
    if let Some((_, _, held)) = exception {
        let held: Json = serde_json::from_str(held).unwrap();
        let got = encode_sent(root);
        return (got != held).then(|| format!("{name}: hotc should hold {held}, it holds {got}"));
    }
    if !has_other(reading) && !keys_collide(reading) {
        let got = encode(root);
        if &got != reading {
            return Some(format!("{name}: Heat reads {reading}, hotc {got}"));
        }
    } else if sent.is_none() {
        return Some(format!(
            "{name}: Heat reads {reading}, which hotc cannot hold, and the golden file has no sent reading"
        ));
    }
    if let Some(sent) = sent {
        let got = encode_sent(root);
        if &got != sent {
            return Some(format!(
                "{name}: the client sends {sent}, hotc would send {got}"
            ));
        }
    }
    None
}

fn documents() -> Vec<Json> {
    let text = std::fs::read_to_string("tests/golden/yaml/documents.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

fn check_all(parse: fn(&str) -> Parsed, expect: fn(&Json) -> Expected<'_>, what: &str) {
    let cases = documents();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let name = case["name"].as_str().unwrap_or("?");
            let text = case["text"].as_str().unwrap_or("");
            compare(name, &parse(text), expect(case))
        })
        .collect();
    assert!(cases.len() > 400);
    for (name, _, _) in EXCEPTIONS {
        assert!(
            cases.iter().any(|c| c["name"] == *name),
            "exception for a missing document: {name}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents read differently as {what}:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn documents_read_as_heat_reads_templates() {
    check_all(syntax::parse, as_template, "templates");
}

#[test]
fn documents_read_as_the_client_reads_environments() {
    check_all(
        syntax::parse_environment,
        as_environment,
        "environment files",
    );
}

#[test]
fn scalars_read_as_heat_reads_them() {
    let text = std::fs::read_to_string("tests/golden/yaml/scalars.json").unwrap();
    let cases: Vec<Json> = serde_json::from_str(&text).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let scalar = case["text"].as_str().unwrap_or("");
        let expected = &case["value"];
        // Not at the end of the text, which the client would strip.
        let parsed = syntax::parse(&format!("k: {scalar}\nend: 0\n"));
        let got = parsed
            .root
            .as_ref()
            .and_then(|r| r.get("k"))
            .map(encode)
            .unwrap_or(Json::Null);
        if &got != expected {
            failures.push(format!("`{scalar}`: Heat reads {expected}, hotc {got}"));
        }
    }
    assert!(cases.len() > 500);
    assert!(
        failures.is_empty(),
        "{} of {} scalars read differently:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
