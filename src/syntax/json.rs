//! JSON text → hotc's spanned tree, as Python's `json.loads` reads it (which is what
//! the client does with a template that starts with `{`): `NaN` and `Infinity` are
//! numbers, integers have any size, `1e400` is infinity, surrogate escapes pair up,
//! and with duplicate keys the last value wins in the first key's place.

use super::tree::{Entry, Node, Style, Value};
use super::{HEAT_FAILING_DEPTH, Issue, IssueKind, MAX_DEPTH};
use crate::source::Span;

pub(super) struct JsonReading {
    pub root: Option<Node>,
    pub issues: Vec<Issue>,
}

struct Reader<'t> {
    text: &'t str,
    b: &'t [u8],
    i: usize,
    base: usize,
    issues: Vec<Issue>,
    deepest_skipped: usize,
    skip_start: usize,
}

struct Error {
    at: usize,
    message: String,
}

/// Reads `text` (the template with surrounding whitespace stripped); `base` is its
/// offset in the file.
pub(super) fn parse(text: &str, base: usize) -> JsonReading {
    let mut reader = Reader {
        text,
        b: text.as_bytes(),
        i: 0,
        base,
        issues: Vec::new(),
        deepest_skipped: 0,
        skip_start: 0,
    };
    let result = reader.value(0).and_then(|node| {
        reader.whitespace();
        if reader.i < reader.b.len() {
            Err(reader.error("Extra data"))
        } else {
            Ok(node)
        }
    });
    let mut issues = reader.issues;
    let root = match result {
        Ok(node) => Some(node),
        Err(e) => {
            let heat_fails = e.message.starts_with("maximum recursion depth");
            issues.push(Issue {
                kind: if heat_fails {
                    IssueKind::DepthLimit { heat_fails: true }
                } else {
                    IssueKind::InvalidJson
                },
                span: Span::empty(base + e.at),
                message: if heat_fails {
                    format!(
                        "collections are nested more than {HEAT_FAILING_DEPTH} levels deep; Heat fails on nesting this deep"
                    )
                } else {
                    format!("invalid JSON: {}", e.message)
                },
                related: vec![],
            });
            None
        }
    };
    if root.is_some() && reader.deepest_skipped > 0 {
        issues.push(Issue {
            kind: IssueKind::DepthLimit { heat_fails: false },
            span: Span::empty(reader.skip_start),
            message: format!(
                "collections are nested more than {MAX_DEPTH} levels deep; what lies deeper is not checked"
            ),
            related: vec![],
        });
    }
    JsonReading { root, issues }
}

impl Reader<'_> {
    fn error(&self, message: &str) -> Error {
        Error {
            at: self.i,
            message: message.into(),
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    fn whitespace(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, Error> {
        self.whitespace();
        let start = self.i;
        let Some(&c) = self.b.get(self.i) else {
            return Err(self.error("Expecting value"));
        };
        match c {
            b'{' | b'[' => {
                if depth >= HEAT_FAILING_DEPTH {
                    return Err(self.error("maximum recursion depth exceeded while decoding"));
                }
                let node = if c == b'{' {
                    self.object(depth)?
                } else {
                    self.array(depth)?
                };
                if depth >= MAX_DEPTH {
                    if self.deepest_skipped == 0 {
                        self.skip_start = self.base + start;
                    }
                    self.deepest_skipped = self.deepest_skipped.max(depth + 1);
                    return Ok(Node::null(node.span));
                }
                Ok(node)
            }
            b'"' => {
                let s = self.string()?;
                Ok(Node::new(
                    self.span(start, self.i),
                    Style::DoubleQuoted,
                    Value::Str(s.into()),
                ))
            }
            _ => {
                let value = self.literal()?;
                Ok(Node::new(self.span(start, self.i), Style::Plain, value))
            }
        }
    }

    fn literal(&mut self) -> Result<Value, Error> {
        let rest = &self.b[self.i..];
        for (word, value) in [
            ("null", Value::Null),
            ("true", Value::Bool(true)),
            ("false", Value::Bool(false)),
            ("NaN", Value::Float(f64::NAN)),
            ("Infinity", Value::Float(f64::INFINITY)),
            ("-Infinity", Value::Float(f64::NEG_INFINITY)),
        ] {
            if rest.starts_with(word.as_bytes()) {
                self.i += word.len();
                return Ok(value);
            }
        }
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
        let start = self.i;
        let mut j = self.i;
        let digits = |j: &mut usize| {
            let s = *j;
            while *j < self.b.len() && self.b[*j].is_ascii_digit() {
                *j += 1;
            }
            *j - s
        };
        if self.b.get(j) == Some(&b'-') {
            j += 1;
        }
        match self.b.get(j) {
            Some(b'0') => j += 1,
            Some(b'1'..=b'9') => {
                digits(&mut j);
            }
            _ => return Err(self.error("Expecting value")),
        }
        let int_end = j;
        if self.b.get(j) == Some(&b'.') {
            let mut k = j + 1;
            if digits(&mut k) > 0 {
                j = k;
            }
        }
        if matches!(self.b.get(j), Some(b'e' | b'E')) {
            let mut k = j + 1;
            if matches!(self.b.get(k), Some(b'+' | b'-')) {
                k += 1;
            }
            if digits(&mut k) > 0 {
                j = k;
            }
        }
        self.i = j;
        let text = &self.text[start..j];
        if j == int_end {
            return Ok(match text.parse::<i64>() {
                Ok(v) => Value::Int(v),
                Err(_) => Value::BigInt(text.into()),
            });
        }
        Ok(Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)))
    }

    /// A string from its opening quote; returns its value.
    fn string(&mut self) -> Result<String, Error> {
        let open = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let run_start = self.i;
            while self.i < self.b.len()
                && self.b[self.i] != b'"'
                && self.b[self.i] != b'\\'
                && self.b[self.i] >= 0x20
            {
                self.i += 1;
            }
            out.push_str(&self.text[run_start..self.i]);
            match self.b.get(self.i) {
                None => {
                    return Err(Error {
                        at: open,
                        message: "Unterminated string starting at".into(),
                    });
                }
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc = self.b.get(self.i + 1).copied();
                    let simple = match esc {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'/') => Some('/'),
                        Some(b'b') => Some('\u{8}'),
                        Some(b'f') => Some('\u{c}'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        _ => None,
                    };
                    if let Some(c) = simple {
                        out.push(c);
                        self.i += 2;
                        continue;
                    }
                    if esc != Some(b'u') {
                        return Err(self.error("Invalid \\escape"));
                    }
                    let first = self.hex4(self.i + 2)?;
                    self.i += 6;
                    let mut code = first;
                    if (0xd800..0xdc00).contains(&first)
                        && self.b.get(self.i) == Some(&b'\\')
                        && self.b.get(self.i + 1) == Some(&b'u')
                    {
                        let second = self.hex4(self.i + 2)?;
                        if (0xdc00..0xe000).contains(&second) {
                            code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                            self.i += 6;
                        }
                    }
                    // A lone surrogate has no UTF-8 form: U+FFFD stands for it.
                    out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                }
                Some(_) => return Err(self.error("Invalid control character at")),
            }
        }
    }

    fn hex4(&self, at: usize) -> Result<u32, Error> {
        self.b
            .get(at..at + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or(Error {
                at: at - 1,
                message: "Invalid \\uXXXX escape".into(),
            })
    }

    fn array(&mut self, depth: usize) -> Result<Node, Error> {
        let start = self.i;
        self.i += 1;
        let mut items = Vec::new();
        self.whitespace();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
        } else {
            loop {
                items.push(self.value(depth + 1)?);
                self.whitespace();
                match self.b.get(self.i) {
                    Some(b',') => self.i += 1,
                    Some(b']') => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(self.error("Expecting ',' delimiter")),
                }
            }
        }
        Ok(Node::new(
            self.span(start, self.i),
            Style::Flow,
            Value::Seq(items),
        ))
    }

    fn object(&mut self, depth: usize) -> Result<Node, Error> {
        let start = self.i;
        self.i += 1;
        let mut entries: Vec<Entry> = Vec::new();
        let mut index: std::collections::HashMap<Box<str>, usize> = Default::default();
        self.whitespace();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
        } else {
            loop {
                self.whitespace();
                if self.b.get(self.i) != Some(&b'"') {
                    return Err(self.error("Expecting property name enclosed in double quotes"));
                }
                let key_start = self.i;
                let key_text: Box<str> = self.string()?.into();
                let key = Node::new(
                    self.span(key_start, self.i),
                    Style::DoubleQuoted,
                    Value::Str(key_text.clone()),
                );
                self.whitespace();
                if self.b.get(self.i) != Some(&b':') {
                    return Err(self.error("Expecting ':' delimiter"));
                }
                self.i += 1;
                let value = self.value(depth + 1)?;
                match index.get(&key_text) {
                    Some(&i) => {
                        self.issues.push(Issue {
                            kind: IssueKind::DuplicateKey,
                            span: key.span,
                            message: format!(
                                "duplicate key `{key_text}`: this value replaces the earlier one"
                            ),
                            related: vec![(entries[i].key.span, "first defined here".into())],
                        });
                        entries[i].key = key;
                        entries[i].value = value;
                    }
                    None => {
                        index.insert(key_text.clone(), entries.len());
                        entries.push(Entry {
                            key_text,
                            key,
                            value,
                        });
                    }
                }
                self.whitespace();
                match self.b.get(self.i) {
                    Some(b',') => {
                        self.i += 1;
                        self.whitespace();
                        if self.b.get(self.i) == Some(&b'}') {
                            return Err(
                                self.error("Expecting property name enclosed in double quotes")
                            );
                        }
                    }
                    Some(b'}') => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(self.error("Expecting ',' delimiter")),
                }
            }
        }
        Ok(Node::new(
            self.span(start, self.i),
            Style::Flow,
            Value::Map(entries),
        ))
    }
}
