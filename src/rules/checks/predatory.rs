//! Citations of journals and publishers on the Stop Predatory Journals lists (2017): a web
//! address under a listed site, or a listed journal's name written out. Hijacked journals are
//! matched by address only: their name is the real journal's.

use std::sync::LazyLock;

use regex::Regex;

use super::{CheckHit, CheckInput};
use crate::factcheck::manifest;
use crate::factcheck::predatory::{self, List};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|www\.)[^\s<>"'()\[\]]+"#).expect("valid regex")
});

pub fn listed(input: &CheckInput) -> Vec<CheckHit> {
    let year = manifest::get().predatory.date.get(..4).unwrap_or("2017");
    let mut hits = Vec::new();
    for m in URL.find_iter(input.text) {
        if input.references.in_code(m.start()) {
            continue;
        }
        if let Some(entry) = predatory::by_url(m.as_str()) {
            let message = match entry.list {
                List::Hijacked => format!(
                    "this address is listed as a hijacked copy of the journal “{}” (Stop \
                     Predatory Journals, {year})",
                    entry.name
                ),
                List::Publishers => format!(
                    "this address belongs to a publisher on the Stop Predatory Journals list \
                     of possibly predatory publishers ({year}): “{}”",
                    entry.name
                ),
                List::Journals => format!(
                    "this address belongs to a journal on the Stop Predatory Journals list of \
                     possibly predatory journals ({year}): “{}”",
                    entry.name
                ),
            };
            hits.push(CheckHit {
                span: m.range(),
                message: Some(message),
            });
        }
    }
    for (span, entry) in predatory::names_in(input.text) {
        if input.references.in_code(span.start) || hits.iter().any(|h| h.span.contains(&span.start))
        {
            continue;
        }
        let kind = match entry.list {
            List::Publishers => "publishers",
            _ => "journals",
        };
        hits.push(CheckHit {
            span,
            message: Some(format!(
                "“{}” is on the Stop Predatory Journals list of possibly predatory {kind} ({year})",
                entry.name
            )),
        });
    }
    hits.sort_by_key(|h| h.span.start);
    hits
}
