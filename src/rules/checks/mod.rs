//! Checks written in Rust, for what phrase patterns cannot say: document-wide structure such as
//! footnotes used but never defined, or identifiers that fail their checksum.
//!
//! A rule opts in with `check = "name"` in its pack; its metadata (message, help, rationale,
//! examples) stays in the pack like every other rule's. Each check is one function here.

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

/// Every check, by the name packs use.
const CHECKS: &[(&str, CheckFn)] = &[];

/// The check called `name`, if there is one.
pub fn find(name: &str) -> Option<CheckFn> {
    CHECKS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Names of every check, for error messages.
pub fn names() -> impl Iterator<Item = &'static str> {
    CHECKS.iter().map(|(n, _)| *n)
}
