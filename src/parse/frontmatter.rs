//! Human-facing front matter fields.
//!
//! Only `title`, `description` and `summary` are prose a reader sees (in the page title, in
//! search results and link previews); everything else in front matter is configuration. A full
//! YAML or TOML parser is not needed for that: top-level single-line `key: value` (YAML) and
//! `key = "value"` (TOML) lines cover real-world front matter, and line parsing keeps exact
//! offsets for free.

use std::ops::Range;

use super::plain::Stitch;
use super::{Block, Prefilter, Scope};

/// Emits blocks for the human-facing fields of the front matter at `range` of `src` (the whole
/// `---`/`+++` delimited node, delimiters included), in source order.
pub(super) fn extract(
    src: &str,
    range: Range<usize>,
    prefilter: &dyn Prefilter,
    out: &mut Vec<Block>,
) {
    let Some(body) = src.get(range.clone()) else {
        return;
    };
    let toml = body.trim_start().starts_with("+++");
    let mut offset = range.start;
    for raw in body.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let Some((scope, value)) = field(line, toml) else {
            continue;
        };
        let value = line_start + value.start..line_start + value.end;
        if prefilter.may_match(&src[value.clone()]) {
            let mut st = Stitch::new(src);
            st.copy(value);
            out.extend(st.finish(scope));
        }
    }
}

/// The scope and the value's byte range within `line`, if the line sets a human-facing field.
fn field(line: &str, toml: bool) -> Option<(Scope, Range<usize>)> {
    // Top-level keys only: indented lines belong to nested maps or multi-line values.
    if line.starts_with([' ', '\t']) {
        return None;
    }
    let (key, _) = line.split_once(if toml { '=' } else { ':' })?;
    let scope = match key.trim().trim_matches(['"', '\'']) {
        "title" | "Title" => Scope::Title,
        "description" | "Description" | "summary" | "Summary" => Scope::FrontMatter,
        _ => return None,
    };
    let value_start = key.len() + 1;
    let value = value_range(&line[value_start..], toml)?;
    Some((scope, value_start + value.start..value_start + value.end))
}

/// Range of the value's text within `raw` (everything after the separator): surrounding white
/// space, quotes and trailing comments removed. `None` for empty, multi-line or structured values.
fn value_range(raw: &str, toml: bool) -> Option<Range<usize>> {
    let lead = raw.len() - raw.trim_start().len();
    let v = raw.trim();
    let quote = v.chars().next()?;
    if quote == '"' || quote == '\'' {
        if v.starts_with("\"\"\"") || v.starts_with("'''") {
            return None;
        }
        let close = closing_quote(&v[1..], quote)?;
        return Some(lead + 1..lead + 1 + close).filter(|r| !r.is_empty());
    }
    if toml || matches!(quote, '|' | '>' | '[' | '{' | '&' | '*' | '!' | '#') {
        return None;
    }
    let v = v.find(" #").map_or(v, |i| v[..i].trim_end());
    Some(lead..lead + v.len()).filter(|r| !r.is_empty())
}

/// Byte index of the closing `quote` in `s`, skipping `\"` escapes in double-quoted strings and
/// `''` escapes in YAML single-quoted strings.
fn closing_quote(s: &str, quote: char) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == '"' => i += 1,
            b'\'' if quote == '\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == quote as u8 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::KeepAll;
    use super::*;

    fn run(src: &str) -> Vec<(Scope, String)> {
        let mut out = Vec::new();
        extract(src, 0..src.len(), &KeepAll, &mut out);
        for b in &out {
            let r = b.offsets.range_to_source(0..b.text.len());
            assert_eq!(&src[r], b.text);
        }
        out.into_iter().map(|b| (b.scope, b.text)).collect()
    }

    #[test]
    fn yaml_fields() {
        let src = "---\ntitle: \"Cures: all\"\nlayout: post\ndescription: Plain value # comment\n\
                   summary: 'It''s here'\ntags: [a]\n  title: nested\n---\n";
        assert_eq!(
            run(src),
            [
                (Scope::Title, "Cures: all".to_owned()),
                (Scope::FrontMatter, "Plain value".to_owned()),
                (Scope::FrontMatter, "It''s here".to_owned()),
            ]
        );
    }

    #[test]
    fn toml_fields() {
        let src = "+++\r\ntitle = \"A \\\"quoted\\\" title\"\r\ndraft = true\r\nsummary = 'Short'\r\n+++\r\n";
        assert_eq!(
            run(src),
            [
                (Scope::Title, "A \\\"quoted\\\" title".to_owned()),
                (Scope::FrontMatter, "Short".to_owned()),
            ]
        );
    }

    #[test]
    fn skips_empty_and_block_values() {
        assert!(run("---\ntitle:\ndescription: >-\n  folded\nsummary: \"\"\n---\n").is_empty());
        assert!(run("---\ntitle: \"unclosed\n---\n").is_empty());
    }
}
