//! Expressions compiled for a run that searches with each a few times: on one article,
//! compiling them costs more than every search they then make.
//!
//! The engine is configured lean: no literal prefilter (extracting one from a case-insensitive
//! alternation cost three times the rest of compiling it, callgrind), and no one-pass or
//! backtracking engines (the lazy DFA finds every match, the PikeVM its groups). None of this
//! changes what an expression matches, only how it is searched.

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;

/// The engine configuration of every lean expression.
pub fn config() -> meta::Config {
    meta::Config::new()
        .auto_prefilter(false)
        .onepass(false)
        .backtrack(false)
}

/// `expression`, written into the binary, with the syntax settings `syntax` (Unicode mode by
/// default, as `regex::Regex` has it).
pub fn build(expression: &str, syntax: syntax::Config) -> Regex {
    meta::Builder::new()
        .configure(config())
        .syntax(syntax)
        .build(expression)
        .expect("valid regex")
}
