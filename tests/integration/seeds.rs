//! The two seed articles, read as a medical editor would: the findings a careful editor would
//! make are there, and the hedged sentences stay quiet.

use assert_cmd::Command;
use serde_json::Value;

/// `(rule, flagged text)` for every diagnostic on one seed file.
fn findings(file: &str) -> Vec<(String, String)> {
    let output = Command::cargo_bin("healthlint")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(format!("tests/fixtures/seeds/{file}"))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(found: &[(String, String)], rule: &str, text: &str) -> bool {
    found.iter().any(|(r, t)| r == rule && t.contains(text))
}

const HIP: &str = "000_e87ac30e7addfbe1.txt";
const KNEE: &str = "003_7471604e836f86c1.txt";

#[test]
fn hip_article_hype_and_absolutes_are_flagged() {
    let found = findings(HIP);
    assert!(
        has(
            &found,
            "hype/sensational-disease-language",
            "terrible disease"
        ),
        "{found:?}"
    );
    assert!(
        has(&found, "hype/superlative-praise", "amazing"),
        "{found:?}"
    );
}

#[test]
fn knee_article_hype_and_absolutes_are_flagged() {
    let found = findings(KNEE);
    // The title: "Five year follow up confirmed that stem cells fundamentally improved arthritis!"
    assert!(
        has(
            &found,
            "absolutes/confirmed-claim",
            "confirmed that stem cells"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "absolutes/fundamental-improvement",
            "fundamentally improved"
        ),
        "{found:?}"
    );
    assert!(
        has(&found, "hype/sensational-disease-language", "plagues"),
        "{found:?}"
    );
    assert!(
        has(&found, "hype/breakthrough-claim", "breakthroughs"),
        "{found:?}"
    );
    assert!(
        has(&found, "absolutes/confirmed-claim", "safe"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "absolutes/fundamental-improvement",
            "fundamentally improve"
        ),
        "{found:?}"
    );
}

#[test]
fn hedged_sentences_stay_quiet() {
    let hedged = [
        "may degenerate",
        "may result",
        "possible alternative",
        "promising alternative",
        "more research is necessary",
        "are believed to provide",
        "may contribute",
        "appear to be",
    ];
    for file in [HIP, KNEE] {
        let text = std::fs::read_to_string(format!("tests/fixtures/seeds/{file}")).unwrap();
        for (rule, flagged) in findings(file) {
            let sentence = sentence_around(&text, &flagged);
            for cue in hedged {
                assert!(
                    !sentence.contains(cue) || rule.starts_with("hype/"),
                    "{rule} fired on a hedged sentence: {sentence}"
                );
            }
        }
    }
}

/// The sentence of `text` that contains `flagged` (rough: between sentence-final punctuation).
fn sentence_around<'a>(text: &'a str, flagged: &str) -> &'a str {
    let at = text.find(flagged).unwrap_or(0);
    let start = text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |i| at + i + 1);
    &text[start..end]
}

#[test]
fn hip_article_unsourced_claims_are_flagged() {
    let found = findings(HIP);
    assert!(
        has(
            &found,
            "citations/unsourced-statistic",
            "millions of individuals"
        ),
        "{found:?}"
    );
    assert!(
        has(&found, "citations/unsourced-statistic", "700 participants"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "citations/vague-research-attribution",
            "According to recent research"
        ),
        "{found:?}"
    );
}

#[test]
fn knee_article_unsourced_claims_and_significance_are_flagged() {
    let found = findings(KNEE);
    assert!(
        has(&found, "citations/unsourced-statistic", "50%"),
        "{found:?}"
    );
    assert!(
        has(&found, "citations/unsourced-statistic", "80%"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "citations/vague-research-attribution",
            "Some researchers believe"
        ),
        "{found:?}"
    );
    assert!(
        has(&found, "citations/study-without-reference", "published in"),
        "{found:?}"
    );
    for vague in [
        "has been reported in vitro",
        "have shown encouraging results",
    ] {
        assert!(
            has(&found, "citations/vague-research-attribution", vague),
            "{vague}: {found:?}"
        );
    }
    assert!(
        has(
            &found,
            "evidence/significance-without-statistics",
            "significantly delayed"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "evidence/significance-without-statistics",
            "significantly improving"
        ),
        "{found:?}"
    );
}

/// The seed sentences, rewritten with a source and the statistics behind "significantly":
/// the same claims, properly cited, draw no citation or evidence finding.
#[test]
fn cited_versions_of_the_seed_claims_stay_quiet() {
    let cited = "\
Hip arthritis affects millions of individuals worldwide [1].

According to recent research, cartilage loss on MRI was unrelated to pain in over 700 \
participants (Neogi et al., 2009).

Some researchers believe that paracrine action in MSCs is mediated by extracellular vesicles \
([review](https://pubmed.ncbi.nlm.nih.gov/12345678/)).

A 5-year follow-up study published in Stem Cells Translational Medicine found less pain after \
injection [2].

The injection significantly delayed disease progression (hazard ratio 0.6, 95% CI 0.4 to 0.9; \
p = 0.01) [2].

## References

1. Cross M, et al. The global burden of hip and knee osteoarthritis. Ann Rheum Dis. 2014.
2. Jo CH, et al. Intra-articular injection of mesenchymal stem cells. Stem Cells Transl Med. 2017.
";
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("cited.md"), cited).unwrap();
    let output = Command::cargo_bin("healthlint")
        .unwrap()
        .args(["check", "--format", "json", "cited.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let flagged: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .filter(|r| r.starts_with("citations/") || r.starts_with("evidence/"))
        .collect();
    assert!(flagged.is_empty(), "{json}");
}
