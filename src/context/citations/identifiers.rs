//! Scholarly identifiers: what one looks like (any of them attaches a citation to a claim) and
//! whether a labelled one is well-formed (the `structure/malformed-identifier` check).
//!
//! Only *labelled* identifiers are validated (`doi:`, `https://doi.org/…`, `PMID:`, `PMCID:`,
//! `ISBN`, and `NCT` numbers, whose prefix is the label): an unlabelled `10.5/10` is a score, not a
//! broken DOI, and a linter that cries wolf gets switched off.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use regex::{Captures, Regex};
use regex_automata::meta;

use crate::rules::words::contains_ignoring_case;

/// Any identifier, well-formed or not, for citation attachment (lean: searched in every cited
/// claim's reach, compiled for nearly every document with a claim).
static IDENTIFIER: LazyLock<meta::Regex> = LazyLock::new(|| {
    super::lean(concat!(
        r"(?i)\b10\.[0-9]{4,9}/\S|\bdoi:\s*\S|\bpmid:?\s*[0-9]|\bpmcid:?\s*(?:pmc)?[0-9]|\bPMC[0-9]{3,}",
        r"|\bnct[0-9]{8}\b|\barxiv:\s*\S|\bisbn(?:-?1[03])?:?\s*[0-9]",
    ))
});

/// Characters an identifier's value may hold: not white space, not markup around it.
macro_rules! value {
    () => {
        r#"[^\s<>"\[\]]"#
    };
}

/// A labelled identifier; the named group says which kind and holds its value.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:",
        r"doi:[ \t]*(?P<doi>",
        value!(),
        r"*)|doi[ \t]+(?P<doi_spaced>10\.",
        value!(),
        r"*)|https?://(?:dx\.)?doi\.org/(?P<doi_url>",
        value!(),
        r"*)|pmid:[ \t]*(?P<pmid>",
        value!(),
        r"*)|pmid[ \t]*(?P<pmid_bare>[0-9]",
        value!(),
        r"*)|pmcid:[ \t]*(?P<pmcid>",
        value!(),
        r"*)|pmcid[ \t]+(?P<pmcid_bare>(?:pmc)?[0-9]",
        value!(),
        r"*)|(?P<nct>nct[0-9]+)\b",
        r"|isbn(?:-?1[03])?:?[ \t]*(?P<isbn>[0-9][0-9-]{7,}[0-9xX])",
        r")",
    ))
    .expect("valid regex")
});

/// Well-formed DOI: `10.`, a registrant of 4–9 digits (with optional `.sub` parts), `/`, suffix.
static DOI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+$").expect("valid regex"));

/// Spans of identifiers in `text`, for attachment.
pub fn identifiers(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    // Most cited claims hold no identifier; a literal scan spares them compiling `IDENTIFIER`,
    // which was a seventieth of a run on one article (callgrind).
    (may_hold_identifier(text)
        .then(|| IDENTIFIER.find_iter(text))
        .into_iter())
    .flatten()
    .map(|m| m.range())
}

/// Whether `text` may hold a match of `IDENTIFIER`: every match holds `10.` or a label
/// (`doi:`, `pmid`, `pmc`, `nct`, `arxiv:`, `isbn`), case aside. The only letters of the labels
/// that `(?i)` matches outside ASCII are the `s` of `isbn`, which it matches as `ſ`, and `k`,
/// which none has.
fn may_hold_identifier(text: &str) -> bool {
    text.contains('ſ')
        || (["10.", "doi:", "pmid", "pmc", "nct", "arxiv:", "isbn"].iter())
            .any(|literal| contains_ignoring_case(text.as_bytes(), literal.as_bytes()))
}

/// Every labelled identifier in `text` that is malformed: its span and what is wrong.
pub fn malformed(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    // Most documents have no identifier at all; a literal scan spares them compiling `LABELLED`.
    may_be_labelled(text)
        .then(|| LABELLED.captures_iter(text))
        .into_iter()
        .flatten()
        .filter_map(|c| check(&c))
}

/// Every label `LABELLED` needs, one of which any match contains.
static LABELS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["doi", "pmid", "pmcid", "nct", "isbn"])
        .expect("literal labels")
});

/// Whether `text` may hold a match of `LABELLED`: every match has a label that starts a word
/// and is not followed by a letter (`doi:`, `doi.org`, `PMID 123`, `NCT0123`, `ISBN-13`).
/// "doing", "distinct" and "function" hold a label too, and compiling `LABELLED` cost more
/// than the rest of linting a short article that had one of them (callgrind).
fn may_be_labelled(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    // A label that overlaps the one before it follows a letter, so none is missed.
    LABELS.find_iter(text).any(|m| {
        let before = m.start().checked_sub(1).and_then(|i| bytes.get(i));
        !before.is_some_and(is_word) && !bytes.get(m.end()).is_some_and(u8::is_ascii_alphabetic)
    })
}

fn check(c: &Captures) -> Option<(Range<usize>, String)> {
    let (group, value) = ["doi", "doi_spaced", "doi_url", "pmid", "pmid_bare", "pmcid"]
        .into_iter()
        .chain(["pmcid_bare", "nct", "isbn"])
        .find_map(|g| c.name(g).map(|m| (g, m)))?;
    let v = trim_value(value.as_str());
    let whole = c.get(0)?;
    let span = whole.start()..value.start() + v.len();
    let problem = match group {
        "doi" | "doi_spaced" | "doi_url" => (!is_doi(v)).then(|| {
            format!(
                "DOI `{v}` is malformed: a DOI is `10.`, a registrant code of 4–9 digits, `/` \
                 and a suffix"
            )
        }),
        "pmid" | "pmid_bare" => {
            (!is_pmid(v)).then(|| format!("PMID `{v}` is malformed: a PubMed ID is 1 to 8 digits"))
        }
        "pmcid" | "pmcid_bare" => (!is_pmcid(v)).then(|| {
            format!("PMCID `{v}` is malformed: a PubMed Central ID is `PMC` followed by digits")
        }),
        "nct" => (!is_nct(v)).then(|| {
            format!(
                "trial number `{v}` is malformed: a ClinicalTrials.gov number is `NCT` and \
                 exactly 8 digits"
            )
        }),
        _ => isbn_problem(v).map(|p| format!("ISBN `{v}` {p}")),
    };
    problem.map(|message| (span, message))
}

/// Drops sentence punctuation after a value, and a closing bracket it did not open.
pub fn trim_value(value: &str) -> &str {
    let mut v = value.trim_end_matches(['.', ',', ';', ':', '\'', '!', '?']);
    while v.ends_with(')') && v.matches('(').count() < v.matches(')').count() {
        v = v[..v.len() - 1].trim_end_matches(['.', ',', ';', ':']);
    }
    v
}

pub fn is_doi(value: &str) -> bool {
    DOI.is_match(value)
}

pub fn is_pmid(value: &str) -> bool {
    (1..=8).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit())
}

pub fn is_pmcid(value: &str) -> bool {
    let digits = value.get(3..).unwrap_or("");
    value
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("pmc"))
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

pub fn is_nct(value: &str) -> bool {
    let digits = value.get(3..).unwrap_or("");
    value
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("nct"))
        && digits.len() == 8
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// What is wrong with an ISBN (hyphens allowed), or `None` when its check digit is right.
pub fn isbn_problem(value: &str) -> Option<&'static str> {
    let digits: Vec<u32> = value
        .chars()
        .filter(|&c| c != '-')
        .map(|c| match c {
            'x' | 'X' => 10,
            c => c.to_digit(10).unwrap_or(99),
        })
        .collect();
    let x_misplaced = digits[..digits.len().saturating_sub(1)].contains(&10);
    let valid = match digits.len() {
        _ if x_misplaced || digits.contains(&99) => false,
        10 => {
            let sum: u32 = digits.iter().zip((1..=10).rev()).map(|(d, w)| d * w).sum();
            sum.is_multiple_of(11)
        }
        13 if digits[12] < 10 => {
            let sum: u32 = digits
                .iter()
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
                .sum();
            sum.is_multiple_of(10)
        }
        13 => false,
        _ => return Some("is malformed: an ISBN has 10 or 13 digits"),
    };
    (!valid).then_some("fails its check digit: it is mistyped")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        malformed(text)
            .map(|(span, _)| text[span].to_string())
            .collect()
    }

    #[test]
    fn only_a_label_that_can_start_a_match_compiles_the_expression() {
        assert!(!may_be_labelled(
            "Doing distinct functions, undoing the ISBNs"
        ));
        for text in [
            "doi:10.1/x",
            "DOI 10.1000/1",
            "https://dx.doi.org/10.1/x",
            "PMID 123",
            "pmid123",
            "pmcid: PMC1",
            "NCT01234567",
            "ISBN-13 978-0-00",
            "ISBN 0-00-000000-0",
        ] {
            assert!(may_be_labelled(text), "{text}");
        }
        for text in [
            "doi:",
            "doing",
            "x NCT1",
            "(pmid: 12)",
            "doisbn 978-0-00-000000-0",
        ] {
            assert!(may_be_labelled(text) || !LABELLED.is_match(text), "{text}");
        }
    }

    #[test]
    fn dois() {
        assert!(is_doi("10.1000/182"));
        assert!(is_doi("10.1016/S0140-6736(20)30183-5"));
        assert!(is_doi("10.1000.10/abc"));
        assert!(!is_doi("10.12/abc"), "registrant too short");
        assert!(!is_doi("10.1234/"), "empty suffix");
        assert!(!is_doi("11.1234/x"));
        assert!(problems("See doi:10.1016/S0140-6736(20)30183-5.").is_empty());
        assert!(problems("(https://doi.org/10.1056/NEJMoa2034577)").is_empty());
        assert_eq!(problems("See doi: 10.12/abc."), ["doi: 10.12/abc"]);
        assert_eq!(
            problems("at https://doi.org/10.1056 today"),
            ["https://doi.org/10.1056"]
        );
        assert!(
            problems("She scored 10.5/10 and the DOI system is new.").is_empty(),
            "unlabelled and unprefixed"
        );
    }

    #[test]
    fn pubmed_ids() {
        assert!(is_pmid("1") && is_pmid("33301246"));
        assert!(!is_pmid("123456789") && !is_pmid("12a") && !is_pmid(""));
        assert!(is_pmcid("PMC7745181") && is_pmcid("pmc1"));
        assert!(!is_pmcid("PMC") && !is_pmcid("7745181") && !is_pmcid("PMC77a"));
        assert!(problems("PMID: 33301246; PMCID: PMC7745181.").is_empty());
        assert_eq!(problems("PMID: 333012461."), ["PMID: 333012461"]);
        assert_eq!(problems("PMCID: 7745181"), ["PMCID: 7745181"]);
        assert!(problems("Search PMIDs and PMID numbers.").is_empty());
    }

    #[test]
    fn trial_numbers() {
        assert!(is_nct("NCT04368728"));
        assert!(!is_nct("NCT0436872") && !is_nct("NCT043687281"));
        assert_eq!(problems("trial NCT0436872 ran"), ["NCT0436872"]);
        assert!(problems("trial NCT04368728 ran").is_empty());
    }

    #[test]
    fn isbn_checksums() {
        assert_eq!(isbn_problem("0-306-40615-2"), None);
        assert_eq!(isbn_problem("978-0-306-40615-7"), None);
        assert_eq!(isbn_problem("080442957X"), None);
        assert!(isbn_problem("0-306-40615-3").is_some());
        assert!(isbn_problem("978-0-306-40615-8").is_some());
        assert!(isbn_problem("97803064061").is_some());
        assert!(isbn_problem("0X06406152").is_some());
        assert_eq!(
            problems("ISBN 978-0-306-40615-8."),
            ["ISBN 978-0-306-40615-8"]
        );
        assert!(problems("ISBN-13: 978-0-306-40615-7").is_empty());
    }

    #[test]
    fn recognises_identifiers_for_attachment() {
        for text in [
            "doi:10.1000/1",
            "10.1056/NEJMoa2034577",
            "PMID 123",
            "PMC7745181",
            "NCT04368728",
            "arXiv:2101.00001",
            "Pmcid: pmc123",
            "ISBN 0-306",
            "iſbn 0-306",
        ] {
            assert_eq!(identifiers(text).count(), 1, "{text}");
        }
        assert_eq!(identifiers("about 10.5 per cent, NCT trial").count(), 0);
    }
}
