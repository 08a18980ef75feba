//! The pre-commit hook in `.pre-commit-hooks.yaml`, exercised by the real `pre-commit` tool.
//!
//! pre-commit would build the hook with `cargo install` from a git URL, which needs the network
//! and minutes. Instead the test copies every field of the real manifest into a `repo: local`
//! hook of a throwaway repository, swapping only `entry` for the freshly built binary and
//! `language` for `system`: what is tested is the manifest users get (its file filter, its
//! arguments), run by pre-commit itself.
//!
//! `pre-commit` is installed by `.ci/run`. Under CI (`CI` set) a missing tool fails the test, so a
//! broken install cannot pass as a skip; on a developer machine the test skips with a note.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use healthlint::walk::LINTED_GLOBS;
use regex::Regex;

fn manifest_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")
}

/// The hook's `key: value` fields, in order. The manifest is kept to one hook of flat scalar
/// and flow-list fields, so a line reader suffices (and no YAML crate is needed to test it);
/// anything else makes this panic rather than be silently misread.
fn manifest_fields() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(manifest_path()).expect("read .pre-commit-hooks.yaml");
    let mut fields = Vec::new();
    let mut hooks = 0;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let field = match trimmed.strip_prefix("- ") {
            Some(first) => {
                hooks += 1;
                first
            }
            None => trimmed,
        };
        let (key, value) = field
            .split_once(": ")
            .unwrap_or_else(|| panic!("unexpected manifest line: {line}"));
        fields.push((key.to_string(), value.trim().to_string()));
    }
    assert_eq!(hooks, 1, "the manifest should declare exactly one hook");
    fields
}

fn field<'a>(fields: &'a [(String, String)], key: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("manifest has no `{key}`"))
}

/// `pre-commit` as a command, or `None` (after a note) when it is not installed locally.
fn pre_commit() -> Option<Vec<String>> {
    let candidates = [
        vec!["pre-commit".to_string()],
        vec!["python3".into(), "-m".into(), "pre_commit".into()],
    ];
    for candidate in candidates {
        let works = Command::new(&candidate[0])
            .args(&candidate[1..])
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if works {
            return Some(candidate);
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "pre-commit is not installed; .ci/run installs it with `python3 -m pip install pre-commit`"
    );
    eprintln!("note: pre-commit is not installed; skipping (`python3 -m pip install pre-commit`)");
    None
}

fn run(program: &[String], args: &[&str], dir: &Path, home: &Path) -> Output {
    Command::new(&program[0])
        .args(&program[1..])
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program:?}: {e}"))
}

fn git(args: &[&str], dir: &Path) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

fn show(output: &Output) -> String {
    format!(
        "status {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A throwaway git repository whose `.pre-commit-config.yaml` runs the manifest's hook with the
/// built binary.
fn repo_with_hook() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    git(&["init", "--quiet"], dir.path());
    git(&["config", "user.email", "test@example.com"], dir.path());
    git(&["config", "user.name", "healthlint test"], dir.path());
    git(&["config", "commit.gpgsign", "false"], dir.path());

    let binary = env!("CARGO_BIN_EXE_healthlint");
    let mut config = String::from("repos:\n  - repo: local\n    hooks:\n");
    for (i, (key, value)) in manifest_fields().iter().enumerate() {
        let value = match key.as_str() {
            "language" => "system".to_string(),
            "entry" => {
                let args = value
                    .strip_prefix("healthlint")
                    .unwrap_or_else(|| panic!("entry should start with `healthlint`: {value}"));
                // pre-commit splits `entry` like a shell; YAML double quotes around it.
                format!("\"'{binary}'{args}\"")
            }
            _ => value.clone(),
        };
        let bullet = if i == 0 { "      - " } else { "        " };
        config.push_str(&format!("{bullet}{key}: {value}\n"));
    }
    std::fs::write(dir.path().join(".pre-commit-config.yaml"), config).expect("write config");
    dir
}

#[test]
fn manifest_is_valid_for_pre_commit() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let home = tempfile::tempdir().expect("temp dir");
    let path = manifest_path();
    let out = run(
        &pre_commit,
        &["validate-manifest", path.to_str().expect("UTF-8 path")],
        Path::new(env!("CARGO_MANIFEST_DIR")),
        home.path(),
    );
    assert!(out.status.success(), "{}", show(&out));
}

#[test]
fn manifest_declares_the_healthlint_hook() {
    let fields = manifest_fields();
    assert_eq!(field(&fields, "id"), "healthlint");
    assert_eq!(field(&fields, "entry"), "healthlint check --force-exclude");
    assert_eq!(field(&fields, "language"), "rust");
    assert_eq!(field(&fields, "require_serial"), "false");
}

/// The snippet users copy from the README names this repository and this hook, and pins `rev`
/// to something that exists: there are no release tags yet, so no `rev: v…` tag.
#[test]
fn readme_snippet_uses_the_manifest_hook() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("read README.md");
    let id = field(&manifest_fields(), "id").to_string();
    assert!(readme.contains("- repo: https://github.com/healthlint/healthlint"));
    assert!(
        readme.contains(&format!("      - id: {id}\n")),
        "README lacks `id: {id}`"
    );
    let rev = Regex::new(r"(?m)^\s*rev: (\S+)").unwrap();
    let pinned: Vec<&str> = rev
        .captures_iter(&readme)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(!pinned.is_empty(), "README shows no `rev:`");
    for pin in pinned {
        assert!(
            !pin.starts_with('v'),
            "README pins the nonexistent tag {pin}"
        );
    }
}

/// The hook sees exactly the files `healthlint check DIR` lints: every extension the walker
/// knows, and not other text files such as `LICENSE` or source code.
#[test]
fn manifest_file_filter_matches_the_linted_extensions() {
    let fields = manifest_fields();
    let files = Regex::new(field(&fields, "files")).expect("`files` is a valid regex");
    for glob in LINTED_GLOBS {
        let name = format!("docs/article{}", glob.trim_start_matches('*'));
        assert!(files.is_match(&name), "`files` misses {name}");
    }
    for name in [
        "LICENSE",
        "src/main.rs",
        "notes.md.orig",
        "README.mdx",
        "index.html",
    ] {
        assert!(!files.is_match(name), "`files` should not match {name}");
    }
}

/// Also checks the file filter end to end: with `--verbose` pre-commit shows the hook's summary
/// line, which counts only the Markdown file, not the Python file beside it.
#[test]
fn hook_passes_a_clean_article() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let repo = repo_with_hook();
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        repo.path().join("article.md"),
        "# Knee pain\n\nIn a 12-week trial of 200 adults, exercise reduced knee pain a little.\n",
    )
    .expect("write article");
    std::fs::write(repo.path().join("tool.py"), "# A miracle cure!\n").expect("write script");
    git(&["add", "."], repo.path());
    let out = run(
        &pre_commit,
        &["run", "--all-files", "--verbose"],
        repo.path(),
        home.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", show(&out));
    assert!(stdout.contains("Passed"), "{}", show(&out));
    assert!(stdout.contains("Checked 1 file"), "{}", show(&out));
}

/// pre-commit names files one by one; the hook's `--force-exclude` keeps the config's
/// `exclude` in force for them.
#[test]
fn hook_leaves_out_files_the_config_excludes() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let repo = repo_with_hook();
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        repo.path().join("healthlint.toml"),
        "exclude = [\"drafts/**\"]\n",
    )
    .expect("write config");
    std::fs::create_dir_all(repo.path().join("drafts")).expect("mkdir");
    std::fs::write(
        repo.path().join("drafts/idea.md"),
        "This miracle supplement cures arthritis.\n",
    )
    .expect("write draft");
    std::fs::write(
        repo.path().join("article.md"),
        "In a 12-week trial of 200 adults, exercise reduced knee pain a little.\n",
    )
    .expect("write article");
    git(&["add", "."], repo.path());
    let out = run(
        &pre_commit,
        &["run", "--all-files", "--verbose"],
        repo.path(),
        home.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", show(&out));
    assert!(!stdout.contains("miracle"), "{}", show(&out));
    assert!(stdout.contains("Checked 1 file"), "{}", show(&out));
}

#[test]
fn hook_fails_on_an_overclaim_and_skips_other_files() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let repo = repo_with_hook();
    let home = tempfile::tempdir().expect("temp dir");
    let claim = "This miracle supplement cures arthritis.\n";
    std::fs::write(
        repo.path().join("article.md"),
        format!("# Joints\n\n{claim}"),
    )
    .expect("write article");
    // Not a Markdown or text file: pre-commit must not hand it to healthlint.
    std::fs::write(repo.path().join("ad.py"), format!("# {claim}")).expect("write script");
    git(&["add", "."], repo.path());
    let out = run(
        &pre_commit,
        &["run", "--all-files"],
        repo.path(),
        home.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{}", show(&out));
    assert!(stdout.contains("hype/miracle-language"), "{}", show(&out));
    assert!(stdout.contains("article.md"), "{}", show(&out));
    assert!(!stdout.contains("ad.py"), "{}", show(&out));
}
