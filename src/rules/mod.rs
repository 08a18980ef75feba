//! Rules: packs of data loaded once per run and shared by every thread; each pattern compiles to
//! its matcher the first time a sentence could match it.

pub mod checks;
pub mod examples;
mod matcher;
pub mod pack;
pub mod pattern;
pub mod phrase;
mod prebuilt;
mod regex_anchors;
pub mod validate;
pub(crate) mod word_dfa;
mod word_search;
pub mod words;

use std::fmt;
use std::sync::Arc;

use matcher::{AnchorIndex, Matcher};

use crate::context::ContextKind;
use crate::diagnostic::{Category, Severity};
use crate::parse::Prefilter;
use pack::{MatchScope, PackFile, RuleSpec};

/// The packs compiled into the binary, so it works with no files around it: every pack file
/// in `lints/`, listed by `build/main.rs` (which also fixes their order: see `FIRST` there).
pub const BUILTIN_PACKS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// A rule ready to match: its spec plus compiled expressions.
#[derive(Debug)]
pub struct Rule {
    /// `pack/rule-name`.
    pub id: Arc<str>,
    pub pack: String,
    pub spec: RuleSpec,
    /// One expression per phrase pattern or raw regex (none for a rule that is only a
    /// [`checks`] function), each compiled only when its own anchor words occur.
    matchers: Vec<Matcher>,
    /// For each matcher, literals every match contains, for the prefilter; `None` means "try
    /// every sentence".
    anchors: Vec<Option<Vec<pattern::Anchor>>>,
    /// For each matcher, the literal sets every match needs one of (see
    /// [`pattern::Literals::required`]); empty for raw expressions.
    required: Vec<Vec<Vec<pattern::Anchor>>>,
    check: Option<checks::Check>,
    exceptions: Option<Matcher>,
    requires: Option<Matcher>,
    unless: Option<Matcher>,
    unless_in_sentence: Option<Matcher>,
}

impl Rule {
    pub fn category(&self) -> Category {
        self.spec.category
    }

    pub fn severity(&self) -> Severity {
        self.spec.severity
    }

    /// The Rust check behind the rule, if it has one.
    pub fn check(&self) -> Option<checks::Check> {
        self.check
    }

    /// Byte ranges in `sentence` where this rule's trigger occurs in the intended sense, with its
    /// required words and without its `unless` words in scope (the sentence, paragraph or
    /// document); context is judged later, by the caller. The trigger is looked for first: most
    /// candidate sentences have none, and then the other expressions are never compiled or run.
    pub fn triggers(&self, texts: &ScopeTexts, matchers: &[usize]) -> Vec<std::ops::Range<usize>> {
        let found: Vec<std::ops::Range<usize>> = matchers
            .iter()
            .filter_map(|&i| self.matchers.get(i))
            .flat_map(|m| m.find_all(texts.sentence))
            .collect();
        self.keep_in_scope(texts, found)
    }

    /// The claims of a sentence that this rule flags, as triggers like [`Rule::triggers`]'.
    pub fn claim_triggers(
        &self,
        texts: &ScopeTexts,
        claims: &[crate::claims::Claim],
        in_headline: bool,
    ) -> Vec<std::ops::Range<usize>> {
        let Some(selector) = &self.spec.claim else {
            return Vec::new();
        };
        let found = (claims.iter())
            .filter(|c| selector.selects(c, in_headline))
            .map(|c| c.span.clone())
            .collect();
        self.keep_in_scope(texts, found)
    }

    /// Whether this rule is read off the claim layer rather than phrase patterns.
    pub fn is_claim_rule(&self) -> bool {
        self.spec.claim.is_some()
    }

    /// Whether the rule fires only for claims about some kinds of agent (a product's).
    pub fn requires_agents(&self) -> bool {
        !self.spec.requires_agents.is_empty()
    }

    fn keep_in_scope(
        &self,
        texts: &ScopeTexts,
        mut found: Vec<std::ops::Range<usize>>,
    ) -> Vec<std::ops::Range<usize>> {
        let sentence = texts.sentence;
        if found.is_empty() {
            return found;
        }
        let scope = match self.spec.scope {
            MatchScope::Sentence => sentence,
            MatchScope::Paragraph => texts.paragraph,
            MatchScope::Document => texts.document,
        };
        let allows = || {
            self.requires.as_ref().is_none_or(|r| r.is_match(scope))
                && !self.unless.as_ref().is_some_and(|r| r.is_match(scope))
        };
        let allowed = match self.spec.scope {
            MatchScope::Sentence => allows(),
            MatchScope::Paragraph | MatchScope::Document => {
                texts.verdicts.get_or(self, scope, allows)
            }
        };
        let required =
            allowed && !(self.unless_in_sentence.as_ref()).is_some_and(|r| r.is_match(sentence));
        if !required {
            return Vec::new();
        }
        // Several patterns may match the same words: keep the earliest, longest, as one
        // alternation of them all would.
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut kept: Vec<std::ops::Range<usize>> = Vec::with_capacity(found.len());
        for m in found {
            if kept.last().is_none_or(|k| m.start >= k.end) {
                kept.push(m);
            }
        }
        if let Some(exceptions) = &self.exceptions {
            let senses = exceptions.find_all(sentence);
            kept.retain(|m| !senses.iter().any(|e| e.start < m.end && m.start < e.end));
        }
        kept
    }

    /// Whether context of this kind silences the rule. An attached citation silences only a
    /// rule whose claim needs a source.
    pub fn silenced_by(&self, kind: ContextKind) -> bool {
        (kind != ContextKind::Cited || self.spec.needs_source)
            && !self.spec.contexts_ignored.contains(&kind)
    }

    /// The message with `{match}` filled in, line breaks and runs of spaces folded to one space.
    pub fn message_for(&self, text: &str) -> String {
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.spec.message.replace("{match}", &folded)
    }
}

/// The texts a rule's `requires` and `unless` may look at.
pub struct ScopeTexts<'a> {
    pub sentence: &'a str,
    pub paragraph: &'a str,
    /// The document as parsed from (Markdown source or plain text).
    pub document: &'a str,
    /// Verdicts on paragraph and document scopes already judged in this file.
    pub verdicts: &'a ScopeVerdicts,
}

/// Whether a rule's `requires` and `unless` let it fire in a paragraph or the document, judged
/// once per rule and text: otherwise every triggering sentence reran them over the whole text,
/// which made a document of many claims quadratic. Keyed by the rule's and the text's addresses,
/// which stay put while one file is linted; one per file.
#[derive(Debug, Default)]
pub struct ScopeVerdicts(
    std::cell::RefCell<std::collections::HashMap<(usize, usize, usize), bool>>,
);

impl ScopeVerdicts {
    fn get_or(&self, rule: &Rule, text: &str, judge: impl FnOnce() -> bool) -> bool {
        let key = (
            rule as *const Rule as usize,
            text.as_ptr() as usize,
            text.len(),
        );
        if let Some(&verdict) = self.0.borrow().get(&key) {
            return verdict;
        }
        let verdict = judge();
        self.0.borrow_mut().insert(key, verdict);
        verdict
    }
}

/// A rule pack or pattern that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub source_name: String,
    pub message: String,
    /// Byte range in the pack file, when known.
    pub span: Option<std::ops::Range<usize>>,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source_name, self.message)
    }
}

impl std::error::Error for PackError {}

/// Every loaded rule, in a stable order, with an anchor index for fast pre-filtering.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// `(rule, matcher)` for every matcher of every rule, in the anchor index's order.
    matchers: Vec<(usize, usize)>,
    /// Which matchers could match a text, in one pass.
    anchors: AnchorIndex,
    /// Indices of the rules read off the claim layer.
    claim_rules: Vec<usize>,
}

/// A rule that could match a sentence, with the matchers whose anchors occur in it.
pub struct Candidate<'a> {
    /// Index in [`RuleSet::rules`].
    pub index: usize,
    pub rule: &'a Rule,
    pub matchers: Vec<usize>,
}

impl RuleSet {
    /// The built-in rules that are on by default.
    pub fn builtin() -> Result<RuleSet, PackError> {
        let mut packs = load_builtin_packs()?;
        for file in &mut packs {
            let pack = &file.pack;
            file.rules.retain(|spec| spec.on_by_default(pack));
        }
        RuleSet::compile(&packs)
    }

    /// Compiles the rules of the given packs.
    pub fn compile<'a>(packs: impl IntoIterator<Item = &'a PackFile>) -> Result<Self, PackError> {
        let mut rules = Vec::new();
        for pack in packs {
            for spec in &pack.rules {
                rules.push(compile_rule(&pack.pack.name, spec)?);
            }
        }
        let matchers: Vec<(usize, usize)> = (rules.iter().enumerate())
            .flat_map(|(r, rule)| (0..rule.matchers.len()).map(move |m| (r, m)))
            .collect();
        let anchors = AnchorIndex::new(matchers.iter().map(|&(r, m)| {
            (
                rules[r].anchors[m].as_deref(),
                rules[r].required[m].as_slice(),
            )
        }));
        let claim_rules = (rules.iter().enumerate())
            .filter_map(|(i, r)| r.is_claim_rule().then_some(i))
            .collect();
        Ok(RuleSet {
            anchors,
            rules,
            matchers,
            claim_rules,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    /// Rules whose anchor words occur in `text`, in rule order, each with the matchers to try:
    /// those whose every required word occurs too.
    pub fn candidates(&self, text: &str) -> Vec<Candidate<'_>> {
        let mut out: Vec<Candidate<'_>> = Vec::new();
        for item in self.anchors.candidates(text) {
            let (index, matcher) = self.matchers[item];
            match out.last_mut() {
                Some(last) if last.index == index => last.matchers.push(matcher),
                _ => out.push(Candidate {
                    index,
                    rule: &self.rules[index],
                    matchers: vec![matcher],
                }),
            }
        }
        out
    }

    /// The rules read off the claim layer, with their index in [`RuleSet::rules`].
    pub fn claim_rules(&self) -> impl Iterator<Item = (usize, &Rule)> {
        self.claim_rules.iter().map(|&i| (i, &self.rules[i]))
    }

    /// A hash of what the rules whose `requires`/`unless` look at the whole document decide
    /// about `document`: while it is unchanged, no block's findings changed through the text of
    /// other blocks (the language server's block cache keys on it). Rules of a narrower scope
    /// add nothing, so a document without such rules costs nothing.
    pub fn document_verdicts(&self, document: &str) -> u64 {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut state = DefaultHasher::new();
        for rule in (self.rules.iter()).filter(|r| r.spec.scope == MatchScope::Document) {
            let requires = rule.requires.as_ref().map(|r| r.is_match(document));
            let unless = rule.unless.as_ref().map(|r| r.is_match(document));
            (requires, unless).hash(&mut state);
        }
        state.finish()
    }

    /// Rules implemented by a check, with their index in [`RuleSet::rules`].
    pub fn checks(&self) -> impl Iterator<Item = (usize, &Rule, checks::Check)> {
        (self.rules.iter().enumerate()).filter_map(|(i, r)| r.check.map(|c| (i, r, c)))
    }
}

impl Prefilter for RuleSet {
    fn may_match(&self, raw: &str) -> bool {
        self.anchors.may_match(raw)
            || (!self.claim_rules.is_empty()
                && crate::claims::Lexicon::builtin().may_have_claim(raw))
    }
}

/// Parses every built-in pack file: from the JSON `build/main.rs` converted it to, which reads
/// several times faster than the TOML (parsing that was a fifth of the start-up of a run), and
/// from the TOML itself only when that fails, to report where. The JSON is not checked again:
/// its TOML passes [`parse_pack`]'s checks (a test asserts it), which were a sixteenth of the
/// start-up of a run on an empty file.
pub fn load_builtin_packs() -> Result<Vec<PackFile>, PackError> {
    (BUILTIN_PACKS.iter().zip(prebuilt::PACKS))
        .map(|(&(name, text), json)| match serde_json::from_str(json) {
            Ok(file) => Ok(file),
            Err(_) => parse_pack(name, text),
        })
        .collect()
}

/// Parses one pack file's TOML and checks its names and examples (see [`validate`]); the first
/// problem found is the error.
pub fn parse_pack(source_name: &str, text: &str) -> Result<PackFile, PackError> {
    check_pack(source_name, text, validate::Depth::Names).map_err(|mut problems| problems.remove(0))
}

/// Parses one pack file's TOML and checks it to `depth`, returning every problem found (never
/// an empty list).
pub fn check_pack(
    source_name: &str,
    text: &str,
    depth: validate::Depth,
) -> Result<PackFile, Vec<PackError>> {
    let file: PackFile = toml::from_str(text).map_err(|e: toml::de::Error| {
        vec![PackError {
            source_name: source_name.to_string(),
            message: e.message().to_string(),
            span: e.span(),
        }]
    })?;
    checked(source_name, text, file, depth)
}

/// A parsed pack file, once checked to `depth` (see [`check_pack`]).
fn checked(
    source_name: &str,
    text: &str,
    file: PackFile,
    depth: validate::Depth,
) -> Result<PackFile, Vec<PackError>> {
    let problems = validate::validate(source_name, text, &file, depth);
    match problems.is_empty() {
        true => Ok(file),
        false => Err(problems),
    }
}

/// Compiles one rule of a pack already checked (see [`check_pack`]): a user pack's expressions
/// were checked in full when it loaded, and the built-in packs' are by their tests, so they are
/// not checked again here; checking them was an eighth of the start-up of every run.
fn compile_rule(pack: &str, spec: &RuleSpec) -> Result<Rule, PackError> {
    let id: Arc<str> = format!("{pack}/{}", spec.name).into();
    let err = |message: String| PackError {
        source_name: id.to_string(),
        message,
        span: None,
    };
    let mut matchers = Vec::new();
    let mut anchors = Vec::new();
    let mut required = Vec::new();
    for p in &spec.patterns {
        // Finding the anchors parses, and so checks, the pattern now; building its matcher
        // waits until it is first needed.
        let literals = prebuilt::literals(p).map_err(|e| err(e.to_string()))?;
        anchors.push(literals.anchors);
        required.push(literals.required);
        matchers.push(Matcher::phrases(std::slice::from_ref(p)));
    }
    for raw in &spec.regex {
        matchers.push(Matcher::regex(raw));
        anchors.push(prebuilt::regex_anchors(raw));
        required.push(Vec::new());
    }
    let check = match &spec.check {
        Some(name) => Some(checks::find(name).ok_or_else(|| {
            let known: Vec<&str> = checks::names().collect();
            err(format!(
                "unknown check `{name}`; known checks: {}",
                known.join(", ")
            ))
        })?),
        None => None,
    };
    if matchers.is_empty() && check.is_none() && spec.claim.is_none() {
        return Err(err(
            "a rule needs a pattern, a regex, a claim or a check".into()
        ));
    }
    let optional = |phrases: &[String]| (!phrases.is_empty()).then(|| Matcher::phrases(phrases));
    Ok(Rule {
        exceptions: optional(&spec.exceptions),
        requires: optional(&spec.requires),
        unless: optional(&spec.unless),
        unless_in_sentence: optional(&spec.unless_in_sentence),
        id,
        pack: pack.to_string(),
        spec: spec.clone(),
        matchers,
        anchors,
        required,
        check,
    })
}
