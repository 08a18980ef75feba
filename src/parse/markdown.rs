//! Markdown to prose blocks with tree-sitter-md.
//!
//! The parse is two-phase, as tree-sitter-md intends: the block grammar finds paragraphs,
//! headings and table cells; the inline grammar then parses each of those with
//! `set_included_ranges`. We drive both parsers ourselves rather than use tree-sitter-md's
//! `MarkdownParser`, because (a) its 0.5.4 range builder skips an inline node's first child and
//! so leaks `> ` markers into the text, and (b) doing it here lets the prefilter skip the
//! expensive inline parse for blocks no rule could match.

use std::ops::Range;

use tree_sitter::{Node, Parser, Point, Range as TsRange, Tree, TreeCursor};

use super::frontmatter::{Fields, Syntax};
use super::plain::Stitch;
use super::references::{Collector, ReferenceList};
use super::sections::{self, Sections};
use super::{
    entities, frontmatter, html, joined, wanted, Block, Costly, Document, Prefilter, Scope,
    Unparsed,
};

/// Block kinds that never hold prose.
const SKIP_BLOCK: &[&str] = &[
    "fenced_code_block",
    "indented_code_block",
    "pipe_table_delimiter_row",
    "thematic_break",
];

/// Inline kinds removed from the text with a placeholder space.
const SPACE_INLINE: &[&str] = &["hard_line_break"];

/// Inline link kinds whose text is prose and whose other parts are not.
const LINK_KINDS: &[&str] = &[
    "inline_link",
    "full_reference_link",
    "collapsed_reference_link",
    "shortcut_link",
];

/// Parses Markdown; holds the two tree-sitter parsers (one per thread).
pub struct MarkdownParser {
    block: Parser,
    inline: Parser,
    /// Scratch buffers reused across blocks and documents to avoid per-block allocation.
    ranges: Vec<TsRange>,
    holes: Vec<Hole>,
    alts: Vec<Range<usize>>,
    marks: Vec<Mark>,
    /// The text the block grammar reads (see [`joined`]), reused across documents.
    joined: Vec<u8>,
    /// A block tree parsed ahead, for the next whole document if it has the same text.
    ahead: Option<BlockTree>,
}

/// The block tree of a whole document, parsed ahead of the rest of its parse, perhaps on another
/// thread (see [`MarkdownParser::parse_ahead`]).
pub struct BlockTree {
    /// The text the tree is of.
    text: String,
    tree: Tree,
}

/// Inline content that is not prose and that later stages must know about.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    /// A code span: nothing in it is a citation or a directive.
    Code(Range<usize>),
    /// An HTML comment: a suppression directive, perhaps.
    Comment(Range<usize>),
}

/// A piece of inline markup to take out of the text.
#[derive(Debug, Clone, Copy)]
struct Hole {
    start: usize,
    end: usize,
    kind: HoleKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HoleKind {
    /// Syntax that never separates words (emphasis delimiters, link brackets, escapes' `\`).
    Drop,
    /// Content that stood between words (code, HTML, URLs): at most one space.
    Space,
    /// An entity or character reference, replaced by the text it names.
    Entity,
}

impl MarkdownParser {
    pub fn new() -> Self {
        let mut block = Parser::new();
        block
            .set_language(&tree_sitter_md::LANGUAGE.into())
            .expect("tree-sitter-md block grammar matches the tree-sitter ABI");
        let mut inline = Parser::new();
        inline
            .set_language(&tree_sitter_md::INLINE_LANGUAGE.into())
            .expect("tree-sitter-md inline grammar matches the tree-sitter ABI");
        MarkdownParser {
            block,
            inline,
            ranges: Vec::new(),
            holes: Vec::new(),
            alts: Vec::new(),
            marks: Vec::new(),
            joined: Vec::new(),
            ahead: None,
        }
    }

    /// The block tree of a whole document `src`, for a parser that will parse `src` later (see
    /// [`MarkdownParser::use_ahead`]): the block parse needs no rules, so a run can do it while
    /// they compile.
    pub fn parse_ahead(&mut self, src: &str) -> Option<BlockTree> {
        let tree = self.block_tree(src, true)?;
        Some(BlockTree {
            text: src.to_string(),
            tree,
        })
    }

    /// Lets the next parse of a whole document take its block tree from `tree`, if it is of the
    /// same text (otherwise it is dropped).
    pub fn use_ahead(&mut self, tree: BlockTree) {
        self.ahead = Some(tree);
    }

    /// Prose blocks of `src` in document order; blocks the prefilter rejects are left out.
    pub fn parse(&mut self, src: &str, prefilter: &dyn Prefilter) -> Document {
        self.parse_with(src, prefilter, Fields::default())
    }

    /// As [`MarkdownParser::parse`], with more front matter `fields` read as prose.
    pub fn parse_with(&mut self, src: &str, prefilter: &dyn Prefilter, fields: Fields) -> Document {
        self.parse_part(src, prefilter, fields, None).0
    }

    /// Parses a part of a document that parses alone (an editor re-parses only the part an
    /// edit touched): `carry` is the walk's state where the part starts, from the part before
    /// it (`None`: the part starts the document, where front matter may be). Returns the part's
    /// document, with offsets relative to the part, and the walk's state where it ends.
    pub fn parse_part(
        &mut self,
        src: &str,
        prefilter: &dyn Prefilter,
        fields: Fields,
        carry: Option<&Carry>,
    ) -> (Document, Carry) {
        let mut doc = Document::default();
        let start = carry.cloned().unwrap_or_default();
        let json = if carry.is_none() {
            frontmatter::json_end(src)
        } else {
            None
        };
        if let Some(end) = json {
            doc.front_matter = Some(0..end);
            frontmatter::extract(
                src,
                0..end,
                Syntax::Json,
                fields,
                prefilter,
                &mut doc.blocks,
            );
        }
        let ahead = (self.ahead.take())
            .filter(|ahead| carry.is_none() && ahead.text == src)
            .map(|ahead| ahead.tree);
        let Some(tree) = ahead.or_else(|| self.tree_after(src, json)) else {
            return (doc, start);
        };
        let mut refs = Collector::resume(start.reference_list);
        if let Some(fm) = &doc.front_matter {
            refs.code(fm.clone());
        }
        let mut walk = BlockWalk {
            src,
            prefilter,
            fields,
            out: &mut doc.blocks,
            sections: start.sections,
            front_matter: None,
            refs,
            comments: Vec::new(),
            after_footnote: start.after_footnote,
        };
        walk.run(self, tree.root_node());
        let end = Carry {
            sections: walk.sections,
            reference_list: walk.refs.reference_list(),
            after_footnote: walk.after_footnote,
        };
        doc.front_matter = doc.front_matter.or(walk.front_matter);
        doc.comments = walk.comments;
        doc.references = walk.refs.finish();
        doc.tree = Some(tree);
        (doc, end)
    }

    /// The block tree of a part of a document (`at_start`: the part starts the document, where
    /// front matter may be), without the walk that turns it into prose: where an editor finds
    /// the places the part can be cut into pieces that parse alone.
    pub fn block_tree(&mut self, src: &str, at_start: bool) -> Option<Tree> {
        let json = if at_start {
            frontmatter::json_end(src)
        } else {
            None
        };
        self.tree_after(src, json)
    }

    /// The block tree of `src`, after its JSON front matter when it has some (`json`: where
    /// that ends). JSON front matter is not Markdown syntax: the block grammar parses what
    /// follows it.
    fn tree_after(&mut self, src: &str, json: Option<usize>) -> Option<Tree> {
        joined::join_words(src, &mut self.joined);
        let Some(end) = json else {
            return self.block.parse(&self.joined, None);
        };
        let rest = TsRange {
            start_byte: end,
            end_byte: src.len(),
            start_point: advance(src, 0, Point::new(0, 0), end),
            end_point: advance(src, 0, Point::new(0, 0), src.len()),
        };
        self.block.set_included_ranges(&[rest]).ok()?;
        let tree = self.block.parse(&self.joined, None);
        // Back to the whole document for the next file.
        self.block.set_included_ranges(&[]).ok();
        tree
    }

    /// Parses the inline content in `ranges` and emits it as a block (plus one per image alt).
    fn emit(&mut self, w: &mut BlockWalk, scope: Scope) {
        self.ranges.retain(|r| r.end_byte > r.start_byte);
        let (Some(first), Some(last)) = (self.ranges.first(), self.ranges.last()) else {
            return;
        };
        let block = first.start_byte..last.end_byte;
        let raw = w.src.get(block.clone()).unwrap_or_default();
        let pieces: Vec<Range<usize>> = self
            .ranges
            .iter()
            .map(|r| r.start_byte..r.end_byte)
            .collect();
        if raw.trim().is_empty() {
            return;
        }
        let keep = wanted(w.prefilter, raw, scope);
        // Code spans and comments matter to references and directives even in a block no rule
        // could match; only the inline grammar finds them exactly.
        let needs_inline = raw.contains('`') || raw.contains("<!--");
        let mut st = Stitch::new(w.src);
        let markup = keep && self.ranges.iter().any(|r| has_inline_markup(w.src, r));
        let costly = (needs_inline || markup)
            .then(|| inline_too_costly(w.src, &self.ranges))
            .flatten();
        if (!needs_inline && !markup) || costly.is_some() {
            // Plain prose: the inline tree would have nothing to take out, so skip its parse,
            // which costs more than the block parse of the whole file. Brackets nested deeper
            // than any prose does, or too many emphasis delimiters, are read as plain text too
            // (see `inline_too_costly`), and recorded so that the user is told.
            if let Some((at, why)) = costly {
                w.refs.unparsed(Unparsed { block, at, why });
            }
            w.refs.prose(w.src, &pieces, false);
            if keep {
                stitch(&mut st, pieces.iter().cloned(), &[]);
                w.out.extend(st.finish(scope));
            }
            return;
        }
        if self.inline.set_included_ranges(&self.ranges).is_err() {
            return;
        }
        let Some(tree) = self.inline.parse(w.src, None) else {
            return;
        };
        self.holes.clear();
        self.alts.clear();
        self.marks.clear();
        collect_holes(
            tree.root_node(),
            w.src,
            &mut self.holes,
            &mut self.alts,
            &mut self.marks,
            &mut st,
        );
        if raw.contains("<!--") {
            self.comments(w.src, &pieces);
        }
        self.marks.sort_by_key(|m| match m {
            Mark::Code(r) | Mark::Comment(r) => r.start,
        });
        for mark in &self.marks {
            match mark {
                Mark::Code(r) => w.refs.code(r.clone()),
                Mark::Comment(r) => {
                    w.refs.code(r.clone());
                    w.comments.push(r.clone());
                }
            }
        }
        w.refs.prose(w.src, &pieces, false);
        if !keep {
            return;
        }
        // Link syntax after a link's text is recorded before the holes inside the text.
        self.holes.sort_by_key(|h| h.start);
        stitch(
            &mut st,
            self.ranges.iter().map(|r| r.start_byte..r.end_byte),
            &self.holes,
        );
        w.out.extend(st.finish(scope));
        for alt in &self.alts {
            self.emit_alt(w, alt.clone());
        }
    }

    /// Finds the HTML comments in `pieces` outside code spans, as marks and holes.
    /// tree-sitter-md follows CommonMark 0.30, where a comment may not contain `--`, so
    /// `<!-- healthlint-disable-line -- reason -->` is no `html_tag` node: the comments are
    /// read from the text, as a browser reads them.
    fn comments(&mut self, src: &str, pieces: &[Range<usize>]) {
        let in_code = |pos: usize, marks: &[Mark]| {
            marks
                .iter()
                .any(|m| matches!(m, Mark::Code(r) if r.contains(&pos)))
        };
        let mut found = Vec::new();
        for piece in pieces {
            for token in html::tokens(src, piece.clone()) {
                if let html::Token::Comment { span, .. } = token {
                    if !in_code(span.start, &self.marks) {
                        found.push(span);
                    }
                }
            }
        }
        for span in found {
            self.holes.push(Hole {
                start: span.start,
                end: span.end,
                kind: HoleKind::Space,
            });
            self.marks.push(Mark::Comment(span));
        }
    }

    /// Emits image alt text as its own block, reusing the holes found inside it.
    fn emit_alt(&self, w: &mut BlockWalk, alt: Range<usize>) {
        let raw = w.src.get(alt.clone()).unwrap_or_default();
        if raw.trim().is_empty() || !wanted(w.prefilter, raw, Scope::Alt) {
            return;
        }
        let ranges = self.ranges.iter().filter_map(|r| {
            let clip = r.start_byte.max(alt.start)..r.end_byte.min(alt.end);
            (!clip.is_empty()).then_some(clip)
        });
        // Holes are sorted by start, so the ones inside the description are a contiguous run.
        let first = self.holes.partition_point(|h| h.start < alt.start);
        let last = self.holes.partition_point(|h| h.start < alt.end);
        let holes = self.holes.get(first..last).unwrap_or_default();
        let mut st = Stitch::new(w.src);
        stitch(&mut st, ranges, holes);
        w.out.extend(st.finish(Scope::Alt));
    }

    /// Sets the included ranges to `node`'s range minus its named children (the
    /// `block_continuation` markers `> ` and list indentation), starting at `from`.
    fn set_ranges(&mut self, node: Node, from: usize, src: &str) {
        self.ranges.clear();
        let mut rest = node.range();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            let c = child.range();
            self.ranges.push(TsRange {
                end_byte: c.start_byte,
                end_point: c.start_point,
                ..rest
            });
            rest.start_byte = c.end_byte;
            rest.start_point = c.end_point;
        }
        self.ranges.push(rest);
        self.ranges.retain(|r| r.end_byte > from);
        if let Some(r) = self.ranges.first_mut() {
            if r.start_byte < from {
                r.start_point = advance(src, r.start_byte, r.start_point, from);
                r.start_byte = from;
            }
        }
    }

    /// Cuts the included ranges at `to` (used for an ATX heading's closing `#`s).
    fn truncate_ranges(&mut self, to: usize, src: &str) {
        self.ranges.retain(|r| r.start_byte < to);
        if let Some(r) = self.ranges.last_mut() {
            if r.end_byte > to {
                r.end_point = advance(src, r.start_byte, r.start_point, to);
                r.end_byte = to;
            }
        }
    }
}

impl Default for MarkdownParser {
    fn default() -> Self {
        Self::new()
    }
}

/// What a walk carries from one top-level block to the next beyond the block tree: the open
/// sections, the reference list being read, and whether the last block was a footnote
/// definition. A part of a document parsed alone starts from the state its previous part ended
/// in; when an edit leaves a part's end state unchanged, the parts after it need no re-parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carry {
    sections: Sections,
    reference_list: ReferenceList,
    after_footnote: bool,
}

/// State of one document's block-tree walk.
struct BlockWalk<'a, 'o> {
    src: &'a str,
    prefilter: &'a dyn Prefilter,
    fields: Fields<'a>,
    out: &'o mut Vec<Block>,
    sections: Sections,
    front_matter: Option<Range<usize>>,
    refs: Collector,
    /// HTML comments outside code, in document order.
    comments: Vec<Range<usize>>,
    /// Whether the last block was a footnote definition: tree-sitter-md knows no footnotes, so
    /// an indented paragraph after one reads as code when it continues the footnote.
    after_footnote: bool,
}

impl BlockWalk<'_, '_> {
    /// Walks the block tree iteratively (deeply nested lists and quotes must not overflow the
    /// stack), tracking the innermost container (list item or block quote) for each paragraph.
    fn run(&mut self, p: &mut MarkdownParser, root: Node) {
        let mut cursor = root.walk();
        let mut containers: Vec<Scope> = Vec::new();
        loop {
            let node = cursor.node();
            let scope = containers.last().copied().unwrap_or(Scope::Paragraph);
            if self.visit(p, node, scope) && cursor.goto_first_child() {
                if let Some(s) = container_scope(node.kind()) {
                    containers.push(s);
                }
                continue;
            }
            if !next_node(&mut cursor, &mut containers) {
                return;
            }
        }
    }

    /// Handles one block node; returns whether to descend into its children. The blocks it
    /// emits are stamped with the section they are in.
    fn visit(&mut self, p: &mut MarkdownParser, node: Node, scope: Scope) -> bool {
        let before = self.out.len();
        let descend = self.visit_kind(p, node, scope);
        // An HTML block may hold headings of its own, and stamps its blocks as it goes.
        if node.kind() != "html_block" {
            let section = self.sections.current();
            for block in &mut self.out[before..] {
                block.section = section;
            }
        }
        descend
    }

    fn visit_kind(&mut self, p: &mut MarkdownParser, node: Node, scope: Scope) -> bool {
        match node.kind() {
            kind @ ("minus_metadata" | "plus_metadata") => {
                let syntax = if kind == "plus_metadata" {
                    Syntax::Toml
                } else {
                    Syntax::Yaml
                };
                let range = node.byte_range();
                self.front_matter = Some(range.clone());
                self.refs.code(range.clone());
                frontmatter::extract(
                    self.src,
                    range,
                    syntax,
                    self.fields,
                    self.prefilter,
                    self.out,
                );
            }
            "atx_heading" => {
                self.after_footnote = false;
                let text = self.src.get(node.byte_range()).unwrap_or_default();
                if sections::is_end_mark(text) {
                    self.sections.end_mark();
                }
                if let Some(inline) = node.child_by_field_name("heading_content") {
                    let level = node.child(0).map_or(1, |m| heading_level(m.kind()));
                    let raw = self.src.get(inline.byte_range()).unwrap_or_default();
                    self.sections.heading(level, raw);
                    self.refs.heading(raw);
                    p.set_ranges(inline, 0, self.src);
                    p.truncate_ranges(atx_content_end(self.src, inline.byte_range()), self.src);
                    p.emit(self, Scope::Heading);
                }
            }
            "setext_heading" => {
                self.after_footnote = false;
                if let Some(inline) = node
                    .child_by_field_name("heading_content")
                    .and_then(|para| named_child(para, "inline"))
                {
                    let underline = named_child(node, "setext_h2_underline");
                    let raw = self.src.get(inline.byte_range()).unwrap_or_default();
                    self.sections
                        .heading(if underline.is_some() { 2 } else { 1 }, raw);
                    self.refs.heading(raw);
                    p.set_ranges(inline, 0, self.src);
                    p.emit(self, Scope::Heading);
                }
            }
            "paragraph" => {
                if let Some(inline) = named_child(node, "inline") {
                    let footnote = footnote_def_end(self.src, inline.start_byte());
                    if footnote.is_some() {
                        let line = self.first_line(inline.byte_range());
                        self.refs.link_definition(self.src, line);
                    }
                    self.after_footnote = footnote.is_some();
                    p.set_ranges(inline, footnote.unwrap_or(0), self.src);
                    let raw = self.src.get(inline.byte_range()).unwrap_or_default();
                    match html::heading_paragraph(raw) {
                        Some(level) => {
                            self.sections.heading(level, raw);
                            self.refs.heading(raw);
                            p.emit(self, Scope::Heading);
                        }
                        None => {
                            if sections::is_end_mark(raw) {
                                self.sections.end_mark();
                            } else if sections::opens_section(raw) {
                                self.sections.heading(sections::PARAGRAPH_LEVEL, raw);
                            }
                            p.emit(self, scope);
                        }
                    }
                }
            }
            "indented_code_block" if self.after_footnote => {
                // A footnote's further paragraph, indented under its definition.
                p.set_ranges(node, 0, self.src);
                p.emit(self, scope);
            }
            "fenced_code_block" | "indented_code_block" => {
                self.after_footnote = false;
                self.refs.code(node.byte_range());
            }
            "pipe_table_cell" => {
                p.set_ranges(node, 0, self.src);
                p.emit(self, Scope::TableCell);
            }
            "link_reference_definition" => {
                self.after_footnote = footnote_def_end(self.src, node.start_byte()).is_some();
                self.refs.link_definition(self.src, node.byte_range());
                self.footnote_definition(node, scope);
            }
            "html_block" => {
                self.after_footnote = false;
                p.set_ranges(node, 0, self.src);
                let ranges: Vec<Range<usize>> =
                    p.ranges.iter().map(|r| r.start_byte..r.end_byte).collect();
                let (refs, comments) = (&mut self.refs, &mut self.comments);
                let blocks = html::blocks(self.src, &ranges, scope, |token| match token {
                    html::Token::Comment { span, .. } => {
                        refs.code(span.clone());
                        comments.push(span.clone());
                    }
                    html::Token::Opaque(r) => refs.code(r.clone()),
                    _ => {}
                });
                self.refs.prose(self.src, &ranges, false);
                for b in blocks {
                    if let Some(level) = b.level {
                        self.sections.heading(level, &b.block.text);
                    }
                    if wanted(self.prefilter, &b.block.text, b.block.scope) {
                        let section = self.sections.current();
                        self.out.push(Block { section, ..b.block });
                    }
                }
            }
            "list_item" => {
                if let Some(n) = list_number(node, self.src) {
                    let text = self.src.get(node.byte_range()).unwrap_or_default();
                    let line = self.first_line(node.byte_range());
                    self.refs.list_item(n, line, text);
                }
                return true;
            }
            kind => return !SKIP_BLOCK.contains(&kind),
        }
        false
    }

    /// The first line of `range` (without its line break).
    fn first_line(&self, range: Range<usize>) -> Range<usize> {
        let text = self.src.get(range.clone()).unwrap_or_default();
        range.start..range.start + text.find(['\r', '\n']).unwrap_or(text.len())
    }

    /// A one-word footnote definition `[^1]: text` parses as a link reference definition; its
    /// text is still prose. Real link reference definitions are skipped.
    fn footnote_definition(&mut self, node: Node, scope: Scope) {
        let range = node.byte_range();
        let Some(from) = footnote_def_end(self.src, range.start) else {
            return;
        };
        let raw = self.src.get(from..range.end).unwrap_or_default();
        if raw.trim().is_empty() || !wanted(self.prefilter, raw, scope) {
            return;
        }
        let mut st = Stitch::new(self.src);
        st.copy(from..range.end);
        self.out.extend(st.finish(scope));
    }
}

/// Moves the cursor to the next node in pre-order after the current node's subtree, popping
/// container scopes as it climbs out of them. Returns false at the end of the tree.
fn next_node(cursor: &mut TreeCursor, containers: &mut Vec<Scope>) -> bool {
    loop {
        if cursor.goto_next_sibling() {
            return true;
        }
        if !cursor.goto_parent() {
            return false;
        }
        if container_scope(cursor.node().kind()).is_some() {
            containers.pop();
        }
    }
}

/// The number of an ordered list item (`3.` or `3)`), if it is one.
fn list_number(item: Node, src: &str) -> Option<u32> {
    let marker = item.child(0)?;
    if !matches!(marker.kind(), "list_marker_dot" | "list_marker_parenthesis") {
        return None;
    }
    let text = src.get(marker.byte_range())?.trim();
    text.trim_end_matches(['.', ')']).parse().ok()
}

/// The level of an ATX heading from its marker's kind (`atx_h2_marker` is 2).
fn heading_level(marker: &str) -> u8 {
    marker
        .strip_prefix("atx_h")
        .and_then(|r| r.bytes().next())
        .filter(u8::is_ascii_digit)
        .map_or(1, |d| d - b'0')
}

/// Scope that a container node gives the paragraphs inside it.
fn container_scope(kind: &str) -> Option<Scope> {
    match kind {
        "list_item" => Some(Scope::ListItem),
        "block_quote" => Some(Scope::BlockQuote),
        _ => None,
    }
}

/// First named child of `node` of the given kind.
fn named_child<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    let found = node.named_children(&mut cursor).find(|c| c.kind() == kind);
    found
}

/// End of an ATX heading's text: before an optional closing sequence of `#`s (CommonMark §4.2).
fn atx_content_end(src: &str, inline: Range<usize>) -> usize {
    let Some(raw) = src.get(inline.clone()) else {
        return inline.end;
    };
    let trimmed = raw.trim_end();
    let without = trimmed.trim_end_matches('#');
    if without.len() < trimmed.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        inline.start + without.trim_end().len()
    } else {
        inline.start + trimmed.len()
    }
}

/// If a footnote definition marker `[^id]:` starts at `start`, the offset of the text after it.
fn footnote_def_end(src: &str, start: usize) -> Option<usize> {
    let rest = src.get(start..)?.strip_prefix("[^")?;
    let close = rest.find(']')?;
    if rest[..close].contains(char::is_whitespace) || !rest[close + 1..].starts_with(':') {
        return None;
    }
    let after = &rest[close + 2..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    Some(start + 2 + close + 2 + spaces)
}

/// The point of byte `to`, given the point of byte `from` (`from <= to`).
fn advance(src: &str, from: usize, at: Point, to: usize) -> Point {
    let Some(between) = src.as_bytes().get(from..to) else {
        return at;
    };
    match between.iter().rposition(|&b| b == b'\n') {
        None => Point::new(at.row, at.column + between.len()),
        Some(nl) => Point::new(
            at.row + between.iter().filter(|&&b| b == b'\n').count(),
            between.len() - nl - 1,
        ),
    }
}

/// Walks an inline tree in pre-order (iteratively), recording the markup to take out of the
/// text as `holes` (holes may nest inside image holes), links on the stitcher,
/// and image descriptions in `alts`.
fn collect_holes(
    root: Node,
    src: &str,
    holes: &mut Vec<Hole>,
    alts: &mut Vec<Range<usize>>,
    marks: &mut Vec<Mark>,
    st: &mut Stitch,
) {
    let mut cursor = root.walk();
    // For each ancestor on the cursor's path: its kind (to know when a child is link syntax).
    let mut parents = Vec::new();
    loop {
        let node = cursor.node();
        let parent = parents.last().copied().unwrap_or("");
        if visit_inline(node, parent, src, holes, alts, marks, st) && cursor.goto_first_child() {
            parents.push(node.kind());
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            parents.pop();
        }
    }
}

/// Handles one inline node; returns whether to descend into its children.
fn visit_inline(
    node: Node,
    parent: &str,
    src: &str,
    holes: &mut Vec<Hole>,
    alts: &mut Vec<Range<usize>>,
    marks: &mut Vec<Mark>,
    st: &mut Stitch,
) -> bool {
    let kind = node.kind();
    let range = node.byte_range();
    let (start, end) = (range.start, range.end);
    let hole = |kind| Hole { start, end, kind };
    if LINK_KINDS.contains(&parent) {
        // Everything of a link but its text was dropped when the link node was visited.
        return kind == "link_text";
    }
    if parent == "image" {
        if kind == "image_description" {
            alts.push(range);
            return true;
        }
        return false;
    }
    match kind {
        "emphasis_delimiter" => holes.push(hole(HoleKind::Drop)),
        "backslash_escape" => holes.push(Hole {
            start: range.start,
            end: range.start + 1,
            kind: HoleKind::Drop,
        }),
        "entity_reference" | "numeric_character_reference" => {
            holes.push(hole(HoleKind::Entity));
        }
        "uri_autolink" | "email_autolink" => {
            let text = src.get(range.clone()).unwrap_or_default();
            st.link(range, text.trim_matches(['<', '>']).to_owned());
            holes.push(hole(HoleKind::Space));
        }
        "image" => {
            st.link(range, destination(node, src));
            holes.push(hole(HoleKind::Space));
            return true;
        }
        "shortcut_link" => {
            let text = src.get(range.clone()).unwrap_or_default();
            let label = text.trim_start_matches('[').trim_end_matches(']');
            if label.starts_with('^') || label.starts_with('!') {
                // Footnote reference (a link for citation checks) or GitHub alert marker.
                if label.starts_with('^') {
                    st.link(range, label.to_owned());
                }
                holes.push(hole(HoleKind::Space));
                return false;
            }
            st.link(range, label.to_owned());
            drop_link_syntax(node, holes);
            return true;
        }
        k if LINK_KINDS.contains(&k) => {
            st.link(range, destination(node, src));
            drop_link_syntax(node, holes);
            return true;
        }
        "code_span" => {
            marks.push(Mark::Code(range.clone()));
            holes.push(hole(HoleKind::Space));
        }
        "html_tag" => {
            let token = html::tokens(src, range.clone()).into_iter().next();
            if let Some(html::Token::Tag { name, href, .. }) = token {
                if html::joins_words(name) {
                    if let Some(href) = href {
                        st.link(range.clone(), href.to_owned());
                    }
                    holes.push(hole(HoleKind::Drop));
                    return false;
                }
            }
            holes.push(hole(HoleKind::Space));
        }
        "latex_block" if !is_math(src, range.clone()) => return true,
        "latex_block" => holes.push(hole(HoleKind::Space)),
        k if SPACE_INLINE.contains(&k) => holes.push(hole(HoleKind::Space)),
        _ => return true,
    }
    false
}

/// Drops everything of a link but its text: brackets, destination, title, label and the white
/// space between them (which is not covered by any node).
fn drop_link_syntax(node: Node, holes: &mut Vec<Hole>) {
    let range = node.byte_range();
    let text = named_child(node, "link_text").map_or(range.end..range.end, |t| t.byte_range());
    for (start, end) in [(range.start, text.start), (text.end, range.end)] {
        if end > start {
            let kind = HoleKind::Drop;
            holes.push(Hole { start, end, kind });
        }
    }
}

/// Whether a `$…$` span is math rather than prices ("$5 and $10"): as in Pandoc, single-dollar
/// math has no white space just inside the dollars and no digit right after the closing one.
fn is_math(src: &str, range: Range<usize>) -> bool {
    let Some(text) = src.get(range.clone()) else {
        return false;
    };
    if text.starts_with("$$") {
        return true;
    }
    let inner = text.trim_matches('$');
    let digit_after = src
        .as_bytes()
        .get(range.end)
        .is_some_and(u8::is_ascii_digit);
    !inner.is_empty()
        && !inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace)
        && !digit_after
}

/// A link's destination: the URL of an inline link or image, else the reference label.
fn destination(node: Node, src: &str) -> String {
    let mut text_label = None;
    for i in 0..node.child_count() {
        let Some(child) = node.child(i) else {
            continue;
        };
        let text = src.get(child.byte_range()).unwrap_or_default();
        match child.kind() {
            "link_destination" => return text.trim_matches(['<', '>']).to_owned(),
            "link_label" => {
                return text
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_owned()
            }
            "link_text" => text_label = Some(text),
            _ => {}
        }
    }
    text_label.unwrap_or_default().to_owned()
}

/// Bytes that can open inline syntax: code spans, emphasis, links and images, autolinks and
/// HTML, escapes, entities, maths and strikethrough. Text without any of them parses to plain
/// text.
const INLINE_MARKUP: &[u8] = b"`*_[]<\\&$~";

/// [`INLINE_MARKUP`] as a table by byte: every byte of every kept block is looked up, and a
/// search of the list for each was a thirtieth of a run's instructions (callgrind).
const IS_INLINE_MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < INLINE_MARKUP.len() {
        table[INLINE_MARKUP[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_inline_markup(byte: u8) -> bool {
    IS_INLINE_MARKUP[usize::from(byte)]
}

/// Deepest nesting of unclosed brackets and parentheses given to the inline parse. tree-sitter's
/// inline grammar keeps parse stack versions for every open bracket and frees them recursively:
/// 21,875 unclosed `[a](` overflowed a thread's stack, and a megabyte of `![` took 10 GB.
pub(super) const MAX_INLINE_DEPTH: usize = 256;

/// Most emphasis and code delimiters (`*` `_` `~` `` ` ``) times bytes of a block given to the
/// inline parse. Its scanner looks ahead through the block for each delimiter's closer, so a
/// block of N delimiters costs N times its length: 128 KB of `*` took minutes. Real paragraphs
/// stay orders of magnitude below (a 10 KB paragraph with a hundred delimiters is 1 M), and the
/// cost of any block allowed is bounded, which keeps the parse linear over many blocks.
pub(super) const MAX_INLINE_WORK: usize = 4 << 20;

/// Most bytes of inline markup (any of [`INLINE_MARKUP`]) in one block given to the inline parse.
/// tree-sitter keeps a node of a few hundred bytes for each, so a block that is a run of `]` costs
/// half a gigabyte per megabyte and several seconds. A long paragraph of real prose with links and
/// emphasis holds a few hundred.
pub(super) const MAX_INLINE_MARKUP: usize = 16 << 10;

/// Whether the inline parse of `ranges` would be pathological: brackets nested deeper than
/// [`MAX_INLINE_DEPTH`], more delimiter work than [`MAX_INLINE_WORK`] or more markup than
/// [`MAX_INLINE_MARKUP`]. No prose comes near any, so such a block is linted as plain text, its
/// markup left in. Says where the limit was passed and which.
fn inline_too_costly(src: &str, ranges: &[TsRange]) -> Option<(usize, Costly)> {
    let (mut depth, mut delimiters, mut len, mut markup) = (0_usize, 0_usize, 0_usize, 0_usize);
    for range in ranges {
        let bytes = (src.as_bytes().get(range.start_byte..range.end_byte)).unwrap_or_default();
        len += bytes.len();
        for (i, &b) in bytes.iter().enumerate() {
            if is_inline_markup(b) {
                markup += 1;
                if markup > MAX_INLINE_MARKUP {
                    return Some((range.start_byte + i, Costly::Markup));
                }
            }
            match b {
                b'[' | b'(' => depth += 1,
                b']' | b')' => depth = depth.saturating_sub(1),
                b'*' | b'_' | b'~' | b'`' => delimiters += 1,
                _ => continue,
            }
            if depth > MAX_INLINE_DEPTH {
                return Some((range.start_byte + i, Costly::Nesting));
            }
        }
    }
    let start = ranges.first().map_or(0, |r| r.start_byte);
    (delimiters.saturating_mul(len) > MAX_INLINE_WORK).then_some((start, Costly::Delimiters))
}

fn has_inline_markup(src: &str, range: &TsRange) -> bool {
    src.as_bytes()
        .get(range.start_byte..range.end_byte)
        .is_none_or(|bytes| bytes.iter().any(|&b| is_inline_markup(b)))
}

/// Copies the prose in `ranges` into the stitcher, taking out `holes` (sorted by start; a hole
/// nested inside an earlier one is already covered and skipped).
fn stitch(st: &mut Stitch, ranges: impl Iterator<Item = Range<usize>>, holes: &[Hole]) {
    let mut first = 0;
    for r in ranges {
        while first < holes.len() && holes[first].end <= r.start {
            first += 1;
        }
        let mut pos = r.start;
        for h in &holes[first..] {
            if h.start >= r.end {
                break;
            }
            if h.end <= pos {
                continue;
            }
            if h.start > pos {
                st.copy(pos..h.start);
            }
            match h.kind {
                HoleKind::Drop => {}
                HoleKind::Space => st.hole(h.start.max(pos)),
                HoleKind::Entity => {
                    let raw = st.source(h.start..h.end);
                    match entities::decode(raw) {
                        Some(text) => st.insert(h.start..h.end, &text),
                        None => st.hole(h.start),
                    }
                }
            }
            pos = pos.max(h.end);
        }
        if pos < r.end {
            st.copy(pos..r.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::plain::tests::{assert_offsets, render, Only};
    use super::super::KeepAll;
    use super::*;

    fn parse(src: &str) -> Document {
        let doc = MarkdownParser::new().parse(src, &KeepAll);
        assert_offsets(src, &doc);
        doc
    }

    fn md(src: &str) -> String {
        render(&parse(src))
    }

    #[test]
    fn a_block_tree_parsed_ahead_serves_only_its_own_text() {
        let src = "{\"title\": \"Cures *all*\"}\n# Big *claim*\n\n> quoted `code`\n";
        let ahead = || MarkdownParser::new().parse_ahead(src).expect("a tree");
        let mut parser = MarkdownParser::new();
        parser.use_ahead(ahead());
        assert_eq!(render(&parser.parse(src, &KeepAll)), md(src));
        parser.use_ahead(ahead());
        assert_eq!(
            render(&parser.parse("Other text.", &KeepAll)),
            md("Other text.")
        );
        assert!(
            parser.ahead.is_none(),
            "a tree is offered to one parse only"
        );
    }

    #[test]
    fn headings_and_paragraphs() {
        assert_eq!(
            md("# Big *claim* #\n\nSome **bold** text\nsoft break.\n\nSetext title\n============\n"),
            "Heading: Big claim\nParagraph: Some bold text\nsoft break.\nHeading: Setext title\n"
        );
    }

    #[test]
    fn block_quote_continuation_has_no_markers() {
        assert_eq!(md("> a\n> b\n"), "BlockQuote: a\nb\n");
        assert_eq!(
            md("> line one of quote\n> line two `code` end\n"),
            "BlockQuote: line one of quote\nline two end\n"
        );
        assert_eq!(md("> [!NOTE]\n> Take care.\n"), "BlockQuote: Take care.\n");
    }

    #[test]
    fn innermost_container_wins() {
        assert_eq!(
            md("> - item in quote\n>   continued\n\n- outer\n  - inner\n"),
            "ListItem: item in quote\ncontinued\nListItem: outer\nListItem: inner\n"
        );
    }

    #[test]
    fn tables() {
        assert_eq!(
            md("| Drug | Effect |\n|---|---|\n| *A* | cures `x` all |\n"),
            "TableCell: Drug\nTableCell: Effect\nTableCell: A\nTableCell: cures all\n"
        );
    }

    #[test]
    fn links_and_images() {
        let src = "See [NHS *advice*](https://nhs.uk \"t\") and ![a *pill* photo](p.png) now.\n";
        let doc = parse(src);
        assert_eq!(
            render(&doc),
            "Paragraph: See NHS advice and now.\nAlt: a pill photo\n"
        );
        let links = &doc.blocks[0].links;
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].destination, "https://nhs.uk");
        assert_eq!(
            &src[links[0].span.clone()],
            "[NHS *advice*](https://nhs.uk \"t\")"
        );
        assert_eq!(links[1].destination, "p.png");
    }

    #[test]
    fn reference_links_footnotes_autolinks() {
        let src = "A [full][lab] and [coll][] and [short] ref[^1] <https://a.org> <x@y.org>.\n\n\
                   [lab]: https://x.org\n\n[^1]: Smith et al. 2020 found it.\n\n[^2]: single\n";
        let doc = parse(src);
        assert_eq!(
            render(&doc),
            "Paragraph: A full and coll and short ref .\n\
             Paragraph: Smith et al. 2020 found it.\nParagraph: single\n"
        );
        let dests: Vec<_> = doc.blocks[0]
            .links
            .iter()
            .map(|l| l.destination.as_str())
            .collect();
        assert_eq!(
            dests,
            ["lab", "coll", "short", "^1", "https://a.org", "x@y.org"]
        );
        assert_eq!(&src[doc.blocks[0].links[3].span.clone()], "[^1]");
    }

    #[test]
    fn bare_urls_and_emails_are_masked() {
        let src = "Read https://example.org/x. Mail me@example.com please.\n";
        let doc = parse(src);
        assert_eq!(doc.blocks[0].text, "Read . Mail please.");
        let dests: Vec<_> = doc.blocks[0]
            .links
            .iter()
            .map(|l| l.destination.as_str())
            .collect();
        assert_eq!(dests, ["https://example.org/x", "me@example.com"]);
    }

    #[test]
    fn code_html_tags_math_are_removed() {
        let src = "Intro.\n\n```\ncode cures\n```\n\n    indented\n\n<div>\nhtml <!-- x --> block\n</div>\n\n\
                   Take `x`daily<!-- note --> with <b>fo</b>od and $x^2$ math\\* &amp; more.\n\n---\n";
        assert_eq!(
            md(src),
            "Paragraph: Intro.\nParagraph: html block\n\
             Paragraph: Take daily with food and math* & more.\n"
        );
    }

    #[test]
    fn html_blocks_are_prose_in_their_container() {
        let src = "# Title\n\n<p>Stem cells are a\n<em>miracle</em> cure.</p>\n\n\
                   - <div>In a list</div>\n\n<h2>Red flags</h2>\n\n> <p>In a quote</p>\n\n\
                   <table><tr><td>A&nbsp;cell</td></tr></table>\n";
        assert_eq!(
            md(src),
            "Heading: Title\nParagraph: Stem cells are a\nmiracle cure.\nListItem: In a list\n\
             Heading: Red flags\nBlockQuote: In a quote\nTableCell: A cell\n"
        );
        let doc = parse(src);
        let miracle = &doc.blocks[1];
        let at = miracle.text.find("miracle cure").unwrap_or_default();
        let r = miracle
            .offsets
            .range_to_source(at..at + "miracle cure".len());
        assert_eq!(&src[r], "miracle</em> cure");
    }

    #[test]
    fn dollar_prices_are_not_math() {
        assert_eq!(
            md("It costs $5 and $10 a month.\n\nPrice $5, then $6.\n"),
            "Paragraph: It costs $5 and $10 a month.\nParagraph: Price $5, then $6.\n"
        );
    }

    #[test]
    fn task_lists_and_ordered_lists() {
        assert_eq!(
            md("- [ ] task item\n- [x] done\n\n1. one\n2) two\n"),
            "ListItem: task item\nListItem: done\nListItem: one\nListItem: two\n"
        );
    }

    #[test]
    fn front_matter_with_bom() {
        let src = "\u{feff}---\ntitle: \"Miracle cure\"\ndescription: It works\n---\n\nBody.\n";
        assert_eq!(
            md(src),
            "Title: Miracle cure\nFrontMatter: It works\nParagraph: Body.\n"
        );
        let toml = "+++\ntitle = 'T'\n+++\n";
        assert_eq!(md(toml), "Title: T\n");
    }

    #[test]
    fn crlf() {
        let src = "# Head\r\n\r\n> one\r\n> two\r\n\r\n- a\r\n  b\r\n";
        assert_eq!(
            md(src),
            "Heading: Head\nBlockQuote: one\r\ntwo\nListItem: a\r\nb\n"
        );
    }

    #[test]
    fn prefilter_skips_blocks_but_keeps_headings() {
        let src = "# Nothing\n\nA *miracle* cure.\n\nPlain.\n\n## Also nothing\n";
        let doc = MarkdownParser::new().parse(src, &Only("miracle"));
        assert_eq!(
            render(&doc),
            "Heading: Nothing\nParagraph: A miracle cure.\nHeading: Also nothing\n"
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let deep_list: String = (0..200)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let deep_quote = format!("{} deep\n", ">".repeat(500));
        let table = format!("|a|b|\n|-|-|\n{}", "| c | d |\n".repeat(2000));
        let inputs = [
            "",
            "\u{feff}",
            "---\n",
            "---\ntitle: x\n",
            "```\nunclosed",
            "# ",
            "#",
            "> ",
            "[^",
            "[^1]:",
            "![](x)",
            "*a **b* c**",
            "é ü — µ `é` <é> [é](é) ![é](é)",
            "\r\n\r\n",
            "| a |\n|---|\n",
            deep_list.as_str(),
            deep_quote.as_str(),
            table.as_str(),
        ];
        let mut p = MarkdownParser::new();
        for src in inputs {
            let doc = p.parse(src, &KeepAll);
            assert_offsets(src, &doc);
        }
    }
}
