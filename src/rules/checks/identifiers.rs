//! Malformed scholarly identifiers (DOI, PMID, PMCID, NCT number, ISBN): a citation the reader
//! cannot resolve is no citation. The syntax lives in [`crate::context::citations::identifiers`].

use super::{CheckHit, CheckInput};
use crate::context::citations::identifiers;

/// Every malformed labelled identifier outside code.
pub fn malformed(input: &CheckInput) -> Vec<CheckHit> {
    identifiers::malformed(input.text)
        .filter(|(span, _)| !input.references.in_code(span.start))
        .map(|(span, message)| CheckHit {
            span,
            message: Some(message),
        })
        .collect()
}
