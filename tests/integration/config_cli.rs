//! `healthlint check` with configuration files and inline suppressions, run as a user would:
//! the built binary in a temporary project.

use std::path::Path;

use assert_cmd::Command;

use crate::common::check_json as json;
use predicates::prelude::*;
use serde_json::Value;

/// "miracle" fires `hype/miracle-language`, "cures arthritis" fires `absolutes/cure-claim`.
const CLAIM: &str = "This miracle supplement cures arthritis.\n";

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

fn healthlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("healthlint").expect("binary");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// `(path, rule, severity)` of each diagnostic.
fn findings(output: &Value) -> Vec<(String, String, String)> {
    output["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let field = |k: &str| d[k].as_str().expect(k).to_string();
            (field("path"), field("rule"), field("severity"))
        })
        .collect()
}

fn triple(path: &str, rule: &str, severity: &str) -> (String, String, String) {
    (path.into(), rule.into(), severity.into())
}

#[test]
fn a_config_can_ignore_a_pack() {
    let dir = project(&[
        ("healthlint.toml", "ignore = [\"absolutes\"]\n"),
        ("a.md", CLAIM),
    ]);
    let (code, out) = json(dir.path(), &[]);
    assert_eq!(code, 1);
    // With the cure claim's rule ignored, the same words are still an efficacy claim for a
    // product.
    assert_eq!(
        findings(&out),
        [
            triple("a.md", "hype/miracle-language", "warning"),
            triple("a.md", "claims/product-efficacy-claim", "warning"),
        ]
    );
}

#[test]
fn an_override_raises_a_pack_for_one_folder() {
    let config =
        "[[overrides]]\nfiles = [\"leaflets/**\"]\nseverity = { \"hype/*\" = \"error\" }\n\
                  ignore = [\"absolute\"]\n";
    let dir = project(&[
        ("healthlint.toml", config),
        ("a.md", CLAIM),
        ("leaflets/b.md", CLAIM),
    ]);
    let (_, out) = json(dir.path(), &[]);
    assert_eq!(
        findings(&out),
        [
            triple("a.md", "hype/miracle-language", "warning"),
            triple("a.md", "absolutes/cure-claim", "warning"),
            triple("leaflets/b.md", "hype/miracle-language", "error"),
            triple("leaflets/b.md", "claims/product-efficacy-claim", "warning"),
        ]
    );
}

#[test]
fn the_nearest_config_wins_without_merging() {
    let dir = project(&[
        ("healthlint.toml", "ignore = [\"hype\"]\n"),
        ("notes/.healthlint.toml", "select = [\"hype\"]\n"),
        ("a.md", CLAIM),
        ("notes/b.md", CLAIM),
    ]);
    let (_, out) = json(dir.path(), &[]);
    assert_eq!(
        findings(&out),
        [
            triple("a.md", "absolutes/cure-claim", "warning"),
            triple("notes/b.md", "hype/miracle-language", "warning"),
        ]
    );
}

#[test]
fn isolated_ignores_config_and_config_names_one() {
    let dir = project(&[
        (
            "healthlint.toml",
            "ignore = [\"hype\", \"absolute\", \"claims\"]\n",
        ),
        (
            "elsewhere/strict.toml",
            "select = [\"hype\"]\n[severity]\nhype = \"error\"\n",
        ),
        ("a.md", CLAIM),
    ]);
    let (code, out) = json(dir.path(), &[]);
    assert_eq!((code, findings(&out)), (0, vec![]));
    let (_, out) = json(dir.path(), &["--isolated"]);
    assert_eq!(findings(&out).len(), 2);
    let (_, out) = json(dir.path(), &["--config", "elsewhere/strict.toml"]);
    assert_eq!(
        findings(&out),
        [triple("a.md", "hype/miracle-language", "error")]
    );
}

#[test]
fn excluded_paths_are_skipped_unless_named() {
    let dir = project(&[
        ("healthlint.toml", "exclude = [\"drafts/\"]\n"),
        ("drafts/a.md", CLAIM),
        ("b.md", CLAIM),
    ]);
    let (_, out) = json(dir.path(), &[]);
    assert_eq!(out["files_checked"], 1);
    let (_, out) = json(dir.path(), &["drafts/a.md"]);
    assert_eq!(out["files_checked"], 1);
    let (code, out) = json(dir.path(), &["--force-exclude", "drafts/a.md"]);
    assert_eq!((code, out["files_checked"].clone()), (0, Value::from(0)));
}

#[test]
fn allowed_phrases_and_optional_packs() {
    let pack = "[pack]\nname = \"house\"\ndescription = \"House style.\"\nenabled = false\n\
                [[rule]]\nname = \"tagline\"\ncategory = \"hype\"\nseverity = \"error\"\n\
                message = \"m\"\nhelp = \"h\"\nrationale = \"r\"\nreferences = [\"x\"]\n\
                patterns = [\"best in class\"]\nfire = [\"Best in class.\"]\nquiet = [\"Good.\"]\n";
    let dir = project(&[
        (
            "healthlint.toml",
            "packs = [\"style/house.toml\"]\nallow-phrases = [\"miracle supplement\"]\n",
        ),
        ("style/house.toml", pack),
        ("a.md", "This miracle supplement is best in class.\n"),
    ]);
    let (code, out) = json(dir.path(), &[]);
    assert_eq!((code, findings(&out)), (0, vec![]));
    let (_, out) = json(dir.path(), &["--enable-pack", "house"]);
    assert_eq!(findings(&out), [triple("a.md", "house/tagline", "error")]);
}

#[test]
fn a_suppression_with_a_reason_silences_one_finding() {
    let text = "<!-- healthlint-disable-next-line hype -- quoting the advert we debunk -->\n\
                This miracle supplement cures arthritis.\n";
    let dir = project(&[("a.md", text)]);
    let (code, out) = json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&out),
        [triple("a.md", "absolutes/cure-claim", "warning")]
    );
    let suppressed = &out["suppressed"][0];
    assert_eq!(suppressed["rule"], "hype/miracle-language");
    assert_eq!(suppressed["reason"], "quoting the advert we debunk");
}

#[test]
fn an_unused_suppression_is_reported() {
    let text = "Plain words.\n<!-- healthlint-disable-line hype -->\n";
    let dir = project(&[("a.md", text)]);
    let (code, out) = json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&out),
        [triple("a.md", "healthlint/unused-suppression", "warning")]
    );
    assert_eq!(out["diagnostics"][0]["start"]["line"], 2);
    let quiet = project(&[
        (
            "healthlint.toml",
            "ignore = [\"healthlint/unused-suppression\"]\n",
        ),
        ("a.md", text),
    ]);
    assert_eq!(json(quiet.path(), &[]).0, 0);
}

/// A broken config stops the run with exit 2 and an error drawn at the spot.
fn broken(config: &str, args: &[&str]) -> String {
    let dir = project(&[("healthlint.toml", config), ("a.md", CLAIM)]);
    let output = healthlint(dir.path())
        .args(["check", "--color", "never"])
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing is linted");
    String::from_utf8(output.stderr).expect("utf-8")
}

#[test]
fn a_misspelt_key_points_at_the_line() {
    let config = "select = [\"hype\"]\nignroe = [\"hype/hope-language\"]\n";
    insta::assert_snapshot!(broken(config, &[]));
}

#[test]
fn an_unknown_rule_id_suggests_the_closest() {
    let config = "[severity]\n\"hype/*\" = \"info\"\n\"absolutes/cure-claims\" = \"error\"\n";
    insta::assert_snapshot!(broken(config, &[]));
}

#[test]
fn other_config_errors() {
    let bad_value = broken("[severity]\nhype = \"fatal\"\n", &[]);
    assert!(bad_value.contains("unknown variant `fatal`"), "{bad_value}");
    assert!(bad_value.contains("healthlint.toml:2:8"), "{bad_value}");
    let misplaced = broken(
        "[[overrides]]\nfiles = [\"a/**\"]\nexclude = [\"b\"]\n",
        &[],
    );
    assert!(
        misplaced.contains("`exclude` is not allowed here"),
        "{misplaced}"
    );
    let pack = broken("enable-packs = [\"hyp\"]\n", &[]);
    assert!(pack.contains("did you mean `hype`?"), "{pack}");
    let cli = broken("", &["--enable-pack", "regulatroy"]);
    assert!(cli.contains("not a known pack"), "{cli}");
    let phrase = broken("allow-phrases = [\"(unclosed\"]\n", &[]);
    assert!(phrase.contains("healthlint.toml:1:18"), "{phrase}");
    let pack_file = broken("packs = [\"mine.toml\"]\n", &[]);
    assert!(pack_file.contains("could not read pack"), "{pack_file}");
}

#[test]
fn a_broken_user_pack_points_into_the_pack() {
    let dir = project(&[
        ("healthlint.toml", "packs = [\"mine.toml\"]\n"),
        ("mine.toml", "[pack]\nname = \"mine\"\ndescrption = \"x\"\n"),
        ("a.md", CLAIM),
    ]);
    let output = healthlint(dir.path())
        .args(["check", "--color", "never"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("mine.toml:3:1"), "{stderr}");
    assert!(stderr.contains("did you mean `description`?"), "{stderr}");
}

#[test]
fn sources_in_config_extend_the_tiers() {
    let article = "Studies show that 40% of adults benefit \
                   ([a post](https://example-wellness.com/turmeric)).\n";
    let dir = project(&[("a.md", article)]);
    let (_, output) = json(dir.path(), &["a.md"]);
    assert!(
        !findings(&output)
            .iter()
            .any(|(_, rule, _)| rule == "citation-quality/weak-source"),
        "an unlisted site is not judged: {output}"
    );
    std::fs::write(
        dir.path().join("healthlint.toml"),
        "[sources]\nlow-credibility = [\"example-wellness.com\"]\n",
    )
    .expect("write config");
    let (_, output) = json(dir.path(), &["a.md"]);
    assert!(
        findings(&output).contains(&triple("a.md", "citation-quality/weak-source", "warning")),
        "{output}"
    );
}

#[test]
fn lexicon_additions_in_config_extend_the_claim_layer() {
    let text = "Glucorin eases joint pain within days.\n";
    let dir = project(&[("a.md", text)]);
    let (code, out) = json(dir.path(), &[]);
    assert_eq!(
        (code, findings(&out)),
        (0, vec![]),
        "an unknown name is no agent"
    );
    let config = "[lexicon.agents]\nproduct = [\"glucorin\"]\n";
    let dir = project(&[("healthlint.toml", config), ("a.md", text)]);
    let (code, out) = json(dir.path(), &[]);
    assert_eq!(
        (code, findings(&out)),
        (
            1,
            vec![triple("a.md", "claims/product-efficacy-claim", "warning")]
        )
    );
    let broken = "[lexicon.agents]\nsupplement = [\"x\"]\n";
    let dir = project(&[("healthlint.toml", broken), ("a.md", text)]);
    healthlint(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("supplement"));
}
