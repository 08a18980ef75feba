//! The scholarly identifiers a document cites, found anywhere in its text: in prose (`doi:…`,
//! `PMID: 123`), in web addresses (`https://doi.org/10.…`, a publisher's
//! `…/doi/full/10.1056/…`, `pubmed.ncbi.nlm.nih.gov/123/`), in reference lists and footnotes.
//! Whether an identifier is well-formed is [`crate::context::citations::identifiers`]' job;
//! this finds the ones worth looking up.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::context::citations::identifiers::trim_value;
use crate::rules::words::starts_ignoring_case;

/// What an identifier names, normalised: DOIs lower-cased, PMCIDs and NCT numbers upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Id {
    Doi(String),
    Pmid(u32),
    /// `PMC` and digits.
    Pmcid(String),
    /// `NCT` and 8 digits.
    Nct(String),
}

impl Id {
    /// How the identifier is written for people: `doi:10.1/x`, `PMID 123`.
    pub fn label(&self) -> String {
        match self {
            Id::Doi(doi) => format!("DOI {doi}"),
            Id::Pmid(pmid) => format!("PMID {pmid}"),
            Id::Pmcid(id) | Id::Nct(id) => id.clone(),
        }
    }

    /// The kind, for grouping and for cache file names.
    pub fn kind(&self) -> &'static str {
        match self {
            Id::Doi(_) => "doi",
            Id::Pmid(_) => "pmid",
            Id::Pmcid(_) => "pmcid",
            Id::Nct(_) => "nct",
        }
    }
}

/// One identifier in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub id: Id,
    /// Where its value is written.
    pub span: Range<usize>,
    /// Whether it is part of a web address (the target of a link) rather than written out.
    pub in_url: bool,
}

/// A DOI's value: registrant, `/`, and a suffix up to white space or markup.
static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b10\.[0-9]{4,9}(?:\.[0-9]+)*/[^\s"<>\[\]{}|\\^`]+"#).expect("valid regex")
});
/// PubMed IDs, labelled or in a PubMed address; PMCIDs; trial numbers.
static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\bpmid:?[ \t]*(?P<pmid>[0-9]{1,8})\b",
        r"|pubmed\.ncbi\.nlm\.nih\.gov/(?P<pubmed>[0-9]{1,8})\b",
        r"|ncbi\.nlm\.nih\.gov/pubmed/(?P<pubmed_old>[0-9]{1,8})\b",
        r"|\bpmcid:?[ \t]*(?:pmc)?(?P<pmcid>[0-9]{1,9})\b|\bPMC(?P<pmc>[0-9]{3,9})\b",
        r"|\b(?P<nct>NCT[0-9]{8})\b",
    ))
    .expect("valid regex")
});

/// Whether `text` may hold one of [`OTHERS`]: each needs "pmid", "pubmed", "pmc" or "nct" and a
/// digit. Compiling that expression costs more than linting most short documents, so a document
/// that names none of them never builds it.
fn may_hold_others(text: &str) -> bool {
    let bytes = text.as_bytes();
    let at = |i: usize, needle: &[u8]| starts_ignoring_case(&bytes[i..], needle);
    (0..bytes.len()).any(|i| match bytes[i] | 0x20 {
        b'p' => at(i, b"pmid") || at(i, b"pmc") || at(i, b"pubmed"),
        b'n' => at(i, b"nct") && bytes.get(i + 3).is_some_and(u8::is_ascii_digit),
        _ => false,
    })
}

/// Every identifier in `text`, in order.
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    if text.contains("10.") {
        for m in DOI.find_iter(text) {
            let value = trim_value(m.as_str());
            let mut value = value.trim_end_matches(['.', ',', ';', ':', '*', '_']);
            let in_url = in_url(text, m.start());
            if in_url {
                value = without_page_suffix(value);
            }
            found.push(Found {
                id: Id::Doi(value.to_lowercase()),
                span: m.start()..m.start() + value.len(),
                in_url,
            });
        }
    }
    if !may_hold_others(text) {
        found.sort_by_key(|f| f.span.start);
        return found;
    }
    for c in OTHERS.captures_iter(text) {
        let (name, value) = ["pmid", "pubmed", "pubmed_old", "pmcid", "pmc", "nct"]
            .into_iter()
            .find_map(|n| c.name(n).map(|m| (n, m)))
            .expect("one group matched");
        let id = match name {
            "pmid" | "pubmed" | "pubmed_old" => match value.as_str().parse() {
                Ok(n) => Id::Pmid(n),
                Err(_) => continue,
            },
            "pmcid" | "pmc" => Id::Pmcid(format!("PMC{}", value.as_str())),
            _ => Id::Nct(value.as_str().to_ascii_uppercase()),
        };
        found.push(Found {
            id,
            span: value.range(),
            in_url: in_url(text, value.start()),
        });
    }
    found.sort_by_key(|f| f.span.start);
    found
}

/// Whether the text at `at` is inside a web address: the run of non-space characters it is in
/// has `://` or `www.` before it.
fn in_url(text: &str, at: usize) -> bool {
    // After the separator, whatever its length (a no-break space is two bytes).
    let token_start = (text[..at].char_indices().rev())
        .find(|&(_, c)| c.is_whitespace() || c == '<')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let before = &text[token_start..at];
    before.contains("://") || before.contains("www.")
}

/// A DOI in a publisher's address without the page it names: `…/10.1111/x.1/full` → `…/x.1`.
fn without_page_suffix(mut doi: &str) -> &str {
    const PAGES: &[&str] = &[
        "full",
        "abstract",
        "abs",
        "pdf",
        "epdf",
        "pdfft",
        "fulltext",
        "full.pdf",
        "html",
        "meta",
        "references",
        "figures",
        "summary",
        "suppl",
        "info",
        "metrics",
    ];
    while let Some((rest, last)) = doi.rsplit_once('/') {
        if rest.contains('/') && PAGES.contains(&last.to_ascii_lowercase().as_str()) {
            doi = rest;
        } else {
            break;
        }
    }
    doi
}

/// The candidate forms of a DOI found in a web address, longest first: a publisher's
/// `…/10.1111/j.1.x/full` or `…/abstract` carries path segments after the DOI itself.
pub fn doi_candidates(doi: &str) -> impl Iterator<Item = &str> {
    let slash = doi.find('/').unwrap_or(doi.len());
    std::iter::once(doi).chain(
        doi.char_indices()
            .rev()
            .filter(move |&(i, c)| c == '/' && i > slash)
            .map(move |(i, _)| &doi[..i]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_documents_naming_an_identifier_need_the_expression() {
        for text in [
            "PMID: 123",
            "see pubmed",
            "PMC123",
            "pmcid",
            "trial NCT01234567",
        ] {
            assert!(may_hold_others(text), "{text}");
        }
        for text in [
            "",
            "A public function of the distinct clinic.",
            "nct trials",
            "10.1000/x",
        ] {
            assert!(!may_hold_others(text), "{text}");
        }
    }

    fn ids(text: &str) -> Vec<(Id, &str, bool)> {
        find(text)
            .into_iter()
            .map(|f| (f.id, &text[f.span], f.in_url))
            .collect()
    }

    #[test]
    fn an_identifier_after_a_multibyte_space_is_found() {
        // Found by the fuzzer: `doi:` right after a no-break space sliced inside it.
        let found = find("![a\u{a0}ldoi:10.1000/182g)");
        assert_eq!(found.len(), 1);
        assert!(!found[0].in_url);
    }

    #[test]
    fn identifiers_in_prose_and_addresses() {
        let text = "See doi:10.1016/S0140-6736(20)30183-5. Also [PMID 123](https://pubmed.ncbi.nlm.nih.gov/456/), \
                    PMC7745181, NCT04368728 and <https://doi.org/10.1056/NEJMoa2034577>.";
        assert_eq!(
            ids(text),
            [
                (
                    Id::Doi("10.1016/s0140-6736(20)30183-5".into()),
                    "10.1016/S0140-6736(20)30183-5",
                    false
                ),
                (Id::Pmid(123), "123", false),
                (Id::Pmid(456), "456", true),
                (Id::Pmcid("PMC7745181".into()), "7745181", false),
                (Id::Nct("NCT04368728".into()), "NCT04368728", false),
                (
                    Id::Doi("10.1056/nejmoa2034577".into()),
                    "10.1056/NEJMoa2034577",
                    true
                ),
            ]
        );
        let link = "[the trial](https://www.nejm.org/doi/full/10.1056/NEJMoa2034577)";
        assert!(ids(link)[0].2);
        let page = "<https://onlinelibrary.wiley.com/doi/10.1111/j.1.x/full>";
        assert_eq!(ids(page)[0].1, "10.1111/j.1.x");
        assert!(ids("Scores of 10.5/10 and PMIDs.").is_empty());
    }

    #[test]
    fn dois_in_addresses_lose_trailing_path_segments() {
        let all: Vec<&str> = doi_candidates("10.1111/j.1365-2125.2009.x/full").collect();
        assert_eq!(
            all,
            [
                "10.1111/j.1365-2125.2009.x/full",
                "10.1111/j.1365-2125.2009.x"
            ]
        );
        assert_eq!(doi_candidates("10.1/a").count(), 1);
    }
}
