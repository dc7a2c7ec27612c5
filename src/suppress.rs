//! Suppression comments: `# hotc: ignore[CODE, ...] reason` on the line of a
//! diagnostic (after the code), or alone on the line before it, and
//! `# hotc: ignore-file[CODE, ...] reason` anywhere for the whole file. Codes
//! may be written as codes (`H901`) or names (`unused-parameter`).
//!
//! The scanner knows YAML: a `#` inside a quoted or block scalar is text, not a
//! comment (it uses the spans of the file's scalars to tell). A suppression that
//! suppresses nothing is reported, so stale ones do not pile up.

use crate::diagnostics::Diagnostic;
use crate::rules::{self, RuleMeta};
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::{Node, Style, Value};

crate::declare_rule! {
    /// A `# hotc: ignore[...]` comment that suppresses nothing, or that names a
    /// code hotc does not have.
    ///
    /// ## Why is this bad?
    /// A suppression that no longer matches a diagnostic hides nothing today
    /// and may hide a different mistake tomorrow; an unknown code is usually a
    /// typo, so the diagnostic meant to be silenced still shows.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   flavor:  # hotc: ignore[H901] read by the parent template
    ///     type: string
    /// ```
    /// when `flavor` is read by `get_param` after all.
    pub static UNUSED_SUPPRESSION = ("H951", "unused-suppression", Warning);
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The span of the `hotc: ...` text in the comment.
    pub span: Span,
    /// 0-based line the suppression applies to (`None`: the whole file).
    pub line: Option<usize>,
    /// The codes or names as written, with their spans.
    pub codes: Vec<(String, Span)>,
}

/// Finds the suppression comments of a file. `root` is its syntax tree, whose
/// scalars tell where a `#` is text.
pub fn scan(source: &SourceFile, root: Option<&Node>) -> Vec<Suppression> {
    let text: &str = &source.text;
    if !text.contains("hotc:") {
        return Vec::new();
    }
    let mut scalars: Vec<Span> = Vec::new();
    if let Some(root) = root {
        collect_text_spans(root, &mut scalars);
    }
    scalars.sort();
    let inside_scalar = |offset: usize| {
        let at = scalars.partition_point(|s| (s.start as usize) <= offset);
        at > 0 && scalars[at - 1].contains(offset)
    };
    let mut out = Vec::new();
    for line in 0..source.lines().line_count() {
        let start = source.lines().line_start(line);
        let end = if line + 1 < source.lines().line_count() {
            source.lines().line_start(line + 1)
        } else {
            text.len()
        };
        let content = &text[start..end];
        let Some(hash) = comment_start(content, |i| inside_scalar(start + i)) else {
            continue;
        };
        let comment = &content[hash + 1..];
        let trimmed = comment.trim_start();
        let Some(rest) = trimmed.strip_prefix("hotc:") else {
            continue;
        };
        let at = start + hash + 1 + (comment.len() - trimmed.len());
        let rest_trim = rest.trim_start();
        let offset_rest = at + "hotc:".len() + (rest.len() - rest_trim.len());
        let (file_level, args) = if let Some(a) = rest_trim.strip_prefix("ignore-file") {
            (true, a)
        } else if let Some(a) = rest_trim.strip_prefix("ignore") {
            (false, a)
        } else {
            continue;
        };
        let keyword_len = rest_trim.len() - args.len();
        let Some(inner) = args.strip_prefix('[').and_then(|a| a.split_once(']')) else {
            continue;
        };
        let list_start = offset_rest + keyword_len + 1;
        let mut codes = Vec::new();
        let mut offset = list_start;
        for part in inner.0.split(',') {
            let word = part.trim();
            let lead = part.len() - part.trim_start().len();
            if !word.is_empty() {
                codes.push((
                    word.to_string(),
                    Span::new(offset + lead, offset + lead + word.len()),
                ));
            }
            offset += part.len() + 1;
        }
        let own_line = content[..hash].trim().is_empty();
        let applies = if file_level {
            None
        } else if own_line {
            Some(line + 1)
        } else {
            Some(line)
        };
        let end_of_comment = start + content.trim_end_matches(['\n', '\r']).len();
        out.push(Suppression {
            span: Span::new(at, end_of_comment),
            line: applies,
            codes,
        });
    }
    out
}

/// The byte index of the `#` that starts a comment on this line, if any: a `#`
/// at the start or after a space or tab, outside a quoted or block scalar.
fn comment_start(line: &str, in_scalar: impl Fn(usize) -> bool) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' && q == b'"' {
                    i += 2;
                    continue;
                }
                if b == q {
                    quote = None;
                }
            }
            None => {
                if b == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
                    if !in_scalar(i) {
                        return Some(i);
                    }
                } else if (b == b'"' || b == b'\'') && in_scalar(i) {
                    // A quoted scalar that starts here: skip to its end on this line.
                    quote = Some(b);
                }
            }
        }
        i += 1;
    }
    None
}

/// Spans of scalars whose text may hold a `#` that is not a comment: quoted and
/// block scalars (a plain scalar ends before ` #`).
fn collect_text_spans(root: &Node, out: &mut Vec<Span>) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => {
                for e in entries {
                    stack.push(&e.key);
                    stack.push(&e.value);
                }
            }
            _ => {
                if matches!(
                    node.style,
                    Style::SingleQuoted | Style::DoubleQuoted | Style::Literal | Style::Folded
                ) {
                    out.push(node.span);
                }
            }
        }
    }
}

fn rule_for(word: &str) -> Option<&'static RuleMeta> {
    rules::find(word)
}

/// Removes the diagnostics of `file` that its suppressions cover and reports
/// the suppressions that cover nothing.
pub fn apply(
    file: FileId,
    source: &SourceFile,
    suppressions: &[Suppression],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if suppressions.is_empty() {
        return;
    }
    let mut used = vec![vec![false; 0]; suppressions.len()];
    for (i, s) in suppressions.iter().enumerate() {
        used[i] = vec![false; s.codes.len()];
    }
    diagnostics.retain(|d| {
        if d.file != file {
            return true;
        }
        let line = source.lines().line_of(d.span.start as usize);
        let mut keep = true;
        for (i, s) in suppressions.iter().enumerate() {
            if s.line.is_some_and(|l| l != line) {
                continue;
            }
            for (j, (word, _)) in s.codes.iter().enumerate() {
                if rule_for(word).is_some_and(|r| r.code == d.code) {
                    used[i][j] = true;
                    keep = false;
                }
            }
        }
        keep
    });
    let mut sink = rules::Sink::new(file);
    for (i, s) in suppressions.iter().enumerate() {
        for (j, (word, span)) in s.codes.iter().enumerate() {
            match rule_for(word) {
                None => {
                    let d = sink.report(
                        &UNUSED_SUPPRESSION,
                        *span,
                        format!("`{word}` is not a hotc rule code or name"),
                    );
                    let names = rules::all().into_iter().map(|r| r.name);
                    if let Some(near) = rules::nearest(word, names) {
                        d.help(format!("did you mean `{near}`?"));
                    } else {
                        d.help("`hotc rules` lists them");
                    }
                }
                Some(rule) if !used[i][j] && rule.code != UNUSED_SUPPRESSION.code => {
                    let what = if s.line.is_none() {
                        "this file"
                    } else {
                        "this line"
                    };
                    sink.report(
                        &UNUSED_SUPPRESSION,
                        *span,
                        format!("nothing on {what} is reported as `{word}` ({}): the suppression is not needed", rule.code),
                    )
                    .help("remove it");
                }
                Some(_) => {}
            }
        }
    }
    diagnostics.extend(sink.diagnostics);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn source(text: &str) -> SourceFile {
        SourceFile::new("t.yaml".into(), "t.yaml".into(), Arc::from(text))
    }

    #[test]
    fn comments_outside_scalars_only() {
        let text = "a: 1  # hotc: ignore[H901] reason\n\
                    b: \"x # hotc: ignore[H902]\"\n\
                    c: |\n  # hotc: ignore[H903]\n\
                    # hotc: ignore[unused-parameter, H401] next line\n\
                    d: x#hotc\n\
                    # hotc: ignore-file[H005]\n";
        let parsed = crate::syntax::parse(text);
        let src = source(text);
        let found = scan(&src, parsed.root.as_ref());
        let lines: Vec<Option<usize>> = found.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![Some(0), Some(5), None]);
        assert_eq!(found[1].codes.len(), 2);
        assert_eq!(&text[found[1].codes[0].1.range()], "unused-parameter");
    }
}
