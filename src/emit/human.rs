//! Human output: rustc-style snippets with labels (annotate-snippets), optionally
//! coloured, then a one-line summary.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Report;
use crate::diagnostics::{Diagnostic, Severity, Summary};
use crate::source::{SourceFile, Span};

pub fn render(report: &Report, color: bool) -> String {
    let mut out = render_diagnostics(report, color);
    let summary = Summary::of(report.diagnostics);
    out.push_str(&summary_line(&summary, report.files_read));
    out.push('\n');
    out
}

/// The diagnostics without the summary line (`--quiet`): nothing when there
/// are none.
pub fn render_diagnostics(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in report.diagnostics {
        out.push_str(&render_one(report, diagnostic, &renderer));
        out.push_str("\n\n");
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub fn summary_line(summary: &Summary, files: usize) -> String {
    if summary.errors + summary.warnings + summary.infos == 0 {
        return format!("{} checked: no problems found", plural(files, "file"));
    }
    let mut parts = vec![
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    ];
    if summary.infos > 0 {
        parts.push(plural(summary.infos, "info"));
    }
    format!("{} in {}", parts.join(", "), plural(files, "file"))
}

/// The lines around `spans` (all in one file), as (first byte, text, first line number).
fn excerpt(file: &SourceFile, spans: &[Span]) -> (usize, usize, usize) {
    let text = &file.text;
    let lo = spans
        .iter()
        .map(|s| s.start as usize)
        .min()
        .unwrap_or(0)
        .min(text.len());
    let hi = spans
        .iter()
        .map(|s| s.end as usize)
        .max()
        .unwrap_or(0)
        .min(text.len());
    let first_line = file.lines().line_of(lo);
    let last_line = file
        .lines()
        .line_of(hi.saturating_sub(usize::from(hi > lo)));
    let start = file.lines().line_start(first_line);
    let end = if last_line + 1 < file.lines().line_count() {
        file.lines().line_start(last_line + 1)
    } else {
        text.len()
    };
    (start, end.max(start), first_line + 1)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn render_one(report: &Report, d: &Diagnostic, renderer: &Renderer) -> String {
    let file = report.sources.get(d.file);
    // Related spans close to the primary one share its snippet.
    let mut same_file: Vec<&crate::diagnostics::Related> = Vec::new();
    let mut other: Vec<&crate::diagnostics::Related> = Vec::new();
    let primary_line = file.lines().line_of(d.span.start as usize);
    for r in &d.related {
        let near = r.file == d.file
            && file
                .lines()
                .line_of(r.span.start as usize)
                .abs_diff(primary_line)
                <= 6;
        if near {
            same_file.push(r)
        } else {
            other.push(r)
        }
    }
    let mut spans = vec![d.span];
    spans.extend(same_file.iter().map(|r| r.span));
    let (start, end, line_start) = excerpt(file, &spans);
    let source = &file.text[start..end];
    let local = |s: Span| char_range(source, s, start);
    let mut snippet = Snippet::source(source)
        .line_start(line_start)
        .path(file.display.as_str())
        .annotation(AnnotationKind::Primary.span(local(d.span)));
    for r in &same_file {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(local(r.span))
                .label(r.message.as_str()),
        );
    }
    let mut group = level(d.severity)
        .primary_title(d.message.as_str())
        .id(d.code)
        .element(snippet);
    let mut other_sources = Vec::new();
    for r in &other {
        let rf = report.sources.get(r.file);
        let (s, e, l) = excerpt(rf, &[r.span]);
        other_sources.push((rf, s, e, l, *r));
    }
    for (rf, s, e, l, r) in &other_sources {
        let text = &rf.text[*s..*e];
        group = group.element(
            Snippet::source(text)
                .line_start(*l)
                .path(rf.display.as_str())
                .annotation(
                    AnnotationKind::Context
                        .span(char_range(text, r.span, *s))
                        .label(r.message.as_str()),
                ),
        );
    }
    let mut groups: Vec<Group> = vec![group];
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    renderer.render(&groups).to_string()
}

/// A span made local to an excerpt starting at byte `base`, widened to whole
/// characters so that no renderer ever cuts a character.
fn char_range(excerpt: &str, span: Span, base: usize) -> std::ops::Range<usize> {
    let len = excerpt.len();
    let mut a = (span.start as usize).saturating_sub(base).min(len);
    let mut b = (span.end as usize).saturating_sub(base).clamp(a, len);
    while !excerpt.is_char_boundary(a) {
        a -= 1;
    }
    while !excerpt.is_char_boundary(b) {
        b += 1;
    }
    a..b
}
