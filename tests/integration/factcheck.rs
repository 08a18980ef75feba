//! The offline fact-checking rules, through the built binary: the compiled-in retraction data,
//! a newer Retraction Watch CSV from config, claims checked against their own citations,
//! impossible numbers, the predatory-journal list (off by default), and `healthlint data`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn healthlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("healthlint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// The concise report and exit code of linting `text` as `article.md` with `args`.
fn lint(text: &str, args: &[&str]) -> (String, i32) {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("article.md"), text).unwrap();
    fs::write(
        dir.path().join("only-factcheck.toml"),
        "select = [\"factcheck\"]\n",
    )
    .unwrap();
    let output = healthlint(dir.path())
        .args(["check", "--format", "concise"])
        .args(args)
        .arg("article.md")
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap(),
    )
}

/// An article whose every fact-check is wrong; each paragraph has a consistent twin in
/// [`CONSISTENT`].
const INCONSISTENT: &str = "\
# What the trials found

A 2020 study published in JAMA found that hydroxychloroquine raised the risk of death
(doi:10.1016/S0140-6736(20)31180-6).

A 2015 trial showed fewer fractures with vitamin D [1]. The drug cut the risk of a second
fracture by 140%, and 120% of patients took it daily.

The trial ([NCT04280705](https://clinicaltrials.gov/study/NCT04368728)) gave between 200 and 100
mg a day; the risk of a reaction was 1 in 0.

## References

1. Jones B. Vitamin D and fractures. BMJ. 2020;369:m1. PMID: 12345678. https://pubmed.ncbi.nlm.nih.gov/87654321/
";

const CONSISTENT: &str = "\
# What the trials found

A 2020 study published in the New England Journal of Medicine found that remdesivir shortened
recovery (doi:10.1056/NEJMoa2007764).

A 2020 trial showed fewer fractures with vitamin D [1]. The drug cut the risk of a second
fracture by 40%, and 20% of patients took it daily.

The trial ([NCT04280705](https://clinicaltrials.gov/study/NCT04280705)) gave between 100 and 200
mg a day; the risk of a reaction was 1 in 1,000.

## References

1. Jones B. Vitamin D and fractures. BMJ. 2020;369:m1. PMID: 12345678. https://pubmed.ncbi.nlm.nih.gov/12345678/
";

#[test]
fn every_check_fires_on_the_inconsistent_article() {
    let (report, code) = lint(INCONSISTENT, &["--config", "only-factcheck.toml"]);
    insta::assert_snapshot!(report);
    assert_eq!(code, 1);
}

#[test]
fn the_consistent_twin_stays_quiet() {
    let (report, code) = lint(CONSISTENT, &["--config", "only-factcheck.toml"]);
    assert_eq!(report, "Checked 1 file: 0 errors, 0 warnings, 0 infos\n");
    assert_eq!(code, 0);
}

#[test]
fn a_retracted_doi_is_an_error_and_its_neighbour_is_not() {
    // The Surgisphere paper (Lancet 2020), retracted; the DOI next to it in the same issue is not.
    let (report, code) = lint(
        "Hydroxychloroquine raised deaths (https://doi.org/10.1016/S0140-6736(20)31180-6).\n",
        &["--isolated"],
    );
    assert!(report.contains("error [factcheck/retracted-source] the cited paper DOI 10.1016/s0140-6736(20)31180-6 was retracted (Retraction Watch data of 2026-08-08)"), "{report}");
    assert_eq!(code, 1);
    let (report, code) = lint(
        "Hydroxychloroquine was studied (https://doi.org/10.1016/S0140-6736(20)31181-8).\n",
        &["--isolated"],
    );
    assert!(!report.contains("factcheck/"), "{report}");
    assert_eq!(code, 0);
    // An expression of concern is a warning.
    let (report, _) = lint(
        "Diets were compared (doi:10.1001/jamainternmed.2013.749).\n",
        &["--isolated"],
    );
    assert!(
        report.contains("warning [factcheck/expression-of-concern]"),
        "{report}"
    );
}

#[test]
fn a_newer_retraction_watch_csv_adds_pmids_dates_and_reasons() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("rw.csv"),
        "Record ID,Title,Journal,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,RetractionDate,Reason\n\
         1,\"Zinc, colds\",J,10.5555/zinc,31234567,Retraction,9/30/2026 0:00,+Fabrication of Data;+Investigation by Journal/Publisher;\n\
         2,Reinstated,J,10.1016/S0140-6736(20)31180-6,0,Reinstatement,9/1/2026 0:00,\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("healthlint.toml"),
        "retractions = \"rw.csv\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("a.md"),
        "Zinc shortened colds (PMID: 31234567). Also doi:10.5555/zinc and \
         doi:10.1016/S0140-6736(20)31180-6.\n",
    )
    .unwrap();
    let output = healthlint(dir.path())
        .args(["check", "--format", "concise", "a.md"])
        .output()
        .unwrap();
    let report = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(report);

    healthlint(dir.path())
        .arg("data")
        .assert()
        .success()
        .stdout(predicate::str::contains("Retraction Watch database"))
        .stdout(predicate::str::contains("as of 2026-08-08"))
        .stdout(predicate::str::contains("rw.csv"))
        .stdout(predicate::str::contains("latest notice 2026-09-30"));

    fs::write(dir.path().join("rw.csv"), "doi,nature\n").unwrap();
    healthlint(dir.path())
        .args(["check", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no `OriginalPaperDOI` column"));
}

#[test]
fn the_predatory_journal_list_is_off_by_default() {
    let text = "Turmeric cures arthritis ([paper](http://www.aajhss.org/index.php/ijhss/article/view/12)).\n";
    let (report, _) = lint(text, &["--isolated"]);
    assert!(!report.contains("predatory-journals/"), "{report}");
    let (report, _) = lint(text, &["--isolated", "--enable-pack", "predatory-journals"]);
    assert!(
        report.contains("[predatory-journals/listed-journal] this address belongs to a journal on the Stop Predatory Journals list of possibly predatory journals (2017)"),
        "{report}"
    );
}
