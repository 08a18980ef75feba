//! `--format html`: one self-contained page an editor can open, skim and forward.
//!
//! The page is an overview (totals, findings by category and severity, files ranked by findings
//! per 1,000 words, a chart of findings by rule), then each article rendered as prose with its
//! flagged phrases marked, then the explanation of every rule the report names. A small script
//! adds filters, a search box, a popover per finding and keyboard navigation; without it the
//! page still reads completely (each article lists its findings in full).
//!
//! Safety: everything that comes from a file, a path or a rule pack is escaped ([`escape`]),
//! raw HTML in an article is shown as code, images are never loaded, and a
//! Content-Security-Policy lets only this page's own script and style run (by hash).
//! Determinism: files in path order, findings in file order, no timestamps, so the output can
//! be snapshotted.

mod assets;
mod citation;
mod escape;
mod findings;
mod highlight;
mod overview;
mod prose;
mod rules;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{FileReport, Outcome, Summary};
use crate::diagnostic::{Category, Finding};
use crate::rules::RuleSet;
use escape::escape;
use highlight::icon;
use overview::{Counts, FileRow, SEVERITIES};

/// A finding with the page-wide id that its flag, marks and detail share (`f{file}-{n}`).
pub struct FindingRef<'a> {
    pub id: String,
    pub finding: &'a Finding,
}

/// One linted file, rendered.
struct Article<'a> {
    path: &'a str,
    anchor: String,
    words: usize,
    counts: Counts,
    html: String,
}

pub fn write(
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    rules: &RuleSet,
) -> io::Result<()> {
    let all: Vec<&Finding> = reports
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Linted { findings, .. } => Some(findings.iter()),
            Outcome::Failed { .. } => None,
        })
        .flatten()
        .collect();
    // Rules in id order: the filter's list and the explanations.
    let rule_ids: Vec<&str> = all
        .iter()
        .map(|f| &*f.rule)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let documented = |id: &str| rules.get(id).is_some();
    let articles: Vec<Article<'_>> = reports
        .iter()
        .enumerate()
        .filter_map(|(i, report)| article(i + 1, report, &documented))
        .collect();
    let failed: Vec<(&str, &str)> = reports
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Failed { message } => Some((r.path.as_str(), message.as_str())),
            Outcome::Linted { .. } => None,
        })
        .collect();

    let mut page = String::new();
    head(&mut page, summary, &all);
    toolbar(&mut page, &all, &rule_ids);
    page.push_str("<main id=\"main\">\n");
    let rows: Vec<FileRow<'_>> = articles
        .iter()
        .map(|a| FileRow {
            path: a.path,
            anchor: a.anchor.clone(),
            words: a.words,
            counts: a.counts,
        })
        .collect();
    overview::section(&mut page, summary, &rows, &all, &failed);
    for article in &articles {
        page.push_str(&article.html);
    }
    let documented_ids: Vec<&str> = rule_ids
        .iter()
        .copied()
        .filter(|id| documented(id))
        .collect();
    if !documented_ids.is_empty() {
        rules::section(&mut page, &documented_ids, rules);
    }
    page.push_str("</main>\n");
    tail(&mut page);
    out.write_all(page.as_bytes())
}

/// The document head, the page title and the summary line.
fn head(page: &mut String, summary: &Summary, all: &[&Finding]) {
    let counts = Counts::of(all.iter().copied());
    let title = format!(
        "healthlint report: {} {}, {} {}",
        summary.files_checked,
        if summary.files_checked == 1 {
            "file"
        } else {
            "files"
        },
        counts.shown(),
        if counts.shown() == 1 {
            "finding"
        } else {
            "findings"
        },
    );
    let _ = write!(
        page,
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="healthlint {version}">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header class="page-head">
<h1>healthlint report</h1>
<p>{title_rest}</p>
</header>
"##,
        csp = assets::content_security_policy(),
        version = env!("CARGO_PKG_VERSION"),
        title = escape(&title),
        style = assets::STYLE,
        title_rest = escape(&summary_line(summary, &counts)),
    );
}

/// `Checked 5 files: 3 errors, 20 warnings, 4 infos; 2 suppressed.`
fn summary_line(summary: &Summary, counts: &Counts) -> String {
    let mut line = format!(
        "Checked {} {}: {} {}, {} {}, {} {}; {} suppressed",
        summary.files_checked,
        if summary.files_checked == 1 {
            "file"
        } else {
            "files"
        },
        counts.error,
        if counts.error == 1 { "error" } else { "errors" },
        counts.warning,
        if counts.warning == 1 {
            "warning"
        } else {
            "warnings"
        },
        counts.info,
        if counts.info == 1 { "info" } else { "infos" },
        counts.suppressed,
    );
    if summary.baselined > 0 {
        let _ = write!(line, ", {} hidden by the baseline", summary.baselined);
    }
    if summary.unreadable > 0 {
        let _ = write!(line, "; {} could not be read", summary.unreadable);
    }
    line.push('.');
    line
}

/// Filters, search and navigation. Hidden until the script runs, since none of it works
/// without the script.
fn toolbar(page: &mut String, all: &[&Finding], rule_ids: &[&str]) {
    let counts = Counts::of(all.iter().copied());
    page.push_str(
        r#"<form id="filters" class="toolbar" role="search" aria-label="Filter findings" hidden>
<fieldset><legend>Severity</legend>"#,
    );
    for severity in SEVERITIES {
        let n = all
            .iter()
            .filter(|f| f.severity == severity && !f.is_suppressed())
            .count();
        let _ = write!(
            page,
            r#"<label><input type="checkbox" name="sev" value="{severity}" checked> <span class="sev" data-sev="{severity}"><span aria-hidden="true">{}</span> {severity}</span> ({n})</label>"#,
            icon(severity),
        );
    }
    page.push_str("</fieldset>\n<fieldset><legend>Category</legend>");
    for category in Category::ALL {
        let n = all.iter().filter(|f| f.category == category).count();
        if n > 0 {
            let _ = write!(
                page,
                r#"<label><input type="checkbox" name="cat" value="{category}" checked> {category} ({n})</label>"#,
            );
        }
    }
    page.push_str(
        r#"</fieldset>
<p class="field"><label for="rule-filter">Rule</label> <select id="rule-filter" name="rule"><option value="">All rules</option>"#,
    );
    for id in rule_ids {
        let n = all.iter().filter(|f| &*f.rule == *id).count();
        let _ = write!(
            page,
            r#"<option value="{id}">{id} ({n})</option>"#,
            id = escape(id)
        );
    }
    let _ = write!(
        page,
        r#"</select></p>
<p class="field"><label for="search">Search findings</label> <input type="search" id="search" name="q" autocomplete="off"></p>
<p class="field"><label><input type="checkbox" id="show-suppressed" name="sup"> Show suppressed findings ({})</label></p>
<p class="field nav"><button type="button" id="prev">Previous finding</button> <button type="button" id="next">Next finding</button> <span class="keys">Keys: <kbd>j</kbd> or <kbd>n</kbd> next, <kbd>k</kbd> or <kbd>p</kbd> previous, <kbd>Esc</kbd> closes</span></p>
<p id="status" role="status"></p>
</form>
"#,
        counts.suppressed
    );
}

/// The article for a linted file: its prose with findings marked, findings outside the visible
/// text, and the full list. `None` for a file that could not be read (the overview lists it).
fn article<'a>(
    index: usize,
    report: &'a FileReport,
    documented: &dyn Fn(&str) -> bool,
) -> Option<Article<'a>> {
    let Outcome::Linted { source, findings } = &report.outcome else {
        return None;
    };
    let anchor = format!("file-{index}");
    let refs: Vec<FindingRef<'_>> = findings
        .iter()
        .enumerate()
        .map(|(n, finding)| FindingRef {
            id: format!("f{index}-{}", n + 1),
            finding,
        })
        .collect();
    let rendered = prose::render(source, &refs, &anchor);
    let located = report.located();
    let statuses = citation::statuses(source, &findings.iter().collect::<Vec<_>>());
    let counts = Counts::of(findings);

    let mut html = String::new();
    let _ = write!(
        html,
        r#"<article class="file" id="{anchor}" aria-labelledby="{anchor}-h">
<header class="file-head"><h2 id="{anchor}-h">{path}</h2>
<p class="file-stats">{words} words · {shown} {findings_word} · {suppressed} suppressed</p></header>
<div class="prose">
{body}</div>
"#,
        path = escape(&report.path),
        words = rendered.words,
        shown = counts.shown(),
        findings_word = if counts.shown() == 1 {
            "finding"
        } else {
            "findings"
        },
        suppressed = counts.suppressed,
        body = rendered.html,
    );
    let outside: Vec<usize> = (0..refs.len()).filter(|&i| !rendered.placed[i]).collect();
    if !outside.is_empty() {
        html.push_str(
            r#"<div class="outside"><p>Flagged in markup that the page does not show as text:</p><ul>"#,
        );
        for &i in &outside {
            let _ = write!(html, "<li>Line {}: ", located[i].start.line);
            highlight::flag(&mut html, &refs[i]);
            html.push_str("<code>");
            highlight::mark(&mut html, &[&refs[i]], &refs[i].finding.text);
            html.push_str("</code></li>");
        }
        html.push_str("</ul></div>\n");
    }
    if !refs.is_empty() {
        let _ = writeln!(
            html,
            r#"<details class="file-findings"><summary>All findings in this file ({})</summary><ol>"#,
            refs.len()
        );
        for (i, f) in refs.iter().enumerate() {
            findings::item(
                &mut html,
                f,
                located[i].start,
                &statuses[i],
                documented(&f.finding.rule),
            );
        }
        html.push_str("</ol></details>\n");
    }
    html.push_str("</article>\n");
    Some(Article {
        path: &report.path,
        anchor,
        words: rendered.words,
        counts,
        html,
    })
}

/// The popover the script fills, the footer and the script.
fn tail(page: &mut String) {
    let _ = write!(
        page,
        r#"<div id="popover" class="popover" role="dialog" aria-labelledby="popover-title" tabindex="-1" hidden>
<div class="pop-head"><p id="popover-title" class="pop-title">Finding</p><button type="button" class="pop-close" aria-label="Close">×</button></div>
<div class="pop-body"></div>
</div>
<footer class="page-foot"><p>Made by healthlint {version}. Each finding names its rule; the rules’ explanations are at the end of the page.</p></footer>
<script>{script}</script>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
        script = assets::SCRIPT,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::report::test_support::{finding, linted};

    fn render(reports: &[FileReport]) -> String {
        let summary = Summary::of(reports, Default::default());
        let rules = RuleSet::compile(std::iter::empty()).expect("an empty rule set compiles");
        let mut out = Vec::new();
        write(&mut out, reports, &summary, &rules).expect("writing to memory");
        String::from_utf8(out).expect("the page is UTF-8")
    }

    #[test]
    fn text_from_files_never_becomes_markup() {
        let text = "# <script>window.pwned = 1</script>\n\nA miracle <img src=x onerror=\"alert(1)\"> cure.\n\n<script>document.title = 'pwned'</script>\n\n[click](javascript:alert(1)) ![x](http://example.org/x.png)\n";
        let page = render(&[linted(
            "docs/<b>evil</b>.md",
            text,
            vec![finding(text, "miracle", "hype/miracle")],
        )]);
        // The page's own script is the only one, and no attribute comes from the file.
        assert_eq!(page.matches("<script").count(), 1, "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<b>evil"), "{page}");
        assert!(!page.contains("javascript:"), "{page}");
        assert!(!page.contains("http://example.org/x.png"), "{page}");
        assert!(page.contains("&lt;script&gt;document.title = &#39;pwned&#39;&lt;/script&gt;"));
        assert!(page.contains("onerror=&quot;alert(1)&quot;"));
    }

    #[test]
    fn findings_are_marked_where_they_are_written() {
        let text = "It is a **miracle** cure, 100% safe.\n";
        let mut safe = finding(text, "100% safe", "absolutes/safe");
        safe.severity = Severity::Error;
        let page = render(&[linted(
            "a.md",
            text,
            vec![finding(text, "miracle** cure", "hype/miracle"), safe],
        )]);
        // A finding across emphasis is marked in two pieces, its flag before the first.
        assert!(page.contains(r#"data-f="f1-1" data-sev="warning" aria-expanded="false" aria-describedby="m-f1-1"><span aria-hidden="true">▲</span><span class="vh">warning (hype)</span></button><mark class="hl" data-f="f1-1" data-sev="warning""#), "{page}");
        assert!(
            page.contains(">miracle</mark></strong><mark class=\"hl\" data-f=\"f1-1\""),
            "{page}"
        );
        assert!(
            page.contains(r#"data-f="f1-2" data-sev="error">100% safe</mark>"#),
            "{page}"
        );
    }
}
