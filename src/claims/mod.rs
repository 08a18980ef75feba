//! Claims: what a sentence asserts about health, read once so that rules can say what they flag
//! ("an efficacy claim for a supplement", "a universal claim") instead of listing phrasings.
//!
//! A claim is an **effect** (a verb from the lexicon's `[effects]`, in any inflection: "heals",
//! "has been shown to reduce", "fought off") acting on a **target** (a condition, symptom, body
//! part or health outcome, from the ontologies or the hand-written classes), with the **agent**
//! that acts (a product or food, an alternative therapy, conventional medicine, or unknown), the
//! words that make it **universal** ("everyone", "always", "won't … again") and the **boosters**
//! that present it as settled ("proven", "completely"). How it is said — negated, hedged, asked,
//! reported — is not decided here: the shared context model ([`crate::context`]) judges a claim's
//! span like any other trigger, so one place decides that for every rule.

mod finder;
mod first_words;
mod inflections;
pub mod lexicon;
mod prebuilt;
mod terms;

use std::ops::Range;

use lexicon::PhraseTable;

use serde::{Deserialize, Serialize};

use crate::context::Words;
pub use lexicon::Lexicon;

/// How strong an effect is, strongest first.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// Makes the condition go away: cures, heals, eliminates.
    Cure,
    /// Undoes damage: reverses, regenerates, restores.
    Reverse,
    /// Keeps a condition away: prevents, wards off.
    Prevent,
    /// Acts on a condition: treats, relieves, reduces.
    Treat,
    /// Makes a function better: boosts, supports.
    Improve,
    /// Brings on a condition: causes, triggers, damages.
    Harm,
}

/// Who or what acts.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum AgentClass {
    /// A food, herb, supplement or product sold for health.
    Product,
    /// A therapy outside conventional medicine, or what clinics sell as regenerative medicine.
    Alternative,
    /// A drug, vaccine, surgery or other conventional treatment.
    Medical,
    /// The body's own workings: cells, antibodies, organs ("antibodies kill germs").
    Body,
    /// No agent from the lexicon in the clause ("it", a brand name).
    Unknown,
}

/// What an effect acts on.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum TargetClass {
    Condition,
    Symptom,
    Body,
    Outcome,
    /// Germs, bacteria, viruses: killing them is hygiene or a mechanism ("heat kills germs"),
    /// not a cure, unless a product claims it.
    Microbe,
}

/// One claim in a sentence. Ranges are byte offsets in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The words an editor would mark: from the effect (or the universal word before it) to the
    /// end of the target.
    pub span: Range<usize>,
    pub strength: Strength,
    pub agent: AgentClass,
    pub target: TargetClass,
    /// Said of everyone, always or forever.
    pub universal: bool,
    /// Presented as settled ("proven to", "completely").
    pub boosted: bool,
    /// The agent is a pronoun or left unsaid ("it heals", "they can … repair", "… and restore")
    /// and the sentence names none before it: it is what the text named earlier, which the
    /// caller resolves ([`antecedent`]), as only it sees the sentences before.
    pub refers_back: bool,
    /// With no agent from the lexicon, the capitalised name standing as the subject ("GlowBuild
    /// smooths fine lines"): the caller looks it up in the page's title ([`PageProduct`]), where a
    /// sales page says what the name is.
    pub name: Option<Range<usize>>,
    /// A result said with no agent, which is a claim only of what a seller's page sells:
    /// "Inflammation is reduced", "Your joint pain melts away", "Type 2 diabetes reversed".
    /// On a page whose title names no product or therapy it describes an illness or a
    /// treatment's ordinary effect, and the caller drops it ([`PageProduct`]).
    pub seller_only: bool,
}

/// What a page sells, and the names it gives it. The title says it: "GlowBuild Marine Collagen
/// Peptides" makes GlowBuild a product, "LumaPro Red Light Therapy Panel" an alternative
/// therapy; or the opening defines the title's brand ("NeuroPeak Pro is the advanced nootropic
/// formula"); or the page sells without naming what ("Order now", "money-back guarantee",
/// `[sales]` in the lexicon). A title naming medicine, or nothing from the lexicon, on a page
/// that sells nothing, names no product.
#[derive(Debug, Hash)]
pub struct PageProduct {
    /// What the page sells: a product or an alternative therapy.
    pub class: AgentClass,
    words: Vec<String>,
    /// The page asks to buy ([`Lexicon::is_sales_page`]), rather than only being about a
    /// product or therapy as a news release about a supplement trial is.
    pub sells: bool,
}

impl PageProduct {
    /// The product or therapy the page with `title` and `body` sells. A title that is only a
    /// brand and a slogan ("NeuroPeak Pro — Unlock Your Brain's Potential") names one when the
    /// body defines the brand as a product or therapy ("NeuroPeak Pro is the advanced
    /// nootropic formula …"); the brand's words are then the names. A page that sells, naming
    /// nothing, sells a product with no name.
    pub fn new(lexicon: &Lexicon, title: Option<&str>, body: &str) -> Option<PageProduct> {
        let named = title.and_then(|title| {
            let words = Words::new(title);
            let class = sentence_agent(lexicon, &words);
            if is_sold(class) {
                let words = (0..words.len())
                    .filter_map(|k| title.get(words.range(k)).map(str::to_owned))
                    .collect();
                return Some((class, words));
            }
            let brand = brand_words(lexicon, title, &words);
            if brand.is_empty() {
                return None;
            }
            let defined = definitions(lexicon, &brand, body);
            let class = match defined.iter().copied().find(|&class| is_sold(class)) {
                Some(class) => class,
                None if defined.is_empty() && brand.iter().any(|w| is_coined(w)) => {
                    AgentClass::Product
                }
                None => return None,
            };
            Some((class, brand))
        });
        let sells = lexicon.is_sales_page(body);
        let (class, words) = named.or_else(|| sells.then(|| (AgentClass::Product, Vec::new())))?;
        Some(PageProduct {
            class,
            words,
            sells,
        })
    }

    /// The class of `name` (as written) when the title uses it.
    pub fn class_of(&self, name: &str) -> Option<AgentClass> {
        self.words.iter().any(|w| w == name).then_some(self.class)
    }
}

/// The names a title opens with ("NeuroPeak Pro" in "NeuroPeak Pro — Unlock …"): its leading
/// capitalised words the lexicon does not know, up to the first punctuation between words.
fn brand_words(lexicon: &Lexicon, title: &str, words: &Words) -> Vec<String> {
    let joined = |k: usize| {
        k.checked_sub(1).is_none_or(|before| {
            let gap = words.range(before).end..words.range(k).start;
            title.get(gap).is_some_and(|gap| gap.trim().is_empty())
        })
    };
    (0..words.len())
        .take_while(|&k| joined(k) && is_a_name(lexicon, title, words, k))
        .filter_map(|k| title.get(words.range(k)).map(str::to_owned))
        .collect()
}

/// Whether `word` is a coined brand, two words run together with the second capitalised
/// ("HearWell", "GlowBuild", "SlimTrim"): sellers name products so, and a title that is only
/// such a name is a product's page even where the body never says what it is. The first part
/// has three letters at least, so that surnames such as "McCune" are not brands.
fn is_coined(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    (3..chars.len()).any(|k| {
        chars[..k].iter().all(|c| c.is_alphabetic())
            && chars[k - 1].is_lowercase()
            && chars[k].is_uppercase()
            && chars[k + 1..]
                .iter()
                .take(2)
                .filter(|c| c.is_lowercase())
                .count()
                == 2
    })
}

/// How many words after its "is" a definition names what the brand is ("is the advanced
/// nootropic formula").
const DEFINITION_REACH: usize = 5;

/// How many mentions of a brand in the body may be read for its definition.
const DEFINITION_MENTIONS: usize = 4;

/// Whether an agent of `class` is something a page sells.
fn is_sold(class: AgentClass) -> bool {
    matches!(class, AgentClass::Product | AgentClass::Alternative)
}

/// The classes the brand's definitions in `body` give it, read from the source so that a
/// sentence no rule looks at still counts: each of its first mentions that defines it, emphasis
/// marks after it dropped, up to the end of its sentence ("**NeuroPeak Pro** is the advanced
/// nootropic formula …").
fn definitions(lexicon: &Lexicon, brand: &[String], body: &str) -> Vec<AgentClass> {
    let name = brand.join(" ");
    (body.match_indices(&name).take(DEFINITION_MENTIONS))
        .filter_map(|(at, _)| {
            let rest = body[at + name.len()..].trim_start_matches(['*', '_']);
            let end = rest.find(['.', '!', '?', '\n']).unwrap_or(rest.len());
            defined_as(lexicon, brand, &format!("{name}{}", &rest[..end]))
        })
        .collect()
}

/// The class `sentence` gives `brand` when it opens by defining it: a product or therapy in
/// "NeuroPeak Pro is the advanced nootropic formula trusted by …", something else (`Unknown`
/// among them) in "NeuroPeak Pro is a charity …". `None` when the sentence defines nothing.
fn defined_as(lexicon: &Lexicon, brand: &[String], sentence: &str) -> Option<AgentClass> {
    let words = Words::new(sentence);
    let verb = brand.len();
    let named = (0..verb).all(|k| sentence.get(words.range(k)) == Some(brand[k].as_str()));
    if !named || !matches!(words.word(verb), "is" | "are") {
        return None;
    }
    let reach = verb + 1..(verb + 1 + DEFINITION_REACH).min(words.len());
    Some(agent_in(lexicon, &words, reach))
}

/// How far after an effect its target may be, in words ("reduces the severity of rheumatoid
/// arthritis", "restores your liver's natural detox function").
const TARGET_WINDOW: usize = 7;

/// Prepositions that introduce an agent after its effect: "reversed with a ketogenic diet".
const AGENT_PREPOSITIONS: &[&str] = &["with", "by", "using", "through", "from", "after", "via"];

/// How far before its effect an agent may be, in words ("Turmeric, the golden spice, heals").
const AGENT_WINDOW: usize = 6;

/// Words before a verb form that make it a noun ("a cure", "the treatment", "its benefits").
const NOUN_MARKERS: &[&str] = &[
    "a", "an", "the", "at", "between", "during", "per", "self", "this", "that", "these", "those",
    "its", "their", "our", "your", "his", "her", "my", "own", "of", "new", "no", "any", "some",
    "every",
];

/// Words before which a base form is an adjective or noun, and a participle a perfect tense:
/// "have lower rates" but "have lowered their risk".
const HAVE_FORMS: &[&str] = &["have", "has", "had", "having", "with"];

/// Whether the effect at `verb` is used as a noun or adjective ("a cure", "have lower rates",
/// "an increase in", "heart attack").
fn is_not_a_verb(lexicon: &Lexicon, sentence: &str, words: &Words, verb: &Range<usize>) -> bool {
    let word = words.word(verb.start);
    let before = verb.start.checked_sub(1).map_or("", |b| words.word(b));
    // "antioxidants that neutralize free radicals", "a tea that cures colds": "that" after a
    // noun opens a relative clause, so an effect after it is its verb.
    let relative = before == "that"
        && (word.ends_with('s')
            || word.ends_with("ed")
            || verb
                .start
                .checked_sub(2)
                .is_some_and(|b| is_plural_noun(words.word(b))));
    if (NOUN_MARKERS.contains(&before) && !relative)
        || (HAVE_FORMS.contains(&before)
            && !word.ends_with("ed")
            && !word.ends_with('t')
            && !word.ends_with("en"))
    {
        return true;
    }
    // A participle with no subject or auxiliary before it is an adjective: "Reduced bone
    // mineral density 50%", "Delayed skeletal maturation" (symptom lists).
    if word.ends_with("ed") && (before.is_empty() || starts_a_phrase(sentence, words, verb.start)) {
        return true;
    }
    // So is one after a determiner and an adverb: "a poorly repaired cleft lip".
    let before_that = verb.start.checked_sub(2).map_or("", |b| words.word(b));
    if (word.ends_with("ed") || word.ends_with("en"))
        && before.ends_with("ly")
        && NOUN_MARKERS.contains(&before_that)
    {
        return true;
    }
    if is_in_a_name(sentence, words, verb.start) {
        return true;
    }
    // A gerund before "of" names a process: "characterized by thickening of the skin".
    if word.ends_with("ing") && words.word(verb.end) == "of" {
        return true;
    }
    // A participle after a quantified noun names the group: "Every child treated for it should
    // receive chemotherapy".
    if word.ends_with("ed")
        && matches!(before_that, "every" | "each" | "all" | "any")
        && matches!(words.word(verb.end), "for" | "with" | "by" | "in" | "at")
    {
        return true;
    }
    if !lexicon.noun_or_verb.contains(word) {
        return false;
    }
    let after = words.word(verb.end);
    if matches!(
        after,
        "in" | "of" | "rate" | "rates" | "levels" | "group" | "groups" | "risk" | "for"
    ) {
        return true;
    }
    // "… at our clinic boost your immune system": a base form before a possessive or article
    // governs it as an object.
    if matches!(after, "your" | "their" | "his" | "her" | "my" | "the") {
        return false;
    }
    // "fire up your metabolism and burn fat": a base form between "and" and a condition it
    // acts on ("and lower back pain" names the pain; "discover and target brain areas" is
    // research).
    let n = words.len();
    let condition_after = (lexicon.target_at(words, verb.end, n))
        .is_some_and(|(_, class)| matches!(class, TargetClass::Condition | TargetClass::Symptom));
    if matches!(before, "and" | "or")
        && condition_after
        && lexicon.target_at(words, verb.start, n).is_none()
    {
        return false;
    }
    let plural_subject = is_plural_noun(before);
    !(plural_subject
        || lexicon.verb_introducers.contains(before)
        || lexicon.agents.starts_with_word(before))
}

/// Whether a word looks like a plural noun ("antioxidants", "herbs"), as the subject of a verb
/// in its base form.
fn is_plural_noun(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !matches!(
            word,
            "this" | "its" | "has" | "was" | "his" | "less" | "plus" | "does" | "shows" | "means"
        )
}

/// Whether word `i` is capitalised inside a sentence that is not itself in title case: part of
/// a name, "the Dietary Approaches to Stop Hypertension plan", not a verb.
fn is_in_a_name(sentence: &str, words: &Words, i: usize) -> bool {
    let capitalised = |k: usize| {
        (sentence.get(words.range(k)).unwrap_or("").chars().next()).is_some_and(char::is_uppercase)
    };
    let in_title_case = || !(0..words.len()).any(|k| words.word(k).len() > 4 && !capitalised(k));
    i > 0 && capitalised(i) && !starts_a_phrase(sentence, words, i) && !in_title_case()
}

/// Whether word `i` follows punctuation or a number rather than another word: the start of a
/// list item or phrase ("50% Reduced bone mineral density", "- Increased serum lactate").
fn starts_a_phrase(sentence: &str, words: &Words, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return true;
    };
    between(sentence, words, prev, i)
        .chars()
        .any(|c| !c.is_whitespace())
        || words
            .word(prev)
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '%')
}

/// The most words a frame has ("can also be used to").
const FRAME_REACH: usize = 5;

/// Whether the effect at `i` follows a frame of `frames` that ends just before it: "is approved
/// to treat", "are used to treat", "is indicated for".
fn follows_frame(frames: &PhraseTable<()>, words: &Words, i: usize) -> bool {
    (i.saturating_sub(FRAME_REACH)..i).any(|k| {
        frames
            .longest_at(words, k, i)
            .is_some_and(|(len, ())| k + len == i)
    })
}

/// Verbs of taking a treatment, in "everyone who tries it" (matched as prefixes).
const TAKING: &[&str] = &[
    "tri", "try", "take", "took", "use", "complet", "follow", "start", "buy", "bought", "drink",
    "drank", "eat", "ate", "join", "sign", "receiv", "get", "got", "visit", "come",
];

/// Modals of advice and possibility: a clause with one recommends or speculates, it does not
/// promise.
const RECOMMENDING: &[&str] = &["should", "must", "may", "might", "could", "ought"];

/// Verbs of advice: a universal with one recommends to all, it does not promise all.
const ADVISING: &[&str] = &[
    "recommend",
    "recommends",
    "recommended",
    "advise",
    "advises",
    "advised",
    "urge",
    "urges",
    "urged",
    "encourage",
    "encourages",
    "encouraged",
];

/// Comparatives after a body part that make it a promised improvement: "sleep better".
const BETTER: &[&str] = &[
    "better", "deeper", "sounder", "stronger", "longer", "more", "again",
];

/// Words that end an effect's object: the target must come before them.
const OBJECT_ENDS: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "if", "when", "while", "because", "so", "than",
];

/// Who is helped, between "help" and the effect: "helps people overcome".
const HELPED: &[&str] = &[
    "to", "people", "patients", "you", "them", "us", "him", "her", "children", "adults", "women",
    "men", "kids",
];

/// Words before "to" that make the effect after it a result claimed, not a purpose: "proven to
/// cure", "able to reverse". (Frames of use such as "designed to" are `[frames] usage` in the
/// lexicon, read before this.)
const RESULT_FRAMES: &[&str] = &[
    "proven",
    "proved",
    "shown",
    "found",
    "known",
    "able",
    "ability",
    "power",
    "capacity",
    "guaranteed",
    "going",
    "sure",
    "certain",
    "formulated",
    "made",
    "works",
    "work",
    "worked",
    "working",
    "said",
    "claimed",
    "certified",
];

/// Passive auxiliaries: "is cured", "can be reversed", "has been eliminated".
const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "gets",
];

/// Every claim in `sentence`, in order of position.
pub fn extract(lexicon: &Lexicon, sentence: &str, words: &Words) -> Vec<Claim> {
    let mut claims = Vec::new();
    let n = words.len();
    let mut i = 0;
    let instruction = words.is_imperative();
    while i < n {
        let Some(Effect {
            range: verb,
            strength,
            object_from,
        }) = effect_at(lexicon, sentence, words, i)
        else {
            i += 1;
            continue;
        };
        i = i.max(verb.end);
        // "can be used to treat" states a use of a medicine but claims an effect for a
        // product or alternative therapy; other frames of use or approval are never claims.
        let capability = follows_frame(&lexicon.capability_frames, words, verb.start);
        if !capability && follows_frame(&lexicon.frames, words, verb.start) {
            continue;
        }
        // "stop taking it", "help getting started": the verb governs another action, not a
        // target ("reduces bruising", "stops itching" and "restores hearing" name one, and in
        // "thickens thinning hair" the -ing word describes the target after it). "Healing" is
        // an outcome as often as an action ("have delayed healing").
        let next = words.word(verb.end);
        let names_a_target = (lexicon.target_at(words, verb.end, n))
            .is_some_and(|(_, class)| class != TargetClass::Outcome);
        let describes_a_target = !separated(sentence, words, verb.end, verb.end + 1)
            && lexicon.target_at(words, verb.end + 1, n).is_some();
        if next.ends_with("ing") && next.len() > 5 && !names_a_target && !describes_a_target {
            continue;
        }
        // "ends up", "beat up": a phrasal verb of another meaning; "a controlled trial".
        if words.word(verb.end) == "up" || words.word(verb.start) == "controlled" {
            continue;
        }
        // "Stop managing your symptoms", "avoid treating it yourself": an action given up.
        let before = verb.start.checked_sub(1).map_or("", |b| words.word(b));
        if words.word(verb.start).ends_with("ing") && GIVING_UP.contains(&before) {
            continue;
        }
        let clause =
            words.clause_start(sentence, verb.start)..words.clause_end(sentence, verb.start);
        let Some((target, class, side)) = find_target(
            lexicon,
            sentence,
            words,
            &verb,
            strength,
            object_from,
            &clause,
        ) else {
            continue;
        };
        // "prevents the kidneys from filtering the blood": an organ kept from working is a harm
        // described, not a disease prevented.
        if class == TargetClass::Body
            && words.word(target.end) == "from"
            && (target.end + 1..target.end + 3).any(|k| words.word(k).ends_with("ing"))
        {
            continue;
        }
        // A quantifier far from the claim quantifies something else ("each day, … so increasing
        // it can aid weight loss").
        let universal = find_universal(lexicon, sentence, words, &clause)
            .filter(|&u| {
                u + reach(words, u, verb.start, &clause) >= verb.start && u <= target.end + 3
            })
            // A comma between them puts the quantifier in another clause, before the effect or
            // after it ("… known to increase the risk for it, no one gene is known to cause it").
            .filter(|&u| match u > verb.start {
                true => !comma_between(sentence, words, verb.start, u),
                false => !comma_between(sentence, words, u, verb.start),
            })
            // "Every child treated for it should receive chemotherapy to decrease the chance":
            // advice to all (or a guess about all), not a promise to all.
            .filter(|&u| !(u..verb.start).any(|k| RECOMMENDING.contains(&words.word(k))));
        // A passive claim ("Squamous cell carcinoma can usually be cured") is marked on its verb,
        // so that the words before it (the hedges "usually", "less likely to") are its context.
        let passive = side != Side::Object;
        // "Your joint pain melts away": the target is the subject, and the claim stands only
        // for a product or alternative therapy the clause names (checked with the agent below).
        let vanishes = passive && is_subject_effect(lexicon, words, &verb);
        // "The anemia can be treated with vitamin B1": a passive treatment names an option, as
        // medicine does; only cures and reversals are claims in the passive, unless what acts is
        // a product or alternative therapy, or nothing is named ("Inflammation is reduced at
        // the source", a result that stands for what the page sells).
        let optional = passive && !vanishes && strength >= Strength::Treat;
        // "Type 2 diabetes reversed": a result stated without its verb is product copy's, and
        // in prose the same words describe a course ("the colitis resolved within two weeks").
        let verbless = side == Side::Bare;
        let start_word = match universal {
            Some(u) => u.min(verb.start).min(target.start),
            None if passive => verb.start,
            None => verb.start.min(target.start),
        };
        let end_word = target.end.max(verb.end);
        // The target's words are not effects of their own ("heals damaged joints").
        i = i.max(end_word);
        // "can help overcome", "helps heal", "helps people overcome": helping is not curing.
        let word_before = |back: usize| verb.start.checked_sub(back).map_or("", |k| words.word(k));
        let helped = word_before(1).starts_with("help")
            || (HELPED.contains(&word_before(1)) && word_before(2).starts_with("help"));
        // "saline through a vein to reverse hypercalcemia", "to try to stop the lymphoma from
        // coming back": a purpose or an attempt, not a result ("proven to cure" and "enables
        // smokers to overcome" are results).
        let purpose = word_before(1) == "to"
            && !RESULT_FRAMES.contains(&word_before(2))
            && !(word_before(3).starts_with("enabl") || word_before(3).starts_with("allow"));
        // "Most children with it can be cured", "stops hair loss in some women": said of some,
        // not all, it is not a cure claim.
        let some = |k: usize| matches!(words.word(k), "most" | "many" | "some" | "few" | "certain");
        let qualified = (clause.start..verb.start).any(some)
            || (verb.end..clause.end.saturating_sub(1))
                .any(|k| matches!(words.word(k), "in" | "for") && some(k + 1));
        let strength = if helped || purpose || qualified {
            strength.max(Strength::Treat)
        } else {
            strength
        };
        // "We repair worn cartilage without surgery", "We use your own cells to repair it": the
        // writer acting is the business the page speaks for.
        let by_the_writer = words.word(clause.start) == "we"
            || (verb.start.saturating_sub(2).max(clause.start)..verb.start)
                .any(|k| words.word(k) == "we" && !comma_between(sentence, words, k, verb.start));
        // A purpose belongs to the noun just before its "to" ("an antibiotic ointment or an
        // oral antibiotic to reduce …"), whatever else the clause names; with none there, it
        // belongs to no one ("the use of drugs, vitamins, or other substances to reduce …").
        let agent = if purpose && !capability {
            // "PRP injections use your own blood to heal torn ligaments": the body's own
            // material is the treatment's means, not the agent.
            let before_to = agent_ending_at(lexicon, words, verb.start - 1);
            match before_to {
                // "We use your own cells to repair …": the writer's business is the agent.
                Some(AgentClass::Body) | None => {
                    (carried_purpose(lexicon, words, verb.start - 1, &clause))
                        .or(before_to.filter(|_| !by_the_writer))
                        .unwrap_or(AgentClass::Unknown)
                }
                Some(agent) => agent,
            }
        } else if word_before(1) == "that" {
            // "medicines that suppress the immune system": a relative clause's agent is the
            // noun before its "that", or failing that the clause's ("gummies packed with
            // antioxidants that neutralize …"); with neither, "a current that stops the
            // bleeding" describes a mechanism, not a treatment's promise, unless the clause's
            // subject is a pronoun ("Together they form a shield that wards off colds"), whose
            // antecedent is then the agent.
            match agent_ending_at(lexicon, words, verb.start - 1) {
                Some(agent) => agent,
                None => match find_agent(lexicon, words, &verb, &clause) {
                    AgentClass::Unknown
                        if pronoun_subject(words, &clause, verb.start - 1).is_some() =>
                    {
                        AgentClass::Unknown
                    }
                    AgentClass::Unknown => continue,
                    agent => agent,
                },
            }
        } else {
            find_agent(lexicon, words, &verb, &clause)
        };
        // "it rebuilds …", "they can … promote …", "…, and restore …": the subject is a pronoun
        // or another verb's, named earlier in the sentence or before it. A pronoun with nothing
        // named before it in the sentence refers back; so does a shared subject whose first
        // verb's subject is a pronoun ("These can slow or stop joint damage").
        // "Boosts immunity, banishes fatigue and relieves migraines": an effect right after a
        // comma that follows another claim continues that claim's list of predicates.
        let listed = verb.start > clause.start
            && comma_between(sentence, words, verb.start - 1, verb.start)
            && (claims.last())
                .is_some_and(|c: &Claim| c.span.end == words.range(verb.start - 1).end);
        let subject = (!purpose).then(|| match listed {
            true => Subject::Shared(verb.start),
            false => subject_before(lexicon, words, verb.start, &clause),
        });
        let unknown = agent == AgentClass::Unknown;
        let unsaid = match subject {
            Some(Subject::Pronoun(at)) if unknown => Some((at, true)),
            Some(Subject::Named(None)) if unknown && is_elliptical(words, &verb, &clause) => {
                Some((verb.start, true))
            }
            Some(Subject::Shared(at)) if unknown => Some((at, opens_with_pronoun(words))),
            Some(Subject::Named(Some(k))) if unknown && words.word(k) == "that" => {
                pronoun_subject(words, &clause, k).map(|at| (at, true))
            }
            _ => None,
        };
        let name = match subject {
            Some(Subject::Named(Some(k))) if unknown && is_a_name(lexicon, sentence, words, k) => {
                Some(words.range(k))
            }
            _ => None,
        };
        // "LumaPro rejuvenates skin cells and erases scars": a shared subject is the one the
        // claim before it found, whatever that claim's object named ("skin cells" is not
        // the agent of "erases").
        let shared = match subject {
            Some(Subject::Shared(at)) => (claims.last()).filter(|c: &&Claim| {
                c.span.end <= words.range(at).start
                    && (c.agent != AgentClass::Unknown || c.refers_back || c.name.is_some())
            }),
            _ => None,
        };
        let (agent, refers_back, name) = match (shared, unsaid) {
            (Some(earlier), _) => (earlier.agent, earlier.refers_back, earlier.name.clone()),
            (None, Some((at, may_refer_back))) => match agent_in(lexicon, words, 0..at) {
                AgentClass::Unknown => (agent, may_refer_back, None),
                earlier => (earlier, false, None),
            },
            (None, None) => (agent, false, name),
        };
        // "Our patients recover from sciatica": the subject is the person helped, and the
        // claim is the seller's when that person is its clientele; "most people recover from
        // the flu" describes an illness.
        let person = is_person_effect(lexicon, words, &verb);
        let agent = match person && clientele_before(words, verb.start, &clause) {
            true => AgentClass::Product,
            false => agent,
        };
        // "Anxiety melts away within minutes of your first gummy": what makes the target go
        // may be named in any phrase after it, not only after "with" or "by".
        let agent = match (vanishes, agent) {
            (true, AgentClass::Unknown) => (verb.end..clause.end)
                .find(|&k| PREPOSITIONS.contains(&words.word(k)))
                .map_or(agent, |k| agent_in(lexicon, words, k + 1..clause.end)),
            _ => agent,
        };
        let sold = matches!(agent, AgentClass::Product | AgentClass::Alternative);
        // A result with no agent at all is left to the page's title to attribute, and so is a
        // promise in the imperative ("Start healing your gut today"): advice on patient
        // information, a call to buy on a page that sells.
        // A cure of a disease commanded ("Reverse your autoimmune disease") is a cure claimed
        // by anyone.
        let cure_of_a_disease = matches!(strength, Strength::Cure | Strength::Reverse)
            && matches!(class, TargetClass::Condition | TargetClass::Symptom);
        let imperative = (instruction || is_commanded(words, &verb, &clause)) && !cure_of_a_disease;
        let seller_only = (vanishes || optional || verbless || imperative || by_the_writer)
            && agent == AgentClass::Unknown
            && !refers_back;
        // "Cholesterol was reduced by 20 mg/dl": a measured change, which the statistics rules
        // read, not a promise.
        let measured = words.word(verb.end) == "by"
            && (words.word(verb.end + 1).chars().next()).is_some_and(|c| c.is_ascii_digit());
        if seller_only && measured {
            continue;
        }
        // A passive treatment with a named agent is an option, whoever's it is.
        if optional && agent != AgentClass::Unknown && !vanishes {
            continue;
        }
        if (capability || vanishes || person || optional) && !sold && !seller_only {
            continue;
        }
        claims.push(Claim {
            span: words.range(start_word).start..words.range(end_word - 1).end,
            strength,
            agent,
            target: class,
            universal: universal.is_some(),
            boosted: (clause.start..verb.start).any(|k| {
                lexicon
                    .boosters
                    .longest_at(words, k, verb.start + 1)
                    .is_some()
            }),
            refers_back,
            name,
            seller_only,
        });
    }
    add_results(lexicon, sentence, words, &mut claims);
    add_promises(lexicon, sentence, words, &mut claims);
    claims
}

/// Words a verbless result line may open with before its result: "A stronger immune system",
/// "Visibly clearer skin".
const RESULT_OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "your",
    "much",
    "more",
    "noticeably",
    "visibly",
    "dramatically",
];

/// How many describing words may stand between a result word and its target ("faster muscle
/// recovery"), or before a target whose result is a noun after it ("deep tissue repair").
const RESULT_REACH: usize = 2;

/// Results said without a verb, as the lines of product copy are: a result word and its target
/// ("Faster muscle recovery", "Clearer skin"), a nominal effect and its target ("Relief from
/// stiff, aching joints within hours"), or a target and its nominal ("Joint pain relief"). Each
/// opens its clause and claims an effect only for what the page sells ([`Claim::seller_only`]).
fn add_results(lexicon: &Lexicon, sentence: &str, words: &Words, claims: &mut Vec<Claim>) {
    let n = words.len();
    let mut start = 0;
    while start < n {
        let clause = start..words.clause_end(sentence, start).max(start + 1);
        start = clause.end;
        let clause_bytes = words.range(clause.start).start..words.range(clause.end - 1).end;
        if (claims.iter())
            .any(|c| c.span.start < clause_bytes.end && clause_bytes.start < c.span.end)
        {
            continue;
        }
        // "(less plaque on follow-up)": a gloss in brackets explains, it does not list a result.
        let opened = clause
            .start
            .checked_sub(1)
            .map_or(0, |k| words.range(k).end);
        if sentence[opened..clause_bytes.start].contains('(') {
            continue;
        }
        let first = (clause.start..clause.end)
            .find(|&k| !RESULT_OPENERS.contains(&words.word(k)))
            .unwrap_or(clause.end);
        let Some((span, strength, class)) = verbless_result(lexicon, words, first, &clause) else {
            continue;
        };
        claims.push(Claim {
            span: words.range(span.start).start..words.range(span.end - 1).end,
            strength,
            agent: AgentClass::Unknown,
            target: class,
            universal: false,
            boosted: false,
            refers_back: false,
            name: None,
            seller_only: true,
        });
    }
    claims.sort_by_key(|c| c.span.start);
}

/// The verbless result opening at word `first` of `clause`: its words, strength and target
/// class.
fn verbless_result(
    lexicon: &Lexicon,
    words: &Words,
    first: usize,
    clause: &Range<usize>,
) -> Option<(Range<usize>, Strength, TargetClass)> {
    let target_from = |from: usize, reach: usize| {
        (from..(from + reach).min(clause.end)).find_map(|j| {
            (lexicon.target_at(words, j, clause.end))
                .filter(|(_, class)| *class != TargetClass::Microbe)
                .map(|(len, class)| (j..j + len, class))
        })
    };
    // A target and the noun of its result: "Joint pain relief", "Deep tissue repair".
    let named_result = |(target, class): (Range<usize>, TargetClass)| {
        let (len, strength) = lexicon.nominals.longest_at(words, target.end, clause.end)?;
        (len == 1).then_some((first..target.end + 1, strength, class))
    };
    // A target opening the line is not a result word's ("Lower back pain relief").
    if lexicon.target_at(words, first, clause.end).is_some() {
        return target_from(first, 1).and_then(named_result);
    }
    if let Some((len, ())) = lexicon.results.longest_at(words, first, clause.end) {
        let (target, class) = target_from(first + len, RESULT_REACH + 1)?;
        return Some((first..target.end, Strength::Improve, class));
    }
    if let Some((len, strength)) = lexicon.nominals.longest_at(words, first, clause.end) {
        let (target, class) = target_from(first + len, TARGET_WINDOW)?;
        return Some((first..target.end, strength, class));
    }
    target_from(first, RESULT_REACH + 1).and_then(named_result)
}

/// The claim a list item makes by naming only what its lead-in acts on: under "Regular
/// adjustments can help with:", the item "Asthma and allergies" claims that adjustments help
/// with asthma. The lead-in ends with an effect ("we treat:", "relieves:") or with help or
/// benefit ("can help with:", "Benefits include:"); the item opens with a condition or symptom.
/// Its agent is the lead-in's, or, with none named there, what the text named before.
pub fn listed(lexicon: &Lexicon, lead_in: &str, words: &Words) -> Vec<Claim> {
    let lead_words = Words::new(lead_in);
    let n = lead_words.len();
    let tail = n.saturating_sub(LEAD_IN_TAIL)..n;
    let effect = (tail.clone())
        .find_map(|i| effect_at(lexicon, lead_in, &lead_words, i))
        .filter(|e| (e.range.end..n).all(|k| lexicon.target_at(&lead_words, k, n).is_none()))
        .map(|e| e.strength);
    let helps = || {
        (tail.clone()).any(|k| {
            matches!(
                lead_words.word(k),
                "help" | "helps" | "helped" | "benefits" | "benefit" | "relief"
            )
        })
    };
    let Some(strength) = effect.or_else(|| helps().then_some(Strength::Treat)) else {
        return Vec::new();
    };
    let end = words.len();
    let target = (0..end.min(LEAD_IN_TAIL)).find_map(|k| {
        (lexicon.target_at(words, k, end))
            .filter(|(_, class)| matches!(class, TargetClass::Condition | TargetClass::Symptom))
            .map(|(len, class)| (k..k + len, class))
    });
    let Some((target, class)) = target else {
        return Vec::new();
    };
    let agent = sentence_agent(lexicon, &lead_words);
    vec![Claim {
        span: words.range(target.start).start..words.range(target.end - 1).end,
        strength,
        agent,
        target: class,
        universal: false,
        boosted: false,
        refers_back: agent == AgentClass::Unknown,
        name: None,
        seller_only: false,
    }]
}

/// How many words at the end of a lead-in may hold its effect ("can help with:", "Conditions
/// we commonly treat:"), and at the start of an item hold its target ("Chronic low back pain").
const LEAD_IN_TAIL: usize = 4;

/// The effect at word `i`: an effect verb used as a verb ("heals"), or a nominal effect with the
/// verb that gives it ("promotes the regeneration of", "is highly effective against"), whose
/// range then starts at that verb so that the words before it are the claim's subject and
/// context.
fn effect_at(lexicon: &Lexicon, sentence: &str, words: &Words, i: usize) -> Option<Effect> {
    let n = words.len();
    if let Some((len, strength)) = lexicon.effects.longest_at(words, i, n) {
        let verb = i..i + len;
        if !is_not_a_verb(lexicon, sentence, words, &verb) {
            // "triggers the regeneration of cartilage": a verb that gives a nominal effect after
            // it gives that effect, not its own meaning ("triggers" as a harm).
            let given = (verb.end..(i + NOMINAL_REACH + 1).min(n))
                .find_map(|k| nominal_effect(lexicon, words, k))
                .filter(|effect| effect.range.start == i);
            return given.or(Some(Effect {
                object_from: verb.end,
                range: verb,
                strength,
            }));
        }
    }
    if let Some(effect) = separated_effect(lexicon, sentence, words, i) {
        return Some(effect);
    }
    nominal_effect(lexicon, words, i)
}

/// The nominal effect at word `i` with the verb that gives it ("promotes the regeneration of",
/// "offers lasting relief from"), whose range starts at that verb.
fn nominal_effect(lexicon: &Lexicon, words: &Words, i: usize) -> Option<Effect> {
    let (len, strength) = lexicon.nominals.longest_at(words, i, words.len())?;
    // The giving verb comes at most three words before ("offers fast, lasting relief from"),
    // and nothing but the nominal's own modifiers lies between.
    let giver = (i.saturating_sub(NOMINAL_REACH)..i).rev().find(|&k| {
        (lexicon.nominal_givers.longest_at(words, k, i + 1)).is_some_and(|(l, ())| k + l <= i)
    })?;
    // "There is a cure for hepatitis C" says one exists, it gives it to nothing.
    if giver > 0 && words.word(giver - 1) == "there" {
        return None;
    }
    // "is no cure for", "offers little relief from": denied, not claimed.
    let between_ok = !(giver + 1..i).any(|k| {
        let word = words.word(k);
        OBJECT_ENDS.contains(&word) || matches!(word, "no" | "not" | "n't" | "never" | "little")
    });
    // The target may stand before the noun ("stimulates hair regrowth", "provides joint pain
    // relief") or after it ("relief from joint pain").
    between_ok.then_some(Effect {
        range: giver..i + len,
        strength,
        object_from: giver + 1,
    })
}

/// A phrasal effect with its object between verb and particle: "keeps colds away", "knocked
/// the infection out", "keeps colds and flu at bay". The object is short and whole: a list at
/// most, no clause ("keep the jar closed, so it stays away from children").
fn separated_effect(lexicon: &Lexicon, sentence: &str, words: &Words, i: usize) -> Option<Effect> {
    let (between, len, strength) =
        (lexicon.separable).separated_at(words, i, words.len(), SEPARATED_OBJECT)?;
    let particle = i + 1 + between;
    let whole = (i + 1..particle).all(|k| {
        let word = words.word(k);
        (!OBJECT_ENDS.contains(&word) || matches!(word, "and" | "or"))
            && !separated(sentence, words, k - 1, k)
    }) && !separated(sentence, words, particle - 1, particle);
    (whole && !is_not_a_verb(lexicon, sentence, words, &(i..i + 1))).then_some(Effect {
        range: i..particle + len - 1,
        strength,
        object_from: i + 1,
    })
}

/// The most words between a phrasal effect's verb and its particle ("keeps those nasty winter
/// colds away").
const SEPARATED_OBJECT: usize = 4;

/// An effect found in a sentence: its words, its strength, and the first word its target may
/// start at.
struct Effect {
    range: Range<usize>,
    strength: Strength,
    object_from: usize,
}

/// How many words before a nominal effect its giving verb may be ("provides fast lasting relief
/// from").
const NOMINAL_REACH: usize = 4;

/// How many words before its effect a universal quantifier at `u` still quantifies the claim:
/// six, or ten when it opens the clause as a subject lengthened by a phrase after it ("Every
/// single user of the app has lowered their blood pressure"). "All children required daily
/// treatments to manage their asthma" has a verb of its own in between, not a longer subject.
fn reach(words: &Words, u: usize, verb: usize, clause: &Range<usize>) -> usize {
    let lengthened = (u..verb).any(|k| matches!(words.word(k), "of" | "who" | "that" | "in"));
    if u == clause.start && lengthened {
        10
    } else {
        6
    }
}

/// Universal promises without an effect verb: "Everyone who tries this diet loses weight",
/// "You won't have back pain again". Only the strong quantifiers of `[quantifiers] promise`
/// count here, with a condition or symptom in the same clause, where no effect claim already is.
fn add_promises(lexicon: &Lexicon, sentence: &str, words: &Words, claims: &mut Vec<Claim>) {
    let n = words.len();
    let mut k = 0;
    while k < n {
        let Some((len, ())) = lexicon.promises.longest_at(words, k, n) else {
            k += 1;
            continue;
        };
        let quantifier = k..k + len;
        k += len;
        let clause = words.clause_start(sentence, quantifier.start)
            ..words.clause_end(sentence, quantifier.start);
        let clause_bytes =
            words.range(clause.start).start..words.range(clause.end.saturating_sub(1)).end;
        if claims
            .iter()
            .any(|c| c.span.start < clause_bytes.end && clause_bytes.start < c.span.end)
        {
            continue;
        }
        // A condition or symptom ("loses weight", "gets the flu"), or a part of the body said to
        // work better ("our clients sleep better").
        let target = (clause.start..clause.end).find_map(|j| {
            // "all of our patients … in the Division of Spine Surgery": a name, not a target.
            (!quantifier.contains(&j) && !is_in_a_name(sentence, words, j))
                .then(|| lexicon.target_at(words, j, clause.end))
                .flatten()
                .filter(|(len, class)| match class {
                    TargetClass::Condition | TargetClass::Symptom => true,
                    TargetClass::Body => BETTER.contains(&words.word(j + len)),
                    TargetClass::Outcome | TargetClass::Microbe => false,
                })
                .map(|(len, class)| (j..j + len, class))
        });
        let Some((target, class)) = target else {
            continue;
        };
        // A promise is made about a treatment: one is named, the promise is one of time
        // ("again", "for good"), or the people are those who take something ("everyone who
        // tries it"). "No one knows what causes it" and "Almost everyone has had a headache" are
        // not promises.
        let agent = find_agent(
            lexicon,
            words,
            &(quantifier.start..quantifier.start),
            &clause,
        );
        // "won't … again", "never … again": a time promise needs its negation ("Patients are
        // not to take it again" is an instruction).
        let timed = matches!(words.word(quantifier.start), "again" | "ever")
            && (clause.start..quantifier.start).any(|j| {
                words.word(j) == "never"
                    || (words.word(j) == "n't"
                        && j > 0
                        && matches!(words.word(j - 1), "wo" | "will" | "would" | "ca" | "can"))
            });
        // "everyone who tries it", "whoever takes these drops".
        let takes = |j: usize| TAKING.iter().any(|t| words.word(j).starts_with(t));
        let takers = (quantifier.end..clause.end).any(|j| words.word(j) == "who" && takes(j + 1))
            || (matches!(
                words.word(quantifier.end - 1),
                "whoever" | "anyone" | "anybody"
            ) && takes(quantifier.end));
        let qualified = quantifier.start > 0
            && matches!(
                words.word(quantifier.start - 1),
                "almost" | "nearly" | "virtually" | "not" | "practically"
            );
        // "Everyone 6 months and older should get a flu vaccine", "The vaccine is recommended
        // for everyone": advice, not a promise.
        let advice = (clause.start..clause.end)
            .any(|j| RECOMMENDING.contains(&words.word(j)) || ADVISING.contains(&words.word(j)));
        // "Our" names the seller's own treatment ("100% of our patients").
        let named = matches!(
            agent,
            AgentClass::Product | AgentClass::Alternative | AgentClass::Medical
        ) || (clause.start..clause.end).any(|j| words.word(j) == "our");
        // "Whatever your condition", "no matter how bad your pain": any reader's condition.
        let addressed = words.word(quantifier.start) == "whatever"
            || (words.word(quantifier.start) == "no"
                && words.word(quantifier.start + 1) == "matter");
        if qualified || advice || !(timed || takers || named || addressed) {
            continue;
        }
        let start = find_universal(lexicon, sentence, words, &clause)
            .unwrap_or(quantifier.start)
            .min(target.start);
        let end = target.end.max(quantifier.end);
        claims.push(Claim {
            span: words.range(start).start..words.range(end - 1).end,
            strength: Strength::Treat,
            agent: find_agent(
                lexicon,
                words,
                &(quantifier.start..quantifier.start),
                &clause,
            ),
            target: class,
            universal: true,
            boosted: false,
            refers_back: false,
            name: None,
            seller_only: false,
        });
    }
    claims.sort_by_key(|c| c.span.start);
}

/// Where an effect's target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// After it, as its object: "heals damaged joints".
    Object,
    /// Before it, as the subject of a passive or of a subject effect: "arthritis can be
    /// reversed", "the pain melted away".
    Subject,
    /// Right before a participle with no verb of its own: "Type 2 diabetes reversed".
    Bare,
}

/// The target an effect acts on, and where it stands: after it (from word `object_from`),
/// within its clause; for a passive ("arthritis can be reversed", "wrinkles are visibly
/// reduced") the subject before it; for a participle standing alone, the target just before it.
fn find_target(
    lexicon: &Lexicon,
    sentence: &str,
    words: &Words,
    verb: &Range<usize>,
    strength: Strength,
    object_from: usize,
    clause: &Range<usize>,
) -> Option<(Range<usize>, TargetClass, Side)> {
    // A subject effect takes an object only right after it ("melts away belly fat", "clears
    // up acne"), never one after a preposition ("the spots disappear in children with
    // chickenpox").
    let subject_effect = is_subject_effect(lexicon, words, verb);
    let limit = match subject_effect {
        true => (verb.end + SUBJECT_EFFECT_OBJECT).min(clause.end),
        false => (verb.end + TARGET_WINDOW).min(clause.end),
    };
    for k in object_from..limit {
        // An object does not run on past a comma or a list's dash: "when the heart beats too
        // slowly, it is called bradycardia", "- Poor wound healing - Purpura".
        let ends = separated(sentence, words, k - 1, k) || OBJECT_ENDS.contains(&words.word(k));
        if subject_effect && (ends || PREPOSITIONS.contains(&words.word(k))) {
            break;
        }
        if separated(sentence, words, k - 1, k) {
            break;
        }
        if let Some((len, class)) = lexicon.target_at(words, k, clause.end) {
            // "kill cancer cells", "target tumor cells", "decreased production of blood cells":
            // a mechanism, not a disease; but "repairs liver cells" and "protects brain cells"
            // promise the organ's repair or protection.
            if matches!(words.word(k + len), "cell" | "cells") {
                let repair = class == TargetClass::Body && strength <= Strength::Prevent;
                return repair.then_some((k..k + len + 1, class, Side::Object));
            }
            if let Some((target, class)) = risk_of_condition(lexicon, words, k, len, clause) {
                return Some((target, class, Side::Object));
            }
            return Some((k..k + len, class, Side::Object));
        }
        // The object of this verb ends where another phrase begins ("eliminating tobacco use
        // and reducing stress").
        if OBJECT_ENDS.contains(&words.word(k)) {
            return None;
        }
    }
    // The word before the effect, or before one adverb ahead of it ("are visibly reduced",
    // "fine lines visibly erased").
    let adverb = verb.start > clause.start && words.word(verb.start - 1).ends_with("ly");
    let before = verb.start - usize::from(adverb);
    // "can be reversed", not the progressive "is increasing".
    let passive = before > clause.start
        && BE_FORMS.contains(&words.word(before - 1))
        && !words.word(verb.start).ends_with("ing");
    let side = match (
        passive || subject_effect,
        words.word(verb.start).ends_with("ed"),
    ) {
        (true, _) => Side::Subject,
        (false, true) => Side::Bare,
        (false, false) => return None,
    };
    (clause.start..before).find_map(|k| {
        let (len, class) = lexicon.target_at(words, k, before)?;
        // A participle standing alone follows its target directly.
        (side == Side::Subject || k + len == before).then_some((k..k + len, class, side))
    })
}

/// How far after a subject effect an object of its own may end ("melts away stubborn belly
/// fat").
const SUBJECT_EFFECT_OBJECT: usize = 3;

/// Whether the effect at `verb` takes its target as its subject ("the pain vanished").
fn is_subject_effect(lexicon: &Lexicon, words: &Words, verb: &Range<usize>) -> bool {
    is_whole_entry(&lexicon.subject_effects, words, verb)
}

/// Whether the effect at `verb` has the person helped as its subject ("recovered from").
fn is_person_effect(lexicon: &Lexicon, words: &Words, verb: &Range<usize>) -> bool {
    is_whole_entry(&lexicon.person_effects, words, verb)
}

/// Whether the words of `verb` are exactly an entry of `table`.
fn is_whole_entry(table: &PhraseTable<()>, words: &Words, verb: &Range<usize>) -> bool {
    (table.longest_at(words, verb.start, verb.end))
        .is_some_and(|(len, ())| verb.start + len == verb.end)
}

/// The people a seller serves, when "our" makes them its own: "our patients", "most of our
/// clients".
const CLIENTELE: &[&str] = &[
    "patients",
    "clients",
    "customers",
    "members",
    "users",
    "buyers",
    "guests",
];

/// Whether the clause names the seller's clientele before word `verb`: "our patients", "our
/// own clients".
fn clientele_before(words: &Words, verb: usize, clause: &Range<usize>) -> bool {
    (clause.start..verb).any(|k| {
        CLIENTELE.contains(&words.word(k))
            && (k.saturating_sub(2)..k).any(|j| words.word(j) == "our")
    })
}

/// "your risk of heart disease", "the chance of getting a cold": a risk of a condition, read as
/// the condition, so that lowering it is a claim to prevent that condition; so is a span of one
/// ("flushes out years of built-up toxins").
fn risk_of_condition(
    lexicon: &Lexicon,
    words: &Words,
    k: usize,
    len: usize,
    clause: &Range<usize>,
) -> Option<(Range<usize>, TargetClass)> {
    let risk = len == 1
        && matches!(
            words.word(k),
            "risk" | "chance" | "odds" | "likelihood" | "years" | "decades"
        );
    if !risk || !matches!(words.word(k + 1), "of" | "for") {
        return None;
    }
    (k + 2..(k + 5).min(clause.end)).find_map(|j| {
        (lexicon.target_at(words, j, clause.end))
            .filter(|(_, class)| matches!(class, TargetClass::Condition | TargetClass::Symptom))
            .map(|(more, class)| (k..j + more, class))
    })
}

/// The class of an agent whose last word is just before word `end`, if any.
fn agent_ending_at(lexicon: &Lexicon, words: &Words, end: usize) -> Option<AgentClass> {
    (end.saturating_sub(4)..end).find_map(|k| {
        (lexicon.agents.longest_at(words, k, end))
            .and_then(|(len, class)| (k + len == end).then_some(class))
    })
}

/// What stands in a claim's subject place, read back from its verb past the modals, auxiliaries
/// and adverbs that may come between ("they can actively migrate", "it has been shown to").
#[derive(Clone, Copy)]
enum Subject {
    /// A noun or name at this word, or nothing to read: the agent is what [`find_agent`] found,
    /// if anything.
    Named(Option<usize>),
    /// A pronoun at this word: "it rebuilds", "they can repair".
    Pronoun(usize),
    /// A second verb sharing the subject of the first, after "and" at this word: "Stem cells
    /// migrate to the joint and promote the regeneration of cartilage".
    Shared(usize),
}

/// Pronouns that stand for a treatment named earlier.
const PRONOUNS: &[&str] = &["it", "they", "this", "these"];

/// Words after which an effect is a verb that are subjects themselves: the personal pronouns
/// of the reader and writer, and relative pronouns (whose subject is the noun they follow).
const OTHER_SUBJECTS: &[&str] = &["i", "we", "you", "that", "which", "who"];

fn subject_before(lexicon: &Lexicon, words: &Words, verb: usize, clause: &Range<usize>) -> Subject {
    let from = verb.saturating_sub(AGENT_WINDOW).max(clause.start);
    for k in (from..verb).rev() {
        let word = words.word(k);
        if PRONOUNS.contains(&word) {
            return Subject::Pronoun(k);
        }
        // A gerund after "and" is a second subject ("Avoiding risk factors and increasing
        // protective factors may help"), and a verb after "to … and" a second purpose ("to
        // reduce inflammation and suppress the immune system").
        if matches!(word, "and" | "or") {
            let gerund = words.word(verb).ends_with("ing");
            let infinitive = (k.saturating_sub(TARGET_WINDOW)..k).any(|j| {
                words.word(j) == "to"
                    && !words.word(j + 1).ends_with("ed")
                    && lexicon.effects.longest_at(words, j + 1, k).is_some()
            });
            return match gerund || infinitive {
                true => Subject::Named(None),
                false => Subject::Shared(k),
            };
        }
        // Modals, auxiliaries, "help" and adverbs: the words after which an effect is a verb
        // (`[forms] verb-introducers`), and the auxiliaries of the passive and perfect.
        let companion = (lexicon.verb_introducers.contains(word)
            && !OTHER_SUBJECTS.contains(&word))
            || BE_FORMS.contains(&word)
            || matches!(word, "has" | "have" | "had")
            || RESULT_FRAMES.contains(&word)
            || (word.ends_with("ly") && word.len() > 4);
        if !companion {
            return Subject::Named(Some(k));
        }
    }
    Subject::Named(None)
}

/// Verbs before an -ing effect that give it up: "stop managing your symptoms".
const GIVING_UP: &[&str] = &[
    "stop", "stops", "stopped", "quit", "avoid", "avoids", "avoided",
];

/// Verbs that command the effect after them in its -ing form: "Start healing your gut today".
const COMMAND_STARTERS: &[&str] = &["start", "begin", "keep"];

/// Whether the effect at `verb` is commanded: a base form opening its clause ("Reduce stress
/// naturally"), or an -ing form after [`COMMAND_STARTERS`].
fn is_commanded(words: &Words, verb: &Range<usize>, clause: &Range<usize>) -> bool {
    let word = words.word(verb.start);
    match verb.start.checked_sub(clause.start) {
        Some(0) => {
            !word.ends_with('s')
                && !word.ends_with("ed")
                && !word.ends_with("ing")
                && !inflections::is_irregular_form(word)
        }
        Some(1) => word.ends_with("ing") && COMMAND_STARTERS.contains(&words.word(clause.start)),
        _ => false,
    }
}

/// Whether the effect at `verb` opens its clause in the third person with no subject at all:
/// the elliptical style of product copy and its lists ("Melts away migraines.", "**Arnica** –
/// heals bruises overnight"), whose subject is the product the page or list is about. A base
/// form there is an instruction ("Reduce stress"), a participle an adjective.
fn is_elliptical(words: &Words, verb: &Range<usize>, clause: &Range<usize>) -> bool {
    let word = words.word(verb.start);
    verb.start == clause.start && word.ends_with('s') && !word.ends_with("ss")
}

/// Whether word `k` is written as a name the lexicon does not know: capitalised, and neither a
/// treatment nor a condition ("GlowBuild", "AuraClear"; not "Arthritis").
fn is_a_name(lexicon: &Lexicon, sentence: &str, words: &Words, k: usize) -> bool {
    let written = sentence.get(words.range(k)).unwrap_or("");
    written.chars().next().is_some_and(char::is_uppercase)
        && lexicon.targets.longest_at(words, k, k + 1).is_none()
        && !lexicon.agents.starts_with_word(words.word(k))
}

/// How far after its clause's pronoun subject a relative "that" may be for the pronoun's
/// antecedent to be its agent ("It is packed with nutrients that …").
const RELATIVE_REACH: usize = 5;

/// Verbs by which a subject is or holds what a relative clause then describes: "they form a
/// shield that …", "it is packed with nutrients that …" (not "it uses a current that …", a
/// mechanism).
const CONSTITUTIVE_VERBS: &[&str] = &[
    "is", "are", "form", "forms", "create", "creates", "make", "makes", "provide", "provides",
    "offer", "offers", "deliver", "delivers", "contain", "contains", "packs", "pack", "give",
    "gives", "build", "builds",
];

/// The personal pronoun that is the subject of the clause a relative `that` (word `that`) sits
/// in, close before it: the clause's first word, or its second after an adverb ("Together they
/// form a shield that …"), followed by a [`CONSTITUTIVE_VERBS`] verb. "This" and "these" are
/// left out: they are as often determiners ("This gene gives instructions for making a protein
/// that …").
fn pronoun_subject(words: &Words, clause: &Range<usize>, that: usize) -> Option<usize> {
    let first = clause.start;
    let adverb = |w: &str| w.ends_with("ly") || matches!(w, "together" | "now" | "today" | "then");
    [first, first + 1].into_iter().find(|&k| {
        matches!(words.word(k), "it" | "they")
            && (k == first || adverb(words.word(first)))
            && CONSTITUTIVE_VERBS.contains(&words.word(k + 1))
            && k + 1 < that
            && that <= k + RELATIVE_REACH
    })
}

/// Whether a sentence opens with a pronoun standing for a treatment named before: "It
/// outperforms prescription painkillers."
pub fn opens_with_pronoun(words: &Words) -> bool {
    PRONOUNS.contains(&words.word(0))
}

/// Verbs whose subject a purpose after them belongs to: "CBD works with your endocannabinoid
/// system to calm anxiety", "This formula combines glucosamine and MSM to repair joints", "Stem
/// cells are injected to ease pain".
const PURPOSE_CARRIERS: &[&str] = &[
    "work",
    "works",
    "worked",
    "act",
    "acts",
    "combine",
    "combines",
    "combined",
    "team",
    "teams",
    "join",
    "joins",
    "blend",
    "blends",
    "use",
    "uses",
    "harness",
    "harnesses",
    // A treatment given: "Stem cells are injected into the joint to relieve arthritis".
    "injected",
    "implanted",
    "infused",
    "transplanted",
];

/// The agent of a purpose with no treatment just before its "to" (at word `to`): the subject of
/// a carrying verb earlier in the clause, if there is one.
fn carried_purpose(
    lexicon: &Lexicon,
    words: &Words,
    to: usize,
    clause: &Range<usize>,
) -> Option<AgentClass> {
    let carrier = (clause.start..to).find(|&k| PURPOSE_CARRIERS.contains(&words.word(k)))?;
    let subject = carrier.saturating_sub(AGENT_WINDOW).max(clause.start)..carrier;
    match agent_in(lexicon, words, subject) {
        AgentClass::Unknown => None,
        agent => Some(agent),
    }
}

/// The agent a claim that [refers back](Claim::refers_back) stands for: the first treatment or
/// other agent named in `earlier`, the sentences before it, nearest first; a name the page's
/// `title` gives a product counts as that product ("GlowBuild smooths fine lines. Within weeks
/// it firms your skin"). With none named before, it is what the title says the page sells
/// ("# PureSole Detox Foot Pads" over "Removes heavy metals").
pub fn antecedent<'a>(
    lexicon: &Lexicon,
    title: Option<&PageProduct>,
    earlier: impl IntoIterator<Item = &'a str>,
) -> Option<AgentClass> {
    (earlier.into_iter())
        .find_map(|sentence| subject_agent(lexicon, title, sentence, &Words::new(sentence)))
        .or(title.map(|title| title.class))
}

/// Prepositions: a noun after one is an object ("This destroys the stem cells in your bone
/// marrow"), and a noun before one (or before "and") is not yet followed by its verb.
const PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "at", "for", "from", "with", "by", "into", "through", "during", "about",
    "like", "than", "as", "to",
];

/// The agent a sentence names as a subject: not after a preposition, and followed by a word
/// that is neither a preposition nor "and" (so, likely, its verb): "Research shows that
/// acupuncture reduces …", "Its active compound, curcumin, blocks …". A name the page's `title`
/// gives a product counts as that product.
pub fn subject_agent(
    lexicon: &Lexicon,
    title: Option<&PageProduct>,
    sentence: &str,
    words: &Words,
) -> Option<AgentClass> {
    let n = words.len();
    let mut k = 0;
    while k < n {
        let titled = || {
            let name = title.filter(|_| is_a_name(lexicon, sentence, words, k))?;
            name.class_of(sentence.get(words.range(k))?)
                .map(|class| (1, class))
        };
        let Some((len, class)) = lexicon.agents.longest_at(words, k, n).or_else(titled) else {
            k += 1;
            continue;
        };
        let before = k.checked_sub(1).map_or("", |b| words.word(b));
        let after = words.word(k + len);
        let subject = !PREPOSITIONS.contains(&before)
            && !after.is_empty()
            && !PREPOSITIONS.contains(&after)
            && !matches!(after, "and" | "or");
        if subject {
            return Some(class);
        }
        k += len;
    }
    None
}

/// The class of the agent in the clause: the subject side before the effect, else the side
/// after it ("arthritis can be reversed with turmeric"). A product or alternative therapy wins
/// over conventional medicine named on the same side ("cured my arthritis without drugs").
fn find_agent(
    lexicon: &Lexicon,
    words: &Words,
    verb: &Range<usize>,
    clause: &Range<usize>,
) -> AgentClass {
    let from = verb.start.saturating_sub(AGENT_WINDOW).max(clause.start);
    // An agent of several words that the window cuts ("stem | cells also have the ability to
    // fight …") is read whole, not as its last word.
    let from = (from.saturating_sub(3).max(clause.start)..from)
        .find(|&k| {
            (lexicon.agents.longest_at(words, k, verb.start)).is_some_and(|(len, _)| k + len > from)
        })
        .unwrap_or(from);
    let subject = from..verb.start;
    let before = agent_in(lexicon, words, subject);
    // After the effect, an agent is introduced by a preposition ("reversed with turmeric"); the
    // words right after the effect are its target ("repairs liver damage"), not its agent.
    let found = if before == AgentClass::Unknown {
        let end = (verb.end + TARGET_WINDOW + AGENT_WINDOW).min(clause.end);
        let by = (verb.end..end).find(|&k| AGENT_PREPOSITIONS.contains(&words.word(k)));
        by.map_or(AgentClass::Unknown, |k| {
            agent_in(lexicon, words, k + 1..end)
        })
    } else {
        before
    };
    found
}

/// The agent class a whole sentence speaks of (see [`find_agent`] for one claim's).
pub fn sentence_agent(lexicon: &Lexicon, words: &Words) -> AgentClass {
    agent_in(lexicon, words, 0..words.len())
}

/// The agent class of a sentence's words from `from` on (see [`subject_start`]), up to a
/// "than", "without" or "instead": what follows is what the subject is compared with or spares
/// its users ("That's better than any prescription treatment", "freed hundreds from back pain
/// without drugs or surgery", "instead of antibiotics").
pub fn agent_from(lexicon: &Lexicon, words: &Words, from: usize) -> AgentClass {
    let n = words.len();
    let end = (from..n)
        .find(|&k| matches!(words.word(k), "than" | "without" | "instead"))
        .unwrap_or(n);
    agent_in(lexicon, words, from..end)
}

/// Comparatives that open a sentence with what its unsaid subject beats: "Better than
/// antibiotics", "Safer than surgery", "Far gentler than steroid creams".
const COMPARATIVE_OPENERS: &[&str] = &[
    "better",
    "safer",
    "gentler",
    "faster",
    "stronger",
    "cheaper",
    "healthier",
    "kinder",
    "more",
    "less",
    "far",
    "much",
];

/// Where the words that may name a sentence's subject start, past an opening comparison whose
/// treatments are what the subject is compared with: after the comma of "Unlike antacids, which
/// only mask symptoms, GutGenius …", and nowhere (the sentence's length) in "Better than
/// antibiotics, better than antacids", whose subject is unsaid.
pub fn subject_start(sentence: &str, words: &Words) -> usize {
    let n = words.len();
    match words.word(0) {
        "unlike" => (1..n)
            .find(|&k| comma_between(sentence, words, k - 1, k))
            .unwrap_or(n),
        first
            if COMPARATIVE_OPENERS.contains(&first) && (1..4).any(|k| words.word(k) == "than") =>
        {
            n
        }
        _ => 0,
    }
}

/// How many words before a treatment "our" still makes it the seller's ("our new stem cell
/// injections").
const OUR_REACH: usize = 3;

fn agent_in(lexicon: &Lexicon, words: &Words, range: Range<usize>) -> AgentClass {
    let mut found = AgentClass::Unknown;
    // Where the last agent ended, and its class.
    let mut previous_end: Option<(usize, AgentClass)> = None;
    let mut k = range.start;
    while k < range.end {
        match lexicon.agents.longest_at(words, k, range.end) {
            Some((len, class)) => {
                // "Our injections", "our therapy": a seller speaking of what it sells, not the
                // ordinary language of medicine ("our data show the drug works" is not).
                let ours = (k.saturating_sub(OUR_REACH)..k).any(|j| words.word(j) == "our");
                let class = match class {
                    AgentClass::Medical if ours => AgentClass::Alternative,
                    // "antibiotic creams", "steroid injections": a medicine's form is medicine.
                    AgentClass::Product if previous_end == Some((k, AgentClass::Medical)) => {
                        AgentClass::Medical
                    }
                    _ => class,
                };
                previous_end = Some((k + len, class));
                if class == AgentClass::Body && is_a_place(words, k) {
                    k += len;
                    continue;
                }
                if found == AgentClass::Unknown
                    || matches!(class, AgentClass::Product | AgentClass::Alternative)
                {
                    found = class;
                }
                k += len;
            }
            None => k += 1,
        }
    }
    found
}

/// Whether the word at `k` is where something happens rather than what acts: "in the body",
/// "throughout your body" ("Stem cells migrate … in the body, and promote …").
fn is_a_place(words: &Words, k: usize) -> bool {
    const PLACES: &[&str] = &["in", "into", "inside", "within", "throughout", "around"];
    const DETERMINERS: &[&str] = &["the", "your", "their", "his", "her", "our", "my", "a"];
    let back = |n: usize| k.checked_sub(n).map_or("", |b| words.word(b));
    PLACES.contains(&back(1)) || (DETERMINERS.contains(&back(1)) && PLACES.contains(&back(2)))
}

/// Whether a comma separates word `a` from the later word `b`: "safe for everyone, and it
/// relieves pain" quantifies the safety, not the relief.
fn comma_between(sentence: &str, words: &Words, a: usize, b: usize) -> bool {
    between(sentence, words, a, b).contains(',')
}

/// Whether a comma or a spaced dash (a flattened list's bullet) stands between word `a` and the
/// next word `b`.
fn separated(sentence: &str, words: &Words, a: usize, b: usize) -> bool {
    let gap = between(sentence, words, a, b);
    gap.contains(',') || gap.contains(" - ")
}

/// The text from the end of word `a` to the start of the later word `b`.
fn between<'a>(sentence: &'a str, words: &Words, a: usize, b: usize) -> &'a str {
    (sentence.get(words.range(a).end..words.range(b).start)).unwrap_or("")
}

/// Whether word `k` is written in capitals, as an acronym ("ALL", acute lymphoblastic leukaemia)
/// rather than a quantifier.
fn is_acronym(sentence: &str, words: &Words, k: usize) -> bool {
    let raw = sentence.get(words.range(k)).unwrap_or("");
    raw.len() > 1 && raw.chars().all(|c| c.is_ascii_uppercase())
}

/// The first word of a universal quantifier in the clause, if any. "won't … again" and
/// "never … again" count from the negation, which is then part of the claim, not a denial of it.
fn find_universal(
    lexicon: &Lexicon,
    sentence: &str,
    words: &Words,
    clause: &Range<usize>,
) -> Option<usize> {
    let mut k = clause.start;
    while k < clause.end {
        let found = lexicon
            .quantifiers
            .longest_at(words, k, clause.end)
            .is_some();
        // "almost always", "nearly everyone": qualified, not universal.
        let qualified = k > 0 && matches!(words.word(k - 1), "almost" | "nearly" | "virtually");
        // "No one treatment works for everyone" denies a single treatment; it is not "nobody".
        let single = words.word(k) == "no"
            && words.word(k + 1) == "one"
            && lexicon.agents.starts_with_word(words.word(k + 2));
        if found && !qualified && !single && !is_acronym(sentence, words, k) {
            let word = words.word(k);
            if matches!(word, "again" | "anymore" | "ever") {
                let negation = (clause.start..k)
                    .find(|&j| matches!(words.word(j), "n't" | "not" | "never" | "no"));
                return Some(negation.map_or(k, |j| j.saturating_sub(1).max(clause.start)));
            }
            return Some(k);
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claims of `sentence` on a page that sells nothing.
    fn claims(sentence: &str) -> Vec<(String, Strength, AgentClass, TargetClass, bool)> {
        let words = Words::new(sentence);
        extract(Lexicon::builtin(), sentence, &words)
            .into_iter()
            .filter(|c| !c.seller_only)
            .map(|c| {
                (
                    sentence[c.span].to_string(),
                    c.strength,
                    c.agent,
                    c.target,
                    c.universal,
                )
            })
            .collect()
    }

    use AgentClass::Product;
    use Strength::*;

    use TargetClass::*;

    #[test]
    fn effect_agent_and_target() {
        assert_eq!(
            claims("Turmeric heals damaged joints."),
            [("heals damaged joints".into(), Cure, Product, Body, false)]
        );
        assert_eq!(
            claims("This cleanse restores your liver."),
            [("restores your liver".into(), Reverse, Product, Body, false)]
        );
        assert_eq!(
            claims("Ginger has been shown to reduce inflammation."),
            [("reduce inflammation".into(), Treat, Product, Symptom, false)]
        );
    }

    #[test]
    fn passive_targets_and_agents_after_the_verb() {
        assert_eq!(
            claims("Type 2 diabetes can be reversed with a ketogenic diet."),
            [("reversed".into(), Reverse, Product, Condition, false)]
        );
    }

    #[test]
    fn universal_quantifiers_in_any_order() {
        let found = claims("It always relieves headaches.");
        assert_eq!(found.len(), 1);
        assert!(found[0].4);
        assert_eq!(found[0].0, "always relieves headaches");
        for (sentence, span) in [
            (
                "Every single user of the app has lowered their blood pressure.",
                "Every single user of the app has lowered their blood pressure",
            ),
            (
                "100% of our patients felt less pain after treatment.",
                "100% of our patients felt less pain",
            ),
            (
                "Whoever tries these drops notices the ringing in their ears fade.",
                "Whoever tries these drops notices the ringing in their ears",
            ),
            (
                "Not a single patient has relapsed after our treatment.",
                "Not a single patient has relapsed",
            ),
            (
                "Without exception, our clients sleep better after one session.",
                "Without exception, our clients sleep",
            ),
        ] {
            let found = claims(sentence);
            assert!(
                found.iter().any(|c| c.4 && c.0 == span),
                "{sentence}: {found:?}"
            );
        }
        for sentence in [
            "All children required daily inhaled treatments to manage their asthma.",
            "No one knows what causes MS.",
            "No one plans to get sick or hurt.",
            "Over 100 patients felt less pain after treatment.",
        ] {
            assert!(claims(sentence).iter().all(|c| !c.4), "{sentence}");
        }
    }

    #[test]
    fn an_agent_cut_by_the_window_is_read_whole() {
        let found = claims("Stem cells also have the ability to fight inflammation.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, AgentClass::Alternative);
    }

    #[test]
    fn nouns_are_not_effects() {
        assert!(claims("There is a cure for some infections.").is_empty());
        assert!(claims("The treatment of arthritis varies.").is_empty());
        // A participle after a determiner and an adverb, and a capitalised word in a name.
        assert!(claims("The lip looks like a poorly repaired cleft lip.").is_empty());
        assert!(
            claims("Doctors often suggest the Dietary Approaches to Stop Hypertension plan.")
                .is_empty()
        );
        // In a title-case heading the capitalised verb is still a verb.
        assert_eq!(claims("Turmeric Heals Arthritis").len(), 1);
    }

    #[test]
    fn an_object_ends_at_a_comma_or_a_list_dash() {
        assert!(claims("When the heart beats too slowly, doctors call it bradycardia.").is_empty());
        assert!(claims("Signs include - Slow wound healing - Purpura - Weakness").is_empty());
        assert!(claims("They have delayed healing, joint damage and ulcers.").is_empty());
        assert_eq!(claims("It cures eczema, acne and psoriasis.").len(), 1);
    }

    #[test]
    fn purposes_attempts_and_help_are_not_cures() {
        let strength = |sentence: &str| claims(sentence).first().map(|c| c.1);
        for sentence in [
            "Doctors give fluids through a vein to reverse hypercalcemia.",
            "Patients then get more of the drug to try to stop the lymphoma from coming back.",
            "Rehabilitation can help people overcome disabilities caused by a stroke.",
            "Hormone blockers have been reported to stop hair loss in some women.",
        ] {
            assert_eq!(strength(sentence), Some(Treat), "{sentence}");
        }
        for sentence in [
            "This diet is proven to reverse diabetes.",
            "The app enables smokers to overcome nicotine addiction.",
        ] {
            assert!(strength(sentence) < Some(Treat), "{sentence}");
        }
    }

    #[test]
    fn a_purpose_belongs_to_the_noun_before_it() {
        let found = claims("Use a cream or an oral antibiotic to reduce the swelling.");
        assert_eq!(found[0].2, AgentClass::Medical, "{found:?}");
        assert!(claims("Scarring prevents the kidneys from properly filtering blood.").is_empty());
    }

    /// The words of the claims `sentence` makes only for what a page sells.
    fn sold_claims(sentence: &str) -> Vec<&str> {
        let words = Words::new(sentence);
        (extract(Lexicon::builtin(), sentence, &words).into_iter())
            .filter(|c| c.seller_only)
            .map(|c| &sentence[c.span])
            .collect()
    }

    #[test]
    fn a_relative_clause_after_a_pronoun_subject_refers_back() {
        let extracted = |sentence: &str| {
            let words = Words::new(sentence);
            extract(Lexicon::builtin(), sentence, &words)
                .into_iter()
                .map(|c| (sentence[c.span].to_string(), c.refers_back))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            extracted("Together they form a shield that wards off colds."),
            [("wards off colds".to_string(), true)]
        );
        assert_eq!(
            extracted("It is packed with nutrients that strengthen your immune system."),
            [("strengthen your immune system".to_string(), true)]
        );
        // A relative clause deep in a description is a mechanism, and "this" a determiner.
        assert!(extracted("It uses a current that stops the bleeding.").is_empty());
        assert!(extracted(
            "This gene gives instructions for making a protein that turns on proteins that control the immune response."
        )
        .is_empty());
    }

    #[test]
    fn a_commanded_effect_is_the_seller_s_unless_it_cures_a_disease() {
        for (sentence, claim) in [
            (
                "Start rebuilding your cartilage today.",
                "rebuilding your cartilage",
            ),
            (
                "Strengthen your joints naturally.",
                "Strengthen your joints",
            ),
        ] {
            assert_eq!(sold_claims(sentence), [claim], "{sentence}");
            assert!(claims(sentence).is_empty(), "{sentence}");
        }
        assert_eq!(
            claims("Reverse your autoimmune disease.")[0].0,
            "Reverse your autoimmune disease"
        );
        assert!(sold_claims("Stop managing your symptoms.").is_empty());
        assert!(sold_claims("Regrew hair in six weeks.").is_empty());
    }

    #[test]
    fn an_ing_word_the_lexicon_names_is_a_target() {
        assert_eq!(
            claims("AuraClear restores hearing.")[0].0,
            "restores hearing"
        );
        assert!(claims("It helps stop smoking.").is_empty());
    }

    #[test]
    fn results_without_an_agent_or_a_verb_are_the_seller_s() {
        for (sentence, claim) in [
            (
                "Inflammation is reduced at the source, and swelling eases.",
                "reduced",
            ),
            ("Type 2 diabetes reversed", "reversed"),
            ("Wrinkles are visibly reduced within days.", "reduced"),
            (
                "Wrinkles and fine lines visibly erased in 14 days",
                "erased",
            ),
            ("A stronger immune system", "stronger immune system"),
            (
                "Joint pain relief within a single session",
                "Joint pain relief",
            ),
            (
                "Relief from stiff, aching joints within hours",
                "Relief from stiff, aching joints",
            ),
            (
                "We repair worn cartilage without surgery.",
                "repair worn cartilage",
            ),
            (
                "We use your own healing cells to repair worn cartilage.",
                "repair worn cartilage",
            ),
        ] {
            assert_eq!(sold_claims(sentence), [claim], "{sentence}");
            assert!(claims(sentence).is_empty(), "{sentence}");
        }
        for sentence in [
            "Cholesterol was reduced by 20 mg/dl.",
            "Lower back pain is common.",
            "The drug slowed plaque growth (less plaque on follow-up).",
            "Its incidence is increasing worldwide.",
        ] {
            assert!(sold_claims(sentence).is_empty(), "{sentence}");
        }
    }

    #[test]
    fn nominal_effects_after_a_giving_verb() {
        assert_eq!(
            claims("Our powder promotes the regeneration of damaged cartilage."),
            [(
                "promotes the regeneration of damaged cartilage".into(),
                Reverse,
                Product,
                Body,
                false
            )]
        );
        assert_eq!(
            claims("Acupressure is highly effective for back pain.")[0].1,
            Treat
        );
        // A giving verb that is also an effect of its own ("triggers" a harm) gives the noun.
        assert_eq!(
            claims("Our PRP protocol triggers the regeneration of cartilage.")[0].1,
            Reverse
        );
        for sentence in [
            "There is currently no cure for Huntington disease.",
            "Reflexology offers little relief from migraines.",
            "Relief from pain after surgery takes a few days.",
            "The search for a cure for diabetes goes on.",
        ] {
            assert!(claims(sentence).is_empty(), "{sentence}");
        }
    }

    #[test]
    fn a_risk_of_a_condition_is_the_condition() {
        assert_eq!(
            claims("The Mediterranean diet slashes your risk of heart disease."),
            [(
                "slashes your risk of heart disease".into(),
                Treat,
                Product,
                Condition,
                false
            )]
        );
    }

    #[test]
    fn can_be_used_to_treat_is_a_claim_only_for_products_and_alternatives() {
        assert_eq!(
            claims("Chiropractic adjustments can also be used to treat asthma.").len(),
            1
        );
        assert!(claims("Antibiotics can be used to treat strep throat.").is_empty());
        assert!(claims("Acupuncture is used to treat pain in some clinics.").is_empty());
    }

    #[test]
    fn a_purpose_carried_by_a_verb_of_working_belongs_to_its_subject() {
        let found = claims("CBD works with your endocannabinoid system to calm anxiety.");
        assert_eq!(found[0].2, Product, "{found:?}");
        let found = claims("This formula combines glucosamine and MSM to repair damaged joints.");
        assert_eq!(found[0].2, Product, "{found:?}");
    }

    #[test]
    fn a_pronoun_or_a_shared_subject_stands_for_the_treatment_named_before_it() {
        let agent_and_back = |sentence: &str| {
            let words = Words::new(sentence);
            let found = extract(Lexicon::builtin(), sentence, &words);
            (found[0].agent, found[0].refers_back)
        };
        // Named earlier in the sentence.
        assert_eq!(
            agent_and_back("After a course of acupuncture, it eases back pain for good."),
            (AgentClass::Alternative, false)
        );
        assert_eq!(
            agent_and_back("Stem cells migrate to the joint and promote cartilage regeneration."),
            (AgentClass::Alternative, false)
        );
        // Named before the sentence: the caller resolves it.
        assert_eq!(
            agent_and_back("Taken every day, it can actually repair damaged joints."),
            (AgentClass::Unknown, true)
        );
        assert_eq!(
            agent_and_back("These can slow or stop joint damage."),
            (AgentClass::Unknown, true)
        );
        // A second gerund subject and a second purpose share nothing.
        assert!(!agent_and_back("Avoiding smoking and increasing exercise may prevent cancer.").1);
        let found = claims(
            "Doctors use creams, such as steroids, to reduce inflammation and suppress the immune system.",
        );
        assert!(
            found.iter().all(|c| c.2 == AgentClass::Unknown),
            "{found:?}"
        );
    }

    #[test]
    fn a_subject_effect_is_a_claim_only_for_a_named_product_or_therapy() {
        let found = claims("Within days of starting our CBD oil, your joint pain melts away.");
        assert_eq!(found[0].0, "melts away", "{found:?}");
        assert_eq!(found[0].2, Product, "{found:?}");
        assert_eq!(
            claims("Our cream clears up acne overnight.")[0].0,
            "clears up acne"
        );
        assert!(claims("The rash usually goes away in a week.").is_empty());
        assert!(claims("The spots disappear in children who had chickenpox.").is_empty());
    }

    #[test]
    fn a_relative_clause_belongs_to_the_noun_before_it() {
        let found = claims("These gummies are full of antioxidants that neutralize free radicals.");
        assert_eq!(found[0].0, "neutralize free radicals", "{found:?}");
        assert_eq!(found[0].2, Product, "{found:?}");
        let found = claims(
            "Other options are home remedies and medicines that suppress the immune system.",
        );
        assert_eq!(found[0].2, AgentClass::Medical, "{found:?}");
        assert!(
            claims("The needle carries an electric current that stops the bleeding.").is_empty()
        );
        assert!(claims("Studies show that cure rates are high.").is_empty());
    }

    #[test]
    fn a_body_part_s_cells_are_the_organ_for_repair_but_not_for_other_effects() {
        assert_eq!(
            claims("Milk thistle repairs liver cells.")[0].0,
            "repairs liver cells"
        );
        assert!(claims("The drug kills cancer cells.").is_empty());
        assert!(claims("It leads to decreased production of blood cells.").is_empty());
    }

    #[test]
    fn a_base_form_after_and_is_a_verb_when_a_condition_follows() {
        let found = claims("Our capsules fire up your metabolism and burn fat around the clock.");
        assert_eq!(found[0].0, "burn fat", "{found:?}");
        assert!(claims("Stretching helps with stiffness and lower back pain.").is_empty());
        assert!(claims("Scientists discover and target brain areas linked to memory.").is_empty());
    }

    #[test]
    fn the_body_as_a_place_is_not_the_agent() {
        let found = claims(
            "Stem cells can move to damaged areas in the body, and promote the regeneration of cartilage.",
        );
        let promoted = found.iter().find(|c| c.0.starts_with("promote"));
        assert_eq!(
            promoted.map(|c| c.2),
            Some(AgentClass::Alternative),
            "{found:?}"
        );
        let found = claims("Antibodies in your blood fight the infection.");
        assert_eq!(found[0].2, AgentClass::Body, "{found:?}");
    }

    #[test]
    fn a_medicine_s_form_is_medicine() {
        let found = claims("Antibiotic creams can prevent or treat infections.");
        assert!(
            found.iter().all(|c| c.2 == AgentClass::Medical),
            "{found:?}"
        );
    }

    #[test]
    fn the_body_s_own_material_is_a_means_not_the_agent() {
        let found = claims(
            "Our platelet-rich plasma injections use your own blood to heal torn ligaments.",
        );
        assert_eq!(found[0].2, AgentClass::Alternative, "{found:?}");
        let found = claims("The body uses white blood cells to fight infection.");
        assert_eq!(found[0].2, AgentClass::Body, "{found:?}");
    }

    #[test]
    fn the_antecedent_is_a_subject_not_an_object() {
        let lexicon = Lexicon::builtin();
        let named = |sentence: &str| antecedent(lexicon, None, [sentence]);
        assert_eq!(
            named("Research has shown that acupuncture reduces nausea."),
            Some(AgentClass::Alternative)
        );
        assert_eq!(
            named("Its active compound, curcumin, blocks enzymes."),
            Some(Product)
        );
        assert_eq!(
            named("This destroys the faulty stem cells in your bone marrow."),
            None
        );
        assert_eq!(named("Your doctor may suggest fish oil."), None);
    }

    #[test]
    fn a_purpose_with_no_treatment_before_it_belongs_to_no_one() {
        let found = claims(
            "It is the use of drugs, vitamins, or other substances to reduce the risk of cancer.",
        );
        assert_eq!(found[0].2, AgentClass::Unknown, "{found:?}");
    }

    #[test]
    fn our_treatment_is_the_sellers_but_our_data_are_not() {
        let words = Words::new("Our injections are a safer alternative to surgery.");
        assert_eq!(
            sentence_agent(Lexicon::builtin(), &words),
            AgentClass::Alternative
        );
        let words = Words::new("Our data show that the drug lowers blood pressure.");
        assert_eq!(
            sentence_agent(Lexicon::builtin(), &words),
            AgentClass::Medical
        );
    }

    #[test]
    fn a_gerund_before_of_names_a_process_and_one_before_a_target_describes_it() {
        assert!(claims("Scleroderma is marked by thickening of the skin.").is_empty());
        assert_eq!(
            claims("Biotin gummies thicken thinning hair.")[0].0,
            "thicken thinning hair"
        );
        assert!(claims("Stop taking aspirin before surgery.").is_empty());
    }

    #[test]
    fn a_capitalised_name_is_what_the_title_says_it_is() {
        let lexicon = Lexicon::builtin();
        let sentence = "GlowBuild smooths fine lines.";
        let words = Words::new(sentence);
        let found = extract(lexicon, sentence, &words);
        let name = found[0].name.clone().map(|n| &sentence[n]);
        assert_eq!(
            (found[0].agent, name),
            (AgentClass::Unknown, Some("GlowBuild"))
        );
        let title = Some("GlowBuild Marine Collagen Peptides");
        let sold = PageProduct::new(lexicon, title, "");
        assert_eq!(sold.and_then(|t| t.class_of("GlowBuild")), Some(Product));
        // A brand the body defines as a product; not one it defines otherwise.
        let slogan = Some("NeuroPeak Pro — Unlock Your Brain's Potential");
        let body = "Forget forgetting. **NeuroPeak Pro** is the advanced nootropic formula.";
        let sold = PageProduct::new(lexicon, slogan, body);
        assert_eq!(sold.and_then(|t| t.class_of("NeuroPeak")), Some(Product));
        let body = "NeuroPeak Pro is a charity that funds brain research.";
        assert!(PageProduct::new(lexicon, slogan, body).is_none());
        // Any mention that defines it as a product counts, not only the first definition.
        let body = "NeuroPeak Pro is our best seller. NeuroPeak Pro is the nootropic formula.";
        let sold = PageProduct::new(lexicon, slogan, body);
        assert_eq!(sold.and_then(|t| t.class_of("NeuroPeak")), Some(Product));
        // A coined name ("HearWell") is a product's even undefined; a surname is not a brand.
        let coined = Some("HearWell Plus");
        let sold = PageProduct::new(lexicon, coined, "HearWell Plus restores hearing.");
        assert_eq!(sold.and_then(|t| t.class_of("HearWell")), Some(Product));
        assert!(PageProduct::new(lexicon, Some("McCune Albright syndrome"), "").is_none());
        // A title naming medicine names no product; a condition is not a name.
        let medicines = Some("Metformin and other diabetes medicines");
        assert!(PageProduct::new(lexicon, medicines, "").is_none());
        // A page that sells sells a product, named or not.
        let shop = "Order now and get free shipping on every bottle.";
        let sold = PageProduct::new(lexicon, Some("Feel Better Today"), shop);
        assert_eq!(sold.map(|t| t.class), Some(Product));
        let sentence = "Arthritis can be reversed.";
        let words = Words::new(sentence);
        assert!(extract(lexicon, sentence, &words)[0].name.is_none());
    }

    #[test]
    fn a_shared_subject_is_the_first_claim_s_not_its_object() {
        let lexicon = Lexicon::builtin();
        let sentence = "LumaPro rejuvenates skin cells and erases scars.";
        let words = Words::new(sentence);
        let found = extract(lexicon, sentence, &words);
        assert!(
            found
                .iter()
                .all(|c| c.agent == AgentClass::Unknown && c.name.is_some()),
            "{found:?}"
        );
    }

    #[test]
    fn effects_listed_after_commas_share_the_first_claim_s_subject() {
        let lexicon = Lexicon::builtin();
        let sentence = "VitaBoost boosts immunity, banishes fatigue and relieves migraines.";
        let words = Words::new(sentence);
        let found = extract(lexicon, sentence, &words);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|c| c.name == found[0].name), "{found:?}");
    }

    #[test]
    fn microbes_are_their_own_target() {
        assert_eq!(claims("Heat kills germs.")[0].3, Microbe);
    }

    #[test]
    fn advice_to_everyone_is_not_a_universal_promise() {
        for sentence in [
            "Everyone with the disease should take the drug to lower the risk of stroke.",
            "Every child treated for the tumor should get chemotherapy to lower the chance of relapse.",
            "Some genes are known to increase the risk for it, no one gene is the cause.",
        ] {
            assert!(claims(sentence).iter().all(|c| !c.4), "{sentence}");
        }
    }
}
