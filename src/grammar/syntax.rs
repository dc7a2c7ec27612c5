//! The syntax of a grammar file: text to blocks, each word with its byte offset.
//! What the words mean is checked in `build`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, multispace1};
use nom::combinator::{opt, recognize, value};
use nom::error::{ErrorKind, ParseError};
use nom::multi::many0_count;
use nom::sequence::{pair, preceded};
use nom::{IResult, Parser};

use super::{MapKey, Shape};

/// A syntax error at a byte offset.
#[derive(Debug)]
pub(super) struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

#[derive(Debug, Clone)]
pub(super) struct Located<T> {
    pub value: T,
    pub offset: usize,
}

#[derive(Debug)]
pub(super) enum Item {
    Function(FunctionDef),
    Version(VersionBlock),
}

/// `function NAME[/VARIANT] = SHAPE [message TEXT];`
#[derive(Debug)]
pub(super) struct FunctionDef {
    pub name: Located<String>,
    pub variant: Option<String>,
    pub shape: Shape,
    pub message: Option<String>,
}

/// `version DATE [extends DATE] { STATEMENT... }`
#[derive(Debug)]
pub(super) struct VersionBlock {
    pub date: Located<String>,
    pub extends: Option<Located<String>>,
    pub statements: Vec<Statement>,
}

/// `FIELD (= | += | -=) WORD...;`
#[derive(Debug)]
pub(super) struct Statement {
    pub field: Located<String>,
    pub op: Op,
    pub values: Vec<Located<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Set,
    Add,
    Remove,
}

pub(super) fn parse_file(text: &str) -> Result<Vec<Item>, SyntaxError> {
    let parser = FileParser { text };
    match parser.file(text) {
        Ok((_, items)) => Ok(items),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(SyntaxError {
            offset: parser.offset(e.at),
            message: e.message,
        }),
        Err(nom::Err::Incomplete(_)) => Err(SyntaxError {
            offset: text.len(),
            message: "unexpected end of file".to_string(),
        }),
    }
}

/// A parse failure: where, and a message for people.
#[derive(Debug)]
struct Failure<'a> {
    at: &'a str,
    message: String,
}

impl<'a> ParseError<&'a str> for Failure<'a> {
    fn from_error_kind(at: &'a str, kind: ErrorKind) -> Self {
        Failure {
            at,
            message: format!("unexpected {} ({})", describe(at), kind.description()),
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, T> = IResult<&'a str, T, Failure<'a>>;

/// Stops parsing with `message`, reported at `at`.
fn fail<'a, T>(at: &'a str, message: impl Into<String>) -> PResult<'a, T> {
    Err(nom::Err::Failure(Failure {
        at,
        message: message.into(),
    }))
}

fn expected<'a, T>(at: &'a str, what: &str) -> PResult<'a, T> {
    fail(at, format!("expected {what}, found {}", describe(at)))
}

/// The next token, for messages.
fn describe(at: &str) -> String {
    let word_len = at.find(|c| !is_word_char(c)).unwrap_or(at.len());
    match at.chars().next() {
        None => "end of file".to_string(),
        Some(_) if word_len > 0 => format!("`{}`", &at[..word_len]),
        Some('\n' | '\r') => "end of line".to_string(),
        Some(c) => format!("`{c}`"),
    }
}

/// Characters of a word in a version block: names like `Fn::Select`,
/// `get_attr/a`, `2016-10-14`, `resources.*.properties`.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '*' | '/')
}

/// Characters of a name inside a shape (`any`, map keys).
fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Skips spaces, line breaks and `#` comments.
fn blank(i: &str) -> PResult<'_, ()> {
    let comment = recognize(pair(char('#'), take_while(|c| c != '\n')));
    value((), many0_count(alt((multispace1, comment)))).parse(i)
}

/// After blanks: `Some` and the rest when `symbol` comes next.
fn symbol<'a>(i: &'a str, symbol: &'static str) -> PResult<'a, Option<&'a str>> {
    preceded(blank, opt(tag(symbol))).parse(i)
}

/// After blanks: `symbol`, or a failure saying what was expected.
fn require<'a>(i: &'a str, symbol: &'static str, context: &str) -> PResult<'a, ()> {
    let (i, ()) = blank(i)?;
    match tag::<_, _, Failure<'a>>(symbol)(i) {
        Ok((rest, _)) => Ok((rest, ())),
        Err(_) => expected(i, &format!("`{symbol}` {context}")),
    }
}

fn is_date(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(n, b)| match n {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

struct FileParser<'a> {
    text: &'a str,
}

impl<'a> FileParser<'a> {
    fn offset(&self, at: &str) -> usize {
        self.text.len().saturating_sub(at.len())
    }

    /// After blanks: a word (see `is_word_char`) with its offset.
    fn word(&self, i: &'a str, what: &str) -> PResult<'a, Located<String>> {
        let (i, ()) = blank(i)?;
        match take_while1::<_, _, Failure<'a>>(is_word_char)(i) {
            Ok((rest, word)) => Ok((
                rest,
                Located {
                    value: word.to_string(),
                    offset: self.offset(i),
                },
            )),
            Err(_) => expected(i, what),
        }
    }

    /// After blanks: the keyword `keyword` if it comes next.
    fn keyword(&self, i: &'a str, keyword: &str) -> PResult<'a, bool> {
        let (i, ()) = blank(i)?;
        match take_while1::<_, _, Failure<'a>>(is_word_char)(i) {
            Ok((rest, word)) if word == keyword => Ok((rest, true)),
            _ => Ok((i, false)),
        }
    }

    fn file(&self, mut i: &'a str) -> PResult<'a, Vec<Item>> {
        let mut items = Vec::new();
        loop {
            let (rest, ()) = blank(i)?;
            if rest.is_empty() {
                return Ok((rest, items));
            }
            let (after, keyword) = opt(take_while1(is_word_char)).parse(rest)?;
            i = match keyword {
                Some("function") => {
                    let (after, function) = self.function(after)?;
                    items.push(Item::Function(function));
                    after
                }
                Some("version") => {
                    let (after, version) = self.version(after)?;
                    items.push(Item::Version(version));
                    after
                }
                _ => return expected(rest, "`function` or `version`"),
            };
        }
    }

    fn function(&self, i: &'a str) -> PResult<'a, FunctionDef> {
        let (i, mut name) = self.word(i, "a function name")?;
        let variant = match name.value.split_once('/') {
            Some((base, variant)) => {
                let at = &self.text[name.offset..];
                if base.is_empty() || base.contains('/') {
                    return fail(at, format!("`{}` is not a function name", name.value));
                }
                if variant.is_empty() || !variant.chars().all(is_ident_char) {
                    return fail(
                        at,
                        format!(
                            "`{}`: a variant is a letter or word after `/`, e.g. `get_attr/a`",
                            name.value
                        ),
                    );
                }
                let (base, variant) = (base.to_string(), variant.to_string());
                name.value = base;
                Some(variant)
            }
            None => None,
        };
        let (i, ()) = require(i, "=", "after the function name")?;
        let (i, shape) = self.shape(i)?;
        let (i, has_message) = self.keyword(i, "message")?;
        let (i, message) = if has_message {
            let (i, message) = self.string(i)?;
            (i, Some(message))
        } else {
            (i, None)
        };
        let context = if has_message {
            "at the end of the function definition"
        } else {
            "or `message` after the shape"
        };
        let (i, ()) = require(i, ";", context)?;
        Ok((
            i,
            FunctionDef {
                name,
                variant,
                shape,
                message,
            },
        ))
    }

    /// A message: `"..."` with the escapes `\"`, `\\` and `\n`, or `` `...` ``
    /// taken verbatim.
    fn string(&self, i: &'a str) -> PResult<'a, String> {
        let (i, ()) = blank(i)?;
        if let Some(body) = i.strip_prefix('`') {
            return match body.find('`') {
                Some(end) => Ok((&body[end + 1..], body[..end].to_string())),
                None => fail(i, "this message is not closed: missing '`'"),
            };
        }
        let Some(body) = i.strip_prefix('"') else {
            return expected(i, "a message in \"...\" or `...`");
        };
        let mut text = String::new();
        let mut chars = body.char_indices();
        while let Some((n, c)) = chars.next() {
            match c {
                '"' => return Ok((&body[n + 1..], text)),
                '\\' => match chars.next() {
                    Some((_, 'n')) => text.push('\n'),
                    Some((_, '"')) => text.push('"'),
                    Some((_, '\\')) => text.push('\\'),
                    _ => {
                        return fail(
                            &body[n..],
                            "unknown escape: use \\\", \\\\ or \\n (or a `...` message)",
                        );
                    }
                },
                c => text.push(c),
            }
        }
        fail(i, "this message is not closed: missing '\"'")
    }

    /// `alternative (| alternative)*`
    fn shape(&self, i: &'a str) -> PResult<'a, Shape> {
        let (mut i, first) = self.alternative(i)?;
        let mut alternatives = vec![first];
        loop {
            let (rest, bar) = symbol(i, "|")?;
            if bar.is_none() {
                break;
            }
            let (rest, next) = self.alternative(rest)?;
            alternatives.push(next);
            i = rest;
        }
        let shape = match alternatives.len() {
            1 => alternatives.remove(0),
            _ => Shape::OneOf(alternatives),
        };
        Ok((i, shape))
    }

    /// `literal alternative`, a name, `[...]`, `{...}` or `(shape)`.
    fn alternative(&self, i: &'a str) -> PResult<'a, Shape> {
        let (i, ()) = blank(i)?;
        if let Some(rest) = i.strip_prefix('[') {
            return self.list(rest);
        }
        if let Some(rest) = i.strip_prefix('{') {
            return self.map(rest);
        }
        if let Some(rest) = i.strip_prefix('(') {
            let (rest, shape) = self.shape(rest)?;
            let (rest, ()) = require(rest, ")", "to close `(`")?;
            return Ok((rest, shape));
        }
        let name = take_while1::<_, _, Failure<'a>>(is_ident_char)(i);
        let shape = match name {
            Ok((rest, "literal")) => {
                let (rest, inner) = self.alternative(rest)?;
                return Ok((rest, Shape::Literal(Box::new(inner))));
            }
            Ok((rest, "any")) => (rest, Shape::Any),
            Ok((rest, "string")) => (rest, Shape::String),
            Ok((rest, "integer")) => (rest, Shape::Integer),
            Ok((rest, "boolean")) => (rest, Shape::Boolean),
            Ok((rest, "map")) => (
                rest,
                Shape::Map {
                    keys: Vec::new(),
                    others: true,
                },
            ),
            Ok((rest, "list")) => (
                rest,
                Shape::List {
                    min: 0,
                    max: None,
                    items: Vec::new(),
                    rest: Some(Box::new(Shape::Any)),
                },
            ),
            _ => {
                return expected(
                    i,
                    "a shape (any, string, integer, boolean, map, list, literal, [...], {...} or (...))",
                );
            }
        };
        Ok(shape)
    }

    /// The inside of `[...]`, after `[`.
    fn list(&self, i: &'a str) -> PResult<'a, Shape> {
        let mut items = Vec::new();
        let mut min = 0;
        let mut rest: Option<Box<Shape>> = None;
        let (mut i, close) = symbol(i, "]")?;
        if close.is_none() {
            loop {
                let (at, ()) = blank(i)?;
                if rest.is_some() {
                    return fail(at, "an item marked `*` must be the last item of a list");
                }
                let (after, item) = self.shape(at)?;
                let (after, mark) =
                    preceded(blank, opt(alt((char('?'), char('*'))))).parse(after)?;
                match mark {
                    Some('*') => rest = Some(Box::new(item)),
                    Some(_) => items.push(item),
                    None if items.len() > min => {
                        return fail(at, "a required item cannot follow an optional one (`?`)");
                    }
                    None => {
                        items.push(item);
                        min += 1;
                    }
                }
                let (after, ()) = blank(after)?;
                if let Some(after) = after.strip_prefix(',') {
                    i = after;
                } else if let Some(after) = after.strip_prefix(']') {
                    i = after;
                    break;
                } else {
                    return expected(after, "`,` or `]` in a list shape");
                }
            }
        }
        let max = match rest {
            Some(_) => None,
            None => Some(items.len()),
        };
        Ok((
            i,
            Shape::List {
                min,
                max,
                items,
                rest,
            },
        ))
    }

    /// The inside of `{...}`, after `{`.
    fn map(&self, i: &'a str) -> PResult<'a, Shape> {
        let mut keys: Vec<MapKey> = Vec::new();
        let mut others = false;
        let (mut i, close) = symbol(i, "}")?;
        if close.is_none() {
            loop {
                let (at, ()) = blank(i)?;
                if others {
                    return fail(at, "`...` must be the last entry of a map shape");
                }
                let after = if let Some(after) = at.strip_prefix("...") {
                    others = true;
                    after
                } else {
                    let Ok((after, name)) = take_while1::<_, _, Failure<'a>>(is_ident_char)(at)
                    else {
                        return expected(at, "a key name or `...` in a map shape");
                    };
                    if keys.iter().any(|key| key.name == name) {
                        return fail(at, format!("key `{name}` appears twice in this map shape"));
                    }
                    let (after, optional) = symbol(after, "?")?;
                    let (after, ()) = require(after, ":", "after the key name")?;
                    let (after, shape) = self.shape(after)?;
                    keys.push(MapKey {
                        name: name.to_string(),
                        required: optional.is_none(),
                        shape,
                    });
                    after
                };
                let (after, ()) = blank(after)?;
                if let Some(after) = after.strip_prefix(',') {
                    i = after;
                } else if let Some(after) = after.strip_prefix('}') {
                    i = after;
                    break;
                } else {
                    return expected(after, "`,` or `}` in a map shape");
                }
            }
        }
        Ok((i, Shape::Map { keys, others }))
    }

    fn version(&self, i: &'a str) -> PResult<'a, VersionBlock> {
        let what = "a version date (YYYY-MM-DD)";
        let (i, date) = self.word(i, what)?;
        if !is_date(&date.value) {
            return expected(&self.text[date.offset..], what);
        }
        let (i, has_extends) = self.keyword(i, "extends")?;
        let (i, extends) = if has_extends {
            let (i, base) = self.word(i, what)?;
            if !is_date(&base.value) {
                return expected(&self.text[base.offset..], what);
            }
            (i, Some(base))
        } else {
            (i, None)
        };
        let context = if has_extends {
            "to open the version"
        } else {
            "or `extends` after the version date"
        };
        let (mut i, ()) = require(i, "{", context)?;
        let mut statements = Vec::new();
        loop {
            let (at, ()) = blank(i)?;
            if let Some(after) = at.strip_prefix('}') {
                i = after;
                break;
            }
            if at.is_empty() {
                let (line, _) = super::line_column(self.text, date.offset);
                return fail(
                    at,
                    format!(
                        "expected `}}` to close version {} (line {line}), found end of file",
                        date.value
                    ),
                );
            }
            let (after, statement) = self.statement(at)?;
            statements.push(statement);
            i = after;
        }
        Ok((
            i,
            VersionBlock {
                date,
                extends,
                statements,
            },
        ))
    }

    fn statement(&self, i: &'a str) -> PResult<'a, Statement> {
        let (i, field) = self.word(i, "a field name or `}`")?;
        let (i, ()) = blank(i)?;
        let op: PResult<'a, Op> = alt((
            value(Op::Add, tag("+=")),
            value(Op::Remove, tag("-=")),
            value(Op::Set, tag("=")),
        ))
        .parse(i);
        let Ok((mut i, op)) = op else {
            return expected(i, &format!("`=`, `+=` or `-=` after `{}`", field.value));
        };
        let mut values = Vec::new();
        loop {
            let (at, ()) = blank(i)?;
            if let Some(after) = at.strip_prefix(';') {
                i = after;
                break;
            }
            let what = format!("a word or `;` in the values of `{}`", field.value);
            let (after, word) = self.word(at, &what)?;
            values.push(word);
            i = after;
        }
        Ok((i, Statement { field, op, values }))
    }
}
