//! What the prose text reads instead of characters that look alike to a reader but not to a
//! pattern: Unicode spaces become a plain space, invisible break hints are dropped, Unicode
//! hyphens become `-` and curly apostrophes become straight ones. Rules and context then see one spelling, while offsets (kept
//! by [`super::OffsetMap`]) still point at the original bytes.
//!
//! Double quotation marks are left as written: the context model reads their direction (an
//! opening `“` before a phrase and a closing `”` after it make a quotation), which a straight `"`
//! would lose.

/// The replacement for `c`, if it has one: `""` for a character that is dropped.
pub fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        // No-break, figure, thin, hair and other fixed-width spaces, and the narrow no-break
        // space French and SI typography put before units and between digit groups.
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            " "
        }
        // Soft hyphen, zero-width space, word joiner and a stray byte-order mark: hints to the
        // renderer, invisible in the word.
        '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}' => "",
        // Hyphen and non-breaking hyphen: a pattern's `-` is the ASCII one.
        '\u{2010}' | '\u{2011}' => "-",
        // Right and left single quotation marks, modifier-letter and reversed apostrophes.
        '\u{2019}' | '\u{2018}' | '\u{2bc}' | '\u{201b}' => "'",
        _ => return None,
    })
}

/// Whether `raw` holds a character that is dropped from between letters, so that a word is
/// only whole once normalised.
pub fn joins_words(raw: &str) -> bool {
    !raw.is_ascii() && raw.contains(['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_breaks_and_apostrophes() {
        assert_eq!(replacement('\u{a0}'), Some(" "));
        assert_eq!(replacement('\u{202f}'), Some(" "));
        assert_eq!(replacement('\u{2009}'), Some(" "));
        assert_eq!(replacement('\u{ad}'), Some(""));
        assert_eq!(replacement('’'), Some("'"));
        assert_eq!(replacement('“'), None);
        assert_eq!(replacement('é'), None);
    }
}
