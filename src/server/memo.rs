//! Each open document's block cache: the findings of a block's sentences, remembered under a
//! hash of everything they depend on, so that after an edit only changed blocks run the rules.
//!
//! A block's sentence findings depend on
//! - the block itself: its scope (headlines raise severity), its section (warning sections
//!   mention hype rather than claim it), its prose text and links;
//! - the source around it that its citations may reach: from the block's start through the
//!   first line with a word after its end (markers after a full stop, a `Source:` line
//!   starting the next block), with where code and `Source:` lines fall in that window;
//! - what citations resolve against anywhere in the file: footnote and link definitions and
//!   reference-list entries, with their text, which the fact-checks read
//!   (`References::hash_definitions`);
//! - the last citation before the block, which a sentence referring back to "the same study"
//!   falls back on (`References::hash_last_cited`);
//! - the text of the block before it, where the treatment a claim's "it" or "they" stands for
//!   may be named (`lint::earlier_sentences`);
//! - for a list item, the text of the lead-in its list completes ("Our adjustments relieve:"),
//!   which says what the item's condition is claimed of (`lint::lead_in`);
//! - what the page sells, from its title, its opening and its sales cues, which a capitalised
//!   name in a claim, or a claim without an agent, stands for (`claims::PageProduct`);
//! - what the rules whose `requires`/`unless` look at the whole document decide about it
//!   (`RuleSet::document_verdicts`): "In mice" anywhere below a headline changes whether the
//!   headline's causal claim is flagged;
//! - the rules, the policy, the claim lexicon and the fact-checking data, which only change
//!   with the configuration: the server then starts a fresh memo.
//!
//! Whatever else a sentence rule or check comes to read must join the key, or a cached block
//! goes stale. The incremental tests in the server's integration tests and the test below
//! compare the cached result with a fresh lint. A block with a finding outside its window (a
//! check flagging the earlier citation a sentence refers back to) is not cached at all.
//!
//! Findings are stored relative to the block's start, so a block that only moved (an edit
//! above it) is recalled at its new place. Document-wide checks (footnotes defined and used,
//! reference lists, identifiers) and inline suppressions are not cached: the linter runs them
//! on the whole text every time, which is cheap next to the sentence rules.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::claims::PageProduct;
use crate::diagnostic::Finding;
use crate::lint::{self, Around, BlockMemo};
use crate::parse::{Block, Document, References};

/// The block cache of one document.
#[derive(Default)]
pub struct Memo {
    /// The key of each block of the current lint, in order, and the end of the source its
    /// citations may reach.
    keys: Vec<(u64, usize)>,
    /// Findings by block key, from the previous lint and from this one.
    previous: HashMap<u64, Vec<Finding>>,
    current: HashMap<u64, Vec<Finding>>,
    /// How many blocks of the last lint were recalled and how many linted (for tests and the
    /// benchmark).
    pub recalled: usize,
    pub linted: usize,
}

/// The key of `block` and the end of its window: see the module docs. `document` is the hash
/// of what every block depends on alike.
fn key(
    document: u64,
    body: &str,
    references: &References,
    block: &Block,
    around: &Around<'_>,
) -> (u64, usize) {
    let mut state = DefaultHasher::new();
    document.hash(&mut state);
    around.previous.map(|p| &p.text).hash(&mut state);
    around.lead_in.map(|p| &p.text).hash(&mut state);
    block.scope.hash(&mut state);
    block.section.hash(&mut state);
    block.text.hash(&mut state);
    let start = block.offsets.to_source(0);
    let end = block.offsets.range_to_source(0..block.text.len()).end;
    let window = start..reach(body, end);
    body.get(window.clone()).hash(&mut state);
    for link in &block.links {
        (link.span.start.wrapping_sub(start), link.span.len()).hash(&mut state);
        link.destination.hash(&mut state);
    }
    references.hash_window(window.clone(), &mut state);
    references.hash_last_cited(start, &mut state);
    (state.finish(), window.end)
}

/// The end of the first line after `end` that holds a letter or digit: as far as a block's
/// citations can reach.
fn reach(body: &str, end: usize) -> usize {
    let Some(rest) = body.get(end..) else {
        return body.len();
    };
    let mut pos = end;
    for line in rest.split_inclusive('\n') {
        pos += line.len();
        if line.chars().any(char::is_alphanumeric) {
            break;
        }
    }
    pos
}

/// `findings` with their spans moved by `by` bytes forwards (`forward`) or back.
fn shifted(findings: &[Finding], by: usize, forward: bool) -> impl Iterator<Item = Finding> + '_ {
    let shift = move |n: usize| {
        if forward {
            n + by
        } else {
            n.saturating_sub(by)
        }
    };
    findings.iter().map(move |f| Finding {
        span: shift(f.span.start)..shift(f.span.end),
        sentence: (f.sentence.as_ref()).map(|s| shift(s.start)..shift(s.end)),
        ..f.clone()
    })
}

impl BlockMemo for Memo {
    fn start(
        &mut self,
        body: &str,
        document: &Document,
        verdicts: u64,
        sold: Option<&PageProduct>,
    ) {
        let references = &document.references;
        let mut state = DefaultHasher::new();
        references.hash_definitions(body, &mut state);
        verdicts.hash(&mut state);
        sold.hash(&mut state);
        let shared = state.finish();
        self.keys.clear();
        let blocks = &document.blocks;
        (self.keys).extend((blocks.iter().enumerate()).map(|(i, b)| {
            let around = Around {
                previous: i.checked_sub(1).map(|p| &blocks[p]),
                lead_in: lint::lead_in(blocks, i),
            };
            key(shared, body, references, b, &around)
        }));
        self.previous = std::mem::take(&mut self.current);
        self.recalled = 0;
        self.linted = 0;
    }

    fn recall(&mut self, number: usize, block: &Block, bom: usize, out: &mut Vec<Finding>) -> bool {
        let Some(&(key, _)) = self.keys.get(number) else {
            return false;
        };
        let found = self.previous.get(&key).or_else(|| self.current.get(&key));
        let Some(findings) = found.cloned() else {
            self.linted += 1;
            return false;
        };
        let start = block.offsets.to_source(0) + bom;
        out.extend(shifted(&findings, start, true));
        self.current.insert(key, findings);
        self.recalled += 1;
        true
    }

    fn record(&mut self, number: usize, block: &Block, bom: usize, findings: &[Finding]) {
        let Some(&(key, reach)) = self.keys.get(number) else {
            return;
        };
        let start = block.offsets.to_source(0) + bom;
        let window = start..reach + bom;
        if (findings.iter()).any(|f| f.span.start < window.start || f.span.end > window.end) {
            // A finding elsewhere depends on more than the key says.
            return;
        }
        self.current
            .insert(key, shifted(findings, start, false).collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Policy;
    use crate::lint::Linter;
    use crate::parse::MarkdownParser;
    use crate::rules::RuleSet;
    use crate::source::{FileKind, SourceFile};

    /// Lints `text` through `memo`, as the server does after an edit, and checks that the
    /// result is what a fresh lint finds.
    fn lint_cached(linter: &Linter, memo: &mut Memo, text: &str) -> Vec<Finding> {
        let policy = Policy::everything(linter.rules());
        let file = SourceFile::new("a.md", FileKind::Markdown, text);
        let document = MarkdownParser::new().parse(text, linter.rules());
        let findings = (linter.session()).lint_parsed(&file, &policy, &document, memo);
        assert_eq!(findings, linter.session().lint(&file), "{text}");
        findings
    }

    #[test]
    fn only_changed_blocks_are_linted_and_findings_match_a_fresh_lint() {
        let linter = Linter::new(RuleSet::builtin().unwrap());
        let mut memo = Memo::default();
        let before = "# A miracle cure\n\nStudies show it works.\n\nIt is 100% safe.\n\n\
                      Our tea cures arthritis[^1].\n";
        lint_cached(&linter, &mut memo, before);
        assert_eq!((memo.recalled, memo.linted), (0, 4));
        // An edit moves every block after it; only the edited one is linted again, the one
        // before it, whose citations could reach the edited line, and the one after it, whose
        // "it" could stand for a treatment the edited one names.
        let moved = before.replace("it works", "it really works");
        let findings = lint_cached(&linter, &mut memo, &moved);
        assert_eq!((memo.recalled, memo.linted), (1, 3));
        assert!(
            findings.iter().any(|f| f.text == "100% safe"),
            "{findings:#?}"
        );
        // A footnote definition elsewhere changes what the claims' citations resolve to.
        let defined = format!("{moved}\n[^1]: Smith J. https://example.org/tea\n");
        lint_cached(&linter, &mut memo, &defined);
        assert_eq!(memo.recalled, 0);
    }

    #[test]
    fn a_pronoun_is_read_again_when_the_block_naming_its_treatment_changes() {
        let linter = Linter::new(RuleSet::builtin().unwrap());
        let mut memo = Memo::default();
        let mut eases = |text: &str| {
            let findings = lint_cached(&linter, &mut memo, text);
            findings.iter().any(|f| f.text == "eases joint pain")
        };
        let text = "Our elderberry syrup is made in small batches.\n\nIt eases joint pain.\n";
        assert!(eases(text));
        // The block before now names a medicine: the same "it" is the ordinary language of
        // patient information, and the unchanged block must not keep its old finding.
        assert!(!eases(
            &text.replace("Our elderberry syrup", "The antibiotic")
        ));
    }

    #[test]
    fn a_list_item_is_read_again_when_its_lead_in_changes() {
        let linter = Linter::new(RuleSet::builtin().unwrap());
        let mut memo = Memo::default();
        let mut flagged = |text: &str| {
            let findings = lint_cached(&linter, &mut memo, text);
            findings.iter().any(|f| f.text == "Sciatica")
        };
        let text = "Our spinal adjustments relieve:

- Back pain
- Sciatica
";
        assert!(flagged(text));
        // The second item's block before it is unchanged; its lead-in, two blocks up, is not.
        assert!(!flagged(
            &text.replace("Our spinal adjustments", "Physiotherapists treat")
        ));
    }

    #[test]
    fn a_citation_text_edited_elsewhere_is_read_again() {
        let linter = Linter::new(RuleSet::builtin().unwrap());
        let mut memo = Memo::default();
        let mut rules = |text: &str| {
            let findings = lint_cached(&linter, &mut memo, text);
            (findings.iter())
                .map(|f| f.rule.to_string())
                .collect::<Vec<_>>()
        };
        let text = "The review published in 2010 found no benefit.[^r]\n\nMore text.\n\n\
                    [^r]: Lee C. Omega-3 and heart disease. Cochrane Review, 2010.\n";
        assert!(!rules(text).contains(&"factcheck/year-mismatch".to_string()));
        // The footnote's year, two blocks away, no longer matches the sentence's.
        let found = rules(&text.replace("Review, 2010", "Review, 2018"));
        assert!(found.contains(&"factcheck/year-mismatch".to_string()));
    }
}
