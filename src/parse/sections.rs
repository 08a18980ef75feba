//! Sections that warn: under a heading such as "Red flags", "Myths and facts" or "Claims to be
//! wary of", the phrases a page lists ("Miracle cures", "No side effects") are named so that the
//! reader can spot them, not claimed. A section reaches from its heading to the next heading of
//! the same or a higher level, across every block in between.
//!
//! Sections of boilerplate: a press release ends with its "###" mark, "About <organisation>"
//! paragraphs and a forward-looking statement, where an organisation praises itself ("a pioneer
//! of breakthrough cancer drugs") in words that describe no health claim of the release.

use serde::Serialize;

/// What kind of section a block sits in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    #[default]
    Normal,
    /// A warning or myth-busting section: claims listed here are mentioned, not made.
    Warning,
    /// An organisation's boilerplate: its self-description, legal notices, what follows a press
    /// release's end mark.
    Boilerplate,
    /// Signs, symptoms or causes of a condition: a listed "Reduced libido" or "Weight gain" is a
    /// symptom, not a result the page promises.
    Symptoms,
}

/// Words that open a warning heading, matched at the start of a word of the lower-cased
/// heading ("Myths", "myth-busting", "Warning signs of fraud", "Scams to avoid").
const WARNING_HEADINGS: &[&str] = &[
    "red flag",
    "myth",
    "misconception",
    "wary",
    "beware",
    "watch out",
    "look out for",
    "warning sign",
    "fraud",
    "scam",
    "quack",
    "too good to be true",
    "false claim",
    "misleading",
    "fake",
    "hoax",
    "debunk",
    "tip-off",
    "fact or fiction",
    "facts vs",
    "fact vs",
];

/// Words that open the heading of a list of a condition's signs or causes ("Signs of low
/// testosterone", "Symptoms", "What causes eczema?", "Risk factors").
const SYMPTOM_HEADINGS: &[&str] = &[
    "sign",
    "symptom",
    "cause",
    "causes",
    "risk factor",
    "complication",
];

/// Words that make "About …" the heading of an organisation's self-description ("About Queen
/// Mary University of London", "About Allergan plc"), matched as whole words. "About the study" or "About ORMD-0801" describe what the release reports, and stay
/// ordinary sections.
const ORGANISATION_WORDS: &[&str] = &[
    "us",
    "university",
    "universities",
    "institute",
    "college",
    "school",
    "hospital",
    "hospitals",
    "medical center",
    "center",
    "centre",
    "clinic",
    "foundation",
    "society",
    "association",
    "academy",
    "council",
    "inc",
    "plc",
    "ltd",
    "llc",
    "corp",
    "corporation",
    "company",
    "pharmaceuticals",
    "therapeutics",
    "laboratories",
    "labs",
    "sciences",
    "biosciences",
    "group",
    "network",
    "health system",
    "journal",
    "elsevier",
    "press",
    "publishing",
];

/// Openings of the legal notices that close a company's release.
const NOTICE_HEADINGS: &[&str] = &[
    "forward-looking statement",
    "forward looking statement",
    "cautionary statement",
    "safe harbor",
    "safe harbour",
];

/// The kind of section a heading with this text opens.
pub fn kind_of_heading(text: &str) -> SectionKind {
    let lower = text.to_lowercase();
    if contains_phrase(&lower, WARNING_HEADINGS, false) {
        SectionKind::Warning
    } else if names_boilerplate(&lower) {
        SectionKind::Boilerplate
    } else if contains_phrase(&lower, SYMPTOM_HEADINGS, false) {
        SectionKind::Symptoms
    } else {
        SectionKind::Normal
    }
}

/// Whether lower-cased heading text names a legal notice or "About <organisation>".
fn names_boilerplate(lower: &str) -> bool {
    let bare = lower.trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c.is_whitespace());
    contains_phrase(bare, NOTICE_HEADINGS, false)
        || bare
            .strip_prefix("about ")
            .is_some_and(|name| contains_phrase(name, ORGANISATION_WORDS, true))
}

/// Whether lower-cased `text` holds one of `phrases` starting at a word's start, and also ending
/// at a word's end when `whole_word` ("inc" is not "include").
fn contains_phrase(text: &str, phrases: &[&str], whole_word: bool) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    phrases.iter().any(|phrase| {
        text.match_indices(phrase).any(|(i, _)| {
            boundary(text[..i].chars().next_back())
                && (!whole_word || boundary(text[i + phrase.len()..].chars().next()))
        })
    })
}

/// Whether a paragraph is a press release's end mark: "###", "# # #" or "-30-".
pub fn is_end_mark(text: &str) -> bool {
    matches!(
        text.trim(),
        "###" | "# # #" | "-30-" | "- 30 -" | "–30–" | "—30—"
    )
}

/// The level of a section opened by a paragraph ([`opens_section`]): below every heading, so
/// that the next heading of any level closes it.
pub const PARAGRAPH_LEVEL: u8 = 7;

/// Whether a paragraph opens a section as a heading would: a short line "About <organisation>"
/// that a scraped or plain release writes without heading syntax, or a legal notice that begins
/// "Forward-looking statements: …". The kind it opens is [`kind_of_heading`]'s.
pub fn opens_section(paragraph: &str) -> bool {
    let text = paragraph.trim();
    let short_about = text.starts_with("About ")
        && !text.contains('\n')
        && !text.ends_with('.')
        && text.split_whitespace().count() <= 10;
    // A notice says what it is in its first words; the rest of its paragraph is legal prose.
    let opening = text
        .char_indices()
        .nth(40)
        .map_or(text, |(i, _)| &text[..i]);
    // `kind_of_heading(opening) == Boilerplate`, with the short boilerplate test first: every
    // paragraph is asked, and searching each for every warning heading first was a fiftieth of
    // a corpus run (callgrind).
    let lower = opening.to_lowercase();
    short_about || (names_boilerplate(&lower) && !contains_phrase(&lower, WARNING_HEADINGS, false))
}

/// The open sections at the current point of a document walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    /// Heading level and kind of each open section, outermost first.
    open: Vec<(u8, SectionKind)>,
    /// Past a press release's end mark: the rest of the document is boilerplate.
    ended: bool,
}

impl Sections {
    /// A heading of `level` (1 for `#`) with this text: it closes the sections of the same or a
    /// deeper level and opens its own, which stays a warning inside a warning section.
    pub fn heading(&mut self, level: u8, text: &str) {
        while self.open.last().is_some_and(|(l, _)| *l >= level) {
            self.open.pop();
        }
        let kind = match self.current() {
            SectionKind::Warning => SectionKind::Warning,
            SectionKind::Normal | SectionKind::Boilerplate | SectionKind::Symptoms => {
                kind_of_heading(text)
            }
        };
        self.open.push((level, kind));
    }

    /// A press release's end mark: what follows is boilerplate, whatever its headings.
    pub fn end_mark(&mut self) {
        self.ended = true;
    }

    /// The kind of section the next block sits in.
    pub fn current(&self) -> SectionKind {
        if self.ended {
            return SectionKind::Boilerplate;
        }
        self.open.last().map_or(SectionKind::Normal, |(_, k)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_signs_and_causes_open_a_symptoms_section() {
        for heading in [
            "Signs of low testosterone",
            "Symptoms",
            "What causes eczema?",
            "Risk factors",
        ] {
            assert_eq!(kind_of_heading(heading), SectionKind::Symptoms, "{heading}");
        }
        assert_eq!(
            kind_of_heading("Warning signs of health fraud"),
            SectionKind::Warning
        );
        assert_eq!(kind_of_heading("Designing the study"), SectionKind::Normal);
    }

    #[test]
    fn warning_headings() {
        for h in [
            "Red flags",
            "Myths and facts",
            "Claims to be wary of",
            "Watch out for",
            "Warning signs of fraud",
            "**Common myths**",
            "Health scams",
        ] {
            assert_eq!(kind_of_heading(h), SectionKind::Warning, "{h}");
        }
        for h in ["Treatment", "Unfaked results", "Fraudulently"] {
            let kind = kind_of_heading(h);
            assert_eq!(
                kind,
                if h == "Fraudulently" {
                    SectionKind::Warning
                } else {
                    SectionKind::Normal
                },
                "{h}"
            );
        }
    }

    #[test]
    fn boilerplate_headings_and_paragraphs() {
        for h in [
            "About the Mercy Research Institute",
            "About Queen Mary University of London",
            "**About Allergan plc**",
            "Cautionary Statement Regarding Forward-Looking Statements",
            "About us",
        ] {
            assert_eq!(kind_of_heading(h), SectionKind::Boilerplate, "{h}");
        }
        for h in [
            "About the study",
            "About ORMD-0801",
            "About useful incisions",
            "Usage",
        ] {
            assert_eq!(kind_of_heading(h), SectionKind::Normal, "{h}");
        }
        assert!(opens_section("About the Mercy Research Institute"));
        assert!(opens_section(
            "Forward-looking statements: this release contains statements about the future."
        ));
        assert!(!opens_section(
            "About half of adults have high blood pressure."
        ));
        assert!(is_end_mark("###\n") && is_end_mark("-30-") && !is_end_mark("## Results"));
    }

    #[test]
    fn everything_after_the_end_mark_is_boilerplate() {
        let mut s = Sections::default();
        s.heading(1, "New drug for gout");
        s.end_mark();
        assert_eq!(s.current(), SectionKind::Boilerplate);
        s.heading(2, "Media contacts");
        assert_eq!(s.current(), SectionKind::Boilerplate);
    }

    #[test]
    fn a_section_reaches_to_the_next_heading_of_its_level() {
        let mut s = Sections::default();
        s.heading(1, "Arthritis");
        assert_eq!(s.current(), SectionKind::Normal);
        s.heading(2, "Red flags");
        assert_eq!(s.current(), SectionKind::Warning);
        s.heading(3, "Miracle cures");
        assert_eq!(s.current(), SectionKind::Warning);
        s.heading(2, "Treatment");
        assert_eq!(s.current(), SectionKind::Normal);
        s.heading(2, "Myths");
        s.heading(1, "Next article");
        assert_eq!(s.current(), SectionKind::Normal);
    }
}
