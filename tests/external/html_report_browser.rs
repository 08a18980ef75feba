//! The HTML report in a real browser. `tests/browser/report.test.js` drives Debian's Chromium
//! through playwright-core over the report of `examples/` and checks it against the JSON report
//! of the same run: every finding is highlighted and shows its message on click, the filters,
//! search and keyboard navigation work, axe-core finds no serious or critical accessibility
//! violation, the page reflows at 320 px, and an article full of `<script>` and `onerror=`
//! (under a file name that is itself markup) runs nothing. It saves screenshots in
//! `target/tmp/html-report/`, which CI keeps.
//!
//! Needs `node`, Chromium (`/usr/bin/chromium`, or `HEALTHLINT_CHROMIUM`) and the pinned npm
//! packages (`npm ci` in `tests/browser`); `.ci/run` installs all three. Locally a missing one
//! skips with a note; under `CI` it fails, so CI cannot go green without the browser.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `true` when `found`; otherwise a note and `false` locally, a panic under CI.
fn available(what: &str, found: bool) -> bool {
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} is required under CI (.ci/run installs it)"
        );
        eprintln!("skipped: {what} is not installed (see .ci/run)");
    }
    found
}

fn chromium() -> PathBuf {
    std::env::var_os("HEALTHLINT_CHROMIUM")
        .map_or_else(|| "/usr/bin/chromium".into(), PathBuf::from)
}

/// Runs `healthlint check` with `args`; findings make it exit 1, anything else is a failure.
fn healthlint(args: &[&str]) {
    let status = Command::new(assert_cmd::cargo::cargo_bin("healthlint"))
        .current_dir(root())
        .arg("check")
        .args(args)
        .status()
        .expect("healthlint runs");
    assert_eq!(status.code(), Some(1), "healthlint {args:?}");
}

#[test]
fn html_report_works_in_chromium() {
    let browser_tests = root().join("tests/browser");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let packages = ["playwright-core", "axe-core"]
        .iter()
        .all(|p| browser_tests.join("node_modules").join(p).is_dir());
    if !(available("node", node)
        && available("chromium (apt-get install chromium)", chromium().is_file())
        && available(
            "the browser test's npm packages (npm ci in tests/browser)",
            packages,
        ))
    {
        return;
    }

    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    std::fs::create_dir_all(&out).unwrap();
    let (html, json) = (out.join("examples.html"), out.join("examples.json"));
    healthlint(&[
        "examples/",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    healthlint(&[
        "examples/",
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);

    // The hostile article under a file name that is markup too: both must show as text.
    let dir = tempfile::TempDir::new().unwrap();
    let hostile_md = dir.path().join("<img src=x onerror=alert(1)>.md");
    std::fs::copy(
        root().join("tests/fixtures/html/hostile-article.md"),
        &hostile_md,
    )
    .unwrap();
    let hostile = out.join("hostile.html");
    healthlint(&[
        hostile_md.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        hostile.to_str().unwrap(),
    ]);

    let run = Command::new("node")
        .current_dir(&browser_tests)
        .env("HEALTHLINT_CHROMIUM", chromium())
        .arg("report.test.js")
        .args([&html, &json, &hostile, &out])
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "browser test failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
    assert!(out.join("html-report.png").is_file());
}
