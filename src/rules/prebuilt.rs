//! The built-in packs as JSON (converted by `build/main.rs`) and their prefilter data, computed
//! by `build/anchors.rs` with this crate's own [`pattern::literals`] and
//! [`regex_anchors::anchors`], so that a run only looks them up: each pattern's literal sets,
//! each raw expression's anchors, and the automaton over all their words; and their phrase
//! matchers, compiled by `build/phrases.rs` with [`pattern::compile`]. Patterns of user packs
//! (and any the tables lack) take the run-time path, which gives the same answers.

use super::pattern::{self, Anchor};
use super::phrase::Phrase;
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

/// Every built-in phrase list that compiles (a rule's patterns one by one, and its
/// exceptions, requirements and silencers each whole), compiled: the patterns joined by
/// [`SEPARATOR`], sorted as lists, and the range of [`PHRASE_BYTES`] holding the compiled
/// phrase (see [`Phrase::decode`]).
static PHRASES: &[(&str, u32, u32)] = include!(concat!(env!("OUT_DIR"), "/phrase_table.rs"));

static PHRASE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phrases.bin"));

/// Between the patterns of a key of [`PHRASES`] (`build/phrases.rs` leaves out any list with a
/// pattern containing it, so keys name their lists exactly).
const SEPARATOR: char = '\u{1f}';

/// What [`pattern::compile`] answers for `patterns`.
pub fn phrase(patterns: &[String]) -> Result<Phrase, pattern::PatternError> {
    let found = match patterns.iter().any(|p| p.contains(SEPARATOR)) {
        true => None,
        false => (PHRASES.binary_search_by(|(key, _, _)| {
            (key.split(SEPARATOR)).cmp(patterns.iter().map(String::as_str))
        }))
        .ok(),
    };
    match found {
        Some(i) => {
            let (_, start, end) = PHRASES[i];
            Ok(Phrase::decode(&PHRASE_BYTES[start as usize..end as usize]))
        }
        None => pattern::compile(patterns),
    }
}

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
            text: text.into(),
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

    #[test]
    fn the_compiled_phrases_are_those_compiled_at_run_time() {
        assert!(!PHRASES.is_empty());
        for (key, _, _) in PHRASES {
            let patterns: Vec<String> = key.split(SEPARATOR).map(str::to_string).collect();
            assert_eq!(phrase(&patterns), pattern::compile(&patterns), "{key}");
        }
        let unknown = ["no built-in rule says this".to_string()];
        assert_eq!(phrase(&unknown), pattern::compile(&unknown));
    }
}
