//! Checks written in Rust, for what phrase patterns cannot say: document-wide structure such as
//! footnotes used but never defined, or identifiers that fail their checksum.
//!
//! A rule opts in with `check = "name"` in its pack; its metadata (message, help, rationale,
//! examples) stays in the pack like every other rule's. Each check is one function here, or, for
//! a check that judges the other rules' findings rather than the text, a [`Check`] variant that
//! names the module doing the work.

use std::ops::Range;

use crate::source::SourceFile;

/// One place a check flags, with an optional message that replaces the rule's own (for
/// messages that name the footnote or identifier).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckHit {
    pub span: Range<usize>,
    pub message: Option<String>,
}

/// A check runs over the whole file.
pub type CheckFn = fn(&SourceFile) -> Vec<CheckHit>;

/// How a check-backed rule finds its problems.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// A function over the file's text, run with the other rules.
    Document(CheckFn),
    /// Inline suppressions that silenced nothing. This cannot be a [`CheckFn`]: whether a
    /// suppression is used depends on every other rule's findings, so [`crate::suppress`]
    /// produces these hits after the other rules have run, and the linter reports them under the
    /// rule that asks for this check (`healthlint/unused-suppression`), with its pack metadata,
    /// severity and configuration like any rule.
    UnusedSuppression,
}

/// Every check, by the name packs use.
const CHECKS: &[(&str, Check)] = &[("unused-suppression", Check::UnusedSuppression)];

/// The check called `name`, if there is one.
pub fn find(name: &str) -> Option<Check> {
    CHECKS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Names of every check, for error messages.
pub fn names() -> impl Iterator<Item = &'static str> {
    CHECKS.iter().map(|(n, _)| *n)
}
