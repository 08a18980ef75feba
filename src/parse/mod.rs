//! Parse a file, once, into what every later stage needs: prose blocks (the text a writer's
//! reader sees, with scopes, sections and exact byte offsets back into the file), the code and
//! front matter that is not prose, the reference apparatus ([`references`]: footnotes, reference
//! lists, citation markers) and the HTML comments that may be suppression directives. Markdown
//! goes through tree-sitter-md, whose tree is the one source of truth; plain text is split on
//! blank lines.

mod entities;
mod frontmatter;
mod html;
mod joined;
mod markdown;
mod normalise;
mod offsets;
mod plain;
pub mod references;
mod sections;
mod unparsed;

pub use frontmatter::Fields;
pub use markdown::{BlockTree, Carry, MarkdownParser};
pub use offsets::OffsetMap;
pub use plain::parse_plain;
pub use references::References;
pub use sections::SectionKind;
pub use unparsed::{Costly, Unparsed};

use std::ops::Range;

/// Where a block of prose sits in the document. Headings and titles carry claims one severity
/// higher, because headlines are where exaggeration concentrates (Sumner et al. 2014).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The document's title: a front-matter `title`, or the short first line of a text file.
    Title,
    Heading,
    Paragraph,
    ListItem,
    TableCell,
    BlockQuote,
    /// Image alt text.
    Alt,
    /// Human-facing front matter other than the title (`description`, `summary`).
    FrontMatter,
}

impl Scope {
    /// Whether a claim here is a headline claim.
    pub fn is_headline(self) -> bool {
        matches!(self, Scope::Title | Scope::Heading)
    }
}

/// A link found in or next to prose: kept for citation checks even though its destination is
/// never linted as prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the whole link construct in the source file.
    pub span: Range<usize>,
    /// The destination (URL or reference label) as written.
    pub destination: String,
}

/// One unit of prose: a heading, a paragraph, a list item's paragraph, a table cell.
#[derive(Debug, Clone)]
pub struct Block {
    pub scope: Scope,
    /// The prose with markup removed. Each removed piece that sat between words (code span, HTML
    /// tag, URL) is replaced by a single space so the words around it keep their sentence.
    pub text: String,
    /// Maps offsets in `text` back to byte offsets in the source file.
    pub offsets: OffsetMap,
    /// Links whose text or destination is in this block.
    pub links: Vec<Link>,
    /// The kind of section the block is in, from the nearest heading above it.
    pub section: SectionKind,
}

impl Block {
    /// Moves the block's source offsets (and its links') by `delta` bytes.
    pub fn shift(&mut self, delta: isize) {
        self.offsets.shift(delta);
        for link in &mut self.links {
            let start = link.span.start.saturating_add_signed(delta);
            let end = link.span.end.saturating_add_signed(delta);
            link.span = start..end;
        }
    }
}

/// A parsed document: its prose blocks in document order.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The front matter, delimiters included: configuration, never checked as prose,
    /// citations or identifiers (its human-facing fields are among the blocks).
    pub front_matter: Option<Range<usize>>,
    /// Footnotes, reference lists, numbered markers, `Source:` lines, and the code and front
    /// matter in which none of these count.
    pub references: References,
    /// HTML comments outside code, in document order: where suppression directives may be.
    pub comments: Vec<Range<usize>>,
    /// tree-sitter-md's block tree of a Markdown document, kept for incremental re-parsing.
    pub tree: Option<tree_sitter::Tree>,
}

impl Document {
    /// The page's title: its front-matter title, or else its first heading, where a sales page
    /// names its product ("GlowBuild Marine Collagen Peptides").
    pub fn title(&self) -> Option<&Block> {
        (self.blocks.iter().find(|b| b.scope == Scope::Title))
            .or_else(|| self.blocks.iter().find(|b| b.scope.is_headline()))
    }
}

/// Decides, from a block's raw source text, whether the block is worth the full inline parse.
/// Most blocks of careful health writing contain nothing any rule could match; skipping them is
/// the single largest speed-up (tree-sitter's inline grammar costs more than the block grammar).
pub trait Prefilter {
    fn may_match(&self, raw: &str) -> bool;
}

/// Whether a block of `scope` whose source is `raw` must be parsed: it is a title or heading,
/// which the document is read by even where no rule matches them (the product a page sells,
/// the headline a study is reported under, the section a sentence is in); the prefilter says a
/// rule may match; or the source hides word characters from it (a soft hyphen inside
/// "mir­acle").
fn wanted(prefilter: &dyn Prefilter, raw: &str, scope: Scope) -> bool {
    scope.is_headline() || prefilter.may_match(raw) || normalise::joins_words(raw)
}

/// A prefilter that keeps every block; for tests and tools that want all prose.
pub struct KeepAll;

impl Prefilter for KeepAll {
    fn may_match(&self, _raw: &str) -> bool {
        true
    }
}
