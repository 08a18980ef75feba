//! What must hold for any input: the checks the fuzz target (`fuzz_targets/pipeline.rs`, nightly)
//! runs on every input, shared with the stable-toolchain driver in the integration tests
//! (`tests/integration/fuzz_corpus.rs`), which runs them over the seed corpus and mutations of it.
//!
//! One input is linted as Markdown and as text, then: no panic; every span lies on character
//! boundaries inside the file; a finding's `text` is the file's text at its span; findings are
//! sorted; a reused session finds what a fresh one does; every output format renders, JSON and
//! SARIF parse, human output stays bounded; the baseline round trip absorbs every finding.

use std::time::Duration;

use healthlint::baseline::Baseline;
use healthlint::lint::{Linter, Session};
use healthlint::report::{self, FileReport, Format, HumanOptions, Outcome, Summary};
use healthlint::rules::{load_builtin_packs, RuleSet};
use healthlint::source::{self, FileKind, SourceFile};

/// Every format `healthlint check --format` offers.
const FORMATS: [Format; 6] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::Sarif,
    Format::Github,
    Format::Html,
];

/// Bytes of human output allowed per finding beyond the fixed part: its message, help and
/// suggestions, and a bounded window of its sentence (never the whole line).
const HUMAN_BYTES_PER_FINDING: usize = 8 * 1024;

/// Every built-in pack, those off by default included, compiled once.
pub fn linter() -> Linter {
    let packs = load_builtin_packs().expect("built-in packs load");
    Linter::new(RuleSet::compile(&packs).expect("built-in packs compile"))
}

/// Runs every check on `bytes`; panics (with the input's kind) on the first that fails. Input
/// that is not text (NUL bytes, invalid UTF-8) is what `healthlint` skips, so it is skipped here.
pub fn check(linter: &Linter, session: &mut Session<'_>, bytes: &[u8]) {
    let Ok(text) = source::decode(bytes.to_vec()) else {
        return;
    };
    for (name, kind) in [("doc.md", FileKind::Markdown), ("doc.txt", FileKind::Text)] {
        let file = SourceFile::new(name, kind, text.as_str());
        let findings = session.lint(&file);
        assert_eq!(
            findings,
            linter.session().lint(&file),
            "{name}: a reused session differs from a fresh one"
        );
        for f in &findings {
            let span = f.span.clone();
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{name}: {} has span {span:?} outside or inside a character",
                f.rule
            );
            assert_eq!(
                f.text, text[span],
                "{name}: {} text is not the file's",
                f.rule
            );
        }
        assert!(
            findings
                .windows(2)
                .all(|w| (w[0].span.start, &w[0].rule) <= (w[1].span.start, &w[1].rule)),
            "{name}: findings are not sorted"
        );
        let reports = vec![FileReport {
            path: name.to_string(),
            outcome: Outcome::Linted {
                source: file,
                findings: findings.clone(),
            },
        }];
        render_every_format(linter, &reports, findings.len());
        baseline_round_trip(&reports);
    }
}

fn render_every_format(linter: &Linter, reports: &[FileReport], findings: usize) {
    let summary = Summary::of(reports, Duration::ZERO);
    for format in FORMATS {
        let options = HumanOptions {
            color: false,
            width: 80,
            show_timing: false,
            quiet: false,
        };
        let mut out = Vec::new();
        report::write(&mut out, format, reports, &summary, options, linter.rules())
            .unwrap_or_else(|e| panic!("{format:?} failed to render: {e}"));
        let out = String::from_utf8(out).unwrap_or_else(|_| panic!("{format:?} is not UTF-8"));
        match format {
            Format::Json | Format::Sarif => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
                    panic!("{format:?} output is not valid JSON: {e}");
                }
            }
            Format::Human => assert!(
                out.len() <= 4096 + findings * HUMAN_BYTES_PER_FINDING,
                "human output of {} bytes for {findings} findings",
                out.len()
            ),
            _ => {}
        }
    }
}

/// A baseline recorded from the findings, written and read back, absorbs every one of them.
fn baseline_round_trip(reports: &[FileReport]) {
    let recorded = Baseline::record(reports);
    let read = Baseline::parse("baseline.json", &recorded.to_json())
        .unwrap_or_else(|e| panic!("a written baseline does not read back: {e}"));
    assert_eq!(
        read.len(),
        recorded.len(),
        "the baseline changed on its round trip"
    );
    let mut again = reports.to_vec();
    read.apply(&mut again);
    for report in &again {
        if let Outcome::Linted { findings, .. } = &report.outcome {
            let left: Vec<_> = findings.iter().filter(|f| !f.is_suppressed()).collect();
            assert!(left.is_empty(), "the baseline left {} findings", left.len());
        }
    }
}
