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
        let index = source.lines();
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
            summary.add(report);
        }
        summary
    }

    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        match &report.outcome {
            Outcome::Linted { findings, .. } => {
                self.files_checked += 1;
                for f in findings.iter().filter(|f| !f.is_suppressed()) {
                    match f.severity {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                        Severity::Info => self.infos += 1,
                    }
                }
            }
            Outcome::Failed { .. } => {
                let kind = PathKind::of(&report.path);
                self.unreadable_kind = match self.unreadable {
                    0 => kind,
                    _ if self.unreadable_kind == kind => kind,
                    _ => PathKind::Unknown,
                };
                self.unreadable += 1;
            }
        }
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

/// Writes reports in `format` one file at a time, as the caller hands them over: the line
/// formats print each file at once (and it can be dropped), JSON keeps only its findings,
/// `--statistics` only its counts, and SARIF (whose rule table comes first) and HTML keep the
/// reports until [`Writer::finish`].
pub struct Writer<'a> {
    out: &'a mut dyn Write,
    format: Format,
    human: HumanOptions,
    /// `--statistics`: counts per rule instead of the findings.
    statistics: bool,
    /// Shown findings per rule: the `--statistics` table, and the human report's closing one.
    counts: statistics::Counter,
    json: json::Collected,
    /// The reports of a format that needs them all at once (SARIF, HTML).
    kept: Vec<FileReport>,
    rules: &'a RuleSet,
}

impl<'a> Writer<'a> {
    pub fn new(
        out: &'a mut dyn Write,
        format: Format,
        human: HumanOptions,
        rules: &'a RuleSet,
    ) -> Self {
        Writer {
            out,
            format,
            human,
            statistics: false,
            counts: statistics::Counter::default(),
            json: json::Collected::default(),
            kept: Vec::new(),
            rules,
        }
    }

    /// Prints the counts per rule (a table, or JSON with `--format json`) instead of findings.
    pub fn with_statistics(self, statistics: bool) -> Self {
        Writer { statistics, ..self }
    }

    /// Reports one file.
    pub fn file(&mut self, report: FileReport) -> io::Result<()> {
        if self.statistics {
            self.counts.add(&report);
            return Ok(());
        }
        match self.format {
            Format::Human => {
                self.counts.add(&report);
                human::write_file(self.out, &report, self.human)?;
            }
            Format::Concise => concise::write_file(self.out, &report)?,
            Format::Github => github::write_file(self.out, &report)?,
            Format::Json => {
                self.json.add(&report);
                return Ok(());
            }
            Format::Sarif | Format::Html => {
                self.kept.push(report);
                return Ok(());
            }
        }
        // Shown as soon as the file is done, not when the buffer happens to fill.
        self.out.flush()
    }

    /// Closes the output with the summary.
    pub fn finish(self, summary: &Summary) -> io::Result<()> {
        if self.statistics {
            let counts = self.counts.sorted();
            return match self.format {
                Format::Json => statistics::write_json(self.out, &counts),
                _ => statistics::write_table(self.out, &counts),
            };
        }
        match self.format {
            Format::Human => human::write_end(self.out, &self.counts, summary, self.human),
            Format::Concise | Format::Github if self.human.quiet => Ok(()),
            Format::Concise | Format::Github => {
                writeln!(self.out, "{}", human::summary_line(summary, false))
            }
            Format::Json => self.json.write(self.out, summary),
            Format::Sarif => sarif::write(self.out, &self.kept, summary, self.rules),
            Format::Html => html::write(self.out, &self.kept, summary, self.rules),
        }
    }
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
            sentence: None,
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
