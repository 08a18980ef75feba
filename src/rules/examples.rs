//! A rule's `fire` and `quiet` examples, with the spans a `fire` example may mark:
//! `"This {{miracle}} pill"` must be flagged on "miracle" and nowhere else.

use std::fmt;
use std::ops::Range;

/// An example with its marks removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The sentence as the linter sees it.
    pub text: String,
    /// Byte ranges in [`Example::text`] the rule must flag; empty when nothing is marked (the
    /// rule must then fire somewhere).
    pub marked: Vec<Range<usize>>,
}

/// A mark that does not close, or a mark inside a mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkError(&'static str);

impl fmt::Display for MarkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Example {
    /// The sentence a reader sees: `raw` without its marks (unchanged if they are malformed,
    /// which pack validation reports).
    pub fn plain(raw: &str) -> String {
        Example::parse(raw).map_or_else(|_| raw.to_string(), |e| e.text)
    }

    pub fn parse(raw: &str) -> Result<Example, MarkError> {
        let mut text = String::with_capacity(raw.len());
        let mut marked = Vec::new();
        let mut open: Option<usize> = None;
        let mut rest = raw;
        while let Some(i) = rest.find(['{', '}']) {
            text.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("{{") {
                if open.is_some() {
                    return Err(MarkError("a `{{` mark opens inside another mark"));
                }
                open = Some(text.len());
                rest = after;
            } else if let Some(after) = tail.strip_prefix("}}") {
                let start = open.take().ok_or(MarkError("a `}}` closes no `{{` mark"))?;
                if start == text.len() {
                    return Err(MarkError("a `{{}}` mark marks nothing"));
                }
                marked.push(start..text.len());
                rest = after;
            } else {
                text.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
        text.push_str(rest);
        if open.is_some() {
            return Err(MarkError("a `{{` mark is never closed with `}}`"));
        }
        Ok(Example { text, marked })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_spans_of_the_unmarked_text() {
        let example = Example::parse("A {{miracle}} pill, {{100%}} safe {x}.").unwrap();
        assert_eq!(example.text, "A miracle pill, 100% safe {x}.");
        assert_eq!(example.marked, [2..9, 16..20]);
        assert!(Example::parse("plain").unwrap().marked.is_empty());
        assert!(Example::parse("a {{b").is_err());
        assert!(Example::parse("a }} b").is_err());
        assert!(Example::parse("{{a {{b}} c}}").is_err());
        assert!(Example::parse("{{}}").is_err());
    }
}
