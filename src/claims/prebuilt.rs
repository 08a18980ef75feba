//! The built-in lexicon's opening words and sales phrases, and the automata that find them,
//! computed by `build/lexicon.rs` with the lexicon's own [`super::inflections`]: a run with the
//! built-in lexicon only looks them up (see [`super::finder`]).

use crate::rules::word_dfa::WordDfa;

/// A phrase list and the automaton over it: the automaton's word `i` is `phrases[i]`.
#[derive(Debug)]
pub struct PhraseList {
    /// Sorted, each once.
    pub phrases: &'static [&'static str],
    pub automaton: WordDfa,
}

/// The first word of every effect, nominal effect, result and promise, in every form the
/// lexicon reads it in.
pub static OPENERS: PhraseList = PhraseList {
    phrases: include!(concat!(env!("OUT_DIR"), "/lexicon_openers_words.rs")),
    automaton: include!(concat!(env!("OUT_DIR"), "/lexicon_openers_automaton.rs")),
};

/// Every `sales` phrase, its words lower-cased and joined by one space.
pub static SALES: PhraseList = PhraseList {
    phrases: include!(concat!(env!("OUT_DIR"), "/lexicon_sales_words.rs")),
    automaton: include!(concat!(env!("OUT_DIR"), "/lexicon_sales_automaton.rs")),
};
