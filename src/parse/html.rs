//! Prose inside HTML: many health sites write whole paragraphs, lists and tables as `<p>`,
//! `<li>`, `<td>` or `<details>` inside their Markdown. The human text is linted; tags,
//! attributes, comments and the content of `<script>`, `<style>`, `<code>` and `<pre>` are not;
//! every character reference is decoded.
//!
//! Why a small tokenizer rather than an HTML parser crate: an HTML block in Markdown is a
//! fragment (often unbalanced: `<div>` in one block, `</div>` in another), and what is needed is
//! byte offsets of text runs and the names of the tags between them, not a tree. The HTML5
//! tokenizer crates either drop source offsets (`html5gum` reports none for text) or build a DOM
//! we would walk back down (`tl`); fifty lines of scanning keep every offset exact.

use std::ops::Range;

use super::entities::{self, Terminator};
use super::plain::Stitch;
use super::{Block, Scope};

/// Elements whose content is never prose: scripts, styles, code and embedded markup languages.
const OPAQUE: &[&str] = &[
    "script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "svg", "math", "template",
    "noscript", "iframe", "object",
];

/// Elements that start and end a block of prose.
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "div",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "details",
    "summary",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "form",
    "fieldset",
    "legend",
    "address",
    "center",
    "body",
    "html",
    "head",
    "title",
];

/// Elements that style words without separating them (`mir<b>acle</b>` is one word).
const FORMATTING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "ins", "mark",
    "q", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
];

/// Whether the tag named `name` joins the words around it rather than separating them.
pub(super) fn joins_words(name: &str) -> bool {
    FORMATTING.iter().any(|f| name.eq_ignore_ascii_case(f))
}

/// One piece of an HTML fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token<'a> {
    Text(Range<usize>),
    /// A character reference and the text it stands for.
    Entity(Range<usize>, std::borrow::Cow<'static, str>),
    /// `<name …>` (`close: false`) or `</name>`; `name` lower-cased by the caller's comparison.
    Tag {
        span: Range<usize>,
        name: &'a str,
        close: bool,
        /// The `href` of an `<a>` tag.
        href: Option<&'a str>,
    },
    /// `<!-- … -->`; `body` is between the delimiters.
    Comment {
        span: Range<usize>,
        body: &'a str,
    },
    /// The content of a `<script>`, `<style>`, `<code>`, `<pre>`… element.
    Opaque(Range<usize>),
}

/// The tokens of `src[range]`, in order.
pub(super) fn tokens(src: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let end = range.end.min(src.len());
    let mut pos = range.start;
    let mut text_start = pos;
    let flush = |out: &mut Vec<Token>, from: usize, to: usize| {
        if to > from {
            out.push(Token::Text(from..to));
        }
    };
    while let Some(off) = bytes[pos..end].iter().position(|&b| b == b'<' || b == b'&') {
        let at = pos + off;
        let rest = &src[at..end];
        if bytes[at] == b'&' {
            match entities::decode_prefix(rest, Terminator::Optional) {
                Some((len, text)) => {
                    flush(&mut out, text_start, at);
                    out.push(Token::Entity(at..at + len, text));
                    pos = at + len;
                    text_start = pos;
                }
                None => pos = at + 1,
            }
            continue;
        }
        if let Some(body) = rest.strip_prefix("<!--") {
            flush(&mut out, text_start, at);
            // An unclosed comment runs to the end; its body must not lose three bytes there,
            // which could cut a character.
            let (body_end, close) = body
                .find("-->")
                .map_or((end, end), |i| (at + 4 + i, at + 4 + i + 3));
            out.push(Token::Comment {
                span: at..close,
                body: &src[at + 4..body_end],
            });
            pos = close;
            text_start = pos;
            continue;
        }
        let Some((tag_end, name, close, href)) = tag(rest) else {
            pos = at + 1;
            continue;
        };
        flush(&mut out, text_start, at);
        let span = at..at + tag_end;
        pos = span.end;
        out.push(Token::Tag {
            span,
            name,
            close,
            href,
        });
        if !close && OPAQUE.iter().any(|o| name.eq_ignore_ascii_case(o)) {
            let content = pos;
            pos = opaque_end(src, pos, end, name);
            out.push(Token::Opaque(content..pos));
        }
        text_start = pos;
    }
    flush(&mut out, text_start, end);
    out
}

/// Where the content of an opaque element opened before `from` ends: after its closing tag.
fn opaque_end(src: &str, from: usize, end: usize, name: &str) -> usize {
    let bytes = src.as_bytes();
    let mut pos = from;
    while let Some(off) = src[pos..end].find("</") {
        let at = pos + off;
        let after = at + 2 + name.len();
        let matches = bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if matches && bytes.get(after).is_none_or(|b| !b.is_ascii_alphanumeric()) {
            return src[after..end].find('>').map_or(end, |i| after + i + 1);
        }
        pos = at + 2;
    }
    end
}

/// A tag at the start of `s`: its length, name, whether it closes, and an `href` value.
/// Declarations and processing instructions (`<!DOCTYPE>`, `<?xml?>`) come back with an empty
/// name. `None` when `<` starts no tag (`a < b`).
fn tag(s: &str) -> Option<(usize, &str, bool, Option<&str>)> {
    let bytes = s.as_bytes();
    if matches!(bytes.get(1), Some(b'!' | b'?')) {
        return Some((s.find('>').map_or(s.len(), |i| i + 1), "", false, None));
    }
    let close = bytes.get(1) == Some(&b'/');
    let name_start = if close { 2 } else { 1 };
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    let name = &s[name_start..name_start + name_len];
    let mut i = name_start + name_len;
    let mut href = None;
    // Attributes: a `>` inside a quoted value does not end the tag.
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some((i + 1, name, close, href)),
            quote @ (b'"' | b'\'') => {
                let value_end = s[i + 1..].find(quote as char)? + i + 1;
                let before = s[..i].trim_end().trim_end_matches('=').trim_end();
                if before.len() >= 4 && before[before.len() - 4..].eq_ignore_ascii_case("href") {
                    href = Some(&s[i + 1..value_end]);
                }
                i = value_end + 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// The scope an element gives the prose inside it, if it gives one.
fn element_scope(name: &str) -> Option<(Scope, Option<u8>)> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            (Scope::Heading, Some(lower.as_bytes()[1] - b'0'))
        }
        "li" | "dd" | "dt" => (Scope::ListItem, None),
        "td" | "th" => (Scope::TableCell, None),
        "blockquote" => (Scope::BlockQuote, None),
        _ => return None,
    })
}

/// The level of an HTML heading that makes up a whole Markdown paragraph: tree-sitter-md 0.5
/// does not start an HTML block at `<h1>`–`<h6>` (tag names with a digit), so `<h2>Red
/// flags</h2>` arrives as a paragraph with inline tags.
pub(super) fn heading_paragraph(raw: &str) -> Option<u8> {
    let b = raw.trim().as_bytes();
    if b.len() < 9 {
        return None;
    }
    let level = b[2];
    let opens = b[0] == b'<'
        && b[1].eq_ignore_ascii_case(&b'h')
        && (b'1'..=b'6').contains(&level)
        && matches!(b[3], b'>' | b' ' | b'\t' | b'\n');
    let close = [b'<', b'/', b[1], level, b'>'];
    (opens && b.ends_with(&close)).then(|| level - b'0')
}

/// One block of HTML prose, with the heading level of an `<h1>`–`<h6>`.
pub(super) struct HtmlBlock {
    pub block: Block,
    pub level: Option<u8>,
}

/// Splits an HTML fragment (the pieces `ranges` of `src`, which leave out block-quote markers and
/// list indentation) into prose blocks. `container` is the scope of the Markdown around it;
/// `visit` sees each token first (for comments and citation markers).
pub(super) fn blocks(
    src: &str,
    ranges: &[Range<usize>],
    container: Scope,
    mut visit: impl FnMut(&Token),
) -> Vec<HtmlBlock> {
    let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut open: Vec<(Scope, Option<u8>)> = Vec::new();
    let mut st = Stitch::new(src);
    let finish = |st: Stitch, open: &[(Scope, Option<u8>)], out: &mut Vec<HtmlBlock>| {
        let (scope, level) = open.last().copied().unwrap_or((container, None));
        if let Some(block) = st.finish(scope) {
            out.push(HtmlBlock { block, level });
        }
    };
    for token in tokens(src, first.start..last.end) {
        visit(&token);
        match token {
            Token::Text(r) => {
                for piece in clip(ranges, r) {
                    st.copy(piece);
                }
            }
            Token::Entity(r, text) => st.insert(r, &text),
            Token::Opaque(r) => st.hole(r.start),
            Token::Comment { span, .. } => st.hole(span.start),
            Token::Tag {
                span,
                name,
                close,
                href,
            } => {
                if BLOCK_LEVEL.iter().any(|b| name.eq_ignore_ascii_case(b)) {
                    finish(
                        std::mem::replace(&mut st, Stitch::new(src)),
                        &open,
                        &mut out,
                    );
                    if let Some(scope) = element_scope(name) {
                        if close {
                            open.pop();
                        } else {
                            open.push(scope);
                        }
                    }
                } else if joins_words(name) {
                    if let Some(href) = href {
                        st.link(span, href.to_owned());
                    }
                } else {
                    st.hole(span.start);
                }
            }
        }
    }
    finish(st, &open, &mut out);
    out
}

/// The parts of `r` inside `ranges`.
fn clip(ranges: &[Range<usize>], r: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    ranges.iter().filter_map(move |p| {
        let c = p.start.max(r.start)..p.end.min(r.end);
        (!c.is_empty()).then_some(c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(src: &str) -> String {
        blocks(
            src,
            std::slice::from_ref(&(0..src.len())),
            Scope::Paragraph,
            |_| {},
        )
        .iter()
        .map(|b| {
            let r = b.block.offsets.range_to_source(0..b.block.text.len());
            assert!(src[r].starts_with(b.block.text.chars().next().unwrap_or(' ')));
            format!("{:?}{:?}: {}\n", b.block.scope, b.level, b.block.text)
        })
        .collect()
    }

    #[test]
    fn an_unclosed_comment_ending_in_a_wide_character() {
        // Found by the fuzzer: the body of an unclosed comment was cut three bytes before the
        // end, inside U+FEFF.
        assert_eq!(
            render("<p>Text <!--steps:\u{feff}/B"),
            "ParagraphNone: Text\n"
        );
    }

    #[test]
    fn paragraphs_lists_cells_headings() {
        let src = "<div class=\"x\">\n<h2 id='a'>Stem&nbsp;cells</h2>\n<p>They <b>cure</b> mir<i>acle</i>\n\
                   everything.</p><ul><li>One &amp; two</li><li>Three</li></ul>\n\
                   <table><tr><td>Cell</td></tr></table></div>\n";
        assert_eq!(
            render(src),
            "HeadingSome(2): Stem cells\nParagraphNone: They cure miracle\neverything.\n\
             ListItemNone: One & two\nListItemNone: Three\nTableCellNone: Cell\n"
        );
    }

    #[test]
    fn scripts_styles_comments_code_and_attributes_are_not_prose() {
        let src = "<p title=\"miracle > cure\">Text<!-- miracle --> here<script>var miracle = 1;</script>\
                   <style>.miracle{}</style> and <code>miracle()</code> end.</p>";
        assert_eq!(render(src), "ParagraphNone: Text here and end.\n");
    }

    #[test]
    fn every_entity_is_decoded() {
        let src = "<p>Caf&eacute; &ldquo;cure&rdquo; &frac12; &#8217; &#x2019; &nbsp 5&hellip;</p>";
        assert_eq!(render(src), "ParagraphNone: Café “cure” ½ ' ' 5…\n");
    }

    #[test]
    fn details_blockquote_and_links() {
        let src = "<details><summary>Is it safe?</summary>It is <a href=\"https://nih.gov\">proven</a>.</details>\
                   <blockquote>Quoted</blockquote>";
        let out = blocks(
            src,
            std::slice::from_ref(&(0..src.len())),
            Scope::Paragraph,
            |_| {},
        );
        let texts: Vec<_> = out
            .iter()
            .map(|b| (b.block.scope, b.block.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (Scope::Paragraph, "Is it safe?"),
                (Scope::Paragraph, "It is proven."),
                (Scope::BlockQuote, "Quoted")
            ]
        );
        assert_eq!(out[1].block.links[0].destination, "https://nih.gov");
    }

    #[test]
    fn headings_read_as_paragraphs() {
        assert_eq!(heading_paragraph("<h2>Red flags</h2>\n"), Some(2));
        assert_eq!(heading_paragraph("<H3 id=\"x\">Myths</H3>"), Some(3));
        assert_eq!(heading_paragraph("<h2>Red</h2> and more"), None);
        assert_eq!(heading_paragraph("<hr>"), None);
    }

    #[test]
    fn odd_input_never_panics() {
        for src in [
            "<",
            "<p",
            "<p title=\"x",
            "</",
            "<!--",
            "<script>",
            "&",
            "&#",
            "&#x;",
            "<a<b>",
            "é<é>",
        ] {
            render(src);
        }
    }
}
