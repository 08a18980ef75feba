//! Fixes from a new user's first session, each through the built binary: `--force-exclude` with
//! `--stdin-filename`, SARIF messages as sentences, one hint for a suppression reason without
//! ` -- `, a missing directory called a directory, and help texts that fit any article.

use assert_cmd::Command;
use predicates::prelude::*;
use regex::Regex;
use serde_json::Value;
use tempfile::TempDir;

const CLAIM: &str = "This miracle supplement melts belly fat while you sleep.\n";

fn healthlint(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("healthlint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("CI");
    cmd
}

fn project(config: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("healthlint.toml"), config).unwrap();
    dir
}

#[test]
fn force_exclude_applies_to_the_stdin_filename() {
    let dir = project("exclude = [\"drafts/**\", \"CHANGELOG.md\"]\n");
    for name in ["drafts/idea.md", "CHANGELOG.md"] {
        healthlint(dir.path())
            .args(["check", "--force-exclude", "--stdin-filename", name, "-"])
            .write_stdin(CLAIM)
            .assert()
            .code(0)
            .stdout("")
            .stderr("");
    }
    // Without --force-exclude, or for a name not excluded, the text is linted.
    healthlint(dir.path())
        .args(["check", "--stdin-filename", "drafts/idea.md", "-"])
        .write_stdin(CLAIM)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("hype/miracle-language"));
    healthlint(dir.path())
        .args([
            "check",
            "--force-exclude",
            "--stdin-filename",
            "docs/a.md",
            "-",
        ])
        .write_stdin(CLAIM)
        .assert()
        .code(1);
}

#[test]
fn sarif_messages_are_sentences_with_markdown() {
    let dir = project("");
    std::fs::write(dir.path().join("a.md"), CLAIM).unwrap();
    let output = healthlint(dir.path())
        .args(["check", "--format", "sarif", "a.md"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let message = &sarif["runs"][0]["results"][0]["message"];
    let text = message["text"].as_str().unwrap();
    // Message, full stop, help: "… can deliver. Say what …", never "… deliver Say …".
    let joined = Regex::new(r"^“miracle” is .+[^.]\. [A-Z].+\.$").unwrap();
    assert!(joined.is_match(text), "{text}");
    let markdown = message["markdown"].as_str().unwrap();
    let (first, second) = markdown.split_once("\n\n").expect("two paragraphs");
    assert!(
        text.starts_with(first) && first.ends_with('.'),
        "{markdown}"
    );
    assert!(text.ends_with(second), "{markdown}");
}

#[test]
fn a_reason_without_the_separator_gets_one_hint() {
    let dir = project("");
    std::fs::write(
        dir.path().join("a.md"),
        "A miracle cure. <!-- healthlint-disable-line hype quoted from the advert -->\n",
    )
    .unwrap();
    let output = healthlint(dir.path())
        .args(["check", "--format", "concise", "a.md"])
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    let hints: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("healthlint/unused-suppression"))
        .collect();
    assert_eq!(hints.len(), 1, "{out}");
    assert!(
        hints[0].ends_with(
            "did you forget ` -- ` before the reason? `quoted from the advert` is read as rule names"
        ),
        "{out}"
    );
    assert!(!out.contains("is not a known"), "{out}");
    // The rule named before the reason still silences the finding.
    assert!(!out.contains("hype/miracle-language"), "{out}");
    // A mistyped rule id still gets its "did you mean".
    std::fs::write(
        dir.path().join("b.md"),
        "A miracle cure. <!-- healthlint-disable-line hype/miracle -->\n",
    )
    .unwrap();
    healthlint(dir.path())
        .args(["check", "--format", "concise", "b.md"])
        .assert()
        .stdout(predicate::str::contains(
            "did you mean `hype/miracle-language`?",
        ));
}

#[test]
fn a_missing_directory_is_called_a_directory() {
    let dir = project("");
    healthlint(dir.path())
        .args(["check", "docs/"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("error: docs/: no such directory"))
        .stdout(predicate::str::contains("; 1 directory could not be read"));
    // Without a trailing `/` it could be either, and is named as such.
    healthlint(dir.path())
        .args(["check", "docs"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "error: docs: no such file or directory",
        ))
        .stdout(predicate::str::contains("; 1 path could not be read"));
    std::fs::write(dir.path().join("bin.md"), b"\0\0").unwrap();
    healthlint(dir.path())
        .args(["check", "bin.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("; 1 file could not be read"));
}

/// Help is shown for a finding in any article, so its example must not be about one condition
/// or body part (help for "miracle" in a migraine article should not talk about knee pain),
/// unless the rule itself is about it.
#[test]
fn help_texts_do_not_assume_the_article_topic() {
    let output = Command::cargo_bin("healthlint")
        .unwrap()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Value = serde_json::from_slice(&output.stdout).unwrap();
    let topical = Regex::new(
        r"(?i)\b(knee|joint|hip|cartilage|arthritis|osteoarthritis|pain|stiffness|swelling|coffee|kidney|memory|cancer|vitamin|blood sugar|diabetes|stem cell|MSCs?|echinacea|migraine|injection|rheumatology)\b",
    )
    .unwrap();
    for rule in rules.as_array().unwrap() {
        let help = rule["help"].as_str().unwrap();
        if let Some(word) = topical.find(help) {
            panic!(
                "{}: help mentions “{}”, which fits only some articles: {help}",
                rule["id"],
                word.as_str()
            );
        }
    }
}
