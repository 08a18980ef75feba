//! Sentence splitting for real health writing.
//!
//! Input is one prose block (a paragraph, a heading, a list item) with the
//! markup already removed. Output is a list of byte ranges into that block, one
//! per sentence, each trimmed of surrounding white space.
//!
//! # How it works
//!
//! The splitter makes a single forward pass over the bytes. Only a handful of
//! bytes are interesting (`.`, `!`, `?`, the first byte of `…`, and line
//! breaks); everything else is skipped with one comparison. At a terminator it
//! looks a short, bounded distance backwards (the word before) and forwards (the
//! word after) to decide whether this is a real boundary. Nothing is allocated
//! besides the output `Vec`, and no regular expressions are involved: the linter
//! runs this over every block of every file, so it has to stay cheap on
//! megabytes of text.
//!
//! # Rules
//!
//! * A run of `.`, `!`, `?` or `…`, optionally followed by closing quotes or
//!   brackets (`" ' ” ’ » ) ] }`), then white space, then a sentence start
//!   (an uppercase or caseless letter, a digit, an opening quote or bracket, a
//!   bullet dash, or a lowercase-then-uppercase word such as `mRNA`) is a
//!   boundary, unless the word before a single `.` says otherwise:
//!   * hard abbreviations (`e.g.`, `i.e.`, `Dr.`, `vs.`, `Fig.`, `approx.`, …)
//!     never end a sentence;
//!   * page/number markers (`No.`, `p.`, `Ch.`, …) do not when a digit follows;
//!   * abbreviations that often *do* end a sentence (`et al.`, `Inc.`, `Jr.`,
//!     `mg.`, and dotted acronyms such as `U.S.`, `a.m.`, `Ph.D.`) end one only
//!     when the next word is a common sentence opener (`The`, `It`, `In`, …);
//!   * a single capital letter (`J. Smith`, `A. B. Jones`) is an initial, unless
//!     the next word is a common opener or the letter names a variant: after a
//!     lowercase word (`vitamin D.`, `type B.`, but not `by J.`), after an
//!     acronym (`MPS I.`) or ending a list of letters (`A, B, and E.`);
//!   * a short number opening the sentence (`1. Wash your hands.`) is an
//!     enumerator.
//! * Numbers (`2.5`, `0.05`, `1.5–2.0`, `10.0.0.1`) never split: there is no
//!   white space after their dots.
//! * Scraped text often lacks the space after a terminator
//!   (`duties.According`, `effective!The`, `arthritis?Yes`). That is a boundary
//!   when at least two lowercase letters precede the terminator, the next word
//!   is capitalised (uppercase then lowercase), the word before is not a known
//!   abbreviation, and neither side looks like a domain, path or address
//!   (`NIH.gov`, `report.PDF`, `e.g.Something`, `U.S.A` do not split).
//! * Colons and semicolons never end a sentence.
//! * A single line break is ordinary white space; two or more (a blank line)
//!   always end a sentence.
//!
//! # Known limits
//!
//! * `etc.` followed by a capitalised word always ends the sentence, even before
//!   a proper noun.
//! * A capital letter after a capitalised word is taken for a middle initial, so
//!   citation author lists (`Fischer A. Allogeneic bone marrow …`) and
//!   `Fragile X. People …` do not split; a genus abbreviation followed by a
//!   capitalised species (`H. Pylori`) after a lowercase word does.
//! * A sentence that starts with a lowercase word (other than `mRNA`-style
//!   words) is not recognised after a terminator.
//! * Glued boundaries after digits or uppercase letters (`in 2019.The`,
//!   `MSCs.The`) are not split.
//! * CJK full-width terminators are not treated as boundaries.
//! * A sentence longer than [`MAX_SENTENCE`] bytes is cut into pieces after a
//!   clause mark or at white space, so a run-on text stays cheap to judge.

use std::ops::Range;

/// Longest word (in chars) the splitter looks at around a terminator. Keeps the
/// look-behind and look-ahead bounded so pathological input (a megabyte with no
/// spaces and many dots) stays linear.
const MAX_WORD: usize = 24;

/// Longest sentence, in bytes, judged as one. Past it a "sentence" (a run-on list, a minified
/// page, a line with no punctuation) is judged in clause-sized pieces: every stage after the
/// splitter (context, claims, citations, the human report's excerpts) works within a sentence,
/// so this cap is what keeps them all linear in the size of a file. Real sentences, even in
/// legal and scientific prose, stay far below it.
pub const MAX_SENTENCE: usize = 2_000;

/// Abbreviations that never end a sentence, compared ignoring ASCII case.
const HARD_CI: &[&str] = &[
    "e.g", "i.e", "vs", "cf", "approx", "resp", "fig", "figs", "eq", "eqs", "ref", "refs", "viz",
    "esp", "incl", "pp", "vol", "vols", "ibid",
];

/// Abbreviations that never end a sentence, compared exactly (their other
/// spellings are real words or acronyms: `DR` is diabetic retinopathy, `MS`
/// multiple sclerosis, `Ca` calcium, `CA` California).
const HARD_CS: &[&str] = &[
    "Dr", "Drs", "Mr", "Mrs", "Ms", "Messrs", "Prof", "St", "Mt", "Ft", "ca", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Markers that do not end a sentence when a number follows (`No. 5`, `p. 12`).
const BEFORE_NUMBER_CI: &[&str] = &["no", "nos", "p", "ch", "sec", "art", "para", "n"];

/// Abbreviations that frequently end a sentence too. They end one only when
/// the next word is a common sentence opener (see [`STARTERS`]).
const CONDITIONAL_CI: &[&str] = &[
    "al", "inc", "ltd", "corp", "jr", "sr", "mg", "bros", "dept", "univ",
];

/// Case-sensitive conditional abbreviations (`co.` is rare; `CO` is carbon
/// monoxide).
const CONDITIONAL_CS: &[&str] = &["Co"];

/// Words that almost always open a sentence rather than continue a name or a
/// title. Used to decide whether an ambiguous abbreviation or initial ends one.
const STARTERS: &[&str] = &[
    "A",
    "About",
    "Additionally",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "Any",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "Can",
    "Do",
    "Does",
    "Each",
    "Even",
    "Finally",
    "For",
    "Further",
    "Furthermore",
    "He",
    "Hence",
    "Her",
    "His",
    "How",
    "However",
    "If",
    "In",
    "Is",
    "It",
    "Its",
    "Many",
    "More",
    "Moreover",
    "Most",
    "Now",
    "Of",
    "On",
    "One",
    "Only",
    "Or",
    "Other",
    "Others",
    "Our",
    "Overall",
    "She",
    "Since",
    "So",
    "Some",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yes",
    "You",
    "Your",
];

/// Lowercase words before a capital letter that make the letter a variant name
/// (`vitamin D.`, `hepatitis B.`, `type I.`), not an initial. Matched ignoring
/// case so `Vitamin D.` also counts.
const LETTER_NOUNS: &[&str] = &[
    "vitamin",
    "vitamins",
    "hepatitis",
    "type",
    "types",
    "group",
    "groups",
    "class",
    "grade",
    "stage",
    "phase",
    "factor",
    "protein",
    "kinase",
    "lamin",
    "part",
    "plan",
    "appendix",
    "section",
    "table",
    "figure",
    "schedule",
    "cluster",
    "complex",
    "level",
    "category",
    "arm",
    "cohort",
    "strain",
    "influenza",
    "syndrome",
    "form",
    "list",
    "option",
    "size",
    "antigen",
];

/// Lowercase words that commonly introduce a person's name, so a capital letter
/// after them stays an initial (`by J. Smith`).
const NAME_PREPS: &[&str] = &["by", "and", "with", "from", "to", "dr"];

/// Characters stripped from the front of the word before a terminator.
const OPENERS: &[char] = &['"', '\'', '(', '[', '{', '“', '‘', '«', '¿', '¡'];

/// Splits prose into sentences: byte ranges into `text`, trimmed of surrounding
/// white space, in order, non-overlapping, never empty.
///
/// Text with no boundary yields one range; text that is empty or only white
/// space yields none. Never panics. See the module documentation for the rules
/// and their known limits.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut splitter = Splitter {
        text,
        bytes: text.as_bytes(),
        start: 0,
        out: Vec::new(),
    };
    splitter.run();
    splitter.out
}

/// State of one pass: the text, the start of the sentence being built, and
/// the sentences found so far.
struct Splitter<'a> {
    text: &'a str,
    bytes: &'a [u8],
    start: usize,
    out: Vec<Range<usize>>,
}

/// A run of white space: where it ends and how many line breaks it holds.
struct Space {
    end: usize,
    breaks: usize,
}

impl Splitter<'_> {
    fn run(&mut self) {
        let b = self.bytes;
        let n = b.len();
        let mut i = 0;
        while i < n {
            if !INTERESTING[usize::from(b[i])] {
                i += 1;
                continue;
            }
            match b[i] {
                b'.' | b'!' | b'?' => i = self.terminal(i),
                0xE2 if is_ellipsis(b, i) => i = self.terminal(i),
                b'\n' | b'\r' => {
                    let space = self.space(i);
                    if space.breaks >= 2 {
                        self.cut(i, space.end);
                    }
                    i = space.end.max(i + 1);
                }
                _ => i += 1,
            }
        }
        self.cut(n, n);
    }

    /// Ends the current sentence at `end` (trimmed, dropped if empty) and starts
    /// the next one at `next`.
    fn cut(&mut self, end: usize, next: usize) {
        let seg = &self.text[self.start..end];
        let rest = seg.trim_start();
        let lead = seg.len() - rest.len();
        let body = rest.trim_end();
        if !body.is_empty() {
            let s = self.start + lead;
            self.push_capped(s, s + body.len());
        }
        self.start = next;
    }

    /// Pushes the sentence `start..end`, in pieces of at most [`MAX_SENTENCE`] bytes, each cut
    /// after the last clause mark (`,` `;` `:`) in its second half, else at the last white
    /// space, else mid-word (a character boundary).
    fn push_capped(&mut self, mut start: usize, end: usize) {
        while end - start > MAX_SENTENCE {
            let mut limit = start + MAX_SENTENCE;
            while !self.text.is_char_boundary(limit) {
                limit -= 1;
            }
            let window = &self.text[start..limit];
            let cut = (window.rfind([',', ';', ':']).map(|i| i + 1))
                .filter(|&i| i > MAX_SENTENCE / 2)
                .or_else(|| window.rfind(char::is_whitespace).filter(|&i| i > 0))
                .unwrap_or(window.len());
            let piece = window[..cut].trim_end();
            if !piece.is_empty() {
                self.out.push(start..start + piece.len());
            }
            let rest = &self.text[start + cut..end];
            start = end - rest.trim_start().len();
        }
        if start < end {
            self.out.push(start..end);
        }
    }

    /// Handles a terminator run starting at `p0`; returns where to continue.
    fn terminal(&mut self, p0: usize) -> usize {
        let b = self.bytes;
        let n = b.len();
        let mut j = p0;
        loop {
            if j < n && matches!(b[j], b'.' | b'!' | b'?') {
                j += 1;
            } else if is_ellipsis(b, j) {
                j += 3;
            } else {
                break;
            }
        }
        let mut k = j;
        while k < n {
            match b[k] {
                b'"' | b'\'' | b')' | b']' | b'}' => k += 1,
                // ” and ’
                0xE2 if k + 2 < n && b[k + 1] == 0x80 && matches!(b[k + 2], 0x9D | 0x99) => k += 3,
                // »
                0xC2 if k + 1 < n && b[k + 1] == 0xBB => k += 2,
                _ => break,
            }
        }
        if k >= n {
            return k;
        }
        let space = self.space(k);
        if space.end > k {
            if space.end >= n {
                return space.end;
            }
            // A blank line always ends the sentence; otherwise the next word
            // must look like a sentence start and the word before must not be
            // an abbreviation.
            if space.breaks >= 2
                || (self.starts_sentence(space.end) && !self.abbreviated(p0, j, space.end))
            {
                self.cut(k, space.end);
            }
            return space.end;
        }
        if self.glued(p0, k) {
            self.cut(k, k);
        }
        k
    }

    /// Scans white space from `i` (a char boundary), counting line breaks
    /// (`\n`, a lone `\r`, U+2028, U+2029).
    fn space(&self, i: usize) -> Space {
        let b = self.bytes;
        let n = b.len();
        let mut j = i;
        let mut breaks = 0;
        while j < n {
            match b[j] {
                b'\n' => {
                    breaks += 1;
                    j += 1;
                }
                b'\r' => {
                    if b.get(j + 1) != Some(&b'\n') {
                        breaks += 1;
                    }
                    j += 1;
                }
                b' ' | b'\t' | 0x0B | 0x0C => j += 1,
                c if c >= 0x80 => match self.text[j..].chars().next() {
                    Some(ch) if ch.is_whitespace() => {
                        if matches!(ch, '\u{2028}' | '\u{2029}') {
                            breaks += 1;
                        }
                        j += ch.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        Space { end: j, breaks }
    }

    /// Whether a sentence can start at `pos` (a char boundary).
    fn starts_sentence(&self, pos: usize) -> bool {
        let mut chars = self.text[pos..].chars();
        let Some(c) = chars.next() else {
            return false;
        };
        if c.is_uppercase() || c.is_ascii_digit() {
            return true;
        }
        match c {
            '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '¿' | '¡' | '$' | '£' | '€' => {
                true
            }
            '-' | '–' | '—' | '•' | '*' => chars.next().is_some_and(char::is_whitespace),
            c if c.is_lowercase() => chars.next().is_some_and(char::is_uppercase),
            c => c.is_alphabetic(),
        }
    }

    /// Start of the word that ends at `end`: back to white space or the start
    /// of the current sentence. `None` when the word is implausibly long.
    fn word_start(&self, end: usize) -> Option<usize> {
        let floor = self.start.min(end);
        let mut ws = floor;
        for (count, (idx, c)) in self.text[floor..end].char_indices().rev().enumerate() {
            if count >= MAX_WORD {
                return None;
            }
            if c.is_whitespace() {
                ws = floor + idx + c.len_utf8();
                break;
            }
        }
        Some(ws)
    }

    /// Whether the single `.` at `p0` closes an abbreviation, an initial or an
    /// enumerator rather than a sentence. `next` is where the next word starts.
    fn abbreviated(&self, p0: usize, j: usize, next: usize) -> bool {
        if j != p0 + 1 || self.bytes[p0] != b'.' {
            return false;
        }
        let Some(ts) = self.word_start(p0) else {
            return false;
        };
        let word = self.text[ts..p0].trim_start_matches(OPENERS);
        if word.is_empty() {
            return false;
        }
        let next_char = self.text[next..].chars().next().unwrap_or(' ');
        if in_list(word, HARD_CI, true) || in_list(word, HARD_CS, false) {
            return true;
        }
        if next_char.is_ascii_digit() && in_list(word, BEFORE_NUMBER_CI, true) {
            return true;
        }
        if in_list(word, CONDITIONAL_CI, true)
            || in_list(word, CONDITIONAL_CS, false)
            || is_dotted_acronym(word)
        {
            return !self.starter_at(next);
        }
        if is_single_upper(word) {
            if !next_char.is_uppercase() || self.starter_at(next) {
                return false;
            }
            return !self.is_variant_letter(ts);
        }
        // "1. Wash your hands." — a short number opening the sentence.
        word.len() <= 3
            && word.bytes().all(|c| c.is_ascii_digit())
            && self.text[self.start.min(ts)..ts].trim_start().is_empty()
    }

    /// The alphabetic word before the white space that precedes `ts`, and
    /// where it starts.
    fn previous_word(&self, ts: usize) -> Option<(&str, usize)> {
        let floor = self.start.min(ts);
        let head = self.text[floor..ts].trim_end();
        let mut ws = 0;
        for (count, (idx, c)) in head.char_indices().rev().enumerate() {
            if count >= MAX_WORD {
                return None;
            }
            if !c.is_alphabetic() {
                ws = idx + c.len_utf8();
                break;
            }
        }
        let word = &head[ws..];
        (!word.is_empty()).then_some((word, floor + ws))
    }

    /// Whether the capital letter whose word starts at `ts` names a variant
    /// (`vitamin D.`, `type B.`, `MPS I.`, `A, B, and E.`) rather than being a
    /// person's initial (`J. Smith`, `by A. Jones`, `John F. Kennedy`).
    fn is_variant_letter(&self, ts: usize) -> bool {
        let Some((prev, prev_start)) = self.previous_word(ts) else {
            return false;
        };
        if in_list(prev, LETTER_NOUNS, true) {
            return true;
        }
        if prev.chars().count() >= 2 && prev.chars().all(char::is_uppercase) {
            return true; // an acronym: `MPS I.`, `HLA B.`
        }
        if prev == "and" || prev == "or" {
            // A list of letters: `A, B, and E.`, `C and D.`
            let floor = self.start.min(prev_start);
            let before = self.text[floor..prev_start]
                .trim_end()
                .trim_end_matches(',');
            let mut rev = before.chars().rev();
            return match (rev.next(), rev.next()) {
                (Some(c), None) => c.is_uppercase(),
                (Some(c), Some(d)) => c.is_uppercase() && !d.is_alphanumeric(),
                _ => false,
            };
        }
        prev.starts_with(char::is_lowercase) && !in_list(prev, NAME_PREPS, true)
    }

    /// Whether the word at `pos` is one of [`STARTERS`] followed by white space
    /// or a comma.
    fn starter_at(&self, pos: usize) -> bool {
        let b = self.bytes;
        let mut e = pos;
        while e < b.len() && e - pos <= 16 && b[e].is_ascii_alphabetic() {
            e += 1;
        }
        if e == pos || !matches!(b.get(e), Some(b' ' | b'\t' | b'\n' | b'\r' | b',')) {
            return false;
        }
        in_list(&self.text[pos..e], STARTERS, false)
    }

    /// Whether the terminator run `p0..k` with no white space after it is a
    /// scraped boundary such as `duties.According`.
    fn glued(&self, p0: usize, k: usize) -> bool {
        let mut next = self.text[k..].chars();
        let (Some(c1), Some(c2)) = (next.next(), next.next()) else {
            return false;
        };
        if !(c1.is_uppercase() && c2.is_lowercase()) {
            return false;
        }
        let floor = self.start.min(p0);
        let mut lower = 0;
        for c in self.text[floor..p0].chars().rev() {
            if c.is_lowercase() {
                lower += 1;
                if lower >= MAX_WORD {
                    break;
                }
                continue;
            }
            if matches!(
                c,
                '.' | '/' | '\\' | '@' | '_' | ':' | '=' | '#' | '~' | '%'
            ) {
                return false;
            }
            break;
        }
        if lower < 2 {
            return false;
        }
        if let Some(ts) = self.word_start(p0) {
            let word = self.text[ts..p0].trim_start_matches(OPENERS);
            if in_list(word, HARD_CI, true)
                || in_list(word, HARD_CS, false)
                || in_list(word, CONDITIONAL_CI, true)
                || in_list(word, CONDITIONAL_CS, false)
            {
                return false;
            }
        }
        // The next word must not look like a domain or path: `Example.com/x`.
        let b = self.bytes;
        let mut e = k;
        while e < b.len() && e - k < 64 && !b[e].is_ascii_whitespace() {
            match b[e] {
                b'/' | b'@' | b'\\' => return false,
                b'.' if b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric) => return false,
                _ => e += 1,
            }
        }
        true
    }
}

/// Bytes the main loop must stop at: terminators, the first byte of `…`, and
/// line breaks. A table lookup keeps the common case (any other byte) to one
/// load and one branch.
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table[0xE2] = true;
    table
};

/// Whether `…` (U+2026) starts at byte `i`.
#[inline]
fn is_ellipsis(b: &[u8], i: usize) -> bool {
    i + 2 < b.len() && b[i] == 0xE2 && b[i + 1] == 0x80 && b[i + 2] == 0xA6
}

#[inline]
fn in_list(word: &str, list: &[&str], ignore_case: bool) -> bool {
    if word.len() > 16 {
        return false;
    }
    if ignore_case {
        list.iter().any(|a| a.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word)
    }
}

/// `U.S`, `a.m`, `Ph.D`, `U.S.A`: at least two dot-separated segments of one or
/// two ASCII letters.
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|s| (1..=2).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_alphabetic()))
}

fn is_single_upper(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of `text` as strings.
    fn sents(text: &str) -> Vec<&str> {
        let ranges = split(text);
        check_invariants(text, &ranges);
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    fn check_invariants(text: &str, ranges: &[Range<usize>]) {
        let mut last = 0;
        for r in ranges {
            assert!(r.start < r.end, "empty range {r:?} in {text:?}");
            assert!(r.start >= last, "overlap/order {r:?} in {text:?}");
            assert!(r.end <= text.len(), "out of bounds {r:?} in {text:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            assert_eq!(s, s.trim(), "untrimmed {s:?} in {text:?}");
            last = r.end;
        }
        if text.trim().is_empty() {
            assert!(ranges.is_empty());
        } else {
            assert!(!ranges.is_empty(), "no sentence in {text:?}");
            // Everything outside the ranges is white space.
            let mut pos = 0;
            for r in ranges {
                assert!(
                    text[pos..r.start].trim().is_empty(),
                    "lost text in {text:?}"
                );
                pos = r.end;
            }
            assert!(text[pos..].trim().is_empty(), "lost tail in {text:?}");
        }
    }

    #[test]
    fn a_run_on_sentence_is_cut_into_clause_sized_pieces() {
        let text = format!("{}end.", "this cure works, and ".repeat(500));
        let pieces = split(&text);
        assert!(pieces.len() > 1);
        assert_eq!(pieces.first().map(|r| r.start), Some(0));
        assert_eq!(pieces.last().map(|r| r.end), Some(text.len()));
        for r in &pieces {
            assert!(r.len() <= MAX_SENTENCE, "{r:?}");
            // Cut after a comma, so no piece starts or ends inside a word.
            let piece = &text[r.clone()];
            assert!(
                piece.starts_with("and this") || r.start == 0,
                "{:?}",
                &piece[..20]
            );
            assert!(piece.ends_with(',') || r.end == text.len(), "{piece:?}");
        }
        let glued = "é".repeat(3 * MAX_SENTENCE);
        let pieces = split(&glued);
        assert_eq!(pieces.iter().map(|r| r.len()).sum::<usize>(), glued.len());
        assert!(pieces.iter().all(|r| r.len() <= MAX_SENTENCE));
    }

    #[test]
    fn empty_and_degenerate_inputs() {
        assert!(sents("").is_empty());
        assert!(sents("   \n\t ").is_empty());
        assert_eq!(sents("..."), vec!["..."]);
        assert_eq!(sents("?!?! ... !!"), vec!["?!?! ... !!"]);
        assert_eq!(sents("."), vec!["."]);
        assert_eq!(sents("…"), vec!["…"]);
        assert_eq!(sents("“ ” ’ — é µ 😀"), vec!["“ ” ’ — é µ 😀"]);
        assert_eq!(sents("😀. 😀! É."), vec!["😀. 😀!", "É."]);
    }

    #[test]
    fn no_boundary_is_one_range() {
        assert_eq!(
            sents("  Knee arthritis and stem cells  "),
            vec!["Knee arthritis and stem cells"]
        );
        assert_eq!(split("  Hello world "), vec![2..13]);
    }

    #[test]
    fn basic_terminators() {
        assert_eq!(
            sents("It works. It helps! Does it? Yes."),
            vec!["It works.", "It helps!", "Does it?", "Yes."]
        );
        assert_eq!(sents("Really?! Yes."), vec!["Really?!", "Yes."]);
        assert_eq!(
            sents("Wait... Then it hit."),
            vec!["Wait...", "Then it hit."]
        );
        assert_eq!(
            sents("Is it proven? Not yet."),
            vec!["Is it proven?", "Not yet."]
        );
        assert_eq!(
            sents("Is it safe? 3 trials say so."),
            vec!["Is it safe?", "3 trials say so."]
        );
    }

    #[test]
    fn lowercase_after_terminator_continues() {
        assert_eq!(sents("It works. and more"), vec!["It works. and more"]);
        assert_eq!(sents("Really? maybe."), vec!["Really? maybe."]);
    }

    #[test]
    fn semicolons_and_colons_do_not_split() {
        assert_eq!(sents("It helps; It hurts."), vec!["It helps; It hurts."]);
        assert_eq!(
            sents("The results of the study found that:Patients improved."),
            vec!["The results of the study found that:Patients improved."]
        );
        assert_eq!(sents("Note: The dose."), vec!["Note: The dose."]);
    }

    #[test]
    fn closing_quotes_and_brackets() {
        assert_eq!(
            sents("He said \"It works.\" Then he left."),
            vec!["He said \"It works.\"", "Then he left."]
        );
        assert_eq!(
            sents("He said “It works.” Then he left."),
            vec!["He said “It works.”", "Then he left."]
        );
        assert_eq!(
            sents("She called it ‘magic.’ It was not."),
            vec!["She called it ‘magic.’", "It was not."]
        );
        assert_eq!(
            sents("(See the table.) Doses vary."),
            vec!["(See the table.)", "Doses vary."]
        );
        assert_eq!(
            sents("Rest helps [in most cases.] Drink water."),
            vec!["Rest helps [in most cases.]", "Drink water."]
        );
    }

    #[test]
    fn opening_quotes_and_brackets_start_sentences() {
        assert_eq!(
            sents("It works. \"Really,\" he said."),
            vec!["It works.", "\"Really,\" he said."]
        );
        assert_eq!(
            sents("It works. “Really,” he said."),
            vec!["It works.", "“Really,” he said."]
        );
        assert_eq!(
            sents("It works. (Most of the time.)"),
            vec!["It works.", "(Most of the time.)"]
        );
    }

    #[test]
    fn hard_abbreviations() {
        for text in [
            "Smith et al. found no effect.",
            "Use a mild soap, e.g. Dove or similar.",
            "Use a mild soap, i.e. One without perfume.",
            "Ask Dr. Smith first.",
            "Ask Mr. Jones and Mrs. Jones and Ms. Lee.",
            "Ask Prof. Lee.",
            "Aspirin vs. Placebo was tested.",
            "See Fig. 2 and Figs. 3 and 4.",
            "See Fig. Three.",
            "It takes approx. Two weeks.",
            "She lives on St. Mark's Place.",
            "Compare cf. Table 2.",
            "Built ca. 1900 by hand.",
            "See Vol. 3 pp. 12 and p. 4.",
            "Published Jan. 5 and Dec. 6 this year.",
            "See Eq. 4 and Ref. 9 resp. Ref. 10.",
            "Hospital No. 5 is closed.",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
    }

    #[test]
    fn abbreviations_are_case_aware() {
        assert_eq!(
            sents("Use a soap, E.G. Dove or similar."),
            vec!["Use a soap, E.G. Dove or similar."]
        );
        assert_eq!(
            sents("It affects people with MS. Treatment varies."),
            vec!["It affects people with MS.", "Treatment varies."]
        );
        assert_eq!(
            sents("Screen for DR. Diabetes damages the eye."),
            vec!["Screen for DR.", "Diabetes damages the eye."]
        );
    }

    #[test]
    fn number_markers_only_before_numbers() {
        assert_eq!(sents("Case No. 5 was mild."), vec!["Case No. 5 was mild."]);
        assert_eq!(
            sents("Is it inherited? No. Peters syndrome is sporadic."),
            vec!["Is it inherited?", "No.", "Peters syndrome is sporadic."]
        );
        assert_eq!(
            sents("See p. 12 for details."),
            vec!["See p. 12 for details."]
        );
    }

    #[test]
    fn conditional_abbreviations() {
        for text in [
            "Smith et al. Found nothing new.",
            "Made by Acme Inc. Research division.",
            "John Smith Jr. Went home.",
            "Made by Acme Co. Boston.",
            "Approved in the U.S. Food and Drug Administration list.",
            "It opened at 9 a.m. Eastern time.",
            "She has a Ph.D. Degree in biology.",
            "He is an M.D. Specialist in Boston.",
            "Take 5 mg. Ibuprofen works too.",
            "Sold in the U.K. Market.",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
        assert_eq!(
            sents("As shown by Smith et al. The effect was small."),
            vec!["As shown by Smith et al.", "The effect was small."]
        );
        assert_eq!(
            sents("It is common in the U.S. It is rare elsewhere."),
            vec!["It is common in the U.S.", "It is rare elsewhere."]
        );
        assert_eq!(
            sents("Take it at 9 p.m. This helps sleep."),
            vec!["Take it at 9 p.m.", "This helps sleep."]
        );
        assert_eq!(
            sents("The dose is 5 mg. The next dose is 10 mg."),
            vec!["The dose is 5 mg.", "The next dose is 10 mg."]
        );
        assert_eq!(
            sents("It was sold by Acme Inc. However, it failed."),
            vec!["It was sold by Acme Inc.", "However, it failed."]
        );
    }

    #[test]
    fn etc_ends_a_sentence_before_a_capital() {
        assert_eq!(
            sents("Eat fruit, vegetables, etc. Drink water."),
            vec!["Eat fruit, vegetables, etc.", "Drink water."]
        );
        assert_eq!(
            sents("Eat fruit, vegetables, etc. every day."),
            vec!["Eat fruit, vegetables, etc. every day."]
        );
        assert_eq!(
            sents("Eat fruit (apples, etc.) and rest."),
            vec!["Eat fruit (apples, etc.) and rest."]
        );
    }

    #[test]
    fn decimals_ranges_and_versions() {
        for text in [
            "Take 2.5 mg twice daily.",
            "The effect was significant (p < 0.05) in the trial.",
            "Levels of 1.5–2.0 mmol/L are normal.",
            "Version 1.2.3 of the app was used.",
            "The server at 10.0.0.1 logged it.",
            "Give .5 mL at once.",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
        assert_eq!(
            sents("It was significant at p < 0.05. Results held."),
            vec!["It was significant at p < 0.05.", "Results held."]
        );
        assert_eq!(
            sents("The dose was 2.5. Then it rose."),
            vec!["The dose was 2.5.", "Then it rose."]
        );
    }

    #[test]
    fn initials() {
        for text in [
            "The study by J. Smith showed benefit.",
            "A. B. Jones et al. reported it.",
            "John F. Kennedy spoke.",
            "Work by A. Jones and B. C. Lee helped.",
            "Infection with E. coli is common.",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
    }

    #[test]
    fn capital_letters_that_end_sentences() {
        assert_eq!(
            sents("Take vitamin D. The body needs it."),
            vec!["Take vitamin D.", "The body needs it."]
        );
        assert_eq!(
            sents("Get vaccinated against hepatitis B. Vaccines are safe."),
            vec!["Get vaccinated against hepatitis B.", "Vaccines are safe."]
        );
        assert_eq!(
            sents("This is called type I. Most people have it."),
            vec!["This is called type I.", "Most people have it."]
        );
        assert_eq!(
            sents("Foods rich in vitamin E. Folic acid helps too."),
            vec!["Foods rich in vitamin E.", "Folic acid helps too."]
        );
        assert_eq!(
            sents("It lacks immunoglobulin G, A, and E. Immunoglobulins are proteins."),
            vec![
                "It lacks immunoglobulin G, A, and E.",
                "Immunoglobulins are proteins."
            ]
        );
        assert_eq!(
            sents("Stages C and D. Treatments are limited."),
            vec!["Stages C and D.", "Treatments are limited."]
        );
        assert_eq!(
            sents("It is a sign of MPS I. Enlarged head is another."),
            vec!["It is a sign of MPS I.", "Enlarged head is another."]
        );
        assert_eq!(
            sents("Rare in group A. (See below.)"),
            vec!["Rare in group A.", "(See below.)"]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sents("It worked... and then it stopped."),
            vec!["It worked... and then it stopped."]
        );
        assert_eq!(
            sents("It worked… and then it stopped."),
            vec!["It worked… and then it stopped."]
        );
        assert_eq!(
            sents("It worked... Then it stopped."),
            vec!["It worked...", "Then it stopped."]
        );
        assert_eq!(
            sents("It worked… Then it stopped."),
            vec!["It worked…", "Then it stopped."]
        );
        assert_eq!(
            sents("It worked…Then it stopped."),
            vec!["It worked…", "Then it stopped."]
        );
    }

    #[test]
    fn missing_space_boundaries() {
        assert_eq!(
            sents("Patients have trouble carrying out daily duties.According to recent research, it helps."),
            vec![
                "Patients have trouble carrying out daily duties.",
                "According to recent research, it helps."
            ]
        );
        assert_eq!(
            sents("It is safe and effective!The results held."),
            vec!["It is safe and effective!", "The results held."]
        );
        assert_eq!(
            sents("Can stem cells cure arthritis?Yes, in some cases."),
            vec!["Can stem cells cure arthritis?", "Yes, in some cases."]
        );
        assert_eq!(
            sents("He said \"it works.\"Then he left."),
            vec!["He said \"it works.\"", "Then he left."]
        );
        assert_eq!(sents("One.Two"), vec!["One.", "Two"]);
    }

    #[test]
    fn missing_space_exclusions() {
        for text in [
            "Use soap, e.g.Something mild.",
            "Made in the U.S.A today.",
            "She has a Ph.D in biology.",
            "That is, i.e. it works.",
            "Read the report.PDF file.",
            "Visit NIH.gov for more.",
            "Visit www.nih.Gov today.",
            "See example.Com/page for more.",
            "Dosage is approx.Two pills.",
            "Write to info@clinic.Org now.",
            "Call me.BUT not now.",
            "It was x.Yes",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
    }

    #[test]
    fn line_breaks() {
        assert_eq!(
            sents("It works\nand it helps."),
            vec!["It works\nand it helps."]
        );
        assert_eq!(
            sents("It works.\nIt helps."),
            vec!["It works.", "It helps."]
        );
        assert_eq!(sents("Heading\n\nBody text"), vec!["Heading", "Body text"]);
        assert_eq!(
            sents("Heading\r\n\r\nBody text"),
            vec!["Heading", "Body text"]
        );
        assert_eq!(
            sents("Heading \n \n\n body text"),
            vec!["Heading", "body text"]
        );
        assert_eq!(
            sents("Dr.\n\nSmith"),
            vec!["Dr.", "Smith"],
            "a blank line always ends a sentence"
        );
        assert_eq!(sents("one\r\rtwo"), vec!["one", "two"]);
        assert_eq!(sents("one\r\ntwo"), vec!["one\r\ntwo"]);
        assert_eq!(sents("e.g.\nSmith"), vec!["e.g.\nSmith"]);
    }

    #[test]
    fn non_breaking_space_is_white_space() {
        assert_eq!(
            sents("It works.\u{a0}It helps."),
            vec!["It works.", "It helps."]
        );
    }

    #[test]
    fn enumerators_and_bullets() {
        assert_eq!(
            sents("1. Effect on chondrocytes"),
            vec!["1. Effect on chondrocytes"]
        );
        assert_eq!(
            sents("Wash your hands. 2. Dry them well."),
            vec!["Wash your hands.", "2. Dry them well."]
        );
        assert_eq!(
            sents("The mean age was 65. Most were women."),
            vec!["The mean age was 65.", "Most were women."]
        );
        assert_eq!(
            sents("Key points. - Leukemia may affect red blood cells."),
            vec!["Key points.", "- Leukemia may affect red blood cells."]
        );
    }

    #[test]
    fn lowercase_mixed_case_words_start_sentences() {
        assert_eq!(
            sents("It is new. mRNA vaccines are safe."),
            vec!["It is new.", "mRNA vaccines are safe."]
        );
        assert_eq!(
            sents("Check kidney function. eGFR is a guide."),
            vec!["Check kidney function.", "eGFR is a guide."]
        );
    }

    #[test]
    fn seed_hip_arthritis_paragraph() {
        let text = "Understanding hip arthritis is essential before beginning MSC therapy. Hip osteoarthritis, another name for hip arthritis, is a degenerative joint disease that develops over time as a result of the breakdown of the hip joint’s protective cartilage. Friction, discomfort, inflammation, and eventually joint injury may result from this. Patients frequently have trouble moving around, climbing stairs, and carrying out daily duties.According to recent research, hip arthritis involves considerably more than just cartilage deterioration. Even though many people experience cartilage loss, long-term study indicates that cartilage loss is not a reliable indicator of hip discomfort on its own! , in over 700 participants, the MRI’s findings of cartilage loss were unrelated to pain.";
        assert_eq!(
            sents(text),
            vec![
                "Understanding hip arthritis is essential before beginning MSC therapy.",
                "Hip osteoarthritis, another name for hip arthritis, is a degenerative joint disease that develops over time as a result of the breakdown of the hip joint’s protective cartilage.",
                "Friction, discomfort, inflammation, and eventually joint injury may result from this.",
                "Patients frequently have trouble moving around, climbing stairs, and carrying out daily duties.",
                "According to recent research, hip arthritis involves considerably more than just cartilage deterioration.",
                "Even though many people experience cartilage loss, long-term study indicates that cartilage loss is not a reliable indicator of hip discomfort on its own! , in over 700 participants, the MRI’s findings of cartilage loss were unrelated to pain.",
            ]
        );
        let text = "Mesenchymal Stem Cells’ (MSCs’) Function";
        assert_eq!(sents(text), vec![text]);
        let text = "This Mesenchymal Stem Cells therapy can be used to treat hip arthritis in the following ways:";
        assert_eq!(sents(text), vec![text]);
    }

    #[test]
    fn seed_knee_arthritis_paragraphs() {
        let text = "A five-year follow-up study confirmed:Stem cells** Knee osteoarthritis is safe and effective!The results of this 5-year follow-up study showed that:Intra-articular injection of mesenchymal stem cells is effective** for knee osteoarthritis, and studies have confirmed the safety of this **.";
        assert_eq!(
            sents(text),
            vec![
                "A five-year follow-up study confirmed:Stem cells** Knee osteoarthritis is safe and effective!",
                "The results of this 5-year follow-up study showed that:Intra-articular injection of mesenchymal stem cells is effective** for knee osteoarthritis, and studies have confirmed the safety of this **.",
            ]
        );
        let text = "Stem cells** have shown encouraging results in patients with osteoarthritis. Through the ** of stem cells, they can be transformed into chondrocytes and promote cartilage regeneration. This new cartilage tissue fills the joint gaps and reduces friction and pain between bones.";
        assert_eq!(sents(text).len(), 3);
        let text = "Five year follow up confirmed that stem cells fundamentally improved arthritis!\n\nMondo Health Updated on 2024-01-30\n\nKnee arthritis has become a serious health problem.";
        assert_eq!(
            sents(text),
            vec![
                "Five year follow up confirmed that stem cells fundamentally improved arthritis!",
                "Mondo Health Updated on 2024-01-30",
                "Knee arthritis has become a serious health problem.",
            ]
        );
        let text = "Macrophages can play a key role in regulating inflammation during the pathogenesis of KOA through various secreted mediators. These cells can be polarized into both pro-inflammatory and anti-inflammatory (M2) phenotypes.";
        assert_eq!(sents(text).len(), 2);
    }

    #[test]
    fn medquad_style_paragraphs() {
        let text = "What are the signs and symptoms of ABCD syndrome? The Human Phenotype Ontology provides the following list of signs and symptoms for ABCD syndrome. For example, a frequency of 25/25 means that in a study of 25 people all patients were found to have that symptom.";
        assert_eq!(sents(text).len(), 3);
        let text = "It should not be sold in the U.S. Physicians may prescribe it. It is approved by the U.S. Food and Drug Administration.";
        assert_eq!(
            sents(text),
            vec![
                "It should not be sold in the U.S. Physicians may prescribe it.",
                "It is approved by the U.S. Food and Drug Administration.",
            ]
        );
        let text = "Normally, the bone marrow makes blood stem cells. A myeloid stem cell becomes one of three types of mature blood cells: - Red blood cells that carry oxygen. - Platelets that form blood clots.";
        assert_eq!(
            sents(text),
            vec![
                "Normally, the bone marrow makes blood stem cells.",
                "A myeloid stem cell becomes one of three types of mature blood cells: - Red blood cells that carry oxygen.",
                "- Platelets that form blood clots.",
            ]
        );
    }

    /// Short real excerpts plus tricky fragments, used by the property tests.
    const EXCERPTS: &[&str] = &[
        "Hip arthritis is a terrible disease that affects millions of individuals worldwide. Our hip joints’ cartilage may degenerate with age, causing discomfort, stiffness, and decreased range of motion.",
        "The use of culture-expanded mesenchymal stem cells (MSCs) has emerged as a possible alternative to established treatments like physical therapy, medicines, and surgery.",
        "Knee arthritis (KOA) is a degenerative disease of the joints, accounting for 50%, and the prevalence rate of people over 75 years old soars to 80%.",
        "Key Points - Adult acute lymphoblastic leukemia (ALL) is a type of cancer. - Leukemia may affect red blood cells.",
        "Is it safe?!  “Yes.” Not always… e.g.Something U.S.A Ph.D NIH.gov report.PDF 1.5–2.0 p<0.05.",
        "Dr. J. Smith, Ph.D., M.D. said: \"No.\" (See Fig. 3.) Then, at 9 a.m. Eastern, he left.",
        "\r\n\r\n. . . ! ? … ” ’ ) ] — é µ 😀\n\n\n",
        "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.A.B.C",
        "aa.Bb cc!Dd ee?Ff gg…Hh ii.”Jj",
    ];

    #[test]
    fn invariants_on_excerpts_and_their_prefixes() {
        for text in EXCERPTS {
            check_invariants(text, &split(text));
            for (i, _) in text.char_indices() {
                check_invariants(&text[i..], &split(&text[i..]));
                check_invariants(&text[..i], &split(&text[..i]));
            }
        }
    }

    #[test]
    fn invariants_on_all_short_strings() {
        const ALPHABET: &[&str] = &[
            ".", " ", "A", "ab", "\n", "…", "”", "1", "é", "?", "e.g", "\r", "(",
        ];
        fn go(buf: &mut String, depth: usize) {
            check_invariants(buf, &split(buf));
            if depth == 0 {
                return;
            }
            for piece in ALPHABET {
                let len = buf.len();
                buf.push_str(piece);
                go(buf, depth - 1);
                buf.truncate(len);
            }
        }
        go(&mut String::new(), 4);
    }

    #[test]
    fn invariants_on_generated_strings() {
        const PIECES: &[&str] = &[
            "word",
            "Word",
            "MRI",
            "mRNA",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\r\n",
            "\u{a0}",
            ".",
            "!",
            "?",
            "...",
            "…",
            "\"",
            "“",
            "”",
            "’",
            "(",
            ")",
            "[",
            "]",
            ":",
            ";",
            ",",
            "2.5",
            "0.05",
            "et al.",
            "e.g.",
            "Dr.",
            "U.S.",
            "No.",
            "J.",
            "etc.",
            "é",
            "µ",
            "😀",
            "—",
            "-",
            "1",
            "www.nih.gov",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut text = String::new();
        for _ in 0..3000 {
            text.clear();
            let len = next() % 40;
            for _ in 0..len {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            check_invariants(&text, &split(&text));
        }
    }

    #[test]
    fn long_input_without_spaces_is_fine() {
        let text = "a.".repeat(50_000) + &"Ab.".repeat(50_000);
        check_invariants(&text, &split(&text));
        // One "sentence" of 100 KB is judged in pieces (see `MAX_SENTENCE`).
        let text = "x".repeat(100_000);
        let pieces: Vec<Range<usize>> = (0..50).map(|i| i * 2_000..(i + 1) * 2_000).collect();
        assert_eq!(split(&text), pieces);
    }
}
