//! `--format github`: GitHub Actions workflow commands. Printed by a step of a workflow, each line
//! becomes an annotation on the pull request's diff, with no upload step or token.
//!
//! `::warning file=docs/a.md,line=3,col=5,endLine=3,endColumn=12,title=hype/miracle::message`
//!
//! Severities map to the three annotation levels (info → `notice`). Suppressed findings are not
//! annotated. Columns count characters and `endColumn` is the column just after the flagged text,
//! as in the other formats; GitHub accepts columns only for a one-line range, so a finding that
//! spans lines carries lines only.

use std::io::{self, Write};

use super::human::summary_line;
use super::{FileReport, Located, Outcome, Summary};
use crate::diagnostic::Severity;

/// `quiet` (`--quiet`) leaves out the summary line.
pub fn write(
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    quiet: bool,
) -> io::Result<()> {
    for report in reports {
        write_file(out, report)?;
    }
    if quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary_line(summary, false))
}

/// One file's annotations.
pub fn write_file(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    if let Outcome::Failed { message } = &report.outcome {
        writeln!(
            out,
            "::error file={},title=healthlint::{}",
            property(&report.path),
            data(message)
        )?;
    }
    for located in report.located() {
        if !located.finding.is_suppressed() {
            writeln!(out, "{}", annotation(&located))?;
        }
    }
    Ok(())
}

fn annotation(located: &Located<'_>) -> String {
    let f = located.finding;
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (start, end) = (located.start, located.end);
    let mut properties = format!("file={},line={}", property(located.path), start.line);
    if start.line == end.line {
        properties.push_str(&format!(",col={}", start.column));
    }
    properties.push_str(&format!(",endLine={}", end.line));
    if start.line == end.line {
        properties.push_str(&format!(",endColumn={}", end.column));
    }
    properties.push_str(&format!(",title={}", property(&f.rule)));
    let message = format!("{}\n{}", f.message, f.help);
    format!("::{command} {properties}::{}", data(&message))
}

/// Escapes the message part of a workflow command; unescaped, a `%0A` written by the user would
/// turn into a line break and a real line break would end the command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` ends the properties and `,` separates them.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{finding, linted, suppressed};

    fn render(reports: &[FileReport]) -> String {
        let summary = Summary::of(reports, Default::default());
        let mut out = Vec::new();
        write(&mut out, reports, &summary, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
        assert_eq!(property("a:b,c%d\n"), "a%3Ab%2Cc%25d%0A");
    }

    #[test]
    fn one_annotation_per_unsuppressed_finding_with_character_columns() {
        let text = "Ça guérit: a miracle, 100% sure.\nA breakthrough.\n";
        let mut f = finding(text, "miracle", "hype/miracle");
        f.message = "“miracle”: 100% hype, really".into();
        f.severity = Severity::Info;
        let reports = [linted(
            "docs/x,y:z.md",
            text,
            vec![
                f,
                suppressed(finding(text, "breakthrough", "hype/breakthrough")),
            ],
        )];
        let out = render(&reports);
        let mut lines = out.lines();
        assert_eq!(
            lines.next(),
            Some(
                "::notice file=docs/x%2Cy%3Az.md,line=1,col=14,endLine=1,endColumn=21,\
                 title=hype/miracle::“miracle”: 100%25 hype, really%0ASay what it does."
            )
        );
        assert_eq!(
            lines.next(),
            Some("Checked 1 file: 0 errors, 0 warnings, 1 info")
        );
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn a_finding_across_lines_has_no_columns_and_errors_map_to_error() {
        let text = "A miracle\ncure here.";
        let mut f = finding(text, "miracle\ncure", "hype/miracle");
        f.severity = Severity::Error;
        let out = render(&[linted("a.md", text, vec![f])]);
        assert!(
            out.starts_with("::error file=a.md,line=1,endLine=2,title=hype/miracle::"),
            "{out}"
        );
    }

    #[test]
    fn unreadable_files_are_error_annotations() {
        let reports = [FileReport {
            path: "bad.md".into(),
            outcome: Outcome::Failed {
                message: "skipped: not valid UTF-8".into(),
            },
        }];
        assert!(render(&reports)
            .starts_with("::error file=bad.md,title=healthlint::skipped: not valid UTF-8\n"));
    }
}
