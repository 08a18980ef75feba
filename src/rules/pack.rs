//! The rule-pack file format: TOML, one file per pack, in `lints/`.
//!
//! ```toml
//! [pack]
//! name = "hype"
//! description = "Superlatives and sensational language."
//!
//! [[rule]]
//! name = "miracle"                      # id becomes `hype/miracle`
//! category = "hype"
//! severity = "warning"
//! message = "“{match}” is hype: it promises more than any treatment can deliver"
//! help = "Say what the treatment does and for whom, e.g. “reduced pain in some patients”."
//! suggestions = ["effective in some patients"]
//! rationale = "FDA's health-fraud tip-offs list “miracle cure” …"
//! references = ["FDA, 6 tip-offs to rip-offs", "Schwitzer, 7 words you shouldn't use"]
//! patterns = ["miracle", "miraculous", "wonder (drug|cure|pill)+"]
//! regex = []
//! exceptions = []
//! requires = []
//! unless = []
//! scope = "sentence"
//! needs-source = false
//! contexts-ignored = []
//! fire = ["This miracle supplement melts fat."]
//! quiet = ["Avoid words like “miracle”."]
//! ```
//!
//! See [`crate::rules::pattern`] for the phrase syntax.

use serde::Deserialize;

use crate::diagnostic::{Category, Severity};

/// Where a rule's `requires` and `unless` patterns are looked for.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum MatchScope {
    #[default]
    Sentence,
    Paragraph,
    /// The whole document: for facts that may be stated anywhere, such as a study's design.
    Document,
}

/// Which claims of the claim layer ([`crate::claims`]) a rule flags; an empty list allows any
/// value. `claim = { agents = ["product"] }` flags every efficacy claim made for a product.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClaimSelector {
    #[serde(default)]
    pub strengths: Vec<crate::claims::Strength>,
    #[serde(default)]
    pub agents: Vec<crate::claims::AgentClass>,
    #[serde(default)]
    pub targets: Vec<crate::claims::TargetClass>,
    /// Only universal claims ("everyone", "always", "won't … again"), or only others.
    #[serde(default)]
    pub universal: Option<bool>,
    /// Only claims presented as settled ("proven to", "completely"), or only others.
    #[serde(default)]
    pub boosted: Option<bool>,
    /// Only claims in a title or heading.
    #[serde(default)]
    pub headline: bool,
}

impl ClaimSelector {
    /// Whether `claim`, found in a block that is (or is not) a headline, is one this rule flags.
    pub fn selects(&self, claim: &crate::claims::Claim, in_headline: bool) -> bool {
        fn any<T: PartialEq>(allowed: &[T], value: &T) -> bool {
            allowed.is_empty() || allowed.contains(value)
        }
        any(&self.strengths, &claim.strength)
            && any(&self.agents, &claim.agent)
            && any(&self.targets, &claim.target)
            && self.universal.is_none_or(|u| u == claim.universal)
            && self.boosted.is_none_or(|b| b == claim.boosted)
            && (!self.headline || in_headline)
    }
}

/// A whole pack file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub pack: PackMeta,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackMeta {
    /// The pack's name: the first half of every rule id in it.
    pub name: String,
    pub description: String,
    /// Off-by-default packs (e.g. `regulatory`) run only when switched on.
    #[serde(default = "default_true")]
    pub enabled: bool,
}

fn default_true() -> bool {
    true
}

/// One rule as written in a pack.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// Kebab-case name, unique in the pack, naming what the rule flags.
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    /// What is wrong. `{match}` is replaced by the flagged text.
    pub message: String,
    /// How to say it better.
    pub help: String,
    /// Replacement phrasings offered to editors.
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// Why it matters, in a sentence or two.
    pub rationale: String,
    /// Sources for the rationale.
    pub references: Vec<String>,
    /// Phrase patterns (see [`crate::rules::pattern`]).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Claims of the claim layer this rule flags, instead of (or besides) phrase patterns.
    #[serde(default)]
    pub claim: Option<ClaimSelector>,
    /// Raw regular expressions (Rust `regex` syntax, matched case-insensitively): the escape
    /// hatch for what phrases cannot say.
    #[serde(default)]
    pub regex: Vec<String>,
    /// Phrase patterns for other senses of the trigger: a match overlapping one of these is not
    /// a finding ("the most common form", "confirmed the diagnosis").
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Phrase patterns of which at least one must occur in the same sentence for the rule to
    /// fire (e.g. an exclamation mark only counts on a sentence about health).
    #[serde(default)]
    pub requires: Vec<String>,
    /// Phrase patterns that silence the rule when they occur in the same sentence (or paragraph,
    /// with `scope = "paragraph"`): the thing whose absence makes the claim a problem, such as an
    /// absolute risk next to a relative one, or a p-value next to "significantly".
    #[serde(default)]
    pub unless: Vec<String>,
    /// Phrase patterns that silence the rule when they occur in the sentence itself, whatever
    /// `scope` says: a headline that names its study's design ("… in mice") for a rule that
    /// looks for that design in the whole document.
    #[serde(default)]
    pub unless_in_sentence: Vec<String>,
    /// Where `requires` and `unless` look: the sentence (default), the paragraph or the document.
    #[serde(default)]
    pub scope: MatchScope,
    /// The claim needs a source: a citation attached to the sentence or closing its paragraph
    /// silences it (see [`crate::context::citations`] for exactly how far "attached" reaches),
    /// and claim checks such as `citation-quality/weak-source` then judge that citation.
    #[serde(default)]
    pub needs_source: bool,
    /// Agent classes of the claim layer that raise this rule's severity one step when the
    /// sentence names one: an effect size said of a supplement is a selling claim, the same figure
    /// in a report on a drug trial a request for its source. On a page that sells, a sentence
    /// that names no agent speaks of what the page sells.
    #[serde(default)]
    pub raise_for_agents: Vec<crate::claims::AgentClass>,
    /// Agent classes of the claim layer of which the sentence must name one for the rule to
    /// fire: "safer than surgery" is a selling claim when a product or alternative therapy is
    /// compared, and the ordinary language of medicine when one operation is compared with
    /// another.
    #[serde(default)]
    pub requires_agents: Vec<crate::claims::AgentClass>,
    /// Contexts that do *not* silence this rule (by default every context does).
    #[serde(default)]
    pub contexts_ignored: Vec<crate::context::ContextKind>,
    /// The name of a check written in Rust (see [`crate::rules::checks`]), for rules that patterns
    /// cannot express: run once per file, or on every cited `needs-source` claim. Patterns are
    /// then optional.
    #[serde(default)]
    pub check: Option<String>,
    /// Whether the rule runs without its pack being switched on; absent, as its pack. A rule
    /// every writer needs can live in an off-by-default pack with its kin (as ruff runs a
    /// subset of a linter's rules by default): `enable-packs` then switches on the rest.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Sentences on which the rule must fire.
    pub fire: Vec<String>,
    /// Sentences on which the rule must stay quiet.
    pub quiet: Vec<String>,
}

impl RuleSpec {
    /// Whether the rule runs when nothing switches its pack on.
    pub fn on_by_default(&self, pack: &PackMeta) -> bool {
        self.enabled.unwrap_or(pack.enabled)
    }
}
