//! `--format human`: findings grouped by file, each sentence shown once with its phrases
//! underlined and numbered, then what is wrong, how to say it better and where to read more.
//!
//! Built for prose rather than code. miette (still used for config errors, which point into
//! short TOML lines) and annotate-snippets (rustc's and typos' renderer) both print a source
//! line as an unbreakable unit: miette reprints the whole line, annotate-snippets trims it to
//! the terminal with `...`. A Markdown paragraph is one line of several hundred characters, so a
//! prose report has to show a sentence and wrap it over rows, each with the underline under its
//! own part of the phrase; that layout is this module (with `excerpt` choosing what to show and
//! `wrap` breaking rows at spaces by display width).

mod excerpt;
mod wrap;

use std::io::{self, Write};

use super::statistics;
use super::{FileReport, HumanOptions, LineIndex, Outcome, Summary};
use crate::diagnostic::{Finding, Severity};
use excerpt::Excerpt;
use wrap::width;

/// From this many findings on, the report ends with a count per rule, as a table of contents.
pub const MANY_FINDINGS: usize = 10;

/// The narrowest excerpt row drawn, however narrow the terminal says it is.
const MIN_ROW: usize = 20;

pub fn write(
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    options: HumanOptions,
) -> io::Result<()> {
    let mut counts = statistics::Counter::default();
    for report in reports {
        counts.add(report);
        write_file(out, report, options)?;
    }
    write_end(out, &counts, summary, options)
}

/// One file's findings (suppressed ones left out) or why it could not be read.
pub fn write_file(
    out: &mut dyn Write,
    report: &FileReport,
    options: HumanOptions,
) -> io::Result<()> {
    let paint = Paint(options.color);
    match &report.outcome {
        Outcome::Linted { source, findings } => {
            let mut findings: Vec<&Finding> =
                findings.iter().filter(|f| !f.is_suppressed()).collect();
            if findings.is_empty() {
                return Ok(());
            }
            findings.sort_by_key(|f| (f.span.start, f.span.end));
            let file = FileView {
                path: &report.path,
                text: &source.text,
                lines: source.lines(),
                width: options.width,
                paint,
            };
            file.write(out, &findings)
        }
        Outcome::Failed { message } => writeln!(
            out,
            "{}: {}: {message}\n",
            paint.severity(Severity::Error, "error"),
            report.path
        ),
    }
}

/// After the files: with many findings a count per rule, as a table of contents, then the
/// summary line (neither with `--quiet`).
pub fn write_end(
    out: &mut dyn Write,
    counts: &statistics::Counter,
    summary: &Summary,
    options: HumanOptions,
) -> io::Result<()> {
    if options.quiet {
        return Ok(());
    }
    if counts.shown() >= MANY_FINDINGS {
        let paint = Paint(options.color);
        writeln!(out, "{}", paint.bold("Findings by rule:"))?;
        statistics::write_table(out, &counts.sorted())?;
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(summary, options.show_timing))
}

/// One file's findings being drawn.
struct FileView<'a> {
    path: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
    width: usize,
    paint: Paint,
}

impl FileView<'_> {
    fn write(&self, out: &mut dyn Write, findings: &[&Finding]) -> io::Result<()> {
        writeln!(out, "{}", self.paint.bold(self.path))?;
        let digits = self.lines.line_count().to_string().len();
        // " 12 │ " before each row of source text.
        let row = self.width.saturating_sub(digits + 4).max(MIN_ROW);
        for excerpt in excerpt::excerpts(self.text, findings, row) {
            let marked: Vec<&Finding> = excerpt.findings.iter().map(|&i| findings[i]).collect();
            writeln!(out)?;
            self.write_excerpt(out, &excerpt, &marked, digits, row)?;
            for (k, finding) in marked.iter().enumerate() {
                writeln!(out)?;
                let number = (marked.len() > 1).then_some(k + 1);
                self.write_finding(out, finding, number)?;
            }
        }
        writeln!(out)
    }

    /// The excerpt's text, line by line and wrapped, with each row's part of every phrase
    /// underlined and, when there are several, numbered under its start.
    fn write_excerpt(
        &self,
        out: &mut dyn Write,
        excerpt: &Excerpt,
        findings: &[&Finding],
        digits: usize,
        row_width: usize,
    ) -> io::Result<()> {
        let bar = self.paint.dim("│");
        let first_line = self.lines.line_of(excerpt.range.start);
        let last_line = self.lines.line_of(excerpt.range.end);
        for line in first_line..=last_line {
            let start = self.lines.line_start(line).max(excerpt.range.start);
            let end = self.line_end(line).min(excerpt.range.end);
            let segment = printable(&self.text[start..end.max(start)]);
            let lead = line == first_line && excerpt.cut_before;
            let trail = line == last_line && excerpt.cut_after;
            let reserve = 2 * usize::from(lead || trail);
            let rows = wrap::rows(&segment, row_width.saturating_sub(reserve).max(1));
            for (r, row) in rows.iter().enumerate() {
                let prefix = if lead && r == 0 { "… " } else { "" };
                let suffix = if trail && r + 1 == rows.len() {
                    " …"
                } else {
                    ""
                };
                let number = if r == 0 {
                    (line + 1).to_string()
                } else {
                    String::new()
                };
                let gutter = self.paint.dim(&format!("{number:>digits$}"));
                writeln!(
                    out,
                    " {gutter} {bar} {prefix}{}{suffix}",
                    &segment[row.clone()]
                )?;
                let at = (start + row.start)..(start + row.end);
                let marks = marks(self.text, &at, width(prefix), findings);
                let pad = " ".repeat(digits);
                for layer in layers(marks) {
                    writeln!(out, " {pad} {bar} {}", self.underline(&layer))?;
                    let labels = labels(&layer);
                    if findings.len() > 1 && !labels.is_empty() {
                        writeln!(out, " {pad} {bar} {labels}")?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Where zero-based `line` ends, before its line break (and a `\r` before that).
    fn line_end(&self, line: usize) -> usize {
        let next = if line + 1 < self.lines.line_count() {
            self.lines.line_start(line + 1) - 1
        } else {
            self.text.len()
        };
        let start = self.lines.line_start(line);
        start + self.text[start..next].trim_end_matches('\r').len()
    }

    fn underline(&self, marks: &[Mark]) -> String {
        let mut line = String::new();
        let mut column = 0;
        for mark in marks {
            let from = mark.columns.start.max(column);
            if mark.columns.end <= from {
                continue;
            }
            line.push_str(&" ".repeat(from - column));
            let carets = "^".repeat(mark.columns.end - from);
            line.push_str(&self.paint.severity(mark.severity, &carets));
            column = mark.columns.end;
        }
        line
    }

    /// The finding's severity and message, where it is, and what to do about it.
    fn write_finding(
        &self,
        out: &mut dyn Write,
        finding: &Finding,
        number: Option<usize>,
    ) -> io::Result<()> {
        let lead = number.map_or("  ".to_string(), |n| format!("  {n} "));
        let indent = width(&lead) + 2;
        let severity = finding.severity;
        let symbol = self.paint.severity(severity, symbol(severity));
        let heading = format!("{}: {}", severity.as_str(), finding.message);
        let mut rows = wrap::rows(&heading, self.text_width(indent)).into_iter();
        if let Some(first) = rows.next() {
            // The severity word, coloured, then the rest of the first row.
            let rest = &heading[severity.as_str().len()..first.end];
            let word = self.paint.severity(severity, severity.as_str());
            writeln!(out, "{lead}{symbol} {word}{rest}")?;
        }
        for row in rows {
            writeln!(out, "{:indent$}{}", "", &heading[row])?;
        }
        let (line, column) = self.lines.position(self.text, finding.span.start);
        let place = format!("at {}:{line}:{column}", self.path);
        self.labelled(out, indent, "", &place)?;
        self.labelled(out, indent, "help: ", &finding.help)?;
        if !finding.suggestions.is_empty() {
            self.labelled(out, indent, "try:  ", &finding.suggestions.join(" · "))?;
        }
        let why = format!("healthlint rule {}", finding.rule);
        self.labelled(out, indent, "why:  ", &why)
    }

    /// `label` then `text` wrapped, continuation rows indented under the text.
    fn labelled(
        &self,
        out: &mut dyn Write,
        indent: usize,
        label: &str,
        text: &str,
    ) -> io::Result<()> {
        let hang = indent + width(label);
        let mut first = true;
        for paragraph in text.lines().filter(|p| !p.trim().is_empty()) {
            for row in wrap::rows(paragraph, self.text_width(hang)) {
                let shown = if first {
                    self.paint.dim(label)
                } else {
                    " ".repeat(width(label))
                };
                writeln!(out, "{:indent$}{shown}{}", "", &paragraph[row])?;
                first = false;
            }
        }
        Ok(())
    }

    fn text_width(&self, indent: usize) -> usize {
        self.width.saturating_sub(indent).max(MIN_ROW)
    }
}

/// One finding's underline on one row: display columns, and its number for the label row.
struct Mark {
    columns: std::ops::Range<usize>,
    severity: Severity,
    /// One-based number of the finding in its excerpt, when its phrase starts on this row.
    label: Option<usize>,
}

/// The underlines on the row showing source bytes `row`, after `offset` columns of prefix.
fn marks(
    text: &str,
    row: &std::ops::Range<usize>,
    offset: usize,
    findings: &[&Finding],
) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (k, finding) in findings.iter().enumerate() {
        let span = &finding.span;
        let touches = if span.is_empty() {
            row.start <= span.start && span.start <= row.end
        } else {
            span.start < row.end && row.start < span.end
        };
        if !touches {
            continue;
        }
        let from = span.start.clamp(row.start, row.end);
        let to = span.end.clamp(row.start, row.end);
        let start = offset + width(&text[row.start..from]);
        let end = (offset + width(&text[row.start..to])).max(start + 1);
        marks.push(Mark {
            columns: start..end,
            severity: finding.severity,
            label: (span.start >= row.start).then_some(k + 1),
        });
    }
    marks.sort_by_key(|m| m.columns.start);
    marks
}

/// Marks sorted into rows of underlines that do not overlap, so a phrase inside another one
/// (or two rules on the same phrase) gets an underline, and a number, of its own.
fn layers(marks: Vec<Mark>) -> Vec<Vec<Mark>> {
    let mut layers: Vec<Vec<Mark>> = Vec::new();
    for mark in marks {
        let free = layers.iter_mut().find(|layer| {
            layer
                .last()
                .is_none_or(|last| last.columns.end < mark.columns.start)
        });
        match free {
            Some(layer) => layer.push(mark),
            None => layers.push(vec![mark]),
        }
    }
    layers
}

/// Each numbered mark's number under its first column (or just after the previous number).
fn labels(marks: &[Mark]) -> String {
    let mut line = String::new();
    let mut column = 0;
    for mark in marks {
        let Some(label) = mark.label else { continue };
        let at = mark.columns.start.max(column + usize::from(column > 0));
        line.push_str(&" ".repeat(at - column));
        let label = label.to_string();
        column = at + label.len();
        line.push_str(&label);
    }
    line.trim_end().to_string()
}

/// The text with tabs and other control characters shown as spaces, one byte each, so byte
/// offsets into the source still point at the same characters.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c.is_ascii() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "×",
        Severity::Warning => "⚠",
        Severity::Info => "☞",
    }
}

/// ANSI colours, or plain text when colour is off.
#[derive(Debug, Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn style(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.style(code, text)
    }

    fn bold(self, text: &str) -> String {
        self.style("1", text)
    }

    fn dim(self, text: &str) -> String {
        self.style("2", text)
    }
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
        let what = summary.unreadable_kind.noun(summary.unreadable);
        line.push_str(&format!(
            "; {} {what} could not be read",
            summary.unreadable
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
