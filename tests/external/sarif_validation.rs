//! healthlint's SARIF checked by real validators rather than by our reading of the spec:
//!
//! 1. Microsoft's SARIF Multitool (`sarif-multitool validate`), the reference validator, which
//!    applies the SARIF rules (SARIF1xxx/2xxx) on top of the schema. Its npm package ships a
//!    self-contained binary, so no .NET runtime is needed.
//! 2. The official SARIF 2.1.0 JSON schema (shipped in that npm package) through Python's
//!    `jsonschema`, because the Multitool does not check enum values or minimums (a result with
//!    `"level": "wrong"` or `startLine: 0` passes it).
//!
//! Both run on the reviewed snapshot of the synthetic report (`src/report/snapshots/`) and on the
//! binary's output for a real article. `.ci/run` installs both and sets
//! `HEALTHLINT_SARIF_VALIDATOR` (the Multitool) and `HEALTHLINT_SARIF_SCHEMA`. Locally a missing
//! tool skips with a note; under `CI` it fails, so CI cannot go green without validating.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Checks a SARIF log against the official schema; prints each error, exits 1 if any.
const SCHEMA_CHECK: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
log = json.load(open(sys.argv[2], encoding="utf-8"))
errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
for e in errors:
    print(f"{'/'.join(map(str, e.absolute_path))}: {e.message}")
sys.exit(1 if errors else 0)
"#;

/// `Some(path)` when the tool is available; `None` (skip) locally; a panic under CI.
fn tool(what: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} is required under CI (.ci/run installs it)"
        );
        eprintln!("skipped: {what} is not installed (see .ci/run)");
    }
    found
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn multitool() -> Option<PathBuf> {
    let found = std::env::var_os("HEALTHLINT_SARIF_VALIDATOR")
        .map(PathBuf::from)
        .or_else(|| on_path("sarif-multitool"));
    tool("the SARIF Multitool (HEALTHLINT_SARIF_VALIDATOR)", found)
}

fn schema() -> Option<PathBuf> {
    let found = std::env::var_os("HEALTHLINT_SARIF_SCHEMA")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .filter(|_| {
            Command::new("python3")
                .args(["-c", "import jsonschema"])
                .status()
                .is_ok_and(|s| s.success())
        });
    tool(
        "the SARIF schema (HEALTHLINT_SARIF_SCHEMA) with python3 jsonschema",
        found,
    )
}

/// Runs every available validator on `sarif`, failing with their complaints.
fn validate(sarif: &Path) {
    if let Some(multitool) = multitool() {
        let dir = tempfile::TempDir::new().unwrap();
        let log = dir.path().join("validation.sarif");
        let run = Command::new(&multitool)
            .arg("validate")
            .arg("-o")
            .arg(&log)
            .arg(sarif)
            .output()
            .expect("the SARIF Multitool runs");
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success(), "multitool failed: {stdout}");
        // The Multitool reports its findings as SARIF; a result's level defaults to warning.
        let report: Value = serde_json::from_slice(&std::fs::read(&log).unwrap()).unwrap();
        let problems: Vec<String> = report["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["level"].as_str().unwrap_or("warning") != "note")
            .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
            .collect();
        assert!(problems.is_empty(), "{}\n{stdout}", problems.join("\n"));
    }
    if let Some(schema) = schema() {
        let run = Command::new("python3")
            .args(["-c", SCHEMA_CHECK])
            .arg(schema)
            .arg(sarif)
            .output()
            .expect("python3 runs");
        assert!(
            run.status.success(),
            "schema errors:\n{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

#[test]
fn the_sarif_snapshot_is_valid() {
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/report/snapshots/healthlint__report__snapshots__sarif.snap");
    let text = std::fs::read_to_string(snapshot).unwrap();
    // Drop insta's `---` header.
    let body = text.splitn(3, "---\n").nth(2).expect("an insta snapshot");
    let dir = tempfile::TempDir::new().unwrap();
    let sarif = dir.path().join("snapshot.sarif");
    std::fs::write(&sarif, body).unwrap();
    validate(&sarif);
}

#[test]
fn the_binarys_sarif_is_valid() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("knee care.md"),
        "# Knee care\n\nThis miracle supplement melts belly fat while you sleep.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.md"), "a\0b").unwrap();
    let sarif = dir.path().join("out.sarif");
    assert_cmd::Command::cargo_bin("healthlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "sarif", "--output"])
        .arg(&sarif)
        .assert()
        .code(2);
    validate(&sarif);
}
