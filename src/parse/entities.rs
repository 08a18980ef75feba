//! HTML character references (`&nbsp;`, `&eacute;`, `&#8217;`, `&#x2019;`), decoded with the full
//! WHATWG table of named references (from `htmlize`), so every entity a CMS writes reads as the
//! character it stands for.

use std::borrow::Cow;

use htmlize::{BARE_ENTITY_MAX_LENGTH, ENTITIES, ENTITY_MAX_LENGTH};

/// How a reference must end to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminator {
    /// CommonMark: with `;`, always.
    Required,
    /// HTML text: legacy references such as `&nbsp` and `&copy` need none.
    Optional,
}

/// The character reference at the start of `s` (which starts with `&`): its length in bytes
/// and the text it stands for. `None` when `s` does not start with one.
pub fn decode_prefix(s: &str, terminator: Terminator) -> Option<(usize, Cow<'static, str>)> {
    let rest = s.strip_prefix('&')?;
    if let Some(num) = rest.strip_prefix('#') {
        return numeric(num, terminator).map(|(len, c)| (len + 2, Cow::Owned(c.to_string())));
    }
    let name_len = rest
        .bytes()
        .take(ENTITY_MAX_LENGTH)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if name_len == 0 {
        return None;
    }
    let bytes = s.as_bytes();
    if bytes.get(name_len + 1) == Some(&b';') {
        if let Some(text) = lookup(&bytes[..name_len + 2]) {
            return Some((name_len + 2, text));
        }
    }
    if terminator == Terminator::Required {
        return None;
    }
    // Legacy references without `;` match their longest known prefix (`&notit` is `¬it`).
    (2..=(name_len + 1).min(BARE_ENTITY_MAX_LENGTH))
        .rev()
        .find_map(|len| lookup(&bytes[..len]).map(|text| (len, text)))
}

/// The text of a whole reference as tree-sitter-md delimits it (`&amp;`, `&#38;`).
pub fn decode(reference: &str) -> Option<Cow<'static, str>> {
    decode_prefix(reference, Terminator::Required)
        .filter(|(len, _)| *len == reference.len())
        .map(|(_, text)| text)
}

fn lookup(name: &[u8]) -> Option<Cow<'static, str>> {
    let text = ENTITIES.get(name)?;
    std::str::from_utf8(text).ok().map(Cow::Borrowed)
}

/// A numeric reference after `&#`: its length after `&#` and its character, with the WHATWG
/// replacements (windows-1252 for 0x80–0x9F, U+FFFD for zero, surrogates and out-of-range).
fn numeric(num: &str, terminator: Terminator) -> Option<(usize, char)> {
    let (radix, prefix) = match num.as_bytes().first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let digits = num[prefix..]
        .bytes()
        .take_while(|b| char::from(*b).is_digit(radix))
        .count();
    if digits == 0 {
        return None;
    }
    let mut len = prefix + digits;
    if num.as_bytes().get(len) == Some(&b';') {
        len += 1;
    } else if terminator == Terminator::Required {
        return None;
    }
    let code = u32::from_str_radix(&num[prefix..prefix + digits], radix).unwrap_or(u32::MAX);
    let c = match code {
        0x80..=0x9f => WINDOWS_1252[(code - 0x80) as usize],
        0 => '\u{fffd}',
        _ => char::from_u32(code).unwrap_or('\u{fffd}'),
    };
    Some((len, c))
}

/// What browsers read for `&#128;`–`&#159;`: the windows-1252 characters old pages meant
/// (`&#146;` is an apostrophe); unassigned codes stay themselves.
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

#[cfg(test)]
mod tests {
    use super::*;

    fn html(s: &str) -> Option<(usize, String)> {
        decode_prefix(s, Terminator::Optional).map(|(n, t)| (n, t.into_owned()))
    }

    #[test]
    fn named_references_from_the_full_table() {
        assert_eq!(decode("&nbsp;").as_deref(), Some("\u{a0}"));
        assert_eq!(decode("&rsquo;").as_deref(), Some("’"));
        assert_eq!(decode("&ThickSpace;").as_deref(), Some("\u{205f}\u{200a}"));
        assert_eq!(decode("&frac34;").as_deref(), Some("¾"));
        assert_eq!(decode("&nosuch;"), None);
        assert_eq!(decode("&nbsp"), None);
    }

    #[test]
    fn numeric_references() {
        assert_eq!(decode("&#8217;").as_deref(), Some("’"));
        assert_eq!(decode("&#x2019;").as_deref(), Some("’"));
        assert_eq!(decode("&#146;").as_deref(), Some("’"));
        assert_eq!(decode("&#0;").as_deref(), Some("\u{fffd}"));
        assert_eq!(decode("&#xD800;").as_deref(), Some("\u{fffd}"));
        assert_eq!(decode("&#99999999999;").as_deref(), Some("\u{fffd}"));
    }

    #[test]
    fn legacy_references_in_html() {
        assert_eq!(html("&nbsp million"), Some((5, "\u{a0}".into())));
        assert_eq!(html("&notit;"), Some((4, "¬".into())));
        assert_eq!(html("&#169 2020"), Some((5, "©".into())));
        assert_eq!(html("& more"), None);
        assert_eq!(html("&zzz;"), None);
    }
}
