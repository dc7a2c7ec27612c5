//! Fixes a rule attaches to its diagnostic: text edits on byte spans of the
//! diagnostic's file. Edits replace text and never re-serialise YAML, so
//! comments, quoting and layout around them stay as they are.
//!
//! A rule marks a fix as safe only when it is certain: the edit does what the
//! author meant with no other reading possible (one nearest name, never a
//! tie). `hotc check --fix` applies safe fixes only.
//!
//! A rule attaches a fix to the diagnostic it reports:
//!
//! ```ignore
//! let d = sink.report(&UNKNOWN_PROPERTY, key.span, message);
//! if let Some(fix) = Fix::rename(&cx.source.text, key.span, near) {
//!     d.fix(fix);
//! }
//! ```

use crate::source::Span;

/// One replacement of the text at `span` (empty span: an insertion).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, e.g. "replace `resource` with `resources`".
    pub title: String,
    /// Non-overlapping edits in the diagnostic's file.
    pub edits: Vec<Edit>,
    /// Whether `--fix` may apply it without asking.
    pub safe: bool,
    /// Applied only in a pass where its file has no other fix, because it
    /// depends on what they change (a parameter is unused only until the
    /// misspelt `get_param` meant for it is fixed).
    pub after_others: bool,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            safe: true,
            after_others: false,
        }
    }

    /// Marks the fix as one to offer (an editor's quick fix the author picks)
    /// but not to apply unasked: `--fix` leaves it alone.
    pub fn on_request(mut self) -> Fix {
        self.safe = false;
        self
    }

    /// Marks the fix to wait until its file has no other fix.
    pub fn after_others(mut self) -> Fix {
        self.after_others = true;
        self
    }

    /// Replaces the name written at `span` of `text` (a plain or quoted YAML
    /// scalar, key or value) with `new`, keeping its quotes. `None` when the
    /// edit would not be certain: `new` would not read back as the same string
    /// in that place, or the span does not hold a scalar.
    pub fn rename(text: &str, span: Span, new: &str) -> Option<Fix> {
        let written = text.get(span.range())?;
        let (inner, quote) = match written.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) if written.len() >= 2 && written.ends_with(q as char) => (
                Span::new(span.start as usize + 1, span.end as usize - 1),
                Some(q),
            ),
            _ => (span, None),
        };
        let old = text.get(inner.range())?;
        if old == new || new.is_empty() {
            return None;
        }
        let plain_safe = |s: &str| {
            // Characters that end or change a plain scalar in block or flow context.
            !s.chars().any(|c| {
                matches!(
                    c,
                    ',' | '[' | ']' | '{' | '}' | '#' | '"' | '\'' | '\\' | '\n' | '\r' | '\t'
                )
            }) && !s.contains(": ")
                && !s.ends_with(':')
                && !s.starts_with(|c: char| {
                    matches!(
                        c,
                        '-' | '?' | ':' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`' | ' '
                    )
                })
                && !s.ends_with(' ')
                && crate::syntax::parse(s)
                    .root
                    .is_some_and(|n| n.as_str() == Some(s))
        };
        let ok = match quote {
            None => plain_safe(new),
            // Inside quotes only characters that need no escaping.
            Some(q) => !new
                .chars()
                .any(|c| c == q as char || c == '\\' || c.is_control()),
        };
        if !ok {
            return None;
        }
        Some(Fix::safe(
            format!("replace `{old}` with `{new}`"),
            vec![Edit {
                span: inner,
                text: new.to_string(),
            }],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renamed(text: &str, word: &str, new: &str) -> Option<String> {
        let at = text.find(word)?;
        let fix = Fix::rename(text, Span::new(at, at + word.len()), new)?;
        let mut out = text.to_string();
        let e = &fix.edits[0];
        out.replace_range(e.span.range(), &e.text);
        Some(out)
    }

    #[test]
    fn keeps_quotes_and_refuses_what_would_change_meaning() {
        assert_eq!(
            renamed("a: {get_param: imgae}", "imgae", "image").as_deref(),
            Some("a: {get_param: image}")
        );
        assert_eq!(
            renamed("a: \"imgae\"", "\"imgae\"", "image").as_deref(),
            Some("a: \"image\"")
        );
        assert_eq!(renamed("a: x", "x", "yes"), None, "would read as a boolean");
        assert_eq!(
            renamed("a: x", "x", "a, b"),
            None,
            "would end a flow scalar"
        );
        assert_eq!(renamed("a: 'x'", "'x'", "it's"), None);
        assert_eq!(renamed("a: x", "x", "x"), None);
    }
}
