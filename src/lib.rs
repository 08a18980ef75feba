//! healthlint: a linter for health content.
//!
//! The pipeline follows the data, one module per stage:
//!
//! ```text
//! walk (paths) → source (bytes → text) → parse (Markdown/text → prose blocks)
//!   → sentences → rules (packs compiled into matchers) → context (negation, hedges, …)
//!   → diagnostic (plain data) → suppress (inline comments) → report (human, json)
//! ```
//!
//! `config` decides, per file, which rules run at what severity (a policy the linter reads)
//! and which paths the walk leaves out. `factcheck` holds the reference data cited sources are
//! checked against (retractions, journals, predatory lists), and `online` the opt-in registry
//! lookups.

pub mod baseline;
pub mod claims;
pub mod cli;
pub mod config;
pub mod context;
pub mod diagnostic;
pub mod docs;
pub mod factcheck;
mod fast_hash;
mod lean_regex;
pub mod lint;
pub mod online;
pub mod pack_test;
pub mod parse;
pub mod report;
pub mod rules;
mod schema;
pub mod sentences;
pub mod server;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod walk;
