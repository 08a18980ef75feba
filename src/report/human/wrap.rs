//! Wrapping text to a display width at white space, never inside a word, keeping byte offsets:
//! the excerpt renderer draws each underline under the exact characters of its wrapped row.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

/// Columns a terminal gives `text`: two for most emoji and CJK, none for combining accents.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Splits `text` into rows at most `max` columns wide, breaking at white space. A word wider than
/// `max` (a long URL) is the only case broken between characters, as it cannot fit otherwise.
/// Rows are byte ranges into `text`, without the white space where a break falls; text that is
/// empty or only white space gives one empty row, so a caller always has a row to draw under.
pub fn rows(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let mut rows = Vec::new();
    // The row being filled: its start, its end (after its last word) and its width.
    let mut row: Option<(usize, usize, usize)> = None;
    for (word, gap) in words(text) {
        let word_width = width(&text[word.clone()]);
        if let Some((start, end, used)) = row {
            let joined = used + width(&text[gap]) + word_width;
            if joined <= max {
                row = Some((start, word.end, joined));
                continue;
            }
            rows.push(start..end);
        }
        let mut rest = word.clone();
        while width(&text[rest.clone()]) > max {
            let cut = split_at_width(text, rest.clone(), max);
            rows.push(rest.start..cut);
            rest = cut..rest.end;
        }
        row = Some((rest.start, rest.end, width(&text[rest])));
    }
    match row {
        Some((start, end, _)) => rows.push(start..end),
        None if rows.is_empty() => rows.push(0..0),
        None => {}
    }
    rows
}

/// Each word of `text` with the white space before it.
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        let word_start = at + rest.find(|c: char| !c.is_whitespace())?;
        let word_end = text[word_start..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| word_start + i);
        let gap = at..word_start;
        at = word_end;
        Some((word_start..word_end, gap))
    })
}

/// The byte offset in `range` where `max` columns are filled (at least one character, so a
/// character wider than `max` still makes progress).
fn split_at_width(text: &str, range: Range<usize>, max: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[range.clone()].char_indices() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > max && i > 0 {
            return range.start + i;
        }
        used += w;
    }
    range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, max: usize) -> Vec<&str> {
        rows(text, max).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_spaces_never_inside_words() {
        assert_eq!(
            wrapped("This miracle cure works overnight.", 12),
            ["This miracle", "cure works", "overnight."]
        );
        assert_eq!(wrapped("short", 80), ["short"]);
        assert_eq!(wrapped("", 10), [""]);
    }

    #[test]
    fn counts_columns_not_bytes() {
        // “é” is one column, “💊” two.
        assert_eq!(wrapped("café 💊 pill", 7), ["café 💊", "pill"]);
        assert_eq!(width("💊"), 2);
        // An emoji with a skin tone is one picture, two columns; a combining accent adds none.
        assert_eq!(width("👵🏽"), 2);
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn only_a_word_wider_than_the_row_is_cut() {
        assert_eq!(
            wrapped("see https://example.org/abc now", 10),
            ["see", "https://ex", "ample.org/", "abc now"]
        );
    }
}
