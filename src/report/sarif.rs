//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning and IDE SARIF viewers read.
//!
//! One run. `tool.driver.rules` describes every rule that has a result (suppressed ones too),
//! sorted by id, with the rule's help and rationale and a link to its entry in `docs/rules.md`.
//! Columns are counted in Unicode code points (`columnKind: unicodeCodePoints`), as in every
//! other format; byte positions are given as `byteOffset`/`byteLength` rather than
//! `charOffset`/`charLength`, which SARIF counts in characters. Findings silenced in the source
//! are results with an `inSource` suppression carrying the writer's reason, so viewers can show
//! them as dismissed instead of losing them. Files that could not be read are error
//! notifications of the invocation, which is then marked unsuccessful.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Located, Outcome, Summary};
use crate::diagnostic::{Finding, Severity};
use crate::docs;
use crate::rules::RuleSet;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    help_uri: String,
    default_configuration: Configuration,
    properties: DescriptorProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct DescriptorProperties {
    category: String,
    tags: Vec<String>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

/// A result's message: plain sentences, and the same as Markdown for viewers that render it.
#[derive(Serialize)]
struct Message {
    text: String,
    markdown: String,
}

impl Message {
    /// "What is wrong. How to say it better." — each part a sentence, whatever punctuation the
    /// rule pack gave it; in Markdown, two paragraphs with the file's and the pack's text
    /// escaped, so a `*` or `[` in a flagged phrase stays a character.
    fn of(finding: &Finding) -> Message {
        let (message, help) = (sentence(&finding.message), sentence(&finding.help));
        let text = if help.is_empty() {
            message.clone()
        } else {
            format!("{message} {help}")
        };
        let markdown = [message, help]
            .iter()
            .filter(|part| !part.is_empty())
            .map(|part| escape_markdown(part))
            .collect::<Vec<_>>()
            .join("\n\n");
        Message { text, markdown }
    }
}

/// `text` trimmed and ending as a sentence ends (adding a full stop when it has no closing
/// punctuation).
fn sentence(text: &str) -> String {
    let text = text.trim();
    let closed = text
        .trim_end_matches(['”', '’', '"', '\'', ')'])
        .ends_with(['.', '!', '?', '…']);
    if text.is_empty() || closed {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Backslash-escapes the characters that make emphasis, code, links or HTML inside a CommonMark
/// paragraph (block markers need a line start, which a message never gives them).
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [NotificationLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: ArtifactOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactOnly {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SarifSuppression>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    snippet: Text,
}

#[derive(Serialize)]
struct SarifSuppression {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<String>,
}

pub fn write(
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    rules: &RuleSet,
) -> io::Result<()> {
    let located: Vec<Located<'_>> = reports.iter().flat_map(FileReport::located).collect();
    // Rule index by id, in id order: results point into `driver.rules` by position.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &located {
        index.insert(&l.finding.rule, 0);
    }
    let mut descriptors = Vec::with_capacity(index.len());
    for (position, (id, slot)) in index.iter_mut().enumerate() {
        *slot = position;
        let example = located
            .iter()
            .map(|l| l.finding)
            .find(|f| &*f.rule == *id)
            .expect("every indexed rule has a finding");
        descriptors.push(descriptor(example, rules));
    }
    let results = located
        .iter()
        .map(|l| result(l, index[&*l.finding.rule]))
        .collect();
    let notifications = reports
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Failed { message } => Some(Notification {
                level: "error",
                message: Text {
                    text: message.clone(),
                },
                locations: [NotificationLocation {
                    physical_location: ArtifactOnly {
                        artifact_location: ArtifactLocation { uri: uri(&r.path) },
                    },
                }],
            }),
            Outcome::Linted { .. } => None,
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: descriptors,
                },
            },
            invocations: [Invocation {
                execution_successful: summary.unreadable == 0,
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// A rule's metadata from its pack; a rule not in `rules` (one built in code rather than from a
/// pack) is described from its finding instead.
fn descriptor(example: &Finding, rules: &RuleSet) -> Descriptor {
    let id = example.rule.to_string();
    let (summary, help, severity) = match rules.get(&id) {
        Some(rule) => {
            let spec = &rule.spec;
            let mut help = format!("{}\n\nWhy: {}", spec.help, spec.rationale);
            if !spec.references.is_empty() {
                help.push_str(&format!("\n\nReferences: {}", spec.references.join("; ")));
            }
            let summary = spec.message.replace("{match}", "…");
            (summary, (spec.rationale.clone(), help), rule.severity())
        }
        None => (
            example.message.clone(),
            (example.help.clone(), example.help.clone()),
            example.severity,
        ),
    };
    let (full, help_text) = help;
    Descriptor {
        help_uri: docs::rule_url(&id),
        short_description: Text { text: summary },
        full_description: Text { text: full },
        help: Text { text: help_text },
        default_configuration: Configuration {
            level: level(severity),
        },
        properties: DescriptorProperties {
            category: example.category.to_string(),
            tags: vec!["health-content".into(), example.category.to_string()],
        },
        id,
    }
}

fn result(located: &Located<'_>, rule_index: usize) -> SarifResult {
    let f = located.finding;
    SarifResult {
        rule_id: f.rule.to_string(),
        rule_index,
        level: level(f.severity),
        message: Message::of(f),
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri(located.path),
                },
                region: Region {
                    start_line: located.start.line,
                    start_column: located.start.column,
                    end_line: located.end.line,
                    end_column: located.end.column,
                    byte_offset: f.span.start,
                    byte_length: f.span.len(),
                    snippet: Text {
                        text: f.text.clone(),
                    },
                },
            },
        }],
        suppressions: f
            .suppression
            .iter()
            .map(|s| SarifSuppression {
                kind: "inSource",
                justification: s.reason.clone(),
            })
            .collect(),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A report path as a URI reference: relative paths stay relative (code scanning resolves them
/// against the repository root), absolute ones become `file://` URIs, and every byte outside
/// RFC 3986's unreserved set (and `/`) is percent-encoded, so `my notes.md` and `<stdin>` are
/// valid URIs.
fn uri(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    if path.starts_with('/') {
        encoded.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{finding, linted, suppressed};
    use serde_json::Value;

    fn render(reports: &[FileReport]) -> Value {
        let rules = RuleSet::builtin().unwrap();
        let summary = Summary::of(reports, Default::default());
        let mut out = Vec::new();
        write(&mut out, reports, &summary, &rules).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn messages_are_sentences_in_text_and_markdown() {
        let text = "A *miracle* cure.\n";
        let mut f = finding(text, "*miracle*", "hype/miracle-language");
        f.message = "“*miracle*” is hype".into();
        f.help = "Say what it does".into();
        let message = Message::of(&f);
        assert_eq!(message.text, "“*miracle*” is hype. Say what it does.");
        assert_eq!(
            message.markdown,
            "“\\*miracle\\*” is hype.\n\nSay what it does."
        );
        assert_eq!(sentence("Is it?"), "Is it?");
        assert_eq!(sentence("say “found”."), "say “found”.");
        assert_eq!(sentence("say “found.”"), "say “found.”");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("docs/a b/é.md"), "docs/a%20b/%C3%A9.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("/abs/x.md"), "file:///abs/x.md");
    }

    #[test]
    fn results_point_at_sorted_rules_with_character_columns_and_byte_offsets() {
        let text = "Ünïcödé: a miracle and a breakthrough.\n";
        let reports = [linted(
            "a.md",
            text,
            vec![
                finding(text, "miracle", "zzz/miracle"),
                suppressed(finding(text, "breakthrough", "aaa/breakthrough")),
            ],
        )];
        let log = render(&reports);
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["aaa/breakthrough", "zzz/miracle"]);
        assert_eq!(
            rules[1]["helpUri"],
            "https://github.com/healthlint/healthlint/blob/main/docs/rules.md#zzz-miracle"
        );
        let first = &run["results"][0];
        assert_eq!(first["ruleId"], "zzz/miracle");
        assert_eq!(first["ruleIndex"], 1);
        assert_eq!(first["level"], "warning");
        let region = &first["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startColumn"], 12);
        assert_eq!(region["endColumn"], 19);
        assert_eq!(region["byteOffset"], text.find("miracle").unwrap());
        assert_eq!(region["byteLength"], 7);
        assert!(first.get("suppressions").is_none());
        let second = &run["results"][1];
        assert_eq!(second["ruleIndex"], 0);
        assert_eq!(
            second["suppressions"],
            serde_json::json!([{"kind": "inSource", "justification": "quoted from the press release"}])
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    }

    #[test]
    fn builtin_rules_carry_their_pack_metadata() {
        let rules = RuleSet::builtin().unwrap();
        let rule = &rules.rules()[0];
        let text = "x miracle y";
        let reports = [linted(
            "a.md",
            text,
            vec![finding(text, "miracle", &rule.id)],
        )];
        let log = render(&reports);
        let descriptor = &log["runs"][0]["tool"]["driver"]["rules"][0];
        assert_eq!(descriptor["fullDescription"]["text"], rule.spec.rationale);
        assert!(descriptor["help"]["text"]
            .as_str()
            .unwrap()
            .starts_with(&rule.spec.help));
        assert_eq!(
            descriptor["defaultConfiguration"]["level"],
            level(rule.severity())
        );
    }

    #[test]
    fn unreadable_files_make_the_invocation_unsuccessful() {
        let reports = [FileReport {
            path: "bad.md".into(),
            outcome: Outcome::Failed {
                message: "skipped: binary file".into(),
            },
        }];
        let log = render(&reports);
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        assert_eq!(
            invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
                ["artifactLocation"]["uri"],
            "bad.md"
        );
    }
}
