//! The top of the page: totals, findings by category and severity, the files ranked by
//! findings per 1,000 words, and a bar chart (inline SVG) of findings by rule.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::escape::escape;
use super::highlight::icon;
use crate::diagnostic::{Category, Finding, Severity};
use crate::report::Summary;

/// Severities in the order tables list them.
pub const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Findings of one file or category, by severity (suppressed ones apart).
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub suppressed: usize,
}

impl Counts {
    pub fn of<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Counts {
        let mut counts = Counts::default();
        for f in findings {
            counts.add(f);
        }
        counts
    }

    fn add(&mut self, f: &Finding) {
        if f.is_suppressed() {
            self.suppressed += 1;
            return;
        }
        match f.severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    /// Findings that are not suppressed.
    pub fn shown(&self) -> usize {
        self.error + self.warning + self.info
    }

    fn get(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// One linted file, as the overview lists it.
pub struct FileRow<'a> {
    pub path: &'a str,
    /// The `id` of the file's article.
    pub anchor: String,
    pub words: usize,
    pub counts: Counts,
}

impl FileRow<'_> {
    /// Findings per 1,000 words; `None` for a file with no prose.
    fn density(&self) -> Option<f64> {
        (self.words > 0).then(|| self.counts.shown() as f64 * 1000.0 / self.words as f64)
    }
}

/// The overview section. `failed` lists files that could not be read, with why.
pub fn section(
    out: &mut String,
    summary: &Summary,
    files: &[FileRow<'_>],
    findings: &[&Finding],
    failed: &[(&str, &str)],
) {
    let all = Counts::of(findings.iter().copied());
    out.push_str(
        r#"<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>
<ul class="totals">"#,
    );
    let _ = write!(
        out,
        "<li><strong>{}</strong> {} checked</li><li><strong>{}</strong> {}</li>",
        summary.files_checked,
        plural(summary.files_checked, "file", "files"),
        all.shown(),
        plural(all.shown(), "finding", "findings"),
    );
    for severity in SEVERITIES {
        let _ = write!(
            out,
            r#"<li class="sev" data-sev="{severity}"><span aria-hidden="true">{}</span> <strong>{}</strong> {}</li>"#,
            icon(severity),
            all.get(severity),
            severity_word(severity, all.get(severity)),
        );
    }
    let _ = write!(
        out,
        "<li><strong>{}</strong> suppressed in the files</li>",
        all.suppressed
    );
    if summary.baselined > 0 {
        let _ = write!(
            out,
            "<li><strong>{}</strong> hidden by the baseline</li>",
            summary.baselined
        );
    }
    if summary.unreadable > 0 {
        let _ = write!(
            out,
            r##"<li><a href="#unreadable"><strong>{}</strong> {} could not be read</a></li>"##,
            summary.unreadable,
            plural(summary.unreadable, "file", "files"),
        );
    }
    out.push_str("</ul>\n");
    by_category(out, findings);
    file_table(out, files);
    rule_chart(out, findings);
    if !failed.is_empty() {
        out.push_str(r#"<h3 id="unreadable">Files that could not be read</h3><ul>"#);
        for (path, message) in failed {
            let _ = write!(
                out,
                "<li><code>{}</code>: {}</li>",
                escape(path),
                escape(message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn severity_word(severity: Severity, n: usize) -> &'static str {
    match severity {
        Severity::Error => plural(n, "error", "errors"),
        Severity::Warning => plural(n, "warning", "warnings"),
        Severity::Info => plural(n, "info", "infos"),
    }
}

/// Column headings naming the severities, with their icons.
fn severity_headings(out: &mut String) {
    for severity in SEVERITIES {
        let _ = write!(
            out,
            r#"<th scope="col" class="num"><span aria-hidden="true">{}</span> {}</th>"#,
            icon(severity),
            capitalised_plural(severity)
        );
    }
}

fn capitalised_plural(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Infos",
    }
}

/// A table that may be wider than a phone: it scrolls sideways in its own focusable region.
fn table_open(out: &mut String, label: &str) {
    let _ = write!(
        out,
        r#"<div class="table-wrap" role="region" aria-label="{label}" tabindex="0"><table>"#
    );
}

fn by_category(out: &mut String, findings: &[&Finding]) {
    out.push_str(r#"<h3 id="by-category">Findings by category and severity</h3>"#);
    table_open(out, "Findings by category and severity");
    out.push_str(r#"<thead><tr><th scope="col">Category</th>"#);
    severity_headings(out);
    out.push_str(
        r#"<th scope="col" class="num">Total</th><th scope="col" class="num">Suppressed</th></tr></thead><tbody>"#,
    );
    for category in Category::ALL {
        let counts = Counts::of(findings.iter().copied().filter(|f| f.category == category));
        if counts.shown() + counts.suppressed == 0 {
            continue;
        }
        let _ = write!(out, r#"<tr><th scope="row">{category}</th>"#);
        counts_cells(out, &counts);
        out.push_str("</tr>\n");
    }
    out.push_str(r#"</tbody><tfoot><tr><th scope="row">All</th>"#);
    counts_cells(out, &Counts::of(findings.iter().copied()));
    out.push_str("</tr></tfoot></table></div>\n");
}

fn counts_cells(out: &mut String, counts: &Counts) {
    for severity in SEVERITIES {
        let _ = write!(out, r#"<td class="num">{}</td>"#, counts.get(severity));
    }
    let _ = write!(
        out,
        r#"<td class="num">{}</td><td class="num">{}</td>"#,
        counts.shown(),
        counts.suppressed
    );
}

/// Files from the most findings per 1,000 words to the fewest; files without prose last; ties
/// by path, so the order is stable.
fn file_table(out: &mut String, files: &[FileRow<'_>]) {
    let mut ranked: Vec<&FileRow<'_>> = files.iter().collect();
    ranked.sort_by(|a, b| {
        let density = |r: &FileRow<'_>| r.density().unwrap_or(-1.0);
        density(b)
            .total_cmp(&density(a))
            .then(b.counts.shown().cmp(&a.counts.shown()))
            .then(a.path.cmp(b.path))
    });
    out.push_str(r#"<h3 id="by-file">Files by findings per 1,000 words</h3>"#);
    table_open(out, "Files by findings per 1,000 words");
    out.push_str(
        r#"<thead><tr><th scope="col">File</th><th scope="col" class="num">Words</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Per 1,000 words</th>"#,
    );
    severity_headings(out);
    out.push_str(r#"<th scope="col" class="num">Suppressed</th></tr></thead><tbody>"#);
    for row in ranked {
        let density = row
            .density()
            .map_or_else(|| "–".to_string(), |d| format!("{d:.1}"));
        let _ = write!(
            out,
            r##"<tr><th scope="row"><a href="#{}">{}</a></th><td class="num">{}</td><td class="num">{}</td><td class="num">{density}</td>"##,
            row.anchor,
            escape(row.path),
            thousands(row.words),
            row.counts.shown(),
        );
        for severity in SEVERITIES {
            let _ = write!(out, r#"<td class="num">{}</td>"#, row.counts.get(severity));
        }
        let _ = writeln!(
            out,
            r#"<td class="num">{}</td></tr>"#,
            row.counts.suppressed
        );
    }
    out.push_str("</tbody></table></div>\n");
}

/// `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Geometry of the rule chart, in SVG user units.
const CHART_WIDTH: usize = 640;
const ROW: usize = 40;
const BAR_MAX: usize = 560;

/// A horizontal bar per rule with findings (suppressed ones not counted), most first. Each
/// label sits above its bar so long rule ids never need cutting. The `desc` carries the same
/// numbers for screen readers.
fn rule_chart(out: &mut String, findings: &[&Finding]) {
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings.iter().filter(|f| !f.is_suppressed()) {
        *by_rule.entry(&f.rule).or_default() += 1;
    }
    out.push_str(r#"<h3 id="by-rule">Findings by rule</h3>"#);
    if by_rule.is_empty() {
        out.push_str("<p>No findings.</p>\n");
        return;
    }
    let mut bars: Vec<(&str, usize)> = by_rule.into_iter().collect();
    bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let most = bars[0].1;
    let height = bars.len() * ROW + 8;
    let described: Vec<String> = bars.iter().map(|(id, n)| format!("{id}: {n}")).collect();
    let _ = write!(
        out,
        r#"<div class="chart" role="region" aria-label="Chart of findings by rule" tabindex="0"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" height="{height}" role="img" aria-labelledby="chart-title chart-desc"><title id="chart-title">Findings by rule</title><desc id="chart-desc">{}</desc>"#,
        escape(&described.join("; "))
    );
    for (row, (id, n)) in bars.iter().enumerate() {
        let y = row * ROW;
        let width = (n * BAR_MAX).div_ceil(most).max(2);
        let _ = write!(
            out,
            r##"<text x="0" y="{}" class="label">{}</text><rect x="0" y="{}" width="{width}" height="14" rx="2" class="bar"/><text x="{}" y="{}" class="count">{n}</text>"##,
            y + 15,
            escape(id),
            y + 21,
            width + 6,
            y + 33,
        );
    }
    out.push_str("</svg></div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
