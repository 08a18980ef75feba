//! `healthlint check` driven as users and CI drive it: output formats, `--output`, stdin,
//! `--fail-on`/`--exit-zero` and baselines, through the built binary.
//!
//! Tests that need real findings use sentences from the rule packs' own `fire` examples, so they
//! depend on the Markdown parser producing prose blocks (see `needs_findings` below).

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A warning (`hype/miracle-language`) and an info (`hype/sensational-disease-language`).
const ARTICLE: &str = "# Knee care\n\nThis miracle supplement melts belly fat while you sleep.\n\nHigh blood pressure is a silent killer.\n";

fn healthlint() -> Command {
    let mut cmd = Command::cargo_bin("healthlint").expect("binary builds");
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

fn dir_with(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn check_in(dir: &Path) -> Command {
    let mut cmd = healthlint();
    cmd.current_dir(dir).arg("check");
    cmd
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("valid JSON")
}

/// Guards tests that need the linter to find something, so a failure says why.
fn needs_findings(json: &Value) {
    assert!(
        !json["diagnostics"].as_array().unwrap().is_empty(),
        "the article should produce findings (needs the Markdown parser): {json:#}"
    );
}

// ---- stdin ----

#[test]
fn stdin_is_named_by_stdin_filename() {
    let out = healthlint()
        .args([
            "check",
            "-",
            "--stdin-filename",
            "notes/knee.md",
            "--format",
            "json",
        ])
        .write_stdin(ARTICLE)
        .output()
        .unwrap();
    let json = json_of(&out.stdout);
    assert_eq!(json["files_checked"], 1);
    needs_findings(&json);
    assert_eq!(json["diagnostics"][0]["path"], "notes/knee.md");
    assert_eq!(json["diagnostics"][0]["start"]["line"], 3);
}

#[test]
fn stdin_without_a_name_is_stdin_and_unreadable_input_exits_2() {
    healthlint()
        .args(["check", "-", "--format", "json"])
        .write_stdin("binary\0data")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("\"path\": \"<stdin>\""))
        .stdout(predicate::str::contains("binary file"));
}

#[test]
fn clean_stdin_is_one_checked_file() {
    let out = healthlint()
        .args(["check", "-", "--format", "json"])
        .write_stdin("Regular walking may ease knee pain in some people.\n")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&out);
    assert_eq!(json["files_checked"], 1);
    assert_eq!(json["diagnostics"], serde_json::json!([]));
}

#[test]
fn stdin_usage_errors_exit_2() {
    let dir = dir_with(&[("a.md", "Fine.\n")]);
    check_in(dir.path())
        .args(["-", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be combined"));
    check_in(dir.path())
        .args(["a.md", "--stdin-filename", "x.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--stdin-filename needs `-`"));
}

// ---- --output ----

#[test]
fn output_writes_the_report_to_a_file_and_nothing_to_stdout() {
    let dir = dir_with(&[("a.md", ARTICLE)]);
    check_in(dir.path())
        .args(["a.md", "--format", "sarif", "--output", "report.sarif"])
        .assert()
        .stdout("");
    let log = json_of(&std::fs::read(dir.path().join("report.sarif")).unwrap());
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "healthlint");
}

#[test]
fn human_output_to_a_file_is_never_coloured() {
    let dir = dir_with(&[("a.md", ARTICLE)]);
    check_in(dir.path())
        .args(["a.md", "--color", "always", "-o", "report.txt"])
        .assert()
        .stdout("");
    let text = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("miracle"), "needs findings: {text}");
}

#[test]
fn an_unwritable_output_is_an_error_naming_it() {
    let dir = dir_with(&[("a.md", "Fine.\n")]);
    check_in(dir.path())
        .args(["a.md", "--output", "missing/dir/report.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "could not write missing/dir/report.json",
        ));
}

// ---- formats ----

#[test]
fn concise_and_github_formats_print_one_line_per_finding() {
    let dir = dir_with(&[("a.md", ARTICLE)]);
    check_in(dir.path())
        .args(["a.md", "--format", "concise"])
        .assert()
        .stdout(predicate::str::starts_with(
            "a.md:3:6: warning [hype/miracle-language] ",
        ));
    check_in(dir.path())
        .args(["a.md", "--format", "github"])
        .assert()
        .stdout(predicate::str::starts_with(
            "::warning file=a.md,line=3,col=6,endLine=3,",
        ))
        .stdout(predicate::str::contains("\n::notice file=a.md,line=5,"));
}

// ---- exit codes ----

fn exit_code(dir: &Path, args: &[&str]) -> i32 {
    check_in(dir)
        .args(args)
        .output()
        .unwrap()
        .status
        .code()
        .unwrap()
}

#[test]
fn fail_on_chooses_the_lowest_failing_severity() {
    let dir = dir_with(&[
        ("warn.md", ARTICLE),
        ("info.md", "High blood pressure is a silent killer.\n"),
    ]);
    let d = dir.path();
    assert_eq!(exit_code(d, &["warn.md"]), 1);
    assert_eq!(exit_code(d, &["warn.md", "--fail-on", "warning"]), 1);
    assert_eq!(exit_code(d, &["warn.md", "--fail-on", "error"]), 0);
    assert_eq!(exit_code(d, &["warn.md", "--fail-on", "never"]), 0);
    assert_eq!(exit_code(d, &["info.md"]), 0);
    assert_eq!(exit_code(d, &["info.md", "--fail-on", "info"]), 1);
    assert_eq!(exit_code(d, &["warn.md", "--exit-zero"]), 0);
    assert_eq!(
        exit_code(d, &["warn.md", "--fail-on", "info", "--exit-zero"]),
        0
    );
}

#[test]
fn exit_zero_does_not_hide_unreadable_files_or_usage_errors() {
    let dir = dir_with(&[("bad.md", "a\0b")]);
    assert_eq!(exit_code(dir.path(), &["bad.md", "--exit-zero"]), 2);
    assert_eq!(
        exit_code(dir.path(), &["bad.md", "--fail-on", "sometimes"]),
        2
    );
}

// ---- baselines ----

const MOVED: &str = "# Knee care\n\nA new opening paragraph,\nwritten later.\n\nHigh blood pressure is a silent killer.\n\nSome more text.\n\nThis miracle supplement melts belly fat\nwhile you sleep.\n";

#[test]
fn a_baseline_hides_old_findings_after_edits_and_reports_new_ones() {
    let dir = dir_with(&[("a.md", ARTICLE)]);
    let d = dir.path();
    check_in(d)
        .args(["a.md", "--write-baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "recorded 3 findings in baseline.json",
        ));
    let baseline = json_of(&std::fs::read(d.join("baseline.json")).unwrap());
    assert_eq!(baseline["version"], 1);
    assert_eq!(baseline["findings"].as_array().unwrap().len(), 3);

    // Lines added above, a paragraph moved and re-wrapped: nothing new.
    std::fs::write(d.join("a.md"), MOVED).unwrap();
    let out = check_in(d)
        .args(["a.md", "--baseline", "baseline.json", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&out)["diagnostics"], serde_json::json!([]));
    check_in(d)
        .args(["a.md", "--baseline", "baseline.json"])
        .assert()
        .stdout(predicate::str::contains(
            "3 findings in the baseline not shown",
        ));

    // A new finding (a second copy of an old sentence counts as new too).
    let grown = format!("{MOVED}\nThis miracle supplement melts belly fat while you sleep.\n");
    std::fs::write(d.join("a.md"), grown).unwrap();
    check_in(d)
        .args(["a.md", "--baseline", "baseline.json", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "a.md:13:6: warning [hype/miracle-language] ",
        ))
        .stdout(predicate::str::contains(
            "[absolutes/impossible-weight-loss]",
        ))
        .stdout(predicate::str::contains("\n").count(3));
}

#[test]
fn a_broken_baseline_is_a_clear_error() {
    let dir = dir_with(&[("a.md", "Fine.\n"), ("baseline.json", "{\"version\": 1")]);
    check_in(dir.path())
        .args(["a.md", "--baseline", "baseline.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "baseline baseline.json: not a healthlint baseline",
        ));
    check_in(dir.path())
        .args(["a.md", "--baseline", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("baseline missing.json"));
}

#[test]
fn baseline_and_write_baseline_conflict() {
    let dir = dir_with(&[("a.md", "Fine.\n")]);
    assert_eq!(
        exit_code(
            dir.path(),
            &["a.md", "--baseline", "b.json", "--write-baseline", "c.json"]
        ),
        2
    );
}

#[test]
fn writing_a_baseline_with_unreadable_files_fails_and_writes_nothing() {
    let dir = dir_with(&[("a.md", "Fine.\n"), ("bad.md", "a\0b")]);
    check_in(dir.path())
        .args([".", "--write-baseline", "baseline.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.md"));
    assert!(!dir.path().join("baseline.json").exists());
}
