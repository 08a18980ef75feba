//! Whole outputs on the shipped example articles, as users see them: human (at 80 columns, the
//! width of output that is not a terminal) and JSON.

use assert_cmd::Command;

fn run(format: &str) -> String {
    run_with(&["examples/", "--format", format])
}

fn run_with(args: &[&str]) -> String {
    let output = Command::cargo_bin("healthlint")
        .unwrap()
        .env_remove("COLUMNS")
        .args(["check", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn human_output_on_examples() {
    insta::with_settings!({filters => vec![(r"in \d+ ms", "in [elapsed] ms")]}, {
        insta::assert_snapshot!(run("human"));
    });
}

#[test]
fn json_output_on_examples() {
    insta::assert_snapshot!(run("json"));
}

#[test]
fn regulatory_pack_on_the_supplement_ad() {
    insta::with_settings!({filters => vec![(r"in \d+ ms", "in [elapsed] ms")]}, {
        insta::assert_snapshot!(run_with(&[
            "examples/supplement-ad.md",
            "--enable-pack",
            "regulatory",
            "--format",
            "concise",
        ]));
    });
}
