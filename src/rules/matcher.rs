//! Matching machinery that keeps start-up cheap: matchers are built on first use, and an
//! automaton over each rule's anchor words decides which rules could match at all.
//!
//! Compiling every rule's expressions up front cost tens of milliseconds, paid on every
//! pre-commit run and editor keystroke; most rules never match most documents, so their
//! matchers need never be built.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

use super::pattern::Anchor;
use super::phrase::Phrase;
use super::prebuilt;
use super::word_search::WordSearch;
use super::words;
use crate::fast_hash::FastMap;
use crate::lean_regex;

/// What a rule matches with: phrase patterns, run on their own structure (see [`phrase`]), or a
/// raw regular expression. Either is built the first time a text could match it: most rules
/// never match most documents.
#[derive(Debug)]
pub enum Matcher {
    Phrases {
        /// Checked when their pack loaded (see [`super::validate`]).
        patterns: Vec<String>,
        compiled: OnceLock<Option<Phrase>>,
    },
    Regex(LazyRegex),
}

impl Matcher {
    /// Any of these phrase patterns (checked when their pack loaded: see [`super::validate`]).
    pub fn phrases(patterns: &[String]) -> Matcher {
        Matcher::Phrases {
            patterns: patterns.to_vec(),
            compiled: OnceLock::new(),
        }
    }

    /// A raw expression (checked when its pack loaded: see [`super::validate`]).
    pub fn regex(expression: &str) -> Matcher {
        Matcher::Regex(LazyRegex {
            expression: expression.to_string(),
            compiled: OnceLock::new(),
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Matcher::Phrases { .. } => self.phrase().is_some_and(|p| p.is_match(text)),
            Matcher::Regex(regex) => regex.get().is_some_and(|re| re.is_match(text)),
        }
    }

    /// Byte ranges of every non-overlapping match.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        match self {
            Matcher::Phrases { .. } => self.phrase().map_or_else(Vec::new, |p| p.find_all(text)),
            Matcher::Regex(regex) => regex.get().map_or_else(Vec::new, |re| {
                re.find_iter(text).map(|m| m.range()).collect()
            }),
        }
    }

    fn phrase(&self) -> Option<&Phrase> {
        match self {
            Matcher::Phrases { patterns, compiled } => compiled
                .get_or_init(|| prebuilt::phrase(patterns).ok())
                .as_ref(),
            Matcher::Regex(_) => None,
        }
    }
}

/// A case-insensitive raw expression, compiled on first use.
///
/// Compiling is most of the cost of a rule that runs once, so the engine is configured lean: no
/// literal prefilter (the [`AnchorIndex`] already did that job), no one-pass or backtracking
/// engines (the lazy DFA serves every search), and the syntax of [`syntax_config`].
#[derive(Debug)]
pub struct LazyRegex {
    expression: String,
    compiled: OnceLock<Option<meta::Regex>>,
}

impl LazyRegex {
    /// The compiled expression. One that parses but cannot be compiled (too large) never
    /// matches, and says so once on stderr rather than stopping the run.
    fn get(&self) -> Option<&meta::Regex> {
        self.compiled
            .get_or_init(|| match compile(&self.expression) {
                Ok(re) => Some(re),
                Err(e) => {
                    eprintln!("warning: a rule expression could not be compiled: {e}");
                    None
                }
            })
            .as_ref()
    }
}

/// The one syntax configuration of every rule expression, allowed phrase and test: matched
/// case-insensitively, in ASCII mode (fast, and all that English prose needs) unless the
/// expression holds a non-ASCII word character, whose boundaries and case only Unicode mode
/// sees (see [`words`]).
pub fn syntax_config(expression: &str) -> syntax::Config {
    syntax::Config::new()
        .case_insensitive(true)
        .unicode(words::needs_unicode(expression))
        .utf8(false)
}

/// Compiles an expression with the engine rules run on.
pub fn compile(expression: &str) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(lean_regex::config().which_captures(WhichCaptures::Implicit))
        .syntax(syntax_config(expression))
        .build(expression)
        .map_err(|e| e.to_string())
}

/// Why an expression or phrase that can match nothing at all is refused.
pub const MATCHES_EMPTY: &str = "it can match the empty string, so it would fire on every sentence";

/// Checks an expression at load with the matcher's own syntax settings, so a broken pack is
/// reported then, not mid-run; an expression that can match the empty string is refused, as it
/// would flag every sentence at no words at all.
pub fn check_syntax(expression: &str) -> Result<(), String> {
    let hir =
        syntax::parse_with(expression, &syntax_config(expression)).map_err(|e| e.to_string())?;
    match hir.properties().minimum_len() {
        Some(0) => Err(MATCHES_EMPTY.into()),
        _ => Ok(()),
    }
}

/// Which matchers could match a text, in one pass of one automaton over every distinct word
/// the matchers need: their anchors (a matcher is woken by any one) and their required literal
/// sets (a woken matcher is kept only if every set has a literal in the text).
///
/// Every word is ASCII and lower-case (see [`super::pattern::literals`] and
/// [`super::regex_anchors`]), so a case-sensitive automaton run over the ASCII-lower-cased text
/// finds exactly what an ASCII case-insensitive one finds in the text, at the same offsets
/// (lower-casing ASCII keeps every byte where it is); the built-in packs' words are searched
/// with an automaton built at compile time (see [`super::word_search`]).
/// Checking each required word on its own was a tenth of a corpus run: about 290 byte searches
/// per sentence (perf).
#[derive(Debug)]
pub struct AnchorIndex {
    automaton: WordSearch,
    /// For each word of the automaton, the anchors it is: their matcher and whether the anchor
    /// must start and end a word.
    anchors: Vec<Vec<Use>>,
    /// For each word of the automaton, the required literals it is, by literal number.
    literals: Vec<Vec<Use>>,
    /// For each matcher, its required literal sets, by literal number.
    required: Vec<Vec<Vec<usize>>>,
    /// How many distinct required literals there are (their numbers are below it).
    literal_count: usize,
    /// For each word of the automaton, whether any of its uses may start inside a word: an
    /// occurrence inside a word ("in" in "within") is dropped at once when none may.
    inside_words: Vec<bool>,
    /// Matchers without anchors, tried on every text (ascending).
    always: Vec<usize>,
}

/// One meaning of an automaton word: a matcher (for an anchor) or a literal number (for a
/// required literal), with the word boundaries it demands.
#[derive(Debug, Clone, Copy)]
struct Use {
    id: usize,
    starts_word: bool,
    ends_word: bool,
}

impl Use {
    fn of(id: usize, anchor: &Anchor) -> Use {
        Use {
            id,
            starts_word: anchor.starts_word,
            ends_word: anchor.ends_word,
        }
    }

    fn holds(&self, before: bool, after: bool) -> bool {
        (!self.starts_word || !before) && (!self.ends_word || !after)
    }
}

impl AnchorIndex {
    /// One `(anchors, required)` per matcher, in matcher order: its anchors, or `None` for a
    /// matcher that must always be tried, and its required literal sets (see
    /// [`super::pattern::Literals::required`]).
    pub fn new<'a>(
        matchers: impl IntoIterator<Item = (Option<&'a [Anchor]>, &'a [Vec<Anchor>])>,
    ) -> AnchorIndex {
        // Sized for every built-in word, about all a run has: growing the table as words came
        // was a sixth of building the index (callgrind).
        let mut words = WordTable::with_capacity(super::prebuilt::WORDS.len());
        let mut always = Vec::new();
        let mut literal_numbers: FastMap<(&str, bool, bool), usize> = FastMap::default();
        // About as many required literals as words, for the same reason.
        literal_numbers.reserve(super::prebuilt::WORDS.len());
        let mut required = Vec::new();
        for (matcher, (anchors, sets)) in matchers.into_iter().enumerate() {
            match anchors {
                Some(list) => {
                    for anchor in list {
                        let w = words.number(&anchor.text);
                        words.anchors[w].push(Use::of(matcher, anchor));
                    }
                }
                None => always.push(matcher),
            }
            let mut numbered = Vec::with_capacity(sets.len());
            for set in sets {
                let mut ids = Vec::with_capacity(set.len());
                for literal in set {
                    let key = (&*literal.text, literal.starts_word, literal.ends_word);
                    let next = literal_numbers.len();
                    let id = *literal_numbers.entry(key).or_insert(next);
                    if id == next {
                        let w = words.number(&literal.text);
                        words.literals[w].push(Use::of(id, literal));
                    }
                    ids.push(id);
                }
                numbered.push(ids);
            }
            // The smallest sets first: they fail most often and cost least to check, and a
            // matcher is dropped at its first set with no literal present.
            numbered.sort_by_key(Vec::len);
            required.push(numbered);
        }
        let inside_words = (words.anchors.iter().zip(&words.literals))
            .map(|(a, l)| a.iter().chain(l).any(|u| !u.starts_word))
            .collect();
        AnchorIndex {
            automaton: WordSearch::new(&words.texts),
            anchors: words.anchors,
            literals: words.literals,
            required,
            literal_count: literal_numbers.len(),
            inside_words,
            always,
        }
    }

    /// Whether any matcher could match in `text` (its required literals are not checked).
    pub fn may_match(&self, text: &str) -> bool {
        !self.always.is_empty()
            || (self.automaton.find(&words::ascii_lowercase(text))).any(|m| {
                let (before, after) = edges(text, m.start, m.end);
                self.anchors[m.word].iter().any(|u| u.holds(before, after))
            })
    }

    /// Indices of the matchers that could match in `text`, ascending: those with an anchor in
    /// it, or none, and a literal of each of their required sets.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut hits = self.always.clone();
        // The required literals present, as a bit set by literal number: looking each literal of
        // each woken matcher's sets up in a sorted list was a third of this search (perf).
        let mut present = vec![0u64; self.literal_count.div_ceil(64)];
        for m in self.automaton.find(&words::ascii_lowercase(text)) {
            let w = m.word;
            let before = words::word_before(text, m.start);
            if before && !self.inside_words[w] {
                continue;
            }
            let after = words::word_after(text, m.end);
            let holding = |u: &&Use| u.holds(before, after);
            hits.extend(self.anchors[w].iter().filter(holding).map(|u| u.id));
            for literal in self.literals[w].iter().filter(holding).map(|u| u.id) {
                present[literal / 64] |= 1 << (literal % 64);
            }
        }
        hits.sort_unstable();
        hits.dedup();
        let is_present = |literal: &usize| present[literal / 64] & (1 << (literal % 64)) != 0;
        hits.retain(|&matcher| {
            (self.required[matcher].iter()).all(|set| set.iter().any(is_present))
        });
        hits
    }
}

/// Whether the characters just before `start` and just after `end` are word characters.
fn edges(text: &str, start: usize, end: usize) -> (bool, bool) {
    (
        words::word_before(text, start),
        words::word_after(text, end),
    )
}

/// The distinct words of an [`AnchorIndex`]'s automaton as it is built, with their uses.
struct WordTable<'a> {
    texts: Vec<&'a str>,
    numbers: FastMap<&'a str, usize>,
    anchors: Vec<Vec<Use>>,
    literals: Vec<Vec<Use>>,
}

impl<'a> WordTable<'a> {
    fn with_capacity(words: usize) -> WordTable<'a> {
        let mut numbers = FastMap::default();
        numbers.reserve(words);
        WordTable {
            texts: Vec::with_capacity(words),
            numbers,
            anchors: Vec::with_capacity(words),
            literals: Vec::with_capacity(words),
        }
    }

    /// The number of word `text`, added (with no uses yet) when new.
    fn number(&mut self, text: &'a str) -> usize {
        *self.numbers.entry(text).or_insert_with(|| {
            self.texts.push(text);
            self.anchors.push(Vec::new());
            self.literals.push(Vec::new());
            self.texts.len() - 1
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(text: &str) -> Anchor {
        Anchor {
            text: text.to_string().into(),
            starts_word: true,
            ends_word: true,
        }
    }

    #[test]
    fn candidates_come_from_whole_word_anchors_and_always_rules() {
        let miracle = [anchor("miracle")];
        let cure = [anchor("cure")];
        let index = AnchorIndex::new([
            (Some(&miracle[..]), &[][..]),
            (None, &[]),
            (Some(&cure[..]), &[]),
        ]);
        assert_eq!(index.candidates("A MIRACLE pill"), [0, 1]);
        assert_eq!(index.candidates("a cure and miracle"), [0, 1, 2]);
        assert_eq!(index.candidates("a secure, curious place"), [1]);
        assert!(index.may_match("anything"));
        let only_cure = AnchorIndex::new([(Some(&cure[..]), &[][..])]);
        assert!(!only_cure.may_match("nothing secure here"));
        assert!(only_cure.may_match("no cure."));
    }

    #[test]
    fn required_sets_need_a_whole_word_each() {
        let sets = [
            vec![anchor("cure"), anchor("heal")],
            vec![anchor("arthritis")],
        ];
        let may = [anchor("may")];
        let index = AnchorIndex::new([(Some(&may[..]), &sets[..])]);
        assert_eq!(index.candidates("it may HEAL Arthritis"), [0]);
        assert!(index.candidates("it may heal joints").is_empty());
        assert!(index.candidates("it may secure arthritis").is_empty());
        let prefix = Anchor {
            text: "arthr".into(),
            starts_word: true,
            ends_word: false,
        };
        let sets = [vec![prefix]];
        let index = AnchorIndex::new([(None, &sets[..])]);
        assert_eq!(index.candidates("arthritic knees"), [0]);
        assert!(index.candidates("osteoarthritis").is_empty());
    }

    #[test]
    fn matchers_match_case_insensitively_and_bad_syntax_is_caught() {
        assert!(check_syntax("(unclosed").is_err());
        assert!(check_syntax(r"\bcures?\b").is_ok());
        assert!(Matcher::phrases(&["miracle".into()]).is_match("A Miracle"));
        assert!(Matcher::regex(r"cur(?:e|ing)").is_match("Curing"));
    }
}
