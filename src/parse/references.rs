//! A document's reference apparatus: footnote definitions and references, link reference
//! definitions, reference-list entries, numbered markers (`[n]`, `(n)`, superscripts), `Source:`
//! lines, and the code (fenced, indented, inline) and front matter in which none of these count.
//!
//! The parse builds it in its one walk over the document ([`Collector`]): the block tree says
//! what is code, what is a heading, a list item or a link reference definition, and every block
//! of prose is read for markers, whether or not the prefilter keeps it for the rules.
//! tree-sitter-md has no footnote syntax, so footnote definitions and references are read from
//! the lines of the blocks.
//!
//! Known limit, in the direction of seeing *less*: a reference list is recognised only under a
//! heading (`## References`, `**Sources**`, `Bibliography:`) or as lines starting `[n]` or `¹`.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

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
pub const NUMBERS: &str = r"[0-9]{1,3}(?:\s*[,–—-]\s*[0-9]{1,3})*";

/// `[label]: …` at the start of a line: a link reference or footnote definition.
static DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\]\n]+)\]:[ \t]*(\S*)").expect("valid regex"));
/// `[^id]` anywhere.
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^([^\]\s]+)\]").expect("valid regex"));
/// `[1]`, `[1, 3]`, `[2–4]` anywhere.
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\[({NUMBERS})\]")).expect("valid regex"));
/// `(1)`, `(2, 3, 4)`, `(5–7)` anywhere.
static PARENTHESISED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\(({NUMBERS})\)")).expect("valid regex"));
/// `<sup>1</sup>`, `<sup>[2,3]</sup>`, `^1^`, and runs of Unicode superscript digits.
static SUPERSCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)<sup>\s*\[?({NUMBERS})\]?\s*</sup>|\^({NUMBERS})\^|({SUPERSCRIPT_NUMBERS})"
    ))
    .expect("valid regex")
});
/// The Unicode superscript digits, one of which a superscript marker without `<sup>` or `^`
/// holds.
const SUPERSCRIPT_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
/// Unicode superscript numbers, with superscript or plain separators: `¹`, `²,³`, `⁴⁻⁶`.
const SUPERSCRIPT_NUMBERS: &str = "[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?:[,⁻–-][⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})*";
/// A numbered list item in a reference list: `1.`, `1)`.
static LIST_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,3})[.)](?:\s|$)").expect("valid regex"));
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
    pub style: MarkerStyle,
}

/// How a numbered marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerStyle {
    /// `[1]`, `[2, 3]`, `[4–6]`.
    Bracket,
    /// `(1)`, `(2, 3, 4)`, `(5–7)`: a citation only when the reference list has the entry, as
    /// the same marks also number steps ("(1) rest, (2) ice").
    Parenthesis,
    /// `<sup>1</sup>`, `^1^`, `¹²`, `²⁻⁴`.
    Superscript,
}

/// Everything the parse found; see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// Entries written `[n] …` or `[n]: …`, which replace an earlier entry of the same number
    /// (a numbered list item does not): how [`References::append`] merges entries.
    replacing: HashSet<u32>,
    /// Lines starting `Source:` / `Sources:` / `Reference:`, sorted.
    source_lines: Vec<Range<usize>>,
    /// Markdown blocks read as plain text (their markup too costly to parse), in document
    /// order: in them, code and links were not told apart from prose.
    pub unparsed: Vec<super::Unparsed>,
    /// The first definition of each footnote label, built on the first lookup.
    footnote_index: FootnoteIndex,
}

/// Footnote label → index of its first definition, for [`References::footnote`]: scanning the
/// definitions for every reference made a document of 100,000 footnotes quadratic. It is
/// derived from `footnote_definitions`, so it never makes two `References` unequal, and it
/// records how many definitions it covers: a stale index is never used.
#[derive(Debug, Clone, Default)]
struct FootnoteIndex(OnceLock<(usize, HashMap<String, usize>)>);

impl PartialEq for FootnoteIndex {
    fn eq(&self, _: &FootnoteIndex) -> bool {
        true
    }
}

impl Eq for FootnoteIndex {}

impl References {
    /// The references of `text` as the parse finds them (Markdown, or plain text); for tools
    /// and tests that need only these. The linter takes them from its one parse of the file.
    pub fn scan(text: &str, markdown: bool) -> References {
        let doc = if markdown {
            super::MarkdownParser::new().parse(text, &super::KeepAll)
        } else {
            super::parse_plain(text, &super::KeepAll)
        };
        doc.references
    }

    /// Whether byte `pos` is inside code.
    pub fn in_code(&self, pos: usize) -> bool {
        let i = self.code.partition_point(|r| r.end <= pos);
        self.code.get(i).is_some_and(|r| r.start <= pos)
    }

    /// Footnote references starting in `range`, in document order.
    pub fn footnote_references_in(&self, range: Range<usize>) -> &[Label] {
        let list = &self.footnote_references;
        let from = list.partition_point(|l| l.span.start < range.start);
        let to = list.partition_point(|l| l.span.start < range.end);
        &list[from..to.max(from)]
    }

    /// Numbered markers of every style starting in `range`, in document order.
    pub fn markers_in(&self, range: Range<usize>) -> &[NumberedMarker] {
        let list = &self.numbered_markers;
        let from = list.partition_point(|m| m.span.start < range.start);
        let to = list.partition_point(|m| m.span.start < range.end);
        &list[from..to.max(from)]
    }

    /// The first definition of footnote `id`.
    pub fn footnote(&self, id: &str) -> Option<&Definition> {
        let definitions = &self.footnote_definitions;
        let (covered, index) = self.footnote_index.0.get_or_init(|| {
            let mut index = HashMap::with_capacity(definitions.len());
            for (i, d) in definitions.iter().enumerate() {
                index.entry(d.label.id.clone()).or_insert(i);
            }
            (definitions.len(), index)
        });
        if *covered != definitions.len() {
            return definitions.iter().find(|d| d.label.id == id);
        }
        index.get(id).and_then(|&i| definitions.get(i))
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

    /// Feeds `state` what a citation can be resolved against anywhere in the file `text`,
    /// wherever it is: footnote definitions, link reference definitions and reference-list
    /// entries, without their positions but with their text (the fact-checks read a citation's
    /// footnote or entry). With [`References::hash_window`], the window's text and
    /// [`References::hash_last_cited`], this is all a block's citation verdicts depend on, so an
    /// editor can reuse a block's findings while these hashes are unchanged.
    pub fn hash_definitions(&self, text: &str, state: &mut impl Hasher) {
        for definition in &self.footnote_definitions {
            (&definition.label.id, &definition.url).hash(state);
            let line = text.get(definition.label.span.start..).unwrap_or("");
            line.split('\n').next().hash(state);
        }
        let mut links: Vec<_> = self.links.iter().collect();
        links.sort_unstable();
        links.hash(state);
        let mut entries: Vec<_> = self.entries.iter().collect();
        entries.sort_unstable();
        entries.hash(state);
        let mut lines: Vec<_> = (self.entry_lines.iter())
            .map(|(n, line)| (n, text.get(line.clone())))
            .collect();
        lines.sort_unstable();
        lines.hash(state);
    }

    /// Feeds `state` the citation a sentence after `pos` that refers back to a study ("the
    /// same study") falls back on: the last footnote reference before `pos` with a definition
    /// and the last numbered marker before it with an entry, by their targets, and which of
    /// the two comes later.
    pub fn hash_last_cited(&self, pos: usize, state: &mut impl Hasher) {
        let footnote = (self.footnote_references_in(0..pos).iter().rev())
            .find_map(|l| self.footnote(&l.id).map(|d| (l.span.start, &d.url)));
        let marker = (self.markers_in(0..pos).iter().rev()).find_map(|m| {
            let url = m.numbers.iter().find_map(|&n| self.entry(n))?;
            Some((m.span.start, url))
        });
        let footnote_later = match (&footnote, &marker) {
            (Some((f, _)), Some((m, _))) => f > m,
            _ => false,
        };
        (footnote.map(|f| f.1), marker.map(|m| m.1), footnote_later).hash(state);
    }

    /// Appends the references of the part of a document after this one, found by parsing it
    /// alone, whose offsets start at `offset` in the whole. An entry or link defined twice keeps
    /// its first definition, as in one parse.
    pub fn append(&mut self, other: &References, offset: usize) {
        self.footnote_index = FootnoteIndex::default();
        let shift = |r: &Range<usize>| r.start + offset..r.end + offset;
        let label = |l: &Label| Label {
            id: l.id.clone(),
            span: shift(&l.span),
        };
        self.code.extend(other.code.iter().map(shift));
        (self.footnote_definitions).extend(other.footnote_definitions.iter().map(|d| Definition {
            label: label(&d.label),
            url: d.url.clone(),
        }));
        (self.footnote_references).extend(other.footnote_references.iter().map(label));
        (self.numbered_markers).extend(other.numbered_markers.iter().map(|m| NumberedMarker {
            span: shift(&m.span),
            ..m.clone()
        }));
        for (label, destination) in &other.links {
            (self.links.entry(label.clone())).or_insert_with(|| destination.clone());
        }
        for (&n, url) in &other.entries {
            if other.replacing.contains(&n) {
                self.entries.insert(n, url.clone());
            } else {
                self.entries.entry(n).or_insert_with(|| url.clone());
            }
        }
        for (&n, line) in &other.entry_lines {
            if other.replacing.contains(&n) {
                self.entry_lines.insert(n, shift(line));
            } else {
                self.entry_lines.entry(n).or_insert_with(|| shift(line));
            }
        }
        self.replacing.extend(&other.replacing);
        self.source_lines
            .extend(other.source_lines.iter().map(shift));
        (self.unparsed).extend(other.unparsed.iter().map(|u| super::Unparsed {
            block: shift(&u.block),
            at: u.at + offset,
            why: u.why,
        }));
    }

    /// Feeds `state` where code and `Source:` lines are in `window`, relative to its start.
    pub fn hash_window(&self, window: Range<usize>, state: &mut impl Hasher) {
        for list in [&self.code, &self.source_lines] {
            let first = list.partition_point(|r| r.end <= window.start);
            for r in list[first..].iter().take_while(|r| r.start < window.end) {
                let start = r.start.max(window.start) - window.start;
                let end = r.end.min(window.end) - window.start;
                (start, end).hash(state);
            }
            // Separates the two lists, so a code range cannot pass for a source line.
            usize::MAX.hash(state);
        }
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
            style: MarkerStyle::Bracket,
        })
    })
}

/// The parenthesised numbers `(2, 3)` in `text` (from `offset`) that follow prose: not a step
/// number opening a line, not part of a formula `f(1)`.
pub fn parenthesised_markers(
    text: &str,
    offset: usize,
) -> impl Iterator<Item = NumberedMarker> + '_ {
    PARENTHESISED.captures_iter(text).filter_map(move |c| {
        let whole = c.get(0)?;
        let before = text[..whole.start()].chars().next_back()?;
        let after = text[whole.end()..].chars().next();
        let prose_before = before.is_whitespace() || ".,;:\"'’”*_".contains(before);
        if !prose_before
            || after.is_some_and(char::is_alphanumeric)
            || text[..whole.start()].trim().is_empty()
        {
            return None;
        }
        let inside = c.get(1)?.as_str();
        numbers_of(inside).map(|numbers| NumberedMarker {
            span: offset + whole.start()..offset + whole.end(),
            numbers,
            style: MarkerStyle::Parenthesis,
        })
    })
}

/// The superscript markers in `text` (from `offset`). A Unicode superscript after a number or a
/// short unit (`10²`, `cm²`, `kg/m²`) is a power, not a marker.
pub fn superscript_markers(text: &str, offset: usize) -> impl Iterator<Item = NumberedMarker> + '_ {
    SUPERSCRIPT.captures_iter(text).filter_map(move |c| {
        let whole = c.get(0)?;
        let inside = match (c.get(1).or(c.get(2)), c.get(3)) {
            (Some(plain), _) => plain.as_str().to_string(),
            (None, Some(sup)) => {
                let word = text[..whole.start()]
                    .rsplit(|ch: char| !ch.is_alphanumeric())
                    .next()
                    .unwrap_or_default();
                let power = word.ends_with(|ch: char| ch.is_ascii_digit()) || UNITS.contains(&word);
                if power
                    || word.is_empty()
                        && !text[..whole.start()].ends_with(['.', ',', ';', ')', '"', '”'])
                {
                    return None;
                }
                sup.as_str().chars().map(plain_digit).collect()
            }
            (None, None) => return None,
        };
        numbers_of(&inside).map(|numbers| NumberedMarker {
            span: offset + whole.start()..offset + whole.end(),
            numbers,
            style: MarkerStyle::Superscript,
        })
    })
}

/// Units that take a power (`cm²`, `kg/m²`, `m³`).
const UNITS: &[&str] = &[
    "m", "cm", "mm", "km", "µm", "nm", "ft", "in", "yd", "mi", "s", "x",
];

/// The digit or separator a superscript character stands for.
fn plain_digit(c: char) -> char {
    match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴'..='⁹' => char::from_u32(c as u32 - '⁴' as u32 + '4' as u32).unwrap_or(c),
        '⁻' => '-',
        c => c,
    }
}

/// The numbers of a marker's inside; `None` for what is not a reference number (`0`, `2019`).
fn numbers_of(inside: &str) -> Option<Vec<u32>> {
    let parts = inside.split(|c: char| !c.is_ascii_digit());
    if parts.clone().any(|n| n.len() > MAX_MARKER_DIGITS)
        || parts.filter(|n| !n.is_empty()).any(|n| n.parse() == Ok(0))
    {
        return None;
    }
    Some(marker_numbers(inside))
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

/// Builds a document's [`References`] from what the parse finds, in document order: code
/// ranges, headings, link reference definitions, list items and the lines of prose.
#[derive(Debug, Default)]
pub(super) struct Collector {
    refs: References,
    list: ReferenceList,
    /// The content of the line being scanned, for entries' line ranges.
    line: Range<usize>,
}

/// The reference section a walk is in, if any: what [`Collector`] carries from one block to
/// the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ReferenceList {
    in_reference_section: bool,
    /// Items seen so far in the current reference section (`1.` `1.` `1.` numbers 1, 2, 3).
    ordinal: u32,
}

impl Collector {
    /// A collector for a part of a document that starts in `list`.
    pub(super) fn resume(list: ReferenceList) -> Collector {
        Collector {
            list,
            ..Collector::default()
        }
    }

    /// The reference section the walk is in now.
    pub(super) fn reference_list(&self) -> ReferenceList {
        self.list
    }

    /// Code (or anything else that is not prose) at `range`; ranges arrive in document order.
    pub(super) fn code(&mut self, range: Range<usize>) {
        if !range.is_empty() {
            self.refs.code.push(range);
        }
    }

    /// A block read as plain text; blocks arrive in document order.
    pub(super) fn unparsed(&mut self, unparsed: super::Unparsed) {
        self.refs.unparsed.push(unparsed);
    }

    /// A heading opens a reference section when it is named like one, and closes it otherwise.
    pub(super) fn heading(&mut self, text: &str) {
        self.list.in_reference_section = is_reference_heading(text);
        self.list.ordinal = 0;
    }

    /// A numbered list item (`number`) whose text is `text`: an entry when it is in a reference
    /// section. Bulleted items are not entries: a "Notes" section of bullet points is not a
    /// reference list.
    pub(super) fn list_item(&mut self, number: u32, line: Range<usize>, text: &str) {
        if self.list.in_reference_section {
            self.list.ordinal += 1;
            let ordinal = self.list.ordinal;
            let url = first_url(text);
            self.refs.entries.entry(number).or_insert(url.clone());
            self.refs.entries.entry(ordinal).or_insert(url);
            self.refs.entry_lines.entry(number).or_insert(line.clone());
            self.refs.entry_lines.entry(ordinal).or_insert(line);
        }
    }

    /// The prose of one block: `ranges` of `src`, which leave out block-quote markers and
    /// list indentation, each split into lines. In plain text (`numbered_lines`) a line starting
    /// `1.` is a list item.
    pub(super) fn prose(&mut self, src: &str, ranges: &[Range<usize>], numbered_lines: bool) {
        for range in ranges {
            let Some(text) = src.get(range.clone()) else {
                continue;
            };
            let mut offset = range.start;
            for raw in text.split_inclusive('\n') {
                let line = raw.trim_end_matches(['\n', '\r']);
                self.line(line, offset, numbered_lines);
                offset += raw.len();
            }
        }
    }

    pub(super) fn finish(mut self) -> References {
        // Any lookup during the walk indexed fewer definitions than there are now.
        self.refs.footnote_index = FootnoteIndex::default();
        self.refs
    }

    fn line(&mut self, line: &str, start: usize, numbered_lines: bool) {
        if line.trim().is_empty() {
            return;
        }
        let end = start + line.len();
        let indent = line.len() - line.trim_start().len();
        let content = line.trim_start();
        let content_start = end - content.len();
        self.line = content_start..end;
        let mut prose_from = 0;
        // Each expression below is tried only on a line that holds what every match of it
        // starts with or needs: most documents then never compile them (about 2 M
        // instructions, callgrind, on an article without a reference list).
        let definition = content
            .starts_with('[')
            .then(|| DEFINITION.captures(content));
        if let Some(def) = definition.flatten() {
            prose_from = def.get(0).map_or(0, |m| m.end());
            self.definition(&def[1], &def[2], content, content_start);
        } else if let Some(entry) = line_start_entry(content).filter(|_| indent <= 3) {
            let url = first_url(content);
            self.refs.entries.insert(entry, url);
            self.refs.entry_lines.insert(entry, self.line.clone());
            self.refs.replacing.insert(entry);
            prose_from = content.find(']').map_or(0, |i| i + 1);
        } else if is_reference_heading(content) {
            // `**Sources**`, `Bibliography:` on a line of their own.
            self.heading(content);
        }
        if numbered_lines && content.starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(n) = LIST_NUMBER
                .captures(content)
                .and_then(|c| c[1].parse().ok())
            {
                self.list_item(n, content_start..end, content);
            }
        }
        if content.contains(':') && SOURCE_LINE.is_match(content) {
            self.refs.source_lines.push(content_start..end);
        }
        let rest = &content[prose_from..];
        if may_hold_marker(rest) {
            self.markers(rest, content_start + prose_from);
        }
    }

    /// A link reference definition node: `[label]: destination`.
    pub(super) fn link_definition(&mut self, src: &str, range: Range<usize>) {
        let text = src.get(range.clone()).unwrap_or_default();
        if let Some(def) = DEFINITION.captures(text) {
            self.definition(&def[1], &def[2], text, range.start);
        }
    }

    /// Records `[label]: destination`: a footnote, a link reference, or both a link and a
    /// reference-list entry for a numeric label.
    fn definition(&mut self, label: &str, destination: &str, content: &str, offset: usize) {
        if let Some(id) = label.strip_prefix('^') {
            if !id.is_empty() && !id.contains(char::is_whitespace) {
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
            self.refs.replacing.insert(n);
        }
        self.refs
            .links
            .entry(normalise(label))
            .or_insert_with(|| destination.to_string());
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
        let before = self.refs.numbered_markers.len();
        let markers = &mut self.refs.numbered_markers;
        if text.contains('[') {
            markers.extend(numbered_markers(text, offset).filter(|m| !in_code(&m.span)));
        }
        // Every match of `PARENTHESISED` opens with a parenthesis and a digit.
        if (text.as_bytes().windows(2)).any(|w| w[0] == b'(' && w[1].is_ascii_digit()) {
            markers.extend(parenthesised_markers(text, offset).filter(|m| !in_code(&m.span)));
        }
        if text.contains(['^', '<']) || text.contains(SUPERSCRIPT_DIGITS) {
            markers.extend(superscript_markers(text, offset).filter(|m| !in_code(&m.span)));
        }
        markers[before..].sort_by_key(|m| m.span.start);
    }
}

/// Whether a line's text may hold a footnote reference or a numbered marker: a bracket or
/// parenthesis before a digit or `^`, a `<sup>`, a `^`, or a Unicode superscript digit. Most
/// lines hold none, and this spares them the expressions.
fn may_hold_marker(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(2).any(|w| {
        matches!(w[0], b'[' | b'(') && (w[1].is_ascii_digit() || w[1] == b'^')
            || w[0] == b'^' && w[1].is_ascii_digit()
            || w[0] == b'<' && (w[1] == b's' || w[1] == b'S')
            // ¹ ² ³ (C2 B9, C2 B2, C2 B3) and ⁰ ⁴–⁹ (E2 81 B0–B9)
            || w[0] == 0xc2 && matches!(w[1], 0xb2 | 0xb3 | 0xb9)
            || w[0] == 0xe2 && w[1] == 0x81
    })
}

/// Whether a heading or a line on its own names a reference section: `References`,
/// `**Sources**`, `Bibliography:`.
fn is_reference_heading(text: &str) -> bool {
    let name = text
        .trim_matches(|c: char| c == '#' || c == '*' || c == '_' || c.is_whitespace())
        .trim_end_matches(':')
        .trim_end_matches(['*', '_']);
    REFERENCE_HEADINGS
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
}

/// `[n] …` at the start of a line, also as a list item or in bold (`- **[1]** Smith…`); not a
/// link `[n](…)` or definition `[n]:`.
fn line_start_entry(content: &str) -> Option<u32> {
    let item = ["- ", "* ", "+ "]
        .iter()
        .find_map(|b| content.strip_prefix(b))
        .unwrap_or(content);
    let rest = item.trim_start().trim_start_matches(['*', '_']);
    if let Some(n) = superscript_entry(rest) {
        return Some(n);
    }
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

/// `¹ Smith…`, `<sup>1</sup> Smith…` or `^1^ Smith…`: a notes-list entry keyed by a superscript.
fn superscript_entry(line: &str) -> Option<u32> {
    // Every match of `SUPERSCRIPT` starts with one of these; most lines start with none, and
    // this spares a run that reads a list but no superscript compiling it (0.9 M instructions,
    // a seventieth of a run on one article: callgrind).
    if !line.starts_with(['<', '^']) && !line.starts_with(SUPERSCRIPT_DIGITS) {
        return None;
    }
    let m = SUPERSCRIPT
        .captures(line)
        .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))?;
    let whole = m.get(0)?;
    if !line[whole.end()..].starts_with([' ', '\t']) {
        return None;
    }
    let inside: String = match m.get(1).or(m.get(2)) {
        Some(plain) => plain.as_str().to_string(),
        None => whole.as_str().chars().map(plain_digit).collect(),
    };
    let numbers = numbers_of(&inside)?;
    match numbers.as_slice() {
        [n] => Some(*n),
        _ => None,
    }
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
    fn footnote_lookups_stay_right_after_an_append() {
        let mut refs = scan("A[^1].\n\n[^1]: first\n[^1]: second\n");
        assert_eq!(refs.footnote("1").map(|d| d.label.span.start), Some(8));
        assert!(refs.footnote("2").is_none());
        refs.append(&scan("B[^2].\n\n[^2]: later\n"), 100);
        assert_eq!(refs.footnote("2").map(|d| d.label.span.start), Some(108));
        assert_eq!(refs.footnote("1").map(|d| d.label.span.start), Some(8));
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
