//! Cue lists for the context model. Every entry is lower-case words separated by single spaces;
//! a trailing `*` on a word matches any word with that prefix. Contractions arrive split, so
//! "doesn't" is the two words "does" "n't".

use super::Words;

/// Pre-negation triggers (NegEx's `[PREN]` class, trimmed to what consumer prose uses): a claim
/// after one of these, in the same clause, is negated.
pub const NEGATION: &[&str] = &[
    "not",
    "n't",
    "no",
    "never",
    "neither",
    "nor",
    "none",
    "nothing",
    "nobody",
    "without",
    "lack of",
    "lacks",
    "lacked",
    "lacking",
    "absence of",
    "absent",
    "fail* to",
    "unable to",
    "rather than",
    "instead of",
    "free of",
    "ruled out",
    "rule out",
    "rules out",
    "denies",
    "denied",
    "unproven",
    "unsupported",
    "ineffective",
    "insufficient evidence",
    "little evidence",
    "against",
];

/// Negations that scope over the rest of the sentence, however long: "there is no evidence that
/// the device is revolutionary or that it treats any disease", "it is too early to call it a
/// cure".
pub const NEGATED_PROPOSITION: &[&str] = &[
    "no evidence",
    "no proof",
    "no scientific evidence",
    "no good evidence",
    "no reliable evidence",
    "little evidence",
    "not enough evidence",
    "insufficient evidence",
    "not true that",
    "not been shown",
    "not been proven",
    "never been proven",
    "no study",
    "no studies",
    "no research",
    "not been established",
    "not been evaluated",
    "not intended to",
    "too early to",
    "too soon to",
    "premature to",
];

/// Pseudo-negations (NegEx's `[PSEU]` class): they look like negations and are not, so they open
/// no negation scope. "There is no doubt it cures" is an absolute, not a negated claim.
pub const PSEUDO_NEGATION: &[&str] = &[
    "not only",
    "no doubt",
    "without doubt",
    "without a doubt",
    "no question",
    "not just",
    "no longer",
    "no wonder",
    "not to mention",
    "nothing but",
    "never before",
];

/// Post-negations and rebuttals: a claim followed by one of these is denied ("claims that the
/// tea cures cancer are false").
pub const REBUTTAL: &[&str] = &[
    "is false",
    "are false",
    "is untrue",
    "are untrue",
    "is not true",
    "are not true",
    "is a myth",
    "are a myth",
    "are myths",
    "is wrong",
    "are wrong",
    "is misleading",
    "are misleading",
    "is unproven",
    "are unproven",
    "has not been proven",
    "have not been proven",
    "has never been proven",
    "have never been proven",
    "is not supported",
    "are not supported",
    "lack* evidence",
    "was ruled out",
    "were ruled out",
    "is unlikely",
    "are unlikely",
];

/// Speculation cues (BioScope / CoNLL-2010 hedges) plus consumer-health hedges those
/// biomedical lists miss ("early research", "more research is needed") and research-purpose
/// frames common in patient information ("trials are testing whether").
pub const HEDGE: &[&str] = &[
    "may",
    "might",
    "could",
    "would",
    "should",
    "possibly",
    "possible",
    "perhaps",
    "maybe",
    "potentially",
    "potential",
    "probably",
    "probable",
    "likely",
    "unlikely",
    "suggest*",
    "appear to",
    "appears to",
    "appeared to",
    "seem to",
    "seems to",
    "seemed to",
    "is thought to",
    "are thought to",
    "believed to",
    "believe",
    "believes",
    "hypothes*",
    "unclear",
    "uncertain",
    "unknown",
    "not clear",
    "not known",
    "preliminary",
    "early research",
    "early results",
    "early studies",
    "early evidence",
    "early data",
    "early findings",
    "limited evidence",
    "some evidence",
    "aim* to",
    "designed to",
    "intended to",
    "being studied",
    "being tested",
    "to see if",
    "to find out",
    "to learn",
    "to test",
    "to determine",
    "to study",
    "to evaluate",
    "to assess",
    "hope* to",
    "hope is",
    "we hope",
    "i hope",
    "in theory",
    "theoretically",
    // Frequency: a qualified claim is not an absolute one ("can usually be cured", "is often
    // effective").
    "usually",
    "often",
    "sometimes",
    "rarely",
    "frequently",
    "generally",
    "typically",
    "in most cases",
    "in many cases",
    "in some cases",
    // Prognosis: "have a good chance of being cured" is a likelihood, not a promise.
    "chance of being",
    "chances of being",
];

/// Groups of people that advice is given to: a "should" after one of them is deontic ("people
/// should eat more fish"), not a hedge. "You" is left out: patient information addresses its
/// reader that way ("you should take folic acid to prevent …"), and its claims stay ordinary.
pub const PEOPLE: &[&str] = &[
    "people",
    "humans",
    "everyone",
    "everybody",
    "adults",
    "women",
    "men",
    "children",
    "kids",
    "parents",
    "patients",
    "consumers",
    "americans",
    "seniors",
    "smokers",
    "athletes",
];

/// Conditional and interrogative frames (ConText's "hypothetical" class): they govern the rest of
/// the sentence, however long the condition ("If they haven't spread to other parts of the body,
/// surgery can cure the cancer").
pub const CONDITIONAL: &[&str] = &[
    "if",
    "unless",
    "whether",
    "provided that",
    "as long as",
    "find out how",
    "learn how well",
    "know how well",
];

/// Reporting and warning frames: the phrase is someone else's claim, quoted to be examined or
/// warned against, not the writer's assertion.
pub const REPORTING: &[&str] = &[
    "claim*",
    "marketed",
    "advertised",
    "advertise*",
    "promoted as",
    // "is heavily promoted", "sites promoting the pills"; not "promotes", the verb that gives
    // an effect to its subject ("promotes the regeneration of cartilage").
    "promoted",
    "promoting",
    "touted",
    "sold as",
    "billed as",
    "labeled as",
    "labelled as",
    "said to",
    "is said",
    "are said",
    "supposedly",
    "allegedly",
    "alleged",
    "purport*",
    "so-called",
    "myth",
    "myths",
    "rumor*",
    "rumour*",
    "some people believe",
    "case report*",
    "people believe",
    "promise to",
    "promises to",
    "promised to",
    "critics",
    "skeptics",
    "sceptics",
    "detractors",
    "beware",
    "be wary",
    "be suspicious",
    "be skeptical",
    "be sceptical",
    "be careful",
    "watch out",
    "look out",
    "red flag*",
    "questioned",
    "warned",
    "despite",
    "ads",
    // Who calls a thing a wonder drug decides whether calling it so is distance: its own label
    // or promotion ("the label calling the cream a wonder drug"), not editors or doctors.
    "promotional",
    "marketing",
    "the label",
    "its label",
    "packaging",
    "adverts",
    "advertisements",
    "commercials",
    "scam*",
    "fraud*",
    "fake",
    "quack*",
    "tip-off*",
    "misleading",
    "false",
];

/// Words that introduce a phrase as a phrase: "avoid words like", "the term".
/// Institutional missions and aims: what an organisation works towards is not a claim that it
/// has been achieved ("dedicated to finding cures", "invests in breakthrough treatments").
pub const ASPIRATION: &[&str] = &[
    "committed to",
    "dedicated to",
    "devoted to",
    "mission",
    "invests in",
    "invest in",
    "investing in",
    "seeking to",
    "seeks to",
    "seek to",
    "strives to",
    "strive to",
    "working to",
    "works to",
    "work toward*",
    "working toward*",
    "pioneer*",
    "responsible for",
    "investigating",
    "to share",
    "the latest",
    "aspire*",
    "vision",
    "goal",
    "goals",
    "the fight",
    "fight against",
    "fighting to",
];

pub const MENTION: &[&str] = &[
    "word",
    "words",
    "term",
    "terms",
    "phrase",
    "phrases",
    "label",
    "labels",
    "buzzword*",
    "jargon",
    "language like",
    "language such as",
];

/// NegEx termination terms: a cue's scope ends here.
pub const TERMINATION: &[&str] = &[
    "but",
    "however",
    "although",
    "though",
    "yet",
    "except",
    "whereas",
    "while",
    "nevertheless",
    "nonetheless",
    "still",
    "instead",
];

/// Verbs that open instructions in patient information.
pub const IMPERATIVE_VERBS: &[&str] = &[
    "take",
    "read",
    "ask",
    "talk",
    "call",
    "tell",
    "see",
    "check",
    "keep",
    "use",
    "avoid",
    "stop",
    "store",
    "wash",
    "follow",
    "seek",
    "get",
    "go",
    "make",
    "be",
    "do",
    "consult",
    "contact",
    "visit",
    "wear",
    "drink",
    "eat",
    "apply",
    "remove",
    "bring",
    "write",
    "discuss",
    "let",
    "try",
    "remember",
    "include",
    "report",
    "continue",
    "finish",
    "choose",
    "learn",
    "find",
    "look",
    "review",
    "protect",
    "throw",
    "dispose",
    "place",
    "put",
    "give",
    "allow",
    "limit",
    "wait",
    "rest",
    "clean",
    "cover",
    "note",
    "record",
    "watch",
    "monitor",
    "schedule",
    "plan",
    "breathe",
    "sit",
    "lie",
    "start",
    "skip",
    "share",
    "inform",
    "exercise",
    "quit",
    "reduce",
    "increase",
    "cut",
    "add",
    "mix",
    "shake",
    "swallow",
    "chew",
    "measure",
    "follow",
    "wear",
    "replace",
    "test",
    "confirm",
    "double-check",
    "verify",
    "make",
    "ensure",
];

/// Second words that show the first word was a noun or a subject, not an imperative:
/// "Use of stem cells is growing", "Help is available".
pub const NOT_AFTER_IMPERATIVE: &[&str] = &[
    "of", "is", "are", "was", "were", "has", "have", "had", "can", "may", "will", "does", "did",
    "s", "'s",
];

/// Multi-word openings of an instruction.
pub const INSTRUCTION_OPENERS: &[&str] = &[
    "do not",
    "do n't",
    "you should",
    "you must",
    "you need to",
    "you will need to",
    "be sure",
    "make sure",
    "remember to",
    "it is important to",
    "it's important to",
];

/// A question is asked, not asserted: the sentence ends in `?`, perhaps before a closing quote
/// or bracket.
pub fn is_question(sentence: &str) -> bool {
    sentence
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '_'])
        .ends_with('?')
}

/// Verbs of a rhetorical "why … when …" question: "Why risk surgery when gentle adjustments
/// work?" asserts that they work, as sales copy means it to.
const RHETORICAL_WHY: &[&str] = &[
    "risk", "suffer", "put", "settle", "pay", "take", "live", "struggle", "spend", "endure",
    "rely", "gamble", "waste", "resort", "reach", "turn",
];

/// A question that asserts: "why" and one of [`RHETORICAL_WHY`] open it, and a "when" clause
/// gives the answer the writer means.
pub fn is_rhetorical(words: &Words) -> bool {
    words.word(0) == "why"
        && RHETORICAL_WHY.contains(&words.word(1))
        && (2..words.len()).any(|k| words.word(k) == "when")
}

/// Forms of "be" and the auxiliaries that carry a clause's verb: one after a hedging adjective's
/// noun starts a clause the adjective does not reach ("potential treatments, and it is …"), and
/// one just before it makes the adjective predicative ("it is possible that …").
pub const COPULAS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "it's", "has", "have", "had", "will", "can",
    "does", "do", "did", "seems", "appears",
];
