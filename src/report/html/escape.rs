//! HTML escaping. Every piece of text that comes from a linted file, a rule pack, a config or a
//! path goes through [`escape`] before it reaches the page, in element content and in quoted
//! attribute values alike: a file that contains `<script>` or `onerror=` must show as text.

use std::fmt;

/// Text made safe for HTML element content and double- or single-quoted attribute values.
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// Shorthand for `Escaped(text)` in `write!` arguments.
pub fn escape(text: &str) -> Escaped<'_> {
    Escaped(text)
}

/// A fragment usable in an `id` or a `#fragment`: ASCII letters, digits and `-`, every other
/// character folded to `-`. Rule ids (`pack/rule-name`) become `pack-rule-name`, as in
/// `docs/rules.md`.
pub fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')"> & co"#).to_string(),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co"
        );
        assert_eq!(escape("çа va — “ok”").to_string(), "çа va — “ok”");
    }

    #[test]
    fn slugs_are_safe_fragments() {
        assert_eq!(slug("hype/miracle-language"), "hype-miracle-language");
        assert_eq!(slug("a\"b c<d>"), "a-b-c-d-");
    }
}
