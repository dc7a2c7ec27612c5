//! YAML (and JSON) text → hotc's spanned syntax tree, the way Heat reads it.
//!
//! Parsing never fails: it returns a tree (when there is one) and a list of issues.
//! The YAML event parser is `saphyr-parser`; it is used only in this module.
//! Budgets keep hostile input bounded: nesting depth, alias expansion.

pub mod path;
pub mod scalar;
pub mod tree;

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use crate::source::Span;
pub use path::path_at;
use scalar::{ConstructError, Scalar};
pub use tree::{Entry, Node, Style, Value};

/// Collections nested deeper than this are not read (the rest is replaced by null).
pub const MAX_DEPTH: usize = 256;
/// Nesting from which Heat itself fails (Python's recursion limit).
pub const HEAT_FAILING_DEPTH: usize = 1000;
/// Nodes that alias expansion may create in one document.
pub const MAX_ALIAS_NODES: usize = 250_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

/// What can be wrong with a file's text, found while reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueKind {
    Empty,
    Binary,
    InvalidUtf8,
    InvalidYaml,
    InvalidJson,
    DuplicateKey,
    AliasBudget,
    DepthLimit { heat_fails: bool },
    UnsupportedTag,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub kind: IssueKind,
    pub span: Span,
    pub message: String,
    /// Secondary locations in the same file.
    pub related: Vec<(Span, String)>,
}

#[derive(Debug)]
pub struct Parsed {
    pub root: Option<Node>,
    pub format: Format,
    pub issues: Vec<Issue>,
}

/// Reads raw file bytes: detects empty, binary and non-UTF-8 content first.
pub fn parse_bytes(bytes: &[u8]) -> (Option<&str>, Parsed) {
    let no_tree = |kind, span, message: String| Parsed {
        root: None,
        format: Format::Yaml,
        issues: vec![Issue {
            kind,
            span,
            message,
            related: vec![],
        }],
    };
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return (
            None,
            no_tree(
                IssueKind::Binary,
                Span::empty(0),
                "this is a binary file, not a template".into(),
            ),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Some(text), parse(text)),
        Err(e) => {
            let at = e.valid_up_to();
            let len = e.error_len().unwrap_or(1);
            (
                None,
                no_tree(
                    IssueKind::InvalidUtf8,
                    Span::new(at, at + len),
                    format!(
                        "the file is not valid UTF-8 (invalid byte 0x{:02x})",
                        bytes[at]
                    ),
                ),
            )
        }
    }
}

/// Parses a template or environment text.
pub fn parse(text: &str) -> Parsed {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    if body.trim().is_empty() || only_comments(body) {
        return Parsed {
            root: None,
            format: Format::Yaml,
            issues: vec![Issue {
                kind: IssueKind::Empty,
                span: Span::empty(0),
                message: if body.trim().is_empty() {
                    "the file is empty".into()
                } else {
                    "the file holds no YAML document, only comments".into()
                },
                related: vec![],
            }],
        };
    }
    // The client reads a template that starts with `{` as JSON.
    let format = if body.starts_with('{') {
        Format::Json
    } else {
        Format::Yaml
    };
    let mut issues = Vec::new();
    if format == Format::Json {
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(body) {
            let offset = offset_of_line_column(body, e.line(), e.column());
            issues.push(Issue {
                kind: IssueKind::InvalidJson,
                span: Span::empty(bom + offset),
                message: format!("invalid JSON: {}", strip_position(&e.to_string())),
                related: vec![],
            });
            return Parsed {
                root: None,
                format,
                issues,
            };
        }
    }
    let normalized = normalize_tabs(body);
    let source: &str = normalized.as_deref().unwrap_or(body);
    let mut builder = Builder::new(source, bom, format);
    builder.run();
    issues.extend(builder.issues);
    Parsed {
        root: builder.root,
        format,
        issues,
    }
}

fn only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn offset_of_line_column(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col_bytes = l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map(|(b, _)| b)
                .unwrap_or(l.len());
            return offset + col_bytes;
        }
        offset += l.len();
    }
    text.len()
}

/// PyYAML accepts a tab as the separator after `key:` and `- ` and between flow
/// tokens, where saphyr does not. A tab that only separates tokens on a line that
/// already has content is replaced by a space: same byte length, so spans stay exact.
/// Tabs inside quoted scalars and block scalars are left alone.
fn normalize_tabs(text: &str) -> Option<String> {
    if !text.contains('\t') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut block_indent: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(bi) = block_indent {
            if content.trim().is_empty() || indent > bi {
                out.push_str(line);
                continue;
            }
            block_indent = None;
        }
        let mut in_single = false;
        let mut in_double = false;
        let mut prev = ' ';
        let mut seen_content = false;
        let mut comment = false;
        for (i, ch) in line.char_indices() {
            let mut c = ch;
            if !comment && !in_single && !in_double {
                if ch == '#' && (prev == ' ' || prev == '\t' || i == 0) {
                    comment = true;
                } else if ch == '\'' && !prev.is_alphanumeric() {
                    in_single = true;
                } else if ch == '"' && !prev.is_alphanumeric() {
                    in_double = true;
                } else if ch == '\t' && seen_content {
                    c = ' ';
                    changed = true;
                }
            } else if in_single && ch == '\'' {
                in_single = false;
            } else if in_double && ch == '"' && prev != '\\' {
                in_double = false;
            }
            if ch != ' ' && ch != '\t' {
                seen_content = true;
            }
            prev = ch;
            out.push(c);
        }
        // A block scalar indicator at the end of the line starts a block.
        let trimmed = content.trim_end();
        let last_token = trimmed.rsplit([' ', '\t']).next().unwrap_or("");
        if !comment
            && (last_token.starts_with('|') || last_token.starts_with('>'))
            && last_token.len() <= 3
        {
            block_indent = Some(indent);
        }
    }
    changed.then_some(out)
}

/// Converts saphyr's character indices to byte offsets.
struct Offsets<'t> {
    text: &'t str,
    ascii: bool,
    /// Byte offset of every 1024th character.
    checkpoints: Vec<usize>,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            for (n, (byte, _)) in text.char_indices().enumerate() {
                if n % 1024 == 0 {
                    checkpoints.push(byte);
                }
            }
        }
        Offsets {
            text,
            ascii,
            checkpoints,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let block = char_index / 1024;
        let Some(&start) = self.checkpoints.get(block) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(char_index % 1024)
            .map(|(b, _)| start + b)
            .unwrap_or(self.text.len())
    }
}

enum Frame {
    Seq {
        start: usize,
        flow: bool,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        flow: bool,
        anchor: usize,
        keys: Vec<Node>,
        values: Vec<Node>,
        pending_key: Option<Node>,
    },
}

struct Builder<'t> {
    text: &'t str,
    base: usize,
    format: Format,
    offsets: Offsets<'t>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_nodes: usize,
    alias_budget_hit: bool,
    /// Depth of collections being skipped past MAX_DEPTH.
    skipping: usize,
    deepest_skipped: usize,
    skip_start: usize,
    root: Option<Node>,
    documents: usize,
    issues: Vec<Issue>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, base: usize, format: Format) -> Self {
        Builder {
            text,
            base,
            format,
            offsets: Offsets::new(text),
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            alias_budget_hit: false,
            skipping: 0,
            deepest_skipped: 0,
            skip_start: 0,
            root: None,
            documents: 0,
            issues: Vec::new(),
        }
    }

    fn span(&self, s: &saphyr_parser::Span) -> Span {
        Span::new(
            self.base + self.offsets.byte(s.start.index()),
            self.base + self.offsets.byte(s.end.index()),
        )
    }

    fn issue(&mut self, kind: IssueKind, span: Span, message: impl Into<String>) {
        self.issues.push(Issue {
            kind,
            span,
            message: message.into(),
            related: vec![],
        });
    }

    fn run(&mut self) {
        let mut parser = Parser::new_from_str(self.text);
        loop {
            let (event, span) = match parser.next_event() {
                None => break,
                Some(Ok(pair)) => pair,
                Some(Err(error)) => {
                    let at = self.base + self.offsets.byte(error.marker().index());
                    let info = error.info().to_string();
                    if info.contains("recursion limit") {
                        self.issue(
                            IssueKind::DepthLimit { heat_fails: false },
                            Span::empty(at),
                            format!(
                                "flow collections are nested more than {} levels deep here; the file is not checked",
                                u8::MAX
                            ),
                        );
                    } else {
                        let what = if self.format == Format::Json {
                            IssueKind::InvalidJson
                        } else {
                            IssueKind::InvalidYaml
                        };
                        self.issue(what, Span::empty(at), format!("invalid YAML: {info}"));
                    }
                    self.root = None;
                    return;
                }
            };
            let span = self.span(&span);
            match event {
                Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents == 2 {
                        self.issue(
                            IssueKind::InvalidYaml,
                            span,
                            "expected a single document in the stream, but found another document",
                        );
                    }
                }
                Event::Alias(id) => self.alias(id, span),
                Event::Scalar(value, style, anchor, tag) => {
                    self.scalar(value, style, anchor, tag, span)
                }
                Event::SequenceStart(anchor, tag) => self.start(false, anchor, tag, span),
                Event::MappingStart(anchor, tag) => self.start(true, anchor, tag, span),
                Event::SequenceEnd | Event::MappingEnd => self.end(span),
            }
        }
        if self.documents > 1 {
            self.root = None;
        }
        if self.deepest_skipped > 0 {
            let heat_fails = self.deepest_skipped >= HEAT_FAILING_DEPTH;
            let message = if heat_fails {
                format!(
                    "collections are nested {} levels deep; Heat fails on nesting this deep, and hotc reads only {MAX_DEPTH} levels",
                    self.deepest_skipped
                )
            } else {
                format!(
                    "collections are nested more than {MAX_DEPTH} levels deep; what lies deeper is not checked"
                )
            };
            let at = self.skip_start;
            self.issue(
                IssueKind::DepthLimit { heat_fails },
                Span::empty(at),
                message,
            );
        }
    }

    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn start(&mut self, is_map: bool, anchor: usize, tag: Option<Cow<'_, Tag>>, span: Span) {
        if self.skipping > 0 || self.depth() >= MAX_DEPTH {
            if self.skipping == 0 {
                self.skip_start = span.start as usize;
            }
            self.skipping += 1;
            self.deepest_skipped = self.deepest_skipped.max(MAX_DEPTH + self.skipping);
            return;
        }
        if let Some(tag) = tag {
            self.check_collection_tag(&tag, is_map, span);
        }
        let flow = self.text_at(span.start as usize).starts_with(['{', '[']);
        let start = span.start as usize;
        self.stack.push(if is_map {
            Frame::Map {
                start,
                flow,
                anchor,
                keys: Vec::new(),
                values: Vec::new(),
                pending_key: None,
            }
        } else {
            Frame::Seq {
                start,
                flow,
                anchor,
                items: Vec::new(),
            }
        });
    }

    fn text_at(&self, offset: usize) -> &str {
        let local = offset.saturating_sub(self.base);
        self.text.get(local..).unwrap_or("")
    }

    fn check_collection_tag(&mut self, tag: &Tag, is_map: bool, span: Span) {
        let name = tag_name(tag);
        let ok = match name.as_str() {
            "tag:yaml.org,2002:map" => is_map,
            "tag:yaml.org,2002:seq" => !is_map,
            "!" => true,
            _ => false,
        };
        if !ok {
            self.issue(
                IssueKind::UnsupportedTag,
                span,
                format!("could not determine a constructor for the tag '{name}'"),
            );
        }
    }

    fn end(&mut self, span: Span) {
        if self.skipping > 0 {
            self.skipping -= 1;
            if self.skipping == 0 {
                // The skipped collection becomes null in its parent.
                let node = Node::null(Span::new(self.skip_start, span.end as usize));
                self.push(node, 0);
            }
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Seq {
                start,
                flow,
                anchor,
                items,
            } => {
                let end = if flow {
                    span.end as usize
                } else {
                    items.last().map(|n| n.span.end as usize).unwrap_or(start)
                };
                let node = Node::new(
                    Span::new(start, end.max(start)),
                    if flow { Style::Flow } else { Style::Block },
                    Value::Seq(items),
                );
                self.push(node, anchor);
            }
            Frame::Map {
                start,
                flow,
                anchor,
                keys,
                values,
                pending_key,
            } => {
                let mut values = values;
                let mut keys = keys;
                if let Some(key) = pending_key {
                    let at = key.span.end as usize;
                    keys.push(key);
                    values.push(Node::null(Span::empty(at)));
                }
                let end = if flow {
                    span.end as usize
                } else {
                    values.last().map(|n| n.span.end as usize).unwrap_or(start)
                };
                let entries = self.finish_mapping(keys, values);
                let node = Node::new(
                    Span::new(start, end.max(start)),
                    if flow { Style::Flow } else { Style::Block },
                    Value::Map(entries),
                );
                self.push(node, anchor);
            }
        }
    }

    /// Applies `<<` merges (PyYAML's flatten_mapping) and "last duplicate wins".
    fn finish_mapping(&mut self, keys: Vec<Node>, values: Vec<Node>) -> Vec<Entry> {
        let mut merged: Vec<(Node, Node, bool)> = Vec::new();
        let mut explicit: Vec<(Node, Node, bool)> = Vec::new();
        for (key, value) in keys.into_iter().zip(values) {
            let is_merge = key.style == Style::Plain && key.as_str() == Some("<<");
            if !is_merge {
                explicit.push((key, value, true));
                continue;
            }
            match value.value {
                Value::Map(entries) => {
                    merged.extend(entries.into_iter().map(|e| (e.key, e.value, false)))
                }
                Value::Seq(items) => {
                    let mut groups = Vec::new();
                    for item in items {
                        match item.value {
                            Value::Map(entries) => groups.push(entries),
                            _ => {
                                self.issue(
                                    IssueKind::InvalidYaml,
                                    item.span,
                                    format!(
                                        "while constructing a mapping: expected a mapping for merging, but found {}",
                                        item.kind_name()
                                    ),
                                );
                            }
                        }
                    }
                    for entries in groups.into_iter().rev() {
                        merged.extend(entries.into_iter().map(|e| (e.key, e.value, false)));
                    }
                }
                _ => self.issue(
                    IssueKind::InvalidYaml,
                    value.span,
                    format!(
                        "while constructing a mapping: expected a mapping or list of mappings for merging, but found {}",
                        value.kind_name()
                    ),
                ),
            }
        }
        merged.extend(explicit);
        let mut entries: Vec<Entry> = Vec::with_capacity(merged.len());
        let mut explicit_at: Vec<bool> = Vec::with_capacity(merged.len());
        let mut index: HashMap<Box<str>, usize> = HashMap::new();
        for (key, value, is_explicit) in merged {
            let Some(key_text) = self.key_text(&key) else {
                continue;
            };
            if let Some(&i) = index.get(&key_text) {
                // Duplicates that come from merges are what `<<` is for: no warning.
                if is_explicit && explicit_at[i] {
                    let first = entries[i].key.span;
                    self.issues.push(Issue {
                        kind: IssueKind::DuplicateKey,
                        span: key.span,
                        message: format!(
                            "duplicate key `{key_text}`: this value replaces the earlier one"
                        ),
                        related: vec![(first, "first defined here".into())],
                    });
                }
                // Python dicts keep the first position and take the last value.
                entries[i].value = value;
                entries[i].key = key;
                explicit_at[i] = is_explicit;
            } else {
                index.insert(key_text.clone(), entries.len());
                explicit_at.push(is_explicit);
                entries.push(Entry {
                    key_text,
                    key,
                    value,
                });
            }
        }
        entries
    }

    /// The key as a string after the client's JSON round trip.
    fn key_text(&mut self, key: &Node) -> Option<Box<str>> {
        Some(match &key.value {
            Value::Str(s) => s.clone(),
            Value::Null => "null".into(),
            Value::Bool(b) => if *b { "true" } else { "false" }.into(),
            Value::Int(i) => i.to_string().into(),
            Value::BigInt(s) => s.clone(),
            Value::Float(f) => json_float(*f).into(),
            Value::Seq(_) | Value::Map(_) => {
                self.issue(
                    IssueKind::InvalidYaml,
                    key.span,
                    "while constructing a mapping: found unhashable key",
                );
                return None;
            }
        })
    }

    fn alias(&mut self, id: usize, span: Span) {
        if self.skipping > 0 {
            return;
        }
        let Some((node, count)) = self.anchors.get(&id) else {
            self.issue(IssueKind::InvalidYaml, span, "found undefined alias");
            self.push(Node::null(span), 0);
            return;
        };
        if self.alias_nodes + count > MAX_ALIAS_NODES {
            if !self.alias_budget_hit {
                self.alias_budget_hit = true;
                self.issue(
                    IssueKind::AliasBudget,
                    span,
                    format!(
                        "aliases expand to more than {MAX_ALIAS_NODES} nodes (an alias bomb?); further aliases are read as null"
                    ),
                );
            }
            self.push(Node::null(span), 0);
            return;
        }
        self.alias_nodes += count;
        let mut copy = node.clone();
        copy.span = span;
        self.push(copy, 0);
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<Cow<'_, Tag>>,
        span: Span,
    ) {
        if self.skipping > 0 {
            return;
        }
        let node_style = match style {
            ScalarStyle::Plain => Style::Plain,
            ScalarStyle::SingleQuoted => Style::SingleQuoted,
            ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
            ScalarStyle::Literal => Style::Literal,
            ScalarStyle::Folded => Style::Folded,
        };
        let typed = match tag {
            Some(tag) => self.tagged_scalar(&tag, &value, span),
            None if style != ScalarStyle::Plain => Ok(Scalar::Str(value.into_owned())),
            None if self.format == Format::Json => {
                Ok(scalar::resolve_json(&value).unwrap_or(Scalar::Str(value.into_owned())))
            }
            None => {
                // A mapping key `<<` is a merge key, handled by the mapping.
                let is_key = matches!(
                    self.stack.last(),
                    Some(Frame::Map {
                        pending_key: None,
                        ..
                    })
                );
                if is_key && (value == "<<" || value == "=") {
                    Ok(Scalar::Str(value.into_owned()))
                } else {
                    scalar::resolve_plain(&value)
                }
            }
        };
        let value = match typed {
            Ok(s) => scalar_value(s),
            Err(ConstructError(message)) => {
                self.issue(IssueKind::InvalidYaml, span, message);
                Value::Null
            }
        };
        self.push(Node::new(span, node_style, value), anchor);
    }

    fn tagged_scalar(
        &mut self,
        tag: &Tag,
        text: &str,
        span: Span,
    ) -> Result<Scalar, ConstructError> {
        let name = tag_name(tag);
        match name.as_str() {
            "!" | "tag:yaml.org,2002:str" | "tag:yaml.org,2002:timestamp" => {
                Ok(Scalar::Str(text.to_string()))
            }
            "tag:yaml.org,2002:int" => scalar::construct_int(text),
            "tag:yaml.org,2002:float" => scalar::construct_float(text).map(Scalar::Float),
            "tag:yaml.org,2002:bool" => Ok(Scalar::Bool(matches!(
                text.to_ascii_lowercase().as_str(),
                "yes" | "true" | "on"
            ))),
            "tag:yaml.org,2002:null" => Ok(Scalar::Null),
            _ => {
                self.issue(
                    IssueKind::UnsupportedTag,
                    span,
                    format!("could not determine a constructor for the tag '{name}'"),
                );
                Ok(Scalar::Null)
            }
        }
    }

    fn push(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            let count = node.count();
            self.anchors.insert(anchor, (node.clone(), count));
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                keys,
                values,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => {
                    keys.push(key);
                    values.push(node);
                }
            },
        }
    }
}

fn tag_name(tag: &Tag) -> String {
    if tag.handle == "!" && tag.suffix.is_empty() {
        "!".into()
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

fn scalar_value(s: Scalar) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::Int(i),
        Scalar::BigInt(s) => Value::BigInt(s.into()),
        Scalar::Float(f) => Value::Float(f),
        Scalar::Str(s) => Value::Str(s.into()),
    }
}

/// Python's `json.dumps` of a float used as a key.
fn json_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        scalar::python_float_repr(f)
    }
}
