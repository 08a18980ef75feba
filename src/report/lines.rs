//! Line and column lookup, built once per file so that many findings cost one scan.
//!
//! Every format reads positions here, so they agree: a line ends at `\n`, `\r\n` or a lone `\r`
//! (old Mac files, which editors show as separate lines), and a leading byte-order mark is not a
//! column of the first line.

/// Bytes between character-count checkpoints: a column costs at most this much counting, so
/// a thousand findings on one megabyte-long line stay cheap.
const CHECKPOINT: usize = 4096;

/// Start offsets of every line of a text, and character counts at fixed byte steps.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Characters before byte `k * CHECKPOINT`, for each `k`.
    chars_before: Vec<usize>,
    /// Length of a leading byte-order mark.
    bom: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(line_breaks(text));
        let mut chars_before = vec![0];
        for chunk in text.as_bytes().chunks(CHECKPOINT) {
            let last = chars_before.last().copied().unwrap_or(0);
            chars_before.push(last + char_starts(chunk));
        }
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex {
            line_starts,
            chars_before,
            bom,
        }
    }

    /// Zero-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte offset where zero-based `line` starts (after the byte-order mark on the first).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)].max(self.bom)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// One-based line and one-based column in characters, as editors and humans count them.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let column = if offset - start <= CHECKPOINT {
            char_starts(&text.as_bytes()[start..offset])
        } else {
            self.chars_to(text, offset) - self.chars_to(text, start)
        };
        (line + 1, column + 1)
    }

    /// Characters before byte `offset`.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let k = offset / CHECKPOINT;
        let counted = self.chars_before.get(k).copied().unwrap_or(0);
        counted + char_starts(&text.as_bytes()[k * CHECKPOINT..offset])
    }
}

/// Characters starting in `bytes` (every byte that is not a UTF-8 continuation byte).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| {
        let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        ends.then_some(i + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "ab\né ü cure\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, text.find("cure").unwrap()), (2, 5));
        assert_eq!(index.position(text, text.len()), (3, 1));
    }

    #[test]
    fn every_line_ending_and_a_bom() {
        for text in ["a\nb cure", "a\r\nb cure", "a\rb cure", "\u{feff}a\rb cure"] {
            let index = LineIndex::new(text);
            assert_eq!(
                index.position(text, text.find("cure").unwrap()),
                (2, 3),
                "{text:?}"
            );
        }
        let text = "\u{feff}cure";
        assert_eq!(LineIndex::new(text).position(text, 3), (1, 1));
    }

    #[test]
    fn columns_far_along_one_long_line() {
        let text = format!("{}é cure", "x".repeat(3 * CHECKPOINT + 5));
        let index = LineIndex::new(&text);
        let at = text.find("cure").unwrap();
        assert_eq!(index.position(&text, at), (1, 3 * CHECKPOINT + 8));
    }
}
