//! Reporters: turn findings (plain data) into output. One reporter per format; nothing else in
//! the crate formats output.

mod human;
mod json;
mod lines;

use std::io::{self, Write};
use std::time::Duration;

use crate::diagnostic::{Finding, Severity};
use crate::source::SourceFile;

pub use lines::LineIndex;

/// Output formats of `healthlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphical diagnostics with the flagged phrase underlined.
    Human,
    /// One JSON object: the stable contract described in the README.
    Json,
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

/// Totals for the closing line and the exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files_checked: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub unreadable: usize,
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
                Outcome::Failed { .. } => summary.unreadable += 1,
            }
        }
        summary
    }
}

/// Options for the human reporter.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width for wrapping.
    pub width: usize,
    /// Print the elapsed time in the summary (off in snapshots, which must be stable).
    pub show_timing: bool,
}

/// Writes every report in `format`.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    reports: &[FileReport],
    summary: &Summary,
    human: HumanOptions,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(out, reports, summary, human),
        Format::Json => json::write(out, reports, summary),
    }
}
