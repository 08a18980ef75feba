//! `--format json`: the stable machine contract. Extend it with new fields; never rename or
//! remove one.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Outcome, Position, Summary};
use crate::diagnostic::{Category, Severity};

/// Version of the JSON contract; bumped only on a breaking change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files_checked: usize,
    diagnostics: &'a [Diagnostic],
    /// Findings silenced by inline comments, with the writer's reason (an extension of
    /// version 1: `diagnostics` keeps only what needs attention).
    suppressed: &'a [Suppressed],
    /// Files that could not be linted (an extension of version 1).
    errors: &'a [FileError],
}

/// One finding as the contract writes it. It owns its data, so a file's text can be dropped as
/// soon as its findings are collected.
#[derive(Serialize)]
struct Diagnostic {
    path: String,
    rule: String,
    category: Category,
    severity: Severity,
    message: String,
    help: String,
    span: Span,
    start: Position,
    end: Position,
    text: String,
    suggestions: Vec<String>,
}

#[derive(Serialize)]
struct Suppressed {
    #[serde(flatten)]
    diagnostic: Diagnostic,
    reason: Option<String>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct FileError {
    path: String,
    message: String,
}

/// The JSON output's entries, collected file by file.
#[derive(Default)]
pub struct Collected {
    diagnostics: Vec<Diagnostic>,
    suppressed: Vec<Suppressed>,
    errors: Vec<FileError>,
}

impl Collected {
    /// Adds one file's findings (or its error).
    pub fn add(&mut self, report: &FileReport) {
        if let Outcome::Failed { message } = &report.outcome {
            self.errors.push(FileError {
                path: report.path.clone(),
                message: message.clone(),
            });
        }
        for located in report.located() {
            let f = located.finding;
            let diagnostic = Diagnostic {
                path: located.path.to_string(),
                rule: f.rule.to_string(),
                category: f.category,
                severity: f.severity,
                message: f.message.clone(),
                help: f.help.clone(),
                span: Span {
                    start: f.span.start,
                    end: f.span.end,
                },
                start: located.start,
                end: located.end,
                text: f.text.clone(),
                suggestions: f.suggestions.clone(),
            };
            match &f.suppression {
                None => self.diagnostics.push(diagnostic),
                Some(s) => self.suppressed.push(Suppressed {
                    diagnostic,
                    reason: s.reason.clone(),
                }),
            }
        }
    }

    /// Writes the whole object.
    pub fn write(&self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let output = Output {
            version: VERSION,
            files_checked: summary.files_checked,
            diagnostics: &self.diagnostics,
            suppressed: &self.suppressed,
            errors: &self.errors,
        };
        serde_json::to_writer_pretty(&mut *out, &output)?;
        writeln!(out)
    }
}

pub fn write(out: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> io::Result<()> {
    let mut collected = Collected::default();
    for report in reports {
        collected.add(report);
    }
    collected.write(out, summary)
}
