//! Checks that ask the registries (only with `--online`): identifiers that do not exist, and
//! link texts or reference entries that name another paper than the record's title.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{CheckHit, CheckInput};
use crate::factcheck::ids::{Found, Id};
use crate::online::{Lookup, Record};

/// The identifiers of the document (outside code) with the registries' answers; nothing
/// offline.
fn answers(input: &CheckInput) -> Option<(Vec<Found>, HashMap<Id, Lookup>)> {
    let online = input.facts.online.as_ref()?;
    let found: Vec<Found> = (input.identifiers().iter())
        .filter(|f| !input.references.in_code(f.span.start))
        .cloned()
        .collect();
    if found.is_empty() {
        return None;
    }
    let ids: Vec<Id> = found.iter().map(|f| f.id.clone()).collect();
    let answers = online.lookup_all(&ids);
    Some((found, answers))
}

fn registry(id: &Id) -> &'static str {
    match id {
        Id::Doi(_) => "doi.org",
        Id::Pmid(_) => "PubMed",
        Id::Pmcid(_) => "PubMed Central",
        Id::Nct(_) => "ClinicalTrials.gov",
    }
}

/// Identifiers their registry has no record of.
pub fn unresolvable(input: &CheckInput) -> Vec<CheckHit> {
    let Some((found, answers)) = answers(input) else {
        return Vec::new();
    };
    found
        .into_iter()
        .filter(|f| answers.get(&f.id) == Some(&Lookup::Missing))
        .map(|f| CheckHit {
            message: Some(format!(
                "{} does not exist: {} has no record of it",
                f.id.label(),
                registry(&f.id)
            )),
            span: f.span,
        })
        .collect()
}

/// `[text](url)` around a position: the link's text when the position is in its target.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]+)\]\(<?([^\s>]*)").expect("valid regex"));
/// A reference entry's start: a footnote definition, `[n]`, `n.` or `n)`.
static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*+]\s+)?(?:\[\^[^\]]+\]:|\[[0-9]{1,3}\]:?|[0-9]{1,3}[.)])\s")
        .expect("valid regex")
});

/// Link texts and reference entries that do not match the cited record's title.
pub fn title_mismatch(input: &CheckInput) -> Vec<CheckHit> {
    let Some((found, answers)) = answers(input) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for f in found {
        let Some(Lookup::Found(record)) = answers.get(&f.id) else {
            continue;
        };
        let Some(title) = &record.title else { continue };
        let line_start = input.text[..f.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = input.text[f.span.start..]
            .find('\n')
            .map_or(input.text.len(), |i| f.span.start + i);
        let line = &input.text[line_start..line_end];
        let at = f.span.start - line_start;
        let link_text = LINK
            .captures_iter(line)
            .find(|c| c.get(2).is_some_and(|d| d.start() <= at && at <= d.end()))
            .map(|c| c.get(1).map_or("", |m| m.as_str()));
        let mismatch = match link_text {
            Some(text) if f.in_url => {
                let written = words(text);
                written.len() >= 4 && best(record, |t| shared(&words(t), &written)) < 0.4
            }
            _ if ENTRY.is_match(line) => {
                let entry = words(line);
                entry.len() >= 6 && best(record, |t| shared(&words(t), &entry)) < 0.4
            }
            _ => false,
        };
        if mismatch {
            let what = if link_text.is_some() && f.in_url {
                "the link text"
            } else {
                "the reference"
            };
            hits.push(CheckHit {
                message: Some(format!(
                    "{what} does not match the title {} records for {}: “{title}”",
                    match f.id {
                        Id::Doi(_) => "Crossref",
                        _ => registry(&f.id),
                    },
                    f.id.label()
                )),
                span: f.span,
            });
        }
    }
    hits
}

/// The best score of any of the record's titles.
fn best(record: &Record, score: impl Fn(&str) -> f64) -> f64 {
    record
        .title
        .iter()
        .chain(&record.other_titles)
        .map(|t| score(t))
        .fold(0.0, f64::max)
}

/// The share of the smaller set's words found in the other.
fn shared(title: &[String], text: &[String]) -> f64 {
    let (small, large) = if title.len() <= text.len() {
        (title, text)
    } else {
        (text, title)
    };
    if small.is_empty() {
        return 1.0;
    }
    let common = small.iter().filter(|w| large.contains(w)).count();
    common as f64 / small.len() as f64
}

/// Words that carry a title's meaning: lower-cased, three letters or more, not function words,
/// outside web addresses.
fn words(text: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "the", "and", "for", "with", "from", "into", "that", "this", "are", "was", "were", "its",
        "their", "our", "not", "but", "than", "among", "after", "before", "during", "versus",
        "http", "https", "www", "doi", "org", "pmid", "pmcid",
    ];
    let mut out: Vec<String> = text
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.starts_with("www."))
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}
