//! One linear pass over a YAML text before saphyr reads it.
//!
//! Heat reads YAML with libyaml (YAML 1.1) and, when libyaml refuses a document,
//! retries with PyYAML's pure-Python loader. saphyr reads YAML 1.2 and differs from
//! both on a few points of syntax. This pass finds those points and
//!
//! - rewrites the text where saphyr needs other bytes to read what Heat reads (a tab
//!   libyaml skips between tokens, a `:` that ends a plain scalar in a flow
//!   collection, `*alias:`, a comment right after a quote or a bracket, flow or
//!   quoted lines less indented than saphyr wants, NEL/LS/PS line breaks, surrogate
//!   escapes), keeping an offset map so every span still points into the original;
//! - reports what Heat refuses and saphyr would accept (tabs where libyaml wants
//!   spaces, unacceptable characters, `%YAML 2.0`, an empty block mapping key, bad
//!   anchor names), saying which of Heat's two loaders refuses it.
//!
//! A text without any of this gets no copy and no map.

/// Which of Heat's loaders refuse a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// libyaml refuses it; the pure-Python retry reads it.
    Libyaml,
    /// The pure-Python loader refuses it (libyaml may read it).
    Python,
    /// Both refuse it.
    Both,
}

#[derive(Clone, Debug)]
pub(super) struct Problem {
    pub refused: Refused,
    /// Byte offset in the original text.
    pub at: usize,
    pub message: String,
}

/// The text saphyr reads, and how to map its offsets back.
#[derive(Debug, Default)]
pub(super) struct Normalized {
    /// `None` when the text needs no change.
    pub text: Option<String>,
    segments: Vec<Segment>,
    pub problems: Vec<Problem>,
    /// Line breaks saphyr does not know (LS, PS), as original offsets: libyaml keeps
    /// them in scalar content where saphyr sees `\n`.
    pub kept_breaks: Vec<(usize, char)>,
    /// A BOM inside the document was replaced by this placeholder character.
    pub bom_placeholder: bool,
}

#[derive(Clone, Copy, Debug)]
struct Segment {
    /// Start in the normalised text.
    normalized: usize,
    /// Start in the original text.
    original: usize,
    /// Copied bytes map one to one; replacement bytes all map to `original`.
    copied: bool,
}

/// Stands for a BOM inside a document (saphyr refuses one there; PyYAML reads it as
/// content). A noncharacter, so it never clashes with template text.
pub(super) const BOM_PLACEHOLDER: char = '\u{fdd0}';

impl Normalized {
    /// Maps a byte offset of the normalised text to the original text.
    pub fn original(&self, offset: usize) -> usize {
        if self.segments.is_empty() {
            return offset;
        }
        let i = self
            .segments
            .partition_point(|s| s.normalized <= offset)
            .saturating_sub(1);
        let s = self.segments[i];
        if s.copied {
            s.original + (offset - s.normalized)
        } else {
            s.original
        }
    }

    pub fn first(&self, refused: Refused) -> Option<&Problem> {
        self.problems.iter().find(|p| p.refused == refused)
    }
}

struct Edit {
    start: usize,
    end: usize,
    with: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    /// Nothing yet on this line (block context), or the stream start.
    LineStart,
    Plain,
    Quoted,
    Dash,
    Question,
    /// `:` after a key on the same line.
    Value,
    /// `:` after a `?` key.
    ComplexValue,
    FlowOpen,
    FlowClose,
    Comma,
    Property,
    Alias,
    DocumentMarker,
}

struct Scan<'t> {
    b: &'t [u8],
    i: usize,
    edits: Vec<Edit>,
    problems: Vec<Problem>,
    kept_breaks: Vec<(usize, char)>,
    bom: bool,
    line_start: usize,
    flow: usize,
    /// Least indentation saphyr accepts for lines inside the current flow collection.
    flow_indent: usize,
    /// Inside a quoted scalar that continues on the next line: its quote and the
    /// least indentation saphyr accepts for its lines.
    quote: Option<(u8, usize)>,
    /// Inside a block scalar: the indentation of its parent node.
    block_scalar: Option<isize>,
    prev: Token,
    /// The last token before the line break was a plain scalar that may continue.
    plain_open: bool,
    plain_indent: isize,
    /// Indentation of the node that holds what comes next (key, entry, `?`).
    parent: isize,
    /// Column where the last scalar or alias on this line started.
    token_col: isize,
    /// Where the last scalar or alias started, and the start of that line.
    token_start: usize,
    token_line: usize,
    pending_complex_key: bool,
    document_content: bool,
    yaml_directive: bool,
    python_tab_reported: bool,
}

/// Scans and rewrites a YAML text (without its BOM).
pub(super) fn normalize(text: &str) -> Normalized {
    let mut scan = Scan {
        b: text.as_bytes(),
        i: 0,
        edits: Vec::new(),
        problems: Vec::new(),
        kept_breaks: Vec::new(),
        bom: false,
        line_start: 0,
        flow: 0,
        flow_indent: 0,
        quote: None,
        block_scalar: None,
        prev: Token::LineStart,
        plain_open: false,
        plain_indent: 0,
        parent: -1,
        token_col: 0,
        token_start: 0,
        token_line: 0,
        pending_complex_key: false,
        document_content: false,
        yaml_directive: false,
        python_tab_reported: false,
    };
    scan.characters(text);
    scan.run();
    let mut out = Normalized {
        problems: scan.problems,
        kept_breaks: scan.kept_breaks,
        bom_placeholder: scan.bom,
        ..Normalized::default()
    };
    if scan.edits.is_empty() {
        return out;
    }
    let mut edits = scan.edits;
    edits.sort_by_key(|e| (e.start, e.end));
    let mut normalized = String::with_capacity(text.len() + edits.len());
    let mut at = 0;
    for edit in edits {
        if edit.start < at {
            continue; // overlapping edits: keep the first
        }
        if edit.start > at {
            out.segments.push(Segment {
                normalized: normalized.len(),
                original: at,
                copied: true,
            });
            normalized.push_str(&text[at..edit.start]);
        }
        out.segments.push(Segment {
            normalized: normalized.len(),
            original: edit.start,
            copied: false,
        });
        normalized.push_str(&edit.with);
        at = edit.end;
    }
    out.segments.push(Segment {
        normalized: normalized.len(),
        original: at,
        copied: true,
    });
    normalized.push_str(&text[at..]);
    out.text = Some(normalized);
    out
}

/// Bytes that may end a run of ordinary bytes: a possible line break (NEL and
/// LS/PS start with 0xc2 and 0xe2), and what each scanner looks for.
const fn byte_set(extra: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    set[b'\n' as usize] = true;
    set[b'\r' as usize] = true;
    set[0xc2] = true;
    set[0xe2] = true;
    let mut i = 0;
    while i < extra.len() {
        set[extra[i] as usize] = true;
        i += 1;
    }
    set
}

const LINE_BREAKS: [bool; 256] = byte_set(&[]);
const IN_PLAIN: [bool; 256] = byte_set(b": \t,[]{}");
const IN_SINGLE: [bool; 256] = byte_set(b"'");
const IN_DOUBLE: [bool; 256] = byte_set(b"\"\\");

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

impl<'t> Scan<'t> {
    fn problem(&mut self, refused: Refused, at: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            refused,
            at,
            message: message.into(),
        });
    }

    fn edit(&mut self, start: usize, end: usize, with: impl Into<String>) {
        self.edits.push(Edit {
            start,
            end,
            with: with.into(),
        });
    }

    /// Characters both readers refuse, and a BOM inside the document.
    fn characters(&mut self, text: &str) {
        let mut i = 0;
        while i < self.b.len() {
            let b = self.b[i];
            if b < 0x80 {
                if (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7f {
                    self.unacceptable(i, b as u32);
                    return;
                }
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                i += 1;
                continue;
            };
            match c {
                '\u{85}' => {}
                '\u{feff}' => {
                    self.problem(
                        Refused::Libyaml,
                        i,
                        "a byte order mark inside the document (libyaml refuses it)",
                    );
                    self.bom = true;
                    self.edit(i, i + 3, BOM_PLACEHOLDER.to_string());
                }
                c if (0x80..0xa0).contains(&(c as u32)) || c == '\u{fffe}' || c == '\u{ffff}' => {
                    self.unacceptable(i, c as u32);
                    return;
                }
                _ => {}
            }
            i += c.len_utf8();
        }
    }

    fn unacceptable(&mut self, at: usize, code: u32) {
        self.problem(
            Refused::Both,
            at,
            format!("unacceptable character #x{code:04x}: special characters are not allowed"),
        );
    }

    /// Length of the line break at `i` (0 if none); NEL, LS and PS are line breaks
    /// for libyaml and PyYAML, not for saphyr.
    fn break_len(&self, i: usize) -> usize {
        match self.b.get(i) {
            Some(b'\n') => 1,
            Some(b'\r') => {
                if self.b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            }
            Some(0xc2) if self.b.get(i + 1) == Some(&0x85) => 2,
            Some(0xe2)
                if self.b.get(i + 1) == Some(&0x80)
                    && matches!(self.b.get(i + 2), Some(0xa8 | 0xa9)) =>
            {
                3
            }
            _ => 0,
        }
    }

    fn at_break_or_end(&self, i: usize) -> bool {
        i >= self.b.len() || self.break_len(i) > 0
    }

    fn blank_or_end(&self, i: usize) -> bool {
        i >= self.b.len() || is_blank(self.b[i]) || self.break_len(i) > 0
    }

    /// Consumes the line break at `self.i`, rewriting the ones saphyr does not know.
    fn take_break(&mut self) {
        let n = self.break_len(self.i);
        if n >= 2 && self.b[self.i] != b'\r' {
            if n == 3 {
                let c = if self.b[self.i + 2] == 0xa8 {
                    '\u{2028}'
                } else {
                    '\u{2029}'
                };
                self.kept_breaks.push((self.i, c));
            }
            self.edit(self.i, self.i + n, "\n");
        }
        self.i += n.max(1);
        self.line_start = self.i;
    }

    fn col(&self, i: usize) -> isize {
        (i - self.line_start) as isize
    }

    fn python_tab(&mut self, at: usize) {
        if !self.python_tab_reported {
            self.python_tab_reported = true;
            self.problem(
                Refused::Python,
                at,
                "found character '\\t' that cannot start any token",
            );
        }
    }

    /// Moves on over bytes not in `set`.
    fn skip_ordinary(&mut self, set: &[bool; 256]) {
        while self.i < self.b.len() && !set[self.b[self.i] as usize] {
            self.i += 1;
        }
    }

    fn skip_to_break(&mut self) {
        loop {
            self.skip_ordinary(&LINE_BREAKS);
            if self.at_break_or_end(self.i) {
                return;
            }
            self.i += 1;
        }
    }

    fn run(&mut self) {
        while self.i < self.b.len() {
            self.line();
            if self.i < self.b.len() {
                self.take_break();
            }
        }
    }

    /// One line, from its start to its line break.
    fn line(&mut self) {
        let start = self.i;
        let mut indent = 0;
        while self.b.get(self.i) == Some(&b' ') {
            self.i += 1;
            indent += 1;
        }
        let blank = {
            let mut j = self.i;
            while j < self.b.len() && is_blank(self.b[j]) {
                j += 1;
            }
            self.at_break_or_end(j)
        };
        if let Some(parent) = self.block_scalar {
            if blank || indent as isize > parent {
                self.skip_to_break();
                return;
            }
            self.block_scalar = None;
        }
        if let Some((quote, least)) = self.quote {
            if !blank && indent < least && self.flow == 0 {
                self.edit(start, start, " ".repeat(least - indent));
            }
            self.quoted(quote);
            self.tokens();
            return;
        }
        if self.flow > 0 {
            let mut j = self.i;
            while j < self.b.len() && is_blank(self.b[j]) {
                j += 1;
            }
            if !blank && (j - start) < self.flow_indent {
                self.edit(start, start, " ".repeat(self.flow_indent - (j - start)));
            }
            self.tokens();
            return;
        }
        // Block context: the line's indentation, then its tokens.
        if indent == 0 && !blank {
            let rest = &self.b[self.i..];
            let marker = (rest.starts_with(b"---") || rest.starts_with(b"..."))
                && self.blank_or_end(self.i + 3);
            if marker {
                if rest[0] == b'.' {
                    self.document_content = false;
                    self.yaml_directive = false;
                } else {
                    self.document_content = true;
                }
                self.i += 3;
                self.prev = Token::DocumentMarker;
                self.parent = -1;
                self.plain_open = false;
                self.tokens();
                return;
            }
            if rest[0] == b'%' && !self.document_content {
                self.directive();
                return;
            }
        }
        // Tabs in the indentation: libyaml takes them as the whitespace of a plain
        // scalar that continues here (if indented enough), else refuses them.
        while self.i < self.b.len() && is_blank(self.b[self.i]) {
            if self.b[self.i] == b'\t' {
                self.python_tab(self.i);
                if !(self.plain_open && self.col(self.i) >= self.plain_indent) {
                    let message = if self.plain_open {
                        "found a tab character that violates indentation"
                    } else {
                        "found character '\\t' that cannot start any token"
                    };
                    self.problem(Refused::Both, self.i, message);
                }
                self.edit(self.i, self.i + 1, " ");
            }
            self.i += 1;
        }
        if self.at_break_or_end(self.i) {
            return;
        }
        if self.b[self.i] == b'#' {
            self.plain_open = false;
            self.skip_to_break();
            return;
        }
        let content_col = self.col(self.i);
        if self.plain_open && content_col >= self.plain_indent {
            // A continuation line of a multi-line plain scalar.
            self.plain();
        } else {
            self.plain_open = false;
            self.prev = Token::LineStart;
        }
        self.tokens();
    }

    fn directive(&mut self) {
        let line_end = {
            let mut j = self.i;
            while !self.at_break_or_end(j) {
                j += 1;
            }
            j
        };
        let line = String::from_utf8_lossy(&self.b[self.i..line_end]).into_owned();
        let mut words = line[1..].split_whitespace();
        let at = self.i;
        match words.next() {
            Some("YAML") => {
                if self.yaml_directive {
                    self.problem(Refused::Both, at, "found duplicate %YAML directive");
                }
                self.yaml_directive = true;
                let version = words.next().unwrap_or("");
                let (major, minor) = version.split_once('.').unwrap_or((version, ""));
                if major != "1" {
                    self.problem(
                        Refused::Both,
                        at,
                        "found incompatible YAML document (version 1.* is required)",
                    );
                } else if minor != "1" && minor != "2" {
                    self.problem(Refused::Libyaml, at, "found incompatible YAML document");
                }
            }
            Some("TAG") => {}
            _ => self.problem(
                Refused::Libyaml,
                at,
                "while scanning a directive: found unknown directive name",
            ),
        }
        self.i = line_end;
    }

    /// The tokens of the rest of the line.
    fn tokens(&mut self) {
        let mut last = usize::MAX;
        loop {
            if self.at_break_or_end(self.i) {
                return;
            }
            if self.i == last {
                // Never stall on a byte no rule consumes.
                self.i += 1;
                continue;
            }
            last = self.i;
            let c = self.b[self.i];
            if c != b' ' && c != b'\t' {
                self.plain_open = false;
            }
            let after_space = self.i == self.line_start || is_blank(self.b[self.i - 1]);
            match c {
                b' ' => self.i += 1,
                b'\t' => {
                    self.python_tab(self.i);
                    let refused = self.flow == 0
                        && matches!(
                            self.prev,
                            Token::LineStart | Token::Dash | Token::Question | Token::ComplexValue
                        );
                    if refused {
                        self.problem(
                            Refused::Both,
                            self.i,
                            "found character '\\t' that cannot start any token",
                        );
                    }
                    self.edit(self.i, self.i + 1, " ");
                    self.i += 1;
                }
                b'#' => {
                    if !after_space {
                        // libyaml starts a comment right after a quote or a bracket;
                        // saphyr wants a space first: blank the comment out.
                        let start = self.i;
                        self.skip_to_break();
                        let len = self.i - start;
                        self.edit(start, self.i, " ".repeat(len));
                    } else {
                        self.skip_to_break();
                    }
                    return;
                }
                b'"' | b'\'' => {
                    self.begin_token();
                    self.i += 1;
                    self.quote = Some((c, (self.parent + 1).max(0) as usize));
                    self.quoted(c);
                }
                b'[' | b'{' => {
                    if self.flow == 0 {
                        self.flow_indent = (self.parent + 1).max(0) as usize;
                    }
                    self.document_content = true;
                    self.flow += 1;
                    self.prev = Token::FlowOpen;
                    self.i += 1;
                }
                b']' | b'}' => {
                    self.flow = self.flow.saturating_sub(1);
                    self.prev = Token::FlowClose;
                    self.i += 1;
                }
                b',' if self.flow > 0 => {
                    self.prev = Token::Comma;
                    self.i += 1;
                }
                b'-' if self.flow == 0
                    && self.blank_or_end(self.i + 1)
                    && matches!(self.prev, Token::LineStart | Token::Dash) =>
                {
                    self.document_content = true;
                    self.parent = self.col(self.i);
                    self.prev = Token::Dash;
                    self.i += 1;
                }
                b'?' if self.blank_or_end(self.i + 1)
                    && (self.flow > 0 || matches!(self.prev, Token::LineStart | Token::Dash)) =>
                {
                    self.document_content = true;
                    if self.flow == 0 {
                        self.pending_complex_key = true;
                        self.parent = self.col(self.i);
                    }
                    self.prev = Token::Question;
                    self.i += 1;
                }
                b':' if self.is_value_indicator() => self.value_indicator(),
                b'&' | b'*' => self.anchor_or_alias(c),
                b'!' => {
                    self.begin_token();
                    while !(self.blank_or_end(self.i)
                        || self.flow > 0 && is_flow_indicator(self.b[self.i]))
                    {
                        self.i += 1;
                    }
                    self.prev = Token::Property;
                }
                b'|' | b'>'
                    if self.flow == 0
                        && !matches!(self.prev, Token::Plain | Token::Quoted | Token::Alias) =>
                {
                    self.document_content = true;
                    self.block_scalar = Some(match self.prev {
                        Token::DocumentMarker => -1,
                        _ => self.parent,
                    });
                    // The header, then an optional comment.
                    self.skip_to_break();
                    self.prev = Token::Plain;
                    return;
                }
                _ => {
                    self.begin_token();
                    self.plain();
                }
            }
        }
    }

    fn begin_token(&mut self) {
        self.document_content = true;
        // In a flow collection a plain scalar goes on over line breaks.
        if self.flow > 0 && self.prev == Token::Plain {
            return;
        }
        if self.prev != Token::Property {
            self.token_col = self.col(self.i);
            self.token_start = self.i;
            self.token_line = self.line_start;
        }
    }

    fn is_value_indicator(&self) -> bool {
        let next_blank = self.blank_or_end(self.i + 1);
        if self.flow == 0 {
            return next_blank;
        }
        next_blank
            || is_flow_indicator(self.b[self.i + 1])
            || matches!(self.prev, Token::Quoted | Token::FlowClose | Token::Alias)
    }

    fn value_indicator(&mut self) {
        self.document_content = true;
        if self.flow == 0 {
            match self.prev {
                Token::LineStart | Token::Dash => {
                    if self.pending_complex_key {
                        self.pending_complex_key = false;
                        self.parent = self.col(self.i);
                        self.prev = Token::ComplexValue;
                    } else {
                        self.problem(
                            Refused::Both,
                            self.i,
                            "while parsing a block mapping: did not find expected key",
                        );
                        self.prev = Token::Value;
                    }
                }
                _ => {
                    self.parent = self.token_col;
                    self.prev = Token::Value;
                }
            }
        } else {
            match self.prev {
                Token::FlowOpen | Token::Comma => self.problem(
                    Refused::Both,
                    self.i,
                    "while parsing a flow node: did not find expected node content",
                ),
                // libyaml's simple keys: on one line, at most 1024 characters.
                Token::Plain | Token::Quoted | Token::Alias
                    if self.token_line != self.line_start
                        || (self.i - self.token_start > 1024
                            && String::from_utf8_lossy(&self.b[self.token_start..self.i])
                                .chars()
                                .count()
                                > 1024) =>
                {
                    self.problem(
                        Refused::Both,
                        self.i,
                        "while parsing a flow collection: did not find expected ',' (a key must be on one line and at most 1024 characters long)",
                    )
                }
                _ => {}
            }
            self.prev = Token::Value;
        }
        self.i += 1;
    }

    fn anchor_or_alias(&mut self, c: u8) {
        self.begin_token();
        let start = self.i;
        self.i += 1;
        while self.i < self.b.len()
            && (self.b[self.i].is_ascii_alphanumeric() || matches!(self.b[self.i], b'_' | b'-'))
        {
            self.i += 1;
        }
        let what = if c == b'*' { "an alias" } else { "an anchor" };
        let ok_after = self.blank_or_end(self.i)
            || matches!(
                self.b[self.i],
                b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`'
            );
        if self.i == start + 1 || !ok_after {
            self.problem(
                Refused::Both,
                start,
                format!(
                    "while scanning {what}: did not find expected alphabetic or numeric character"
                ),
            );
            while !self.blank_or_end(self.i) {
                self.i += 1;
            }
        } else if self.b.get(self.i) == Some(&b':') {
            // saphyr would take the `:` into the name; in a flow collection
            // libyaml also takes a `:` right before the value as an indicator.
            self.edit(self.i, self.i, " ");
            if self.flow > 0 && !self.blank_or_end(self.i + 1) {
                self.edit(self.i + 1, self.i + 1, " ");
            }
        }
        self.prev = if c == b'*' {
            Token::Alias
        } else {
            Token::Property
        };
    }

    /// A quoted scalar from after its opening quote (or from the start of one of
    /// its continuation lines) to its closing quote or the end of the line.
    fn quoted(&mut self, quote: u8) {
        let set = if quote == b'"' {
            &IN_DOUBLE
        } else {
            &IN_SINGLE
        };
        loop {
            self.skip_ordinary(set);
            if self.at_break_or_end(self.i) {
                break;
            }
            let c = self.b[self.i];
            if quote == b'\'' && c == b'\'' {
                if self.b.get(self.i + 1) == Some(&b'\'') {
                    self.i += 2;
                    continue;
                }
                self.i += 1;
                self.quote = None;
                self.prev = Token::Quoted;
                return;
            }
            if quote == b'"' {
                if c == b'\\' {
                    if self.b.get(self.i + 1) == Some(&b'u') {
                        self.surrogate_escape();
                    } else {
                        self.i += 2.min(self.b.len() - self.i);
                    }
                    continue;
                }
                if c == b'"' {
                    self.i += 1;
                    self.quote = None;
                    self.prev = Token::Quoted;
                    return;
                }
            }
            self.i += 1;
        }
    }

    /// `\uD83D\uDE00`: libyaml refuses surrogate escapes; PyYAML builds a string
    /// with surrogates, which the client's JSON turns into the character they pair
    /// into (a lone surrogate into U+FFFD here).
    fn surrogate_escape(&mut self) {
        let hex = |s: &Scan, at: usize| -> Option<u32> {
            let digits = s.b.get(at..at + 4)?;
            u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
        };
        let start = self.i;
        let Some(first) = hex(self, start + 2) else {
            self.i += 2;
            return;
        };
        if !(0xd800..0xe000).contains(&first) {
            self.i += 6;
            return;
        }
        self.problem(
            Refused::Libyaml,
            start,
            "while parsing a quoted scalar: found invalid Unicode character escape code",
        );
        let second = (self.b.get(start + 6) == Some(&b'\\')
            && self.b.get(start + 7) == Some(&b'u'))
        .then(|| hex(self, start + 8))
        .flatten();
        match second {
            Some(low) if (0xd800..0xdc00).contains(&first) && (0xdc00..0xe000).contains(&low) => {
                let c = char::from_u32(0x10000 + ((first - 0xd800) << 10) + (low - 0xdc00))
                    .unwrap_or('\u{fffd}');
                self.edit(start, start + 12, format!("\\U{:08X}", c as u32));
                self.i = start + 12;
            }
            _ => {
                self.edit(start, start + 6, "\\uFFFD");
                self.i = start + 6;
            }
        }
    }

    /// A plain scalar (or the rest of its line), from `self.i`.
    fn plain(&mut self) {
        self.document_content = true;
        loop {
            self.skip_ordinary(&IN_PLAIN);
            if self.at_break_or_end(self.i) {
                break;
            }
            let c = self.b[self.i];
            if c == b':' {
                let next = self.b.get(self.i + 1).copied();
                if self.blank_or_end(self.i + 1) {
                    break;
                }
                if self.flow > 0 {
                    if next == Some(b'?') {
                        self.problem(
                            Refused::Both,
                            self.i,
                            "while scanning a plain scalar: found unexpected ':'",
                        );
                        self.i += 1;
                        continue;
                    }
                    if next.is_some_and(is_flow_indicator) {
                        // libyaml refuses `x:[`; PyYAML ends the scalar at the `:`.
                        self.problem(
                            Refused::Libyaml,
                            self.i,
                            "while scanning a plain scalar: found unexpected ':'",
                        );
                        self.edit(self.i + 1, self.i + 1, " ");
                        break;
                    }
                }
            } else if self.flow > 0 && is_flow_indicator(c) {
                break;
            } else if is_blank(c) {
                let mut j = self.i;
                while j < self.b.len() && is_blank(self.b[j]) {
                    j += 1;
                }
                let ends = self.at_break_or_end(j)
                    || self.b[j] == b'#'
                    || (self.b[j] == b':' && self.blank_or_end(j + 1))
                    || (self.flow > 0 && is_flow_indicator(self.b[j]));
                for k in self.i..j {
                    if self.b[k] == b'\t' {
                        self.python_tab(k);
                        if ends {
                            self.edit(k, k + 1, " ");
                        }
                    }
                }
                self.i = j;
                if ends {
                    break;
                }
                continue;
            }
            self.i += 1;
        }
        self.prev = Token::Plain;
        if self.at_break_or_end(self.i) && self.flow == 0 {
            self.plain_open = true;
            self.plain_indent = self.parent + 1;
        }
    }
}
