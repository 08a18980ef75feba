//! The human report as a writer reads it, through the built binary: a one-line paragraph with
//! accents and emoji (as real Markdown keeps a paragraph) at 60, 80 and 120 columns. `COLUMNS`
//! pins the width, as it does for any terminal program.

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

const PARAGRAPH: &str = "tests/fixtures/human/one-line-paragraph.md";

fn human(columns: usize, path: &str) -> String {
    let output = Command::cargo_bin("healthlint")
        .unwrap()
        .env("COLUMNS", columns.to_string())
        .env_remove("NO_COLOR")
        .args(["check", "--color", "never", path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the fixture has warnings");
    String::from_utf8(output.stdout).unwrap()
}

fn at_width(columns: usize) -> String {
    let report = human(columns, PARAGRAPH);
    for line in report.lines() {
        assert!(
            line.width() <= columns,
            "wider than {columns} columns: {line:?}"
        );
    }
    report
}

#[test]
fn one_line_paragraph_at_60_columns() {
    insta::with_settings!({filters => vec![(r"in \d+ ms", "in [elapsed] ms")]}, {
        insta::assert_snapshot!(at_width(60));
    });
}

#[test]
fn one_line_paragraph_at_80_columns() {
    insta::with_settings!({filters => vec![(r"in \d+ ms", "in [elapsed] ms")]}, {
        insta::assert_snapshot!(at_width(80));
    });
}

#[test]
fn one_line_paragraph_at_120_columns() {
    insta::with_settings!({filters => vec![(r"in \d+ ms", "in [elapsed] ms")]}, {
        insta::assert_snapshot!(at_width(120));
    });
}

#[test]
fn the_paragraph_is_not_reprinted_per_finding() {
    let report = human(80, PARAGRAPH);
    // Six findings, two sentences: each sentence's opening words appear once.
    assert_eq!(report.matches("À Zürich").count(), 1, "{report}");
    assert_eq!(report.matches("describes the tonic").count(), 1, "{report}");
    // The long second sentence is cut around its phrase, and says so.
    assert!(report.contains("… "), "{report}");
    assert!(!report.contains("Montréal"), "{report}");
}

#[test]
fn underlines_sit_under_their_phrase_whatever_the_width() {
    for columns in [60, 80, 120] {
        let report = human(columns, PARAGRAPH);
        let lines: Vec<&str> = report.lines().collect();
        let mut checked = 0;
        // Overlapping phrases are underlined on rows of their own below the text, each with
        // its number: the text is the nearest row above that is neither.
        let is_mark_row = |row: &str| {
            let after_bar = row.split('│').nth(1).unwrap_or("");
            after_bar.contains('^')
                || after_bar
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ')
        };
        for (i, marks) in lines.iter().enumerate() {
            if !marks.contains('│') || !marks.contains('^') {
                continue;
            }
            let Some(text) = lines[..i].iter().rev().find(|row| !is_mark_row(row)) else {
                continue;
            };
            if !text.contains('│') {
                continue;
            }
            for (start, end) in caret_runs(marks) {
                let under = text_between_columns(text, start, end);
                assert!(
                    PHRASE_PARTS.contains(&under.as_str()),
                    "at {columns} columns the underline marks {under:?}:\n{text}\n{marks}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 6, "{report}");
    }
}

/// The flagged phrases of the fixture, and the parts a wrapped row may hold of them.
const PHRASE_PARTS: &[&str] = &[
    "swear by",
    "swear",
    "by",
    "miracle",
    "clinically proven",
    "clinically",
    "proven",
    "eliminate inflammation",
    "100% safe",
    "100%",
    "safe",
    "guaranteed to relieve",
    "guaranteed to",
    "relieve",
    "relieve your knee pain",
    "relieve your",
    "relieve your knee",
    "knee pain",
    "your knee pain",
    "pain",
    "revolutionary",
];

/// Display-column ranges of each run of `^`.
fn caret_runs(marks: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut column = 0;
    let mut start = None;
    for c in marks.chars().chain([' ']) {
        match (c == '^', start) {
            (true, None) => start = Some(column),
            (false, Some(s)) => {
                runs.push((s, column));
                start = None;
            }
            _ => {}
        }
        column += c.to_string().width();
    }
    runs
}

/// The characters of `text` that sit within display columns `start..end`.
fn text_between_columns(text: &str, start: usize, end: usize) -> String {
    let mut column = 0;
    let mut under = String::new();
    for c in text.chars() {
        let w = c.to_string().width();
        if column >= start && column + w <= end {
            under.push(c);
        }
        column += w;
    }
    under
}
