//! Checking one open buffer as `hotc check FILE` would (its project file, its
//! tree read through the open buffers over the disk, the project's rule
//! levels), and turning hotc's diagnostics and fixes into the protocol's.

use std::path::{Path, PathBuf};

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, TextEdit,
};

use super::documents::uri_of;
use super::position::{Converter, Encoding};
use crate::check::{self, CheckOptions};
use crate::diagnostics::{Diagnostic, Severity};
use crate::policy::{self, Policy};
use crate::source::{SourceFile, Span};
use crate::workspace::Overlay;

/// A fix of one published diagnostic, as edits of the buffer.
#[derive(Clone, Debug)]
pub struct QuickFix {
    pub diagnostic: lsp_types::Diagnostic,
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// Certain (what `hotc check --fix` applies).
    pub preferred: bool,
}

/// The outcome of checking one buffer.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<lsp_types::Diagnostic>,
    pub fixes: Vec<QuickFix>,
    /// Every file the check read: a change to one of them re-checks this buffer.
    pub reached: Vec<PathBuf>,
}

/// Checks the buffer at `path` as a member of its tree.
pub fn check_document(path: &Path, overlay: Overlay, encoding: Encoding) -> Checked {
    let cwd = crate::commands::current_dir();
    let config = match crate::commands::project_config(
        None,
        std::slice::from_ref(&path.to_path_buf()),
        &cwd,
    ) {
        Ok(c) => c,
        Err(message) => return failure(message),
    };
    let mut options = CheckOptions {
        paths: vec![path.to_path_buf()],
        overlay: Some(overlay),
        ..CheckOptions::default()
    };
    if let Some(config) = &config {
        config.apply(&mut options);
    }
    let policy = Policy::from_config(config.as_ref());
    let mut result = match check::run(&options) {
        Ok(r) => r,
        Err(fatal) => return failure(fatal.to_string()),
    };
    if let Some(config) = &config {
        let extra = config.diagnostics(&mut result.sources, &cwd);
        result.diagnostics.extend(extra);
        check::sort(&mut result.diagnostics, &result.sources);
    }
    let diagnostics = std::mem::take(&mut result.diagnostics);
    let diagnostics = policy::apply(&policy, diagnostics, &result.sources);
    let mut checked = Checked {
        reached: result.sources.iter().map(|(_, f)| f.path.clone()).collect(),
        ..Checked::default()
    };
    for d in &diagnostics {
        let source = result.sources.get(d.file);
        if source.path != path {
            continue;
        }
        let converted = convert(d, source, &result.sources, encoding);
        if let Some(fix) = &d.fix {
            let converter = converter(source, encoding);
            checked.fixes.push(QuickFix {
                diagnostic: converted.clone(),
                title: fix.title.clone(),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| TextEdit::new(converter.range(e.span), e.text.clone()))
                    .collect(),
                preferred: fix.safe,
            });
        }
        checked.diagnostics.push(converted);
    }
    checked
}

/// When hotc cannot check the buffer at all (an invalid hotc.toml), the
/// reason as one diagnostic at the top.
fn failure(message: String) -> Checked {
    Checked {
        diagnostics: vec![lsp_types::Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("hotc".into()),
            message,
            ..lsp_types::Diagnostic::default()
        }],
        ..Checked::default()
    }
}

fn converter(source: &SourceFile, encoding: Encoding) -> Converter<'_> {
    Converter {
        text: &source.text,
        lines: source.lines(),
        encoding,
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One diagnostic: same code, message and severity as `hotc check`; its
/// related locations, and its help as a last related note at the diagnostic.
fn convert(
    d: &Diagnostic,
    source: &SourceFile,
    sources: &crate::source::SourceMap,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let range = converter(source, encoding).range(d.span);
    let mut related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let file = sources.get(r.file);
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    uri_of(&file.path)?,
                    converter(file, encoding).range(r.span),
                ),
                message: r.message.clone(),
            })
        })
        .collect();
    if let (Some(help), Some(uri)) = (&d.help, uri_of(&source.path)) {
        related.push(DiagnosticRelatedInformation {
            location: Location::new(uri, range),
            message: format!("help: {help}"),
        });
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("hotc".into()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

/// The range of a span of a buffer.
pub fn range_of(
    text: &str,
    lines: &crate::source::LineIndex,
    span: Span,
    encoding: Encoding,
) -> Range {
    Converter {
        text,
        lines,
        encoding,
    }
    .range(span)
}
