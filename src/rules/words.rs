//! What a word character is, in one place: the pattern compiler, the prefilter and the
//! expression engine must agree, or a pattern like `café` compiles to boundaries the engine
//! never sees and silently never matches.
//!
//! A word character is a Unicode letter or digit, or `_` (what Unicode `\w` means for the
//! scripts health prose is written in). Expressions that contain only ASCII word characters run
//! in the engine's fast ASCII mode, where `\b` sees ASCII only; the prefilter then still checks
//! edges with this definition, so `cure` is not found in "écure". An expression with a
//! non-ASCII word character runs in Unicode mode (see [`needs_unicode`]).

use std::borrow::Cow;

/// Whether `c` is a word character.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the character ending at byte `i` of `text` is a word character (false at the start
/// or off a character boundary).
pub fn word_before(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|head| head.chars().next_back())
        .is_some_and(is_word_char)
}

/// Whether the character starting at byte `i` of `text` is a word character (false at the end
/// or off a character boundary).
pub fn word_after(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|tail| tail.chars().next())
        .is_some_and(is_word_char)
}

/// Whether an expression must run in Unicode mode for its word boundaries and case folding to
/// see its own letters: it contains a non-ASCII word character ("café", "Über").
pub fn needs_unicode(expression: &str) -> bool {
    expression.chars().any(|c| !c.is_ascii() && is_word_char(c))
}

/// `text` with its ASCII letters lower-cased, borrowed when it has no upper-case ASCII letter:
/// what the case-sensitive automata of lower-case words run on. Every byte stays where it was,
/// so offsets found in it are offsets in `text`.
pub fn ascii_lowercase(text: &str) -> Cow<'_, str> {
    match text.bytes().any(|b| b.is_ascii_uppercase()) {
        true => Cow::Owned(text.to_ascii_lowercase()),
        false => Cow::Borrowed(text),
    }
}

/// Whether `text` contains the lower-case ASCII `needle`, ASCII case aside: a jump to each
/// occurrence of its first letter, with no lower-cased copy of the text.
pub fn contains_ignoring_case(text: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), text)
        .any(|at| starts_ignoring_case(&text[at..], needle))
}

/// Whether `word` starts with `prefix`, ASCII case aside.
pub fn starts_ignoring_case(word: &[u8], prefix: &[u8]) -> bool {
    (word.get(..prefix.len())).is_some_and(|w| w.eq_ignore_ascii_case(prefix))
}

/// Whether `word` ends with `suffix`, ASCII case aside.
pub fn ends_ignoring_case(word: &[u8], suffix: &[u8]) -> bool {
    (word.len().checked_sub(suffix.len())).is_some_and(|at| word[at..].eq_ignore_ascii_case(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_and_ends_ignore_ascii_case_only() {
        assert!(starts_ignoring_case(b"Studies", b"stud"));
        assert!(!starts_ignoring_case(b"stu", b"stud"));
        assert!(ends_ignoring_case(b"PerCENT", b"cent"));
        assert!(!ends_ignoring_case(b"nt", b"cent"));
        assert!(!starts_ignoring_case(
            "Étude".as_bytes(),
            "étude".as_bytes()
        ));
        assert!(contains_ignoring_case(b"20 PER CENT of", b"cent"));
        assert!(contains_ignoring_case(b"per Cent", b"cent"));
        assert!(!contains_ignoring_case(b"per cen", b"cent"));
    }

    #[test]
    fn word_characters_are_unicode_letters_digits_and_underscore() {
        assert!(is_word_char('é') && is_word_char('a') && is_word_char('7') && is_word_char('_'));
        assert!(!is_word_char('’') && !is_word_char('-') && !is_word_char(' '));
        assert!(word_before("café x", 5) && !word_before("café x", 6));
        assert!(word_after("x élixir", 2) && !word_after("x élixir", 1));
        assert!(!word_before("é", 1), "off a character boundary");
        assert!(needs_unicode("café") && !needs_unicode("don’t – risk"));
    }
}
