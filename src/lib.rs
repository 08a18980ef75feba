//! healthlint: a linter for health content.
//!
//! The pipeline follows the data, one module per stage:
//!
//! ```text
//! walk (paths) → source (bytes → text) → parse (Markdown/text → prose blocks)
//!   → sentences → rules (packs compiled into matchers) → context (negation, hedges, …)
//!   → diagnostic (plain data) → report (human, json)
//! ```

pub mod baseline;
pub mod cli;
pub mod context;
pub mod diagnostic;
pub mod lint;
pub mod parse;
pub mod report;
pub mod rules;
pub mod sentences;
pub mod source;
pub mod walk;
