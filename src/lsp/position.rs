//! Positions as the client counts them: 0-based lines and columns in UTF-16
//! code units (the protocol's default) or in UTF-8 bytes (when the client
//! offers `utf-8` and the server picks it). Everything inside hotc is a byte
//! offset; this is the one place that converts.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::{ColumnUnit, LineIndex, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion of columns), else
    /// UTF-16, which every client supports.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf8 => ColumnUnit::Utf8,
            Encoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// A text with its line index, to convert positions both ways.
pub struct Converter<'t> {
    pub text: &'t str,
    pub lines: &'t LineIndex,
    pub encoding: Encoding,
}

impl Converter<'_> {
    /// The byte offset of a client position; positions past the end of a
    /// line or of the text are clamped to it.
    pub fn offset(&self, position: Position) -> usize {
        self.lines.offset_of(
            self.text,
            position.line as usize,
            position.character as usize,
            self.encoding.unit(),
        )
    }

    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line);
        let column = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position::new(to_u32(line), to_u32(column))
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(
            self.position(span.start as usize),
            self.position(span.end as usize),
        )
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_differ_by_encoding_after_non_ascii_text() {
        let text = "a: \"Ü🚀\"\nb: x";
        let lines = LineIndex::new(text);
        let quote = text.rfind('"').unwrap();
        let utf16 = Converter {
            text,
            lines: &lines,
            encoding: Encoding::Utf16,
        };
        let utf8 = Converter {
            encoding: Encoding::Utf8,
            ..utf16
        };
        assert_eq!(utf16.position(quote), Position::new(0, 7));
        assert_eq!(utf8.position(quote), Position::new(0, 10));
        assert_eq!(utf16.offset(Position::new(0, 7)), quote);
        assert_eq!(utf8.offset(Position::new(0, 10)), quote);
        let x = text.rfind('x').unwrap();
        assert_eq!(utf16.offset(Position::new(1, 3)), x);
        assert_eq!(utf16.offset(Position::new(9, 0)), text.len());
    }
}
