//! `file:` URIs ↔ paths. Only `file:` documents have a place on disk, and so a config; other
//! schemes (`untitled:`) are linted with the workspace's configuration.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// The path of a `file:` URI, percent-decoded.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // Skip the authority (empty, or `localhost`).
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `file:///C:/x` on Windows.
    let bytes = decoded.as_bytes();
    if cfg!(windows) && bytes.len() > 2 && bytes[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.parse().ok()
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_paths_with_spaces_and_accents() {
        let path = Path::new("/tmp/my notes/Ménière.md");
        let uri = from_path(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20notes/M%C3%A9ni%C3%A8re.md");
        assert_eq!(to_path(&uri).as_deref(), Some(path));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(to_path(&untitled), None);
    }
}
