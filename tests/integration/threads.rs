//! `--threads N`: any number of threads gives the same output, in path order, as files finish.

use assert_cmd::Command;
use tempfile::TempDir;

fn run(dir: &TempDir, args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("healthlint")
        .expect("binary")
        .current_dir(dir.path())
        .args(["check", ".", "--format", "concise"])
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn output_is_the_same_in_path_order_whatever_the_threads() {
    let dir = TempDir::new().expect("temp dir");
    for i in (0..40).rev() {
        let body = format!("# Page {i}\n\nThis tonic is a miracle cure.\n").repeat(1 + i % 5);
        std::fs::write(dir.path().join(format!("p{i:02}.md")), body).expect("write");
    }
    let (one, code) = run(&dir, &["--threads", "1"]);
    assert_eq!(code, 1);
    for threads in ["2", "3", "8"] {
        assert_eq!(
            run(&dir, &["--threads", threads]).0,
            one,
            "--threads {threads}"
        );
    }
    assert_eq!(run(&dir, &["-j", "2"]).0, one);
    let paths: Vec<&str> = one
        .lines()
        .filter_map(|l| l.split(':').next())
        .filter(|p| p.ends_with(".md"))
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.first(), Some(&"p00.md"));
    let (_, zero) = run(&dir, &["--threads", "0"]);
    assert_eq!(zero, 2, "zero threads is a usage error");
}

/// With more threads than files, each file's blocks are split over two threads: the findings
/// (every example article, with its many blocks and kinds of finding) are the same as on one.
#[test]
fn a_file_split_over_two_threads_gives_the_same_findings() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut with_findings = 0;
    for entry in std::fs::read_dir(&examples).expect("examples") {
        let path = entry.expect("entry").path();
        if !path.is_file() {
            continue;
        }
        let run = |threads: &str| {
            let out = Command::cargo_bin("healthlint")
                .expect("binary")
                .args([
                    "check",
                    "--isolated",
                    "--format",
                    "json",
                    "--threads",
                    threads,
                ])
                .arg(&path)
                .output()
                .expect("runs");
            String::from_utf8(out.stdout).expect("utf-8")
        };
        let one = run("1");
        with_findings += usize::from(one.contains("\"rule\""));
        assert_eq!(run("2"), one, "{}", path.display());
    }
    assert!(with_findings >= 3, "the examples have findings to compare");
}
