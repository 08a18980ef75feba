//! Impossible numbers (see [`crate::factcheck::numbers`]), outside code.

use super::{CheckHit, CheckInput};
use crate::factcheck::numbers;

pub fn impossible(input: &CheckInput) -> Vec<CheckHit> {
    numbers::impossible(input.text)
        .into_iter()
        .filter(|(span, _)| !input.references.in_code(span.start))
        .map(|(span, message)| CheckHit {
            span,
            message: Some(message),
        })
        .collect()
}
