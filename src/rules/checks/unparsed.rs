//! Markdown blocks the parse read as plain text because their markup was too costly to parse
//! (see [`crate::parse::Unparsed`]): the user is told, at the place the limit was passed, that
//! links, emphasis and code there were linted as words.

use super::{CheckHit, CheckInput};

/// One hit per block read as plain text, on the character where its limit was passed.
pub fn markup_not_parsed(input: &CheckInput) -> Vec<CheckHit> {
    (input.references.unparsed.iter())
        .filter_map(|u| {
            let width = input.text.get(u.at..)?.chars().next()?.len_utf8();
            Some(CheckHit {
                span: u.at..u.at + width,
                message: Some(format!(
                    "{}, so this block ({} bytes) was linted as plain text: its links, emphasis \
                     and code were read as words",
                    u.why.reason(),
                    u.block.len()
                )),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::factcheck::Facts;
    use crate::parse::{Costly, References};

    fn hits(text: &str) -> Vec<(usize, String)> {
        let references = References::scan(text, true);
        let facts = Facts::default();
        let input = CheckInput::new(text, &references, &facts);
        (markup_not_parsed(&input).into_iter())
            .map(|h| (h.span.start, h.message.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn each_limit_is_named_where_it_was_passed() {
        let deep = format!("Intro.\n\nA cure {} here.\n", "[".repeat(300));
        let hits = hits(&deep);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].0, "Intro.\n\nA cure ".len() + 256);
        assert!(hits[0].1.starts_with(&Costly::Nesting.reason()), "{hits:?}");

        let markup = format!("A cure {}\n", "[]".repeat(9_000));
        let hits = self::hits(&markup);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].0, "A cure ".len() + 16 * 1024);
        assert!(hits[0].1.starts_with(&Costly::Markup.reason()));

        // 700 delimiters in a block of 7.7 KB: 5.4 M, over the 4 M limit, with 700 markup bytes.
        let delimiters = format!("A cure {}\n", "word *word ".repeat(700));
        let hits = self::hits(&delimiters);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].0, 0);
        assert!(hits[0].1.starts_with(&Costly::Delimiters.reason()));
    }

    #[test]
    fn ordinary_markup_is_parsed() {
        let text = "A [cure](https://example.org) with *emphasis*, `code` and [[nested]].\n\n\
                    Another block [a](b).\n";
        assert_eq!(hits(text), []);
        let just_under = format!("A cure {} here.\n", "[".repeat(256));
        assert_eq!(hits(&just_under), []);
    }
}
