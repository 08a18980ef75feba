//! Re-parsing only what an edit touched. An open Markdown document is kept as chunks: runs of
//! top-level blocks, cut where a line starts at column 0 after a blank line, outside any
//! fenced code or HTML block (the tree says where its top-level blocks start). Parsing starts
//! afresh at such a line: no list item, block quote or code block stays open across it. So a
//! chunk parses alone exactly as it does inside the whole document, and after an edit only the
//! chunks it touched are parsed again, with the tree-sitter parse of that region cut into new
//! chunks.
//!
//! Why not tree-sitter's own incremental re-parse (`Tree::edit`, then parse with the old tree)?
//! On a 50 KB article it measured 24–45 ms, more than half of a full parse: Markdown's block
//! trees are flat (long runs of sibling paragraphs), which tree-sitter re-walks sibling by
//! sibling. A region of a few paragraphs parses in well under a millisecond.
//!
//! The region re-parsed grows until both its ends are cut points in the new text: its first
//! line starts at column 0 after a blank line (or at the start), the line after it too (or it
//! ends the text), and it does not end inside a fenced code block or HTML block still open,
//! which would swallow what follows (then it runs to the end of the text).

use std::ops::Range;

use tree_sitter::{Node, Tree};

use crate::parse::{Block, Carry, Document, Fields, MarkdownParser, Prefilter, References};

/// A run of top-level blocks and what its parse found, with offsets relative to the chunk's
/// start.
#[derive(Debug, Clone)]
struct Chunk {
    range: Range<usize>,
    /// The parse's state where the chunk starts (`None`: it starts the document): the open
    /// sections and reference list, which reach across chunks.
    carry: Option<Carry>,
    blocks: Vec<Block>,
    references: References,
    comments: Vec<Range<usize>>,
    front_matter: Option<Range<usize>>,
}

/// What every chunk's parse takes: the prefilter and the front matter fields read as prose.
pub struct Parse<'a> {
    pub parser: &'a mut MarkdownParser,
    pub prefilter: &'a dyn Prefilter,
    pub fields: Fields<'a>,
}

/// One document's chunks and the text they were parsed from.
#[derive(Debug, Default)]
pub struct Chunks {
    text: String,
    chunks: Vec<Chunk>,
    /// Bytes parsed by the last [`Chunks::parse`] (for tests and the benchmark).
    pub parsed: usize,
}

impl Chunks {
    /// The parse of `text` (its blocks, reference apparatus, comments and front matter; no
    /// tree), parsing only what changed since the last call.
    pub fn parse(&mut self, p: &mut Parse, text: &str) -> Document {
        if self.chunks.is_empty() {
            self.chunks = parse_region(p, text, 0..text.len(), None).0;
            self.parsed = text.len();
        } else if self.text != text {
            self.update(p, text);
        } else {
            self.parsed = 0;
        }
        self.text.clear();
        self.text.push_str(text);
        let mut document = Document::default();
        for chunk in &self.chunks {
            let start = chunk.range.start;
            document.blocks.extend(chunk.blocks.iter().map(|block| {
                let mut block = block.clone();
                block.shift(start as isize);
                block
            }));
            document.references.append(&chunk.references, start);
            (document.comments).extend(
                chunk
                    .comments
                    .iter()
                    .map(|c| c.start + start..c.end + start),
            );
            if let Some(fm) = &chunk.front_matter {
                document.front_matter = Some(fm.start + start..fm.end + start);
            }
        }
        document
    }

    fn update(&mut self, p: &mut Parse, text: &str) {
        let old = self.text.as_bytes();
        let new = text.as_bytes();
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let most = old.len().min(new.len()) - prefix;
        let suffix = (old.iter().rev().zip(new.iter().rev()))
            .take(most)
            .take_while(|(a, b)| a == b)
            .count();
        let delta = new.len() as isize - old.len() as isize;
        let changed_end = old.len() - suffix;
        let last = self.chunks.len() - 1;
        let mut first = self
            .chunks
            .partition_point(|c| c.range.end <= prefix)
            .min(last);
        let mut end = self
            .chunks
            .partition_point(|c| c.range.start <= changed_end);
        let end_of = |chunks: &[Chunk], end: usize| match chunks.get(end) {
            Some(chunk) => chunk.range.start.saturating_add_signed(delta),
            None => new.len(),
        };
        while first > 0 && !cut_point(text, self.chunks[first].range.start) {
            first -= 1;
        }
        while end <= last && !cut_point(text, end_of(&self.chunks, end)) {
            end += 1;
        }
        let start = self.chunks[first].range.start;
        let carry = self.chunks[first].carry.clone();
        let mut region = start..end_of(&self.chunks, end);
        let (mut parsed, mut open, mut after) =
            parse_region(p, text, region.clone(), carry.clone());
        if open && region.end < new.len() {
            // Something left open swallows what follows: parse to the end.
            end = self.chunks.len();
            region = start..new.len();
            (parsed, open, after) = parse_region(p, text, region.clone(), carry);
        }
        debug_assert!(!open || region.end == new.len());
        self.parsed = region.len();
        for chunk in &mut self.chunks[end..] {
            let range = &chunk.range;
            chunk.range =
                range.start.saturating_add_signed(delta)..range.end.saturating_add_signed(delta);
        }
        // A chunk after the region that now starts in another state (a heading above it
        // changed its section) parses again, as do the chunks after it, until the state
        // where one starts is as before.
        while let Some(next) = self.chunks.get(end) {
            if next.carry.as_ref() == Some(&after) {
                break;
            }
            let range = next.range.clone();
            let (more, _, state) = parse_region(p, text, range.clone(), Some(after));
            parsed.extend(more);
            after = state;
            self.parsed += range.len();
            end += 1;
        }
        self.chunks.splice(first..end, parsed);
    }
}

/// Parses `text[region]` alone, starting in state `carry`, and cuts it into chunks at its cut
/// points; also says whether it ends inside a block still open (a fenced code or HTML block
/// with no end), and the state where it ends.
fn parse_region(
    p: &mut Parse,
    text: &str,
    region: Range<usize>,
    carry: Option<Carry>,
) -> (Vec<Chunk>, bool, Carry) {
    let src = &text[region.clone()];
    // The region's tree says where it can be cut; each chunk then parses alone, in the state
    // the chunk before it ended in.
    let tree = p.parser.block_tree(src, carry.is_none());
    let (cuts, open) = tree.as_ref().map_or((Vec::new(), false), |t| cuts(t, src));
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts)
        .chain(std::iter::once(src.len()))
        .collect();
    let mut chunks = Vec::new();
    let mut carry = carry;
    for w in bounds.windows(2).filter(|w| w[0] < w[1] || src.is_empty()) {
        let (document, end) =
            (p.parser).parse_part(&src[w[0]..w[1]], p.prefilter, p.fields, carry.as_ref());
        chunks.push(Chunk {
            range: region.start + w[0]..region.start + w[1],
            carry: carry.replace(end),
            blocks: document.blocks,
            references: document.references,
            comments: document.comments,
            front_matter: document.front_matter,
        });
    }
    (chunks, open, carry.unwrap_or_default())
}

/// The cut points among the top-level blocks of `tree` (offsets in `src`), and whether the
/// last top-level block is left open.
fn cuts(tree: &Tree, src: &str) -> (Vec<usize>, bool) {
    let mut tops = Vec::new();
    top_level(tree.root_node(), &mut tops);
    let points = tops
        .iter()
        .map(|n| n.start_byte())
        .filter(|&at| at > 0 && cut_point(src, at))
        .collect();
    let open = tops.last().is_some_and(|last| left_open(*last, src));
    (points, open)
}

/// The blocks at the top of the document: children of the document and of the `section`s
/// tree-sitter-md groups headings into (sections are not containers in Markdown).
fn top_level<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        if child.kind() == "section" {
            top_level(child, out);
        } else {
            out.push(child);
        }
    }
}

/// Whether a fenced code block or HTML block runs to the end of `src` unclosed, so that it
/// would swallow text after it.
fn left_open(node: Node, src: &str) -> bool {
    match node.kind() {
        "fenced_code_block" => {
            let mut cursor = node.walk();
            let delimiters = node
                .children(&mut cursor)
                .filter(|c| c.kind() == "fenced_code_block_delimiter")
                .count();
            delimiters < 2
        }
        "html_block" | "minus_metadata" | "plus_metadata" => {
            src[node.end_byte().min(src.len())..].trim().is_empty()
        }
        _ => false,
    }
}

/// Whether parsing can start afresh at `at`: the start of the text, or a line starting at
/// column 0 with a non-blank character, after a blank line, that could not open front matter
/// (`---` or `+++` there is a thematic break or a heading's underline in the whole document,
/// but would start metadata in a part parsed alone).
fn cut_point(text: &str, at: usize) -> bool {
    if at == 0 {
        return true;
    }
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    let Some(before) = before.strip_suffix('\n') else {
        return false;
    };
    let previous = before.rsplit('\n').next().unwrap_or(before);
    previous.trim().is_empty()
        && after.starts_with(|c: char| !c.is_whitespace())
        && !after.starts_with("---")
        && !after.starts_with("+++")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::KeepAll;

    /// Every block's scope, section, text, source range, link spans and offset map, then the
    /// comments and front matter, to compare parses (references are compared whole).
    fn render(d: &Document) -> Vec<String> {
        let mut lines: Vec<String> = (d.blocks.iter())
            .map(|b| {
                let source = b.offsets.range_to_source(0..b.text.len());
                let links: Vec<_> = b.links.iter().map(|l| l.span.clone()).collect();
                let map: Vec<_> = (0..b.text.len()).map(|i| b.offsets.to_source(i)).collect();
                let (scope, section) = (b.scope, b.section);
                format!(
                    "{scope:?} {section:?} {:?} {source:?} {links:?} {map:?}",
                    b.text
                )
            })
            .collect();
        lines.push(format!("{:?} {:?}", d.comments, d.front_matter));
        lines
    }

    /// Parses `text` incrementally after `text` was parsed, checking the result against a
    /// fresh parse.
    fn check(chunks: &mut Chunks, parser: &mut MarkdownParser, text: &str, what: &str) {
        let mut parse = Parse {
            parser,
            prefilter: &KeepAll,
            fields: Fields::default(),
        };
        let incremental = chunks.parse(&mut parse, text);
        let fresh = MarkdownParser::new().parse(text, &KeepAll);
        assert_eq!(render(&incremental), render(&fresh), "{what}:\n{text}");
        assert!(
            incremental.references == fresh.references,
            "{what}: {:#?}\n{:#?}\n{text}",
            incremental.references,
            fresh.references
        );
    }

    /// Parses `text`, applies each edit, and checks every result against a fresh parse.
    fn same_as_fresh(text: &str, edits: &[(&str, &str)]) -> Vec<usize> {
        let mut parser = MarkdownParser::new();
        let mut chunks = Chunks::default();
        let mut text = text.to_string();
        check(&mut chunks, &mut parser, &text, "first parse");
        let mut parsed = Vec::new();
        for (old, new) in edits {
            let at = text.find(old).unwrap_or(text.len());
            text.replace_range(at..at + old.len().min(text.len() - at), new);
            check(
                &mut chunks,
                &mut parser,
                &text,
                &format!("{old:?} → {new:?}"),
            );
            parsed.push(chunks.parsed);
        }
        parsed
    }

    #[test]
    fn edits_reparse_only_their_chunk_and_match_a_fresh_parse() {
        let doc = "---\ntitle: A cure\n---\n\n# Head\n\nFirst [link](https://a.org) para.\n\n\
                   - item one\n- item two\n\n  continued\n\nSecond para.\n\n> quote\n\n\
                   | a | b |\n|---|---|\n| c | d |\n\nLast para.\n";
        let parsed = same_as_fresh(
            doc,
            &[
                ("Second para.", "Second paragraph, longer."),
                ("First", "The first"),
                ("Last para.", "Last para.\n\nAnother."),
            ],
        );
        assert!(parsed.iter().all(|&n| n < 40), "{parsed:?}");
    }

    /// Random edits that make and break structure (fences, HTML, lists, quotes, tables,
    /// headings, blank lines) on the README, each checked against a fresh parse.
    #[test]
    fn random_edits_match_a_fresh_parse() {
        const PIECES: &[&str] = &[
            "\n",
            "\n\n",
            "```\n",
            "~~~",
            "- ",
            "1. ",
            "> ",
            "<!--",
            "-->",
            "<div>\n",
            "    ",
            "# ",
            "===\n",
            "| a |\n|---|\n",
            "x",
            "cures all ",
            "[^1]: note\n",
            "\n\n## Myths\n\n",
            "\n\n## References\n\n1. Smith https://a.org\n",
            "\n\n[2] Lee\n",
            " [1]",
            "\n\n---\n",
            "\t",
            "é😀",
        ];
        let mut text = include_str!("../../README.md").to_string();
        let mut parser = MarkdownParser::new();
        let mut chunks = Chunks::default();
        check(&mut chunks, &mut parser, &text, "first parse");
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        for _ in 0..100 {
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + next(12)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let piece = if next(3) == 0 {
                ""
            } else {
                PIECES[next(PIECES.len())]
            };
            text.replace_range(at..end.max(at), piece);
            check(
                &mut chunks,
                &mut parser,
                &text,
                &format!("at {at}, {piece:?}"),
            );
        }
    }

    #[test]
    fn structure_changes_spread_as_far_as_they_must() {
        let doc = "# Head\n\nOne.\n\nTwo.\n\nThree.\n\n- a\n\nFour.\n";
        same_as_fresh(
            doc,
            &[
                ("Two.", "```\nTwo."),
                ("```\n", ""),
                ("Three.", "<!-- open\nThree."),
                ("<!-- open\n", ""),
                ("\n\nFour.", "\nFour."),
                ("- a\nFour.", "- a\n    Four."),
                ("One.\n\n", "One.\n"),
                ("Head", "Title\n====="),
                ("# Title", " # Title"),
                ("", "\n\nEnd.\n"),
                ("# Title\n=====\n\n", ""),
            ],
        );
    }

    #[test]
    fn sections_and_reference_lists_reach_across_chunks() {
        let doc = "# Health\n\nIt cures all.[1]\n\nMore text.\n\n## Notes\n\nA note.\n\n\
                   1. Smith https://a.org\n\nAfter.\n\n2. Lee\n";
        same_as_fresh(
            doc,
            &[
                ("# Health", "# Myths and facts"),
                ("## Notes", "## References"),
                ("A note.\n\n", ""),
                ("# Myths and facts", "# Health"),
                ("More text.", "## Sub\n\nMore text."),
                ("## References", "References"),
            ],
        );
    }
}
