//! What to show of a file for its findings: the sentence each finding is in, not the whole
//! source line (real Markdown keeps a paragraph on one line). Findings in one sentence share one
//! excerpt; a sentence too long to read at a glance is cut to a window around its phrases, with
//! `…` where it is cut.

use std::ops::Range;

use super::wrap::width;
use crate::diagnostic::Finding;
use crate::sentences;

/// A stretch of the source shown once, with the findings marked in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// Byte range of the source shown; it may cover several lines of a hard-wrapped paragraph.
    pub range: Range<usize>,
    /// Whether the sentence goes on before (`cut_before`) or after (`cut_after`) the range.
    pub cut_before: bool,
    pub cut_after: bool,
    /// Indices into the findings given to [`excerpts`], in order.
    pub findings: Vec<usize>,
}

/// Lines a paragraph is searched for its sentence, each way: beyond this a "paragraph" is a list
/// or a table the heuristics below did not recognise, and the sentence is long gone.
const MAX_PARAGRAPH_LINES: usize = 20;

/// Bytes a paragraph is searched for its sentence, each way from a finding: twice the longest
/// sentence the linter judges whole ([`sentences::MAX_SENTENCE`]), so a thousand findings on one
/// megabyte-long line each cost a bounded search, not a scan of the line.
const MAX_PARAGRAPH_REACH: usize = 2 * sentences::MAX_SENTENCE;

/// The excerpts for `findings` (sorted by where they start) in `text`. `row` is the width of one
/// row of excerpt text: a sentence wider than three rows is cut to a window of about a row on
/// each side of its phrases, and phrases more than two rows apart get windows of their own.
pub fn excerpts(text: &str, findings: &[&Finding], row: usize) -> Vec<Excerpt> {
    let mut groups: Vec<(Range<usize>, Vec<usize>)> = Vec::new();
    let front_matter = front_matter_end(text);
    for (i, finding) in findings.iter().enumerate() {
        let sentence = sentence_of(text, front_matter, &finding.span);
        match groups.last_mut() {
            Some((range, members)) if sentence.start < range.end => {
                range.end = range.end.max(sentence.end);
                members.push(i);
            }
            _ => groups.push((sentence, vec![i])),
        }
    }
    let mut out = Vec::new();
    for (range, members) in groups {
        if width(&text[range.clone()]) <= 3 * row {
            out.push(Excerpt {
                range,
                cut_before: false,
                cut_after: false,
                findings: members,
            });
            continue;
        }
        for cluster in clusters(text, findings, members, 2 * row) {
            let first = &findings[cluster[0]].span;
            let last_end = cluster.iter().map(|&i| findings[i].span.end).max();
            let last_end = last_end.unwrap_or(first.end);
            let start = back(text, range.start, first.start, row);
            let end = forward(text, last_end, range.end, row);
            out.push(Excerpt {
                range: start..end,
                cut_before: start > range.start,
                cut_after: end < range.end,
                findings: cluster,
            });
        }
    }
    out
}

/// Splits a sentence's findings where the text between two of them is wider than `gap`.
fn clusters(text: &str, findings: &[&Finding], members: Vec<usize>, gap: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut reach = 0;
    for i in members {
        let span = &findings[i].span;
        match out.last_mut() {
            Some(cluster) if span.start <= reach || width(&text[reach..span.start]) <= gap => {
                cluster.push(i);
            }
            _ => out.push(vec![i]),
        }
        reach = reach.max(span.end);
    }
    out
}

/// The sentence around `span`: found by the linter's own splitter in the paragraph holding it,
/// widened to the whole span if the span reaches past it (a comment spanning sentences).
fn sentence_of(text: &str, front_matter: usize, span: &Range<usize>) -> Range<usize> {
    let paragraph = paragraph(text, front_matter, span.start);
    if span.end > paragraph.end {
        return line_start(text, span.start)..line_end(text, span.end);
    }
    let (start, end) = (span.start - paragraph.start, span.end - paragraph.start);
    let touching: Vec<Range<usize>> = sentences::split(&text[paragraph.clone()])
        .into_iter()
        .filter(|s| s.start < end.max(start + 1) && start < s.end)
        .collect();
    match (touching.first(), touching.last()) {
        (Some(first), Some(last)) => {
            paragraph.start + first.start.min(start)..paragraph.start + last.end.max(end)
        }
        _ => span.clone(),
    }
}

/// The paragraph holding `offset`: the lines around it up to a blank line or a line that starts
/// a Markdown block (heading, list item, quote, table row), which is a paragraph of its own;
/// at most [`MAX_PARAGRAPH_REACH`] bytes each way. `front_matter` is where front matter ends.
fn paragraph(text: &str, front_matter: usize, offset: usize) -> Range<usize> {
    if offset < front_matter {
        // `key: value` lines, each its own field.
        return line_start(text, offset)..line_end(text, offset);
    }
    let floor = floor_boundary(text, offset.saturating_sub(MAX_PARAGRAPH_REACH));
    let ceiling = floor_boundary(text, offset.saturating_add(MAX_PARAGRAPH_REACH));
    let mut start = line_start(text, offset);
    for _ in 0..MAX_PARAGRAPH_LINES {
        if start <= floor || starts_block(&text[start..line_end(text, start)]) {
            break;
        }
        let previous = line_start(text, start - 1);
        if text[previous..start].trim().is_empty() {
            break;
        }
        start = previous;
    }
    let mut end = line_end(text, offset);
    for _ in 0..MAX_PARAGRAPH_LINES {
        if end >= text.len() || end >= ceiling {
            break;
        }
        let next_end = line_end(text, end + 1);
        let next = &text[end + 1..next_end];
        if next.trim().is_empty() || starts_block(next) {
            break;
        }
        end = next_end;
    }
    start.max(floor)..end.min(ceiling.max(offset))
}

/// `offset`, or the character boundary before it; at most the text's length.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where YAML front matter (`---` lines around it, at the very start) ends, or 0.
fn front_matter_end(text: &str) -> usize {
    let Some(body) = text.strip_prefix("---\n") else {
        return 0;
    };
    body.find("\n---")
        .map_or(0, |i| text.len() - body.len() + i + "\n---".len())
}

/// Whether a line opens a Markdown block of its own.
fn starts_block(line: &str) -> bool {
    let line = line.trim_start();
    let ordered = line.split_once(['.', ')']).is_some_and(|(n, _)| {
        !n.is_empty() && n.len() < 4 && n.bytes().all(|b| b.is_ascii_digit())
    });
    let fence = ["---", "***", "```", "~~~"]
        .iter()
        .any(|f| line.starts_with(f));
    fence
        || line.starts_with('#')
        || line.starts_with('>')
        || line.starts_with('|')
        || ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
        || ordered
}

/// Where the line holding `offset` starts, looking back at most [`MAX_PARAGRAPH_REACH`] bytes.
fn line_start(text: &str, offset: usize) -> usize {
    let floor = floor_boundary(text, offset.saturating_sub(MAX_PARAGRAPH_REACH));
    text[floor..offset]
        .rfind('\n')
        .map_or(floor, |i| floor + i + 1)
}

/// Where the line holding `offset` ends, before its line break, looking ahead at most
/// [`MAX_PARAGRAPH_REACH`] bytes.
fn line_end(text: &str, offset: usize) -> usize {
    let ceiling = floor_boundary(text, offset.saturating_add(MAX_PARAGRAPH_REACH));
    (text[offset..ceiling].find('\n')).map_or(ceiling.max(offset), |i| offset + i)
}

/// About `columns` before `from`, but not before `floor`, moved forward to a word's start.
fn back(text: &str, floor: usize, from: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut at = from;
    for (i, c) in text[floor..from].char_indices().rev() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > columns {
            break;
        }
        at = floor + i;
    }
    if at == floor {
        return floor;
    }
    // Drop the partial word the window starts in, and the white space after it.
    match text[at..from].find(char::is_whitespace) {
        Some(i) => {
            let gap = at + i;
            gap + text[gap..from].len() - text[gap..from].trim_start().len()
        }
        None => at,
    }
}

/// About `columns` after `from`, but not past `ceiling`, moved back to a word's end.
fn forward(text: &str, from: usize, ceiling: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut at = from;
    for (i, c) in text[from..ceiling].char_indices() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > columns {
            break;
        }
        at = from + i + c.len_utf8();
    }
    if at == ceiling {
        return ceiling;
    }
    match text[from..at].rfind(char::is_whitespace) {
        Some(i) => from + text[from..from + i].trim_end().len(),
        None => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::finding;

    fn shown(text: &str, needles: &[&str], row: usize) -> Vec<(String, bool, bool, Vec<usize>)> {
        let findings: Vec<Finding> = needles.iter().map(|n| finding(text, n, "r/r")).collect();
        let refs: Vec<&Finding> = findings.iter().collect();
        excerpts(text, &refs, row)
            .into_iter()
            .map(|e| {
                (
                    text[e.range].to_string(),
                    e.cut_before,
                    e.cut_after,
                    e.findings,
                )
            })
            .collect()
    }

    #[test]
    fn a_sentence_not_the_whole_line() {
        let text = "# Title\n\nFirst claim here. This miracle cure heals. Last one.\n";
        assert_eq!(
            shown(text, &["miracle cure"], 80),
            [("This miracle cure heals.".into(), false, false, vec![0])]
        );
    }

    #[test]
    fn one_sentence_with_several_findings_is_shown_once() {
        let text = "A miracle cure that is 100% guaranteed. Next sentence is a breakthrough.";
        assert_eq!(
            shown(
                text,
                &["miracle cure", "100% guaranteed", "breakthrough"],
                80
            ),
            [
                (
                    "A miracle cure that is 100% guaranteed.".into(),
                    false,
                    false,
                    vec![0, 1]
                ),
                (
                    "Next sentence is a breakthrough.".into(),
                    false,
                    false,
                    vec![2]
                ),
            ]
        );
    }

    #[test]
    fn a_hard_wrapped_sentence_keeps_its_lines() {
        let text = "Intro text.\nThis one is a miracle\ncure for all. Then more.\n\nOther.";
        assert_eq!(
            shown(text, &["miracle\ncure"], 80)[0].0,
            "This one is a miracle\ncure for all."
        );
        let front = "---\ntitle: A miracle cure\ndescription: Safe.\n---\nBody text.\n";
        assert_eq!(
            shown(front, &["miracle cure"], 80)[0].0,
            "title: A miracle cure"
        );
        let list = "- first item\n- a miracle cure\n- third\n";
        assert_eq!(shown(list, &["miracle cure"], 80)[0].0, "- a miracle cure");
    }

    #[test]
    fn a_long_sentence_is_cut_around_its_phrase_at_word_boundaries() {
        let words = "word ".repeat(40);
        let text = format!("{words}a miracle cure {words}end.");
        let got = shown(&text, &["miracle cure"], 20);
        let (excerpt, before, after, _) = &got[0];
        assert!(*before && *after);
        assert!(
            excerpt.starts_with("word ") && excerpt.ends_with(" word"),
            "{excerpt}"
        );
        assert!(excerpt.contains("a miracle cure"));
        assert!(width(excerpt) <= 20 + 14 + 20, "{excerpt}");
    }
}
