//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other viewers read
//! it. Every rule is described in `tool.driver.rules` (summary, documentation,
//! help); each diagnostic is a result with its region and related locations.
//! Columns count Unicode code points (`columnKind: unicodeCodePoints`), ends are
//! exclusive, as in hotc's own positions. Files under the current directory get
//! a relative URI against `%SRCROOT%`, others an absolute `file://` URI.

use std::path::Path;

use serde_json::{Value, json};

use super::Report;
use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::RuleMeta;
use crate::source::{SourceFile, Span};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

pub fn render(report: &Report) -> String {
    let cwd = std::env::current_dir().unwrap_or_else(|_| "/".into());
    let mut text = serde_json::to_string_pretty(&document(report, &cwd))
        .unwrap_or_else(|e| format!("{{\"error\": \"could not serialise the report: {e}\"}}"));
    text.push('\n');
    text
}

/// The SARIF log as a JSON value; `cwd` is what `%SRCROOT%` stands for.
pub fn document(report: &Report, cwd: &Path) -> Value {
    let rules: Vec<Value> = crate::rules::all().into_iter().map(rule).collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(report, d))
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "hotc",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": directory_uri(cwd)}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(meta: &RuleMeta) -> Value {
    let docs = meta.docs.trim();
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary()},
        "fullDescription": {"text": docs},
        "help": {
            "text": format!("{docs}\n\nhotc explain {}", meta.code),
            "markdown": format!("{docs}\n\n`hotc explain {}`", meta.code),
        },
        "defaultConfiguration": {"level": level(meta.severity)},
    })
}

fn result(report: &Report, d: &Diagnostic) -> Value {
    let file = report.sources.get(d.file);
    let text = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let rf = report.sources.get(r.file);
            let mut location = location(rf, r.span);
            location["id"] = json!(i);
            location["message"] = json!({"text": r.message});
            location
        })
        .collect();
    let mut out = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": {"text": text},
        "locations": [location(file, d.span)],
    });
    if !related.is_empty() {
        out["relatedLocations"] = Value::Array(related);
    }
    out
}

fn location(file: &SourceFile, span: Span) -> Value {
    let start = file.position(span.start as usize);
    let end = file.position(span.end as usize);
    let artifact = if Path::new(&file.display).is_relative() {
        json!({"uri": encode_path(&file.display), "uriBaseId": SRCROOT})
    } else {
        json!({"uri": file_uri(&file.path)})
    };
    json!({"physicalLocation": {
        "artifactLocation": artifact,
        "region": {
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
        },
    }})
}

/// Percent-encodes what may not appear in a URI path (RFC 3986), keeping `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let encoded = encode_path(&text);
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}

/// A base URI must end with a slash.
fn directory_uri(dir: &Path) -> String {
    let mut uri = file_uri(dir);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(encode_path("a b/c#d.yaml"), "a%20b/c%23d.yaml");
        assert_eq!(file_uri(Path::new("/x/é.yaml")), "file:///x/%C3%A9.yaml");
        assert_eq!(directory_uri(Path::new("/src")), "file:///src/");
    }
}
