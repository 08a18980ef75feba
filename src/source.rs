//! Reading files: bytes in, checked UTF-8 text out, or a reason the file was skipped.
//! Nothing here ever writes.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::report::LineIndex;

pub mod size;

pub use size::ByteSize;

/// What kind of document a file is, which decides how it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Markdown,
    Text,
}

impl FileKind {
    /// Markdown unless the extension says plain text: `.txt`, `.text`, or none.
    pub fn from_path(path: &Path) -> FileKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("text") => {
                FileKind::Text
            }
            None => FileKind::Text,
            Some(_) => FileKind::Markdown,
        }
    }
}

/// A file's text, ready to lint.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user will see it in reports.
    pub path: PathBuf,
    pub kind: FileKind,
    pub text: Arc<str>,
    /// Where each line starts, indexed on first use and then shared by suppressions and every
    /// reporter.
    lines: Arc<OnceLock<LineIndex>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, kind: FileKind, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            path: path.into(),
            kind,
            text: text.into(),
            lines: Arc::default(),
        }
    }

    /// The file's line index, built once.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Length of a leading UTF-8 byte-order mark, which is not prose.
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with('\u{feff}') {
            3
        } else {
            0
        }
    }
}

/// Why a file could not be linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Io(String),
    /// Over the size limit in force (`max-file-size`, `--max-file-size`); `bytes` is the size
    /// when it is known (not for a stream, which is read no further than the limit).
    TooLarge {
        bytes: Option<u64>,
        limit: ByteSize,
    },
    Binary,
    NotUtf8 {
        line: usize,
        byte: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "could not read: {e}"),
            ReadError::TooLarge { bytes, limit } => {
                match bytes {
                    Some(bytes) => write!(f, "skipped: {} is over", size::approximate(*bytes))?,
                    None => write!(f, "skipped: longer than")?,
                }
                write!(
                    f,
                    " the {limit} limit for one file; raise it with `--max-file-size` or \
                     `max-file-size` in healthlint.toml"
                )
            }
            ReadError::Binary => write!(f, "skipped: binary file (contains NUL bytes)"),
            ReadError::NotUtf8 { line, byte } => write!(
                f,
                "skipped: not valid UTF-8 (first bad byte at line {line}, byte offset {byte}); \
                 convert it with `iconv -t UTF-8`"
            ),
        }
    }
}

/// Reads and checks one file, skipping it when it is larger than `limit`.
pub fn read(path: &Path, limit: ByteSize) -> Result<SourceFile, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(e.to_string());
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit.bytes() {
        let bytes = Some(size);
        return Err(ReadError::TooLarge { bytes, limit });
    }
    let bytes = read_at_most(file, limit)?;
    let text = decode(bytes)?;
    Ok(SourceFile::new(path, FileKind::from_path(path), text))
}

/// Reads all of `reader` unless it holds more than `limit` bytes. Reading stops one byte past
/// the limit, so a file that grows while it is read, or a stream, never costs more than that.
pub fn read_at_most(reader: impl std::io::Read, limit: ByteSize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let n = reader
        .take(limit.bytes().saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if n as u64 > limit.bytes() {
        return Err(ReadError::TooLarge { bytes: None, limit });
    }
    Ok(bytes)
}

/// Reads a config, pack or baseline file as text. Only a regular file (or a symlink to one) is
/// read: a FIFO would block the run forever and a device never ends, so they are an error.
pub fn read_regular(path: &Path) -> std::io::Result<String> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    std::fs::read_to_string(path)
}

/// Checks bytes are text: no NUL byte, valid UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..byte].iter().filter(|&&b| b == b'\n').count();
        ReadError::NotUtf8 { line, byte }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_binary_and_bad_utf8_with_position() {
        assert_eq!(decode(b"a\0b".to_vec()), Err(ReadError::Binary));
        assert_eq!(
            decode(b"ok\nbad \xff here".to_vec()),
            Err(ReadError::NotUtf8 { line: 2, byte: 7 })
        );
        assert_eq!(decode("é".as_bytes().to_vec()).as_deref(), Ok("é"));
    }

    #[test]
    fn kinds_from_extensions() {
        assert_eq!(FileKind::from_path(Path::new("a.md")), FileKind::Markdown);
        assert_eq!(FileKind::from_path(Path::new("a.TXT")), FileKind::Text);
        assert_eq!(FileKind::from_path(Path::new("README")), FileKind::Text);
    }
}
