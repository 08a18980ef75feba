//! Whether a citation is attached to the sentence of each finding, as an editor wants to know
//! when reading a claim.
//!
//! Findings do not record it, so the page asks the linter's own definition
//! ([`citations::attached`]): the file is parsed into prose blocks and sentences exactly as for
//! linting, and the sentence holding each finding's start is looked up. The answer is therefore
//! the one a `needs-source` rule acted on: a sentence marked "no citation" is one such a rule
//! would flag.

use std::ops::Range;

use crate::context::citations;
use crate::diagnostic::Finding;
use crate::parse::{parse_plain, KeepAll, MarkdownParser, References};
use crate::sentences;
use crate::source::{FileKind, SourceFile};

/// The citation status of a finding's sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Citations attached to the sentence, as written in the file.
    Cited(Vec<String>),
    Uncited,
    /// The finding is not in a sentence of prose (a footnote label, a comment, a link target).
    NotInSentence,
}

/// The status of each of `findings` (in the same order) in `source`.
pub fn statuses(source: &SourceFile, findings: &[&Finding]) -> Vec<Status> {
    let bom = source.bom_len();
    let body = source.text.get(bom..).unwrap_or("");
    let markdown = source.kind == FileKind::Markdown;
    let document = if markdown {
        MarkdownParser::new().parse(body, &KeepAll)
    } else {
        parse_plain(body, &KeepAll)
    };
    let references = References::scan(body, markdown);
    // Every sentence of every block, with its range in the file.
    let mut located: Vec<(Range<usize>, usize, usize)> = Vec::new();
    let split: Vec<Vec<Range<usize>>> = document
        .blocks
        .iter()
        .map(|block| sentences::split(&block.text))
        .collect();
    for (b, (block, sentences)) in document.blocks.iter().zip(&split).enumerate() {
        for (s, sentence) in sentences.iter().enumerate() {
            let source = block.offsets.range_to_source(sentence.clone());
            located.push((source.start + bom..source.end + bom, b, s));
        }
    }
    located.sort_by_key(|(range, _, _)| range.start);
    let longest = located.iter().map(|(r, _, _)| r.len()).max().unwrap_or(0);
    findings
        .iter()
        .map(|finding| {
            let at = finding.span.start;
            // Sentences may nest (an image's alt text inside a paragraph): look back from the
            // last sentence starting at or before the finding, as far as the longest reaches.
            let before = located.partition_point(|(range, _, _)| range.start <= at);
            let Some((_, b, s)) = located[..before]
                .iter()
                .rev()
                .take_while(|(range, _, _)| range.start + longest > at)
                .find(|(range, _, _)| range.contains(&at))
            else {
                return Status::NotInSentence;
            };
            let supports =
                citations::attached(body, &references, &document.blocks[*b], &split[*b], *s);
            if supports.is_empty() {
                Status::Uncited
            } else {
                Status::Cited(
                    supports
                        .iter()
                        .filter_map(|support| body.get(support.span.clone()))
                        .map(shorten)
                        .collect(),
                )
            }
        })
        .collect()
}

/// A citation as a short one-line quote.
fn shorten(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &folded[..at]),
        None => folded,
    }
}
