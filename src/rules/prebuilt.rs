//! The built-in packs as JSON (converted by `build/main.rs`) and their prefilter data, computed
//! by `build/anchors.rs` with this crate's own [`pattern::literals`] and
//! [`regex_anchors::anchors`], so that a run only looks them up: each pattern's literal sets,
//! each raw expression's anchors, and the automaton over all their words. Patterns of user
//! packs (and any the tables lack) take the run-time path, which gives the same answers.

use super::pattern::{self, Anchor};
use super::regex_anchors;
use super::word_dfa::WordDfa;

/// Each of [`super::BUILTIN_PACKS`] as JSON, in the same order (empty for one whose TOML does
/// not parse).
pub static PACKS: &[&str] = include!(concat!(env!("OUT_DIR"), "/builtin_packs_json.rs"));

/// An anchor as `build/anchors.rs` writes it: its text, whether it starts a word, whether it
/// ends one.
type Word = (&'static str, bool, bool);

/// A phrase pattern with its anchors and required literal sets (see [`pattern::Literals`]).
type PatternLiterals = (
    &'static str,
    Option<&'static [Word]>,
    &'static [&'static [Word]],
);

/// Every built-in phrase pattern that parses, sorted.
static PATTERNS: &[PatternLiterals] = include!(concat!(env!("OUT_DIR"), "/pattern_literals.rs"));

/// Every built-in raw expression, sorted, with its anchors.
static REGEXES: &[(&str, Option<&[Word]>)] =
    include!(concat!(env!("OUT_DIR"), "/regex_anchors.rs"));

/// Every word of [`PATTERNS`] and [`REGEXES`], sorted: [`AUTOMATON`]'s word `i` is `WORDS[i]`.
pub static WORDS: &[&str] = include!(concat!(env!("OUT_DIR"), "/anchor_words.rs"));

/// The automaton finding every one of [`WORDS`] in an ASCII-lower-cased text.
pub static AUTOMATON: WordDfa = include!(concat!(env!("OUT_DIR"), "/anchor_automaton.rs"));

/// What [`pattern::literals`] answers for `text`.
pub fn literals(text: &str) -> Result<pattern::Literals, pattern::PatternError> {
    match PATTERNS.binary_search_by_key(&text, |(p, _, _)| p) {
        Ok(i) => {
            let (_, anchors, required) = PATTERNS[i];
            Ok(pattern::Literals {
                anchors: anchors.map(anchor_list),
                required: required.iter().map(|set| anchor_list(set)).collect(),
            })
        }
        Err(_) => pattern::literals(text),
    }
}

/// What [`regex_anchors::anchors`] answers for `raw`.
pub fn regex_anchors(raw: &str) -> Option<Vec<Anchor>> {
    match REGEXES.binary_search_by_key(&raw, |(r, _)| r) {
        Ok(i) => REGEXES[i].1.map(anchor_list),
        Err(_) => regex_anchors::anchors(raw),
    }
}

fn anchor_list(words: &[Word]) -> Vec<Anchor> {
    (words.iter())
        .map(|&(text, starts_word, ends_word)| Anchor {
            text: text.to_string(),
            starts_word,
            ends_word,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packs_read_from_json_are_those_read_from_toml() {
        let packs = super::super::load_builtin_packs().expect("built-in packs load");
        assert_eq!(packs.len(), super::super::BUILTIN_PACKS.len());
        for (&(name, text), file) in super::super::BUILTIN_PACKS.iter().zip(&packs) {
            // Parsing the TOML checks it too, as the run does not check the JSON.
            let from_toml = super::super::parse_pack(name, text).expect("built-in pack passes");
            assert_eq!(format!("{file:?}"), format!("{from_toml:?}"), "{name}");
        }
    }

    #[test]
    fn the_tables_answer_as_the_run_time_path_does() {
        assert!(!PATTERNS.is_empty() && !REGEXES.is_empty());
        for (text, _, _) in PATTERNS {
            assert_eq!(literals(text), pattern::literals(text), "{text}");
        }
        for (raw, _) in REGEXES {
            assert_eq!(regex_anchors(raw), regex_anchors::anchors(raw), "{raw}");
        }
    }
}
