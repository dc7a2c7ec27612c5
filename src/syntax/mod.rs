//! YAML (and JSON) text → hotc's spanned syntax tree, the way Heat reads it.
//!
//! Parsing never fails: it returns a tree (when there is one) and a list of issues.
//! The YAML event parser is `saphyr-parser`; it is used only in this module, after
//! `normalize` has rewritten the few points where YAML 1.2 and saphyr differ from
//! Heat's libyaml (and from the pure-Python loader Heat retries with). JSON
//! templates have their own reader (`json`), with Python's rules. Every span points
//! into the original text. Budgets keep hostile input bounded: nesting depth,
//! alias expansion.

mod json;
mod normalize;
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

/// Parses a template (or a file that may be one) the way the client reads a
/// template: surrounding whitespace stripped, JSON when it then starts with `{`.
pub fn parse(text: &str) -> Parsed {
    read(text, Reading::Template)
}

/// Parses an environment file the way the client reads one: always YAML, and
/// without stripping the text.
pub fn parse_environment(text: &str) -> Parsed {
    read(text, Reading::Environment)
}

/// Whether `parse_environment` may read `text` differently from `parse`.
pub fn environment_reading_differs(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.trim_matches(is_python_space).len() != text.len() || text.starts_with('{')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    Template,
    Environment,
}

fn read(text: &str, reading: Reading) -> Parsed {
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
    // The client strips a template's surrounding whitespace (Python's
    // `str.strip`, to which a BOM is not whitespace) and reads a template that
    // then starts with `{` as JSON.
    let (start, end) = match reading {
        Reading::Environment => (bom, text.len()),
        Reading::Template => (
            if bom > 0 {
                bom
            } else {
                text.len() - text.trim_start_matches(is_python_space).len()
            },
            text.trim_end_matches(is_python_space).len(),
        ),
    };
    let stripped = &text[start..end.max(start)];
    if reading == Reading::Template && bom == 0 && stripped.starts_with('{') {
        let reading = json::parse(stripped, start);
        return Parsed {
            root: reading.root,
            format: Format::Json,
            issues: reading.issues,
        };
    }
    let normalized = normalize::normalize(stripped);
    let refused = |p: &normalize::Problem| Parsed {
        root: None,
        format: Format::Yaml,
        issues: vec![Issue {
            kind: IssueKind::InvalidYaml,
            span: Span::empty(start + p.at),
            message: format!("invalid YAML: {}", p.message),
            related: vec![],
        }],
    };
    if let Some(p) = normalized.first(normalize::Refused::Both) {
        return refused(p);
    }
    // Heat retries a text libyaml refuses with PyYAML's pure-Python loader.
    let fallback = normalized.first(normalize::Refused::Libyaml).is_some();
    if fallback {
        if let Some(p) = normalized.first(normalize::Refused::Python) {
            return refused(p);
        }
    }
    let source: &str = normalized.text.as_deref().unwrap_or(stripped);
    let mut builder = Builder::new(source, stripped, start, &normalized, fallback);
    builder.run();
    Parsed {
        root: builder.root,
        format: Format::Yaml,
        issues: builder.issues,
    }
}

/// Python's `str.isspace()`.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// Converts saphyr's character indices to byte offsets. Lookups come mostly in
/// increasing order: each walks from the previous one.
struct Offsets<'t> {
    text: &'t str,
    ascii: bool,
    /// The last lookup: (character index, byte offset).
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            cursor: std::cell::Cell::new((0, 0)),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let (mut chars, mut byte) = self.cursor.get();
        // Rarely backwards.
        for c in self.text[..byte].chars().rev() {
            if chars <= char_index {
                break;
            }
            chars -= 1;
            byte -= c.len_utf8();
        }
        for c in self.text[byte..].chars() {
            if chars == char_index {
                break;
            }
            chars += 1;
            byte += c.len_utf8();
        }
        self.cursor.set((chars, byte));
        byte
    }
}

/// The key/value pairs of a mapping as `<<` sees them.
type SharedPairs = std::rc::Rc<Vec<(Node, Node)>>;

/// How a tagged collection is constructed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Constructor {
    Default,
    /// `!!set`: a Python set, which the client sends as a list of its members.
    Set,
    /// `!!omap` and `!!pairs`: a list of (key, value) tuples, sent as lists.
    Pairs,
}

enum Frame {
    Seq {
        start: usize,
        flow: bool,
        anchor: usize,
        constructor: Constructor,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        flow: bool,
        anchor: usize,
        constructor: Constructor,
        keys: Vec<Node>,
        values: Vec<Node>,
        pending_key: Option<Node>,
    },
}

struct Builder<'t> {
    text: &'t str,
    /// The text before normalisation (from `base` in the file).
    original_text: &'t str,
    base: usize,
    normalized: &'t normalize::Normalized,
    /// The document is read by PyYAML's pure-Python loader (libyaml refuses it).
    fallback: bool,
    offsets: Offsets<'t>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    anchor_names: HashMap<String, Span>,
    /// Mappings whose key/value pairs, as merges see them, differ from their
    /// entries (duplicates): by node span.
    merge_pairs: HashMap<(u32, u32), SharedPairs>,
    anchor_pairs: HashMap<usize, SharedPairs>,
    nan_keys: usize,
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
    fn new(
        text: &'t str,
        original_text: &'t str,
        base: usize,
        normalized: &'t normalize::Normalized,
        fallback: bool,
    ) -> Self {
        Builder {
            text,
            original_text,
            base,
            normalized,
            fallback,
            offsets: Offsets::new(text),
            stack: Vec::new(),
            anchors: HashMap::new(),
            anchor_names: HashMap::new(),
            merge_pairs: HashMap::new(),
            anchor_pairs: HashMap::new(),
            nan_keys: 0,
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

    /// A byte offset of the normalised text → the file.
    fn original(&self, normalized: usize) -> usize {
        self.base + self.normalized.original(normalized)
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
                    let at = self.original(self.offsets.byte(error.marker().index()));
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
                        self.issue(
                            IssueKind::InvalidYaml,
                            Span::empty(at),
                            format!("invalid YAML: {info}"),
                        );
                    }
                    self.root = None;
                    return;
                }
            };
            let at = self.offsets.byte(span.start.index());
            let norm_end = self.offsets.byte(span.end.index());
            let span = Span::new(self.original(at), self.original(norm_end));
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
                    self.define_anchor(anchor, at, span);
                    let mut span = span;
                    if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) {
                        // saphyr's span runs on over the blanks after the quote.
                        let inside = self.text.get(at..norm_end).unwrap_or("");
                        let trimmed = inside.trim_end_matches([' ', '\t']).len();
                        span.end = self.original(at + trimmed) as u32;
                    }
                    self.scalar(value, style, anchor, tag, span)
                }
                Event::SequenceStart(anchor, tag) => {
                    self.define_anchor(anchor, at, span);
                    self.start(false, anchor, tag, span, at)
                }
                Event::MappingStart(anchor, tag) => {
                    self.define_anchor(anchor, at, span);
                    self.start(true, anchor, tag, span, at)
                }
                Event::SequenceEnd | Event::MappingEnd => self.end(span, at),
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

    /// PyYAML refuses an anchor defined twice; saphyr gives each its own id.
    fn define_anchor(&mut self, anchor: usize, at: usize, span: Span) {
        if anchor == 0 || self.skipping > 0 {
            return;
        }
        let Some(name) = anchor_name(self.text.get(at..).unwrap_or("")) else {
            return;
        };
        if let Some(&first) = self.anchor_names.get(name) {
            self.issues.push(Issue {
                kind: IssueKind::InvalidYaml,
                span,
                message: format!("found duplicate anchor '{name}'"),
                related: vec![(first, "first occurrence".into())],
            });
        } else {
            self.anchor_names.insert(name.to_string(), span);
        }
    }

    fn start(
        &mut self,
        is_map: bool,
        anchor: usize,
        tag: Option<Cow<'_, Tag>>,
        span: Span,
        at: usize,
    ) {
        if self.skipping > 0 || self.depth() >= MAX_DEPTH {
            if self.skipping == 0 {
                self.skip_start = span.start as usize;
            }
            self.skipping += 1;
            self.deepest_skipped = self.deepest_skipped.max(MAX_DEPTH + self.skipping);
            return;
        }
        let constructor = match tag {
            Some(tag) => self.check_collection_tag(&tag, is_map, span),
            None => Constructor::Default,
        };
        let flow = self.text.get(at..).unwrap_or("").starts_with(['{', '[']);
        let start = span.start as usize;
        self.stack.push(if is_map {
            Frame::Map {
                start,
                flow,
                anchor,
                constructor,
                keys: Vec::new(),
                values: Vec::new(),
                pending_key: None,
            }
        } else {
            Frame::Seq {
                start,
                flow,
                anchor,
                constructor,
                items: Vec::new(),
            }
        });
    }

    fn check_collection_tag(&mut self, tag: &Tag, is_map: bool, span: Span) -> Constructor {
        let name = tag_name(tag);
        let constructor = match name.as_str() {
            "tag:yaml.org,2002:map" if is_map => Some(Constructor::Default),
            "tag:yaml.org,2002:seq" if !is_map => Some(Constructor::Default),
            "tag:yaml.org,2002:set" if is_map => Some(Constructor::Set),
            "tag:yaml.org,2002:omap" | "tag:yaml.org,2002:pairs" if !is_map => {
                Some(Constructor::Pairs)
            }
            "!" => Some(Constructor::Default),
            _ => None,
        };
        constructor.unwrap_or_else(|| {
            self.issue(
                IssueKind::UnsupportedTag,
                span,
                format!("could not determine a constructor for the tag '{name}'"),
            );
            Constructor::Default
        })
    }

    fn end(&mut self, span: Span, at: usize) {
        // A flow collection ends at its bracket (saphyr's span runs on over
        // trailing blanks and comments).
        let flow_end = self.original(at) + 1;
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
                constructor,
                items,
            } => {
                let end = if flow {
                    flow_end
                } else {
                    items.last().map(|n| n.span.end as usize).unwrap_or(start)
                };
                let items = if constructor == Constructor::Pairs {
                    self.pairs(items)
                } else {
                    items
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
                constructor,
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
                    flow_end
                } else {
                    values.last().map(|n| n.span.end as usize).unwrap_or(start)
                };
                let span = Span::new(start, end.max(start));
                let (entries, pairs) = self.finish_mapping(keys, values);
                if let Some(pairs) = pairs {
                    let pairs = std::rc::Rc::new(pairs);
                    self.merge_pairs
                        .insert((span.start, span.end), pairs.clone());
                    if anchor != 0 {
                        self.anchor_pairs.insert(anchor, pairs);
                    }
                }
                let value = if constructor == Constructor::Set {
                    Value::Seq(entries.into_iter().map(|e| e.key).collect())
                } else {
                    Value::Map(entries)
                };
                let node = Node::new(span, if flow { Style::Flow } else { Style::Block }, value);
                self.push(node, anchor);
            }
        }
    }

    /// Applies `<<` merges (PyYAML's `flatten_mapping`), then builds the mapping as
    /// a Python dict does (keys equal in Python collide: first position, first key,
    /// last value), then as the client's JSON round trip does (keys become strings,
    /// which may collide again). Returns the entries, and the key/value pairs a
    /// merge of this mapping sees when they differ from the entries.
    fn finish_mapping(
        &mut self,
        keys: Vec<Node>,
        values: Vec<Node>,
    ) -> (Vec<Entry>, Option<Vec<(Node, Node)>>) {
        // PyYAML 6 merges a key only once per mapping, by the identity of the key's
        // text object: the same node (an alias of it), or a one-character text
        // (Python caches those).
        let mut merged: Vec<(Node, Node, bool)> = Vec::new();
        let mut merged_ids: std::collections::HashSet<MergeId> = Default::default();
        let mut explicit: Vec<(Node, Node, bool)> = Vec::new();
        let mut take = |pairs: Vec<(Node, Node)>, merged: &mut Vec<(Node, Node, bool)>| {
            for (k, v) in pairs {
                if merged_ids.insert(merge_id(&k)) {
                    merged.push((k, v, false));
                }
            }
        };
        for (key, value) in keys.into_iter().zip(values) {
            if !is_merge_key(&key) {
                explicit.push((key, value, true));
                continue;
            }
            match value.value {
                Value::Map(_) => {
                    let pairs = self.pairs_of(value);
                    take(pairs, &mut merged);
                }
                Value::Seq(items) => {
                    for item in items {
                        if matches!(item.value, Value::Map(_)) {
                            let pairs = self.pairs_of(item);
                            take(pairs, &mut merged);
                        } else {
                            self.issue(
                                IssueKind::InvalidYaml,
                                item.span,
                                format!(
                                    "while constructing a mapping: expected a mapping for merging, but found {}",
                                    node_kind(&item)
                                ),
                            );
                        }
                    }
                }
                _ => self.issue(
                    IssueKind::InvalidYaml,
                    value.span,
                    format!(
                        "while constructing a mapping: expected a mapping or list of mappings for merging, but found {}",
                        node_kind(&value)
                    ),
                ),
            }
        }
        merged.extend(explicit);
        let flattened = merged;

        // The Python dict: the slot each pair lands in (string keys, by far the
        // most common, compare as text).
        let mut slots: Vec<Option<usize>> = Vec::with_capacity(flattened.len());
        let mut distinct = 0;
        let all_str = flattened
            .iter()
            .all(|(k, _, _)| matches!(k.value, Value::Str(_)));
        if all_str {
            let mut index: HashMap<&str, usize> = HashMap::with_capacity(flattened.len());
            for (key, _, _) in &flattened {
                let slot = *index.entry(key.as_str().unwrap_or("")).or_insert(distinct);
                if slot == distinct {
                    distinct += 1;
                }
                slots.push(Some(slot));
            }
        } else {
            let mut index: HashMap<PyKey, usize> = HashMap::new();
            for (key, _, _) in &flattened {
                let slot = self
                    .py_key(key)
                    .map(|py| *index.entry(py).or_insert(distinct));
                if slot == Some(distinct) {
                    distinct += 1;
                }
                slots.push(slot);
            }
        }
        let collapsed = slots.iter().flatten().count() > distinct;
        let pairs = collapsed.then(|| {
            flattened
                .iter()
                .map(|(k, v, _)| (k.clone(), v.clone()))
                .collect()
        });
        let mut dict: Vec<Option<(Node, Node, bool)>> = (0..distinct).map(|_| None).collect();
        for ((key, value, is_explicit), slot) in flattened.into_iter().zip(slots) {
            let Some(slot) = slot else {
                continue;
            };
            match dict[slot].take() {
                None => dict[slot] = Some((key, value, is_explicit)),
                Some((mut first, _, first_explicit)) => {
                    if is_explicit && first_explicit {
                        self.duplicate(&first, &key);
                    }
                    // Python keeps the first key object and takes the last value.
                    let first_value = std::mem::replace(&mut first.value, Value::Null);
                    let mut kept = key;
                    kept.value = first_value;
                    dict[slot] = Some((kept, value, is_explicit));
                }
            }
        }

        // The JSON round trip: keys become strings, which may collide again.
        let mut entries: Vec<Entry> = Vec::with_capacity(dict.len());
        if all_str {
            for (key, value, _) in dict.into_iter().flatten() {
                let key_text = key.as_str().unwrap_or("").into();
                entries.push(Entry {
                    key_text,
                    key,
                    value,
                });
            }
            return (entries, pairs);
        }
        let mut explicit_at: Vec<bool> = Vec::with_capacity(dict.len());
        let mut by_text: HashMap<Box<str>, usize> = HashMap::new();
        for (key, value, is_explicit) in dict.into_iter().flatten() {
            let Some(key_text) = self.key_text(&key) else {
                continue;
            };
            if let Some(&i) = by_text.get(&key_text) {
                if is_explicit && explicit_at[i] {
                    self.duplicate(&entries[i].key, &key);
                }
                entries[i].value = value;
                explicit_at[i] = is_explicit;
            } else {
                by_text.insert(key_text.clone(), entries.len());
                explicit_at.push(is_explicit);
                entries.push(Entry {
                    key_text,
                    key,
                    value,
                });
            }
        }
        (entries, pairs)
    }

    /// The items of an `!!omap` or `!!pairs`: one-entry mappings, each becoming
    /// a `[key, value]` list.
    fn pairs(&mut self, items: Vec<Node>) -> Vec<Node> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let span = item.span;
            match item.value {
                Value::Map(mut entries) if entries.len() == 1 => {
                    let Some(e) = entries.pop() else { continue };
                    out.push(Node::new(
                        span,
                        Style::Flow,
                        Value::Seq(vec![e.key, e.value]),
                    ));
                }
                _ => self.issue(
                    IssueKind::InvalidYaml,
                    span,
                    "while constructing an ordered map: expected a mapping of length 1",
                ),
            }
        }
        out
    }

    fn duplicate(&mut self, first: &Node, key: &Node) {
        let text = key.scalar_text().unwrap_or_default();
        self.issues.push(Issue {
            kind: IssueKind::DuplicateKey,
            span: key.span,
            message: format!("duplicate key `{text}`: this value replaces the earlier one"),
            related: vec![(first.span, "first defined here".into())],
        });
    }

    /// The key/value pairs of a mapping node as a merge sees them.
    fn pairs_of(&self, node: Node) -> Vec<(Node, Node)> {
        if let Some(pairs) = self.merge_pairs.get(&(node.span.start, node.span.end)) {
            return pairs.as_ref().clone();
        }
        match node.value {
            Value::Map(entries) => entries.into_iter().map(|e| (e.key, e.value)).collect(),
            _ => Vec::new(),
        }
    }

    /// The key as Python compares dict keys.
    fn py_key(&mut self, key: &Node) -> Option<PyKey> {
        Some(match &key.value {
            Value::Null => PyKey::Null,
            Value::Bool(b) => PyKey::Int(*b as i128),
            Value::Int(i) => PyKey::Int(*i as i128),
            Value::BigInt(s) => match s.parse::<i128>() {
                Ok(i) => PyKey::Int(i),
                Err(_) => PyKey::Big(s.clone()),
            },
            Value::Float(f) if f.is_nan() => {
                // Each NaN is its own object, unequal to every other.
                self.nan_keys += 1;
                PyKey::Nan(self.nan_keys)
            }
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e36 => PyKey::Int(*f as i128),
            Value::Float(f) => PyKey::Float(f.to_bits()),
            Value::Str(s) => PyKey::Str(s.clone()),
            Value::Timestamp(t) => PyKey::Time(t.key()),
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

    /// The key as a string after the client's JSON round trip.
    fn key_text(&mut self, key: &Node) -> Option<Box<str>> {
        Some(match &key.value {
            Value::Str(s) => s.clone(),
            Value::Null => "null".into(),
            Value::Bool(b) => if *b { "true" } else { "false" }.into(),
            Value::Int(i) => i.to_string().into(),
            Value::BigInt(s) => s.clone(),
            Value::Float(f) => json_float(*f).into(),
            Value::Timestamp(_) => {
                self.issue(
                    IssueKind::InvalidYaml,
                    key.span,
                    "the client cannot send a date as a mapping key (json.dumps: keys must be str, int, float, bool or None, not date)",
                );
                return None;
            }
            Value::Seq(_) | Value::Map(_) => return None,
        })
    }

    fn alias(&mut self, id: usize, span: Span) {
        if self.skipping > 0 {
            return;
        }
        let Some((node, count)) = self.anchors.get(&id) else {
            let open = self.stack.iter().any(|f| match f {
                Frame::Seq { anchor, .. } | Frame::Map { anchor, .. } => *anchor == id,
            });
            let message = if open {
                "this alias makes a collection contain itself: the client cannot send it (json.dumps: Circular reference detected)"
            } else {
                "found undefined alias"
            };
            self.issue(IssueKind::InvalidYaml, span, message);
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
        if let Some(pairs) = self.anchor_pairs.get(&id).cloned() {
            self.merge_pairs.insert((span.start, span.end), pairs);
        }
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
        let mut value = value;
        if self.normalized.bom_placeholder && value.contains(normalize::BOM_PLACEHOLDER) {
            value = Cow::Owned(value.replace(normalize::BOM_PLACEHOLDER, "\u{feff}"));
        }
        if !self.normalized.kept_breaks.is_empty() {
            match style {
                ScalarStyle::Literal => value = Cow::Owned(self.keep_breaks(&value, span)),
                ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                    if let Some(folded) = self.refold(span, style) {
                        value = Cow::Owned(folded);
                    }
                }
                ScalarStyle::Folded => value = Cow::Owned(self.keep_folded_breaks(&value, span)),
            }
        }
        // saphyr ends a block scalar that runs to the end of the text with a line
        // break that is not there (the client strips the text's trailing breaks).
        if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
            && span.end as usize >= self.base + self.original_text.len()
            && !self
                .original_text
                .ends_with(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
            && value.ends_with('\n')
        {
            value.to_mut().pop();
        }
        let is_key = matches!(
            self.stack.last(),
            Some(Frame::Map {
                pending_key: None,
                ..
            })
        );
        let mut node_style = node_style;
        let typed = match tag {
            Some(tag) => {
                // A `!!merge` key merges whatever its text and style.
                if is_key && tag_name(&tag) == "tag:yaml.org,2002:merge" {
                    node_style = Style::Plain;
                }
                self.tagged_scalar(&tag, &value, span, is_key)
            }
            None if style != ScalarStyle::Plain => Ok(Scalar::Str(value.into_owned())),
            // A mapping key `<<` is a merge key, handled by the mapping.
            None if is_key && (value == "<<" || value == "=") => {
                Ok(Scalar::Str(value.into_owned()))
            }
            None => scalar::resolve_plain(&value, self.fallback),
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

    /// Folds a multi-line plain or quoted scalar with an LS or PS line break as
    /// libyaml does: a line feed between two lines becomes a space, an LS or PS
    /// stays itself, and blank lines give their own breaks. `None` when the
    /// scalar has no such break (or escapes, which saphyr's value has right).
    fn refold(&self, span: Span, style: ScalarStyle) -> Option<String> {
        let start = (span.start as usize).checked_sub(self.base)?;
        let end = (span.end as usize).checked_sub(self.base)?;
        let breaks = &self.normalized.kept_breaks;
        let first = breaks.partition_point(|&(at, _)| at < start);
        if breaks.get(first).is_none_or(|&(at, _)| at >= end) {
            return None;
        }
        let mut text = self.original_text.get(start..end)?;
        let quoted = style != ScalarStyle::Plain;
        if quoted {
            let q = if style == ScalarStyle::SingleQuoted {
                '\''
            } else {
                '"'
            };
            // The span may start at the node's properties.
            text = &text[text.find(q)? + 1..];
            text = text.strip_suffix(q)?;
            if style == ScalarStyle::DoubleQuoted && text.contains('\\') {
                return None;
            }
        }
        let mut lines: Vec<&str> = Vec::new();
        let mut kinds: Vec<char> = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
            lines.push(&rest[..i]);
            let c = rest[i..].chars().next()?;
            let mut len = c.len_utf8();
            if c == '\r' && rest[i + 1..].starts_with('\n') {
                len += 1;
            }
            kinds.push(if matches!(c, '\u{2028}' | '\u{2029}') {
                c
            } else {
                '\n'
            });
            rest = &rest[i + len..];
        }
        lines.push(rest);
        let last = lines.len() - 1;
        let blank = [' ', '\t'];
        let trimmed = |i: usize, line: &'_ str| -> String {
            let mut t = line;
            if i > 0 {
                t = t.trim_start_matches(blank);
            }
            if i < last || !quoted {
                t = t.trim_end_matches(blank);
            }
            if style == ScalarStyle::SingleQuoted {
                t.replace("''", "'")
            } else {
                t.to_string()
            }
        };
        let mut out = trimmed(0, lines[0]);
        let mut i = 1;
        while i <= last {
            let leading = kinds[i - 1];
            let mut trailing = String::new();
            while i < last && lines[i].trim_matches(blank).is_empty() {
                trailing.push(kinds[i]);
                i += 1;
            }
            if leading == '\n' {
                if trailing.is_empty() {
                    out.push(' ');
                }
            } else {
                out.push(leading);
            }
            out.push_str(&trailing);
            out.push_str(&trimmed(i, lines[i]));
            i += 1;
        }
        Some(out)
    }

    /// The lines of a block scalar's text after its header, each with the kind of
    /// the line break that ends it (`\n` for LF, CR LF, CR and NEL; LS and PS as
    /// themselves; `None` for a last line without one). `None` when no LS or PS
    /// break is in the span.
    fn block_lines(&self, span: Span) -> Option<Vec<(&'t str, Option<char>)>> {
        let breaks = &self.normalized.kept_breaks;
        let first = breaks.partition_point(|&(at, _)| self.base + at < span.start as usize);
        if breaks
            .get(first)
            .is_none_or(|&(at, _)| self.base + at >= span.end as usize)
        {
            return None;
        }
        let original = self.original_text;
        let end = (span.end as usize)
            .checked_sub(self.base)?
            .min(original.len());
        // saphyr's span starts at the content: back over blanks and breaks to the
        // header line, then past its line break.
        let mut at = (span.start as usize)
            .checked_sub(self.base)?
            .min(original.len());
        while let Some(c) = original[..at].chars().next_back() {
            if !matches!(
                c,
                ' ' | '\t' | '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
            ) {
                break;
            }
            at -= c.len_utf8();
        }
        let is_break = ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'];
        at += original[at..].find(is_break)?;
        let skip_break = |text: &'t str| -> &'t str {
            let len = match text.chars().next() {
                Some('\r') if text[1..].starts_with('\n') => 2,
                Some(c) => c.len_utf8(),
                None => 0,
            };
            &text[len..]
        };
        let mut rest = skip_break(original.get(at..end)?);
        let mut lines = Vec::new();
        while !rest.is_empty() {
            let line_end = rest.find(is_break).unwrap_or(rest.len());
            let after = &rest[line_end..];
            let kind = after.chars().next().map(|c| match c {
                '\u{2028}' | '\u{2029}' => c,
                _ => '\n',
            });
            lines.push((&rest[..line_end], kind));
            rest = skip_break(after);
        }
        Some(lines)
    }

    /// libyaml keeps an LS or PS line break in a literal scalar as that character,
    /// where saphyr (which read `\n` in its place) has `\n`.
    fn keep_breaks(&self, value: &str, span: Span) -> String {
        let Some(lines) = self.block_lines(span) else {
            return value.to_string();
        };
        let mut kinds = lines.iter().filter_map(|&(_, kind)| kind);
        value
            .chars()
            .map(|c| {
                if c == '\n' {
                    kinds.next().unwrap_or('\n')
                } else {
                    c
                }
            })
            .collect()
    }

    /// libyaml folds a line break of a folded block scalar only when it is a line
    /// feed; an LS or PS stays itself (with the breaks of the empty lines after
    /// it), where saphyr folded it like a line feed.
    fn keep_folded_breaks(&self, value: &str, span: Span) -> String {
        let Some(lines) = self.block_lines(span) else {
            return value.to_string();
        };
        let mut out = String::with_capacity(value.len());
        let mut pos = 0;
        // The break that ends the previous content line, and those of the empty
        // lines after it.
        let mut leading: Option<char> = None;
        let mut trailing: Vec<char> = Vec::new();
        let mut started = false;
        for (line, kind) in lines {
            let text = line.trim_start_matches([' ', '\t']);
            if text.is_empty() {
                if started {
                    trailing.extend(kind);
                }
                continue;
            }
            let Some(found) = value[pos..].find(text) else {
                return value.to_string();
            };
            let join = &value[pos..pos + found];
            if started {
                out.push_str(&fold_join(join, leading, &trailing));
            } else {
                out.push_str(join);
            }
            out.push_str(text);
            pos += found + text.len();
            started = true;
            leading = kind;
            trailing.clear();
        }
        // The chomped tail: the last break and the empty lines' ones, as kept.
        let tail = &value[pos..];
        let mut kinds = leading.into_iter().chain(trailing);
        out.extend(tail.chars().map(|c| {
            if c == '\n' {
                kinds.next().unwrap_or('\n')
            } else {
                c
            }
        }));
        out
    }

    /// Whether the node at `span` is only its properties (tag, anchor).
    fn empty_node(&self, span: Span) -> bool {
        let start = (span.start as usize).saturating_sub(self.base);
        let end = (span.end as usize).saturating_sub(self.base);
        let mut rest = self.original_text.get(start..end).unwrap_or("").trim();
        while rest.starts_with(['!', '&']) {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest = rest[end..].trim_start();
        }
        rest.is_empty()
    }

    fn tagged_scalar(
        &mut self,
        tag: &Tag,
        text: &str,
        span: Span,
        is_key: bool,
    ) -> Result<Scalar, ConstructError> {
        let name = tag_name(tag);
        match name.as_str() {
            // The non-specific tag: resolved like an untagged plain scalar.
            // An empty node with the non-specific tag is an empty string.
            "!" if text.is_empty() && self.empty_node(span) => {
                Ok(Scalar::Str(String::new()))
            }
            "!" => {
                if is_key && (text == "<<" || text == "=") {
                    Ok(Scalar::Str(text.to_string()))
                } else {
                    scalar::resolve_plain(text, self.fallback)
                }
            }
            "tag:yaml.org,2002:merge" if is_key => Ok(Scalar::Str("<<".into())),
            "tag:yaml.org,2002:timestamp" if self.fallback => scalar::construct_timestamp(text),
            "tag:yaml.org,2002:str" | "tag:yaml.org,2002:timestamp" => {
                Ok(Scalar::Str(text.to_string()))
            }
            "tag:yaml.org,2002:int" => scalar::construct_int(text),
            "tag:yaml.org,2002:float" => scalar::construct_float(text).map(Scalar::Float),
            "tag:yaml.org,2002:bool" => match text.to_lowercase().as_str() {
                "yes" | "true" | "on" => Ok(Scalar::Bool(true)),
                "no" | "false" | "off" => Ok(Scalar::Bool(false)),
                _ => Err(ConstructError(format!("'{}'", text.to_lowercase()))),
            },
            "tag:yaml.org,2002:null" => Ok(Scalar::Null),
            "tag:yaml.org,2002:binary" if is_key => binary_text(text).and(Err(ConstructError(
                "the client cannot send bytes as a mapping key (json.dumps: keys must be str, int, float, bool or None, not bytes)".into(),
            ))),
            "tag:yaml.org,2002:binary" => binary_text(text),
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
        Scalar::Timestamp(t) => Value::Timestamp(Box::new(t)),
    }
}

/// What libyaml puts between two lines of a folded block scalar, given what
/// saphyr put there (`join`, which may end with the next line's extra
/// indentation): the breaks as they are when the first is LS or PS.
fn fold_join(join: &str, leading: Option<char>, trailing: &[char]) -> String {
    let (fold, indentation) = if join == " " {
        (join, "")
    } else {
        let end = join.rfind('\n').map(|i| i + 1).unwrap_or(0);
        (&join[..end], &join[end..])
    };
    let mut out = String::new();
    match leading {
        Some(c @ ('\u{2028}' | '\u{2029}')) => {
            out.push(c);
            out.extend(trailing);
        }
        _ => {
            // saphyr's fold is right but for the kinds of the empty lines' breaks.
            let count = fold.matches('\n').count();
            if count == 0 {
                out.push_str(fold);
            } else {
                if count > trailing.len() {
                    out.push('\n');
                }
                out.extend(trailing);
            }
        }
    }
    out.push_str(indentation);
    out
}

/// `!!binary` data as the client sends it: the bytes decoded as UTF-8.
fn binary_text(text: &str) -> Result<Scalar, ConstructError> {
    let fail = |why: String| ConstructError(format!("failed to decode base64 data: {why}"));
    let mut sextets = Vec::with_capacity(text.len());
    let mut padding = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            _ => continue, // binascii skips what is not base64
        };
        if padding > 0 && sextets.len() % 4 == 0 {
            padding = 0;
        }
        sextets.push(v);
    }
    let rest = sextets.len() % 4;
    if rest == 1 {
        return Err(fail(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            sextets.len()
        )));
    }
    if rest != 0 && padding < 4 - rest {
        return Err(fail("Incorrect padding".into()));
    }
    let mut bytes = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &v)| acc | (v as u32) << (18 - 6 * i));
        bytes.push((n >> 16) as u8);
        if chunk.len() > 2 {
            bytes.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            bytes.push(n as u8);
        }
    }
    String::from_utf8(bytes).map(Scalar::Str).map_err(|_| {
        ConstructError(
            "the client cannot send binary data that is not UTF-8 text ('utf-8' codec can't decode it)"
                .into(),
        )
    })
}

/// A key that `<<` must not merge twice (PyYAML compares `id()` of its text).
#[derive(Hash, PartialEq, Eq)]
enum MergeId {
    Cached(Option<char>),
    Node(u32, u32),
}

fn merge_id(key: &Node) -> MergeId {
    if let Value::Str(s) = &key.value {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (None, _) => return MergeId::Cached(None),
            (Some(c), None) if (c as u32) < 256 => return MergeId::Cached(Some(c)),
            _ => {}
        }
    }
    MergeId::Node(key.span.start, key.span.end)
}

fn is_merge_key(key: &Node) -> bool {
    key.style == Style::Plain && key.as_str() == Some("<<") && matches!(key.value, Value::Str(_))
}

/// PyYAML's node kind names, for its merge messages.
fn node_kind(node: &Node) -> &'static str {
    match node.value {
        Value::Seq(_) => "sequence",
        Value::Map(_) => "mapping",
        _ => "scalar",
    }
}

/// A mapping key as Python's dict compares it.
#[derive(Hash, PartialEq, Eq)]
enum PyKey {
    Null,
    /// Booleans, integers and integral floats compare as numbers.
    Int(i128),
    Big(Box<str>),
    Float(u64),
    Nan(usize),
    Str(Box<str>),
    Time((bool, i64, u32, bool)),
}

/// The name of the anchor among the node properties at the start of `text`.
fn anchor_name(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        if let Some(after) = rest.strip_prefix('&') {
            let end = after
                .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
                .unwrap_or(after.len());
            return Some(&after[..end]);
        }
        if rest.starts_with('!') {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        return None;
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

#[cfg(test)]
mod span_tests {
    //! Spans point into the original text whatever the normalisation did.
    use super::*;

    /// The text under a span.
    fn under(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn line_column(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, column)
    }

    /// The entry at a path of keys (and `#n` list indexes).
    fn entry<'n>(root: &'n Node, path: &[&str]) -> (&'n Node, &'n Node) {
        let mut key = root;
        let mut node = root;
        for step in path {
            if let Some(i) = step.strip_prefix('#') {
                node = &node.as_seq().expect("a list")[i.parse::<usize>().unwrap()];
                key = node;
            } else {
                let e = node.entry(step).unwrap_or_else(|| panic!("no key {step}"));
                key = &e.key;
                node = &e.value;
            }
        }
        (key, node)
    }

    /// Parses `text` (which must read without errors) and checks that the key and
    /// value at `path` cover `key` and `value` in the original text.
    fn check(text: &str, path: &[&str], key: &str, value: &str) -> (usize, usize) {
        let parsed = parse(text);
        let errors: Vec<_> = parsed
            .issues
            .iter()
            .filter(|i| i.kind != IssueKind::DuplicateKey)
            .collect();
        assert!(errors.is_empty(), "{text:?}: {errors:?}");
        let root = parsed.root.as_ref().expect("a tree");
        let (k, v) = entry(root, path);
        assert_eq!(under(text, k.span), key, "key of {path:?} in {text:?}");
        assert_eq!(under(text, v.span), value, "value of {path:?} in {text:?}");
        line_column(text, v.span.start as usize)
    }

    #[test]
    fn tabs_replaced_by_spaces() {
        let text = "a:\tx\nb:\n  c:\t\t[1,\t2]\t# note\n  d: p\tq\n";
        assert_eq!(check(text, &["a"], "a", "x"), (1, 4));
        assert_eq!(check(text, &["b", "c"], "c", "[1,\t2]"), (3, 7));
        assert_eq!(check(text, &["b", "c", "#1"], "2", "2"), (3, 11));
        assert_eq!(check(text, &["b", "d"], "d", "p\tq"), (4, 6));
        let parsed = parse(text);
        let root = parsed.root.unwrap();
        assert_eq!(
            root.get("b").unwrap().get("d").unwrap().as_str(),
            Some("p\tq")
        );
    }

    #[test]
    fn flow_colon_without_space() {
        // A space goes in after each `:`; later spans shift back.
        let text = "x:\n  v: {get_attr:[res, name]}\n  w: {a:{b: c}}\n  é: [{k:[1]}]\n";
        assert_eq!(
            check(text, &["x", "v", "get_attr"], "get_attr", "[res, name]"),
            (2, 16)
        );
        assert_eq!(
            check(text, &["x", "v", "get_attr", "#1"], "name", "name"),
            (2, 22)
        );
        assert_eq!(check(text, &["x", "w", "a", "b"], "b", "c"), (3, 13));
        assert_eq!(check(text, &["x", "é", "#0", "k", "#0"], "1", "1"), (4, 11));
        assert_eq!(check(text, &["x", "w"], "w", "{a:{b: c}}"), (3, 6));
    }

    #[test]
    fn alias_followed_by_colon() {
        let text = "a: &k key\n*k: 2\nb: [*k:3, z]\n";
        assert_eq!(check(text, &["key"], "*k", "2"), (2, 5));
        assert_eq!(check(text, &["b", "#0", "key"], "*k", "3"), (3, 8));
        assert_eq!(check(text, &["b", "#1"], "z", "z"), (3, 11));
    }

    #[test]
    fn comments_right_after_a_token() {
        let text = "a: 'x'# c\nb: [1,#c\n  2]#d\nc: 3\n";
        assert_eq!(check(text, &["a"], "a", "'x'"), (1, 4));
        assert_eq!(check(text, &["b"], "b", "[1,#c\n  2]"), (2, 4));
        assert_eq!(check(text, &["c"], "c", "3"), (4, 4));
    }

    #[test]
    fn less_indented_flow_and_quoted_lines() {
        // Spaces go in at the start of these lines.
        let text = "a: [1,\n2]\nb:\n  c: \"x\ny\"\n  d: {e: 1,\n f: 2}\ng: 3\n";
        assert_eq!(check(text, &["a", "#1"], "2", "2"), (2, 1));
        assert_eq!(check(text, &["a"], "a", "[1,\n2]"), (1, 4));
        assert_eq!(check(text, &["b", "c"], "c", "\"x\ny\""), (4, 6));
        assert_eq!(check(text, &["b", "d", "f"], "f", "2"), (7, 5));
        assert_eq!(check(text, &["g"], "g", "3"), (8, 4));
    }

    #[test]
    fn line_breaks_yaml_1_2_does_not_know() {
        // NEL (2 bytes) and LS (3 bytes) become `\n`: later offsets shift.
        let text = "a: 1\u{85}b: two\u{2028}c: |\n  x\u{2029}  y\nd: é\n";
        assert_eq!(check(text, &["b"], "b", "two"), (1, 9));
        let parsed = parse(text);
        let root = parsed.root.unwrap();
        assert_eq!(root.get("c").unwrap().as_str(), Some("x\u{2029}y\n"));
        assert_eq!(under(text, root.entry("d").unwrap().key.span), "d");
        assert_eq!(under(text, root.get("d").unwrap().span), "é");
    }

    #[test]
    fn surrogate_escapes_and_bom_inside() {
        // Both make libyaml refuse the text; the pure-Python reading is used.
        let text = "a: \"\\ud83d\\ude00\"\nb: x\n\u{feff}c: 2013-05-23\n";
        assert_eq!(check(text, &["a"], "a", "\"\\ud83d\\ude00\""), (1, 4));
        assert_eq!(check(text, &["b"], "b", "x"), (2, 4));
        let parsed = parse(text);
        let root = parsed.root.unwrap();
        assert_eq!(root.get("a").unwrap().as_str(), Some("😀"));
        let c = root.entry("\u{feff}c").expect("the BOM is part of the key");
        assert_eq!(under(text, c.key.span), "\u{feff}c");
        assert_eq!(under(text, c.value.span), "2013-05-23");
        assert!(matches!(c.value.value, Value::Timestamp(_)));
        assert_eq!(c.value.as_str(), Some("2013-05-23"));
    }

    #[test]
    fn stripped_and_bom_texts() {
        let text = "\n\n  \nk: |\n  x\n\n";
        assert_eq!(check(text, &["k"], "k", "x"), (5, 3));
        let text = "\u{feff}a: 1\nb: [x]   # c\n";
        assert_eq!(check(text, &["a"], "a", "1"), (1, 5));
        assert_eq!(check(text, &["b"], "b", "[x]"), (2, 4));
    }

    #[test]
    fn json_spans() {
        let text = "  \n{\"a\": {\"b\": [1, NaN, \"\\ud83d\\ude00\"]},\n \"é\": -0.5e3}\n";
        assert_eq!(
            check(text, &["a", "b"], "\"b\"", "[1, NaN, \"\\ud83d\\ude00\"]"),
            (2, 13)
        );
        assert_eq!(
            check(
                text,
                &["a", "b", "#2"],
                "\"\\ud83d\\ude00\"",
                "\"\\ud83d\\ude00\""
            ),
            (2, 22)
        );
        assert_eq!(check(text, &["é"], "\"é\"", "-0.5e3"), (3, 7));
        let parsed = parse(text);
        assert_eq!(parsed.format, Format::Json);
    }

    #[test]
    fn character_offsets_in_any_order() {
        let text = "aé😀b\nç";
        let offsets = Offsets::new(text);
        let expected: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        for &i in &[0, 3, 1, 5, 2, 4, 6, 0, 6, 3] {
            assert_eq!(offsets.byte(i), expected[i], "character {i}");
        }
    }

    #[test]
    fn deep_and_long_texts_end() {
        let deep_json = format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        let parsed = parse(&deep_json);
        assert!(parsed.root.is_none());
        assert!(matches!(
            parsed.issues[0].kind,
            IssueKind::DepthLimit { heat_fails: true }
        ));
        let deep_json = format!("{{\"a\": {}{}}}", "[".repeat(300), "]".repeat(300));
        let parsed = parse(&deep_json);
        assert!(parsed.root.is_some());
        assert!(matches!(
            parsed.issues[0].kind,
            IssueKind::DepthLimit { heat_fails: false }
        ));
        let flow_colons = format!("a: {}1{}\n", "{k:".repeat(5000), "}".repeat(5000));
        let _ = parse(&flow_colons);
        let long_key = format!("x: {{{}: v}}\n", "é".repeat(100_000));
        assert!(parse(&long_key).root.is_none());
        let tabs = format!("a: {}\n", "x\t".repeat(100_000));
        assert!(parse(&tabs).root.is_some());
    }

    #[test]
    fn hostile_texts_end() {
        // Never a panic or a hang, whatever the bytes.
        let pieces = [
            "a:",
            "\t",
            " ",
            "\n",
            "- ",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "*a",
            "&a",
            "!",
            "'",
            "\"",
            "\\u",
            "#",
            "|",
            ">",
            "\u{85}",
            "\u{2028}",
            "\u{feff}",
            "%YAML 1.3\n",
            "---",
            "? ",
            "é",
            "0x",
            "2013-05-23",
            "<<",
            "\r",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let parsed = parse(&text);
            let check_span = |span: Span| {
                assert!(
                    span.start <= span.end && span.end as usize <= text.len(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(span.start as usize), "{text:?}");
            };
            for issue in &parsed.issues {
                check_span(issue.span);
            }
            if let Some(root) = &parsed.root {
                let mut stack = vec![root];
                while let Some(n) = stack.pop() {
                    check_span(n.span);
                    match &n.value {
                        Value::Seq(items) => stack.extend(items),
                        Value::Map(entries) => {
                            for e in entries {
                                stack.push(&e.key);
                                stack.push(&e.value);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}
