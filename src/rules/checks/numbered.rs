//! Numbered markers `[n]` that point at no reference-list entry. Only judged when the document
//! has a reference list at all: elsewhere `[1]` may be a button label or an editor's note.

use super::{CheckHit, CheckInput};
use crate::parse::references::MarkerStyle;

/// Markers with a number the reference list lacks: one hit per marker, naming the numbers.
pub fn unresolved(input: &CheckInput) -> Vec<CheckHit> {
    let refs = input.references;
    if !refs.has_reference_list() {
        return Vec::new();
    }
    refs.numbered_markers
        .iter()
        // Parenthesised numbers also number steps; they count only where they resolve.
        .filter(|m| m.style != MarkerStyle::Parenthesis)
        .filter_map(|m| {
            let missing: Vec<String> = m
                .numbers
                .iter()
                .filter(|&&n| refs.entry(n).is_none())
                .map(u32::to_string)
                .collect();
            (!missing.is_empty()).then(|| CheckHit {
                span: m.span.clone(),
                message: Some(format!(
                    "reference {} is cited but not in the reference list",
                    missing.join(", ")
                )),
            })
        })
        .collect()
}
