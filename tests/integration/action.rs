//! `action.yml`, the GitHub Action, against the binary it installs: its inputs are the documented
//! ones, and every flag and format it passes to `healthlint check` exists, so a renamed flag
//! breaks this test rather than every user's workflow.
//!
//! No YAML crate: the checks read the few lines they need, and panic on a shape they do not know.

use std::path::Path;

use assert_cmd::Command;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `inputs:` of action.yml as (name, default) pairs: keys indented two spaces under `inputs:`,
/// with the `default:` line of each.
fn inputs(action: &str) -> Vec<(String, Option<String>)> {
    let mut inputs: Vec<(String, Option<String>)> = Vec::new();
    let mut in_inputs = false;
    for line in action.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            in_inputs = line.trim_end() == "inputs:";
            continue;
        }
        if !in_inputs {
            continue;
        }
        if let Some(key) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':')) {
            if !key.starts_with(' ') {
                inputs.push((key.to_string(), None));
            }
        } else if let Some(default) = line.trim().strip_prefix("default:") {
            let last = inputs.last_mut().expect("default before any input");
            last.1 = Some(default.trim().trim_matches('"').to_string());
        }
    }
    inputs
}

/// The argument words of every `healthlint check` command in the action's `run:` scripts.
fn check_invocations(action: &str) -> Vec<Vec<String>> {
    action
        .lines()
        .filter_map(|line| line.trim().strip_prefix("healthlint check "))
        .map(|args| args.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn check_help() -> String {
    let out = Command::cargo_bin("healthlint")
        .expect("binary built")
        .args(["check", "--help"])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8 help")
}

#[test]
fn action_declares_the_documented_inputs_and_defaults() {
    let action = read("action.yml");
    assert!(action.contains("using: composite"), "composite action");
    let inputs = inputs(&action);
    let names: Vec<&str> = inputs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["paths", "args", "fail-on", "sarif", "version"]);
    let default = |name: &str| {
        inputs
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, d)| d.clone())
            .unwrap_or_else(|| panic!("input `{name}` has no default"))
    };
    assert_eq!(default("paths"), ".");
    assert_eq!(default("args"), "");
    assert_eq!(default("fail-on"), "warning");
    assert_eq!(default("sarif"), "");
    assert_eq!(default("version"), "");
    assert!(
        action.contains(r#"--path "$GITHUB_ACTION_PATH""#),
        "builds from the action's source"
    );
}

/// Every flag, format and `--fail-on` default the action uses is one `healthlint check --help`
/// documents.
#[test]
fn action_uses_only_flags_the_binary_has() {
    let action = read("action.yml");
    let help = check_help();
    let runs = check_invocations(&action);
    assert_eq!(runs.len(), 2, "an annotations run and a SARIF run");
    let mut formats = Vec::new();
    for args in &runs {
        for (i, word) in args.iter().enumerate() {
            if word.starts_with("--") {
                assert!(
                    help.contains(&format!("{word} ")) || help.contains(&format!("{word}\n")),
                    "action.yml passes `{word}`, which `healthlint check --help` does not list:\n{help}"
                );
            }
            if word == "--format" {
                formats.push(args[i + 1].clone());
            }
        }
    }
    assert_eq!(formats, ["sarif", "github"]);
    let fail_on = inputs(&action)
        .into_iter()
        .find(|(n, _)| n == "fail-on")
        .and_then(|(_, d)| d)
        .expect("fail-on default");
    for value in formats.iter().chain([&fail_on]) {
        let listed = help
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .any(|w| w == value);
        assert!(
            listed,
            "action.yml uses the value `{value}`, which `healthlint check --help` does not list:\n{help}"
        );
    }
}

/// The README's example workflow only sets inputs the action has.
#[test]
fn readme_workflow_uses_existing_inputs() {
    let readme = read("README.md");
    let names: Vec<String> = inputs(&read("action.yml"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let mut lines = readme
        .lines()
        .skip_while(|l| !l.contains("uses: healthlint/healthlint@"));
    assert!(
        lines.next().is_some(),
        "README shows no workflow using the action"
    );
    let with = lines.next().expect("a `with:` block after `uses:`");
    assert_eq!(with.trim(), "with:", "{with}");
    let indent = with.len() - with.trim_start().len();
    let mut used = 0;
    for line in lines.take_while(|l| l.len() - l.trim_start().len() > indent) {
        let key = line.trim().split(':').next().expect("key");
        assert!(
            names.iter().any(|n| n == key),
            "README sets `{key}`, which action.yml does not declare"
        );
        used += 1;
    }
    assert!(used > 0, "README's `with:` block is empty");
}
