//! Checks written in Rust, for what phrase patterns cannot say: document-wide structure such as
//! footnotes used but never defined, or identifiers that fail their checksum; and judgements on
//! the citation attached to a claim, such as a press release as its only source.
//!
//! A rule opts in with `check = "name"` in its pack; its metadata (message, help, rationale,
//! examples) stays in the pack like every other rule's. Each family of checks is one small file,
//! or, for a check that judges the other rules' findings rather than the text, a [`Check`]
//! variant that names the module doing the work.

mod consistency;
mod footnotes;
mod identifiers;
mod numbered;
mod numbers;
mod online;
mod predatory;
mod retraction;
mod sources;
mod unparsed;

use std::cell::OnceCell;
use std::ops::Range;

use crate::context::citations::sources::SourceTiers;
use crate::context::citations::Support;
use crate::factcheck::ids::{self, Found};
use crate::factcheck::Facts;
use crate::parse::References;

/// One place a check flags, with an optional message that replaces the rule's own (for
/// messages that name the footnote or identifier).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckHit {
    pub span: Range<usize>,
    pub message: Option<String>,
}

/// What a document check sees: the text the prose was parsed from (after any byte-order mark;
/// spans are offsets into it), its reference apparatus, and the run's reference data.
pub struct CheckInput<'a> {
    pub text: &'a str,
    pub references: &'a References,
    pub facts: &'a Facts,
    /// The identifiers of `text`, found once for the checks that read them (see
    /// [`CheckInput::identifiers`]).
    identifiers: OnceCell<Vec<Found>>,
}

impl<'a> CheckInput<'a> {
    pub fn new(text: &'a str, references: &'a References, facts: &'a Facts) -> CheckInput<'a> {
        CheckInput {
            text,
            references,
            facts,
            identifiers: OnceCell::new(),
        }
    }

    /// Every identifier of the text, in order: found on first use, once for the retraction,
    /// link and registry checks, which each scanned the whole document for them.
    pub fn identifiers(&self) -> &[Found] {
        self.identifiers.get_or_init(|| ids::find(self.text))
    }
}

/// What a trigger check sees: one trigger of its rule's patterns, in a sentence, and the
/// citations attached to that sentence (possibly none).
pub struct Cited<'a> {
    /// The matched text.
    pub trigger: &'a str,
    pub supports: &'a [Support],
    /// The file's text, into which the supports' spans point.
    pub text: &'a str,
    pub references: &'a References,
}

/// What a claim check sees: the citations attached to one claim that needs a source, and the
/// source tiers in force.
pub struct Claim<'a> {
    pub supports: &'a [Support],
    pub sources: &'a SourceTiers,
}

/// A check, by when it runs.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// Once per file, with the other rules.
    Document(fn(&CheckInput) -> Vec<CheckHit>),
    /// On every claim of a `needs-source` rule that a citation silenced: the hook for judging
    /// the citation itself rather than its presence. Spans point at the citation.
    Claim(fn(&Claim) -> Vec<CheckHit>),
    /// On every trigger of the rule's patterns that context leaves standing, with the citations
    /// attached to its sentence: the trigger is a finding, with the returned message, only when
    /// the check says so. For claims to hold against their own citation ("a 2019 study" citing
    /// a 2021 paper).
    Trigger(fn(&Cited) -> Option<String>),
    /// Inline suppressions that silenced nothing. This cannot be a document check: whether a
    /// suppression is used depends on every other rule's findings, so [`crate::suppress`]
    /// produces these hits after the other rules have run, and the linter reports them under the
    /// rule that asks for this check (`healthlint/unused-suppression`), with its pack metadata,
    /// severity and configuration like any rule.
    UnusedSuppression,
}

/// Every check, by the name packs use.
const CHECKS: &[(&str, Check)] = &[
    ("undefined-footnote", Check::Document(footnotes::undefined)),
    ("unused-footnote", Check::Document(footnotes::unused)),
    ("duplicate-footnote", Check::Document(footnotes::duplicate)),
    ("missing-reference", Check::Document(numbered::unresolved)),
    (
        "malformed-identifier",
        Check::Document(identifiers::malformed),
    ),
    ("weak-source", Check::Claim(sources::weak)),
    ("retracted-source", Check::Document(retraction::retracted)),
    (
        "expression-of-concern",
        Check::Document(retraction::concern),
    ),
    ("impossible-number", Check::Document(numbers::impossible)),
    ("year-mismatch", Check::Trigger(consistency::year)),
    ("journal-mismatch", Check::Trigger(consistency::journal)),
    ("link-id-mismatch", Check::Document(consistency::link_id)),
    ("predatory-journal", Check::Document(predatory::listed)),
    (
        "unresolvable-identifier",
        Check::Document(online::unresolvable),
    ),
    ("title-mismatch", Check::Document(online::title_mismatch)),
    ("unused-suppression", Check::UnusedSuppression),
    (
        "markup-not-parsed",
        Check::Document(unparsed::markup_not_parsed),
    ),
];

/// The check called `name`, if there is one.
pub fn find(name: &str) -> Option<Check> {
    CHECKS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Checks that consult the registries online: their rules find nothing in an offline run, so
/// their examples are tested against a local server (tests/online.rs) instead.
pub const ONLINE: &[&str] = &["unresolvable-identifier", "title-mismatch"];

/// Names of every check, for error messages.
pub fn names() -> impl Iterator<Item = &'static str> {
    CHECKS.iter().map(|(n, _)| *n)
}
