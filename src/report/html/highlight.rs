//! Marks flagged phrases in rendered text.
//!
//! The renderer hands over each piece of visible text with the byte range of the file it came
//! from. The piece is cut at every finding's start and end; each cut covered by findings becomes
//! a `<mark>` naming them, and the first cut of each finding is preceded by its flag: a button
//! with a severity icon, which the page's script opens and navigates to. Findings overlap
//! freely (marks never nest). A finding whose bytes never show as text (a footnote label, a
//! link destination) is left unplaced, for the caller to list beside the article.

use std::fmt::Write;
use std::ops::Range;

use super::escape::escape;
use super::FindingRef;
use crate::diagnostic::Severity;

/// Places one file's findings on the text the renderer writes.
pub struct Highlighter<'a> {
    text: &'a str,
    findings: &'a [FindingRef<'a>],
    /// Indices into `findings`, by start offset.
    by_start: Vec<usize>,
    /// The longest span, which bounds how far back a finding overlapping a range can start.
    longest: usize,
    placed: Vec<bool>,
}

impl<'a> Highlighter<'a> {
    pub fn new(text: &'a str, findings: &'a [FindingRef<'a>]) -> Self {
        let mut by_start: Vec<usize> = (0..findings.len()).collect();
        by_start.sort_by_key(|&i| (findings[i].finding.span.start, i));
        Highlighter {
            text,
            findings,
            by_start,
            longest: findings
                .iter()
                .map(|f| f.finding.span.len())
                .max()
                .unwrap_or(0),
            placed: vec![false; findings.len()],
        }
    }

    /// Writes `shown`, the text the reader sees for bytes `range` of the file, escaped and with
    /// marks on flagged parts. When `shown` is not the file's bytes verbatim (an entity such as
    /// `&amp;`), the piece is marked as a whole.
    pub fn text(&mut self, out: &mut String, range: Range<usize>, shown: &str) {
        let hits = self.overlapping(&range);
        if hits.is_empty() {
            let _ = write!(out, "{}", escape(shown));
            return;
        }
        if self.text.get(range.clone()) != Some(shown) {
            self.piece(out, shown, &hits);
            return;
        }
        let mut cuts: Vec<usize> = vec![range.start, range.end];
        for &i in &hits {
            let span = &self.findings[i].finding.span;
            cuts.extend(
                [span.start, span.end]
                    .into_iter()
                    .filter(|c| range.contains(c)),
            );
        }
        cuts.sort_unstable();
        cuts.dedup();
        for cut in cuts.windows(2) {
            let (start, end) = (cut[0], cut[1]);
            let Some(piece) = self.text.get(start..end) else {
                continue;
            };
            let covering: Vec<usize> = hits
                .iter()
                .copied()
                .filter(|&i| {
                    let span = &self.findings[i].finding.span;
                    span.start < end && start < span.end
                })
                .collect();
            self.piece(out, piece, &covering);
        }
    }

    /// The file's bytes in `range`, when it is a valid range of the text.
    pub fn source(&self, range: Range<usize>) -> Option<&'a str> {
        self.text.get(range)
    }

    /// Whether a finding overlaps `range`: its text then carries a flag, a button, which must
    /// not sit inside a link.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        !self.overlapping(range).is_empty()
    }

    /// Which findings were placed on visible text, by index.
    pub fn into_placed(self) -> Vec<bool> {
        self.placed
    }

    /// Findings overlapping `range`, in start order.
    fn overlapping(&self, range: &Range<usize>) -> Vec<usize> {
        let from = range.start.saturating_sub(self.longest);
        let first = self
            .by_start
            .partition_point(|&i| self.findings[i].finding.span.start < from);
        self.by_start[first..]
            .iter()
            .copied()
            .take_while(|&i| self.findings[i].finding.span.start < range.end)
            .filter(|&i| {
                let span = &self.findings[i].finding.span;
                span.end > range.start && span.start < span.end
            })
            .collect()
    }

    /// One piece of text covered by `covering` (possibly none): flags for findings starting
    /// here, then the mark.
    fn piece(&mut self, out: &mut String, piece: &str, covering: &[usize]) {
        if covering.is_empty() {
            let _ = write!(out, "{}", escape(piece));
            return;
        }
        for &i in covering {
            if !std::mem::replace(&mut self.placed[i], true) {
                flag(out, &self.findings[i]);
            }
        }
        let covering: Vec<&FindingRef<'_>> = covering.iter().map(|&i| &self.findings[i]).collect();
        mark(out, &covering, piece);
    }
}

/// `piece` of text under a mark naming the findings that cover it. The page's script gives it
/// a tooltip with the messages of those the filters show.
pub fn mark(out: &mut String, covering: &[&FindingRef<'_>], piece: &str) {
    let ids: Vec<&str> = covering.iter().map(|f| f.id.as_str()).collect();
    let _ = write!(
        out,
        r#"<mark class="hl" data-f="{}" data-sev="{}">{}</mark>"#,
        ids.join(" "),
        shown_severity(covering.iter().copied()),
        escape(piece)
    );
}

/// The severity a mark shows before any filter is touched: the highest among its unsuppressed
/// findings, or `none` when all are suppressed (hidden until those are shown). The script
/// recomputes it as filters change.
fn shown_severity<'f>(findings: impl Iterator<Item = &'f FindingRef<'f>>) -> &'static str {
    findings
        .filter(|f| !f.finding.is_suppressed())
        .map(|f| f.finding.severity)
        .max()
        .map_or("none", Severity::as_str)
}

/// The button in front of a finding's first marked piece. Its name says the severity and
/// category in words (the icon is decoration), and it is described by the finding's message.
pub fn flag(out: &mut String, f: &FindingRef<'_>) {
    let finding = f.finding;
    let suppressed = finding.is_suppressed();
    let _ = write!(
        out,
        r#"<button type="button" class="flag" data-f="{id}" data-sev="{sev}"{sup} aria-expanded="false" aria-describedby="m-{id}"><span aria-hidden="true">{icon}</span><span class="vh">{label}</span></button>"#,
        id = f.id,
        sev = finding.severity,
        sup = if suppressed {
            r#" data-sup="" hidden"#
        } else {
            ""
        },
        icon = if suppressed {
            "⊘"
        } else {
            icon(finding.severity)
        },
        label = escape(&format!(
            "{}{} ({})",
            if suppressed { "suppressed " } else { "" },
            finding.severity,
            finding.category
        )),
    );
}

/// The severity icon, which tells severities apart without colour.
pub fn icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "●",
    }
}
