//! The size limit users set (`max-file-size` in config, `--max-file-size`), run as a user
//! would: the built binary in a temporary project, and the language server over stdio. A file
//! over the limit is skipped and named, the other files are still linted, and the run exits 2
//! as for any file that could not be read.

use std::path::Path;

use assert_cmd::Command;

use crate::common::check_json as json;
use serde_json::{json, Value};

use crate::lsp_client::{file_uri, Client};

/// 39 bytes: "miracle" fires `hype/miracle-language`.
const SMALL: &str = "This tea is a miracle cure for colds.\n\n";

fn project(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        std::fs::write(dir.path().join(path), text).expect("write");
    }
    dir
}

fn healthlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("healthlint").expect("binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// `(path, message)` of each file that could not be linted, and the paths with findings.
fn outcome(report: &Value) -> (Vec<(String, String)>, Vec<String>) {
    let errors = (report["errors"].as_array().expect("errors").iter())
        .map(|e| {
            let field = |k: &str| e[k].as_str().expect(k).to_string();
            (field("path"), field("message"))
        })
        .collect();
    let mut linted: Vec<String> = (report["diagnostics"].as_array().expect("diagnostics"))
        .iter()
        .map(|d| d["path"].as_str().expect("path").to_string())
        .collect();
    linted.dedup();
    (errors, linted)
}

const RAISE: &str = "raise it with `--max-file-size` or `max-file-size` in healthlint.toml";

#[test]
fn the_flag_skips_a_larger_file_names_the_limit_and_exits_2() {
    let dir = project(&[("big.md", SMALL.repeat(30)), ("small.md", SMALL.into())]);
    let (code, report) = json(dir.path(), &["--max-file-size", "1KB"]);
    assert_eq!(code, 2);
    let (errors, linted) = outcome(&report);
    let message = format!("skipped: 1.1 KB is over the 1 KB limit for one file; {RAISE}");
    assert_eq!(errors, [("big.md".to_string(), message)]);
    assert_eq!(linted, ["small.md"]);

    // The same limit as a plain number of bytes; at the limit exactly a file is linted.
    let exact = (SMALL.len() * 30).to_string();
    let (code, report) = json(dir.path(), &["--max-file-size", &exact]);
    assert_eq!(code, 1);
    assert_eq!(
        outcome(&report),
        (vec![], vec!["big.md".into(), "small.md".into()])
    );

    // The human report says the same, and its summary counts the file.
    let output = healthlint(dir.path())
        .args(["check", "--max-file-size", "1000"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout.contains(&format!(
            "big.md: skipped: 1.1 KB is over the 1000 bytes limit for one file; {RAISE}"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("1 file could not be read"), "{stdout}");
}

#[test]
fn the_config_sets_the_limit_and_the_flag_wins() {
    let dir = project(&[
        ("healthlint.toml", "max-file-size = \"2KB\"\n".into()),
        ("big.md", SMALL.repeat(60)),
        ("small.md", SMALL.into()),
    ]);
    let (code, report) = json(dir.path(), &[]);
    assert_eq!(code, 2);
    let message = format!("skipped: 2.3 KB is over the 2 KB limit for one file; {RAISE}");
    assert_eq!(
        outcome(&report),
        (vec![("big.md".into(), message)], vec!["small.md".into()])
    );
    let (code, report) = json(dir.path(), &["--max-file-size", "1MB"]);
    assert_eq!(code, 1);
    assert_eq!(
        outcome(&report),
        (vec![], vec!["big.md".into(), "small.md".into()])
    );
}

#[test]
fn standard_input_is_read_no_further_than_the_limit() {
    let dir = project(&[("healthlint.toml", "max-file-size = 100\n".into())]);
    let output = healthlint(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "in.md",
            "-",
        ])
        .write_stdin(SMALL.repeat(1000))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let message = format!("skipped: longer than the 100 bytes limit for one file; {RAISE}");
    assert_eq!(outcome(&report), (vec![("in.md".into(), message)], vec![]));
}

#[test]
fn invalid_sizes_are_errors_naming_the_key_or_flag() {
    let cases = [
        (
            "max-file-size = \"10XB\"\n",
            "`max-file-size`: `10XB` is not a whole number",
        ),
        (
            "max-file-size = 0\n",
            "`max-file-size` must be at least 1 byte, not 0",
        ),
        (
            "max-file-size = -5\n",
            "`max-file-size` must be at least 1 byte, not -5",
        ),
        (
            "max-file-size = 1.5\n",
            "`max-file-size` is a whole number of bytes, not 1.5",
        ),
        (
            "max-file-size = true\n",
            "expected `max-file-size` as a whole number",
        ),
        (
            "[[overrides]]\nfiles = [\"a\"]\nmax-file-size = 5\n",
            "`max-file-size` is not allowed here",
        ),
    ];
    for (config, expected) in cases {
        let dir = project(&[("healthlint.toml", config.into()), ("a.md", SMALL.into())]);
        let output = healthlint(dir.path()).arg("check").output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{config}: {stderr}");
        assert!(stderr.contains(expected), "{config}: {stderr}");
        assert!(stderr.contains("healthlint.toml:"), "{config}: {stderr}");
    }
    let dir = project(&[("a.md", SMALL.into())]);
    let output = healthlint(dir.path())
        .args(["check", "--max-file-size", "ten"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("invalid value 'ten' for '--max-file-size <SIZE>'"),
        "{stderr}"
    );
}

#[test]
fn the_language_server_skips_a_document_over_the_configured_limit() {
    let dir = project(&[("healthlint.toml", "max-file-size = \"1KB\"\n".into())]);
    let mut client = Client::start(Path::new(env!("CARGO_BIN_EXE_healthlint")), dir.path(), &[]);
    client.initialize(json!({}), Value::Null, dir.path());
    let small = file_uri(&dir.path().join("small.md"));
    client.open(&small, "markdown", SMALL);
    assert!(!client.diagnostics(&small, Some(1)).is_empty());

    let big = file_uri(&dir.path().join("big.md"));
    client.open(&big, "markdown", &SMALL.repeat(30));
    let logged = client.notification("window/logMessage", |p| {
        p["message"].as_str().unwrap_or("").contains("big.md")
    });
    let message = logged["params"]["message"].as_str().unwrap();
    assert!(
        message.ends_with(
            "big.md: 1.1 KB is over the 1 KB limit for one file; raise `max-file-size` in \
             healthlint.toml"
        ),
        "{message}"
    );
    assert_eq!(client.diagnostics(&big, Some(1)), Vec::<Value>::new());
    assert!(client.shutdown().success());
}
