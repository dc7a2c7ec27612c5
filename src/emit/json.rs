//! `--format json`: one document on stdout, as DESIGN's contract says.

use serde::Serialize;

use super::Report;
use crate::diagnostics::Summary;

#[derive(Serialize)]
struct Document<'a> {
    hotc_version: &'static str,
    files: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    related: Vec<JsonRelated<'a>>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

pub fn render(report: &Report) -> String {
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let file = report.sources.get(d.file);
            let start = file.position(d.span.start as usize);
            let end = file.position(d.span.end as usize);
            JsonDiagnostic {
                code: d.code,
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                file: &file.display,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                offset: d.span.start as usize,
                length: d.span.len(),
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        let rf = report.sources.get(r.file);
                        let p = rf.position(r.span.start as usize);
                        JsonRelated {
                            file: &rf.display,
                            line: p.line,
                            column: p.column,
                            message: &r.message,
                        }
                    })
                    .collect(),
                help: d.help.as_deref(),
            }
        })
        .collect();
    let document = Document {
        hotc_version: env!("CARGO_PKG_VERSION"),
        files: report.files_read,
        diagnostics,
        summary: Summary::of(report.diagnostics),
    };
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|e| format!("{{\"error\": \"could not serialise the report: {e}\"}}"));
    text.push('\n');
    text
}
