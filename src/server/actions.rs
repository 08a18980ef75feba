//! Quick fixes on a finding: replace the flagged phrase with each of the rule's suggestions,
//! silence it with a suppression comment (this line, or this rule in the whole file) whose
//! reason the writer fills in, and open the rule's documentation.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::json;

use super::diagnostics::{diagnostic, rule_uri};
use super::position::Positions;
use crate::diagnostic::Finding;

/// The command that opens a rule's documentation (the server asks the client to show it).
pub const OPEN_DOCS: &str = "healthlint.openRuleDocs";

/// What a suppression comment says until the writer gives the reason.
const REASON: &str = "TODO: say why";

/// Every action for the findings overlapping `range` (byte offsets).
pub fn actions(
    uri: &Uri,
    findings: &[Finding],
    range: Range<usize>,
    positions: &Positions,
) -> Vec<CodeActionOrCommand> {
    let text = positions.text;
    let mut out = Vec::new();
    let mut suppressed_lines = HashSet::new();
    let mut suppressed_rules = HashSet::new();
    let front_matter = front_matter_end(text);
    for finding in findings {
        let overlaps = finding.span.start <= range.end && range.start <= finding.span.end;
        if finding.is_suppressed() || !overlaps {
            continue;
        }
        let diagnostics = Some(vec![diagnostic(finding, positions)]);
        let action = |title: String, edit: TextEdit, preferred: bool| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostics.clone(),
                edit: Some(WorkspaceEdit::new(HashMap::from([(
                    uri.clone(),
                    vec![edit],
                )]))),
                is_preferred: preferred.then_some(true),
                ..CodeAction::default()
            })
        };
        let rule = &*finding.rule;
        for (index, suggestion) in finding.suggestions.iter().enumerate() {
            let replacement = matched_case(suggestion, &finding.text);
            let edit = TextEdit::new(positions.range(finding.span.clone()), replacement.clone());
            out.push(action(
                format!("Replace with “{replacement}”"),
                edit,
                index == 0,
            ));
        }
        let line = positions.lines.line_of(finding.span.start);
        let in_front_matter = front_matter.is_some_and(|end| finding.span.start < end);
        if !in_front_matter && suppressed_lines.insert((line, rule)) {
            let edit = line_suppression(positions, line, rule);
            out.push(action(
                format!("Silence {rule} on this line (give the reason)"),
                edit,
                false,
            ));
        }
        if suppressed_rules.insert(rule) {
            let at = front_matter.unwrap_or(if text.starts_with('\u{feff}') { 3 } else { 0 });
            let comment = format!("<!-- healthlint-disable-file {rule} -- {REASON} -->\n");
            let edit = TextEdit::new(positions.range(at..at), comment);
            out.push(action(
                format!("Silence {rule} in this file (give the reason)"),
                edit,
                false,
            ));
            if let Some(url) = rule_uri(rule) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Open the documentation of {rule}"),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostics.clone(),
                    command: Some(Command::new(
                        format!("Open the documentation of {rule}"),
                        OPEN_DOCS.into(),
                        Some(vec![json!(url.as_str())]),
                    )),
                    ..CodeAction::default()
                }));
            }
        }
    }
    out
}

/// A comment silencing `rule` on `line`: on its own line before it, indented like it (so a
/// list item keeps its content), or at the end of a table row, which a line of its own would
/// cut in two.
fn line_suppression(positions: &Positions, line: usize, rule: &str) -> TextEdit {
    let text = positions.text;
    let start = positions.lines.line_start(line);
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let content = text[start..end].trim_end_matches('\r');
    if content.trim_start().starts_with('|') {
        let at = start + content.len();
        let comment = format!(" <!-- healthlint-disable-line {rule} -- {REASON} -->");
        return TextEdit::new(positions.range(at..at), comment);
    }
    let indent = &content[..content.len() - content.trim_start().len()];
    let comment = format!("{indent}<!-- healthlint-disable-next-line {rule} -- {REASON} -->\n");
    TextEdit::new(positions.range(start..start), comment)
}

/// Where front matter (`---` YAML or `+++` TOML, first in the file) ends: the offset after
/// its closing line. File-wide comments go there, since front matter must stay first.
fn front_matter_end(text: &str) -> Option<usize> {
    let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[body_start..];
    let fence = ["---", "+++"]
        .into_iter()
        .find(|f| body.lines().next().is_some_and(|l| l.trim_end() == *f))?;
    let mut offset = body_start;
    for (number, line) in body.split_inclusive('\n').enumerate() {
        offset += line.len();
        if number > 0 && line.trim_end() == fence {
            return Some(offset);
        }
    }
    None
}

/// `suggestion` capitalised like the text it replaces: a flagged phrase that opens a sentence
/// keeps its capital.
fn matched_case(suggestion: &str, flagged: &str) -> String {
    let capital = flagged.chars().next().is_some_and(char::is_uppercase);
    let mut chars = suggestion.chars();
    match chars.next() {
        Some(first) if capital && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => suggestion.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_case() {
        assert_eq!(front_matter_end("---\ntitle: x\n---\nBody\n"), Some(17));
        assert_eq!(front_matter_end("+++\nt = 1\n+++\n"), Some(14));
        assert_eq!(front_matter_end("# Title\n---\n"), None);
        assert_eq!(
            matched_case("studies suggest", "Studies show"),
            "Studies suggest"
        );
        assert_eq!(
            matched_case("studies suggest", "studies show"),
            "studies suggest"
        );
    }
}
