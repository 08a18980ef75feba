//! Human-facing front matter fields, in YAML (`---`), TOML (`+++`) and JSON (`{…}`, as Hugo
//! writes it).
//!
//! Only `title`, `description`, `summary`, `subtitle` and `excerpt` (plus the fields a config
//! names in `front-matter-fields`) are prose a reader sees, in the page title, in search results
//! and link previews; everything else in front matter is configuration, never linted: an empty
//! `doi: ""` is a field, not a broken identifier. A full YAML, TOML or JSON parser is not needed
//! for that, and would lose the byte offsets: top-level keys are found line by line, and each
//! value's text is taken as written, including multi-line values (YAML block scalars `|` and `>`,
//! folded plain and quoted scalars, TOML multi-line strings).

use std::ops::Range;

use super::plain::Stitch;
use super::{wanted, Block, Prefilter, Scope};

/// Fields whose value is prose in every front matter.
const PROSE_FIELDS: &[&str] = &["title", "description", "summary", "subtitle", "excerpt"];

/// The front matter's syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    Yaml,
    Toml,
    Json,
}

/// Which fields are prose: the built-in ones plus those a config adds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fields<'a> {
    pub extra: &'a [String],
}

impl Fields<'_> {
    /// The scope of a field's value, if the field is prose.
    fn scope(&self, key: &str) -> Option<Scope> {
        let is = |name: &String| name.eq_ignore_ascii_case(key);
        if key.eq_ignore_ascii_case("title") {
            Some(Scope::Title)
        } else if PROSE_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(key))
            || self.extra.iter().any(is)
        {
            Some(Scope::FrontMatter)
        } else {
            None
        }
    }
}

/// The end of JSON front matter at the start of `src`: a top-level `{…}` object closed on a line
/// of its own (Hugo's convention), or `None`.
pub(super) fn json_end(src: &str) -> Option<usize> {
    if !src.starts_with('{') {
        return None;
    }
    let end = skip_json_value(src, 0)?;
    let rest = &src[end..];
    let line_end = rest.find('\n').map_or(src.len(), |i| end + i + 1);
    src[end..line_end].trim().is_empty().then_some(line_end)
}

/// Emits blocks for the human-facing fields of the front matter at `range` of `src`
/// (delimiters included), in source order.
pub(super) fn extract(
    src: &str,
    range: Range<usize>,
    syntax: Syntax,
    fields: Fields,
    prefilter: &dyn Prefilter,
    out: &mut Vec<Block>,
) {
    let values = match syntax {
        Syntax::Json => json_fields(src, range, fields),
        Syntax::Yaml | Syntax::Toml => line_fields(src, range, syntax, fields),
    };
    for (scope, value) in values {
        let Some(raw) = src.get(value.clone()) else {
            continue;
        };
        if !wanted(prefilter, raw, scope) {
            continue;
        }
        let mut st = Stitch::new(src);
        if syntax == Syntax::Json {
            copy_json_string(&mut st, value);
        } else {
            st.copy(value);
        }
        out.extend(st.finish(scope));
    }
}

/// A top-level line of YAML or TOML front matter: its range and its text without the line break.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start().len()
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The prose fields of YAML or TOML front matter, with the ranges of their values.
fn line_fields(
    src: &str,
    range: Range<usize>,
    syntax: Syntax,
    fields: Fields,
) -> Vec<(Scope, Range<usize>)> {
    let body = src.get(range.clone()).unwrap_or_default();
    let mut offset = range.start;
    let lines: Vec<Line> = body
        .split_inclusive('\n')
        .map(|raw| {
            let start = offset;
            offset += raw.len();
            Line {
                start,
                text: raw.trim_end_matches(['\n', '\r']),
            }
        })
        .collect();
    let mut out = Vec::new();
    // The delimiter lines are the first and (when closed) the last.
    let inner = lines.get(1..lines.len().saturating_sub(1)).unwrap_or(&[]);
    for (i, line) in inner.iter().enumerate() {
        // TOML keys after a `[table]` header belong to that table, not to the page.
        if syntax == Syntax::Toml && line.text.starts_with('[') {
            break;
        }
        if line.indent() > 0 {
            continue;
        }
        let separator = if syntax == Syntax::Toml { '=' } else { ':' };
        let Some((key, rest)) = line.text.split_once(separator) else {
            continue;
        };
        let Some(scope) = fields.scope(key.trim().trim_matches(['"', '\''])) else {
            continue;
        };
        let value_start = line.start + key.len() + 1;
        let following = &inner[i + 1..];
        let value = match syntax {
            Syntax::Toml => toml_value(src, value_start, rest, line.end(), range.end),
            _ => yaml_value(src, value_start, rest, line, following, range.end),
        };
        out.extend(value.filter(|v| !v.is_empty()).map(|v| (scope, v)));
    }
    out
}

/// A YAML value's text: plain, quoted or a block scalar, on one line or several.
fn yaml_value(
    src: &str,
    start: usize,
    rest: &str,
    line: &Line,
    following: &[Line],
    end: usize,
) -> Option<Range<usize>> {
    let lead = rest.len() - rest.trim_start().len();
    let v = rest.trim();
    let start = start + lead;
    // Lines indented under the key (blank lines in between included) continue its value.
    let continued = following
        .iter()
        .take_while(|l| l.is_blank() || l.indent() > line.indent())
        .filter(|l| !l.is_blank())
        .last()
        .map(Line::end);
    match v.chars().next() {
        None => {
            // The value starts on the next line: prose unless it is a list or a map.
            let first = following.iter().find(|l| !l.is_blank())?;
            let t = first.text.trim_start();
            let structured = t.starts_with("- ") || t == "-" || is_mapping_line(t);
            (!structured && first.indent() > 0)
                .then(|| first.start + first.indent()..continued.unwrap_or(first.end()))
        }
        Some(q @ ('"' | '\'')) => {
            let close = closing_quote(src.get(start + 1..end)?, q)?;
            Some(start + 1..start + 1 + close)
        }
        Some('|' | '>') => {
            let first = following.iter().find(|l| !l.is_blank())?;
            (first.indent() > line.indent())
                .then(|| first.start + first.indent()..continued.unwrap_or(first.end()))
        }
        Some('[' | '{' | '&' | '*' | '!' | '#') => None,
        Some(_) => match continued {
            Some(end) => Some(start..end),
            None => {
                let v = v.find(" #").map_or(v, |i| v[..i].trim_end());
                Some(start..start + v.len())
            }
        },
    }
}

/// Whether a YAML line is a `key: value` entry of a nested map.
fn is_mapping_line(text: &str) -> bool {
    text.split_once(':').is_some_and(|(k, v)| {
        !k.contains(char::is_whitespace) && (v.is_empty() || v.starts_with([' ', '\t']))
    })
}

/// A TOML value's text: a basic or literal string, possibly multi-line (`"""`, `'''`).
fn toml_value(
    src: &str,
    start: usize,
    rest: &str,
    line_end: usize,
    end: usize,
) -> Option<Range<usize>> {
    let lead = rest.len() - rest.trim_start().len();
    let start = start + lead;
    let v = rest.trim();
    for delimiter in ["\"\"\"", "'''"] {
        if v.starts_with(delimiter) {
            let body = start + 3;
            let close = src.get(body..end)?.find(delimiter)?;
            return Some(body..body + close);
        }
    }
    let q = v.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let close = closing_quote(src.get(start + 1..line_end)?, q)?;
    Some(start + 1..start + 1 + close)
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

/// The prose fields of a JSON front matter object, with the ranges of their string values
/// (inside the quotes).
fn json_fields(src: &str, range: Range<usize>, fields: Fields) -> Vec<(Scope, Range<usize>)> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let end = range.end.min(src.len());
    let mut pos = range.start + 1;
    loop {
        pos = skip_space(src, pos);
        if pos >= end || bytes[pos] != b'"' {
            return out;
        }
        let Some(key_end) = skip_json_value(src, pos) else {
            return out;
        };
        let key = &src[pos + 1..key_end - 1];
        pos = skip_space(src, key_end);
        if bytes.get(pos) != Some(&b':') {
            return out;
        }
        pos = skip_space(src, pos + 1);
        let Some(value_end) = skip_json_value(src, pos) else {
            return out;
        };
        if bytes[pos] == b'"' && value_end > pos + 2 {
            if let Some(scope) = fields.scope(key) {
                out.push((scope, pos + 1..value_end - 1));
            }
        }
        pos = skip_space(src, value_end);
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            _ => return out,
        }
    }
}

fn skip_space(src: &str, pos: usize) -> usize {
    let rest = src.get(pos..).unwrap_or_default();
    pos + rest.len() - rest.trim_start().len()
}

/// The end of the JSON value starting at `pos`: past a string's closing quote, an object's or
/// array's closing bracket, or a literal.
fn skip_json_value(src: &str, pos: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    match *bytes.get(pos)? {
        b'"' => {
            let close = closing_quote(&src[pos + 1..], '"')?;
            Some(pos + 1 + close + 1)
        }
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => {
                        i = skip_json_value(src, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let len = src[pos..]
                .find(|c: char| c == ',' || c == '}' || c == ']' || c.is_whitespace())
                .unwrap_or(src.len() - pos);
            Some(pos + len)
        }
    }
}

/// Copies a JSON string's inside, decoding escapes (`\"`, `\n`, `\u00e9`).
fn copy_json_string(st: &mut Stitch, value: Range<usize>) {
    let raw = st.source(value.clone());
    let mut pos = 0;
    while let Some(i) = raw[pos..].find('\\').map(|i| pos + i) {
        st.copy(value.start + pos..value.start + i);
        let esc = raw.as_bytes().get(i + 1).copied().unwrap_or(b'\\');
        let (len, text) = match esc {
            b'u' => {
                let code = raw
                    .get(i + 2..i + 6)
                    .and_then(|h| u32::from_str_radix(h, 16).ok());
                (6, code.and_then(char::from_u32).unwrap_or('\u{fffd}'))
            }
            b'n' | b'r' | b't' => (2, ' '),
            b'b' | b'f' => (2, ' '),
            other => (2, char::from(other)),
        };
        let len = len.min(raw.len() - i);
        st.insert(
            value.start + i..value.start + i + len,
            text.encode_utf8(&mut [0; 4]),
        );
        pos = i + len;
    }
    st.copy(value.start + pos..value.end);
}

#[cfg(test)]
mod tests {
    use super::super::KeepAll;
    use super::*;

    fn run_with(src: &str, syntax: Syntax, extra: &[String]) -> Vec<(Scope, String)> {
        let mut out = Vec::new();
        let fields = Fields { extra };
        extract(src, 0..src.len(), syntax, fields, &KeepAll, &mut out);
        for b in &out {
            let r = b.offsets.range_to_source(0..b.text.len());
            if syntax != Syntax::Json {
                assert_eq!(&src[r], b.text);
            }
        }
        out.into_iter().map(|b| (b.scope, b.text)).collect()
    }

    fn run(src: &str, syntax: Syntax) -> Vec<(Scope, String)> {
        run_with(src, syntax, &[])
    }

    #[test]
    fn yaml_fields() {
        let src = "---\ntitle: \"Cures: all\"\nlayout: post\ndescription: Plain value # comment\n\
                   summary: 'It''s here'\ntags: [a]\n  title: nested\nsubtitle: Sub\nexcerpt: Ex\n---\n";
        assert_eq!(
            run(src, Syntax::Yaml),
            [
                (Scope::Title, "Cures: all".to_owned()),
                (Scope::FrontMatter, "Plain value".to_owned()),
                (Scope::FrontMatter, "It''s here".to_owned()),
                (Scope::FrontMatter, "Sub".to_owned()),
                (Scope::FrontMatter, "Ex".to_owned()),
            ]
        );
    }

    #[test]
    fn yaml_multi_line_values() {
        let src = "---\ndescription: >-\n  A folded\n  miracle cure.\n\nsummary: |\n  Line one.\n\n  Line two.\n\
                   excerpt: A plain value\n  folded on.\ntitle: \"Quoted across\n  lines\"\n\
                   tags:\n  - a\nauthor:\n  name: X\n---\n";
        assert_eq!(
            run(src, Syntax::Yaml),
            [
                (Scope::FrontMatter, "A folded\n  miracle cure.".to_owned()),
                (Scope::FrontMatter, "Line one.\n\n  Line two.".to_owned()),
                (Scope::FrontMatter, "A plain value\n  folded on.".to_owned()),
                (Scope::Title, "Quoted across\n  lines".to_owned()),
            ]
        );
    }

    #[test]
    fn toml_fields() {
        let src = "+++\r\ntitle = \"A \\\"quoted\\\" title\"\r\ndraft = true\r\nsummary = 'Short'\r\n\
                   description = \"\"\"\r\nMulti\r\nline\"\"\"\r\n[params]\r\nexcerpt = \"nested\"\r\n+++\r\n";
        assert_eq!(
            run(src, Syntax::Toml),
            [
                (Scope::Title, "A \\\"quoted\\\" title".to_owned()),
                (Scope::FrontMatter, "Short".to_owned()),
                (Scope::FrontMatter, "Multi\r\nline".to_owned()),
            ]
        );
    }

    #[test]
    fn json_fields_as_hugo_writes_them() {
        let src = "{\n  \"title\": \"A \\\"miracle\\\" cure\",\n  \"tags\": [\"a\", {\"title\": \"x\"}],\n  \
                   \"draft\": false,\n  \"description\": \"Caf\\u00e9 cures\"\n}\n\nBody.\n";
        let end = json_end(src).expect("front matter");
        assert_eq!(&src[end..], "\nBody.\n");
        assert_eq!(
            run(&src[..end], Syntax::Json),
            [
                (Scope::Title, "A \"miracle\" cure".to_owned()),
                (Scope::FrontMatter, "Café cures".to_owned()),
            ]
        );
        assert_eq!(json_end("{not json\n"), None);
        assert_eq!(json_end("{\"a\": 1} trailing\n"), None);
    }

    #[test]
    fn config_adds_fields() {
        let src = "---\nlede: A miracle.\ndoi: \"\"\n---\n";
        assert!(run(src, Syntax::Yaml).is_empty());
        let extra = ["lede".to_owned()];
        assert_eq!(
            run_with(src, Syntax::Yaml, &extra),
            [(Scope::FrontMatter, "A miracle.".to_owned())]
        );
    }

    #[test]
    fn skips_empty_and_structured_values() {
        assert!(run(
            "---\ntitle:\ndescription: \"\"\nsummary: [a]\n---\n",
            Syntax::Yaml
        )
        .is_empty());
        assert!(run("---\ntitle: \"unclosed\n---\n", Syntax::Yaml).is_empty());
        for src in [
            "",
            "---",
            "---\n",
            "+++\ntitle = \"\"\"x",
            "{",
            "{\"title\": \"x",
        ] {
            run(src, Syntax::Yaml);
            run(src, Syntax::Toml);
            run(src, Syntax::Json);
        }
    }
}
