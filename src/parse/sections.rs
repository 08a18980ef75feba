//! Sections that warn: under a heading such as "Red flags", "Myths and facts" or "Claims to be
//! wary of", the phrases a page lists ("Miracle cures", "No side effects") are named so that the
//! reader can spot them, not claimed. A section reaches from its heading to the next heading of
//! the same or a higher level, across every block in between.

use serde::Serialize;

/// What kind of section a block sits in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    #[default]
    Normal,
    /// A warning or myth-busting section: claims listed here are mentioned, not made.
    Warning,
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

/// The kind of section a heading with this text opens.
pub fn kind_of_heading(text: &str) -> SectionKind {
    let lower = text.to_lowercase();
    let at_word_start = |i: usize| {
        lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let warns = WARNING_HEADINGS
        .iter()
        .any(|phrase| lower.match_indices(phrase).any(|(i, _)| at_word_start(i)));
    if warns {
        SectionKind::Warning
    } else {
        SectionKind::Normal
    }
}

/// The open sections at the current point of a document walk.
#[derive(Debug, Default)]
pub struct Sections {
    /// Heading level and kind of each open section, outermost first.
    open: Vec<(u8, SectionKind)>,
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
            SectionKind::Normal => kind_of_heading(text),
        };
        self.open.push((level, kind));
    }

    /// The kind of section the next block sits in.
    pub fn current(&self) -> SectionKind {
        self.open.last().map_or(SectionKind::Normal, |(_, k)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for h in ["Treatment", "Symptoms", "Unfaked results", "Fraudulently"] {
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
