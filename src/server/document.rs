//! One open document: its text as the editor has it, kept in step with incremental changes,
//! with its parsed chunks and its block cache, so that the next lint redoes only what changed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::chunks::Chunks;
use super::memo::Memo;
use super::position::{Encoding, Positions};
use crate::diagnostic::Finding;
use crate::report::LineIndex;
use crate::source::FileKind;
use lsp_types::{TextDocumentContentChangeEvent, Uri};

/// Extensions of the files `healthlint check` lints when it walks a directory.
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn"];
const TEXT_EXTENSIONS: &[&str] = &["txt", "text"];

/// What kind of document this is, if one we lint: by the editor's language id, else by the
/// file's extension (an editor may not know `.mkdn`).
pub fn kind_of(language_id: &str, path: Option<&Path>) -> Option<FileKind> {
    match language_id {
        "markdown" | "md" => return Some(FileKind::Markdown),
        "plaintext" | "text" => return Some(FileKind::Text),
        _ => {}
    }
    let extension = path?.extension()?.to_str()?.to_ascii_lowercase();
    if MARKDOWN_EXTENSIONS.contains(&extension.as_str()) {
        Some(FileKind::Markdown)
    } else if TEXT_EXTENSIONS.contains(&extension.as_str()) {
        Some(FileKind::Text)
    } else {
        None
    }
}

/// An open document.
pub struct Document {
    /// The file on disk it is, for config discovery and reports (`None` for `untitled:`).
    pub path: Option<PathBuf>,
    /// `None`: a document the editor sent us that we do not lint (another language).
    pub kind: Option<FileKind>,
    pub version: i32,
    pub text: Arc<str>,
    pub lines: LineIndex,
    /// The Markdown parse of the text last linted, in chunks that re-parse alone.
    pub chunks: Chunks,
    pub memo: Memo,
    /// Findings of the last lint and the version they are for; `None` before the first lint or
    /// after an edit.
    pub findings: Option<(i32, Vec<Finding>)>,
}

impl Document {
    pub fn new(uri: &Uri, kind: Option<FileKind>, version: i32, text: String) -> Document {
        Document {
            path: super::uri::to_path(uri),
            kind,
            version,
            lines: LineIndex::new(&text),
            text: text.into(),
            chunks: Chunks::default(),
            memo: Memo::default(),
            findings: None,
        }
    }

    pub fn positions(&self, encoding: Encoding) -> Positions<'_> {
        Positions {
            text: &self.text,
            lines: &self.lines,
            encoding,
        }
    }

    /// Applies the editor's changes in order; a change without a range replaces the text.
    /// Out-of-range positions are clamped, as the protocol asks.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        let mut text = String::from(&*self.text);
        for change in changes {
            let Some(range) = change.range else {
                text = change.text;
                self.lines = LineIndex::new(&text);
                continue;
            };
            let positions = Positions {
                text: &text,
                lines: &self.lines,
                encoding,
            };
            let start = positions.clamped_offset(range.start);
            let end = positions.clamped_offset(range.end).max(start);
            text.replace_range(start..end, &change.text);
            self.lines = LineIndex::new(&text);
        }
        self.text = text.into();
        self.version = version;
        self.findings = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(range: ((u32, u32), (u32, u32)), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(range.0 .0, range.0 .1),
                Position::new(range.1 .0, range.1 .1),
            )),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_in_utf16() {
        let uri: Uri = "file:///tmp/a.md".parse().unwrap();
        let mut doc = Document::new(&uri, Some(FileKind::Markdown), 1, "😀 ab\ncd\n".into());
        doc.apply(
            2,
            vec![
                change(((0, 3), (0, 4)), "X"),
                change(((1, 0), (1, 0)), "new\nline "),
                change(((9, 0), (9, 0)), "end"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(&*doc.text, "😀 Xb\nnew\nline cd\nend");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn kinds_by_language_then_extension() {
        let md = Path::new("/a/b.mkdn");
        assert_eq!(kind_of("markdown", None), Some(FileKind::Markdown));
        assert_eq!(kind_of("plaintext", Some(md)), Some(FileKind::Text));
        assert_eq!(kind_of("x-unknown", Some(md)), Some(FileKind::Markdown));
        assert_eq!(kind_of("rust", Some(Path::new("/a/b.rs"))), None);
    }
}
