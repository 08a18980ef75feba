//! Anchors of raw regular expressions: the literals every match contains, for the prefilter.
//! Kept apart from the matchers so that `build/anchors.rs` can compute the built-in packs' anchors with
//! the very same code.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::Hir;

use super::pattern::Anchor;

/// Literals every match of a raw regular expression contains, lower-cased: the prefixes every
/// match starts with or, when those are not a finite set (`[A-Z][a-z]+ lost …`), the suffixes
/// every match ends with; `None` when neither is (the rule is then tried on every sentence).
pub fn anchors(raw: &str) -> Option<Vec<Anchor>> {
    let hir = regex_syntax::Parser::new().parse(raw).ok()?;
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .find_map(|kind| literal_anchors(&hir, kind))
}

/// The most suffixes a raw expression anchors on.
const MAX_SUFFIXES: usize = 32;

fn literal_anchors(hir: &Hir, kind: ExtractKind) -> Option<Vec<Anchor>> {
    let literals = Extractor::new().kind(kind.clone()).extract(hir);
    let literals = literals.literals()?;
    // Suffixes multiply out ("… his inhaler", "… her inhaler", …): a long list would cost more
    // to build into the automaton, on every run, than it saves.
    if matches!(kind, ExtractKind::Suffix) && literals.len() > MAX_SUFFIXES {
        return None;
    }
    // The automaton folds ASCII case only: a non-ASCII literal ("Élixir") could be missed.
    if literals.is_empty()
        || (literals.iter()).any(|l| l.as_bytes().is_empty() || !l.as_bytes().is_ascii())
    {
        return None;
    }
    Some(
        literals
            .iter()
            .map(|l| Anchor {
                text: String::from_utf8_lossy(l.as_bytes()).to_lowercase(),
                starts_word: false,
                ends_word: false,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_regex_prefixes() {
        let texts = |raw: &str| -> Option<Vec<String>> {
            anchors(raw).map(|a| a.into_iter().map(|a| a.text).collect())
        };
        assert!(texts(r"\bconfirm(?:s|ed)?\b.*safe")
            .unwrap()
            .contains(&"confirms".to_string()));
        assert_eq!(texts("!+"), Some(vec!["!".into()]));
        assert_eq!(texts(r"\w+ cures"), Some(vec![" cures".into()]));
        assert_eq!(
            texts(r"(?-i:\b[A-Z][a-z]+) lost \d+ (?:pounds|kg)"),
            Some(vec![" pounds".into(), " kg".into()]),
            "no finite prefixes: the suffixes"
        );
        assert_eq!(texts(r"\w+ \d+"), None);
    }
}
