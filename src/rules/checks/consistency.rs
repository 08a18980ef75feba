//! Does a claim agree with its own citation? The year the text gives a study against the year
//! of the citation attached to it; the journal the text names against the publisher of the
//! cited DOI (or the journal site linked); and a PubMed, PMC or ClinicalTrials.gov link against
//! the identifier written beside it.

use std::sync::LazyLock;

use regex::Regex;

use super::{CheckHit, CheckInput, Cited};
use crate::factcheck::ids::{self, Id};
use crate::factcheck::journals;
use crate::parse::references::marker_numbers;

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:1[89]|20)[0-9][0-9]\b").expect("valid regex"));
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\b(?:https?://|www\.)[^\s<>"')\]]+"#).expect("valid regex"));

/// "a 2019 study" whose citation is from another year. Within a year counts as agreeing: a
/// paper is often online a year before its issue.
pub fn year(c: &Cited) -> Option<String> {
    let claimed: i32 = YEAR.find(c.trigger)?.as_str().parse().ok()?;
    let mut cited: Vec<i32> = Vec::new();
    for text in cited_texts(c) {
        let prose = URL.replace_all(text, " ");
        cited.extend(
            YEAR.find_iter(&prose)
                .filter_map(|m| m.as_str().parse::<i32>().ok()),
        );
    }
    if cited.is_empty() || cited.iter().any(|y| (y - claimed).abs() <= 1) {
        return None;
    }
    cited.sort_unstable();
    cited.dedup();
    let years: Vec<String> = cited.iter().map(i32::to_string).collect();
    Some(format!(
        "the text dates this study {claimed}, but the citation attached to it is from {}",
        years.join(" or ")
    ))
}

/// "published in JAMA" whose cited DOI has another publisher's prefix, or whose link goes to
/// another journal's site.
pub fn journal(c: &Cited) -> Option<String> {
    let journal = journals::named_in(c.trigger)?;
    let mut conflict: Option<String> = None;
    for text in cited_texts(c) {
        for found in ids::find(text) {
            let Id::Doi(doi) = found.id else { continue };
            if journal.publishes_doi(&doi) {
                return None;
            }
            let prefix = journals::prefix(&doi);
            let holder = journals::holder(prefix)
                .map(|h| format!("belongs to {h}"))
                .unwrap_or_else(|| "is another publisher's".to_string());
            conflict.get_or_insert(format!(
                "the text names {}, but the cited DOI {doi} is not one of its papers: the prefix \
                 {prefix} {holder}, while {}'s DOIs start {}",
                journal.name,
                journal.name,
                journal.prefixes.join(" or ")
            ));
        }
        for url in URL.find_iter(text) {
            let Some(site) = host(url.as_str()).and_then(journals::by_host) else {
                continue;
            };
            if std::ptr::eq(site, journal) {
                return None;
            }
            conflict.get_or_insert(format!(
                "the text names {}, but the citation links to {}'s site",
                journal.name, site.name
            ));
        }
    }
    conflict
}

/// The texts a claim's citations stand for: each citation as written, plus the footnote
/// definition or reference-list entry a marker points to, plus its web address.
fn cited_texts<'a>(c: &Cited<'a>) -> Vec<&'a str> {
    let mut texts = Vec::new();
    for support in c.supports {
        // An identifier's span covers only enough of it to recognise it (`doi:1`): read on
        // to the end of the word.
        let end = c
            .text
            .get(support.span.end..)
            .map_or(support.span.end, |rest| {
                support.span.end + rest.find(char::is_whitespace).unwrap_or(rest.len())
            });
        let Some(written) = c.text.get(support.span.start..end) else {
            continue;
        };
        texts.push(written);
        if let Some(url) = &support.url {
            if !written.contains(url.as_str()) {
                // The link's target lives elsewhere (a definition): search it too.
                if let Some(at) = c.text.find(url.as_str()) {
                    texts.push(&c.text[at..at + url.len()]);
                }
            }
        }
        let marker = c.text.get(support.span.clone()).unwrap_or("");
        if let Some(id) = marker.strip_prefix("[^").and_then(|w| w.strip_suffix(']')) {
            if let Some(def) = c.references.footnote(id) {
                texts.push(line_from(c.text, def.label.span.start));
            }
        } else if let Some(inside) = marker.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
            for n in marker_numbers(inside) {
                if let Some(line) = c.references.entry_line(n) {
                    texts.push(&c.text[line]);
                }
            }
        }
    }
    texts
}

/// The rest of the line from `start`.
fn line_from(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    rest.split('\n').next().unwrap_or(rest)
}

fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    Some(host.strip_prefix("www.").unwrap_or(host))
}

/// A PubMed, PMC or ClinicalTrials.gov link whose identifier is not the one written beside it
/// (on the same line): one of the two was copied from another source.
pub fn link_id(input: &CheckInput) -> Vec<CheckHit> {
    let found: Vec<&ids::Found> = (input.identifiers().iter())
        .filter(|f| !matches!(f.id, Id::Doi(_)) && !input.references.in_code(f.span.start))
        .collect();
    let line_of = |at: usize| input.text[..at].matches('\n').count();
    let mut hits = Vec::new();
    for link in found.iter().filter(|f| f.in_url) {
        let line = line_of(link.span.start);
        let nearest = found
            .iter()
            .filter(|w| !w.in_url && w.id.kind() == link.id.kind() && line_of(w.span.start) == line)
            .min_by_key(|w| w.span.start.abs_diff(link.span.start));
        if let Some(written) = nearest.filter(|w| w.id != link.id) {
            hits.push(CheckHit {
                span: link.span.clone(),
                message: Some(format!(
                    "the link goes to {}, but the identifier written beside it is {}",
                    link.id.label(),
                    written.id.label()
                )),
            });
        }
    }
    hits
}
