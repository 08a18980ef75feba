//! `--format html` on the shipped examples, as an editor opens it: a reviewed snapshot of the
//! whole page. The inlined stylesheet and script (files of their own in `src/report/html/`,
//! reviewed there) and the policy hashes that follow from them are replaced by placeholders,
//! so the snapshot shows what the page says. The page itself is driven in a browser by
//! `tests/external/html_report_browser.rs`.

use assert_cmd::Command;

fn html(args: &[&str]) -> (String, Option<i32>) {
    let output = Command::cargo_bin("healthlint")
        .unwrap()
        .arg("check")
        .args(args)
        .args(["--format", "html"])
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code(),
    )
}

#[test]
fn html_report_on_examples() {
    let (page, code) = html(&["examples/"]);
    assert_eq!(code, Some(1));
    insta::with_settings!({filters => vec![
        (r"(?s)<style>.*?</style>", "<style>[src/report/html/page.css]</style>"),
        (r"(?s)<script>.*?</script>", "<script>[src/report/html/page.js]</script>"),
        (r"'sha256-[A-Za-z0-9+/=]+'", "'sha256-[hash]'"),
    ]}, {
        insta::assert_snapshot!(page);
    });
}

#[test]
fn the_page_is_the_same_on_every_run() {
    assert_eq!(html(&["examples/"]).0, html(&["examples/"]).0);
}

#[test]
fn output_file_gets_the_page_and_stdout_stays_empty() {
    let dir = tempfile::TempDir::new().unwrap();
    let report = dir.path().join("report.html");
    let (stdout, code) = html(&[
        "examples/patient-leaflet.txt",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "");
    let page = std::fs::read_to_string(report).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<h2 id="file-1-h">examples/patient-leaflet.txt</h2>"#));
}

#[test]
fn a_clean_file_gives_a_page_and_exit_zero() {
    let (page, code) = html(&["examples/careful-article.md"]);
    assert_eq!(code, Some(0));
    assert!(page.contains("Checked 1 file: 0 errors, 0 warnings, 0 infos; 0 suppressed."));
    assert!(page.contains("<p>No findings.</p>"));
}
