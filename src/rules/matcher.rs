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

/// A case-insensitive alternation of expressions, compiled on first use.
///
/// Compiling is most of the cost of a run on one file, so the engine is configured lean: no
/// literal prefilter (the [`AnchorIndex`] already did that job), no one-pass or backtracking
/// engines (the lazy DFA serves every search), and ASCII case folding, word boundaries and
/// classes, which is what health prose in English needs.
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    compiled: OnceLock<Option<meta::Regex>>,
}

impl LazyRegex {
    /// Joins the alternatives, which must be valid expressions: phrase patterns render valid
    /// ones by construction, and raw ones are checked with [`check_syntax`] at load.
    pub fn new(alternatives: &[String]) -> LazyRegex {
        LazyRegex {
            source: alternation(alternatives),
            compiled: OnceLock::new(),
        }
    }

    /// The compiled expression. One that parses but cannot be compiled (too large) never
    /// matches, and says so once on stderr rather than stopping the run.
    fn get(&self) -> Option<&meta::Regex> {
        self.compiled
            .get_or_init(|| match lean_builder().build(&self.source) {
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

fn lean_builder() -> meta::Builder {
    let mut builder = meta::Builder::new();
    builder
        .configure(
            meta::Config::new()
                .auto_prefilter(false)
                .onepass(false)
                .backtrack(false)
                .which_captures(WhichCaptures::Implicit),
        )
        .syntax(
            syntax::Config::new()
                .case_insensitive(true)
                .unicode(false)
                .utf8(false),
        );
    builder
}

/// One expression matching any of `alternatives`.
pub fn alternation(alternatives: &[String]) -> String {
    alternatives
        .iter()
        .map(|a| format!("(?:{a})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Checks a raw expression at load, with the matcher's own syntax settings, so a broken pack
/// (or one using Unicode classes the ASCII matcher lacks) is reported then, not mid-run.
pub fn check_syntax(raw: &str) -> Result<(), String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .unicode(false)
        .utf8(false)
        .build()
        .parse(raw)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Literal prefixes every match of a raw regular expression starts with, lower-cased; `None`
/// when there is no finite set (the rule is then tried on every sentence).
pub fn regex_anchors(raw: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::Parser::new().parse(raw).ok()?;
    let literals = Extractor::new().extract(&hir);
    let literals = literals.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(
        literals
            .iter()
            .map(|l| String::from_utf8_lossy(l.as_bytes()).to_lowercase())
            .collect(),
    )
}

/// Which rules could match a text: one pass of an automaton over every rule's anchors.
#[derive(Debug)]
pub struct AnchorIndex {
    automaton: AhoCorasick,
    /// For each anchor in the automaton, the index of its rule.
    anchor_rules: Vec<usize>,
    /// Rules without anchors, tried on every text.
    always: Vec<usize>,
    rule_count: usize,
}

impl AnchorIndex {
    /// `anchors[i]` is rule `i`'s anchors, or `None` for a rule that must always be tried.
    pub fn new(anchors: &[Option<Vec<String>>]) -> AnchorIndex {
        let mut words = Vec::new();
        let mut anchor_rules = Vec::new();
        let mut always = Vec::new();
        for (rule, list) in anchors.iter().enumerate() {
            match list {
                Some(list) => {
                    words.extend(list.iter().cloned());
                    anchor_rules.extend(std::iter::repeat_n(rule, list.len()));
                }
                None => always.push(rule),
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .expect("anchor words are short literals");
        AnchorIndex {
            automaton,
            anchor_rules,
            always,
            rule_count: anchors.len(),
        }
    }

    /// Whether any rule could match in `text`.
    pub fn may_match(&self, text: &str) -> bool {
        !self.always.is_empty() || self.automaton.is_match(text)
    }

    /// Indices of the rules that could match in `text`, ascending.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut hit = vec![false; self.rule_count];
        for &rule in &self.always {
            hit[rule] = true;
        }
        for m in self.automaton.find_overlapping_iter(text) {
            hit[self.anchor_rules[m.pattern().as_usize()]] = true;
        }
        hit.iter()
            .enumerate()
            .filter_map(|(i, &h)| h.then_some(i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_regex_prefixes() {
        let anchors = regex_anchors(r"\bconfirm(?:s|ed)?\b.*safe").unwrap();
        assert!(anchors.contains(&"confirms".to_string()));
        assert_eq!(regex_anchors("!+"), Some(vec!["!".into()]));
        assert_eq!(regex_anchors(r"\w+ cures"), None);
    }

    #[test]
    fn candidates_come_from_anchors_and_always_rules() {
        let index = AnchorIndex::new(&[
            Some(vec!["miracle".into()]),
            None,
            Some(vec!["cure".into()]),
        ]);
        assert_eq!(index.candidates("A MIRACLE pill"), [0, 1]);
        assert_eq!(index.candidates("cures and miracles"), [0, 1, 2]);
        assert!(index.may_match("anything"));
        assert!(!AnchorIndex::new(&[Some(vec!["cure".into()])]).may_match("nothing here"));
    }

    #[test]
    fn lazy_regex_matches_case_insensitively_and_bad_syntax_is_caught() {
        assert!(check_syntax("(unclosed").is_err());
        assert!(check_syntax(r"\bcures?\b").is_ok());
        assert!(LazyRegex::new(&["miracle".into()]).is_match("A Miracle"));
    }
}
