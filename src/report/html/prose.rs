//! An article as the reader sees it: Markdown rendered to HTML (headings, paragraphs, lists,
//! tables, quotes, footnotes), plain text as paragraphs, with findings marked on the text.
//!
//! Markdown goes through pulldown-cmark rather than the linter's own tree-sitter parse: the
//! linter's parse deliberately flattens a document into prose blocks and drops its structure,
//! while a page needs the structure back (list nesting, table rows, loose and tight items,
//! entities decoded), and pulldown-cmark's event stream carries the byte range of every event,
//! which is all the highlighter needs to put a finding's bytes under a mark.
//!
//! Nothing from the file is ever passed through as markup: raw HTML is shown as code, link
//! targets other than `http(s):` and `mailto:` are dropped, and images are never loaded (their
//! alt text is shown instead).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag};

use super::escape::escape;
use super::highlight::Highlighter;
use super::FindingRef;
use crate::source::{FileKind, SourceFile};

/// An article's body and what the overview needs from it.
pub struct Rendered {
    pub html: String,
    /// Words of prose the reader sees (code, raw HTML and front matter excluded).
    pub words: usize,
    /// For each finding, whether it was marked on visible text.
    pub placed: Vec<bool>,
}

/// Renders `source` with `findings` marked; `prefix` makes the article's own ids (footnotes)
/// unique in the page.
pub fn render(source: &SourceFile, findings: &[FindingRef<'_>], prefix: &str) -> Rendered {
    let mut highlighter = Highlighter::new(&source.text, findings);
    let mut html = String::new();
    let prose = match source.kind {
        FileKind::Markdown => markdown(source, &mut highlighter, &mut html, prefix),
        FileKind::Text => plain(&source.text, &mut highlighter, &mut html),
    };
    Rendered {
        html,
        words: count_words(&prose),
        placed: highlighter.into_placed(),
    }
}

/// A word is a run of non-space characters with a letter or digit in it ("—" is not a word).
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Plain text: paragraphs separated by blank lines, line breaks kept (by the page's CSS).
/// Returns the prose for the word count.
fn plain(text: &str, hl: &mut Highlighter<'_>, out: &mut String) -> String {
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (start, blank) {
            (None, false) => start = Some(offset),
            (Some(from), true) => {
                paragraph(text, from..offset, hl, out);
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(from) = start {
        paragraph(text, from..text.len(), hl, out);
    }
    text.to_string()
}

fn paragraph(text: &str, range: Range<usize>, hl: &mut Highlighter<'_>, out: &mut String) {
    let end = range.start + text[range.clone()].trim_end().len();
    // A byte-order mark is not text.
    let start = range.start + text[range.clone()].len()
        - text[range.clone()].trim_start_matches('\u{feff}').len();
    out.push_str(r#"<p class="plain">"#);
    hl.text(out, start..end, &text[start..end]);
    out.push_str("</p>\n");
}

/// Markdown through pulldown-cmark's events, each written with the byte range it came from.
/// Returns the prose for the word count.
fn markdown(
    source: &SourceFile,
    hl: &mut Highlighter<'_>,
    out: &mut String,
    prefix: &str,
) -> String {
    let base = source.bom_len();
    let text = &source.text[base..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut writer = Writer {
        out,
        hl,
        prefix,
        closing: Vec::new(),
        footnotes: HashMap::new(),
        defined: Vec::new(),
        table_head: false,
        verbatim: 0,
        prose: String::new(),
        pending: None,
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        writer.event(event, range.start + base..range.end + base, text, base);
    }
    writer.flush();
    writer.prose
}

/// Writes HTML for a stream of events.
struct Writer<'w, 'h> {
    out: &'w mut String,
    hl: &'w mut Highlighter<'h>,
    prefix: &'w str,
    /// What each open tag's end does, pushed by its start.
    closing: Vec<Close>,
    /// Footnote number by label, in order of first appearance.
    footnotes: HashMap<String, usize>,
    /// Footnotes whose definition has been written (a second definition gets no id).
    defined: Vec<usize>,
    table_head: bool,
    /// Depth inside code, raw HTML or front matter: shown, but not prose for the word count.
    verbatim: usize,
    prose: String,
    /// Text written verbatim from the file and not yet highlighted: consecutive text and line
    /// breaks are highlighted as one run, so a phrase across a line break is one mark.
    pending: Option<Range<usize>>,
}

impl Writer<'_, '_> {
    /// `range` is in file offsets; `text` is the parsed text, `base` bytes into the file.
    fn event(&mut self, event: Event<'_>, range: Range<usize>, text: &str, base: usize) {
        if let Event::Text(shown) | Event::Html(shown) = &event {
            if self.hl.source(range.clone()) == Some(&**shown) {
                self.queue(range, shown);
                return;
            }
        }
        if matches!(event, Event::SoftBreak) && self.hl.source(range.clone()) == Some("\n") {
            self.queue(range, "\n");
            return;
        }
        self.flush();
        match event {
            Event::Start(tag) => {
                let close = self.start(tag, &range, text, base);
                self.closing.push(close);
            }
            Event::End(_) => {
                let Some(close) = self.closing.pop() else {
                    return;
                };
                match close.ends {
                    State::None => {}
                    State::TableHead => self.table_head = false,
                    State::Verbatim => self.verbatim = self.verbatim.saturating_sub(1),
                }
                self.out.push_str(&close.html);
                self.prose.push(' ');
            }
            Event::Text(shown) => self.text(range, &shown),
            Event::Code(code) => {
                self.out.push_str("<code>");
                self.verbatim += 1;
                self.text(range, &code);
                self.verbatim -= 1;
                self.out.push_str("</code>");
            }
            Event::Html(html) => self.text(range, &html),
            Event::InlineHtml(html) => {
                self.out.push_str(r#"<code class="html">"#);
                self.verbatim += 1;
                self.text(range, &html);
                self.verbatim -= 1;
                self.out.push_str("</code>");
            }
            Event::FootnoteReference(label) => {
                let n = self.footnote(&label);
                // A flagged reference carries a flag button, which cannot sit inside a link.
                if self.hl.overlaps(&range) {
                    self.out.push_str(r#"<sup class="fnref">"#);
                    self.hl.text(self.out, range, &format!("[{n}]"));
                    self.out.push_str("</sup>");
                } else {
                    let _ = write!(
                        self.out,
                        r##"<sup class="fnref"><a href="#{}-fn-{n}">[{n}]</a></sup>"##,
                        self.prefix
                    );
                }
            }
            Event::SoftBreak => self.text(range, "\n"),
            Event::HardBreak => {
                self.out.push_str("<br>\n");
                self.prose.push(' ');
            }
            Event::Rule => self.out.push_str("<hr>\n"),
            // Math and task lists are not switched on.
            Event::InlineMath(_) | Event::DisplayMath(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn text(&mut self, range: Range<usize>, shown: &str) {
        if self.verbatim == 0 {
            self.prose.push_str(shown);
        }
        self.hl.text(self.out, range, shown);
    }

    /// Holds text that is the file's bytes verbatim, joining it to the run before it.
    fn queue(&mut self, range: Range<usize>, shown: &str) {
        if self.verbatim == 0 {
            self.prose.push_str(shown);
        }
        self.pending = match self.pending.take() {
            Some(run) if run.end == range.start => Some(run.start..range.end),
            Some(run) => {
                self.write_run(run);
                Some(range)
            }
            None => Some(range),
        };
    }

    /// Writes the pending run, if any.
    fn flush(&mut self) {
        if let Some(run) = self.pending.take() {
            self.write_run(run);
        }
    }

    fn write_run(&mut self, run: Range<usize>) {
        if let Some(shown) = self.hl.source(run.clone()) {
            self.hl.text(self.out, run, shown);
        }
    }

    /// Writes a tag's opening and returns what its end does.
    fn start(&mut self, tag: Tag<'_>, range: &Range<usize>, text: &str, base: usize) -> Close {
        let (open, close): (&str, &'static str) = match tag {
            Tag::Paragraph => ("<p>", "</p>\n"),
            Tag::Heading { level, .. } => heading(level),
            Tag::BlockQuote(_) => ("<blockquote>\n", "</blockquote>\n"),
            Tag::CodeBlock(_) => return self.verbatim("<pre><code>"),
            Tag::HtmlBlock => return self.verbatim(r#"<pre class="html"><code>"#),
            Tag::MetadataBlock(_) => return self.verbatim(r#"<pre class="front-matter"><code>"#),
            Tag::List(Some(first)) if first != 1 => {
                let _ = write!(self.out, r#"<ol start="{first}">"#);
                ("\n", "</ol>\n")
            }
            Tag::List(Some(_)) => ("<ol>\n", "</ol>\n"),
            Tag::List(None) => ("<ul>\n", "</ul>\n"),
            Tag::Item => ("<li>", "</li>\n"),
            Tag::FootnoteDefinition(label) => {
                self.footnote_definition(&label, range, text, base);
                return Close::with("</div>\n");
            }
            Tag::Table(_) => (
                r#"<div class="table-wrap" role="region" aria-label="Table" tabindex="0"><table>"#,
                "</tbody></table></div>\n",
            ),
            Tag::TableHead => {
                self.table_head = true;
                self.out.push_str("<thead><tr>");
                return Close {
                    html: Cow::Borrowed("</tr></thead><tbody>\n"),
                    ends: State::TableHead,
                };
            }
            Tag::TableRow => ("<tr>", "</tr>\n"),
            Tag::TableCell if self.table_head => (r#"<th scope="col">"#, "</th>"),
            Tag::TableCell => ("<td>", "</td>"),
            Tag::Emphasis => ("<em>", "</em>"),
            Tag::Strong => ("<strong>", "</strong>"),
            Tag::Strikethrough => ("<del>", "</del>"),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => return self.link(link_type, &dest_url, range),
            Tag::Image { .. } => (r#"<span class="image">[image: "#, "]</span>"),
            // Not switched on.
            Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => ("", ""),
        };
        self.out.push_str(open);
        Close::with(close)
    }

    /// Opens a block shown as written (code, raw HTML, front matter), which is not prose.
    fn verbatim(&mut self, open: &str) -> Close {
        self.verbatim += 1;
        self.out.push_str(open);
        Close {
            html: Cow::Borrowed("</code></pre>\n"),
            ends: State::Verbatim,
        }
    }

    /// A link the reader can follow, if its target is a web page or an e-mail address; any
    /// other target (`javascript:`, a relative path that means nothing next to the report) is
    /// dropped and the link text kept. A link with a finding on it keeps its text unlinked,
    /// since a flag button cannot sit inside a link, and its target follows it: which source a
    /// flagged citation points to is what the reviewer wants to see.
    fn link(&mut self, link_type: LinkType, destination: &str, range: &Range<usize>) -> Close {
        let lower = destination.trim_start().to_ascii_lowercase();
        let safe = ["https://", "http://", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme));
        // An autolinked e-mail address (`<a@b.org>`) comes without its scheme.
        let mailto = if link_type == LinkType::Email && !lower.starts_with("mailto:") {
            "mailto:"
        } else {
            ""
        };
        let href = format!(
            r#"href="{mailto}{}" rel="noopener noreferrer nofollow""#,
            escape(destination)
        );
        if !safe && mailto.is_empty() {
            self.out.push_str(r#"<span class="link">"#);
            Close::with("</span>")
        } else if self.hl.overlaps(range) {
            self.out.push_str(r#"<span class="link">"#);
            Close {
                html: Cow::Owned(format!(
                    r#"</span> <a class="dest" {href}>({})</a>"#,
                    escape(destination)
                )),
                ends: State::None,
            }
        } else {
            let _ = write!(self.out, "<a {href}>");
            Close::with("</a>")
        }
    }

    /// The number of a footnote, given on first sight of its label.
    fn footnote(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_string()).or_insert(next)
    }

    /// Opens a footnote definition with its label as written (`[^id]:`), marked like text, so
    /// findings on the label (defined twice, never used) show where they are.
    fn footnote_definition(&mut self, label: &str, range: &Range<usize>, text: &str, base: usize) {
        let n = self.footnote(label);
        if self.defined.contains(&n) {
            self.out.push_str(r#"<div class="footnote">"#);
        } else {
            self.defined.push(n);
            let _ = write!(
                self.out,
                r#"<div class="footnote" id="{}-fn-{n}">"#,
                self.prefix
            );
        }
        let local = range.start - base..range.end - base;
        let written = text.get(local.clone()).unwrap_or("");
        let label_len = written.find("]:").map_or(0, |at| at + 2);
        self.out.push_str(r#"<span class="fn-label">"#);
        let label_range = range.start..range.start + label_len;
        self.verbatim += 1;
        self.text(label_range, &written[..label_len]);
        self.verbatim -= 1;
        self.out.push_str("</span> ");
    }
}

/// What an open tag's end writes, and which state it ends.
struct Close {
    html: Cow<'static, str>,
    ends: State,
}

enum State {
    None,
    TableHead,
    Verbatim,
}

impl Close {
    fn with(html: &'static str) -> Close {
        Close {
            html: Cow::Borrowed(html),
            ends: State::None,
        }
    }
}

/// Article headings sit under the file's own `<h2>`: `#` becomes `<h3>`, and so on, down to
/// `<h6>`.
fn heading(level: HeadingLevel) -> (&'static str, &'static str) {
    match level {
        HeadingLevel::H1 => ("<h3>", "</h3>\n"),
        HeadingLevel::H2 => ("<h4>", "</h4>\n"),
        HeadingLevel::H3 => ("<h5>", "</h5>\n"),
        _ => ("<h6>", "</h6>\n"),
    }
}
