//! Matching machinery that keeps start-up cheap: regular expressions compile on first use, and an
//! Aho-Corasick automaton over each rule's anchor words decides which rules could match at all.
//!
//! Compiling every rule's expressions up front cost tens of milliseconds, paid on every
//! pre-commit run and editor keystroke; most rules never match most documents, so their
//! expressions need never be built.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_syntax::hir::literal::Extractor;

use super::pattern::{self, Anchor};
use super::words;

/// A case-insensitive alternation of expressions, compiled on first use.
///
/// Compiling is most of the cost of a run on one file, so the engine is configured lean: no
/// literal prefilter (the [`AnchorIndex`] already did that job), no one-pass or backtracking
/// engines (the lazy DFA serves every search), and the syntax of [`syntax_config`].
#[derive(Debug)]
pub struct LazyRegex {
    source: Source,
    compiled: OnceLock<Option<meta::Regex>>,
}

/// What a [`LazyRegex`] is built from. Phrase patterns are rendered only when first needed:
/// rendering every pattern of every pack was a tenth of a one-file run.
#[derive(Debug)]
enum Source {
    /// Phrase patterns already checked with [`pattern::check`].
    Phrases(Vec<String>),
    /// A raw expression already checked with [`check_syntax`].
    Raw(String),
}

impl LazyRegex {
    /// Any of these phrase patterns (checked by the caller).
    pub fn phrases(patterns: &[String]) -> LazyRegex {
        LazyRegex::from_source(Source::Phrases(patterns.to_vec()))
    }

    /// A raw expression (checked by the caller with [`check_syntax`]).
    pub fn raw(expression: &str) -> LazyRegex {
        LazyRegex::from_source(Source::Raw(expression.to_string()))
    }

    fn from_source(source: Source) -> LazyRegex {
        LazyRegex {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn expression(&self) -> String {
        match &self.source {
            Source::Raw(raw) => raw.clone(),
            Source::Phrases(patterns) => {
                let rendered: Vec<String> = patterns
                    .iter()
                    .filter_map(|p| pattern::to_regex(p).ok())
                    .collect();
                alternation(&rendered)
            }
        }
    }

    /// The compiled expression. One that parses but cannot be compiled (too large) never
    /// matches, and says so once on stderr rather than stopping the run.
    fn get(&self) -> Option<&meta::Regex> {
        self.compiled
            .get_or_init(|| match compile(&self.expression()) {
                Ok(re) => Some(re),
                Err(e) => {
                    eprintln!("warning: a rule expression could not be compiled: {e}");
                    None
                }
            })
            .as_ref()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|re| re.is_match(text))
    }

    /// Byte ranges of every non-overlapping match.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.get().map_or_else(Vec::new, |re| {
            re.find_iter(text).map(|m| m.range()).collect()
        })
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
        .configure(
            meta::Config::new()
                .auto_prefilter(false)
                .onepass(false)
                .backtrack(false)
                .which_captures(WhichCaptures::Implicit),
        )
        .syntax(syntax_config(expression))
        .build(expression)
        .map_err(|e| e.to_string())
}

/// One expression matching any of `alternatives`.
pub fn alternation(alternatives: &[String]) -> String {
    alternatives
        .iter()
        .map(|a| format!("(?:{a})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Checks an expression at load with the matcher's own syntax settings, so a broken pack is
/// reported then, not mid-run; an expression that can match the empty string is refused, as it
/// would flag every sentence at no words at all.
pub fn check_syntax(expression: &str) -> Result<(), String> {
    let hir =
        syntax::parse_with(expression, &syntax_config(expression)).map_err(|e| e.to_string())?;
    match hir.properties().minimum_len() {
        Some(0) => Err("it can match the empty string, so it would fire on every sentence".into()),
        _ => Ok(()),
    }
}

/// Literal prefixes every match of a raw regular expression starts with, lower-cased; `None`
/// when there is no finite set (the rule is then tried on every sentence).
pub fn regex_anchors(raw: &str) -> Option<Vec<Anchor>> {
    let hir = regex_syntax::Parser::new().parse(raw).ok()?;
    let literals = Extractor::new().extract(&hir);
    let literals = literals.literals()?;
    // The automaton folds ASCII case only: a non-ASCII literal ("Élixir") could be missed.
    if literals.is_empty()
        || (literals.iter()).any(|l| l.as_bytes().is_empty() || !l.as_bytes().is_ascii())
    {
        return None;
    }
    Some(
        literals
            .iter()
            .map(|l| Anchor {
                text: String::from_utf8_lossy(l.as_bytes()).to_lowercase(),
                starts_word: false,
                ends_word: false,
            })
            .collect(),
    )
}

/// Whether `text` (ASCII lower-cased) holds at least one literal of every set, each where its
/// word boundaries hold.
pub fn has_all(text: &str, sets: &[Vec<Anchor>]) -> bool {
    sets.iter()
        .all(|set| set.iter().any(|anchor| occurs(text, anchor)))
}

/// Whether `anchor` occurs in `text` on its word boundaries. Sentences are short and anchors
/// are words: a byte search for the first letter beats building a substring searcher per call
/// (`str::match_indices` set one up per sentence and word, a fifth of a corpus run).
fn occurs(text: &str, anchor: &Anchor) -> bool {
    let bytes = text.as_bytes();
    let needle = anchor.text.as_bytes();
    let Some(&first) = needle.first() else {
        return true;
    };
    memchr::memchr_iter(first, bytes).any(|start| {
        let end = start + needle.len();
        bytes.get(start..end) == Some(needle)
            && (!anchor.starts_word || !words::word_before(text, start))
            && (!anchor.ends_word || !words::word_after(text, end))
    })
}

/// Which matchers could match a text: one pass of an automaton over every matcher's anchors.
#[derive(Debug)]
pub struct AnchorIndex {
    automaton: AhoCorasick,
    /// For each anchor in the automaton, its matcher and its word-boundary demands.
    anchors: Vec<(usize, bool, bool)>,
    /// Matchers without anchors, tried on every text.
    always: Vec<usize>,
    count: usize,
}

impl AnchorIndex {
    /// `anchors[i]` is matcher `i`'s anchors, or `None` for a matcher that must always be tried.
    pub fn new(anchors: &[Option<Vec<Anchor>>]) -> AnchorIndex {
        let mut words = Vec::new();
        let mut demands = Vec::new();
        let mut always = Vec::new();
        for (matcher, list) in anchors.iter().enumerate() {
            match list {
                Some(list) => {
                    for anchor in list {
                        words.push(anchor.text.as_str());
                        demands.push((matcher, anchor.starts_word, anchor.ends_word));
                    }
                }
                None => always.push(matcher),
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .expect("anchor words are short literals");
        AnchorIndex {
            automaton,
            anchors: demands,
            always,
            count: anchors.len(),
        }
    }

    /// Whether any matcher could match in `text`.
    pub fn may_match(&self, text: &str) -> bool {
        !self.always.is_empty() || self.hits(text).next().is_some()
    }

    /// Indices of the matchers that could match in `text`, ascending.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut hit = vec![false; self.count];
        for &matcher in &self.always {
            hit[matcher] = true;
        }
        for matcher in self.hits(text) {
            hit[matcher] = true;
        }
        hit.iter()
            .enumerate()
            .filter_map(|(i, &h)| h.then_some(i))
            .collect()
    }

    /// Matchers of the anchors found in `text` where their word boundaries hold.
    fn hits<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.automaton
            .find_overlapping_iter(text)
            .filter_map(move |m| {
                let (matcher, starts_word, ends_word) = self.anchors[m.pattern().as_usize()];
                let starts_ok = !starts_word || !words::word_before(text, m.start());
                let ends_ok = !ends_word || !words::word_after(text, m.end());
                (starts_ok && ends_ok).then_some(matcher)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(text: &str) -> Anchor {
        Anchor {
            text: text.into(),
            starts_word: true,
            ends_word: true,
        }
    }

    #[test]
    fn extracts_regex_prefixes() {
        let texts = |raw: &str| -> Option<Vec<String>> {
            regex_anchors(raw).map(|a| a.into_iter().map(|a| a.text).collect())
        };
        assert!(texts(r"\bconfirm(?:s|ed)?\b.*safe")
            .unwrap()
            .contains(&"confirms".to_string()));
        assert_eq!(texts("!+"), Some(vec!["!".into()]));
        assert_eq!(texts(r"\w+ cures"), None);
    }

    #[test]
    fn candidates_come_from_whole_word_anchors_and_always_rules() {
        let index = AnchorIndex::new(&[
            Some(vec![anchor("miracle")]),
            None,
            Some(vec![anchor("cure")]),
        ]);
        assert_eq!(index.candidates("A MIRACLE pill"), [0, 1]);
        assert_eq!(index.candidates("a cure and miracle"), [0, 1, 2]);
        assert_eq!(index.candidates("a secure, curious place"), [1]);
        assert!(index.may_match("anything"));
        let only_cure = AnchorIndex::new(&[Some(vec![anchor("cure")])]);
        assert!(!only_cure.may_match("nothing secure here"));
        assert!(only_cure.may_match("no cure."));
    }

    #[test]
    fn required_sets_need_a_whole_word_each() {
        let sets = vec![
            vec![anchor("cure"), anchor("heal")],
            vec![anchor("arthritis")],
        ];
        assert!(has_all("it may heal arthritis", &sets));
        assert!(!has_all("it may heal joints", &sets));
        assert!(!has_all("secure arthritis", &sets));
    }

    #[test]
    fn lazy_regex_matches_case_insensitively_and_bad_syntax_is_caught() {
        assert!(check_syntax("(unclosed").is_err());
        assert!(check_syntax(r"\bcures?\b").is_ok());
        assert!(LazyRegex::phrases(&["miracle".into()]).is_match("A Miracle"));
        assert!(LazyRegex::raw(r"cur(?:e|ing)").is_match("Curing"));
    }
}
