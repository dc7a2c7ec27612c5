//! hotc reads YAML and JSON exactly as Heat and its client do: the expected
//! readings in tests/golden/yaml/ were generated once with Heat's own loader
//! (scripts/yaml-golden.py) and are compared here with hotc's syntax tree.

use hotc::syntax::{self, IssueKind, Node, Value};
use serde_json::Value as Json;

/// A reading as the golden files encode it.
fn encode(node: &Node) -> Json {
    use serde_json::json;
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

fn float_repr(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        hotc::syntax::scalar::python_float_repr(f)
    }
}

/// What Heat ends up with for a document: the client's reading (JSON when the
/// text starts with `{`, else YAML with the pure-Python fallback on errors).
fn expected(case: &Json) -> Result<&Json, &Json> {
    let text = case["text"].as_str().unwrap_or("");
    let get = |k: &str| case.get(k).filter(|v| !v.is_null());
    if text.trim().starts_with('{') {
        if let Some(e) = get("json_error") {
            return Err(e);
        }
        if let Some(v) = get("json_value") {
            return Ok(v);
        }
    }
    if let Some(v) = get("client_value") {
        return Ok(v);
    }
    if let Some(e) = get("client_error") {
        return Err(e);
    }
    if let Some(v) = get("value") {
        return Ok(v);
    }
    if let Some(v) = get("fallback_value") {
        return Ok(v);
    }
    Err(get("fallback_error")
        .or(get("error"))
        .unwrap_or(&Json::Null))
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

/// Documents whose tree deliberately holds what Heat's engine gets after the
/// client's JSON round trip (`jsonutils.dumps` of the loaded template), not the
/// loader's own Python value: (name, why, the expected reading; `null` when the
/// client fails to send the template).
const ROUND_TRIP: &[(&str, &str, &str)] = &[
    (
        "dup-str-int",
        "`'1'` and `1` are distinct keys in Python, but both become \"1\" in the JSON the client sends: the server keeps the last value (`Entry::key_text`)",
        r#"{"map":[[{"str":"1"},{"str":"b"}]]}"#,
    ),
    (
        "esc-surrogate-pair",
        "the pure-Python loader builds a string of two surrogates; the client's JSON escapes them as a pair, which the server reads as one character",
        r#"{"map":[[{"str":"a"},{"str":"😀"}]]}"#,
    ),
    (
        "json-unicode-escape",
        "read as YAML (an environment file), the pure-Python loader builds a string of two surrogates, which the client's JSON pairs into one character; as JSON it is that character already",
        r#"{"map":[[{"str":"a"},{"str":"é😀"}]]}"#,
    ),
    (
        "esc-lone-surrogate",
        "a lone surrogate has no UTF-8 form: hotc holds U+FFFD in its place",
        r#"{"map":[[{"str":"a"},{"str":"\ufffd"}]]}"#,
    ),
    (
        "tag-binary",
        "`!!binary` is bytes in Python; the client sends them decoded as UTF-8 text",
        r#"{"map":[[{"str":"a"},{"str":"hello world"}]]}"#,
    ),
    (
        "tag-binary-block",
        "`!!binary` is bytes in Python; the client sends them decoded as UTF-8 text",
        r#"{"map":[[{"str":"a"},{"str":"hello"}]]}"#,
    ),
    (
        "explicit-key-binary",
        "json.dumps refuses a bytes key: `keys must be str, int, float, bool or None, not bytes`",
        "null",
    ),
    (
        "tag-set",
        "a Python set is sent as a list of its members, in an order that depends on string hashing; hotc keeps the order of the text",
        r#"{"map":[[{"str":"a"},{"seq":[{"str":"x"},{"str":"y"},{"str":"z"}]}]]}"#,
    ),
    (
        "tag-omap",
        "the (key, value) tuples of `!!omap` are sent as two-item lists",
        r#"{"map":[[{"str":"a"},{"seq":[{"seq":[{"str":"x"},{"int":"1"}]},{"seq":[{"str":"y"},{"int":"2"}]}]}]]}"#,
    ),
    (
        "tag-pairs",
        "the (key, value) tuples of `!!pairs` are sent as two-item lists",
        r#"{"map":[[{"str":"a"},{"seq":[{"seq":[{"str":"x"},{"int":"1"}]},{"seq":[{"str":"x"},{"int":"2"}]}]}]]}"#,
    ),
    (
        "tag-binary-not-utf8",
        "the client decodes `!!binary` bytes as UTF-8 to send them, and fails on these",
        "null",
    ),
    (
        "fallback-date-key",
        "json.dumps refuses a date key: `keys must be str, int, float, bool or None, not date`",
        "null",
    ),
    (
        "json-lone-surrogate",
        "a lone surrogate has no UTF-8 form: hotc holds U+FFFD in its place",
        r#"{"map":[[{"str":"a"},{"str":"\ufffd"}]]}"#,
    ),
    (
        "alias-recursive",
        "a list that contains itself cannot be sent: json.dumps raises `Circular reference detected`",
        "null",
    ),
];

/// Readings the golden encoding marks as Python types outside hotc's tree.
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

#[test]
fn documents_read_as_heat_reads_them() {
    let text = std::fs::read_to_string("tests/golden/yaml/documents.json").unwrap();
    let cases: Vec<Json> = serde_json::from_str(&text).unwrap();
    let mut failures = Vec::new();
    let mut compared = 0;
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let text = case["text"].as_str().unwrap_or("");
        let parsed = syntax::parse(text);
        let error = parsed.issues.iter().find(|i| is_error(&i.kind));
        let exception = ROUND_TRIP.iter().find(|(n, _, _)| *n == name);
        let round_trip: Json;
        let expected = match exception {
            Some((_, _, reading)) => {
                round_trip = serde_json::from_str(reading).unwrap();
                if round_trip.is_null() {
                    Err(&round_trip)
                } else {
                    Ok(&round_trip)
                }
            }
            None => expected(case),
        };
        match expected {
            Ok(value) if has_other(value) => {
                compared += 1;
                failures.push(format!(
                    "{name}: Heat reads {value}, which hotc cannot hold"
                ))
            }
            Ok(value) => {
                compared += 1;
                match (&parsed.root, error) {
                    (_, Some(e)) => failures.push(format!(
                        "{name}: Heat reads it, hotc reports `{}`",
                        e.message
                    )),
                    (Some(root), None) => {
                        let got = encode(root);
                        if &got != value {
                            failures.push(format!("{name}: Heat reads {value}, hotc {got}"));
                        }
                    }
                    (None, None) => {
                        // An empty document: Heat reads null.
                        if value != &serde_json::json!({"null": null}) {
                            failures.push(format!("{name}: Heat reads {value}, hotc nothing"));
                        }
                    }
                }
            }
            Err(message) => {
                compared += 1;
                if error.is_none() && parsed.root.is_some() {
                    failures.push(format!(
                        "{name}: Heat refuses it ({}), hotc reads {}",
                        message["message"],
                        parsed.root.as_ref().map(encode).unwrap_or_default()
                    ));
                }
            }
        }
    }
    assert_eq!(compared, cases.len(), "every document is compared");
    for (name, _, _) in ROUND_TRIP {
        assert!(
            cases.iter().any(|c| c["name"] == *name),
            "exception for a missing document: {name}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {compared} documents read differently:\n{}",
        failures.len(),
        failures.join("\n")
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

/// What the client ends up with for an environment file: the loader's reading of
/// the whole text (no stripping, never JSON), else the pure-Python fallback's.
fn expected_environment(case: &Json) -> Result<&Json, &Json> {
    let get = |k: &str| case.get(k).filter(|v| !v.is_null());
    if let Some(v) = get("value").or(get("fallback_value")) {
        return Ok(v);
    }
    Err(get("fallback_error")
        .or(get("error"))
        .unwrap_or(&Json::Null))
}

#[test]
fn environments_read_as_the_client_reads_them() {
    let text = std::fs::read_to_string("tests/golden/yaml/documents.json").unwrap();
    let cases: Vec<Json> = serde_json::from_str(&text).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let text = case["text"].as_str().unwrap_or("");
        let parsed = syntax::parse_environment(text);
        let error = parsed.issues.iter().find(|i| is_error(&i.kind));
        let round_trip: Json;
        let expected = match ROUND_TRIP.iter().find(|(n, _, _)| *n == name) {
            Some((_, _, reading)) => {
                round_trip = serde_json::from_str(reading).unwrap();
                if round_trip.is_null() {
                    Err(&round_trip)
                } else {
                    Ok(&round_trip)
                }
            }
            None => expected_environment(case),
        };
        match (expected, &parsed.root, error) {
            (Ok(value), _, Some(e)) => failures.push(format!(
                "{name}: the client reads {value}, hotc reports `{}`",
                e.message
            )),
            (Ok(value), Some(root), None) => {
                let got = encode(root);
                if &got != value {
                    failures.push(format!("{name}: the client reads {value}, hotc {got}"));
                }
            }
            (Ok(value), None, None) => {
                if value != &serde_json::json!({"null": null}) {
                    failures.push(format!("{name}: the client reads {value}, hotc nothing"));
                }
            }
            (Err(message), Some(root), None) => failures.push(format!(
                "{name}: the client refuses it ({}), hotc reads {}",
                message["message"],
                encode(root)
            )),
            (Err(_), _, _) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} environment texts read differently:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
