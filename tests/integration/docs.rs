//! Rule documentation: `healthlint rules`, `healthlint rule ID`, and the generated
//! `docs/rules.md`, which must match what the packs say today.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use healthlint::docs::{self, RULES_MD};
use healthlint::rules::pack::PackFile;
use healthlint::rules::{load_builtin_packs, parse_pack};
use predicates::prelude::*;

fn packs() -> Vec<PackFile> {
    load_builtin_packs().expect("built-in packs load")
}

fn healthlint() -> Command {
    Command::cargo_bin("healthlint").expect("binary built")
}

fn all_ids() -> Vec<String> {
    packs()
        .iter()
        .flat_map(|f| f.rules.iter().map(|s| docs::rule_id(&f.pack, s)))
        .collect()
}

/// The committed reference is what the generator writes now. With `UPDATE_DOCS=1` the test
/// rewrites it instead, so refreshing the docs after editing a pack is one command.
#[test]
fn docs_rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(RULES_MD);
    let fresh = docs::rules_reference(&packs());
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| !v.is_empty()) {
        // Write beside it and rename: the other tests read the file concurrently.
        let tmp = path.with_extension("md.tmp");
        fs::write(&tmp, &fresh).unwrap_or_else(|e| panic!("{}: {e}", tmp.display()));
        fs::rename(&tmp, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{RULES_MD} is out of date with lints/*.toml; run `UPDATE_DOCS=1 cargo test --test integration docs::` \
         and commit the result"
    );
}

#[test]
fn every_rule_is_documented_with_a_stable_anchor() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(RULES_MD);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for file in packs() {
        assert!(
            text.contains(&format!("<a id=\"pack-{}\"></a>", file.pack.name)),
            "pack `{}` has no section in {RULES_MD}",
            file.pack.name
        );
        for spec in &file.rules {
            let id = docs::rule_id(&file.pack, spec);
            assert!(text.contains(&id), "{id} is not mentioned in {RULES_MD}");
            let anchor = docs::anchor(&file.pack, spec);
            assert_eq!(anchor, id.replace('/', "-"));
            assert!(
                text.contains(&format!("<a id=\"{anchor}\"></a>")),
                "{id} has no anchor #{anchor} in {RULES_MD}"
            );
            assert!(
                text.contains(&format!("](#{anchor})")),
                "the index of {RULES_MD} does not link to {id}"
            );
        }
    }
}

#[test]
fn rules_lists_every_rule_with_category_severity_and_default_state() {
    let out = healthlint().arg("rules").assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    for file in packs() {
        for spec in &file.rules {
            let id = docs::rule_id(&file.pack, spec);
            let line = stdout
                .lines()
                .find(|l| l.split_whitespace().next() == Some(id.as_str()))
                .unwrap_or_else(|| panic!("`healthlint rules` does not list {id}:\n{stdout}"));
            let columns: Vec<&str> = line.split_whitespace().take(4).collect();
            let state = if spec.on_by_default(&file.pack) {
                "on"
            } else {
                "off"
            };
            assert_eq!(
                columns,
                [
                    id.as_str(),
                    spec.category.as_str(),
                    spec.severity.as_str(),
                    state
                ],
                "{line}"
            );
            assert!(line.ends_with(&docs::summary(spec)), "{line}");
        }
    }
    assert_eq!(stdout.lines().count(), all_ids().len());
}

/// The terminal shows exactly the Markdown of the generated reference, with every part the
/// reader needs.
#[test]
fn rule_prints_the_shared_markdown_for_every_rule() {
    for file in packs() {
        for spec in &file.rules {
            let id = docs::rule_id(&file.pack, spec);
            let out = healthlint().args(["rule", &id]).assert().success();
            let stdout = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
            assert_eq!(stdout, docs::rule_markdown(&file.pack, spec, 1), "{id}");
            for part in [
                "## What it flags",
                "## Why",
                "References:",
                "## Better phrasing",
                "Fires on:",
                "Stays quiet on:",
                "## Configuration",
                &format!("ignore = [\"{id}\"]"),
                "[severity]",
                &format!("\"{id}\" = \"error\""),
                &format!("<!-- healthlint-disable-next-line {id} -- "),
                &spec.rationale,
                &spec.help,
            ] {
                assert!(stdout.contains(part), "{id}: missing {part:?}");
            }
            for text in spec.references.iter().chain(&spec.fire).chain(&spec.quiet) {
                // Examples are shown without their `{{…}}` span marks.
                let text = text.replace("{{", "").replace("}}", "");
                assert!(stdout.contains(text.as_str()), "{id}: missing {text:?}");
            }
        }
    }
}

#[test]
fn unknown_rule_suggests_the_nearest_id_and_exits_2() {
    healthlint()
        .args(["rule", "hype/miracle-langage"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown rule `hype/miracle-langage`",
        ))
        .stderr(predicate::str::contains(
            "did you mean `hype/miracle-language`?",
        ));
    // A bare rule name finds its pack.
    healthlint()
        .args(["rule", "cure-claim"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `absolutes/cure-claim`?",
        ));
    // Nothing close: no guess, only the way to list the rules.
    healthlint()
        .args(["rule", "xyz"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean").not())
        .stderr(predicate::str::contains("healthlint rules"));
}

/// An off-by-default pack's rules say so and show how to switch the pack on; the built-in packs
/// may all be on today, so a pack made here stands in for one that is not.
#[test]
fn off_by_default_packs_are_marked_and_explain_enable_packs() {
    let pack = parse_pack(
        "test.toml",
        r#"
[pack]
name = "regulatory"
description = "Claims regulators restrict."
enabled = false

[[rule]]
name = "disease-claim"
category = "regulatory"
severity = "warning"
message = "“{match}” is a disease claim"
help = "Describe effects on normal structure or function."
rationale = "Supplements may not claim to treat disease."
references = ["21 CFR 101.93"]
patterns = ["treats arthritis"]
fire = ["It treats arthritis."]
quiet = ["It supports joints."]
"#,
    )
    .expect("test pack parses");
    let spec = &pack.rules[0];
    let md = docs::rule_markdown(&pack.pack, spec, 1);
    assert!(md.contains("(off by default)"), "{md}");
    assert!(md.contains("enable-packs = [\"regulatory\"]"), "{md}");
    let reference = docs::rules_reference(std::slice::from_ref(&pack));
    assert!(
        reference
            .contains("[`regulatory/disease-claim`](#regulatory-disease-claim) (off by default)"),
        "{reference}"
    );
    assert!(
        reference.contains("## Pack `regulatory` (off by default)"),
        "{reference}"
    );
}
