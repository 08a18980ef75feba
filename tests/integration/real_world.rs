//! Markdown as real health sites write it: prose in HTML blocks, no-break spaces and entities,
//! front matter of every kind, numbered and superscript citations, myth-busting sections. Each
//! test lints text written for it through the whole pipeline and checks what is flagged, with
//! the exact bytes of the file each finding points at.

use std::sync::LazyLock;

use healthlint::lint::Linter;
use healthlint::rules::RuleSet;
use healthlint::source::{FileKind, SourceFile};

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(RuleSet::builtin().expect("built-in packs compile")));

/// `(rule, flagged text as in the file)` for every unsuppressed finding in Markdown `text`.
fn findings(text: &str) -> Vec<(String, String)> {
    let file = SourceFile::new("t.md", FileKind::Markdown, text);
    LINTER
        .session()
        .lint(&file)
        .into_iter()
        .filter(|f| !f.is_suppressed())
        .map(|f| {
            assert_eq!(&text[f.span.clone()], f.text, "span and text agree");
            (f.rule.to_string(), f.text)
        })
        .collect()
}

/// The flagged texts of rule `rule` in `text`.
fn flagged(text: &str, rule: &str) -> Vec<String> {
    findings(text)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn prose_in_html_blocks_is_linted_with_exact_offsets() {
    let text = "# Joint care\n\n<div class=\"intro\">\n<p>Our serum is a <strong>miracle</strong>&nbsp;cure\n\
                for arthritis.</p>\n<ul>\n<li>It is completely risk&#8209;free.</li>\n</ul>\n</div>\n";
    let found = findings(text);
    let miracle = text.find("miracle").expect("present");
    assert!(
        found.contains(&("hype/miracle-language".into(), "miracle".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("absolutes/absolute-safety".into(), "risk&#8209;free".into())),
        "{found:?}"
    );
    // The finding's offsets are the file's, inside the HTML.
    let file = SourceFile::new("t.md", FileKind::Markdown, text);
    let spans: Vec<_> = LINTER
        .session()
        .lint(&file)
        .iter()
        .map(|f| f.span.start)
        .collect();
    assert!(spans.contains(&miracle), "{spans:?}");
}

#[test]
fn tags_attributes_scripts_styles_and_comments_are_not_prose() {
    let text = "<div title=\"miracle cure\" data-x='guaranteed cure'>\n\
                <script>var claim = \"miracle cure\";</script>\n\
                <style>.miracle-cure { color: red }</style>\n\
                <!-- miracle cure -->\n<pre>miracle cure</pre>\n<p>Plain text.</p>\n</div>\n";
    assert_eq!(findings(text), []);
}

#[test]
fn tables_details_and_blockquotes_in_html() {
    let text = "<table>\n<tr><th>Claim</th><td>A miracle cure</td></tr>\n</table>\n\n\
                <details>\n<summary>More</summary>\nA miracle cure for all.\n</details>\n\n\
                <blockquote>A miracle cure.</blockquote>\n";
    assert_eq!(flagged(text, "hype/miracle-language").len(), 3);
}

#[test]
fn unicode_spaces_and_nbsp_entities_read_as_spaces() {
    let cases = [
        (
            "citations/unsourced-statistic",
            ("15", "people"),
            [
                "15&nbsp;million people have it.\n",
                "15\u{a0}million people have it.\n",
                "15\u{202f}million people have it.\n",
                "<p>15&nbsp;million people have it.</p>\n",
            ],
        ),
        (
            "citations/vague-research-attribution",
            ("Research", "shown"),
            [
                "Research&nbsp;has shown it helps.\n",
                "Research\u{a0}has shown it helps.\n",
                "Research\u{2009}has\u{2007}shown it helps.\n",
                "<p>Research&#160;has shown it helps.</p>\n",
            ],
        ),
    ];
    for (rule, (first, last), texts) in cases {
        for text in texts {
            let found = flagged(text, rule);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert!(
                found[0].starts_with(first) && found[0].ends_with(last),
                "{found:?}"
            );
        }
    }
}

#[test]
fn soft_hyphens_and_curly_apostrophes() {
    assert_eq!(
        flagged("A mir\u{ad}acle cure.\n", "hype/miracle-language"),
        ["mir\u{ad}acle"]
    );
    // The negation is read through a typographic apostrophe, from the character or the entity.
    for text in [
        "It doesn’t cure anything.\n",
        "It doesn&rsquo;t cure anything.\n",
    ] {
        let plain = flagged(
            &text.replace(['’'], "'").replace("&rsquo;", "'"),
            "absolutes/cure-claim",
        );
        assert_eq!(flagged(text, "absolutes/cure-claim"), plain, "{text:?}");
    }
}

#[test]
fn warning_and_myth_busting_sections_mention_what_they_list() {
    let text = "# Arthritis supplements\n\nThis tonic is a miracle cure.\n\n\
                ## Red flags\n\nBe careful with products that promise:\n\n\
                - Miracle cures\n- No side effects\n- Guaranteed results\n\n\
                ### In adverts\n\nA miracle cure, 100% safe.\n\n\
                ## Treatment\n\nThe tonic is a miracle cure.\n";
    let hype: Vec<usize> = {
        let file = SourceFile::new("t.md", FileKind::Markdown, text);
        LINTER
            .session()
            .lint(&file)
            .iter()
            .filter(|f| f.category == healthlint::diagnostic::Category::Hype)
            .map(|f| f.span.start)
            .collect()
    };
    let first = text.find("miracle cure").expect("present");
    let last = text.rfind("miracle cure").expect("present");
    assert_eq!(hype, [first, last], "only outside the Red flags section");
    assert!(findings(text)
        .iter()
        .all(|(_, t)| !t.eq_ignore_ascii_case("no side effects") && !t.contains("100%")));
}

#[test]
fn a_press_release_boilerplate_praises_its_organisation_without_findings() {
    let body =
        "# New gel is a breakthrough for eczema\n\nThe gel is a breakthrough, the team said.\n\n";
    let boilerplate = "About the Northfield Research Institute\n\n\
                       The institute is a pioneer of breakthrough therapies and world-class care.\n\n\
                       Forward-looking statements: our revolutionary pipeline may not succeed.\n\n";
    let end_mark = "###\n\nNorthfield pioneered breakthrough drugs for gout.\n\n\
                    ## Media contact\n\nA breakthrough team answers calls.\n";
    for tail in [boilerplate, end_mark] {
        let text = format!("{body}{tail}");
        let hype = flagged(&text, "hype/breakthrough-claim");
        assert_eq!(hype.len(), 2, "only the release's own claims: {hype:?}");
        let file = SourceFile::new("t.md", FileKind::Markdown, text.as_str());
        let last = LINTER
            .session()
            .lint(&file)
            .iter()
            .map(|f| f.span.end)
            .max();
        assert!(
            last <= Some(body.len()),
            "nothing in the boilerplate: {tail}"
        );
    }
    // Absolute and efficacy claims are claims wherever they are.
    let text = format!("{body}###\n\nOur cream cures eczema forever.\n");
    let file = SourceFile::new("t.md", FileKind::Markdown, text.as_str());
    let after: Vec<_> = LINTER
        .session()
        .lint(&file)
        .into_iter()
        .filter(|f| f.span.start > body.len())
        .map(|f| f.category)
        .collect();
    assert!(
        after.contains(&healthlint::diagnostic::Category::Absolute),
        "{after:?}"
    );
    // "About" a product is not an organisation: its hype is the release's.
    let text = "About the Calmex gel\n\nCalmex is a breakthrough for eczema.\n";
    assert_eq!(flagged(text, "hype/breakthrough-claim"), ["breakthrough"]);
}

#[test]
fn myth_sections_in_html_and_setext_headings() {
    let text = "<h2>Myths and facts</h2>\n\n<ul><li>Myth: it is a miracle cure.</li></ul>\n\n\
                Claims to be wary of\n--------------------\n\nA miracle cure.\n\n\
                Benefits\n--------\n\nA miracle cure.\n";
    let hype = flagged(text, "hype/miracle-language");
    assert_eq!(hype.len(), 1, "{hype:?}");
    let file = SourceFile::new("t.md", FileKind::Markdown, text);
    let spans: Vec<_> = LINTER
        .session()
        .lint(&file)
        .iter()
        .map(|f| f.span.start)
        .collect();
    assert!(spans.contains(&text.rfind("miracle").expect("present")));
}

#[test]
fn front_matter_of_every_kind() {
    let yaml = "---\ntitle: Stem cells\ndescription: >-\n  Our serum is a\n  miracle cure.\n\
                layout: miracle-cure\ndoi: \"\"\npmid: \"\"\n---\n\nBody.\n";
    let toml =
        "+++\ntitle = \"Stem cells\"\nsummary = \"\"\"\nOur serum is a\nmiracle cure.\"\"\"\n\
                layout = \"miracle-cure\"\ndoi = \"\"\n+++\n\nBody.\n";
    let json =
        "{\n  \"title\": \"Stem cells\",\n  \"excerpt\": \"Our serum is a miracle cure.\",\n  \
                \"layout\": \"miracle-cure\",\n  \"doi\": \"\"\n}\n\nBody.\n";
    for text in [yaml, toml, json] {
        let found = findings(text);
        let at = text.find("miracle").expect("present");
        assert_eq!(
            found,
            [("hype/miracle-language".to_owned(), "miracle".to_owned())],
            "{text}"
        );
        let file = SourceFile::new("t.md", FileKind::Markdown, text);
        assert_eq!(LINTER.session().lint(&file)[0].span.start, at);
    }
}

#[test]
fn json_front_matter_is_not_a_paragraph() {
    let text = "{\n  \"title\": \"Guide\",\n  \"tags\": [\"miracle cure\"]\n}\n\nA miracle cure.\n";
    let file = SourceFile::new("t.md", FileKind::Markdown, text);
    let spans: Vec<_> = LINTER
        .session()
        .lint(&file)
        .iter()
        .map(|f| f.span.start)
        .collect();
    assert_eq!(spans, [text.rfind("miracle").expect("present")]);
}

#[test]
fn configured_front_matter_fields_are_prose() {
    use assert_cmd::Command;
    let dir = tempfile::TempDir::new().expect("temp dir");
    let text = "---\ntitle: Guide\nlede: A miracle cure.\n---\n\nBody.\n";
    std::fs::write(dir.path().join("a.md"), text).expect("write");
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("healthlint")
            .expect("binary")
            .current_dir(dir.path())
            .args(["check", "a.md", "--format", "json"])
            .args(args)
            .output()
            .expect("runs");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        json["diagnostics"].as_array().expect("array").len()
    };
    assert_eq!(run(&[]), 0);
    std::fs::write(
        dir.path().join("healthlint.toml"),
        "front-matter-fields = [\"lede\"]\n",
    )
    .expect("write");
    assert_eq!(run(&[]), 1);
}

/// A reference list the numbered citations below point into.
const NOTES: &str = "\n\n## References\n\n1. Smith J. Trial. 2020.\n2. Lee K. Cohort. 2021.\n\
                     3. Wu X. Review. 2022.\n4. Ng Y. 2019.\n5. Roe A. 2018.\n6. Poe E. 2017.\n\
                     7. Doe J. 2016.\n";

/// Whether `claim` followed by the reference list is flagged as an unsourced statistic.
fn unsourced(claim: &str) -> bool {
    let text = format!("{claim}{NOTES}");
    !flagged(&text, "citations/unsourced-statistic").is_empty()
}

#[test]
fn numbered_references_in_parentheses() {
    assert!(unsourced("About 40% of adults have low vitamin D."));
    for claim in [
        "About 40% of adults have low vitamin D (1).",
        "About 40% of adults have low vitamin D (2, 3, 4).",
        "About 40% of adults have low vitamin D (5–7).",
        "About 40% of adults have low vitamin D. (1)",
    ] {
        assert!(!unsourced(claim), "{claim}");
    }
    // Step numbers and numbers without an entry are not citations.
    assert!(unsourced("About 40% of adults have low vitamin D (9)."));
    let steps = "(1) About 40% of adults have low vitamin D.\n";
    assert!(!flagged(steps, "citations/unsourced-statistic").is_empty());
}

#[test]
fn superscript_references() {
    for claim in [
        "About 40% of adults have low vitamin D.<sup>1</sup>",
        "About 40% of adults have low vitamin D<sup>2,3</sup>.",
        "About 40% of adults have low vitamin D.^1^",
        "About 40% of adults have low vitamin D.¹",
        "About 40% of adults have low vitamin D²⁻⁴.",
    ] {
        assert!(!unsourced(claim), "{claim}");
    }
    // A power is not a marker.
    assert!(unsourced(
        "About 40% of adults with a BMI over 30 kg/m² have low vitamin D."
    ));
    // A notes list keyed by superscripts resolves them too.
    let text = "About 40% of adults have low vitamin D.²\n\n## Notes\n\n¹ Smith J. 2020.\n\n² Lee K. 2021.\n";
    assert!(flagged(text, "citations/unsourced-statistic").is_empty());
    assert!(flagged(text, "structure/missing-reference").is_empty());
}

#[test]
fn link_text_that_is_the_attribution() {
    for text in [
        "[Research has shown](https://pubmed.ncbi.nlm.nih.gov/123/) that it helps.\n",
        "<p><a href=\"https://pubmed.ncbi.nlm.nih.gov/123/\">Research has shown</a> that it helps.</p>\n",
    ] {
        assert_eq!(findings(text), [], "{text}");
    }
    assert_eq!(
        flagged(
            "Research has shown that it helps.\n",
            "citations/vague-research-attribution"
        )
        .len(),
        1
    );
}

#[test]
fn a_study_referred_back_to_is_cited() {
    let text = "A 2019 trial of 500 adults tested the tonic (Smith et al., 2019). \
                The same trial found that 40% of adults improved.\n";
    assert!(flagged(text, "citations/unsourced-statistic").is_empty());
    let text =
        format!("A trial tested the tonic [1].\n\nIn this trial, 40% of adults improved.{NOTES}");
    assert!(flagged(&text, "citations/unsourced-statistic").is_empty());
    // With no study cited before, the back-reference supports nothing.
    let text = "The same trial found that 40% of adults improved.\n";
    assert_eq!(flagged(text, "citations/unsourced-statistic").len(), 1);
}

#[test]
fn hype_piled_up_in_one_document_is_its_tone() {
    let severities = |text: &str| -> Vec<(String, String)> {
        let file = SourceFile::new("t.md", FileKind::Markdown, text);
        (LINTER.session().lint(&file).into_iter())
            .filter(|f| f.rule.starts_with("hype/"))
            .map(|f| (f.text, f.severity.to_string()))
            .collect()
    };
    let one = severities("The clinic offers an innovative therapy for knee pain.\n");
    assert_eq!(one, [("innovative".into(), "info".into())]);
    let three = severities(
        "The clinic offers an innovative therapy for knee pain.\n\n\
         Its state-of-the-art rooms opened in May, with exciting results.\n",
    );
    assert!(
        three.len() == 3 && three.iter().all(|(_, s)| s == "warning"),
        "{three:?}"
    );
    // The same word three times is one word, not a tone.
    let repeated = severities(
        "An innovative clinic.\n\nAn innovative team.\n\nAn innovative therapy for knee pain.\n",
    );
    assert!(repeated.iter().all(|(_, s)| s == "info"), "{repeated:?}");
    // A phrase its writer suppressed is not part of the tone.
    let suppressed = severities(
        "The clinic offers an innovative therapy with exciting results for knee pain.\n\n\
         <!-- healthlint-disable-next-line hype -- the clinic's registered name -->\n\
         Its State-of-the-Art Rooms opened in May.\n",
    );
    assert_eq!(
        suppressed,
        [
            ("innovative".into(), "info".into()),
            ("exciting".into(), "info".into()),
            ("State-of-the-Art".into(), "info".into()),
        ]
    );
}

#[test]
fn a_figure_on_a_page_that_sells_is_said_of_what_it_sells() {
    let statistic = |text: &str| -> Vec<String> {
        let file = SourceFile::new("t.md", FileKind::Markdown, text);
        (LINTER.session().lint(&file).into_iter())
            .filter(|f| &*f.rule == "citations/unsourced-effect-statistic")
            .map(|f| f.severity.to_string())
            .collect()
    };
    let figure = "Users saw a 62% reduction in wrinkle depth after eight weeks.";
    let selling = format!(
        "# GlowBuild Collagen Drink\n\n{figure}\n\nOrder now and save. Every box comes with a \
         money-back guarantee.\n"
    );
    assert_eq!(statistic(&selling), ["warning"]);
    // A release about a supplement trial reports the figure; it asks for a source, no more.
    let reporting = format!("# Collagen supplement studied in older women\n\n{figure}\n");
    assert_eq!(statistic(&reporting), ["info"]);
}
