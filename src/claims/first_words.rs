//! A bit set over the first words of the ontology's terms, laid out by `build/main.rs`: the
//! claim layer looks a term up at every word of a sentence that may hold a claim, and most
//! words start no term, which one bit answers where a search of the seventeen thousand terms
//! took about fifteen string comparisons (a twentieth of a run's instructions on careful
//! pages, callgrind).

/// Bits in the set: for the ~7,000 distinct first words, about one word in ten that starts no
/// term still finds its bit set and goes on to the search.
pub const BITS: usize = 1 << 16;

/// The bit of `word`: 32-bit FNV-1a of its bytes, folded into [`BITS`].
pub fn bit(word: &str) -> usize {
    let hash = (word.bytes()).fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    (hash ^ (hash >> 16)) as usize % BITS
}

/// The set as `BITS / 64` words, bit `b` of the set being bit `b % 64` of word `b / 64`;
/// empty, it holds no word.
#[derive(Debug, Default, Clone, Copy)]
pub struct FirstWords(pub &'static [u64]);

impl FirstWords {
    /// Whether some term may start with `word` (false: none does).
    pub fn may_start(&self, word: &str) -> bool {
        let bit = bit(word);
        self.0
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }
}
