//! A document's reference apparatus, scanned from the raw text: footnote definitions and
//! references, link reference definitions, reference-list entries, numbered markers `[n]`,
//! `Source:` lines, and the code (fenced, indented, inline) in which none of these count.
//!
//! Why a raw scan rather than the prose parse: the parse skips blocks that no rule could match
//! (the prefilter), and a reference list or a footnote definition rarely matches a rule; and
//! tree-sitter-md has no footnote syntax at all. One pass over the lines builds everything, once
//! per file, and only when something needs it (a claim that needs a source, or a structure
//! check).
//!
//! Known limits, all in the direction of seeing *less*: inline code spans are matched within one
//! line; HTML blocks are not masked; a reference list is recognised only under a heading line
//! (`## References`, `**Sources**`, `Bibliography:`) or as lines starting `[n]`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Heading words that open a reference list, compared ignoring case.
const REFERENCE_HEADINGS: &[&str] = &[
    "references",
    "reference list",
    "sources",
    "bibliography",
    "citations",
    "notes",
    "footnotes",
    "endnotes",
    "works cited",
    "literature cited",
];

/// Highest number a numbered marker may carry: `[2019]` is a year, not reference 2019.
const MAX_MARKER_DIGITS: usize = 3;
/// Ranges `[2–40]` are expanded up to this many numbers; longer ones are typos.
const MAX_RANGE: u32 = 100;

/// A numbered marker's inside: `1`, `1, 3`, `2–4`, `2-4, 7`.
pub const NUMBERS: &str = r"\d{1,3}(?:\s*[,–—-]\s*\d{1,3})*";

/// `[label]: …` at the start of a line: a link reference or footnote definition.
static DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\]\n]+)\]:[ \t]*(\S*)").expect("valid regex"));
/// `[^id]` anywhere.
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^([^\]\s]+)\]").expect("valid regex"));
/// `[1]`, `[1, 3]`, `[2–4]` anywhere.
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\[({NUMBERS})\]")).expect("valid regex"));
/// A numbered list item in a reference list: `1.`, `1)`.
static LIST_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})[.)](?:\s|$)").expect("valid regex"));
/// `Source: …`, `**Sources:** …`, `Reference: …` with something after the colon.
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[*_]{0,2}(?:sources?|references?)[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]*\S")
        .expect("valid regex")
});
/// A web address, for the first link of a definition or entry.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|www\.)[^\s<>"'()\[\]]+"#).expect("valid regex")
});

/// `[^id]` or `[n]` as written, with its span in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub id: String,
    pub span: Range<usize>,
}

/// A footnote definition `[^id]: …`: the label and the first web address in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub label: Label,
    pub url: Option<String>,
}

/// A numbered marker `[1, 3]` in prose, with the numbers it cites (ranges expanded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedMarker {
    pub span: Range<usize>,
    pub numbers: Vec<u32>,
}

/// Everything the scan found; see the module docs.
#[derive(Debug, Default)]
pub struct References {
    /// Code ranges, sorted and disjoint.
    code: Vec<Range<usize>>,
    /// Footnote definitions in document order (duplicates kept).
    pub footnote_definitions: Vec<Definition>,
    /// Footnote references in document order (definition markers excluded).
    pub footnote_references: Vec<Label>,
    /// Numbered markers in prose (line-start entries `[1] Smith…` excluded).
    pub numbered_markers: Vec<NumberedMarker>,
    /// Link reference definitions: normalised label → destination.
    links: HashMap<String, String>,
    /// Reference-list entries: number → first web address on the entry's line.
    entries: HashMap<u32, Option<String>>,
    /// Reference-list entries: number → the entry's line (for checks that read the entry).
    entry_lines: HashMap<u32, Range<usize>>,
    /// Lines starting `Source:` / `Sources:` / `Reference:`, sorted.
    source_lines: Vec<Range<usize>>,
}

impl References {
    /// Scans `text`; `markdown` switches on code masking (plain text has no code syntax).
    pub fn scan(text: &str, markdown: bool) -> References {
        let mut scan = Scan {
            refs: References::default(),
            markdown,
            fence: None,
            previous: LineKind::Blank,
            in_list: false,
            in_reference_section: false,
            ordinal: 0,
            line: 0..0,
        };
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            scan.line(line, offset);
            offset += raw.len();
        }
        scan.refs
    }

    /// Whether byte `pos` is inside code.
    pub fn in_code(&self, pos: usize) -> bool {
        let i = self.code.partition_point(|r| r.end <= pos);
        self.code.get(i).is_some_and(|r| r.start <= pos)
    }

    /// The first definition of footnote `id`.
    pub fn footnote(&self, id: &str) -> Option<&Definition> {
        self.footnote_definitions.iter().find(|d| d.label.id == id)
    }

    /// The destination of link reference `label` (matched as CommonMark does: case and runs of
    /// white space do not matter).
    pub fn link_destination(&self, label: &str) -> Option<&str> {
        self.links.get(&normalise(label)).map(String::as_str)
    }

    /// Reference-list entry `n`, as the first web address on its line (`Some(None)`: an entry
    /// without one).
    pub fn entry(&self, n: u32) -> Option<Option<&str>> {
        self.entries.get(&n).map(Option::as_deref)
    }

    /// The line of reference-list entry `n`.
    pub fn entry_line(&self, n: u32) -> Option<Range<usize>> {
        self.entry_lines.get(&n).cloned()
    }

    /// Whether the document has a reference list that numbered markers point into: numbered
    /// items under a reference heading, lines starting `[n]`, or `[n]: …` definitions.
    pub fn has_reference_list(&self) -> bool {
        !self.entries.is_empty()
    }

    /// The `Source:` line that covers the block spanning `block`: one starting inside it, or the
    /// first one after it with nothing but markup and white space in between.
    pub fn source_line_for(&self, text: &str, block: Range<usize>) -> Option<Range<usize>> {
        let i = self.source_lines.partition_point(|l| l.start < block.start);
        let line = self.source_lines.get(i)?;
        let between = text.get(block.end.min(line.start)..line.start)?;
        (!between.chars().any(char::is_alphanumeric)).then(|| line.clone())
    }
}

/// The numbers a marker's inside cites: `1, 3` → 1, 3; `2–4` → 2, 3, 4.
pub fn marker_numbers(inside: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    for part in inside.split(',') {
        let mut ends = part
            .split(['–', '—', '-'])
            .filter_map(|n| n.trim().parse::<u32>().ok());
        match (ends.next(), ends.next()) {
            (Some(a), Some(b)) if a <= b && b - a <= MAX_RANGE => numbers.extend(a..=b),
            (Some(a), Some(b)) => numbers.extend([a, b]),
            (Some(a), None) => numbers.push(a),
            _ => {}
        }
    }
    numbers
}

/// The numbered markers in `text` (a piece of the document starting at `offset`).
pub fn numbered_markers(text: &str, offset: usize) -> impl Iterator<Item = NumberedMarker> + '_ {
    NUMBERED.captures_iter(text).filter_map(move |c| {
        let whole = c.get(0)?;
        let before = text[..whole.start()].chars().next_back();
        let after = text[whole.end()..].chars().next();
        // Citation markers follow words, white space or closing punctuation; `x = [1, 2]`,
        // `f([1])`, `[[1, 2]]` are code. `[1](url)`, `[1][x]` and `[1]:` are links and definitions.
        let prose_before = before
            .is_none_or(|b| b.is_whitespace() || b.is_alphabetic() || ".;:\"'’”)*_".contains(b));
        let operand = text[..whole.start()]
            .trim_end()
            .ends_with(['=', '(', '[', '{', '<', '|', '&', '+']);
        if !prose_before || operand || after.is_some_and(|a| "([:=".contains(a)) {
            return None;
        }
        let inside = c.get(1)?.as_str();
        // Reference lists count from 1: `[0]` and `[0, 1]` are indexes and arrays.
        let parts = inside.split(|c: char| !c.is_ascii_digit());
        if parts.clone().any(|n| n.len() > MAX_MARKER_DIGITS)
            || parts.filter(|n| !n.is_empty()).any(|n| n.parse() == Ok(0))
        {
            return None;
        }
        Some(NumberedMarker {
            span: offset + whole.start()..offset + whole.end(),
            numbers: marker_numbers(inside),
        })
    })
}

/// The footnote references `[^id]` in `text` (a piece of the document starting at `offset`).
pub fn footnote_references(text: &str, offset: usize) -> impl Iterator<Item = Label> + '_ {
    FOOTNOTE.captures_iter(text).filter_map(move |c| {
        let whole = c.get(0)?;
        Some(Label {
            id: c[1].to_string(),
            span: offset + whole.start()..offset + whole.end(),
        })
    })
}

/// The first web address in `text`, trimmed of trailing punctuation.
pub fn first_url(text: &str) -> Option<String> {
    URL.find(text).map(|m| {
        m.as_str()
            .trim_end_matches(['.', ',', ';', ':'])
            .to_string()
    })
}

/// CommonMark label matching: case-folded, inner white space collapsed.
fn normalise(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What the previous line was, for indented-code detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Code,
    Prose,
}

/// State of the line scan.
struct Scan {
    refs: References,
    markdown: bool,
    /// The open fence: its character and length.
    fence: Option<(u8, usize)>,
    previous: LineKind,
    /// Inside a list or footnote definition, where indented lines continue the item.
    in_list: bool,
    in_reference_section: bool,
    /// Items seen so far in the current reference section (`1.` `1.` `1.` numbers 1, 2, 3).
    ordinal: u32,
    /// The content of the line being scanned, for entries' line ranges.
    line: Range<usize>,
}

impl Scan {
    fn line(&mut self, line: &str, start: usize) {
        let end = start + line.len();
        if self.markdown && self.is_code_line(line) {
            self.refs.code.push(start..end);
            self.previous = LineKind::Code;
            return;
        }
        if line.trim().is_empty() {
            self.previous = LineKind::Blank;
            return;
        }
        let indent = line.len() - line.trim_start().len();
        // Block quote markers do not change what a line is.
        let content = line.trim_start().trim_start_matches(['>', ' ']);
        let content_start = end - content.len();
        self.line = content_start..end;
        if self.markdown {
            self.mask_code_spans(content, content_start);
        }
        let is_item = is_list_item(content);
        if indent == 0 && !is_item && self.previous == LineKind::Blank {
            self.in_list = false;
        }
        self.previous = LineKind::Prose;
        let mut prose_from = 0;
        if let Some(def) = DEFINITION.captures(content) {
            prose_from = def.get(0).map_or(0, |m| m.end());
            self.definition(&def[1], &def[2], content, content_start);
        } else if let Some(entry) = line_start_entry(content).filter(|_| indent <= 3) {
            let url = first_url(content);
            self.refs.entries.insert(entry, url);
            self.refs.entry_lines.insert(entry, self.line.clone());
            prose_from = content.find(']').map_or(0, |i| i + 1);
        } else {
            self.heading(content);
        }
        if self.in_reference_section {
            self.reference_item(content);
        }
        if is_item {
            self.in_list = true;
        }
        if SOURCE_LINE.is_match(content) {
            self.refs.source_lines.push(content_start..end);
        }
        let rest = &content[prose_from..];
        if rest.contains('[') {
            self.markers(rest, content_start + prose_from);
        }
    }

    /// Fence lines, lines inside fences, and indented code (after a blank line, outside lists).
    fn is_code_line(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let run = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
        let fence = [b'`', b'~']
            .into_iter()
            .map(|c| (c, run(c)))
            .find(|&(_, n)| n >= 3 && indent <= 3);
        match (self.fence, fence) {
            (Some((c, n)), Some((fc, fnum))) if c == fc && fnum >= n => {
                if trimmed[fnum..].trim().is_empty() {
                    self.fence = None;
                }
                true
            }
            (Some(_), _) => true,
            (None, Some(f)) => {
                self.fence = Some(f);
                true
            }
            (None, None) => {
                let indented = line.starts_with('\t') || indent >= 4;
                indented
                    && !line.trim().is_empty()
                    && !self.in_list
                    && matches!(self.previous, LineKind::Blank | LineKind::Code)
            }
        }
    }

    /// Masks backtick code spans (`` `x` ``, ``` ``x`` ```) within one line.
    fn mask_code_spans(&mut self, content: &str, offset: usize) {
        let bytes = content.as_bytes();
        let mut i = 0;
        while let Some(open) = bytes[i..].iter().position(|&b| b == b'`').map(|p| p + i) {
            let n = bytes[open..].iter().take_while(|&&b| b == b'`').count();
            let mut j = open + n;
            let mut closed = false;
            while let Some(close) = bytes[j..].iter().position(|&b| b == b'`').map(|p| p + j) {
                let m = bytes[close..].iter().take_while(|&&b| b == b'`').count();
                if m == n {
                    self.refs.code.push(offset + open..offset + close + m);
                    j = close + m;
                    closed = true;
                    break;
                }
                j = close + m;
            }
            i = if closed { j } else { open + n };
        }
    }

    /// Records `[label]: destination`: a footnote, a link reference, or both a link and a
    /// reference-list entry for a numeric label.
    fn definition(&mut self, label: &str, destination: &str, content: &str, offset: usize) {
        if let Some(id) = label.strip_prefix('^') {
            if !id.is_empty() && !id.contains(char::is_whitespace) {
                self.in_list = true;
                self.refs.footnote_definitions.push(Definition {
                    label: Label {
                        id: id.to_string(),
                        span: offset..offset + label.len() + 2,
                    },
                    url: first_url(content),
                });
            }
            return;
        }
        let destination = destination.trim_matches(['<', '>']);
        if let Ok(n) = label.trim().parse::<u32>() {
            let url = first_url(destination).or_else(|| first_url(content));
            self.refs.entries.insert(n, url);
            self.refs.entry_lines.insert(n, self.line.clone());
        }
        self.refs
            .links
            .entry(normalise(label))
            .or_insert_with(|| destination.to_string());
    }

    /// A heading opens or closes a reference section.
    fn heading(&mut self, content: &str) {
        let atx = content.starts_with('#');
        let name = content
            .trim_matches(|c: char| c == '#' || c == '*' || c == '_' || c.is_whitespace())
            .trim_end_matches(':')
            .trim_end_matches(['*', '_']);
        let is_reference = REFERENCE_HEADINGS
            .iter()
            .any(|h| name.eq_ignore_ascii_case(h));
        if is_reference {
            self.in_reference_section = true;
            self.ordinal = 0;
        } else if atx {
            self.in_reference_section = false;
        }
    }

    /// A numbered item of the reference list under a reference heading. Bulleted items are
    /// not entries: a "Notes" section of bullet points is not a reference list.
    fn reference_item(&mut self, content: &str) {
        if let Some(c) = LIST_NUMBER.captures(content) {
            self.ordinal += 1;
            let url = first_url(content);
            if let Ok(n) = c[1].parse() {
                self.refs.entries.entry(n).or_insert(url.clone());
                self.refs.entry_lines.entry(n).or_insert(self.line.clone());
            }
            self.refs.entries.entry(self.ordinal).or_insert(url);
            self.refs
                .entry_lines
                .entry(self.ordinal)
                .or_insert(self.line.clone());
        }
    }

    /// Footnote references and numbered markers outside code.
    fn markers(&mut self, text: &str, offset: usize) {
        let code = &self.refs.code;
        let in_code = |span: &Range<usize>| {
            let i = code.partition_point(|r| r.end <= span.start);
            code.get(i).is_some_and(|r| r.start <= span.start)
        };
        if text.contains("[^") {
            let found = footnote_references(text, offset).filter(|l| !in_code(&l.span));
            self.refs.footnote_references.extend(found);
        }
        let found = numbered_markers(text, offset).filter(|m| !in_code(&m.span));
        self.refs.numbered_markers.extend(found);
    }
}

/// `[n] …` at the start of a line, also as a list item or in bold (`- **[1]** Smith…`); not a
/// link `[n](…)` or definition `[n]:`.
fn line_start_entry(content: &str) -> Option<u32> {
    let item = ["- ", "* ", "+ "]
        .iter()
        .find_map(|b| content.strip_prefix(b))
        .unwrap_or(content);
    let rest = item.trim_start().trim_start_matches(['*', '_']);
    let rest = rest.strip_prefix('[')?;
    let close = rest.find(']')?;
    // `[2a]`, `[2b]`: parts of entry 2.
    let label = &rest[..close];
    let digits = label.trim_end_matches(|c: char| c.is_ascii_lowercase());
    let after = rest[close + 1..].chars().next();
    if digits.is_empty()
        || digits.bytes().all(|b| b == b'0')
        || digits.len() > MAX_MARKER_DIGITS
        || label.len() - digits.len() > 1
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || after.is_some_and(|a| "([:".contains(a))
    {
        return None;
    }
    digits.parse().ok()
}

/// A bullet or numbered list item marker at the start of `content`.
fn is_list_item(content: &str) -> bool {
    let bullet = content.len() > 1
        && content.starts_with(['-', '*', '+'])
        && content[1..].starts_with([' ', '\t']);
    bullet || LIST_NUMBER.is_match(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> References {
        References::scan(text, true)
    }

    /// The ids of the footnote references found, in order.
    fn reference_ids(refs: &References) -> Vec<&str> {
        refs.footnote_references
            .iter()
            .map(|l| l.id.as_str())
            .collect()
    }

    #[test]
    fn footnotes_definitions_and_references() {
        let text = "Claim[^1] and more[^note].\n\n[^1]: Smith 2020, https://pubmed.ncbi.nlm.nih.gov/1/.\n[^1]: again\n";
        let refs = scan(text);
        assert_eq!(reference_ids(&refs), ["1", "note"]);
        assert_eq!(&text[refs.footnote_references[0].span.clone()], "[^1]");
        assert_eq!(refs.footnote_definitions.len(), 2);
        let def = refs.footnote("1").expect("defined");
        assert_eq!(&text[def.label.span.clone()], "[^1]");
        assert_eq!(
            def.url.as_deref(),
            Some("https://pubmed.ncbi.nlm.nih.gov/1/")
        );
        assert!(refs.footnote("note").is_none());
    }

    #[test]
    fn code_is_ignored() {
        let text = "```md\nSee [^a] and [3].\n[^b]: x\n```\n\nUse `[^c]` or ``[4]``.\n\n    [^d]: indented code\n\n~~~\n[^e]\n~~~\n";
        let refs = scan(text);
        assert!(refs.footnote_references.is_empty());
        assert!(refs.footnote_definitions.is_empty());
        assert!(refs.numbered_markers.is_empty());
        assert!(refs.in_code(text.find("[^a]").expect("present")));
        assert!(refs.in_code(text.find("[^c]").expect("present")));
        assert!(!refs.in_code(text.find("Use").expect("present")));
    }

    #[test]
    fn indented_list_continuations_are_not_code() {
        let text =
            "- item\n\n    continued [^1]\n\n[^1]: defined\n\n    more of the footnote [^2]\n";
        let refs = scan(text);
        assert_eq!(reference_ids(&refs), ["1", "2"]);
    }

    #[test]
    fn reference_lists() {
        let text = "Text [1] and [2, 3] and [4–6].\n\n## References\n\n1. Smith J. https://doi.org/10.1000/1\n1. Lee K.\n1. Wu X.\n";
        let refs = scan(text);
        assert!(refs.has_reference_list());
        assert_eq!(refs.entry(1), Some(Some("https://doi.org/10.1000/1")));
        assert_eq!(refs.entry(3), Some(None));
        assert_eq!(refs.entry(4), None);
        let numbers: Vec<_> = refs
            .numbered_markers
            .iter()
            .map(|m| m.numbers.clone())
            .collect();
        assert_eq!(numbers, [vec![1], vec![2, 3], vec![4, 5, 6]]);
    }

    #[test]
    fn bracketed_entries_and_definitions() {
        let refs = scan("Fact [1].\n\n[1] Smith J. Title. 2020.\n[2]: https://example.org\n- **[3]** Lee\n- **[4a]** Wu\n");
        assert_eq!(refs.entry(1), Some(None));
        assert_eq!(refs.entry(3), Some(None));
        assert_eq!(refs.entry(4), Some(None));
        assert_eq!(refs.entry(2), Some(Some("https://example.org")));
        assert_eq!(refs.link_destination("2"), Some("https://example.org"));
        assert_eq!(refs.numbered_markers.len(), 1);
        let none = scan(
            "Press [1] to start. A year [2019]. A [link][1] and [1](x). x = [1, 2]; a[0]\n\t[0] no\n",
        );
        assert!(!none.has_reference_list());
        assert_eq!(none.numbered_markers.len(), 1);
    }

    #[test]
    fn link_definitions_are_case_insensitive() {
        let refs = scan("[The  Lancet]: https://thelancet.com\n");
        assert_eq!(
            refs.link_destination("the lancet"),
            Some("https://thelancet.com")
        );
    }

    #[test]
    fn source_lines_cover_the_block_before() {
        let text = "A claim.\n\nSource: WHO, https://who.int\n\nNext.\n";
        let refs = scan(text);
        let line = refs.source_line_for(text, 0..8).expect("covered");
        assert!(text[line].starts_with("Source:"));
        let next = text.find("Next").expect("present");
        assert!(refs.source_line_for(text, next..next + 5).is_none());
        assert!(scan("Sources:\n").source_lines.is_empty());
        assert_eq!(scan("*Source: WHO*\n").source_lines.len(), 1);
    }

    #[test]
    fn marker_numbers_expand_ranges() {
        assert_eq!(marker_numbers("1"), [1]);
        assert_eq!(marker_numbers("1, 3"), [1, 3]);
        assert_eq!(marker_numbers("2–4"), [2, 3, 4]);
        assert_eq!(marker_numbers("2-4,7"), [2, 3, 4, 7]);
        assert_eq!(marker_numbers("9-2"), [9, 2]);
    }
}
