//! Findings as plain data. Rules produce them; reporters render them. Nothing here formats.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// One step more severe; headline claims are raised this way.
    pub fn raised(self) -> Severity {
        match self {
            Severity::Info => Severity::Warning,
            Severity::Warning | Severity::Error => Severity::Error,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of problem a rule flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Hype,
    Absolute,
    Citation,
    Evidence,
    Regulatory,
    Structure,
}

impl Category {
    /// Every category, for selectors and "did you mean" suggestions.
    pub const ALL: [Category; 6] = [
        Category::Hype,
        Category::Absolute,
        Category::Citation,
        Category::Evidence,
        Category::Regulatory,
        Category::Structure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Hype => "hype",
            Category::Absolute => "absolute",
            Category::Citation => "citation",
            Category::Evidence => "evidence",
            Category::Regulatory => "regulatory",
            Category::Structure => "structure",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Rule id, `pack/rule-name`.
    pub rule: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    /// Byte range in the file.
    pub span: Range<usize>,
    /// The flagged text as written in the file.
    pub text: String,
    pub suggestions: Vec<String>,
    /// Byte range in the file of the sentence the finding is in, for rules that match in
    /// sentences (`None` for document checks): what a baseline fingerprints, without splitting
    /// the paragraph again.
    pub sentence: Option<Range<usize>>,
    /// Set when an inline comment silenced the finding; reporters show it only where the format
    /// records suppressions (JSON, SARIF).
    pub suppression: Option<Suppression>,
}

impl Finding {
    pub fn is_suppressed(&self) -> bool {
        self.suppression.is_some()
    }
}

/// A writer's decision to silence a finding, with the reason they gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub reason: Option<String>,
}
