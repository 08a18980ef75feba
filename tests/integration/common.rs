//! Test helpers shared by several test modules.

use std::path::Path;

use assert_cmd::Command;
use healthlint::lint::Linter;
use healthlint::rules::{load_builtin_packs, parse_pack, RuleSet};
use serde_json::Value;

/// A claim that needs a source, compiled next to the built-in packs so that rules judging cited
/// claims (`citation-quality/weak-source`) are tested on claims of known wording, whatever the
/// `citations` pack says.
pub const CLAIM_FIXTURE: &str = r#"
[pack]
name = "fixture"
description = "A needs-source claim for testing claim checks."

[[rule]]
name = "claim"
category = "citation"
severity = "info"
message = "needs a source"
help = "Cite the study."
rationale = "Test fixture."
references = ["none"]
patterns = ["(studies|research) (show|shows)"]
needs-source = true
fire = ["Studies show that it works."]
quiet = ["Studies show that it works (Smith et al., 2020)."]
"#;

/// Every built-in pack (including those off by default) plus [`CLAIM_FIXTURE`], compiled.
pub fn linter_with_claim_fixture() -> Linter {
    let mut packs = load_builtin_packs().expect("built-in packs load");
    packs.push(parse_pack("fixture", CLAIM_FIXTURE).expect("fixture parses"));
    Linter::new(RuleSet::compile(&packs).expect("packs compile"))
}

/// (exit code, parsed report) of `healthlint check --format json ARGS`, run in `dir`.
pub fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let output = Command::cargo_bin("healthlint")
        .expect("binary")
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (output.status.code().expect("exit code"), value)
}
