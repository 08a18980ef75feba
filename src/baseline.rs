//! Baselines: adopt healthlint on a large site without fixing every old finding first.
//! `--write-baseline FILE` records today's findings; `--baseline FILE` then reports only new ones.
//!
//! A finding is keyed by what it is about, not where it is: its path, its rule, the flagged text
//! and a fingerprint of the sentence around it, each normalised (lower case, white space
//! collapsed). Line numbers and byte offsets are left out, so adding lines above a claim, moving
//! its paragraph or re-wrapping it keeps it matched, while the same phrase in a new sentence is
//! reported. Keys are counted (a multiset): two identical recorded findings absorb two current
//! ones, and a third copy is new.
//!
//! The file is JSON, sorted and pretty-printed, so it diffs well in review:
//!
//! ```json
//! { "version": 1, "findings": [
//!   { "path": "docs/a.md", "rule": "hype/miracle", "text": "miracle cure",
//!     "sentence": "5f0c2a3b9d8e7f61", "count": 1 } ] }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Finding;
use crate::report::{FileReport, Outcome};
use crate::sentences;

/// Version of the baseline file format.
pub const VERSION: u32 = 1;

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub path: String,
    pub rule: String,
    /// The flagged text, normalised.
    pub text: String,
    /// FNV-1a hash (hex) of the normalised sentence holding the finding.
    pub sentence: String,
}

impl Key {
    /// The key of `finding` in a file at `path` whose text is `source`.
    pub fn of(path: &str, source: &str, finding: &Finding) -> Key {
        Key {
            path: path.to_string(),
            rule: finding.rule.to_string(),
            text: normalise(&finding.text),
            sentence: fingerprint(&normalise(sentence_of(source, finding))),
        }
    }
}

/// Recorded findings, counted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    count: usize,
}

/// A baseline file that could not be read or understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "baseline {}: {}", self.path, self.message)
    }
}

impl std::error::Error for BaselineError {}

impl Baseline {
    /// Every finding in `reports` that is not suppressed in the source.
    pub fn record(reports: &[FileReport]) -> Baseline {
        let mut baseline = Baseline::default();
        for report in reports {
            baseline.add(report);
        }
        baseline
    }

    /// Records the unsuppressed findings of one more file.
    pub fn add(&mut self, report: &FileReport) {
        for (key, _) in keyed(std::slice::from_ref(report)) {
            let count = self.counts.entry(key).or_insert(0_usize);
            *count = count.saturating_add(1);
        }
    }

    /// How many findings the baseline records.
    pub fn len(&self) -> usize {
        self.counts
            .values()
            .fold(0, |sum, &n| sum.saturating_add(n))
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The file's text: sorted by key, one entry per distinct key.
    pub fn to_json(&self) -> String {
        let file = File {
            version: VERSION,
            findings: self
                .counts
                .iter()
                .map(|(key, &count)| Entry {
                    key: key.clone(),
                    count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("baseline serialises");
        text.push('\n');
        text
    }

    /// Parses a baseline file's text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Baseline, BaselineError> {
        let error = |message: String| BaselineError {
            path: path.to_string(),
            message,
        };
        let file: File = serde_json::from_str(text).map_err(|e| {
            error(format!(
                "not a healthlint baseline ({e}); recreate it with --write-baseline"
            ))
        })?;
        if file.version != VERSION {
            return Err(error(format!(
                "format version {} is not supported (this healthlint reads version {VERSION})",
                file.version
            )));
        }
        let mut counts = BTreeMap::new();
        for entry in file.findings {
            if entry.count == 0 {
                return Err(error(format!(
                    "entry for {} in {} has count 0",
                    entry.key.rule, entry.key.path
                )));
            }
            // Saturating: two entries near `usize::MAX` must not wrap to a small count.
            let count = counts.entry(entry.key).or_insert(0_usize);
            *count = count.saturating_add(entry.count);
        }
        Ok(Baseline { counts })
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let text = crate::source::read_regular(path).map_err(|e| BaselineError {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        Baseline::parse(&shown, &text)
    }

    /// Removes from `reports` the findings the baseline records, each key absorbing at most as
    /// many findings as it was recorded with; returns how many were removed.
    pub fn apply(&self, reports: &mut [FileReport]) -> usize {
        let mut left = self.remaining();
        reports.iter_mut().map(|r| left.apply(r)).sum()
    }

    /// What is left of the baseline to absorb findings, file by file.
    pub fn remaining(&self) -> Remaining {
        Remaining {
            left: self.counts.clone(),
        }
    }
}

/// The recorded findings not yet matched, for applying a baseline to files as they finish.
#[derive(Debug, Clone)]
pub struct Remaining {
    left: BTreeMap<Key, usize>,
}

impl Remaining {
    /// Removes from one report the findings left in the baseline; returns how many.
    pub fn apply(&mut self, report: &mut FileReport) -> usize {
        let Outcome::Linted { source, findings } = &mut report.outcome else {
            return 0;
        };
        let path = &report.path;
        let before = findings.len();
        findings.retain(|f| {
            if f.is_suppressed() {
                return true;
            }
            match self.left.get_mut(&Key::of(path, &source.text, f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        before - findings.len()
    }
}

/// Unsuppressed findings with their keys.
fn keyed(reports: &[FileReport]) -> impl Iterator<Item = (Key, &Finding)> {
    reports.iter().flat_map(|report| match &report.outcome {
        Outcome::Linted { source, findings } => findings
            .iter()
            .filter(|f| !f.is_suppressed())
            .map(|f| (Key::of(&report.path, &source.text, f), f))
            .collect(),
        Outcome::Failed { .. } => Vec::new(),
    })
}

/// The sentence a finding is in: the one the linter matched it in, or, for a finding that
/// carries none (a document check), the one around its start.
fn sentence_of<'a>(source: &'a str, finding: &Finding) -> &'a str {
    (finding.sentence.clone())
        .and_then(|r| source.get(r))
        .unwrap_or_else(|| sentence_around(source, finding.span.start))
}

/// The sentence of `text` holding byte `offset`: sentences are split within the paragraph (the
/// run of non-blank lines) around the offset, so what lies above or below cannot change it.
fn sentence_around(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let is_blank = |line: &str| line.trim().is_empty();
    let mut start = 0;
    let mut end = text.len();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        if is_blank(line) {
            if line_end <= offset {
                start = line_end;
            } else if line_start > offset {
                end = line_start;
                break;
            }
        }
        line_start = line_end;
    }
    let paragraph = &text[start..end];
    let within = offset - start;
    sentences::split(paragraph)
        .into_iter()
        .find(|s| s.start <= within && within < s.end)
        .map_or(paragraph, |s| &paragraph[s])
}

/// Lower case with runs of white space collapsed to one space, so re-wrapping and re-casing a
/// line keeps its key.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// 64-bit FNV-1a: stable across Rust releases and platforms (std's hasher is not), and the file
/// only needs to tell sentences apart, not resist attackers.
fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity, Suppression};
    use crate::source::{FileKind, SourceFile};

    /// A report with a finding on every occurrence of `needle`, in any case.
    fn report(path: &str, text: &str, needle: &str) -> FileReport {
        let findings = text
            .to_ascii_lowercase()
            .match_indices(needle)
            .map(|(start, _)| Finding {
                rule: "hype/miracle".into(),
                category: Category::Hype,
                severity: Severity::Warning,
                message: "hype".into(),
                help: "say less".into(),
                span: start..start + needle.len(),
                text: text[start..start + needle.len()].to_string(),
                suggestions: Vec::new(),
                sentence: None,
                suppression: None,
            })
            .collect();
        FileReport {
            path: path.into(),
            outcome: Outcome::Linted {
                source: SourceFile::new(path, FileKind::Markdown, text),
                findings,
            },
        }
    }

    fn remaining(reports: &[FileReport]) -> Vec<&str> {
        reports
            .iter()
            .flat_map(|r| match &r.outcome {
                Outcome::Linted { source, findings } => findings
                    .iter()
                    .map(|f| sentence_around(&source.text, f.span.start))
                    .collect(),
                Outcome::Failed { .. } => Vec::new(),
            })
            .collect()
    }

    const OLD: &str =
        "# Title\n\nIntro text. This miracle pill works.\n\nSecond paragraph is a miracle too.\n";

    #[test]
    fn survives_lines_added_above_moved_paragraphs_and_rewrapping() {
        let baseline = Baseline::record(&[report("a.md", OLD, "miracle")]);
        assert_eq!(baseline.len(), 2);
        let edited = "# Title\n\nNew opening line.\nMore lines.\n\nSecond paragraph is a\nMiracle too.\n\nIntro text. This miracle pill works.\n";
        let mut reports = [report("a.md", edited, "miracle")];
        assert_eq!(baseline.apply(&mut reports), 2);
        assert!(remaining(&reports).is_empty());
    }

    #[test]
    fn a_finding_that_carries_its_sentence_is_keyed_by_it() {
        let mut report = report("a.md", OLD, "miracle");
        let Outcome::Linted { source, findings } = &mut report.outcome else {
            unreachable!("built linted")
        };
        let around: Vec<Key> = findings
            .iter()
            .map(|f| Key::of("a.md", &source.text, f))
            .collect();
        for f in findings.iter_mut() {
            let s = sentence_around(&source.text, f.span.start);
            let start = s.as_ptr() as usize - source.text.as_ptr() as usize;
            f.sentence = Some(start..start + s.len());
        }
        let carried: Vec<Key> = findings
            .iter()
            .map(|f| Key::of("a.md", &source.text, f))
            .collect();
        assert_eq!(
            carried, around,
            "the same key, without splitting the paragraph again"
        );
        findings[0].sentence = Some(0..7);
        assert_eq!(
            Key::of("a.md", &source.text, &findings[0]).sentence,
            fingerprint(&normalise("# Title"))
        );
    }

    #[test]
    fn counts_duplicates_and_reports_new_sentences_and_other_files() {
        let text = "A miracle.\n\nA miracle.\n";
        let baseline = Baseline::record(&[report("a.md", text, "miracle")]);
        let mut reports = [
            report(
                "a.md",
                "A miracle.\n\nA miracle.\n\nA miracle.\n\nAnother miracle.\n",
                "miracle",
            ),
            report("b.md", text, "miracle"),
        ];
        assert_eq!(baseline.apply(&mut reports), 2);
        assert_eq!(
            remaining(&reports),
            ["A miracle.", "Another miracle.", "A miracle.", "A miracle."]
        );
    }

    #[test]
    fn suppressed_findings_are_neither_recorded_nor_absorbed() {
        let mut suppressed = report("a.md", OLD, "miracle");
        if let Outcome::Linted { findings, .. } = &mut suppressed.outcome {
            findings[0].suppression = Some(Suppression { reason: None });
        }
        assert_eq!(Baseline::record(std::slice::from_ref(&suppressed)).len(), 1);
    }

    #[test]
    fn round_trips_through_a_sorted_file() {
        let baseline =
            Baseline::record(&[report("b.md", OLD, "miracle"), report("a.md", OLD, "pill")]);
        let json = baseline.to_json();
        assert!(json.find("\"a.md\"").unwrap() < json.find("\"b.md\"").unwrap());
        assert_eq!(Baseline::parse("x", &json), Ok(baseline));
    }

    #[test]
    fn broken_files_are_clear_errors() {
        let err = Baseline::parse("base.json", "{not json").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("baseline base.json: not a healthlint baseline"));
        let err = Baseline::parse("b", r#"{"version": 9, "findings": []}"#).unwrap_err();
        assert!(err.message.contains("version 9"), "{err}");
        let zero = r#"{"version":1,"findings":[{"path":"a","rule":"r","text":"t","sentence":"s","count":0}]}"#;
        assert!(Baseline::parse("b", zero)
            .unwrap_err()
            .message
            .contains("count 0"));
    }

    #[test]
    fn sentence_is_found_within_its_paragraph() {
        let text = "First para.\n\nOne. Two has it\nwrapped. Three.\n\nLast.";
        let at = text.find("has").unwrap();
        assert_eq!(sentence_around(text, at), "Two has it\nwrapped.");
        assert_eq!(normalise("Two  HAS it\nwrapped."), "two has it wrapped.");
        assert_eq!(fingerprint(""), "cbf29ce484222325");
    }
}
