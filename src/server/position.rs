//! LSP positions ↔ byte offsets. A position is a zero-based line and a column counted in the
//! encoding negotiated at start-up: UTF-16 code units unless the client offers UTF-8 (bytes),
//! which we then prefer, since our spans are bytes.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::report::LineIndex;

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 if the client lists it among the encodings it supports, else UTF-16 (the
    /// protocol's default, which every client must support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let utf8 = offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// Width of `text` in this encoding's units.
    fn width(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
        }
    }
}

/// A position the document does not have: a line past the end, or a column past the line's
/// end (an out-of-range request; edits are clamped instead, as the protocol asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange(pub Position);

/// A document's text with its line index, to convert positions in the negotiated encoding.
pub struct Positions<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: Encoding,
}

impl Positions<'_> {
    /// The position of byte `offset` (clamped into the text, and back to a character
    /// boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line);
        let column = self.encoding.width(&self.text[start..offset]);
        Position::new(to_u32(line), to_u32(column))
    }

    pub fn range(&self, span: std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of `position`, or an error if the document has no such position. A
    /// column inside a character (between a UTF-16 surrogate pair, or inside a UTF-8
    /// sequence) resolves to the character's start.
    pub fn offset(&self, position: Position) -> Result<usize, OutOfRange> {
        let line = position.line as usize;
        if line >= self.lines.line_count() {
            return Err(OutOfRange(position));
        }
        let content = self.line_content(line);
        let column = position.character as usize;
        self.column_offset(content, column)
            .ok_or(OutOfRange(position))
    }

    /// Like [`Positions::offset`], but a line past the end is the end of the text and a column
    /// past a line's end is its end, as the protocol asks of edits.
    pub fn clamped_offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.lines.line_count() {
            return self.text.len();
        }
        let content = self.line_content(line);
        let column = position.character as usize;
        self.column_offset(content.clone(), column)
            .unwrap_or(content.end)
    }

    /// Byte range of line `line` without its line break.
    fn line_content(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.lines.line_start(line);
        let end = if line + 1 < self.lines.line_count() {
            self.lines.line_start(line + 1)
        } else {
            self.text.len()
        };
        let raw = &self.text[start..end];
        start..start + raw.trim_end_matches(['\n', '\r']).len()
    }

    /// The offset `column` units into the line `content`, if the line is that long.
    fn column_offset(&self, content: std::ops::Range<usize>, column: usize) -> Option<usize> {
        let text = &self.text[content.clone()];
        let mut units = 0;
        for (at, ch) in text.char_indices() {
            let width = match self.encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if column < units + width {
                return Some(content.start + at);
            }
            units += width;
        }
        (column == units).then_some(content.end)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<T>(text: &str, encoding: Encoding, f: impl FnOnce(&Positions) -> T) -> T {
        let lines = LineIndex::new(text);
        f(&Positions {
            text,
            lines: &lines,
            encoding,
        })
    }

    #[test]
    fn accents_and_emoji_count_per_encoding() {
        let text = "é 😀 cure\r\nnext";
        let cure = text.find("cure").unwrap();
        // "é" is 1 UTF-16 unit and 2 bytes; "😀" is 2 UTF-16 units and 4 bytes.
        with(text, Encoding::Utf16, |p| {
            assert_eq!(p.position(cure), Position::new(0, 5));
            assert_eq!(p.offset(Position::new(0, 5)), Ok(cure));
            // Between the surrogates of the emoji: the emoji's start.
            assert_eq!(p.offset(Position::new(0, 3)), Ok(3));
            assert_eq!(p.offset(Position::new(0, 9)), Ok(text.find('\r').unwrap()));
            assert!(p.offset(Position::new(0, 10)).is_err());
            assert_eq!(p.position(text.len()), Position::new(1, 4));
        });
        with(text, Encoding::Utf8, |p| {
            assert_eq!(p.position(cure), Position::new(0, 8));
            assert_eq!(p.offset(Position::new(0, 8)), Ok(cure));
            assert_eq!(p.offset(Position::new(0, 4)), Ok(3));
        });
    }

    #[test]
    fn edits_clamp_and_requests_do_not() {
        with("ab\ncd", Encoding::Utf16, |p| {
            assert_eq!(p.clamped_offset(Position::new(0, 99)), 2);
            assert_eq!(p.clamped_offset(Position::new(9, 0)), 5);
            assert!(p.offset(Position::new(2, 0)).is_err());
            assert_eq!(p.offset(Position::new(1, 2)), Ok(5));
        });
    }
}
