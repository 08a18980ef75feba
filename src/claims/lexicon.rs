//! The claim lexicon: word classes read from `lints/lexicon.toml` and the ontology term lists in
//! `lints/lexicon/`, built once per process on first use.
//!
//! Small classes (effects, agents, hand-written targets, quantifiers, boosters) become one hash map
//! from a phrase's first word to its phrases, with a verb's or noun's inflections spelled out, so
//! a sentence is read by one lookup per word. The ontology lists (sixteen thousand terms) are kept
//! as the sorted lists they are shipped in (split into constants at build time) and
//! binary-searched, so start-up builds nothing for them.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use super::finder::Finder;
use super::first_words::FirstWords;
use super::inflections::{noun_forms, split, verb_forms};
use super::prebuilt;
use super::terms::TermList;
use super::{AgentClass, Strength, TargetClass};
use crate::context::Words;
use crate::fast_hash::{FastMap, FastSet};

const LEXICON: &str = include_str!("../../lints/lexicon.toml");
/// The same as JSON, converted by `build/main.rs`: it reads several times faster.
const LEXICON_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.json"));
/// `lints/lexicon/conditions.txt` and `symptoms.txt`, a term a line, laid out by `build/main.rs`.
const CONDITIONS: TermList = TermList {
    text: include_str!(concat!(env!("OUT_DIR"), "/lexicon_conditions.txt")),
    ends: include!(concat!(env!("OUT_DIR"), "/lexicon_conditions_ends.rs")),
};
const SYMPTOMS: TermList = TermList {
    text: include_str!(concat!(env!("OUT_DIR"), "/lexicon_symptoms.txt")),
    ends: include!(concat!(env!("OUT_DIR"), "/lexicon_symptoms_ends.rs")),
};

/// The first words of both lists' terms (see [`FirstWords`]).
const FIRST_WORDS: FirstWords = FirstWords(include!(concat!(
    env!("OUT_DIR"),
    "/lexicon_first_words.rs"
)));

/// The longest ontology term looked up, in words (the build script keeps terms this short).
const MAX_TERM_WORDS: usize = 4;

/// `lints/lexicon.toml` (and `[lexicon]` in user config: same keys).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default)]
    #[schemars(schema_with = "crate::schema::keyed_by::<Strength, Vec<String>>")]
    pub effects: ClassLists<Strength>,
    #[serde(default)]
    #[schemars(schema_with = "crate::schema::keyed_by::<AgentClass, Vec<String>>")]
    pub agents: ClassLists<AgentClass>,
    #[serde(default)]
    #[schemars(schema_with = "crate::schema::keyed_by::<TargetClass, Vec<String>>")]
    pub targets: ClassLists<TargetClass>,
    /// Effects said as nouns or adjectives after a verb that gives them: "promotes the
    /// regeneration of", "offers relief from", "is highly effective against".
    #[serde(default)]
    #[schemars(schema_with = "crate::schema::keyed_by::<Strength, Vec<String>>")]
    pub nominals: ClassLists<Strength>,
    #[serde(default)]
    pub quantifiers: HashMap<String, Vec<String>>,
    #[serde(default)]
    pub boosters: HashMap<String, Vec<String>>,
    #[serde(default)]
    pub frames: HashMap<String, Vec<String>>,
    #[serde(default)]
    pub forms: Forms,
    /// What a page that sells says and careful health writing does not: "order now",
    /// "money-back guarantee", "book your free consultation". Matched as whole phrases, case
    /// aside.
    #[serde(default)]
    pub sales: Vec<String>,
}

/// `[forms]`: effect words that are also nouns or adjectives, and the words that show such a
/// word is used as a verb.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Forms {
    #[serde(default)]
    pub noun_or_verb: Vec<String>,
    #[serde(default)]
    pub verb_introducers: Vec<String>,
    /// Verbs that give a nominal effect to their subject ("offer", "promote", "is"), matched
    /// with their inflections.
    #[serde(default)]
    pub nominal_givers: Vec<String>,
    /// Effects whose target is their subject ("melt away", "vanish"), matched with their
    /// inflections; each must also be in `[effects]`.
    #[serde(default)]
    pub subject_effects: Vec<String>,
    /// Effects whose subject is the person helped ("recover from", "be free of"), matched with
    /// their inflections; each must also be in `[effects]`.
    #[serde(default)]
    pub person_effects: Vec<String>,
    /// Words that state a result before what it acts on, in the verbless lines of product copy
    /// ("Faster muscle recovery", "A stronger immune system", "Clearer skin").
    #[serde(default)]
    pub results: Vec<String>,
}

/// Phrases by class, as written in the TOML tables, in a fixed order: a phrase listed under two
/// classes (which the built-in lexicon avoids) is read the same way on every run.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct ClassLists<C: Ord>(pub BTreeMap<C, Vec<String>>);

impl<C: Ord> Default for ClassLists<C> {
    fn default() -> Self {
        ClassLists(BTreeMap::new())
    }
}

/// Phrases of one kind, indexed by first word; each entry is (the remaining words, its class).
#[derive(Debug)]
pub struct PhraseTable<C> {
    by_first: FastMap<String, Vec<(Vec<String>, C)>>,
}

impl<C> Default for PhraseTable<C> {
    fn default() -> Self {
        PhraseTable {
            by_first: FastMap::default(),
        }
    }
}

impl<C: Copy> PhraseTable<C> {
    /// Adds a phrase; one already in the table takes the new class, so that a user's lexicon
    /// can move a built-in phrase to another class.
    fn insert(&mut self, words: Vec<String>, class: C) {
        let mut words = words.into_iter();
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.collect();
        let entries = self.by_first.entry(first).or_default();
        match entries.iter_mut().find(|(known, _)| *known == rest) {
            Some(entry) => entry.1 = class,
            None => entries.push((rest, class)),
        }
    }

    /// The longest phrase starting at word `i` that ends before word `limit`: its length in
    /// words and class.
    pub fn longest_at(&self, words: &Words, i: usize, limit: usize) -> Option<(usize, C)> {
        let entries = self.by_first.get(words.word(i))?;
        entries
            .iter()
            .filter(|(rest, _)| {
                i + rest.len() < limit
                    && rest
                        .iter()
                        .enumerate()
                        .all(|(k, w)| words.word(i + 1 + k) == w)
            })
            .max_by_key(|(rest, _)| rest.len())
            .map(|(rest, class)| (rest.len() + 1, *class))
    }

    /// A phrase starting at word `i` whose remaining words come after one to `gap` other words
    /// ("keeps colds away"): the number of words between, the phrase's length in words, and
    /// its class. The words between must stay before `limit`.
    pub fn separated_at(
        &self,
        words: &Words,
        i: usize,
        limit: usize,
        gap: usize,
    ) -> Option<(usize, usize, C)> {
        let entries = self.by_first.get(words.word(i))?;
        (1..=gap).find_map(|between| {
            let rest_at = i + 1 + between;
            entries.iter().find_map(|(rest, class)| {
                (rest_at + rest.len() <= limit
                    && (rest.iter().enumerate()).all(|(k, w)| words.word(rest_at + k) == w))
                .then_some((between, rest.len() + 1, *class))
            })
        })
    }

    /// Whether any phrase's first word is `word`.
    pub fn starts_with_word(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }

    /// Every first word, for prefilters.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }
}

/// Every word class the claim layer reads with.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub effects: PhraseTable<Strength>,
    /// Effects said as nouns or adjectives ("relief from", "effective against").
    pub nominals: PhraseTable<Strength>,
    /// Verbs that give a nominal effect to their subject ("provides relief from").
    pub nominal_givers: PhraseTable<()>,
    /// Effects whose target is their subject: "your joint pain melts away".
    pub subject_effects: PhraseTable<()>,
    /// Effects whose subject is the person helped: "our patients recover from sciatica".
    pub person_effects: PhraseTable<()>,
    /// Words that state a result before its target: "stronger", "improved" (`[forms] results`).
    pub results: PhraseTable<()>,
    /// Phrasal effects whose particle may follow the object ("keeps colds away", "knocks a
    /// cold out"), by verb form; each entry is the particle's words.
    pub separable: PhraseTable<Strength>,
    pub agents: PhraseTable<AgentClass>,
    pub targets: PhraseTable<TargetClass>,
    pub quantifiers: PhraseTable<()>,
    /// The strongest quantifiers, which make a promise even without an effect verb.
    pub promises: PhraseTable<()>,
    pub boosters: PhraseTable<()>,
    /// Frames that make an effect a statement of use or approval ("approved to treat").
    pub frames: PhraseTable<()>,
    /// Frames that state what a treatment can be used for ("can be used to treat"): a use
    /// for medicine, a claim for a product or alternative therapy.
    pub capability_frames: PhraseTable<()>,
    /// Effect words whose base form is as often a noun or adjective ("lower", "increase").
    pub noun_or_verb: FastSet<String>,
    /// Words after which such a word is a verb ("to lower", "it increases", "can help").
    pub verb_introducers: FastSet<String>,
    conditions: TermList,
    symptoms: TermList,
    /// The first words of the terms of `conditions` and `symptoms`.
    first_words: FirstWords,
    /// Every first word of an effect or promise, for [`Lexicon::may_have_claim`].
    openers: Option<Finder>,
    /// The `sales` phrases, for [`Lexicon::is_sales_page`].
    sales: Option<Finder>,
    sales_phrases: Vec<String>,
}

/// `lints/lexicon.toml`, read from its JSON form; from the TOML only if that fails.
fn builtin_file() -> LexiconFile {
    serde_json::from_str(LEXICON_JSON).unwrap_or_else(|_| {
        toml::from_str(LEXICON).expect("lints/lexicon.toml is checked by the test suite")
    })
}

impl Lexicon {
    /// The built-in lexicon, parsed on first use.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| Lexicon::from_files(&[builtin_file()]))
    }

    /// The built-in lexicon with `additions` (from user config) on top.
    pub fn with_additions(additions: &[LexiconFile]) -> Lexicon {
        let mut files = vec![builtin_file()];
        files.extend(additions.iter().cloned());
        Lexicon::from_files(&files)
    }

    /// A lexicon from the built-in file and any additions (user config), in order.
    pub fn from_files(files: &[LexiconFile]) -> Lexicon {
        let mut lexicon = Lexicon {
            conditions: CONDITIONS,
            symptoms: SYMPTOMS,
            first_words: FIRST_WORDS,
            ..Lexicon::default()
        };
        for file in files {
            lexicon.add(file);
        }
        let sales: Vec<&str> = lexicon.sales_phrases.iter().map(String::as_str).collect();
        lexicon.sales = Finder::new(&sales, &prebuilt::SALES);
        let openers: Vec<&str> = (lexicon.effects.first_words())
            .chain(lexicon.nominals.first_words())
            .chain(lexicon.results.first_words())
            .chain(lexicon.promises.first_words())
            .collect();
        lexicon.openers = Finder::new(&openers, &prebuilt::OPENERS);
        lexicon
    }

    /// Whether `text` could hold a claim: some effect verb or promise word occurs in it as a
    /// whole word. The parse uses this to skip blocks no claim rule could flag.
    pub fn may_have_claim(&self, text: &str) -> bool {
        let Some(openers) = &self.openers else {
            return true;
        };
        !openers.whole_matches(text).is_empty()
    }

    /// Whether `body` is a page that sells: it uses at least [`SALES_CUES`] different phrases of
    /// `sales` ("Order now" and "money-back guarantee"). Patient information uses none.
    pub fn is_sales_page(&self, body: &str) -> bool {
        let Some(sales) = &self.sales else {
            return false;
        };
        let mut seen = Vec::new();
        for phrase in sales.whole_matches(body) {
            if !seen.contains(&phrase) {
                seen.push(phrase);
                if seen.len() >= SALES_CUES {
                    return true;
                }
            }
        }
        false
    }

    fn add(&mut self, file: &LexiconFile) {
        (self.sales_phrases).extend(file.sales.iter().map(|p| split(p).join(" ")));
        let intransitive = |phrase: &str| file.forms.subject_effects.iter().any(|s| s == phrase);
        for (&class, phrases) in &file.effects.0 {
            for phrase in phrases {
                for form in verb_forms(phrase) {
                    if form.get(1).is_some_and(|w| PARTICLES.contains(&w.as_str()))
                        && !intransitive(phrase)
                    {
                        self.separable.insert(form.clone(), class);
                    }
                    self.effects.insert(form, class);
                }
            }
        }
        for (&class, phrases) in &file.nominals.0 {
            for phrase in phrases {
                self.nominals.insert(split(phrase), class);
            }
        }
        for giver in &file.forms.nominal_givers {
            for form in verb_forms(giver) {
                self.nominal_givers.insert(form, ());
            }
        }
        for verb in &file.forms.subject_effects {
            for form in verb_forms(verb) {
                self.subject_effects.insert(form, ());
            }
        }
        for word in &file.forms.results {
            self.results.insert(split(word), ());
        }
        for verb in &file.forms.person_effects {
            for form in verb_forms(verb) {
                self.person_effects.insert(form, ());
            }
        }
        for (&class, phrases) in &file.agents.0 {
            for phrase in phrases {
                for form in noun_forms(phrase) {
                    self.agents.insert(form, class);
                }
            }
        }
        for (&class, phrases) in &file.targets.0 {
            for phrase in phrases {
                for form in noun_forms(phrase) {
                    self.targets.insert(form, class);
                }
            }
        }
        for (kind, phrases) in &file.quantifiers {
            for phrase in phrases {
                self.quantifiers.insert(split(phrase), ());
                if kind == "promise" {
                    self.promises.insert(split(phrase), ());
                }
            }
        }
        for phrase in file.boosters.values().flatten() {
            self.boosters.insert(split(phrase), ());
        }
        for (kind, phrases) in &file.frames {
            let table = match kind.as_str() {
                "capability" => &mut self.capability_frames,
                _ => &mut self.frames,
            };
            for phrase in phrases {
                table.insert(split(phrase), ());
            }
        }
        self.noun_or_verb
            .extend(file.forms.noun_or_verb.iter().map(|w| w.to_lowercase()));
        (self.verb_introducers)
            .extend(file.forms.verb_introducers.iter().map(|w| w.to_lowercase()));
    }

    /// The longest target (hand-written class or ontology term) starting at word `i` and ending
    /// before word `limit`: its length in words and class.
    pub fn target_at(&self, words: &Words, i: usize, limit: usize) -> Option<(usize, TargetClass)> {
        let found = self.term_at(words, i, limit);
        // A body part that names where a condition is ("hip arthritis", "knee cartilage
        // damage") is part of the condition.
        match found {
            Some((len, TargetClass::Body)) if i + len < limit => {
                match self.term_at(words, i + len, limit) {
                    Some((more, class @ (TargetClass::Condition | TargetClass::Symptom))) => {
                        Some((len + more, class))
                    }
                    _ => found,
                }
            }
            _ => found,
        }
    }

    /// The longest single term at word `i`, hand-written or from the ontologies: the longer
    /// wins, "kidney stones" (a condition) over "kidney" (a body part).
    fn term_at(&self, words: &Words, i: usize, limit: usize) -> Option<(usize, TargetClass)> {
        let written = self.targets.longest_at(words, i, limit);
        match (written, self.ontology_term_at(words, i, limit)) {
            (Some(w), Some(t)) if t.0 > w.0 => Some(t),
            (Some(w), _) => Some(w),
            (None, t) => t,
        }
    }

    /// The longest ontology term starting at word `i` and ending before word `limit`.
    fn ontology_term_at(
        &self,
        words: &Words,
        i: usize,
        limit: usize,
    ) -> Option<(usize, TargetClass)> {
        // Terms grow a word at a time in one buffer; the search stops as soon as no listed term
        // starts with the words so far, which is at the first word for most words.
        // A term found here starts with this word, or is this word less a plural "s".
        let first = words.word(i);
        let singular = first.strip_suffix('s');
        if !self.first_words.may_start(first)
            && !singular.is_some_and(|s| self.first_words.may_start(s))
        {
            return None;
        }
        let longest = MAX_TERM_WORDS.min(limit.saturating_sub(i));
        let mut term = String::new();
        let mut found = None;
        for n in 1..=longest {
            if n > 1 {
                term.push(' ');
            }
            term.push_str(words.word(i + n - 1));
            let stem = term.strip_suffix('s').unwrap_or(&term);
            // The condition at or after the stem says whether any starts with it, and whether
            // it is one, so the list is searched once for both.
            let condition = self.conditions.at_or_after(stem);
            if !condition.is_some_and(|c| c.starts_with(stem)) && !self.symptoms.has_prefix(stem) {
                break;
            }
            let is_condition = match stem.len() == term.len() {
                true => condition == Some(stem),
                false => self.conditions.contains(&term),
            };
            if is_condition {
                found = Some((n, TargetClass::Condition));
            } else if self.symptoms.contains(&term) {
                found = Some((n, TargetClass::Symptom));
            } else if term.len() > 4 && term.ends_with('s') && condition == Some(stem) {
                // A plural of a listed term: "migraines", "cataracts".
                found = Some((n, TargetClass::Condition));
            }
        }
        found
    }
}

/// How many different sales phrases make a page one that sells: one may be an aside ("do not
/// order medicines online"), two are a shop.
const SALES_CUES: usize = 2;

/// The particles of phrasal effects that may follow the effect's object: "keeps colds away",
/// "knocks the virus out", "keeps infections at bay".
const PARTICLES: &[&str] = &["away", "out", "off", "up", "down", "at"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses_and_lists_are_sorted() {
        // Read from its JSON form, not through the fallback to its TOML.
        assert!(serde_json::from_str::<LexiconFile>(LEXICON_JSON).is_ok());
        let lexicon = Lexicon::builtin();
        assert!(lexicon.effects.starts_with_word("cures"));
        assert!(lexicon.effects.starts_with_word("healed"));
        assert!(lexicon.effects.starts_with_word("fought"));
        for list in [&lexicon.conditions, &lexicon.symptoms] {
            let terms: Vec<&str> = list.iter().collect();
            assert!(terms.len() > 1000);
            for term in &terms {
                let first = term.split(' ').next().unwrap_or(term);
                assert!(lexicon.first_words.may_start(first), "{term}");
            }
            assert!(
                terms.windows(2).all(|w| w[0] < w[1]),
                "lexicon file not sorted"
            );
        }
    }

    /// A phrase under two classes of one table would be read as whichever came last.
    #[test]
    fn builtin_lexicon_lists_each_phrase_under_one_class() {
        fn once<C: Ord + std::fmt::Debug>(table: &ClassLists<C>) {
            let mut seen: HashMap<&str, &C> = HashMap::new();
            for (class, phrases) in &table.0 {
                for phrase in phrases {
                    if let Some(other) = seen.insert(phrase, class) {
                        assert!(other == class, "{phrase:?} is {other:?} and {class:?}");
                    }
                }
            }
        }
        let file = builtin_file();
        once(&file.effects);
        once(&file.nominals);
        once(&file.agents);
        once(&file.targets);
    }

    #[test]
    fn the_builtin_lexicon_uses_the_prebuilt_automata() {
        let lexicon = Lexicon::builtin();
        for finder in [&lexicon.openers, &lexicon.sales] {
            assert!(
                matches!(finder, Some(Finder::Prebuilt { .. })),
                "{finder:?}"
            );
        }
        assert!(lexicon.is_sales_page("Order now! Money-back guarantee."));
        assert!(!lexicon.is_sales_page("Order now, or not."));
    }

    #[test]
    fn targets_come_from_the_ontologies_and_plurals() {
        let lexicon = Lexicon::builtin();
        let words = Words::new("rheumatoid arthritis and migraines");
        assert_eq!(
            lexicon.target_at(&words, 0, words.len()),
            Some((2, TargetClass::Condition))
        );
        assert_eq!(
            lexicon.target_at(&words, 3, words.len()),
            Some((1, TargetClass::Condition))
        );
    }

    #[test]
    fn acronyms_are_not_diseases() {
        let lexicon = Lexicon::builtin();
        for word in ["all", "ms", "cad", "aids"] {
            let words = Words::new(word);
            assert_eq!(lexicon.target_at(&words, 0, 1), None, "{word}");
        }
    }
}
