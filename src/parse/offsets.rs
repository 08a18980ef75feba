//! Offsets from stitched prose back to the source file.

use std::ops::Range;

/// Maps byte offsets in a block's stitched `text` to byte offsets in the source file.
///
/// The text is built from pieces of the source copied in order, with single-space placeholders
/// between some of them. Each copied piece is recorded as a segment; a placeholder maps to the
/// source position where the removed markup began.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(text_start, source_start, len)`, sorted by `text_start`, non-overlapping.
    segments: Vec<(usize, usize, usize)>,
    /// Text length, so `end` of the last byte can be mapped.
    text_len: usize,
}

impl OffsetMap {
    /// Records that `text[text_start..text_start+len]` was copied from `source[source_start..]`.
    pub fn push_copy(&mut self, text_start: usize, source_start: usize, len: usize) {
        debug_assert!(text_start >= self.text_len);
        self.segments.push((text_start, source_start, len));
        self.text_len = text_start + len;
    }

    /// Records a placeholder of `len` bytes at `text_start` standing for source at `source_pos`.
    pub fn push_placeholder(&mut self, text_start: usize, source_pos: usize, len: usize) {
        self.segments.push((text_start, source_pos, 0));
        self.text_len = text_start + len;
    }

    /// Source offset of the text byte at `text_offset` (a start position).
    pub fn to_source(&self, text_offset: usize) -> usize {
        let i = self.segment_index(text_offset);
        let (t, s, len) = self.segments[i];
        s + (text_offset - t).min(len)
    }

    /// Source range covering the text range: from the first byte's source to just past the last
    /// byte's source, so a match that spans removed markup covers it too.
    pub fn range_to_source(&self, text: Range<usize>) -> Range<usize> {
        if self.segments.is_empty() {
            return text;
        }
        let start = self.to_source(text.start);
        let end = if text.end > text.start {
            let last = text.end - 1;
            let i = self.segment_index(last);
            let (t, s, len) = self.segments[i];
            if len == 0 {
                s
            } else {
                s + (last - t).min(len - 1) + 1
            }
        } else {
            start
        };
        start..end.max(start)
    }

    /// Moves every source offset by `delta` bytes: the block's source moved (an edit above it
    /// in an editor) while its text stayed the same.
    pub fn shift(&mut self, delta: isize) {
        for segment in &mut self.segments {
            segment.1 = segment.1.saturating_add_signed(delta);
        }
    }

    fn segment_index(&self, text_offset: usize) -> usize {
        self.segments
            .partition_point(|&(t, _, _)| t <= text_offset)
            .saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_copies_and_placeholders() {
        // source: "a **bold** word" → text: "a bold word"
        let mut map = OffsetMap::default();
        map.push_copy(0, 0, 2); // "a "
        map.push_copy(2, 4, 4); // "bold"
        map.push_copy(6, 10, 5); // " word"
        assert_eq!(map.to_source(2), 4);
        assert_eq!(map.range_to_source(2..6), 4..8);
        assert_eq!(map.range_to_source(0..11), 0..15);
        assert_eq!(map.range_to_source(7..11), 11..15);
    }

    #[test]
    fn placeholder_maps_to_removed_markup() {
        // source: "take `x` daily" → text: "take   daily" (placeholder space for the code span)
        let mut map = OffsetMap::default();
        map.push_copy(0, 0, 5);
        map.push_placeholder(5, 5, 1);
        map.push_copy(6, 8, 6);
        assert_eq!(map.to_source(5), 5);
        assert_eq!(map.to_source(7), 9);
    }
}
