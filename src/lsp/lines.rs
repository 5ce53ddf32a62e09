//! Byte offsets in a document and LSP positions (line, UTF-16 column), both
//! ways: the checker's spans are bytes, the protocol's columns UTF-16 units.

use lsp_types::{Position, Range};

use crate::span::Span;

/// Where each line of a text starts, to convert offsets and positions.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// The byte offset of each line's start; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of a text's lines.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { starts }
    }

    /// The position of a byte offset; an offset past the end, or inside a
    /// character, is taken at the nearest character boundary before it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column: usize = text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    /// The range of a span.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of a position, or `None` when the line is past the
    /// end of the text. A column past the end of its line is taken at the
    /// line's end, as the protocol asks.
    pub fn offset(&self, text: &str, position: Position) -> Option<usize> {
        let line = usize::try_from(position.line).ok()?;
        let start = *self.starts.get(line)?;
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
        let mut units = 0;
        for (at, c) in text[start..end].char_indices() {
            if units >= wanted {
                return Some(start + at);
            }
            units += c.len_utf16();
        }
        Some(end)
    }

    /// The span of a range, or `None` when either end is past the text.
    pub fn span(&self, text: &str, range: Range) -> Option<Span> {
        let start = self.offset(text, range.start)?;
        let end = self.offset(text, range.end)?;
        Some(Span::new(start.min(end), end.max(start)))
    }
}
