//! The text the block grammar reads: the document with the words of each plain line joined.
//!
//! tree-sitter-md's block grammar makes every word, every space and every punctuation mark of a
//! line a token of its own, and the parser's work per token is what bounds a run over many
//! pages (about 60 % of its instructions on careful health pages went to the block parse).
//! Block structure is decided by what starts a line, by whole-line markers and by a few
//! constructs that look inside a line; none of those reads a space between two letters or
//! digits, or a comma and space between them, except:
//! - an HTML block's opening tag (`<div class="…">`: a tag name ends at a space), on a line
//!   with `<`;
//! - a fenced code block's info string (`` ```python title `` ends its language at a space or
//!   a comma), on a line with a backtick or a tilde;
//! - a link reference definition (`[a]: /url "title"`: a space ends the destination), whose
//!   label ends in `]:`.
//!
//! So on every other line each such space, and each such comma with its space, is replaced by
//! a letter: the line reads as a few long words, with the same length, the same newlines and
//! the same block markers. The named nodes of the block tree (kinds, byte ranges and points:
//! all that later stages read) are those of the original text, in a third of the parse time;
//! only the anonymous comma tokens inside a paragraph's `inline` go. Documents with `]:` are
//! left whole, because a definition's destination and title may sit on the lines after its
//! label. Everything after the block parse reads the original text.

/// The byte that stands for a joining space: a letter, so part of the word on either side.
const JOIN: u8 = b'a';

/// Writes into `out` the text of `src` that the block grammar reads (see the module docs).
pub fn join_words(src: &str, out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(src.as_bytes());
    if memchr::memmem::find(src.as_bytes(), b"]:").is_some() {
        return;
    }
    let text = src.as_bytes();
    // Newlines are not word bytes, so a space never joins across lines.
    let word = |i: usize| text.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let mut start = 0;
    while start < text.len() {
        let end = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        if memchr::memchr3(b'<', b'`', b'~', line).is_none() {
            for i in memchr::memchr_iter(b' ', line).map(|i| start + i) {
                if !word(i + 1) || i == 0 {
                    continue;
                }
                if word(i - 1) {
                    out[i] = JOIN;
                } else if text[i - 1] == b',' && i >= 2 && word(i - 2) {
                    out[i - 1] = JOIN;
                    out[i] = JOIN;
                }
            }
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tree_sitter::{Node, Parser};

    fn joined(src: &str) -> String {
        let mut out = Vec::new();
        join_words(src, &mut out);
        String::from_utf8(out).unwrap()
    }

    /// Every named node of the tree with its kind, byte range and points.
    fn nodes(text: &[u8]) -> Vec<String> {
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_md::LANGUAGE.into())
            .unwrap();
        let tree = parser.parse(text, None).unwrap();
        let mut out = Vec::new();
        fn walk(node: Node, out: &mut Vec<String>) {
            if !node.is_named() {
                return;
            }
            out.push(format!(
                "{} {:?} {:?}-{:?}",
                node.kind(),
                node.byte_range(),
                node.start_position(),
                node.end_position()
            ));
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                walk(child, out);
            }
        }
        walk(tree.root_node(), &mut out);
        out
    }

    #[test]
    fn joins_spaces_between_words_only() {
        assert_eq!(
            joined("Research has shown, in 2 trials, that it works.\n  - a list, item\n1, 2\n"),
            "Researchahasashownaaina2atrialsaathataitaworks.\n  - aalistaaitem\n1aa2\n"
        );
    }

    #[test]
    fn leaves_lines_whose_structure_reads_inside_them() {
        assert_eq!(
            joined("<div class=\"note\">Some words</div>\nPlain words\n"),
            "<div class=\"note\">Some words</div>\nPlainawords\n"
        );
        assert_eq!(
            joined("```python title\ncode here\n~~~ ruby lang\n"),
            "```python title\ncodeahere\n~~~ ruby lang\n"
        );
        let definition = "[a label]: /url \"a title\"\n\nPlain words here.\n";
        assert_eq!(joined(definition), definition);
    }

    #[test]
    fn the_block_tree_of_the_joined_text_has_the_named_nodes_of_the_original() {
        let documents = [
            "---\ntitle: Sleep and your health\ndescription: How much sleep adults need\n---\n\n\
             # Sleep and your health #\n\nMost adults need 7 to 9 hours a night.\nA second line \
             of the same paragraph.\n\nSetext heading here\n===================\n",
            "+++\ntitle = \"Vitamin D\"\n+++\n\n## What it does\n\n1. Take it with food\n2) Or \
             without food\n10. A tenth item here\n\n- one item here\n  continued lazily here\n\
             * another item\n+ a third item\n\n- [ ] a task left\n- [x] a task done\n",
            "> A quote with several words\n> and a second line\n>\n> > nested quote words here\n\n\
             Paragraph then\n---\n\n* * *\n\n    indented code words here\n    more of it\n",
            "| Name of test | What it shows |\n| --- | :---: |\n| Blood test | Iron levels here |\n\
             | Scan | Bone density |\n\nText after the table.\n",
            "<div class=\"box\">\n\nWords inside the box\n\n</div>\n\n<p>A paragraph in HTML with \
             words</p>\n\n<script type=\"text/javascript\">\nvar a = b\nreturn x y\n</script>\n\n\
             <!-- a comment with words\nthat spans lines -->\n",
            "```python title here\nprint the words\n```\n\n~~~\nplain fence words\n~~~\n\nA \
             footnote marker here[^1] and a link [to a page](https://example.org/a b).\n\n\
             [^1]: The footnote text with words.\n",
            "[a]: /url more words\n\nA paragraph after a broken definition.\n\n[b]:\n  /dest\n  \
             \"title words\"\n",
            "Line with two trailing spaces  \nand a hard break.\\\nBackslash break too.\n\n\
             &amp; entity words &nbsp;here and &#169; there\n\n1986. A year, not a list\n\n\
             #5 reasons is not a heading\n",
            "---\ntags: sleep, rest, health\n---\n\n- first, second\n- third, fourth\n\n1, 2 and \
             3, then\n\n| a, b | c, d |\n| --- | --- |\n| e, f | g |\n\nHeading, comma\n---\n\n\
             > quoted, words\n",
            "",
            "word",
            "a b\n",
        ];
        for src in documents {
            let mut text = Vec::new();
            join_words(src, &mut text);
            assert_eq!(text.len(), src.len());
            assert_eq!(nodes(&text), nodes(src.as_bytes()), "{src}");
        }
    }
}
