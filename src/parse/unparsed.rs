//! Blocks the parse read as plain text: where tree-sitter's inline grammar would have cost more
//! than linear time or memory (see `markdown::inline_too_costly`), the block's links, emphasis
//! and code are left in as words. The parse records each such block so that the linter can say
//! so (rule `healthlint/markup-not-parsed`) instead of silently linting less well.

use std::ops::Range;

use super::markdown::{MAX_INLINE_DEPTH, MAX_INLINE_MARKUP, MAX_INLINE_WORK};

/// One block linted as plain text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    /// The block's source, first byte to last.
    pub block: Range<usize>,
    /// Where the limit was passed: the bracket or markup byte over it, or the block's start
    /// when the whole block's delimiters are too many.
    pub at: usize,
    pub why: Costly,
}

/// Which limit a block passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Costly {
    /// Brackets and parentheses nested deeper than [`MAX_INLINE_DEPTH`].
    Nesting,
    /// More than [`MAX_INLINE_MARKUP`] bytes of inline markup.
    Markup,
    /// Emphasis and code delimiters times the block's length over [`MAX_INLINE_WORK`].
    Delimiters,
}

impl Costly {
    /// Why the block was read as plain text, for a message.
    pub fn reason(self) -> String {
        match self {
            Costly::Nesting => {
                format!("brackets and parentheses nest more than {MAX_INLINE_DEPTH} deep here")
            }
            Costly::Markup => format!(
                "this block has more than {} KB of Markdown markup",
                MAX_INLINE_MARKUP >> 10
            ),
            Costly::Delimiters => format!(
                "this block has too many emphasis and code delimiters for its length (their \
                 number times its bytes passes {} M)",
                MAX_INLINE_WORK >> 20
            ),
        }
    }
}
