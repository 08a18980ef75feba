//! Whole outputs on the shipped example articles, as users see them: human and JSON.

use assert_cmd::Command;

fn run(format: &str) -> String {
    let output = Command::cargo_bin("healthlint")
        .unwrap()
        .args(["check", "examples/", "--color", "never", "--format", format])
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
