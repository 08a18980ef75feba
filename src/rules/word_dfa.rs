//! The search of the Aho-Corasick DFA that `build/anchors.rs` lays out over the built-in
//! packs' anchor words: built at compile time, it costs a run nothing to load, where building
//! one over the same ~2,000 words was a fifth of the start-up of every run.
//!
//! Layout: bytes fall into classes (0 for every byte no word has); row `s` of `transitions`
//! holds, for each class, the state after state `s` reads a byte of it, as a little-endian
//! `u16` whose top bit says that state ends words; the words state `s` ends (its own and those
//! it ends with) are `outputs[starts[s]..starts[s + 1]]`. State 0 is the root.

/// The automaton's tables (see the module docs).
#[derive(Debug)]
pub struct WordDfa {
    pub classes: &'static [u8; 256],
    pub stride: usize,
    pub transitions: &'static [u8],
    pub starts: &'static [usize],
    pub outputs: &'static [usize],
}

/// The top bit of a transition: the state it leads to ends words.
const ENDS_WORDS: u16 = 0x8000;

impl WordDfa {
    /// Whether the automaton has any state (it is left empty when it would not fit).
    pub fn is_empty(&self) -> bool {
        self.transitions.is_empty()
    }

    /// Every occurrence of every word in `haystack`, overlapping ones included, in order of
    /// their ends: `(word, end)`, the word being the index of its text in the list the
    /// automaton was built from.
    pub fn find<'a>(&'a self, haystack: &'a [u8]) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut state = 0usize;
        let mut at = 0usize;
        let mut pending: &[usize] = &[];
        std::iter::from_fn(move || loop {
            if let Some((&word, rest)) = pending.split_first() {
                pending = rest;
                return Some((word, at));
            }
            let &byte = haystack.get(at)?;
            at += 1;
            let entry = self.transition(state, byte)?;
            state = usize::from(entry & !ENDS_WORDS);
            if entry & ENDS_WORDS != 0 {
                pending = (self.starts.get(state..state + 2))
                    .and_then(|s| self.outputs.get(s[0]..s[1]))
                    .unwrap_or(&[]);
            }
        })
    }

    /// The transition out of `state` on `byte`; `None` only if the tables are inconsistent.
    fn transition(&self, state: usize, byte: u8) -> Option<u16> {
        let class = usize::from(self.classes[usize::from(byte)]);
        let i = 2 * (state * self.stride + class);
        let bytes = self.transitions.get(i..i + 2)?;
        Some(u16::from_le_bytes([bytes[0], bytes[1]]))
    }
}
