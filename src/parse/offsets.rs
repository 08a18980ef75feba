//! Offsets from stitched prose back to the source file.

use std::ops::Range;

/// Maps byte offsets in a block's stitched `text` to byte offsets in the source file.
///
/// The text is built from pieces of the source copied in order, with single-space placeholders
/// between some of them and replacements for what the source spells differently (a decoded
/// entity, a no-break space read as a space, a curly apostrophe read as a straight one). Each
/// piece is recorded as a segment; a placeholder maps to the source position where the removed
/// markup began, a replacement to the whole source it replaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Sorted by `text`, non-overlapping.
    segments: Vec<Segment>,
    /// Text length, so `end` of the last byte can be mapped.
    text_len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Where the segment starts in the text.
    text: usize,
    /// Where it starts in the source.
    source: usize,
    /// Bytes of source it stands for: `None` for a verbatim copy (as many bytes as it has in the
    /// text), `Some(0)` for a placeholder, `Some(n)` for a replacement of `n` source bytes.
    replaced: Option<usize>,
    /// Length in the text.
    len: usize,
}

impl OffsetMap {
    /// Records that `text[text_start..text_start+len]` was copied from `source[source_start..]`.
    pub fn push_copy(&mut self, text_start: usize, source_start: usize, len: usize) {
        self.push(text_start, source_start, None, len);
    }

    /// Records a placeholder of `len` bytes at `text_start` standing for source at `source_pos`.
    pub fn push_placeholder(&mut self, text_start: usize, source_pos: usize, len: usize) {
        self.push(text_start, source_pos, Some(0), len);
    }

    /// Records `len` bytes of text at `text_start` that stand for the source bytes `source`.
    pub fn push_replacement(&mut self, text_start: usize, source: Range<usize>, len: usize) {
        self.push(text_start, source.start, Some(source.len()), len);
    }

    fn push(&mut self, text: usize, source: usize, replaced: Option<usize>, len: usize) {
        debug_assert!(text >= self.text_len);
        self.segments.push(Segment {
            text,
            source,
            replaced,
            len,
        });
        self.text_len = text + len;
    }

    /// Source offset of the text byte at `text_offset` (a start position).
    pub fn to_source(&self, text_offset: usize) -> usize {
        let Some(seg) = self.segments.get(self.segment_index(text_offset)) else {
            return text_offset;
        };
        match seg.replaced {
            None => seg.source + (text_offset - seg.text).min(seg.len),
            Some(_) => seg.source,
        }
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
            let seg = self.segments[self.segment_index(last)];
            match seg.replaced {
                None if seg.len == 0 => seg.source,
                None => seg.source + (last - seg.text).min(seg.len - 1) + 1,
                Some(n) => seg.source + n,
            }
        } else {
            start
        };
        start..end.max(start)
    }

    fn segment_index(&self, text_offset: usize) -> usize {
        self.segments
            .partition_point(|s| s.text <= text_offset)
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

    #[test]
    fn replacement_maps_to_everything_it_replaces() {
        // source: "15&nbsp;million" → text: "15 million"
        let mut map = OffsetMap::default();
        map.push_copy(0, 0, 2);
        map.push_replacement(2, 2..8, 1);
        map.push_copy(3, 8, 7);
        assert_eq!(map.range_to_source(0..10), 0..15);
        assert_eq!(map.range_to_source(2..3), 2..8);
        assert_eq!(map.to_source(3), 8);
        assert_eq!(map.range_to_source(3..10), 8..15);
    }
}
