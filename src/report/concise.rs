//! `--format concise`: one line per finding, `path:line:col: severity [rule] message`, the shape
//! compilers print, so Vim's default `errorformat`, Emacs' compilation mode and grep-style
//! problem matchers jump to it unchanged. Files that could not be read get one `path: error:
//! message` line, and the human summary line closes the output (like ruff's `Found N errors`):
//! quickfix parsers skip lines that do not match, and people reading a log want the totals.

use std::io::{self, Write};

use super::human::summary_line;
use super::{FileReport, Outcome, Summary};

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

/// One file's lines.
pub fn write_file(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    if let Outcome::Failed { message } = &report.outcome {
        writeln!(out, "{}: error: {}", report.path, one_line(message))?;
    }
    for located in report.located() {
        let f = located.finding;
        if f.is_suppressed() {
            continue;
        }
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            located.path,
            located.start.line,
            located.start.column,
            f.severity,
            f.rule,
            one_line(&f.message)
        )?;
    }
    Ok(())
}

/// A message on one line: a line break inside it would start a bogus quickfix entry.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{finding, linted, suppressed};

    #[test]
    fn columns_count_characters_and_suppressed_findings_are_left_out() {
        let text = "Café élan: a miracle cure.\nIt is a proven breakthrough.\n";
        let report = linted(
            "docs/a b.md",
            text,
            vec![
                finding(text, "miracle", "hype/miracle"),
                suppressed(finding(text, "breakthrough", "hype/breakthrough")),
            ],
        );
        let mut out = Vec::new();
        let reports = [report];
        let summary = Summary::of(&reports, Default::default());
        write(&mut out, &reports, &summary, false).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "docs/a b.md:1:14: warning [hype/miracle] “miracle” is hype",
                "Checked 1 file: 0 errors, 1 warning, 0 infos",
            ]
        );
    }

    #[test]
    fn unreadable_files_and_multi_line_messages_stay_on_one_line() {
        let text = "A miracle.";
        let mut f = finding(text, "miracle", "hype/miracle");
        f.message = "first\nsecond".into();
        let reports = [
            linted("a.md", text, vec![f]),
            FileReport {
                path: "b.md".into(),
                outcome: Outcome::Failed {
                    message: "skipped: binary file".into(),
                },
            },
        ];
        let summary = Summary::of(&reports, Default::default());
        let mut out = Vec::new();
        write(&mut out, &reports, &summary, false).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("a.md:1:3: warning [hype/miracle] first second\n"));
        assert!(out.contains("\nb.md: error: skipped: binary file\n"));
    }
}
