//! A sorted list of ontology terms stored as one string and the end offset of each term, as
//! `build/main.rs` lays it out.
//!
//! A `&[&str]` of the seventeen thousand terms held a pointer per term, which the loader
//! relocated and so copied into private memory at every start of the process, whether the run
//! read a term or not; offsets are plain numbers, read in place from the binary.

/// Terms, ascending, each a line of `text`; `ends[i]` is the byte offset where term `i` ends
/// (the next starts one byte later, after its newline).
#[derive(Debug, Default, Clone, Copy)]
pub struct TermList {
    pub text: &'static str,
    pub ends: &'static [u32],
}

impl TermList {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Term `i`; `""` past the end.
    pub fn get(&self, i: usize) -> &'static str {
        let start = match i.checked_sub(1) {
            Some(before) => self
                .ends
                .get(before)
                .map_or(usize::MAX, |&e| e as usize + 1),
            None => 0,
        };
        let end = self.ends.get(i).map_or(0, |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// Every term, in order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The index of the first term not below `key` (the list's length if none).
    fn lower_bound(&self, key: &str) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if self.get(middle) < key {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }

    /// The first term not below `key` (`None` past the last): the term `key` is, if any, and
    /// the first of those it starts, if any. One search answers both.
    pub fn at_or_after(&self, key: &str) -> Option<&'static str> {
        let at = self.lower_bound(key);
        (at < self.len()).then(|| self.get(at))
    }

    /// Whether some term starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.at_or_after(prefix)
            .is_some_and(|term| term.starts_with(prefix))
    }

    pub fn contains(&self, term: &str) -> bool {
        self.at_or_after(term) == Some(term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_read_back_and_searched() {
        let list = TermList {
            text: "acne\nasthma\nback pain",
            ends: &[4, 11, 21],
        };
        assert_eq!(
            list.iter().collect::<Vec<_>>(),
            ["acne", "asthma", "back pain"]
        );
        assert!(list.contains("asthma") && list.contains("back pain"));
        assert!(!list.contains("asthm") && !list.contains("zoster") && !list.contains(""));
        assert!(list.has_prefix("back p") && list.has_prefix("a") && list.has_prefix(""));
        assert!(!list.has_prefix("backs") && !list.has_prefix("zz"));
        assert_eq!(list.get(3), "");
        assert_eq!(list.at_or_after("b"), Some("back pain"));
        assert_eq!(list.at_or_after("asthma"), Some("asthma"));
        assert_eq!(list.at_or_after("c"), None);
        let empty = TermList {
            text: "",
            ends: &[],
        };
        assert!(!empty.contains("") && !empty.has_prefix(""));
    }
}
