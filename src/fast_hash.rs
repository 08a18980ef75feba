//! Hash maps and sets keyed by words from the rule packs and the claim lexicon, with FNV-1a in
//! place of SipHash: thousands of short words are hashed on every run, where SipHash's guard
//! against keys chosen to collide buys nothing (the keys come from the packs, the lexicon and
//! the user's own config). It was a third of building the anchor index, and a fifth of the
//! lexicon's start-up and look-ups (callgrind).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

/// The FNV-1a hash (see the module docs).
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
