//! Every occurrence of a set of lower-case ASCII words in a text, overlapping ones included: the
//! one pass of the [`super::matcher::AnchorIndex`].
//!
//! The built-in packs' words are found with the automaton built at compile time (see
//! [`super::word_dfa`]); only words no built-in pack has (a user pack's) need an Aho-Corasick
//! automaton built at run time.

use super::prebuilt::{self, AUTOMATON};
use aho_corasick::{AhoCorasick, MatchKind};

/// One occurrence: the word's number (its index in the list searched for) and its byte range.
pub struct Found {
    pub word: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
pub struct WordSearch {
    /// For each word of the built-in automaton, its number in this set (`None` for a word the
    /// set lacks); `None` when no word of the set is in it.
    builtin: Option<Vec<Option<usize>>>,
    /// An automaton over the words the DFA lacks, with their numbers.
    others: Option<(AhoCorasick, Vec<usize>)>,
}

impl WordSearch {
    /// A search for `words` (distinct, ASCII, lower-case).
    pub fn new(words: &[&str]) -> WordSearch {
        let mut numbers: Vec<Option<usize>> = vec![None; prebuilt::WORDS.len()];
        let mut others: Vec<&str> = Vec::new();
        let mut other_numbers: Vec<usize> = Vec::new();
        for (number, word) in words.iter().enumerate() {
            match builtin_id(word) {
                Some(id) => numbers[id] = Some(number),
                None => {
                    others.push(word);
                    other_numbers.push(number);
                }
            }
        }
        let others = (!others.is_empty()).then(|| {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&others)
                .expect("anchor words are short literals");
            (automaton, other_numbers)
        });
        WordSearch {
            builtin: numbers.iter().any(Option::is_some).then_some(numbers),
            others,
        }
    }

    /// Every occurrence of every word in `text` (ASCII-lower-cased by the caller), in no
    /// particular order.
    pub fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Found> + 'a {
        let builtin = self.builtin.iter().flat_map(move |numbers| {
            (AUTOMATON.find(text.as_bytes())).filter_map(|(id, end)| {
                let word = (*numbers.get(id)?)?;
                let start = end - prebuilt::WORDS.get(id)?.len();
                Some(Found { word, start, end })
            })
        });
        let others = self.others.iter().flat_map(move |(automaton, numbers)| {
            automaton.find_overlapping_iter(text).map(|m| Found {
                word: numbers[m.pattern().as_usize()],
                start: m.start(),
                end: m.end(),
            })
        });
        builtin.chain(others)
    }
}

/// The index of `word` in [`prebuilt::WORDS`], if the built-in automaton has it: the
/// automaton's own walk over the word, which ends on it if anywhere. A binary search of the
/// ~2,750 words for each word of a run was a sixth of building the anchor index (callgrind).
fn builtin_id(word: &str) -> Option<usize> {
    let (id, _) = (AUTOMATON.find(word.as_bytes())).find(|&(id, end)| {
        end == word.len()
            && prebuilt::WORDS
                .get(id)
                .is_some_and(|w| w.len() == word.len())
    })?;
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence by brute force, sorted.
    fn naive(words: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for (number, word) in words.iter().enumerate() {
            for start in 0..text.len() {
                if text.as_bytes()[start..].starts_with(word.as_bytes()) {
                    found.push((number, start, start + word.len()));
                }
            }
        }
        found.sort_unstable();
        found
    }

    fn search(words: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let mut found: Vec<_> = (WordSearch::new(words).find(text))
            .map(|f| (f.word, f.start, f.end))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn built_in_words_are_numbered_as_in_their_list() {
        if AUTOMATON.is_empty() {
            return;
        }
        for (id, word) in prebuilt::WORDS.iter().enumerate() {
            assert_eq!(builtin_id(word), Some(id), "{word}");
        }
        assert_eq!(builtin_id("zqxj"), None);
        assert_eq!(builtin_id(""), None);
    }

    #[test]
    fn finds_built_in_and_other_words_overlapping() {
        let built_in: Vec<&str> = prebuilt::WORDS.iter().step_by(7).copied().collect();
        let mut words = built_in.clone();
        words.extend(["zqxj", "qxj", "zq"]);
        let text = format!(
            "{} zqxj and qxj, naïve {}",
            built_in[..20].join(" "),
            built_in[20..40].concat()
        );
        assert!(search(&words, &text).len() > 40);
        assert_eq!(search(&words, &text), naive(&words, &text));
        assert_eq!(search(&["zq"], "zqzq"), [(0, 0, 2), (0, 2, 4)]);
        assert!(search(&[], "anything").is_empty());
    }
}
