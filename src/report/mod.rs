//! Reporters: turn findings (plain data) into output. One reporter per format; nothing else in
//! the crate formats output.

mod concise;
mod github;
mod html;
mod human;
mod json;
mod lines;
mod sarif;
#[cfg(test)]
mod snapshots;
pub mod statistics;

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use crate::diagnostic::{Finding, Severity};
use crate::rules::RuleSet;
use crate::source::SourceFile;

pub use lines::LineIndex;

/// Output formats of `healthlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Findings by file: each sentence shown once, wrapped to the terminal, its flagged phrases
    /// underlined, then what is wrong and how to say it better.
    Human,
    /// One line per finding, `path:line:col: severity [rule] message`, for editors' quickfix
    /// lists and grep; then the summary line.
    Concise,
    /// One JSON object: the stable contract described in the README.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands, which annotate the pull request's diff.
    Github,
    /// One self-contained HTML page for editors: each article as prose with its findings
    /// marked and explained (write it to a file with `-o report.html`).
    Html,
}

/// What happened to one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as shown to the user (`/`-separated).
    pub path: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Linted {
        source: SourceFile,
        findings: Vec<Finding>,
    },
    /// The file could not be read or was skipped (binary, not UTF-8, too large).
    Failed { message: String },
}

impl FileReport {
    /// The file's findings (suppressed ones included) with one-based positions, computed from
    /// one line index per file: every format that prints lines and columns reads them here, so
    /// they agree on how columns are counted (characters, not bytes).
    pub fn located(&self) -> Vec<Located<'_>> {
        let Outcome::Linted { source, findings } = &self.outcome else {
            return Vec::new();
        };
        let index = LineIndex::new(&source.text);
        let at = |offset| {
            let (line, column) = index.position(&source.text, offset);
            Position { line, column }
        };
        findings
            .iter()
            .map(|finding| Located {
                path: &self.path,
                finding,
                start: at(finding.span.start),
                end: at(finding.span.end),
            })
            .collect()
    }
}

/// A one-based line and a one-based column counted in characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A finding with where it starts and ends; `end` is the position just after the flagged text.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub path: &'a str,
    pub finding: &'a Finding,
    pub start: Position,
    pub end: Position,
}

/// Totals for the closing line and the exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files_checked: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub unreadable: usize,
    /// What the unreadable paths were, for the summary's wording.
    pub unreadable_kind: PathKind,
    /// Findings hidden because the baseline already records them.
    pub baselined: usize,
    pub elapsed: Duration,
}

impl Summary {
    pub fn of(reports: &[FileReport], elapsed: Duration) -> Summary {
        let mut summary = Summary {
            elapsed,
            ..Summary::default()
        };
        for report in reports {
            match &report.outcome {
                Outcome::Linted { findings, .. } => {
                    summary.files_checked += 1;
                    for f in findings.iter().filter(|f| !f.is_suppressed()) {
                        match f.severity {
                            Severity::Error => summary.errors += 1,
                            Severity::Warning => summary.warnings += 1,
                            Severity::Info => summary.infos += 1,
                        }
                    }
                }
                Outcome::Failed { .. } => {
                    let kind = PathKind::of(&report.path);
                    summary.unreadable_kind = match summary.unreadable {
                        0 => kind,
                        _ if summary.unreadable_kind == kind => kind,
                        _ => PathKind::Unknown,
                    };
                    summary.unreadable += 1;
                }
            }
        }
        summary
    }
}

/// Whether a path that could not be read is a file or a directory, so the summary names it right
/// ("1 directory could not be read" for a mistyped `docs/`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PathKind {
    #[default]
    File,
    Directory,
    /// Missing, with neither a trailing `/` nor an extension (it could be either), or a mix.
    Unknown,
}

impl PathKind {
    /// A trailing `/` or a directory on disk is a directory; a missing path with no extension
    /// could be either. Only failures are classified, a handful per run.
    fn of(path: &str) -> PathKind {
        let on_disk = std::path::Path::new(path);
        if path.ends_with('/') || on_disk.is_dir() {
            PathKind::Directory
        } else if on_disk.extension().is_some() || path == "<stdin>" || on_disk.exists() {
            PathKind::File
        } else {
            PathKind::Unknown
        }
    }

    /// "file"/"files", "directory"/"directories" or "path"/"paths".
    pub fn noun(self, count: usize) -> &'static str {
        match (self, count == 1) {
            (PathKind::File, true) => "file",
            (PathKind::File, false) => "files",
            (PathKind::Directory, true) => "directory",
            (PathKind::Directory, false) => "directories",
            (PathKind::Unknown, true) => "path",
            (PathKind::Unknown, false) => "paths",
        }
    }
}

/// Options for the human reporter.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Columns to wrap to: the terminal's, or 80 when the output is not a terminal.
    pub width: usize,
    /// Print the elapsed time in the summary (off in snapshots, which must be stable).
    pub show_timing: bool,
    /// `--quiet`: findings only, no summary (also for `concise` and `github`).
    pub quiet: bool,
}

/// Writes every report in `format`. `rules` supplies the rule metadata SARIF embeds.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    reports: &[FileReport],
    summary: &Summary,
    human: HumanOptions,
    rules: &RuleSet,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(out, reports, summary, human),
        Format::Concise => concise::write(out, reports, summary, human.quiet),
        Format::Json => json::write(out, reports, summary),
        Format::Sarif => sarif::write(out, reports, summary, rules),
        Format::Github => github::write(out, reports, summary, human.quiet),
        Format::Html => html::write(out, reports, summary, rules),
    }
}

/// Hand-built reports for the reporters' unit and snapshot tests, which must not depend on what
/// the parser and rules happen to flag.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{FileReport, Outcome};
    use crate::diagnostic::{Category, Finding, Severity, Suppression};
    use crate::source::{FileKind, SourceFile};

    /// A warning on the first occurrence of `needle` in `text`.
    pub fn finding(text: &str, needle: &str, rule: &str) -> Finding {
        let start = text.find(needle).expect("needle occurs in text");
        Finding {
            rule: rule.into(),
            category: Category::Hype,
            severity: Severity::Warning,
            message: format!("“{needle}” is hype"),
            help: "Say what it does.".into(),
            span: start..start + needle.len(),
            text: needle.into(),
            suggestions: vec!["effective in some patients".into()],
            suppression: None,
        }
    }

    pub fn suppressed(finding: Finding) -> Finding {
        Finding {
            suppression: Some(Suppression {
                reason: Some("quoted from the press release".into()),
            }),
            ..finding
        }
    }

    pub fn linted(path: &str, text: &str, findings: Vec<Finding>) -> FileReport {
        FileReport {
            path: path.into(),
            outcome: Outcome::Linted {
                source: SourceFile::new(path, FileKind::Markdown, text),
                findings,
            },
        }
    }
}
