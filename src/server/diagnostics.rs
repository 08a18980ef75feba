//! Findings as LSP diagnostics: the rule id as the code, linked to the rule's documentation;
//! our severity as theirs; the exact range in the negotiated encoding; the help in the message,
//! where every client shows it.

use lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Uri};

use super::position::Positions;
use crate::diagnostic::{Finding, Severity};
use crate::docs;

/// The `source` of every diagnostic this server publishes.
pub const SOURCE: &str = "healthlint";

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The link to a rule's entry in the rules reference.
pub fn rule_uri(id: &str) -> Option<Uri> {
    docs::rule_url(id).parse().ok()
}

pub fn diagnostic(finding: &Finding, positions: &Positions) -> Diagnostic {
    let mut message = finding.message.clone();
    if !finding.help.is_empty() {
        message.push_str("\n\n");
        message.push_str(finding.help.trim());
    }
    if !finding.suggestions.is_empty() {
        message.push_str("\nTry: ");
        message.push_str(&finding.suggestions.join(" · "));
    }
    Diagnostic {
        range: positions.range(finding.span.clone()),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: rule_uri(&finding.rule).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}
