//! `--format human`: miette's graphical diagnostics, one per finding, then a summary line.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, Report, SourceCode, SourceSpan, SpanContents,
};

use super::{FileReport, HumanOptions, Outcome, Summary};
use crate::diagnostic::{Finding, Severity};
use crate::source::SourceFile;

pub fn write(
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    options: HumanOptions,
) -> io::Result<()> {
    let handler = handler(options);
    for report in reports {
        write_file(out, report, &handler)?;
    }
    writeln!(out, "{}", summary_line(summary, options.show_timing))
}

/// The renderer for `options`, built once per run.
pub fn handler(options: HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_context_lines(1)
}

/// One file's findings (suppressed ones left out) or why it could not be read.
pub fn write_file(
    out: &mut dyn Write,
    report: &FileReport,
    handler: &GraphicalReportHandler,
) -> io::Result<()> {
    match &report.outcome {
        Outcome::Linted { source, findings } if findings.iter().any(|f| !f.is_suppressed()) => {
            let indexed = Arc::new(IndexedSource::new(&report.path, source.clone()));
            for finding in findings.iter().filter(|f| !f.is_suppressed()) {
                let mut rendered = String::new();
                let diagnostic = Report::new(to_miette(finding)).with_source_code(indexed.clone());
                handler
                    .render_report(&mut rendered, diagnostic.as_ref())
                    .map_err(io::Error::other)?;
                writeln!(out, "{}", rendered.trim_end())?;
                writeln!(out)?;
            }
        }
        Outcome::Linted { .. } => {}
        Outcome::Failed { message } => writeln!(out, "error: {}: {message}\n", report.path)?,
    }
    Ok(())
}

fn to_miette(finding: &Finding) -> MietteDiagnostic {
    let severity = match finding.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let label = format!("{} ({})", finding.category, finding.severity);
    let mut help = finding.help.clone();
    if !finding.suggestions.is_empty() {
        help.push_str(&format!("\ntry: {}", finding.suggestions.join(" · ")));
    }
    help.push_str(&format!("\nwhy: healthlint rule {}", finding.rule));
    MietteDiagnostic::new(finding.message.clone())
        .with_code(finding.rule.to_string())
        .with_severity(severity)
        .with_help(help)
        .with_label(LabeledSpan::new_primary_with_span(
            Some(label),
            SourceSpan::new(finding.span.start.into(), finding.span.len()),
        ))
}

/// "Checked 3 files: 1 error, 4 warnings, 2 infos in 12 ms"
pub fn summary_line(summary: &Summary, show_timing: bool) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "Checked {}: {}, {}, {}",
        plural(summary.files_checked, "file"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info")
    );
    if summary.unreadable > 0 {
        line.push_str(&format!(
            "; {} could not be read",
            plural(summary.unreadable, "file")
        ));
    }
    if summary.baselined > 0 {
        line.push_str(&format!(
            "; {} in the baseline not shown",
            plural(summary.baselined, "finding")
        ));
    }
    if show_timing {
        line.push_str(&format!(" in {} ms", summary.elapsed.as_millis()));
    }
    line
}

/// A file's text with its lines indexed, so rendering N findings does not rescan the file N
/// times (miette's own `str` source scans from byte 0 for every span).
struct IndexedSource {
    name: String,
    file: SourceFile,
}

impl IndexedSource {
    fn new(name: &str, file: SourceFile) -> Self {
        IndexedSource {
            name: name.to_string(),
            file,
        }
    }
}

impl SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, len) = (span.offset(), span.len());
        let (text, lines) = (&self.file.text, self.file.lines());
        if start + len > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = lines.line_of(start);
        let last = lines.line_of((start + len).saturating_sub(1).max(start));
        let lo_line = first.saturating_sub(before);
        let hi_line = (last + after).min(lines.line_count() - 1);
        let lo = lines.line_start(lo_line);
        let hi = if hi_line + 1 < lines.line_count() {
            lines.line_start(hi_line + 1)
        } else {
            text.len()
        };
        let window: &'a str = text.get(lo..hi).ok_or(MietteError::OutOfBounds)?;
        let inner = window.read_span(&SourceSpan::new((start - lo).into(), len), before, after)?;
        // miette counts columns in bytes; a header column in characters matches editors.
        let column = if before == 0 {
            let line_start = lines.line_start(first);
            text.get(line_start..start)
                .map_or(inner.column(), |s| s.chars().count())
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + lo).into(), inner.span().len()),
            inner.line() + lo_line,
            column,
            inner.line_count() + lo_line,
        )))
    }
}
