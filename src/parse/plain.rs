//! Plain text to prose blocks, and the stitcher every parser uses to build block text.
//!
//! Plain text comes in two shapes: hand-written files with paragraphs separated by blank lines
//! (often hard-wrapped at 70–80 columns), and scraped articles that put one paragraph or one
//! heading per line with single newlines. Both are handled by splitting on blank lines first and
//! then on line breaks that look like block boundaries.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::references::Collector;
use super::sections::{SectionKind, Sections};
use super::{normalise, Block, Document, Link, OffsetMap, Prefilter, Scope};

/// Bare URLs (`https://…`, `www.…`) and e-mail addresses: never prose, but kept as links.
///
/// An address is made of ASCII word characters, with an ASCII word boundary after it: Unicode
/// `\w` and `\b` made this expression cost more to compile than all the others of a run on one
/// article together (callgrind), and addresses in English health writing are ASCII.
static URL_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:https?://|ftp://|www\.)[^\s<>`]+",
        r"|[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[a-z]{2,}(?-u:\b)",
    ))
    .expect("valid URL regex")
});

/// Builds one block's text from source pieces, keeping the offset map exact.
///
/// Removed markup becomes at most one space, and only where no white space already separates
/// the words around it; leading and trailing white space of the block is dropped. Holes and
/// white space are therefore kept *pending* until the next piece of prose arrives.
pub(super) struct Stitch<'a> {
    src: &'a str,
    text: String,
    offsets: OffsetMap,
    links: Vec<Link>,
    /// Source white space not yet copied (it may turn out to be trailing).
    pending_ws: Option<Range<usize>>,
    /// Source position of removed markup not yet turned into a placeholder space.
    pending_hole: Option<usize>,
    /// Whether markup was removed after `pending_ws`: then white space on both sides of it
    /// collapses to the white space after it.
    hole_after_ws: bool,
}

impl<'a> Stitch<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Stitch {
            src,
            text: String::new(),
            offsets: OffsetMap::default(),
            links: Vec::new(),
            pending_ws: None,
            pending_hole: None,
            hole_after_ws: false,
        }
    }

    /// Copies prose from `range`, masking bare URLs and e-mail addresses (recorded as links).
    pub(super) fn copy(&mut self, range: Range<usize>) {
        let Some(piece) = self.src.get(range.clone()) else {
            return;
        };
        if !may_hold_url(piece) {
            return self.copy_raw(range);
        }
        let mut pos = range.start;
        for m in URL_OR_EMAIL.find_iter(piece) {
            let start = range.start + m.start();
            let end = start + trim_url(m.as_str());
            if end <= start {
                continue;
            }
            self.copy_raw(pos..start);
            self.link(
                start..end,
                self.src.get(start..end).unwrap_or_default().to_owned(),
            );
            self.hole(start);
            pos = end;
        }
        self.copy_raw(pos..range.end);
    }

    /// Copies prose from `range` verbatim, applying the pending white space and hole rules.
    fn copy_raw(&mut self, range: Range<usize>) {
        let Some(piece) = self.src.get(range.clone()) else {
            return;
        };
        let mut start = range.start;
        if self.text.is_empty() {
            start += piece.len() - piece.trim_start().len();
            self.pending_hole = None;
        }
        let content_end = range.start + piece.trim_end().len();
        if content_end > start {
            self.flush_pending(self.src.as_bytes()[start].is_ascii_whitespace());
            self.emit(start..content_end);
        }
        let ws = content_end.max(start)..range.end;
        if !ws.is_empty() && !self.text.is_empty() {
            // Only markup stood between the two runs of white space: keep just the later run.
            if let Some(old) = self.pending_ws.replace(ws) {
                if !self.hole_after_ws {
                    self.emit(old);
                }
            }
            self.pending_hole = None;
            self.hole_after_ws = false;
        }
    }

    /// Marks removed markup at `pos` that sat between words: one placeholder space, if needed.
    pub(super) fn hole(&mut self, pos: usize) {
        if self.pending_ws.is_some() {
            self.hole_after_ws = true;
            return;
        }
        if self.text.is_empty() || self.text.ends_with(char::is_whitespace) {
            return;
        }
        self.pending_hole.get_or_insert(pos);
    }

    /// Inserts text that the source spells differently (a decoded entity reference at `source`).
    /// White space (`&nbsp;`) separates words as markup does; other text is normalised like
    /// copied prose.
    pub(super) fn insert(&mut self, source: Range<usize>, decoded: &str) {
        if decoded.chars().all(char::is_whitespace) {
            return self.hole(source.start);
        }
        self.flush_pending(false);
        let mut text = String::new();
        for c in decoded.chars() {
            match normalise::replacement(c) {
                Some(r) => text.push_str(r),
                None => text.push(c),
            }
        }
        self.offsets
            .push_replacement(self.text.len(), source, text.len());
        self.text.push_str(&text);
    }

    /// The source text at `range` (empty if out of bounds).
    pub(super) fn source(&self, range: Range<usize>) -> &'a str {
        self.src.get(range).unwrap_or_default()
    }

    /// Records a link found in this block.
    pub(super) fn link(&mut self, span: Range<usize>, destination: String) {
        self.links.push(Link { span, destination });
    }

    /// The finished block, or `None` when no prose was left.
    pub(super) fn finish(self, scope: Scope) -> Option<Block> {
        (!self.text.is_empty()).then_some(Block {
            scope,
            text: self.text,
            offsets: self.offsets,
            links: self.links,
            section: SectionKind::Normal,
        })
    }

    /// Emits pending white space, or else a pending hole unless the next piece starts with space.
    fn flush_pending(&mut self, next_starts_with_ws: bool) {
        if let Some(ws) = self.pending_ws.take() {
            self.pending_hole = None;
            if !std::mem::take(&mut self.hole_after_ws) || !next_starts_with_ws {
                self.emit(ws);
            }
        } else if let Some(pos) = self.pending_hole.take() {
            if !next_starts_with_ws {
                self.offsets.push_placeholder(self.text.len(), pos, 1);
                self.text.push(' ');
            }
        }
    }

    /// Copies `range` into the text, reading look-alike characters as their plain form
    /// ([`normalise`]).
    fn emit(&mut self, range: Range<usize>) {
        let Some(piece) = self.src.get(range.clone()) else {
            return;
        };
        if piece.is_ascii() {
            return self.emit_verbatim(range.start, piece);
        }
        let mut run = 0;
        for (i, c) in piece.char_indices() {
            let Some(replacement) = normalise::replacement(c) else {
                continue;
            };
            self.emit_verbatim(range.start + run, &piece[run..i]);
            let end = i + c.len_utf8();
            if !replacement.is_empty() {
                let source = range.start + i..range.start + end;
                self.offsets
                    .push_replacement(self.text.len(), source, replacement.len());
                self.text.push_str(replacement);
            }
            run = end;
        }
        self.emit_verbatim(range.start + run, &piece[run..]);
    }

    fn emit_verbatim(&mut self, source_start: usize, piece: &str) {
        if !piece.is_empty() {
            self.offsets
                .push_copy(self.text.len(), source_start, piece.len());
            self.text.push_str(piece);
        }
    }
}

/// Cheap test before running the URL regex: almost no prose piece contains any of these.
fn may_hold_url(piece: &str) -> bool {
    piece.contains('@') || piece.contains("://") || piece.contains("www.") || piece.contains("WWW.")
}

/// Length of a URL match without trailing sentence punctuation or unbalanced closing brackets.
fn trim_url(url: &str) -> usize {
    let mut end = url.len();
    while let Some(c) = url[..end].chars().next_back() {
        let head = &url[..end];
        let strip = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '*' | '_' | '’' | '”' | '»' => {
                true
            }
            ')' => head.matches('(').count() < head.matches(')').count(),
            ']' => head.matches('[').count() < head.matches(']').count(),
            _ => false,
        };
        if !strip {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

/// Lines shorter than this (in chars) with no terminal punctuation read as headings.
const HEADING_MAX: usize = 60;
/// In one-line-per-paragraph text, heading lines may run a little longer.
const LOOSE_HEADING_MAX: usize = 80;
/// A line longer than this cannot come from hard-wrapped prose.
const WRAP_MAX: usize = 100;
/// The first line of a file shorter than this, standing alone, is the title.
const TITLE_MAX: usize = 100;

/// One line of a paragraph: its byte range (without the line break) and its length in chars.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    chars: usize,
}

/// Splits plain text into prose blocks; see the module docs for the heuristics.
pub fn parse_plain(src: &str, prefilter: &dyn Prefilter) -> Document {
    let mut doc = Document::default();
    let body = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let mut para: Vec<Line> = Vec::new();
    let mut first_para = true;
    let mut sections = Sections::default();
    let mut refs = Collector::default();
    for line in lines(src, body) {
        let text = &src[line.start..line.end];
        refs.prose(src, std::slice::from_ref(&(line.start..line.end)), true);
        comments(text, line.start, &mut doc.comments);
        if text.trim().is_empty() {
            emit_paragraph(src, &para, first_para, prefilter, &mut sections, &mut doc);
            first_para &= para.is_empty();
            para.clear();
        } else {
            para.push(line);
        }
    }
    emit_paragraph(src, &para, first_para, prefilter, &mut sections, &mut doc);
    doc.references = refs.finish();
    doc
}

/// The HTML comments `<!-- … -->` on one line of plain text (at `offset`).
fn comments(line: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let mut from = 0;
    while let Some(open) = line[from..].find("<!--").map(|i| from + i) {
        let Some(close) = line[open..].find("-->").map(|i| open + i + 3) else {
            return;
        };
        out.push(offset + open..offset + close);
        from = close;
    }
}

/// The lines of `src` from `from`, each without its `\n` or `\r\n`.
fn lines(src: &str, from: usize) -> impl Iterator<Item = Line> + '_ {
    let body = src.get(from..).unwrap_or_default();
    let mut offset = from;
    body.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let text = raw.strip_suffix('\n').unwrap_or(raw);
        let text = text.strip_suffix('\r').unwrap_or(text);
        Line {
            start,
            end: start + text.len(),
            chars: text.chars().count(),
        }
    })
}

/// Emits the blocks of one blank-line-separated paragraph.
fn emit_paragraph(
    src: &str,
    para: &[Line],
    first: bool,
    prefilter: &dyn Prefilter,
    sections: &mut Sections,
    doc: &mut Document,
) {
    if para.is_empty() {
        return;
    }
    // Scraped articles put each paragraph on one long line; hard-wrapped prose never does.
    let wrapped = para.iter().all(|l| l.chars <= WRAP_MAX);
    let heading_max = if wrapped {
        HEADING_MAX
    } else {
        LOOSE_HEADING_MAX
    };
    let mut block_start = 0;
    for i in 1..=para.len() {
        let ends_block = i == para.len() || {
            let prev = &src[para[i - 1].start..para[i - 1].end];
            let next = &src[para[i].start..para[i].end];
            !wrapped || ends_sentence(prev) || para[i - 1].chars < HEADING_MAX || is_bullet(next)
        };
        if !ends_block {
            continue;
        }
        let lines = &para[block_start..i];
        let scope = plain_scope(
            src,
            lines,
            first && block_start == 0 && para.len() == 1,
            heading_max,
        );
        let mut range = lines[0].start..lines[lines.len() - 1].end;
        if scope == Scope::ListItem {
            range.start += bullet_len(&src[range.clone()]);
        }
        let text = &src[range.clone()];
        if super::sections::is_end_mark(text) {
            sections.end_mark();
        } else if scope == Scope::Heading {
            // Plain text has no heading levels: every heading closes the section before it.
            sections.heading(1, text);
        } else if super::sections::opens_section(text) {
            sections.heading(super::sections::PARAGRAPH_LEVEL, text);
        }
        if super::wanted(prefilter, &src[range.clone()], scope) {
            let mut st = Stitch::new(src);
            st.copy(range);
            doc.blocks.extend(st.finish(scope).map(|b| Block {
                section: sections.current(),
                ..b
            }));
        }
        block_start = i;
    }
}

/// Scope of a plain-text block: title, heading, list item or paragraph.
fn plain_scope(src: &str, lines: &[Line], may_be_title: bool, heading_max: usize) -> Scope {
    if lines
        .first()
        .is_some_and(|l| is_bullet(&src[l.start..l.end]))
    {
        return Scope::ListItem;
    }
    let [line] = lines else {
        return Scope::Paragraph;
    };
    let text = src[line.start..line.end].trim();
    if may_be_title && line.chars < TITLE_MAX && !text.ends_with('.') {
        return Scope::Title;
    }
    if line.chars < heading_max && !ends_sentence(text) && !text.ends_with([',', ';']) {
        return Scope::Heading;
    }
    Scope::Paragraph
}

/// Whether a line ends with sentence-final punctuation, possibly followed by closing quotes or
/// brackets.
fn ends_sentence(line: &str) -> bool {
    let core = line
        .trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '’', '”', '»', '*']);
    core.ends_with(['.', '!', '?', ':', '…'])
}

/// Bullets that start a plain-text list item.
const BULLETS: [&str; 4] = ["- ", "* ", "• ", "· "];

/// Whether a line starts with a bullet (`- `, `* `, `• `).
fn is_bullet(line: &str) -> bool {
    bullet_len(line) > 0
}

/// Byte length of the leading white space and bullet of a list item line (0 if none), so the
/// block's text starts at its first word.
fn bullet_len(line: &str) -> usize {
    let t = line.trim_start();
    BULLETS
        .iter()
        .find(|b| t.starts_with(*b))
        .map_or(0, |b| line.len() - t.len() + b.len())
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::KeepAll;
    use super::*;

    /// A prefilter that keeps only blocks containing one word.
    pub(in crate::parse) struct Only(pub &'static str);

    impl Prefilter for Only {
        fn may_match(&self, raw: &str) -> bool {
            raw.contains(self.0)
        }
    }

    /// Renders a document as `scope: text` lines.
    pub(in crate::parse) fn render(doc: &Document) -> String {
        doc.blocks
            .iter()
            .map(|b| format!("{:?}: {}\n", b.scope, b.text))
            .collect()
    }

    /// Asserts that every word of every block maps back to the same word in the source.
    pub(in crate::parse) fn assert_offsets(src: &str, doc: &Document) {
        for b in &doc.blocks {
            let mut pos = 0;
            for word in b.text.split(char::is_whitespace) {
                let start = b.text[pos..].find(word).unwrap() + pos;
                pos = start + word.len();
                if word.is_empty() {
                    continue;
                }
                let r = b.offsets.range_to_source(start..start + word.len());
                let mapped = &src[r];
                // A word spanning removed markup (`math\*`) maps to the markup too; a decoded
                // entity maps to the whole reference, a normalised character to the original.
                let ok = mapped == word
                    || mapped.is_empty()
                    || mapped.starts_with('&')
                    || mapped.chars().count() == word.chars().count()
                    || (mapped.starts_with(word.chars().next().unwrap())
                        && mapped.ends_with(word.chars().next_back().unwrap()));
                assert!(ok, "{word:?} maps to {mapped:?} in block {:?}", b.text);
            }
        }
    }

    fn parse(src: &str) -> Document {
        let doc = parse_plain(src, &KeepAll);
        assert_offsets(src, &doc);
        doc
    }

    #[test]
    fn empty_and_blank() {
        assert!(parse("").blocks.is_empty());
        assert!(parse("\n\n  \r\n").blocks.is_empty());
        assert!(parse("\u{feff}").blocks.is_empty());
    }

    #[test]
    fn title_heading_paragraph() {
        let src = "Stem cells cure arthritis!\n\nWhy it matters\n\nThis is a sentence. And more.\n";
        assert_eq!(
            render(&parse(src)),
            "Title: Stem cells cure arthritis!\nHeading: Why it matters\nParagraph: This is a sentence. And more.\n"
        );
    }

    #[test]
    fn long_first_line_is_not_title() {
        let long = "word ".repeat(30);
        let src = format!("{long}\n\nNext.");
        assert_eq!(parse(&src).blocks[0].scope, Scope::Paragraph);
    }

    #[test]
    fn hard_wrapped_prose_stays_one_block() {
        let src = "Intro.\n\nThis paragraph is hard-wrapped at about seventy columns, as many\n\
                   plain text files are, and the sentence continues on the next line\n\
                   until it finally ends here.\n";
        let doc = parse(src);
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[1].scope, Scope::Paragraph);
        assert!(doc.blocks[1].text.contains("many\nplain"));
    }

    #[test]
    fn one_line_per_block() {
        let long = "Long paragraph text that goes on and on about hip arthritis and treatment options for patients who suffer.";
        let src = format!(
            "{long}\nA heading line\n{long}\nThe following ways:\n- a bullet item\n- another\n"
        );
        assert_eq!(
            render(&parse(&src)),
            format!("Paragraph: {long}\nHeading: A heading line\nParagraph: {long}\nParagraph: The following ways:\nListItem: a bullet item\nListItem: another\n")
        );
    }

    #[test]
    fn masks_urls_and_emails() {
        let src = "See https://example.org/a_(b). Or mail info@example.com today.";
        let doc = parse(src);
        let b = &doc.blocks[0];
        assert_eq!(b.text, "See . Or mail today.");
        let dests: Vec<_> = b.links.iter().map(|l| l.destination.as_str()).collect();
        assert_eq!(dests, ["https://example.org/a_(b)", "info@example.com"]);
        assert_eq!(&src[b.links[1].span.clone()], "info@example.com");
    }

    #[test]
    fn crlf_and_bom() {
        let src = "\u{feff}Title here\r\n\r\nFirst line.\r\nSecond line.\r\n";
        assert_eq!(
            render(&parse(src)),
            "Title: Title here\nParagraph: First line.\nParagraph: Second line.\n"
        );
    }

    #[test]
    fn prefilter_skips_blocks() {
        let doc = parse_plain("Nothing here.\n\nA miracle cure.\n", &Only("miracle"));
        assert_eq!(render(&doc), "Paragraph: A miracle cure.\n");
    }

    /// A seed article, from the copies kept with the tests.
    fn seed(name: &str) -> String {
        let path = format!("{}/tests/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn seed_one_line_per_paragraph() {
        let src = seed("000_e87ac30e7addfbe1.txt");
        let doc = parse(&src);
        let scopes: Vec<_> = doc.blocks.iter().map(|b| b.scope).collect();
        use Scope::*;
        assert_eq!(
            scopes,
            [Paragraph, Heading, Paragraph, Heading, Paragraph, Paragraph, Paragraph, Paragraph]
        );
        assert_eq!(
            doc.blocks[1].text,
            "Knowledge of Mesenchymal Stem Cells injection in Hip Arthritis"
        );
        assert_eq!(
            doc.blocks[3].text,
            "Mesenchymal Stem Cells' (MSCs') Function"
        );
    }

    #[test]
    fn seed_blank_line_paragraphs() {
        let src = seed("003_7471604e836f86c1.txt");
        let doc = parse(&src);
        let r = render(&doc);
        assert!(r.starts_with(
            "Title: Five year follow up confirmed that stem cells fundamentally improved arthritis!\n\
             Heading: Mondo Health Updated on 2024-01-30\nParagraph: Knee arthritis has become"
        ));
        assert!(r.contains("\nHeading: Efficacy of stem cells\n"));
        assert!(r.contains("\nHeading: 1. Effect on chondrocytes\n"));
        assert!(r.ends_with("\nHeading: Related Pages\n"));
        assert!(doc
            .blocks
            .iter()
            .all(|b| b.scope != Scope::Heading || b.text.len() < 80));
    }
}
