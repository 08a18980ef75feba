//! Who publishes what: major medical journals with their DOI prefixes and web hosts (the
//! hand-written `data/journals.toml`), and the holders of the largest DOI prefixes
//! (`data/doi-prefixes.tsv`, from Crossref's depositor list) to name the publisher of a DOI
//! that belongs to none of them.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// A journal, or a family of journals sharing a publisher and a DOI prefix.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    /// How messages name it.
    pub name: String,
    pub publisher: String,
    /// Names as written in text, matched case-sensitively as whole words.
    names: Vec<String>,
    /// Whether a longer name starting with one of `names` belongs to the family.
    #[serde(default)]
    family: bool,
    pub prefixes: Vec<String>,
    hosts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    journal: Vec<Journal>,
}

static JOURNALS: LazyLock<Vec<Journal>> = LazyLock::new(|| {
    toml::from_str::<Table>(include_str!("../../data/journals.toml"))
        .expect("data/journals.toml is valid (checked by a unit test)")
        .journal
});

static HOLDERS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../../data/doi-prefixes.tsv")
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .collect()
});

/// Every journal of the table.
pub fn all() -> &'static [Journal] {
    &JOURNALS
}

/// The journal a phrase names ("published in the New England Journal of Medicine", "a JAMA
/// Pediatrics study"): the first name of the table found in it as whole words, the longest of
/// those starting there. A name that is not a family's must end the run of capitalised words
/// it starts, so "Science" does not name "Science Daily".
pub fn named_in(phrase: &str) -> Option<&'static Journal> {
    let mut best: Option<(usize, usize, &Journal)> = None;
    for journal in all() {
        for name in &journal.names {
            let found = phrase.match_indices(name.as_str()).find(|&(at, _)| {
                let before = phrase[..at].chars().next_back();
                let after = &phrase[at + name.len()..];
                let next_word = after.strip_prefix(' ').unwrap_or("");
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.chars().next().is_none_or(|c| !c.is_alphanumeric())
                    && (journal.family || !next_word.starts_with(|c: char| c.is_uppercase()))
            });
            if let Some((at, _)) = found {
                let better = best
                    .is_none_or(|(start, len, _)| at < start || (at == start && name.len() > len));
                if better {
                    best = Some((at, name.len(), journal));
                }
            }
        }
    }
    best.map(|(_, _, j)| j)
}

impl Journal {
    /// Whether a DOI could be one of this journal's papers.
    pub fn publishes_doi(&self, doi: &str) -> bool {
        let prefix = prefix(doi);
        self.prefixes.iter().any(|p| p == prefix)
    }

    /// Whether a host name is this journal's site.
    pub fn owns_host(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| {
            host == h
                || host
                    .strip_suffix(h.as_str())
                    .is_some_and(|s| s.ends_with('.'))
        })
    }
}

/// The journal whose site `host` is, if it is one of the table's.
pub fn by_host(host: &str) -> Option<&'static Journal> {
    all().iter().find(|j| j.owns_host(host))
}

/// A DOI's registrant prefix: `10.1056` of `10.1056/nejmoa2034577`.
pub fn prefix(doi: &str) -> &str {
    doi.split('/').next().unwrap_or(doi)
}

/// Who a DOI prefix belongs to, in words, when known: the Crossref depositor list first, then
/// the journal table.
pub fn holder(prefix: &str) -> Option<&'static str> {
    HOLDERS.get(prefix).copied().or_else(|| {
        all()
            .iter()
            .find(|j| j.prefixes.iter().any(|p| p == prefix))
            .map(|j| j.publisher.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_and_prefixes_are_dois() {
        assert!(all().len() >= 20);
        for j in all() {
            assert!(!j.names.is_empty() && !j.prefixes.is_empty(), "{}", j.name);
            for p in &j.prefixes {
                assert!(
                    crate::context::citations::identifiers::is_doi(&format!("{p}/x")),
                    "{p}"
                );
            }
        }
        assert_eq!(
            holder("10.1056"),
            Some("The New England Journal of Medicine")
        );
        assert_eq!(
            holder("10.15585"),
            Some("US Centers for Disease Control and Prevention")
        );
        assert_eq!(holder("10.99999"), None);
    }

    #[test]
    fn names_in_phrases() {
        let name = |p| named_in(p).map(|j| j.name.as_str());
        assert_eq!(name("published in JAMA"), Some("JAMA"));
        assert_eq!(name("a JAMA Pediatrics study"), Some("JAMA"));
        assert_eq!(
            name("published in the New England Journal of Medicine"),
            Some("NEJM")
        );
        assert_eq!(name("a Lancet study"), Some("The Lancet"));
        assert_eq!(name("published in The Lancet Oncology"), Some("The Lancet"));
        assert_eq!(name("published in Science"), Some("Science"));
        assert_eq!(name("published in Science Daily"), None);
        assert_eq!(name("a Harvard study"), None);
        assert_eq!(name("published in JAMAICA Today"), None);
    }

    #[test]
    fn dois_and_hosts() {
        let jama = named_in("JAMA").unwrap();
        assert!(jama.publishes_doi("10.1001/jama.2020.1"));
        assert!(!jama.publishes_doi("10.1056/nejmoa2034577"));
        assert!(jama.owns_host("jamanetwork.com"));
        assert!(jama.owns_host("www.jamanetwork.com"));
        assert!(!jama.owns_host("notjamanetwork.com"));
        assert_eq!(
            by_host("www.nejm.org").map(|j| j.name.as_str()),
            Some("NEJM")
        );
    }
}
