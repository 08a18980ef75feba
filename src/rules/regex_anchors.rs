//! Anchors of raw regular expressions: the literals every match contains, for the prefilter.
//! Kept apart from the matchers so that `build/anchors.rs` can compute the built-in packs' anchors with
//! the very same code.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::Hir;

use super::pattern::{self, Anchor};

/// Literals every match of a raw regular expression contains, lower-cased: the prefixes every
/// match starts with or the suffixes every match ends with, whichever set is the more
/// selective (see [`pattern::most_selective`]); `None` when neither is a finite set (the rule is
/// then tried on every sentence). `\b(?:a|the) … (?:study|trial)` anchors on "study" and
/// "trial", not on "a" and "the", which wake it on almost every sentence.
pub fn anchors(raw: &str) -> Option<Vec<Anchor>> {
    let hir = regex_syntax::Parser::new().parse(raw).ok()?;
    let sets: Vec<Vec<Anchor>> = [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|kind| literal_anchors(&hir, kind))
        .collect();
    let best = pattern::most_selective(&sets.iter().map(|set| trimmed(set)).collect::<Vec<_>>())?;
    sets.into_iter().nth(best)
}

/// The anchors' texts without the spaces and punctuation at their ends, as selectivity sees
/// them ("the " is the common word "the").
fn trimmed(set: &[Anchor]) -> Vec<Anchor> {
    (set.iter())
        .map(|a| Anchor {
            text: a
                .text
                .trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string()
                .into(),
            ..a.clone()
        })
        .collect()
}

/// The most suffixes a raw expression anchors on.
const MAX_SUFFIXES: usize = 32;

fn literal_anchors(hir: &Hir, kind: ExtractKind) -> Option<Vec<Anchor>> {
    let literals = Extractor::new().kind(kind.clone()).extract(hir);
    let literals = literals.literals()?;
    // The automaton folds ASCII case only: a non-ASCII literal ("Élixir") could be missed.
    if literals.is_empty()
        || (literals.iter()).any(|l| l.as_bytes().is_empty() || !l.as_bytes().is_ascii())
    {
        return None;
    }
    let mut texts: Vec<String> = (literals.iter())
        .map(|l| String::from_utf8_lossy(l.as_bytes()).to_lowercase())
        .collect();
    // Suffixes multiply out ("threw away his inhaler", "ditched her inhaler", …): a long list
    // would cost more to build into the automaton, on every run, than it saves. Every match
    // still ends with each suffix's last word ("inhaler"), a short list.
    if matches!(kind, ExtractKind::Suffix) && texts.len() > MAX_SUFFIXES {
        texts = texts.iter().map(|t| last_word(t).to_string()).collect();
        texts.sort();
        texts.dedup();
        if texts.len() > MAX_SUFFIXES || texts.iter().any(String::is_empty) {
            return None;
        }
    }
    Some(
        texts
            .into_iter()
            .map(|text| Anchor {
                text: text.into(),
                starts_word: false,
                ends_word: false,
            })
            .collect(),
    )
}

/// The end of a suffix from its last space on ("inhaler" of "his inhaler"); the whole suffix
/// when it has no space before its end.
fn last_word(suffix: &str) -> &str {
    match suffix.trim_end().rfind(' ') {
        Some(space) => &suffix[space + 1..],
        None => suffix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_regex_prefixes() {
        let texts = |raw: &str| -> Option<Vec<String>> {
            anchors(raw).map(|a| a.into_iter().map(|a| a.text.into_owned()).collect())
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

    #[test]
    fn anchors_on_the_more_selective_end() {
        let texts = |raw: &str| -> Option<Vec<String>> {
            anchors(raw).map(|a| a.into_iter().map(|a| a.text.into_owned()).collect())
        };
        assert_eq!(
            texts(r"\b(?:a|the)\s+(?:new\s+)?(?:study|trial)"),
            Some(vec!["study".into(), "trial".into()]),
            "not the common words it starts with"
        );
        let verbs = "(?:threw away|ditched|got rid of|stopped using|gave up)";
        let owners = "(?:his|her|their|my)";
        let things = "(?:inhaler|insulin|pills|cane)";
        assert_eq!(
            texts(&format!(r"(?-i:\b[A-Z][a-z]+) {verbs} {owners} {things}")),
            Some(vec![
                "cane".into(),
                "inhaler".into(),
                "insulin".into(),
                "pills".into()
            ]),
            "too many whole suffixes: their last words"
        );
    }
}
