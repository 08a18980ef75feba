//! The whole-word phrases of a list in a text, as an Aho-Corasick automaton with
//! leftmost-longest semantics finds them: of the phrases that start earliest, the longest, and
//! the search goes on after it; a match is kept when no ASCII letter or digit touches it.
//!
//! A built-in list is searched with the automaton built at compile time (see
//! [`super::prebuilt`]), which finds every occurrence, overlapping ones included, from which
//! the leftmost-longest ones are picked: building the two automata at run time was over half
//! of building the lexicon (callgrind). A list a user's lexicon changes gets one built here.

use std::cmp::Reverse;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::prebuilt::PhraseList;
use crate::rules::word_dfa::WordDfa;
use crate::rules::words::ascii_lowercase;

/// The kind of a run-time automaton: the same matches as the DFA the builder picks for this
/// many words, which cost more to build than all the searches of a run on one article save.
const AUTOMATON_KIND: AhoCorasickKind = AhoCorasickKind::ContiguousNFA;

#[derive(Debug)]
pub enum Finder {
    /// A built-in list: the automaton's word `i` is `phrases[i]`.
    Prebuilt {
        automaton: &'static WordDfa,
        phrases: &'static [&'static str],
    },
    /// Any other list, its phrases numbered in the order given.
    Built(AhoCorasick),
}

impl Finder {
    /// A finder for `phrases` (lower-case), with `builtin`'s automaton when they are its
    /// phrases; `None` if no automaton can be built.
    pub fn new(phrases: &[&str], builtin: &'static PhraseList) -> Option<Finder> {
        let mut distinct = phrases.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct == builtin.phrases && !builtin.automaton.is_empty() {
            return Some(Finder::Prebuilt {
                automaton: &builtin.automaton,
                phrases: builtin.phrases,
            });
        }
        Finder::built(phrases)
    }

    /// A finder for `phrases` with an automaton built now.
    fn built(phrases: &[&str]) -> Option<Finder> {
        // Lower-case, and so searched for case-sensitively in lower-cased text: an automaton
        // that folds case took twice as long to build.
        (AhoCorasick::builder())
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AUTOMATON_KIND))
            .build(phrases)
            .ok()
            .map(Finder::Built)
    }

    /// The phrase of each whole-word match in `text` (case aside), left to right: its number,
    /// which is the same for the same phrase.
    pub fn whole_matches(&self, text: &str) -> Vec<usize> {
        let lower = ascii_lowercase(text);
        let bytes = lower.as_bytes();
        let matches = match self {
            Finder::Prebuilt { automaton, phrases } => leftmost_longest(automaton, phrases, bytes),
            Finder::Built(automaton) => (automaton.find_iter(bytes))
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect(),
        };
        let is_word = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
        (matches.into_iter())
            .filter(|&(_, start, end)| !is_word(end) && (start == 0 || !is_word(start - 1)))
            .map(|(phrase, _, _)| phrase)
            .collect()
    }
}

/// The leftmost-longest matches `(phrase, start, end)` among every occurrence `automaton`
/// finds in `bytes`.
fn leftmost_longest(
    automaton: &WordDfa,
    phrases: &[&str],
    bytes: &[u8],
) -> Vec<(usize, usize, usize)> {
    // By start, the longest first at each start.
    let mut found: Vec<(usize, Reverse<usize>, usize)> = (automaton.find(bytes))
        .map(|(phrase, end)| (end - phrases[phrase].len(), Reverse(end), phrase))
        .collect();
    found.sort_unstable();
    let mut from = 0;
    let mut picked = Vec::new();
    for (start, Reverse(end), phrase) in found {
        if start >= from {
            picked.push((phrase, start, end));
            from = end;
        }
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::super::prebuilt;
    use super::*;

    #[test]
    fn prebuilt_and_built_automata_find_the_same_matches() {
        for list in [&prebuilt::OPENERS, &prebuilt::SALES] {
            let prebuilt = Finder::new(list.phrases, list).expect("a finder");
            let built = Finder::built(list.phrases).expect("a finder");
            assert!(matches!(prebuilt, Finder::Prebuilt { .. }));
            // Whole words, phrases run together (overlapping and inside words), odd cases.
            let texts = [
                list.phrases.join(" "),
                list.phrases.concat(),
                list.phrases.join("-").to_uppercase(),
                list.phrases
                    .iter()
                    .rev()
                    .map(|p| format!("x{p}, {p}1 ({p})"))
                    .collect(),
                "It is 100%pure and 100% natural: order now, cures everything.".to_string(),
            ];
            for text in &texts {
                let found = prebuilt.whole_matches(text);
                assert_eq!(found, built.whole_matches(text), "{text}");
            }
            assert!(!prebuilt.whole_matches(&texts[0]).is_empty());
        }
    }
}
