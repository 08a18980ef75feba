//! Facts about the repository itself that CI must keep true: the licence matches `Cargo.toml`,
//! the GitHub workflow runs the same script as a local CI run, and every committed snapshot
//! belongs to a test (an orphan would never be checked again, yet look like coverage).

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_licence_file_matches_cargo_toml() {
    assert!(read("Cargo.toml").contains("\nlicense = \"MIT\"\n"));
    let licence = read("LICENSE");
    assert!(licence.starts_with("MIT License\n"), "{licence}");
    assert!(licence.contains("Permission is hereby granted, free of charge"));
}

#[test]
fn the_workflow_runs_the_ci_script() {
    let workflow = read(".github/workflows/ci.yml");
    let runs: Vec<&str> = workflow
        .lines()
        .filter_map(|l| l.trim().strip_prefix("run: "))
        .collect();
    assert_eq!(runs, ["bash .ci/run"], "{workflow}");
    // The script runs the README's test command, whose snapshot check is in this file.
    assert!(read(".ci/run").contains("\ncargo test --locked"));
}

/// Every `*.snap` file sits in the `snapshots/` folder beside the test source its header names,
/// and that source still has the test function the file is named after (insta names files
/// `module__path__function.snap`, with `-2`, `-3` for further snapshots of one function).
#[test]
fn every_snapshot_belongs_to_a_test() {
    let mut snaps = Vec::new();
    collect(root(), &mut snaps);
    assert!(!snaps.is_empty());
    let mut orphans = Vec::new();
    for snap in &snaps {
        let text = std::fs::read_to_string(snap).unwrap();
        let source = text
            .lines()
            .find_map(|l| l.strip_prefix("source: "))
            .map(|s| s.trim().trim_matches('"'));
        let stem = snap.file_stem().unwrap().to_string_lossy().to_string();
        let function = stem.rsplit("__").next().unwrap();
        let function = match function.rsplit_once('-') {
            Some((name, n)) if n.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => function,
        };
        let owned = source.is_some_and(|source| {
            let source = root().join(source);
            let beside = source.parent().map(|d| d.join("snapshots"));
            beside.as_deref() == snap.parent()
                && std::fs::read_to_string(&source)
                    .is_ok_and(|code| code.contains(&format!("fn {function}(")))
        });
        if !owned {
            orphans.push(snap.strip_prefix(root()).unwrap().display().to_string());
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots no test writes (delete them, or restore their test): {orphans:#?}"
    );
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == ".git" || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "snap") {
            out.push(path);
        }
    }
}
