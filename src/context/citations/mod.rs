//! Citation attachment: is a claim backed by a source the reader can check?
//!
//! Rules that say `needs-source = true` ("studies show", "40% of adults") are silenced when a
//! citation is attached to the sentence that holds their trigger. This module is the one place
//! that decides it, for every rule alike.
//!
//! # How far "attached" reaches
//!
//! A citation is attached to a sentence when one of the citation forms below is
//!
//! 1. **in the sentence**, or directly after it: markers that follow its full stop
//!    (`…vitamin D.[1]`, `…vitamin D. [^2]`, `…vitamin D. (Smith et al., 2020)`) belong to the
//!    sentence before them;
//! 2. **closing its block** (paragraph, list item, table cell, heading): in the block's last
//!    sentence or at the very end of the block; a citation that closes a paragraph covers every
//!    sentence in it;
//! 3. **on a `Source:` line** (`Source:`, `Sources:`, `Reference:`, `References:` with text after
//!    the colon) inside the block, or starting the block right after it.
//!
//! Nothing further away counts: a citation in another paragraph or list item supports something
//! else, with one exception: a sentence that refers back to a study ("the same study", "this
//! trial", "the researchers") carries the citation of the last study cited before it. A link
//! whose text is the attribution ("[Research has shown](…)") cites the sentence it opens. Citation forms, none of which count inside code:
//!
//! * a **link**: inline `[text](url)`, reference-style `[text][label]` whose label is defined in
//!   the file, autolink `<url>`, bare URL; not in-page anchors (`#…`), images or e-mail addresses;
//! * a **footnote reference** `[^id]` whose definition `[^id]: …` is in the file;
//! * a **numbered marker** `[1]`, `[1, 3]`, `[2–4]`, `(1)`, `(2, 3, 4)`, `(5–7)`, or a superscript
//!   `<sup>1</sup>`, `^1^`, `¹`, `²⁻⁴`, with a reference-list entry for at least one of its
//!   numbers: a `[1]: …` definition, a line starting `[1]` or `¹`, or item 1 of a numbered list
//!   under a References / Sources / Bibliography / Citations / Notes heading;
//! * an **author–year citation**: `(Smith et al., 2020)`, `(Smith & Jones, 2019)`,
//!   `(Smith 2020; Lee 2021)`, `(WHO, 2021)`, `Smith et al. (2020)`;
//! * a **scholarly identifier**: DOI (`10.1234/…`, `doi:…`), PMID, PMCID, NCT number, arXiv id,
//!   ISBN.
//!
//! Whether the source is any *good* is a separate question ([`sources`]): attachment only decides
//! whether the reader has something to check.

pub mod identifiers;
pub mod sources;

use std::ops::Range;
use std::sync::LazyLock;

use regex_automata::meta::Regex;
use regex_automata::util::syntax;

use crate::lean_regex;
use crate::parse::references::{first_url, NumberedMarker, NUMBERS};
use crate::parse::{Block, Link, References};
use crate::rules::words::{ends_ignoring_case, starts_ignoring_case};

/// One thing attached to a claim: where it is in the file and, for a link or a marker whose
/// entry has one, the web address it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    pub span: Range<usize>,
    pub url: Option<String>,
}

/// A name in an author–year citation: `Smith`, `O’Neil`, `García-López`, `WHO`. Latin letters
/// only: the full Unicode letter class made this expression the slowest thing to compile in a
/// run on one file, and citations in English health writing use Latin script.
const NAME: &str = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+";
/// An author that is an organisation: `American College of Rheumatology`, `World Health
/// Organization`.
const ORGANISATION: &str = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+(?:\s+(?:(?:of|for|on|the|and|&)\s+)?[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+)*";
/// A publication year, with an optional letter (`2020a`).
const YEAR: &str = r"(?:1[89]|20)[0-9]{2}[a-z]?";

/// `(Smith et al., 2020)`, `(Smith & Jones, 2019, p. 4)`, `(Smith 2020; Lee 2021)`,
/// `Smith et al. (2020)`.
static AUTHOR_YEAR: LazyLock<Regex> = LazyLock::new(|| lean(&author_year()));

/// The expression of [`AUTHOR_YEAR`], which [`TRAILING`] holds too.
fn author_year() -> String {
    let authors = format!(r"(?:{NAME}(?:\s+et\s+al\.?|\s+(?:and|&)\s+{NAME})?|{ORGANISATION})");
    let one = format!(r"{authors},?\s+{YEAR}(?:,\s*pp?\.\s*[0-9]+(?:[–-][0-9]+)?)?");
    format!(r"\({one}(?:\s*;\s*{one})*\)|{NAME}\s+et\s+al\.?\s+\({YEAR}\)")
}

/// The expressions of this module are lean (see [`lean_regex`]), in Unicode mode: each is
/// compiled for nearly every document with a claim, and searched a few times.
fn lean(expression: &str) -> Regex {
    lean_regex::build(expression, syntax::Config::new())
}

/// Months look like author names in `(March 2020)`.
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What may follow a sentence and still belong to it: white space, punctuation, closing markup,
/// footnote references, numbered markers and author–year citations.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    lean(&format!(
        r#"^(?:\s|[.,;:*_"'”’»]|</?sup>|\[\^[^\]\s]+\]|\[{NUMBERS}\]|\({NUMBERS}\)|\^{NUMBERS}\^|<sup>\s*\[?{NUMBERS}\]?\s*</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]|{})*"#,
        author_year()
    ))
});

/// Compiles now (see [`crate::lint::warm_up`]) the expression every cited claim is read with,
/// and the one for sentences that refer back to a study, unless `text` is known to hold none.
pub fn warm_up(text: Option<&str>) {
    LazyLock::force(&TRAILING);
    if text.is_none_or(may_refer_back) {
        LazyLock::force(&REFERS_BACK);
    }
}

/// Everything attached to sentence `index` of `block` (see the module docs), in file order;
/// empty when the claim is unsourced. `text` is the text the block was parsed from; `sentences`
/// are the block's sentences.
pub fn attached(
    text: &str,
    refs: &References,
    block: &Block,
    sentences: &[Range<usize>],
    index: usize,
) -> Vec<Support> {
    let Some(last) = sentences.len().checked_sub(1) else {
        return Vec::new();
    };
    let reach = |i: usize| {
        let source = block.offsets.range_to_source(sentences[i].clone());
        source.start..extend(text, source.end)
    };
    let closing = reach(last);
    let links_end = block.links.iter().map(|l| l.span.end).max().unwrap_or(0);
    let block_end = closing.end.max(links_end);
    let mut supports = Vec::new();
    if index < last {
        collect(text, refs, block, reach(index), &mut supports);
    }
    collect(text, refs, block, closing.start..block_end, &mut supports);
    let block_start = block.offsets.to_source(0);
    if let Some(line) = refs.source_line_for(text, block_start..block_end) {
        let url = first_url(&text[line.clone()]);
        supports.push(Support { span: line, url });
    }
    if supports.is_empty() {
        let sentence = block.text.get(sentences[index].clone()).unwrap_or_default();
        if may_refer_back(sentence) && REFERS_BACK.is_match(sentence) {
            let start = block.offsets.to_source(sentences[index].start);
            supports.extend(earlier(text, refs, block, block_start..start));
        }
    }
    supports.sort_by_key(|s| (s.span.start, s.span.end));
    supports.dedup_by(|b, a| a.span == b.span);
    supports
}

/// A sentence that refers back to a study named before it: "the same study", "this trial",
/// "these studies", "the researchers".
static REFERS_BACK: LazyLock<Regex> = LazyLock::new(|| {
    lean(concat!(
        r"(?i)\b(?:the\s+same|this|that|these|those|the)\s+",
        r"(?:study|studies|trial|trials|review|reviews|meta-analysis|analysis|survey|paper|report|cohort)\b",
        r"|\bthe\s+(?:researchers|authors|investigators)\b",
    ))
});

/// Whether `text` may hold a match of [`REFERS_BACK`]: a word that ends in one of its
/// determiners before one that starts with one of its nouns, case aside. Most sentences hold
/// none, and compiling the expression was a fiftieth of a run on one article (callgrind). Of
/// the letters of these words, `(?i)` matches only `s` outside ASCII (as `ſ`).
fn may_refer_back(text: &str) -> bool {
    const DETERMINERS: [&str; 6] = ["same", "this", "that", "these", "those", "the"];
    const NOUNS: [&str; 12] = [
        "stud",
        "trial",
        "review",
        "meta-analysis",
        "analysis",
        "survey",
        "paper",
        "report",
        "cohort",
        "researchers",
        "authors",
        "investigators",
    ];
    let mut after_determiner = false;
    text.contains('ſ')
        || text.split_whitespace().map(str::as_bytes).any(|word| {
            let found = after_determiner
                && (NOUNS.iter()).any(|noun| starts_ignoring_case(word, noun.as_bytes()));
            after_determiner = (DETERMINERS.iter()).any(|d| ends_ignoring_case(word, d.as_bytes()));
            found
        })
}

/// The citation of the study a back-referring sentence means: the last one before it in its
/// block (`before` is the block's source up to the sentence), else the nearest resolved marker
/// earlier in the document.
fn earlier(text: &str, refs: &References, block: &Block, before: Range<usize>) -> Option<Support> {
    let mut found = Vec::new();
    collect(text, refs, block, before.clone(), &mut found);
    if let Some(last) = found.into_iter().max_by_key(|s| s.span.start) {
        return Some(last);
    }
    let footnote = (refs.footnote_references_in(0..before.start).iter().rev()).find_map(|l| {
        refs.footnote(&l.id).map(|d| Support {
            span: l.span.clone(),
            url: d.url.clone(),
        })
    });
    let marker = (refs.markers_in(0..before.start).iter().rev()).find_map(|m| resolve(refs, m));
    [footnote, marker]
        .into_iter()
        .flatten()
        .max_by_key(|s| s.span.start)
}

/// The end of a sentence's reach: past the markers that directly follow it, but never past a
/// blank line.
fn extend(text: &str, end: usize) -> usize {
    let rest = text.get(end..).unwrap_or("");
    let taken = TRAILING.find(rest).map_or("", |m| &rest[m.range()]);
    let mut cut = taken.len();
    for (i, _) in taken.match_indices('\n') {
        let after = &taken[i + 1..];
        if after
            .trim_start_matches([' ', '\t', '\r'])
            .starts_with('\n')
        {
            cut = i;
            break;
        }
    }
    end + cut
}

/// The citations in `text[range]`.
fn collect(
    text: &str,
    refs: &References,
    block: &Block,
    range: Range<usize>,
    out: &mut Vec<Support>,
) {
    for link in &block.links {
        // A link whose text is the attribution ("[Research has shown](…)") starts before the
        // words of the sentence it opens.
        if link.span.start < range.end && link.span.end >= range.start {
            if let Some(url) = link_target(text, refs, link) {
                let span = link.span.clone();
                out.push(Support {
                    span,
                    url: Some(url),
                });
            }
        }
    }
    let Some(piece) = text.get(range.clone()) else {
        return;
    };
    let at = |r: Range<usize>| range.start + r.start..range.start + r.end;
    let mut found: Vec<Support> = Vec::new();
    // Markers were found once for the whole document; this looks them up.
    for label in refs.footnote_references_in(range.clone()) {
        if let Some(def) = refs.footnote(&label.id) {
            found.push(Support {
                span: label.span.clone(),
                url: def.url.clone(),
            });
        }
    }
    for marker in refs.markers_in(range.clone()) {
        found.extend(resolve(refs, marker));
    }
    if piece.contains('(') {
        for m in AUTHOR_YEAR.find_iter(piece) {
            let first = piece[m.range()].trim_start_matches('(');
            if !MONTHS.iter().any(|month| first.starts_with(month)) {
                found.push(Support {
                    span: at(m.range()),
                    url: None,
                });
            }
        }
    }
    for span in identifiers::identifiers(piece) {
        found.push(Support {
            span: at(span),
            url: None,
        });
    }
    out.extend(found.into_iter().filter(|s| !refs.in_code(s.span.start)));
}

/// The support a numbered marker gives: its reference-list entry, when there is one.
fn resolve(refs: &References, marker: &NumberedMarker) -> Option<Support> {
    let url = marker.numbers.iter().find_map(|&n| refs.entry(n))?;
    Some(Support {
        span: marker.span.clone(),
        url: url.map(str::to_string),
    })
}

/// Where a link points, if it counts as a citation: a reference-style link through its
/// definition; not images, footnotes (counted by definition), anchors or e-mail addresses.
fn link_target(text: &str, refs: &References, link: &Link) -> Option<String> {
    let raw = text.get(link.span.clone())?;
    if raw.starts_with("[^") || raw.starts_with('!') {
        return None;
    }
    let destination = if raw.starts_with('[') && raw.ends_with(']') {
        refs.link_destination(&link.destination)?
    } else {
        link.destination.as_str()
    };
    let destination = destination.trim();
    let email = destination.starts_with("mailto:")
        || (destination.contains('@') && !destination.contains("://"));
    (!destination.is_empty() && !destination.starts_with('#') && !email)
        .then(|| destination.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{KeepAll, MarkdownParser};

    /// A sentence the test rejects is never searched, so the test must pass every sentence the
    /// expression matches, however its words are cased and spaced.
    #[test]
    fn every_sentence_that_refers_back_passes_the_test() {
        for text in [
            "The same study found it.",
            "In THIS\ttrial, fewer died.",
            "(the researchers said so)",
            "This meta-analysis agrees.",
            "That\u{a0}review was small.",
            "That cohort was older.",
            "The Authors disagree.",
            "the ſtudy",
        ] {
            assert!(REFERS_BACK.is_match(text), "{text:?} is no example");
            assert!(may_refer_back(text), "{text:?}");
        }
        assert!(!may_refer_back("Sequence analysis finds the mutation."));
    }

    /// The attached citations of the sentence holding `needle`, as written in `text`.
    fn attached_to(text: &str, needle: &str) -> Vec<String> {
        let doc = MarkdownParser::new().parse(text, &KeepAll);
        let refs = References::scan(text, true);
        for block in &doc.blocks {
            let sentences = crate::sentences::split(&block.text);
            if let Some(i) = sentences
                .iter()
                .position(|s| block.text[s.clone()].contains(needle))
            {
                return attached(text, &refs, block, &sentences, i)
                    .into_iter()
                    .map(|s| text[s.span].to_string())
                    .collect();
            }
        }
        panic!("no sentence holds {needle:?}");
    }

    #[test]
    fn markers_after_the_full_stop_belong_to_the_sentence() {
        let text = "Claim one.[^1] Claim two. Claim three.\n\n[^1]: Smith 2020.\n";
        assert_eq!(attached_to(text, "one"), ["[^1]"]);
        assert!(attached_to(text, "two").is_empty());
        let text = "Claim one. (Smith et al., 2020) Claim two. End.\n";
        assert_eq!(attached_to(text, "one"), ["(Smith et al., 2020)"]);
        assert!(attached_to(text, "End").is_empty());
    }

    #[test]
    fn reach_stops_at_a_blank_line() {
        assert_eq!(extend("x. [1]\n\n[2] y", 2), 6);
        assert_eq!(extend("x.\n[1] y", 2), 7);
        assert_eq!(extend("x. Next", 2), 3);
    }

    #[test]
    fn the_closing_sentence_covers_the_block() {
        let text = "Claim one. Claim two [NIH](https://nih.gov).\n\nOther block.\n";
        assert_eq!(attached_to(text, "one"), ["[NIH](https://nih.gov)"]);
        assert!(attached_to(text, "Other").is_empty());
    }

    #[test]
    fn links_that_are_not_sources() {
        let text =
            "A [x](#top), [y](mailto:a@b.org), <a@b.org>, ![i](https://x.org/i.png), [z][none].\n";
        assert!(attached_to(text, "A").is_empty());
        let text = "A [z][def] and https://x.org/a.\n\n[def]: https://nejm.org\n";
        assert_eq!(attached_to(text, "A"), ["[z][def]", "https://x.org/a"]);
    }

    #[test]
    fn nothing_in_code_counts() {
        assert!(attached_to("Claim `(Smith et al., 2020)` here.\n", "Claim").is_empty());
    }
}
