//! The command-line habits users bring from ruff and typos, through the built binary:
//! `--select`/`--extend-select`/`--ignore`, `--statistics`, `--quiet`, `init`, `config`,
//! `completions`, `rules --format json`, `rule` with partial ids and pack names, `--files-from`,
//! `--shard`, and help and tables that fit the terminal.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A warning (`hype/miracle-language`), an absolute (`absolutes/cure-claim`) and an info
/// (`hype/sensational-disease-language`), from the packs' own `fire` examples.
const ARTICLE: &str = "This miracle supplement melts belly fat.\n\n\
                       Our tonic cures arthritis.\n\nHigh blood pressure is a silent killer.\n";

fn healthlint() -> Command {
    let mut cmd = Command::cargo_bin("healthlint").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("CI");
    cmd
}

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// The rule ids of the findings of `check --format json` with `args`.
fn rules_found(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let output = healthlint()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

const MIRACLE: &str = "hype/miracle-language";
const CURE: &str = "absolutes/cure-claim";
const KILLER: &str = "hype/sensational-disease-language";
const PRODUCT: &str = "claims/product-efficacy-claim";

#[test]
fn select_ignore_and_extend_select_on_the_command_line() {
    let dir = project(&[("a.md", ARTICLE)]);
    let p = dir.path();
    assert_eq!(
        rules_found(p, &["a.md"]),
        set(&[MIRACLE, CURE, KILLER, PRODUCT])
    );
    assert_eq!(
        rules_found(p, &["a.md", "--select", "hype"]),
        set(&[MIRACLE, KILLER])
    );
    assert_eq!(
        rules_found(p, &["a.md", "--select", "hype", "--ignore", KILLER]),
        set(&[MIRACLE])
    );
    assert_eq!(
        rules_found(
            p,
            &[
                "a.md",
                "--select",
                MIRACLE,
                "--extend-select",
                "absolutes/*"
            ]
        ),
        set(&[MIRACLE, CURE])
    );
    // Comma-separated, like ruff.
    assert_eq!(
        rules_found(p, &["a.md", "--ignore", &format!("{MIRACLE},{KILLER}")]),
        set(&[CURE, PRODUCT])
    );
    // The flags apply after the config: its `select` is replaced, its `ignore` extended.
    std::fs::write(p.join("healthlint.toml"), "select = [\"absolutes\"]\n").unwrap();
    assert_eq!(rules_found(p, &["a.md"]), set(&[CURE]));
    assert_eq!(
        rules_found(p, &["a.md", "--select", "hype"]),
        set(&[MIRACLE, KILLER])
    );
    assert_eq!(
        rules_found(p, &["a.md", "--extend-select", MIRACLE]),
        set(&[MIRACLE, CURE])
    );
    // An unknown name is a usage error with the closest name.
    healthlint()
        .current_dir(p)
        .args(["check", "a.md", "--ignore", "hyp"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ignore: `hyp` is not a known"))
        .stderr(predicate::str::contains("did you mean `hype`?"));
}

#[test]
fn statistics_count_findings_by_rule() {
    let dir = project(&[("a.md", ARTICLE), ("b.md", "Another miracle cure.\n")]);
    let table = stdout(
        healthlint()
            .current_dir(dir.path())
            .args(["check", "--statistics", "."]),
    );
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["2", "warning", MIRACLE]
    );
    assert!(table.contains(CURE) && table.contains(KILLER), "{table}");
    assert!(!table.contains("Checked"), "only the table: {table}");
    let json: Value = serde_json::from_str(&stdout(healthlint().current_dir(dir.path()).args([
        "check",
        "--statistics",
        "--format",
        "json",
        ".",
    ])))
    .unwrap();
    assert_eq!(json[0]["rule"], MIRACLE);
    assert_eq!(json[0]["count"], 2);
    healthlint()
        .current_dir(dir.path())
        .args(["check", "--statistics", "--format", "sarif", "."])
        .assert()
        .code(2);
}

#[test]
fn quiet_prints_findings_only() {
    let dir = project(&[("a.md", ARTICLE)]);
    for format in ["human", "concise", "github"] {
        let out = stdout(
            healthlint()
                .current_dir(dir.path())
                .args(["check", "-q", "--format", format, "a.md"]),
        );
        assert!(out.contains(MIRACLE), "{format}: {out}");
        assert!(!out.contains("Checked"), "{format}: {out}");
    }
    let clean = project(&[("a.md", "Exercise may ease knee pain.\n")]);
    healthlint()
        .current_dir(clean.path())
        .args(["check", "--quiet", "a.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn many_findings_end_with_a_count_per_rule() {
    let few = project(&[("a.md", ARTICLE)]);
    let out = stdout(healthlint().current_dir(few.path()).args(["check", "."]));
    assert!(!out.contains("Findings by rule"), "{out}");
    let many: Vec<(String, &str)> = (0..10)
        .map(|i| (format!("{i}.md"), "This miracle tea is popular.\n"))
        .collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let dir = project(&many);
    let out = stdout(healthlint().current_dir(dir.path()).args(["check", "."]));
    let tail: Vec<&str> = out.lines().rev().take(4).collect();
    assert!(tail[0].starts_with("Checked 10 files"), "{out}");
    assert_eq!(tail[3], "Findings by rule:", "{out}");
    assert_eq!(
        tail[2].split_whitespace().collect::<Vec<_>>(),
        ["10", "warning", MIRACLE]
    );
}

#[test]
fn init_writes_a_starter_config_that_loads_with_every_example_uncommented() {
    let dir = project(&[("a.md", ARTICLE)]);
    healthlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote healthlint.toml"));
    let starter = std::fs::read_to_string(dir.path().join("healthlint.toml")).unwrap();
    assert!(starter.lines().all(|l| l.is_empty() || l.starts_with('#')));
    // As written it changes nothing.
    assert_eq!(
        rules_found(dir.path(), &["a.md"]),
        set(&[MIRACLE, CURE, KILLER, PRODUCT])
    );
    // A second `init` leaves it alone.
    healthlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    // Every example setting, uncommented, is a valid config (the pack it names included).
    let example = starter
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("healthlint.toml"), example).unwrap();
    std::fs::create_dir_all(dir.path().join("house-style")).unwrap();
    let pack =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("lints/hype.toml"))
            .unwrap()
            .replacen("name = \"hype\"", "name = \"house\"", 1);
    std::fs::write(dir.path().join("house-style/claims.toml"), pack).unwrap();
    healthlint()
        .current_dir(dir.path())
        .args(["config", "a.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("config:    healthlint.toml"));
}

#[test]
fn config_shows_the_file_that_applies_and_the_resolved_rules() {
    let dir = project(&[
        (
            "healthlint.toml",
            "ignore = [\"hype/hope-language\"]\nexclude = [\"drafts/**\"]\n\
             [[overrides]]\nfiles = [\"leaflets/**\"]\nseverity = { \"absolutes/*\" = \"error\" }\n",
        ),
        ("notes/healthlint.toml", "select = [\"citation\"]\n"),
    ]);
    let show = |args: &[&str]| {
        stdout(
            healthlint()
                .current_dir(dir.path())
                .arg("config")
                .args(args),
        )
    };
    let rule_line = |out: &str, id: &str| -> Vec<String> {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id));
        line.unwrap_or_else(|| panic!("{id} in {out}"))
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let leaflet = show(&["leaflets/a.md"]);
    assert!(leaflet.contains("config:    healthlint.toml"), "{leaflet}");
    assert!(
        leaflet.contains("[[overrides]] #1 (files = [\"leaflets/**\"])"),
        "{leaflet}"
    );
    assert_eq!(rule_line(&leaflet, CURE), [CURE, "error"]);
    assert_eq!(
        rule_line(&leaflet, "hype/hope-language"),
        ["hype/hope-language", "off"]
    );
    // Off-by-default packs stay off.
    assert_eq!(
        rule_line(&leaflet, "regulatory/supplement-disease-claim")[1],
        "off"
    );

    let note = show(&["notes/a.md"]);
    assert!(note.contains("config:    notes/healthlint.toml"), "{note}");
    assert_eq!(rule_line(&note, MIRACLE), [MIRACLE, "off"]);

    let flagged = show(&[
        "leaflets/a.md",
        "--ignore",
        "absolutes",
        "--enable-pack",
        "regulatory",
    ]);
    assert!(flagged.contains("flags:     --enable-pack regulatory --ignore absolutes"));
    assert_eq!(rule_line(&flagged, CURE), [CURE, "off"]);
    assert_eq!(
        rule_line(&flagged, "regulatory/supplement-disease-claim")[1],
        "warning"
    );

    assert!(show(&["drafts/x.md"]).contains("excluded:  yes"));
    assert!(show(&["--isolated", "notes/a.md"]).contains("config:    none (--isolated)"));
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(healthlint().args(["completions", shell]));
        for word in ["healthlint", "check", "select", "files-from", "completions"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    // The bash script is valid bash, checked by bash itself.
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("healthlint.bash");
    std::fs::write(&path, stdout(healthlint().args(["completions", "bash"]))).unwrap();
    let syntax = Process::new("bash").arg("-n").arg(&path).status().unwrap();
    assert!(syntax.success());
    healthlint().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn rules_as_json_and_as_an_aligned_table() {
    let json: Value =
        serde_json::from_str(&stdout(healthlint().args(["rules", "--format", "json"]))).unwrap();
    let rules = json.as_array().unwrap();
    let miracle = rules.iter().find(|r| r["id"] == MIRACLE).unwrap();
    assert_eq!(miracle["pack"], "hype");
    assert_eq!(miracle["category"], "hype");
    assert_eq!(miracle["severity"], "warning");
    assert_eq!(miracle["enabled"], true);
    assert_eq!(miracle["docs"], "docs/rules.md#hype-miracle-language");
    assert!(
        rules.iter().any(|r| r["enabled"] == false),
        "regulatory is listed, off"
    );

    // Every line of the table has its category where every other line has it, however long
    // the ids are.
    let table = stdout(healthlint().arg("rules"));
    let longest = rules
        .iter()
        .map(|r| r["id"].as_str().unwrap().len())
        .max()
        .unwrap();
    assert_eq!(table.lines().count(), rules.len());
    for (line, rule) in table.lines().zip(rules) {
        let category = rule["category"].as_str().unwrap();
        assert_eq!(
            &line[longest + 2..longest + 2 + category.len()],
            category,
            "{line}"
        );
    }
}

#[test]
fn rule_suggests_the_full_id_for_a_partial_one_and_lists_a_pack() {
    healthlint()
        .args(["rule", "hype/miracle"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `hype/miracle-language`?",
        ));
    healthlint()
        .args(["rule", "miracle"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `hype/miracle-language`?",
        ));
    healthlint()
        .args(["rule", "absolutes/c"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("absolutes/certainty-claim"))
        .stderr(predicate::str::contains("absolutes/cure-claim"));
    let pack = stdout(healthlint().args(["rule", "hype"]));
    assert!(pack.starts_with("hype: "), "{pack}");
    assert!(pack.contains(MIRACLE) && pack.contains(KILLER), "{pack}");
    assert!(!pack.contains(CURE), "{pack}");
    healthlint().args(["rule", "regulatory/*"]).assert().code(0);
}

#[test]
fn files_from_a_list_or_stdin() {
    let dir = project(&[
        ("a.md", ARTICLE),
        ("b.md", "Another miracle cure.\n"),
        ("c.md", "Our tonic cures arthritis.\n"),
    ]);
    std::fs::write(dir.path().join("list.txt"), "a.md\n\n  c.md\r\n").unwrap();
    let paths = |args: &[&str], stdin: &str| -> BTreeSet<String> {
        let output = healthlint()
            .current_dir(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .write_stdin(stdin)
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        paths(&["--files-from", "list.txt"], ""),
        set(&["a.md", "c.md"])
    );
    assert_eq!(paths(&["--files-from", "-"], "b.md\n"), set(&["b.md"]));
    assert_eq!(
        paths(&["--files-from", "-", "c.md"], "b.md\n"),
        set(&["b.md", "c.md"])
    );
    healthlint()
        .current_dir(dir.path())
        .args(["check", "--files-from", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
    healthlint()
        .current_dir(dir.path())
        .args(["check", "--files-from", "-", "-"])
        .assert()
        .code(2);
}

#[test]
fn shards_split_the_files_once_each_and_stably() {
    let names: Vec<String> = (0..24).map(|i| format!("docs/page-{i:02}.md")).collect();
    let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), ARTICLE)).collect();
    let dir = project(&files);
    let shard = |spec: &str, extra: &[&str]| -> BTreeSet<String> {
        let output = healthlint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--shard", spec])
            .args(extra)
            .arg("docs")
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect()
    };
    let shards: Vec<BTreeSet<String>> = ["1/3", "2/3", "3/3"]
        .iter()
        .map(|s| shard(s, &[]))
        .collect();
    let all: BTreeSet<String> = shards.iter().flatten().cloned().collect();
    assert_eq!(all.len(), 24);
    assert_eq!(
        shards.iter().map(BTreeSet::len).sum::<usize>(),
        24,
        "disjoint"
    );
    assert!(shards.iter().all(|s| s.len() >= 3), "{shards:?}");
    // Adding files moves none of the old ones.
    std::fs::write(dir.path().join("docs/new.md"), ARTICLE).unwrap();
    let again = shard("1/3", &[]);
    assert!(shards[0].iter().all(|p| again.contains(p)));
    healthlint()
        .args(["check", "--shard", "4/3"])
        .assert()
        .code(2);
    healthlint()
        .args(["check", "--shard", "0/3"])
        .assert()
        .code(2);
}

#[test]
fn help_wraps_to_the_terminal() {
    for columns in [60, 100] {
        let help = stdout(
            healthlint()
                .env("COLUMNS", columns.to_string())
                .args(["check", "--help"]),
        );
        assert!(help.contains("--files-from"));
        for line in help.lines() {
            assert!(line.chars().count() <= columns, "{columns}: {line}");
        }
    }
}
