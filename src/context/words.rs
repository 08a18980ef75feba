//! Words of one sentence, lower-cased, with their byte ranges: what the cue lists are matched on.

use std::cell::RefCell;
use std::ops::Range;

use super::cues;

/// The words of a sentence. Contractions are split so that "doesn't" yields the negation cue
/// "n't", and "cannot" yields "can" + "not".
#[derive(Debug, Default)]
pub struct Words {
    words: Vec<(Range<usize>, String)>,
    /// For each cue list asked about from the sentence's start (keyed by the list's address:
    /// the lists are statics), the end of its earliest-ending phrase. Every trigger of a
    /// sentence asks the same lists, so without it each one rescanned all the words before it.
    earliest_ends: RefCell<Vec<(usize, Option<usize>)>>,
}

impl Words {
    pub fn new(sentence: &str) -> Words {
        let mut words = Vec::new();
        let mut start = None;
        let is_word_char = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        let mut previous = ' ';
        for (i, c) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
            // A percentage is one word ("100%"), so that lexicons can tell it from a count.
            let percent = c == '%' && previous.is_ascii_digit();
            previous = c;
            match (start, is_word_char(c) || percent) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    push_word(&mut words, sentence, s..i);
                    start = None;
                }
                _ => {}
            }
        }
        Words {
            words,
            earliest_ends: RefCell::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The lower-cased word at `i`.
    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |(_, w)| w.as_str())
    }

    /// Index of the first word that starts at or after byte `offset`.
    pub fn first_at_or_after(&self, offset: usize) -> usize {
        self.words.partition_point(|(r, _)| r.start < offset)
    }

    /// Index of the first word of the clause containing word `i`: scope ends at NegEx's
    /// termination terms ("but", "however", …) and at clause punctuation (`;`, `:`, dashes,
    /// brackets).
    pub fn clause_start(&self, sentence: &str, i: usize) -> usize {
        let i = i.min(self.words.len());
        for j in (0..i).rev() {
            if cues::TERMINATION.contains(&self.word(j)) {
                return j + 1;
            }
            let gap_end = self
                .words
                .get(j + 1)
                .map_or(sentence.len(), |(r, _)| r.start);
            let gap = sentence.get(self.words[j].0.end..gap_end).unwrap_or("");
            if gap.contains([';', ':', '—', '–', '(', ')']) {
                return j + 1;
            }
        }
        0
    }

    /// One past the last word of the clause containing word `i` (see [`Words::clause_start`]).
    pub fn clause_end(&self, sentence: &str, i: usize) -> usize {
        let n = self.words.len();
        for j in i.min(n)..n {
            if j > i && cues::TERMINATION.contains(&self.word(j)) {
                return j;
            }
            let gap_end = self.words.get(j + 1).map_or(j, |(r, _)| r.start);
            let gap = sentence
                .get(self.words[j].0.end..gap_end.max(self.words[j].0.end))
                .unwrap_or("");
            if gap.contains([';', ':', '—', '–', '(', ')']) {
                return j + 1;
            }
        }
        n
    }

    /// Index of the first word of the list item containing word `i`: the word after the last
    /// comma, "and" or "or" before it, or `i` itself after a comma (0 if there is none).
    pub fn list_item_start(&self, sentence: &str, i: usize) -> usize {
        let i = i.min(self.words.len().saturating_sub(1));
        (1..=i)
            .rev()
            .find(|&j| {
                self.gap_before(sentence, j).contains(',') || matches!(self.word(j), "and" | "or")
            })
            .map_or(0, |j| match self.word(j) {
                "and" | "or" => j + 1,
                _ => j,
            })
    }

    /// Index of the first word after the last ", and" or ", so" before word `i` (0 if there is
    /// none): a comma and a conjunction start a clause with its own claim, out of reach of a
    /// negation before them ("there are no side effects, and it is safe for everyone").
    pub fn coordinated_clause_start(&self, sentence: &str, i: usize) -> usize {
        let i = i.min(self.words.len());
        (1..i)
            .rev()
            .find(|&j| {
                matches!(self.word(j), "and" | "so") && self.gap_before(sentence, j).contains(',')
            })
            .map_or(0, |j| j + 1)
    }

    /// The text between word `j - 1` and word `j` (`j` at least 1): spaces and punctuation.
    fn gap_before<'s>(&self, sentence: &'s str, j: usize) -> &'s str {
        sentence
            .get(self.words[j - 1].0.end..self.words[j].0.start)
            .unwrap_or("")
    }

    /// Byte range of word `i` in the sentence (empty past the end).
    pub fn range(&self, i: usize) -> Range<usize> {
        self.words.get(i).map_or(0..0, |(r, _)| r.clone())
    }

    /// Whether a cue phrase starts at a word in `starts` and ends before `starts.end`, skipping
    /// any position where one of `pseudo` (look-alikes such as "not only") begins.
    pub fn has_cue_ending_in(&self, cues: &[&str], starts: Range<usize>, pseudo: &[&str]) -> bool {
        let limit = starts.end.min(self.words.len());
        if starts.start == 0 && pseudo.is_empty() {
            // From the start: some phrase of the list ends by `limit`.
            return self.earliest_end(cues).is_some_and(|end| end <= limit);
        }
        self.has_cue_ending_in_unless(cues, starts, |j| {
            (pseudo.iter()).any(|p| self.phrase_len_at(p, j, self.words.len()).is_some())
        })
    }

    /// Whether a cue phrase starts at a word in `starts` for which `skip` does not hold and ends
    /// before `starts.end`.
    pub fn has_cue_ending_in_unless(
        &self,
        cues: &[&str],
        starts: Range<usize>,
        skip: impl Fn(usize) -> bool,
    ) -> bool {
        let limit = starts.end.min(self.words.len());
        (starts.start..limit).any(|j| {
            !skip(j)
                && cues
                    .iter()
                    .any(|c| self.phrase_len_at(c, j, limit).is_some())
        })
    }

    /// Whether word `j` belongs to the second term of a comparison: "than" is one of the two
    /// words before it ("less pressure than you would use", "faster than would be expected").
    pub fn is_compared(&self, j: usize) -> bool {
        (j.saturating_sub(2)..j).any(|k| self.word(k) == "than")
    }

    /// Whether word `j` is a "should" or "must" of advice: its subject is a group of people
    /// ("humans should consume", "women must be screened"), so it tells readers what to do
    /// rather than hedging what a thing does ("this should help").
    pub fn is_advice_modal(&self, j: usize) -> bool {
        matches!(self.word(j), "should" | "must")
            && j > 0
            && cues::PEOPLE.contains(&self.word(j - 1))
    }

    /// Whether word `j` is a hedging adjective that qualifies only the noun after it and a verb
    /// starts a clause of its own before word `first`: in "better than other potential
    /// treatments, and the drug is really well tolerated" the doubt is about the other
    /// treatments. A predicative one ("it is possible that …", "possible to …") hedges on.
    pub fn is_attributive_before_verb(&self, j: usize, first: usize) -> bool {
        matches!(self.word(j), "potential" | "possible" | "probable")
            && !(j > 0 && cues::COPULAS.contains(&self.word(j - 1)))
            && !matches!(self.word(j + 1), "to" | "that")
            && (j + 2..first).any(|k| cues::COPULAS.contains(&self.word(k)))
    }

    /// Where the earliest-ending phrase of `cues` ends (one past its last word), computed once
    /// per list.
    fn earliest_end(&self, cues: &[&str]) -> Option<usize> {
        let key = cues.as_ptr() as usize;
        if let Some(&(_, end)) = self.earliest_ends.borrow().iter().find(|(k, _)| *k == key) {
            return end;
        }
        let n = self.words.len();
        let end = (0..n)
            .filter_map(|j| {
                (cues.iter())
                    .filter_map(|c| self.phrase_len_at(c, j, n))
                    .min()
                    .map(|len| j + len)
            })
            .min();
        self.earliest_ends.borrow_mut().push((key, end));
        end
    }

    /// Whether a cue phrase starts at a word in `starts` (it may run past the range's end).
    pub fn has_cue_in(&self, cues: &[&str], starts: Range<usize>) -> bool {
        let limit = starts.end.min(self.words.len());
        (starts.start..limit).any(|j| {
            cues.iter()
                .any(|c| self.phrase_len_at(c, j, self.words.len()).is_some())
        })
    }

    /// Length in words of `phrase` if it matches at word `j` without passing word `limit`.
    /// A cue word ending in `*` matches any word with that prefix.
    fn phrase_len_at(&self, phrase: &str, j: usize, limit: usize) -> Option<usize> {
        // Most cues fail on their first letter: checked before splitting the cue into words,
        // which was most of the cost of a miss.
        if let Some(&first) = phrase
            .as_bytes()
            .first()
            .filter(|b| !matches!(b, b'*' | b' '))
        {
            if j >= limit || self.word(j).as_bytes().first() != Some(&first) {
                return None;
            }
        }
        let mut n = 0;
        for cue_word in phrase.split(' ') {
            let i = j + n;
            if i >= limit {
                return None;
            }
            let word = self.word(i);
            let ok = match cue_word.strip_suffix('*') {
                Some(prefix) => word.starts_with(prefix),
                None => word == cue_word,
            };
            if !ok {
                return None;
            }
            n += 1;
        }
        Some(n)
    }

    /// An instruction rather than a claim: the sentence opens with an imperative ("Take",
    /// "Always read", "Do not stop", "You should").
    pub fn is_imperative(&self) -> bool {
        let (first, second) = (self.word(0), self.word(1));
        let verb_follows = |w: &str| cues::IMPERATIVE_VERBS.contains(&w);
        if cues::NOT_AFTER_IMPERATIVE.contains(&second) || self.promises_a_consequence() {
            return false;
        }
        if verb_follows(first) {
            return true;
        }
        if cues::INSTRUCTION_OPENERS
            .iter()
            .any(|o| self.phrase_len_at(o, 0, self.words.len()).is_some())
        {
            return true;
        }
        matches!(first, "always" | "never" | "please") && verb_follows(second)
    }

    /// Whether an "and you'll …" promises what follows the imperative: "Take one capsule and
    /// you'll never catch another cold" is a conditional promise, not an instruction.
    fn promises_a_consequence(&self) -> bool {
        (0..self.words.len()).any(|j| {
            self.word(j) == "and"
                && match self.word(j + 1) {
                    "you'll" => true,
                    "you" => matches!(self.word(j + 2), "will" | "won't"),
                    _ => false,
                }
        })
    }
}

fn push_word(words: &mut Vec<(Range<usize>, String)>, sentence: &str, range: Range<usize>) {
    let word = &sentence[range.clone()];
    let raw = word.trim_matches(|c| matches!(c, '\'' | '’' | '-'));
    if raw.is_empty() {
        return;
    }
    // Where the trimmed word starts (a search for it set up a substring searcher per word).
    let offset = range.start + (raw.as_ptr() as usize - word.as_ptr() as usize);
    let mut lower = if raw.is_ascii() {
        raw.to_ascii_lowercase()
    } else {
        raw.to_lowercase()
    };
    if lower.contains('’') {
        lower = lower.replace('’', "'");
    }
    if let Some(stem) = lower.strip_suffix("n't") {
        let stem_len = stem.len();
        words.push((offset..offset + stem_len, stem.to_string()));
        words.push((offset + stem_len..offset + raw.len(), "n't".to_string()));
    } else if lower == "cannot" {
        words.push((offset..offset + 3, "can".to_string()));
        words.push((offset + 3..offset + 6, "not".to_string()));
    } else {
        words.push((offset..offset + raw.len(), lower));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_contractions_and_keeps_offsets() {
        let s = "It doesn’t cure; it cannot.";
        let w = Words::new(s);
        let all: Vec<&str> = (0..w.len()).map(|i| w.word(i)).collect();
        assert_eq!(all, ["it", "does", "n't", "cure", "it", "can", "not"]);
        assert_eq!(w.first_at_or_after(s.find("cure").unwrap()), 3);
        assert_eq!(w.clause_start(s, 5), 4);
    }

    #[test]
    fn imperatives() {
        assert!(Words::new("Take two tablets daily.").is_imperative());
        assert!(Words::new("Always read the label.").is_imperative());
        assert!(Words::new("Do not stop taking it.").is_imperative());
        assert!(!Words::new("Use of stem cells is growing.").is_imperative());
        assert!(!Words::new("Always effective, this drug cures all.").is_imperative());
        assert!(!Words::new("Stem cells cure arthritis.").is_imperative());
    }
}
