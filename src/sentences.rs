//! Sentence splitting for real health writing.

use std::ops::Range;

/// Splits prose into sentences: byte ranges into `text`, trimmed of surrounding white space.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Vec::new();
    }
    let start = text.len() - text.trim_start().len();
    vec![start..start + trimmed.len()]
}
