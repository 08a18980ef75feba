//! Citation attachment end to end: claims of a `needs-source` rule (a fixture here, so these tests
//! do not depend on the wording of the `citations` pack) are silenced by an attached citation and
//! only by one; other rules ignore citations.

use std::sync::LazyLock;

use healthlint::lint::Linter;
use healthlint::source::{FileKind, SourceFile};

/// The built-in packs plus the claim fixture, compiled once.
static LINTER: LazyLock<Linter> = LazyLock::new(crate::common::linter_with_claim_fixture);

/// Rule ids found in `text` linted as a file of `kind`.
fn rules(kind: FileKind, text: &str) -> Vec<String> {
    let file = SourceFile::new("t", kind, text);
    let mut ids: Vec<String> = LINTER
        .session()
        .lint(&file)
        .iter()
        .map(|f| f.rule.to_string())
        .collect();
    ids.dedup();
    ids
}

fn claim_fires(text: &str) -> bool {
    rules(FileKind::Markdown, text).contains(&"fixture/claim".to_string())
}

const REFERENCES: &str =
    "\n\n## References\n\n1. Holick MF. Vitamin D deficiency. N Engl J Med 2007.\n";

#[test]
fn numbered_markers_need_a_reference_list() {
    let claim = "Studies show that 40% of adults have low vitamin D [1].";
    assert!(!claim_fires(&format!("{claim}{REFERENCES}")));
    assert!(claim_fires(claim), "no list: [1] points nowhere");
    assert!(!claim_fires(&format!(
        "{claim}\n\n[1]: https://ods.od.nih.gov/x\n"
    )));
    assert!(!claim_fires(&format!("{claim}\n\n[1] Holick MF. 2007.\n")));
    assert!(
        claim_fires(&format!("{}{REFERENCES}", claim.replace("[1]", "[7]"))),
        "no entry 7"
    );
    let plain = "Studies show that 40% of adults have low vitamin D [1].\n\nReferences\n1. Holick MF. 2007.\n";
    assert!(!rules(FileKind::Text, plain).contains(&"fixture/claim".to_string()));
}

#[test]
fn author_year_and_identifiers() {
    for cited in [
        "Studies show that fasting helps (Smith et al., 2020).",
        "Studies show that fasting helps (Smith & Jones, 2019).",
        "Studies show that fasting helps (Smith 2020; Lee 2021).",
        "Smith et al. (2020) and other studies show that fasting helps.",
        "Studies show that fasting helps (doi:10.1056/NEJMoa1905136).",
        "Studies show that fasting helps (PMID: 31881139).",
        "Studies show that fasting helps (NCT01234567).",
    ] {
        assert!(!claim_fires(cited), "{cited}");
    }
    assert!(claim_fires("Studies show that fasting helps (March 2020)."));
    assert!(claim_fires(
        "Studies show that fasting helps (see `doi:10.1056/x`)."
    ));
}

#[test]
fn links_reach_the_sentence_or_close_the_block() {
    assert!(!claim_fires(
        "Studies show that fasting helps ([NEJM](https://www.nejm.org/doi/10.1056/x))."
    ));
    assert!(!claim_fires(
        "Studies show that fasting helps. Read the [trial report](https://www.nejm.org/x)."
    ));
    assert!(!claim_fires(
        "Studies show that fasting helps. See https://nejm.org/x"
    ));
    assert!(
        claim_fires("Studies show that fasting helps. See [below](#trial). More text."),
        "anchors are not sources"
    );
    assert!(
        claim_fires("Studies show that fasting helps. A [link](https://x.org/) here. More text."),
        "a link in a middle sentence supports that sentence only"
    );
    assert!(
        claim_fires("Studies show that fasting helps.\n\nSee [the trial](https://nejm.org/x)."),
        "another paragraph"
    );
    assert!(
        claim_fires("- Studies show that fasting helps.\n- [Trial](https://nejm.org/x)\n"),
        "another list item"
    );
    assert!(
        claim_fires("Studies show that fasting helps ([NEJM][nejm])."),
        "undefined reference links point nowhere"
    );
    assert!(!claim_fires(
        "Studies show that fasting helps ([NEJM][nejm]).\n\n[nejm]: https://nejm.org/x\n"
    ));
    assert!(
        claim_fires("Studies show that fasting helps ![chart](https://nejm.org/c.png)."),
        "images are not sources"
    );
}

#[test]
fn footnotes_count_when_defined() {
    let used = "Research shows that fasting helps.[^1] Other text.\n\n";
    assert!(!claim_fires(&format!("{used}[^1]: Smith 2020.\n")));
    let found = rules(FileKind::Markdown, used);
    assert!(found.contains(&"fixture/claim".to_string()), "{found:?}");
    assert!(found.contains(&"structure/undefined-footnote".to_string()));
}

#[test]
fn source_lines_cover_the_block_before() {
    assert!(!claim_fires(
        "Studies show that fasting helps.\n\nSource: Cochrane review, 2021.\n"
    ));
    assert!(!claim_fires(
        "Studies show that fasting helps.\nSource: WHO, 2021.\n"
    ));
    assert!(claim_fires(
        "Studies show that fasting helps.\n\nOther words.\n\nSource: WHO, 2021.\n"
    ));
}

#[test]
fn citations_do_not_silence_other_rules() {
    let found = rules(
        FileKind::Markdown,
        "This miracle cure melts fat (Smith et al., 2020).",
    );
    assert!(found.iter().any(|r| r.starts_with("hype/")), "{found:?}");
}

#[test]
fn weak_sources_are_reported_at_the_link() {
    let text = "Studies show that fasting helps ([video](https://youtube.com/watch?v=1)).";
    let findings = LINTER
        .session()
        .lint(&SourceFile::new("t.md", FileKind::Markdown, text));
    let weak: Vec<_> = findings
        .iter()
        .filter(|f| &*f.rule == "citation-quality/weak-source")
        .collect();
    assert_eq!(weak.len(), 1, "{findings:?}");
    assert_eq!(weak[0].text, "[video](https://youtube.com/watch?v=1)");
    assert!(weak[0]
        .message
        .contains("a social-media post (youtube.com)"));
    assert!(!findings.iter().any(|f| &*f.rule == "fixture/claim"));
}
