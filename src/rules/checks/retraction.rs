//! Cited papers that were retracted, or are the subject of an expression of concern: from the
//! compiled-in Retraction Watch data, a newer Retraction Watch CSV named in config (which also
//! covers PubMed IDs and gives dates and reasons), and, online, the notices Crossref and PubMed
//! link to the paper. Every cited DOI counts: in prose, in a link (doi.org or a publisher's
//! address containing it), in a footnote or a reference list.

use std::collections::HashMap;

use super::{CheckHit, CheckInput};
use crate::factcheck::ids::{self, Found, Id};
use crate::factcheck::retractions::Nature;
use crate::online::Lookup;

/// Retracted papers.
pub fn retracted(input: &CheckInput) -> Vec<CheckHit> {
    flagged(input, false)
}

/// Papers with an expression of concern.
pub fn concern(input: &CheckInput) -> Vec<CheckHit> {
    flagged(input, true)
}

fn flagged(input: &CheckInput, concern: bool) -> Vec<CheckHit> {
    let found: Vec<Found> = (input.identifiers().iter())
        .filter(|f| matches!(f.id, Id::Doi(_) | Id::Pmid(_)))
        .filter(|f| !input.references.in_code(f.span.start))
        .cloned()
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let online: HashMap<Id, Lookup> = match &input.facts.online {
        Some(online) => online.lookup_all(&found.iter().map(|f| f.id.clone()).collect::<Vec<_>>()),
        None => HashMap::new(),
    };
    let mut hits = Vec::new();
    for f in found {
        let offline = match &f.id {
            Id::Doi(doi) => ids::doi_candidates(doi).find_map(|d| input.facts.doi_status(d)),
            Id::Pmid(pmid) => input.facts.pmid_status(*pmid),
            _ => None,
        };
        let message = match offline {
            Some(notice) => ((notice.nature == Nature::Concern) == concern)
                .then(|| notice.describe(&format!("the cited paper {}", f.id.label()))),
            None => registry_notice(online.get(&f.id), concern, &f.id),
        };
        if let Some(message) = message {
            hits.push(CheckHit {
                span: f.span,
                message: Some(message),
            });
        }
    }
    hits
}

/// The message for a notice a registry links to the paper, if it is of the kind asked for.
fn registry_notice(lookup: Option<&Lookup>, concern: bool, id: &Id) -> Option<String> {
    let Some(Lookup::Found(record)) = lookup else {
        return None;
    };
    let update = record.update.as_ref().filter(|u| u.concern == concern)?;
    let what = if concern {
        "is the subject of an expression of concern"
    } else {
        "was retracted"
    };
    let notice = update
        .notice
        .as_ref()
        .map(|n| format!(": notice {n}"))
        .unwrap_or_default();
    Some(format!(
        "the cited paper {} {what} ({} records it{notice})",
        id.label(),
        update.registry
    ))
}
