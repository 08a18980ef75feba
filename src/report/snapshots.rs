//! One small synthetic report rendered in every format and compared with reviewed snapshots, so
//! any change to what users or tools read shows up in review as a diff. Rules are hand-built and
//! the rule set is empty: the snapshots must not move when packs or the parser change.

use super::test_support::{finding, linted, suppressed};
use super::{write, FileReport, Format, HumanOptions, Outcome, Summary};
use crate::diagnostic::{Category, Severity};
use crate::rules::RuleSet;

fn sample() -> Vec<FileReport> {
    let text = "# Ça marche\n\nThis supplement is a miracle cure, 100% guaranteed.\nIt is always safe: a breakthrough.\n";
    let mut absolute = finding(text, "always safe", "absolutes/always-safe");
    absolute.category = Category::Absolute;
    absolute.severity = Severity::Error;
    absolute.message = "“always safe” is an absolute no treatment can promise".into();
    let mut guaranteed = finding(text, "100% guaranteed", "absolutes/guaranteed");
    guaranteed.severity = Severity::Info;
    vec![
        linted(
            "docs/ça va.md",
            text,
            vec![
                finding(text, "miracle cure", "hype/miracle"),
                guaranteed,
                absolute,
                suppressed(finding(text, "breakthrough", "hype/breakthrough")),
            ],
        ),
        FileReport {
            path: "docs/broken.md".into(),
            outcome: Outcome::Failed {
                message: "skipped: binary file (contains NUL bytes)".into(),
            },
        },
    ]
}

fn render(format: Format) -> String {
    let reports = sample();
    let summary = Summary::of(&reports, Default::default());
    let human = HumanOptions {
        color: false,
        width: 100,
        show_timing: false,
        quiet: false,
    };
    let rules = RuleSet::compile(std::iter::empty()).expect("an empty rule set compiles");
    let mut out = Vec::new();
    write(&mut out, format, &reports, &summary, human, &rules).expect("writing to memory");
    String::from_utf8(out).expect("reports are UTF-8")
}

#[test]
fn human() {
    insta::assert_snapshot!(render(Format::Human));
}

#[test]
fn concise() {
    insta::assert_snapshot!(render(Format::Concise));
}

#[test]
fn json() {
    insta::assert_snapshot!(render(Format::Json));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(render(Format::Sarif));
}

#[test]
fn github() {
    insta::assert_snapshot!(render(Format::Github));
}
