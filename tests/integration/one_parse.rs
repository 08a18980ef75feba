//! One parse, used by every stage: what the parse says is not prose (code spans, fenced code,
//! HTML comments, front matter) is left out the same way by the rules, by the reference
//! apparatus (footnotes, identifiers) and by the suppression directives.

use std::sync::LazyLock;

use healthlint::lint::Linter;
use healthlint::parse::{KeepAll, MarkdownParser};
use healthlint::rules::RuleSet;
use healthlint::source::{FileKind, SourceFile};

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(RuleSet::builtin().expect("built-in packs compile")));

/// Each of these regions holds a hype phrase (a finding if it were prose), an undefined
/// footnote reference and a malformed DOI (structure findings if they were references), and a
/// file-wide suppression (which would silence the real claim below if it were a directive).
const TEXT: &str = "---\ntitle: Guide\nlayout: \"miracle cure [^9] doi:10.1/x\"\n\
                    note: <!-- healthlint-disable-file -->\n---\n\n\
                    Use `miracle cure [^9] doi:10.1/x <!-- healthlint-disable-file -->` as code.\n\n\
                    ```md\nmiracle cure [^9] doi:10.1/x\n<!-- healthlint-disable-file -->\n```\n\n\
                    \x20   indented miracle cure [^9] doi:10.1/x <!-- healthlint-disable-file -->\n\n\
                    <!-- miracle cure [^9] doi:10.1/x -->\n\n\
                    Text <!-- miracle cure [^9] doi:10.1/x --> here.\n\n\
                    A miracle cure.\n";

#[test]
fn code_comments_and_front_matter_are_excluded_alike() {
    let file = SourceFile::new("t.md", FileKind::Markdown, TEXT);
    let findings = LINTER.session().lint(&file);
    let shown: Vec<_> = findings
        .iter()
        .map(|f| (f.rule.to_string(), f.span.start, f.is_suppressed()))
        .collect();
    let claim = TEXT.rfind("miracle").expect("present");
    assert_eq!(
        shown,
        [("hype/miracle-language".to_owned(), claim, false)],
        "only the claim in prose is found, and nothing suppresses it"
    );
}

#[test]
fn the_parse_reports_references_and_comments_outside_code() {
    let doc = MarkdownParser::new().parse(TEXT, &KeepAll);
    assert!(doc.references.footnote_references.is_empty());
    for region in ["[^9]", "doi:10.1/x"] {
        for (at, _) in TEXT.match_indices(region) {
            assert!(doc.references.in_code(at), "{region} at {at} is not prose");
        }
    }
    let comments: Vec<&str> = doc.comments.iter().map(|c| &TEXT[c.clone()]).collect();
    assert_eq!(
        comments,
        [
            "<!-- miracle cure [^9] doi:10.1/x -->",
            "<!-- miracle cure [^9] doi:10.1/x -->"
        ]
    );
    assert!(doc.tree.is_some(), "the block tree is kept");
}
