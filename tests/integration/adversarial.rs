//! Adversarial inputs through the built binary: the pathological files of issue 13 (one
//! enormous line, unclosed and deeply nested constructs, long runs of one delimiter, every line
//! ending, Unicode around flagged words) and hostile command lines. Each must finish with a
//! normal exit code and correct output. Sizes keep the debug binary fast; `scripts/linearity.py`
//! checks the same inputs at real sizes against the release binary.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Far more than any of these inputs needs; a hang fails the test instead of the CI job.
const TIMEOUT: Duration = Duration::from_secs(60);

fn healthlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("healthlint").unwrap();
    cmd.current_dir(dir).timeout(TIMEOUT).env("NO_COLOR", "1");
    cmd
}

/// Lints `text` as `name` in every format; checks none crashed, that JSON spans hold the
/// flagged text, and that human output stays within `human_limit` bytes. Returns the JSON.
fn lint_everywhere(name: &str, text: &str, human_limit: usize) -> Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    for format in ["human", "concise", "sarif", "github", "html"] {
        let out = healthlint(dir.path())
            .args(["check", "--isolated", "--format", format, name])
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{name} --format {format}: exit {code:?}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if format == "human" {
            assert!(
                out.stdout.len() <= human_limit,
                "{name}: {} bytes of human output",
                out.stdout.len()
            );
        }
    }
    let out = healthlint(dir.path())
        .args(["check", "--isolated", "--format", "json", name])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{name}: json");
    let json: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    for d in json["diagnostics"].as_array().unwrap() {
        let (start, end) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text.get(start..end),
            d["text"].as_str(),
            "{name}: span and text disagree"
        );
    }
    json
}

fn texts(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap().to_lowercase())
        .collect()
}

fn flags(json: &Value, word: &str) -> bool {
    texts(json).iter().any(|t| t.contains(word))
}

#[test]
fn a_finding_past_column_65535_is_shown_in_a_window() {
    let text = format!("{} miracle cure.\n", "x".repeat(65_535));
    let json = lint_everywhere("long.md", &text, 8_000);
    assert!(flags(&json, "miracle"));
    assert_eq!(json["diagnostics"][0]["start"]["column"], 65_537);
    let tabs = format!("{}This miracle cure works.\n", "\t".repeat(16_384));
    assert!(flags(&lint_everywhere("tabs.txt", &tabs, 8_000), "miracle"));
}

#[test]
fn unclosed_links_and_images_are_linted_as_plain_text() {
    // 21,875 × `[a](` overflowed tree-sitter's stack; a megabyte of `![` took 10 GB.
    let links = format!("A miracle cure. {}\n", "[a](".repeat(21_875));
    assert!(flags(
        &lint_everywhere("links.md", &links, 8_000),
        "miracle"
    ));
    let images = format!("A miracle cure. {}\n", "![".repeat(100_000));
    assert!(flags(
        &lint_everywhere("images.md", &images, 8_000),
        "miracle"
    ));
}

#[test]
fn a_run_on_sentence_is_judged_in_pieces() {
    let text = format!(
        "{}.\n",
        "this miracle cure is proven safe and ".repeat(2_000)
    );
    let json = lint_everywhere("run-on.txt", &text, usize::MAX);
    // Every repetition is still flagged, the last ones as well as the first.
    let miracles = texts(&json)
        .iter()
        .filter(|t| t.contains("miracle"))
        .count();
    assert_eq!(miracles, 2_000);
}

#[test]
fn a_thousand_findings_on_one_line_show_bounded_windows() {
    let unit = format!("{} A miracle cure. ", "x".repeat(1_000));
    let text = format!("{}\n", unit.repeat(300));
    let json = lint_everywhere("one-line.md", &text, 300 * 4_000);
    assert_eq!(
        texts(&json)
            .iter()
            .filter(|t| t.contains("miracle"))
            .count(),
        300
    );
}

#[test]
fn unclosed_front_matter_fences_comments_and_html() {
    let claim = "claim: this miracle cure is proven safe\n";
    let front = format!("---\n{}", claim.repeat(2_000));
    lint_everywhere("front.md", &front, usize::MAX);
    let fence = format!("```\n{}", "A miracle cure.\n".repeat(2_000));
    assert!(!flags(
        &lint_everywhere("fence.md", &fence, 8_000),
        "miracle"
    ));
    let comment = format!("<!--\n{}", "A miracle cure.\n".repeat(2_000));
    assert!(!flags(
        &lint_everywhere("comment.md", &comment, 8_000),
        "miracle"
    ));
    lint_everywhere("html.md", &"<div>".repeat(10_000), 8_000);
}

#[test]
fn footnotes_and_numbered_markers_in_bulk() {
    let notes: String = (1..=1_500)
        .map(|n| format!("Turmeric cures arthritis.[^{n}]\n\n[^{n}]: A study {n}.\n\n"))
        .collect();
    lint_everywhere("notes.md", &notes, usize::MAX);
    let markers: String = (1..=20_000).map(|n| format!("[{n}] ")).collect();
    let text = format!("This miracle cure is proven safe. {markers}\n");
    assert!(flags(
        &lint_everywhere("markers.md", &text, 8_000),
        "miracle"
    ));
}

#[test]
fn deep_nesting_of_every_container() {
    let quote = format!("{} A miracle cure.\n", ">".repeat(5_000));
    lint_everywhere("quote.md", &quote, 20_000);
    let list: String = (0..300)
        .map(|i| format!("{}- a miracle cure\n", "  ".repeat(i)))
        .collect();
    lint_everywhere("list.md", &list, usize::MAX);
    let emphasis = format!("{}miracle cure\n", "*a ".repeat(10_000));
    lint_everywhere("emphasis.md", &emphasis, 20_000);
    let parens = format!(
        "{}A miracle cure.{}\n",
        "(".repeat(5_000),
        ")".repeat(5_000)
    );
    lint_everywhere("parens.md", &parens, 20_000);
}

#[test]
fn long_runs_of_one_delimiter() {
    for delimiter in ["`", "*", "_", "[", "]", "~", "#", "|", "\\", "<", "&"] {
        let text = format!("A miracle cure. {} proven safe\n", delimiter.repeat(40_000));
        lint_everywhere("run.md", &text, 20_000);
    }
}

#[test]
fn huge_and_wide_tables() {
    let rows = "| miracle cure | proven safe | 100% effective |\n".repeat(3_000);
    let table = format!("| a | b | c |\n|---|---|---|\n{rows}");
    assert!(flags(
        &lint_everywhere("table.md", &table, usize::MAX),
        "miracle"
    ));
    let wide = format!(
        "{}|\n{}|\n",
        "| miracle cure ".repeat(2_000),
        "|---".repeat(2_000)
    );
    lint_everywhere("wide.md", &wide, usize::MAX);
}

#[test]
fn unicode_around_flagged_words() {
    let spaces = [
        '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
        '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}',
        '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{85}', '\t', '\u{b}', '\u{c}',
    ];
    for space in spaces {
        let text = format!("It is a{space}miracle{space}cure.{space}Proven{space}safe.\n");
        let json = lint_everywhere("space.md", &text, 8_000);
        assert!(flags(&json, "miracle"), "{:?}", space);
    }
    let marks = [
        "\u{200f}miracle\u{200f} cure",
        "\u{202e}miracle\u{202c} cure",
        "\u{2067}miracle\u{2069} cure",
        "mi\u{301}racle cure and a miracle\u{301} cure",
        "💊miracle💊 cure 👨‍👩‍👧 miracle cure",
        "ﾐﾗｸﾙ miracle cure 奇跡の治療",
        "مِعْجِزَة miracle cure",
    ];
    for mark in marks {
        let text = format!("A {mark}.\n");
        let json = lint_everywhere("marks.md", &text, 8_000);
        assert!(flags(&json, "miracle"), "{mark}");
    }
}

/// Line and column of the first finding in each machine format.
fn positions(dir: &Path, name: &str) -> Vec<String> {
    let run = |format: &str| {
        let out = healthlint(dir)
            .args(["check", "--isolated", "--format", format, name])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    let concise = run("concise");
    let github = run("github");
    let human = run("human");
    let first = &json["diagnostics"][0]["start"];
    vec![
        format!("{}:{}", first["line"], first["column"]),
        format!("{}:{}", region["startLine"], region["startColumn"]),
        concise
            .split(':')
            .skip(1)
            .take(2)
            .collect::<Vec<_>>()
            .join(":"),
        github.split(",line=").nth(1).map_or(String::new(), |rest| {
            let line = rest.split(',').next().unwrap_or("");
            let col = rest
                .split(",col=")
                .nth(1)
                .and_then(|c| c.split([',', ':']).next());
            format!("{line}:{}", col.unwrap_or(""))
        }),
        human
            .split(&format!("{name}:"))
            .nth(1)
            .map_or(String::new(), |rest| {
                rest.split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(':')
                    .to_string()
            }),
    ]
}

#[test]
fn every_line_ending_and_a_bom_give_the_same_positions_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("lf.txt", "Intro.\nA miracle cure.\n"),
        ("crlf.txt", "Intro.\r\nA miracle cure.\r\n"),
        ("cr.txt", "Intro.\rA miracle cure.\r"),
        ("bom.txt", "\u{feff}Intro.\nA miracle cure.\n"),
        ("bom-cr.md", "\u{feff}Intro.\rA miracle cure.\r"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        let got = positions(dir.path(), name);
        assert!(
            got.iter().all(|p| p == "2:3"),
            "{name}: json, sarif, concise, github, human: {got:?}"
        );
    }
    std::fs::write(dir.path().join("first.txt"), "\u{feff}A miracle cure.\n").unwrap();
    let got = positions(dir.path(), "first.txt");
    assert!(got.iter().all(|p| p == "1:3"), "{got:?}");
}

#[test]
#[cfg(unix)]
fn a_config_that_is_a_fifo_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "A miracle cure.\n").unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("fifo.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = healthlint(dir.path())
        .timeout(Duration::from_secs(20))
        .args(["check", "--config", "fifo.toml", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a regular file"), "{stderr}");
    let out = healthlint(dir.path())
        .timeout(Duration::from_secs(20))
        .args(["check", "--baseline", "fifo.toml", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn reports_and_baselines_never_overwrite_inputs_or_configs() {
    let dir = tempfile::tempdir().unwrap();
    let article = "A miracle cure.\n";
    std::fs::write(dir.path().join("a.md"), article).unwrap();
    std::fs::write(dir.path().join("healthlint.toml"), "").unwrap();
    for args in [
        &["check", "-o", "a.md", "a.md"][..],
        &["check", "-o", "./a.md", "."],
        &["check", "--write-baseline", "a.md", "a.md"],
        &["check", "-o", "healthlint.toml", "a.md"],
        &["check", "--write-baseline", "healthlint.toml", "a.md"],
    ] {
        let out = healthlint(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("refusing to overwrite"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        article
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("healthlint.toml")).unwrap(),
        ""
    );
    // A report file of its own is written, and replaced whole on the next run.
    healthlint(dir.path())
        .args(["check", "-o", "report.txt", "--format", "concise", "a.md"])
        .assert()
        .code(1);
    let report = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(report.contains("a.md:1:3"), "{report}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn baseline_counts_saturate() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "A miracle cure.\n").unwrap();
    healthlint(dir.path())
        .args(["check", "--write-baseline", "base.json", "a.md"])
        .assert()
        .code(0);
    let mut baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap())
            .unwrap();
    let entries = baseline["findings"].as_array_mut().unwrap();
    entries[0]["count"] = Value::from(u64::MAX);
    let twin = entries[0].clone();
    entries.push(twin);
    std::fs::write(dir.path().join("base.json"), baseline.to_string()).unwrap();
    healthlint(dir.path())
        .args(["check", "--baseline", "base.json", "a.md"])
        .assert()
        .code(0);
}

/// The messages of `healthlint/markup-not-parsed`: blocks read as plain text.
fn unparsed(json: &Value) -> Vec<String> {
    (json["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["rule"] == "healthlint/markup-not-parsed")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_block_linted_as_plain_text_is_reported_with_the_limit_it_passed() {
    let cases = [
        ("[a](".repeat(21_875), "nest more than 256 deep here"),
        ("]".repeat(40_000), "more than 16 KB of Markdown markup"),
        (
            "*a ".repeat(10_000),
            "too many emphasis and code delimiters",
        ),
    ];
    for (markup, why) in cases {
        let text = format!(
            "# Notes\n\nA miracle cure. {markup}\n\nThe [clinic](https://example.org) opens.\n"
        );
        let json = lint_everywhere("block.md", &text, 20_000);
        let messages = unparsed(&json);
        assert_eq!(messages.len(), 1, "{why}: {messages:?}");
        assert!(messages[0].contains(why), "{messages:?}");
        assert!(
            flags(&json, "miracle"),
            "{why}: the block's words are still linted"
        );
    }
}

#[test]
fn a_user_regex_that_matches_nothing_or_cannot_compile_is_a_load_error_naming_it() {
    let pack = |regex: &str| {
        format!(
            "[pack]\nname = \"mine\"\ndescription = \"d\"\n\n[[rule]]\nname = \"wide\"\n\
             category = \"hype\"\nseverity = \"warning\"\nmessage = \"m\"\nhelp = \"h\"\n\
             rationale = \"r\"\nreferences = [\"x\"]\nregex = ['{regex}']\nfire = [\"a\"]\n\
             quiet = [\"b\"]\n"
        )
    };
    let cases = [
        ("", "it can match the empty string"),
        (".*", "it can match the empty string"),
        (r"\b", "it can match the empty string"),
        (r"\w{1000}{1000}", "error building"),
    ];
    for (regex, why) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.toml"), pack(regex)).unwrap();
        std::fs::write(
            dir.path().join("healthlint.toml"),
            "packs = [\"mine.toml\"]\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("a.md"), "A miracle cure.\n").unwrap();
        let out = healthlint(dir.path())
            .args(["check", "a.md"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{regex}: {stderr}");
        for part in [
            "mine.toml",
            "rule `mine/wide`",
            &format!("regex `{regex}`"),
            why,
        ] {
            assert!(stderr.contains(part), "{regex}: no {part:?} in {stderr}");
        }
        assert!(out.stdout.is_empty(), "{regex}: nothing is linted");
    }
}
