//! Footnotes whose reference and definition do not meet: a reference with no definition leaves
//! the reader with nothing to check (JAMA "attribution"); a definition nobody refers to, or two
//! definitions of one label, usually mean a renumbering went wrong and a claim lost its source.

use std::collections::HashSet;

use super::{CheckHit, CheckInput};

/// `[^id]` used, never defined: one hit per use. In a document that defines no footnote at
/// all, only short numeric labels count: `[^a-z]`, `[^abc]` and `[^0123456789]` are
/// regular-expression classes.
pub fn undefined(input: &CheckInput) -> Vec<CheckHit> {
    let refs = input.references;
    let uses_footnotes = !refs.footnote_definitions.is_empty();
    refs.footnote_references
        .iter()
        .filter(|r| uses_footnotes || (r.id.len() <= 3 && r.id.bytes().all(|b| b.is_ascii_digit())))
        .filter(|r| refs.footnote(&r.id).is_none())
        .map(|r| CheckHit {
            span: r.span.clone(),
            message: Some(format!("footnote `[^{}]` is used but never defined", r.id)),
        })
        .collect()
}

/// `[^id]: …` defined, never used: one hit per definition.
pub fn unused(input: &CheckInput) -> Vec<CheckHit> {
    let refs = input.references;
    let used: HashSet<&str> = refs
        .footnote_references
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    refs.footnote_definitions
        .iter()
        .filter(|d| !used.contains(d.label.id.as_str()))
        .map(|d| CheckHit {
            span: d.label.span.clone(),
            message: Some(format!(
                "footnote `[^{}]` is defined but never used",
                d.label.id
            )),
        })
        .collect()
}

/// The second and later definitions of one label.
pub fn duplicate(input: &CheckInput) -> Vec<CheckHit> {
    let mut seen = HashSet::new();
    input
        .references
        .footnote_definitions
        .iter()
        .filter(|d| !seen.insert(d.label.id.as_str()))
        .map(|d| CheckHit {
            span: d.label.span.clone(),
            message: Some(format!(
                "footnote `[^{}]` is defined more than once; readers see only the first",
                d.label.id
            )),
        })
        .collect()
}
