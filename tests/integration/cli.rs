//! The built binary, driven as a user would: exit codes, bad input, walking, ordering.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn healthlint() -> Command {
    let mut cmd = Command::cargo_bin("healthlint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let output = healthlint()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    (value, output.status.code().unwrap())
}

const OVERCLAIM: &str = "This miracle supplement cures arthritis.\n";
const CAREFUL: &str = "Exercise may ease knee pain in some people.\n";

#[test]
fn exit_codes_follow_findings_and_errors() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("clean.md"), CAREFUL).unwrap();
    fs::write(dir.path().join("claim.md"), OVERCLAIM).unwrap();
    healthlint()
        .current_dir(dir.path())
        .args(["check", "clean.md"])
        .assert()
        .code(0);
    healthlint()
        .current_dir(dir.path())
        .args(["check", "claim.md"])
        .assert()
        .code(1);
    healthlint()
        .current_dir(dir.path())
        .args(["check", "missing.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("missing.md"));
    healthlint()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    healthlint().arg("frobnicate").assert().code(2);
}

#[test]
fn bad_files_are_reported_and_the_rest_still_linted() {
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    fs::write(p.join("a-binary.md"), b"PK\x03\x04\x00\x00binary").unwrap();
    fs::write(p.join("b-latin1.md"), b"caf\xe9 cures arthritis").unwrap();
    fs::write(p.join("c-empty.md"), b"").unwrap();
    fs::write(
        p.join("d-bom-crlf.md"),
        "\u{feff}# Title\r\n\r\nThis miracle pill works.\r\n",
    )
    .unwrap();
    fs::write(p.join("e-claim.md"), OVERCLAIM).unwrap();
    let before: Vec<Vec<u8>> = ["a-binary.md", "b-latin1.md", "d-bom-crlf.md"]
        .iter()
        .map(|f| fs::read(p.join(f)).unwrap())
        .collect();

    let (out, code) = json(p, &["."]);
    assert_eq!(code, 2, "unreadable files make the run an error");
    assert_eq!(out["files_checked"], 3);
    let errors = out["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["path"], "a-binary.md");
    assert!(errors[0]["message"].as_str().unwrap().contains("binary"));
    assert_eq!(errors[1]["path"], "b-latin1.md");
    assert!(errors[1]["message"].as_str().unwrap().contains("UTF-8"));

    let rules: Vec<(&str, &str)> = out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert!(rules.contains(&("d-bom-crlf.md", "hype/miracle-language")));
    assert!(rules.contains(&("e-claim.md", "absolutes/cure-claim")));

    let after: Vec<Vec<u8>> = ["a-binary.md", "b-latin1.md", "d-bom-crlf.md"]
        .iter()
        .map(|f| fs::read(p.join(f)).unwrap())
        .collect();
    assert_eq!(before, after, "no file is ever modified");
}

#[test]
fn spans_lines_and_columns_point_at_the_phrase() {
    let dir = TempDir::new().unwrap();
    let text = "# Notes\r\n\r\nÉtude: this *miracle* pill works.\r\n";
    fs::write(dir.path().join("a.md"), text).unwrap();
    let (out, _) = json(dir.path(), &["a.md"]);
    let d = &out["diagnostics"][0];
    assert_eq!(d["rule"], "hype/miracle-language");
    let (start, end) = (
        d["span"]["start"].as_u64().unwrap(),
        d["span"]["end"].as_u64().unwrap(),
    );
    assert_eq!(&text[start as usize..end as usize], "miracle");
    assert_eq!(d["text"], "miracle");
    assert_eq!(d["start"]["line"], 3);
    assert_eq!(
        d["start"]["column"], 14,
        "columns count characters, not bytes"
    );
    assert_eq!(d["end"]["column"], 21);
}

#[test]
fn code_html_and_link_targets_are_never_linted() {
    let dir = TempDir::new().unwrap();
    let text = "Use `miracle cure` in code.\n\n```\nThis miracle cure is proven safe.\n```\n\n\
                <div title=\"This miracle cure works.\"><script>miracle cure</script></div>\n\n[a page](https://example.com/miracle-cure) \
                and <!-- miracle cure --> here.\n";
    fs::write(dir.path().join("a.md"), text).unwrap();
    let (out, code) = json(dir.path(), &["a.md"]);
    assert_eq!(out["diagnostics"].as_array().unwrap().len(), 0, "{out}");
    assert_eq!(code, 0);
}

#[test]
fn walking_respects_ignore_files_and_extensions_but_explicit_files_are_always_linted() {
    let dir = TempDir::new().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("build")).unwrap();
    fs::write(p.join(".gitignore"), "build/\n").unwrap();
    fs::write(p.join("build/out.md"), OVERCLAIM).unwrap();
    fs::write(p.join("notes.rst"), OVERCLAIM).unwrap();
    fs::write(p.join("b.md"), OVERCLAIM).unwrap();
    fs::write(p.join("a.txt"), OVERCLAIM).unwrap();

    let (out, _) = json(p, &["."]);
    let paths: Vec<&str> = out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(out["files_checked"], 2);
    assert!(
        paths.windows(2).all(|w| w[0] <= w[1]),
        "stable path order: {paths:?}"
    );
    assert_eq!(paths.first(), Some(&"a.txt"));

    let (out, _) = json(p, &["notes.rst", "build/out.md"]);
    assert_eq!(
        out["files_checked"], 2,
        "explicit files are linted whatever their name"
    );
}

#[test]
fn human_output_ends_with_a_summary_and_points_at_rule_docs() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.md"), OVERCLAIM).unwrap();
    healthlint()
        .current_dir(dir.path())
        .args(["check", "a.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("hype/miracle-language"))
        .stdout(predicate::str::contains(
            "healthlint rule hype/miracle-language",
        ))
        .stdout(
            predicate::str::is_match(r"Checked 1 file: 0 errors, 2 warnings, 0 infos in \d+ ms\n$")
                .unwrap(),
        )
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn huge_files_are_skipped_with_a_clear_message() {
    let dir = TempDir::new().unwrap();
    let big = "Plain words about joints. ".repeat(450_000);
    fs::write(dir.path().join("big.md"), big).unwrap();
    fs::write(dir.path().join("small.md"), OVERCLAIM).unwrap();
    let (out, code) = json(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert!(out["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("MB limit"));
    assert_eq!(out["files_checked"], 1);
}
