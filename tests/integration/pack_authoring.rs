//! Writing a rule pack, as its author meets it: `healthlint pack test` on packs with each kind
//! of mistake (the built binary, in a temporary directory), the worked example in `examples/`,
//! and a user pack with non-ASCII words linting a real file.

use std::path::Path;

use assert_cmd::Command;

fn healthlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("healthlint").expect("binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs `args` in a directory holding `files`: (exit code, stdout, stderr).
fn run(files: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        std::fs::write(dir.path().join(path), text).expect("write");
    }
    let output = healthlint(dir.path()).args(args).output().expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const HEADER: &str = "[pack]\nname = \"house\"\ndescription = \"House style.\"\n";

/// A rule with the given name, patterns and examples (TOML arrays, written out).
fn rule(name: &str, patterns: &str, fire: &str, quiet: &str) -> String {
    format!(
        "\n[[rule]]\nname = \"{name}\"\ncategory = \"hype\"\nseverity = \"warning\"\n\
         message = \"“{{match}}” is banned\"\nhelp = \"Say what it does.\"\nrationale = \"House style.\"\n\
         references = [\"Style guide\"]\npatterns = {patterns}\nfire = {fire}\nquiet = {quiet}\n"
    )
}

#[test]
fn broken_packs_are_refused_at_load_with_every_problem_located() {
    let pack = HEADER.to_string()
        + &rule(
            "game-changer",
            r#"["game-changer+"]"#,
            r#"["A game changer."]"#,
            r#"["A game."]"#,
        )
        + &rule(
            "game-changer",
            r#"["(very|really)?"]"#,
            r#"["x"]"#,
            r#"["y"]"#,
        )
        + &rule("Bad_Name", r#"["miracle"]"#, "[]", r#"["y"]"#);
    let (code, stdout, stderr) = run(&[("house.toml", &pack)], &["pack", "test", "house.toml"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    insta::assert_snapshot!(stderr);
    // The same pack named in a config stops `check` with its first problem.
    let config = "packs = [\"house.toml\"]\n";
    let (code, _, stderr) = run(
        &[
            ("house.toml", &pack),
            ("healthlint.toml", config),
            ("a.md", "Text.\n"),
        ],
        &["check", "a.md"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("rule `house/game-changer` is defined twice"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_category_gets_a_suggestion() {
    let pack = (HEADER.to_string() + &rule("a", r#"["b"]"#, r#"["b"]"#, r#"["c"]"#))
        .replace("category = \"hype\"", "category = \"absolutes\"");
    let (code, _, stderr) = run(&[("house.toml", &pack)], &["pack", "test", "house.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `absolute`?"), "{stderr}");
}

#[test]
fn failing_examples_say_what_fired_instead_and_where() {
    let pack = HEADER.to_string()
        + &rule(
            "miracle",
            r#"["miracle"]"#,
            r#"["A {{miracle}} pill.", "It cures arthritis.", "A miracle {{cure}}."]"#,
            r#"["A miracle cure."]"#,
        );
    let (code, stdout, stderr) = run(&[("house.toml", &pack)], &["pack", "test", "house.toml"]);
    assert_eq!(code, 1, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn the_worked_example_pack_passes_its_own_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = healthlint(root)
        .args(["pack", "test", "examples/house-style/banned-phrases.toml"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout, "house-style: 2 rules, 12 examples, ok\n");
}

#[test]
fn built_in_packs_pass_pack_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = healthlint(root)
        .args(["pack", "test", "lints/hype.toml", "lints/absolutes.toml"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
}

#[test]
fn non_ascii_words_match_whole_words() {
    let pack = HEADER.to_string()
        + &rule(
            "elixir",
            r#"["élixir+", "café"]"#,
            r#"["Un {{Élixir}} miracle.", "Le {{café}} guérit."]"#,
            r#"["Les cafés ferment.", "Un superélixir."]"#,
        );
    let (code, stdout, stderr) = run(&[("house.toml", &pack)], &["pack", "test", "house.toml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let config = "packs = [\"house.toml\"]\nselect = [\"house\"]\n";
    let (code, stdout, _) = run(
        &[
            ("house.toml", &pack),
            ("healthlint.toml", config),
            ("a.md", "Buvez cet élixir et ce café.\n"),
        ],
        &["check", "--format", "json", "a.md"],
    );
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let texts: Vec<&str> = (json["diagnostics"].as_array().expect("diagnostics").iter())
        .filter_map(|d| d["text"].as_str())
        .collect();
    assert_eq!(texts, ["élixir", "café"], "{stdout}");
}
