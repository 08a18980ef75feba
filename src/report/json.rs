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
    diagnostics: Vec<Diagnostic<'a>>,
    /// Findings silenced by inline comments, with the writer's reason (an extension of
    /// version 1: `diagnostics` keeps only what needs attention).
    suppressed: Vec<Suppressed<'a>>,
    /// Files that could not be linted (an extension of version 1).
    errors: Vec<FileError<'a>>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    category: Category,
    severity: Severity,
    message: &'a str,
    help: &'a str,
    span: Span,
    start: Position,
    end: Position,
    text: &'a str,
    suggestions: &'a [String],
}

#[derive(Serialize)]
struct Suppressed<'a> {
    #[serde(flatten)]
    diagnostic: Diagnostic<'a>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct FileError<'a> {
    path: &'a str,
    message: &'a str,
}

pub fn write(out: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    let mut suppressed = Vec::new();
    let mut errors = Vec::new();
    for report in reports {
        match &report.outcome {
            Outcome::Linted { .. } => {
                for located in report.located() {
                    let f = located.finding;
                    let diagnostic = Diagnostic {
                        path: located.path,
                        rule: &f.rule,
                        category: f.category,
                        severity: f.severity,
                        message: &f.message,
                        help: &f.help,
                        span: Span {
                            start: f.span.start,
                            end: f.span.end,
                        },
                        start: located.start,
                        end: located.end,
                        text: &f.text,
                        suggestions: &f.suggestions,
                    };
                    match &f.suppression {
                        None => diagnostics.push(diagnostic),
                        Some(s) => suppressed.push(Suppressed {
                            diagnostic,
                            reason: s.reason.as_deref(),
                        }),
                    }
                }
            }
            Outcome::Failed { message } => errors.push(FileError {
                path: &report.path,
                message,
            }),
        }
    }
    let output = Output {
        version: VERSION,
        files_checked: summary.files_checked,
        diagnostics,
        suppressed,
        errors,
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
