//! Linting one file: parse → sentences → rules → context → findings.

use std::ops::Range;

use crate::context::{self, Words};
use crate::diagnostic::Finding;
use crate::parse::{parse_plain, Block, MarkdownParser};
use crate::rules::{Rule, RuleSet};
use crate::sentences;
use crate::source::{FileKind, SourceFile};

/// The rules and everything built once for a run; shared by every thread.
pub struct Linter {
    rules: RuleSet,
}

impl Linter {
    pub fn new(rules: RuleSet) -> Linter {
        Linter { rules }
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Per-thread state: the parsers are reused for every file a thread lints.
    pub fn session(&self) -> Session<'_> {
        Session {
            linter: self,
            markdown: MarkdownParser::new(),
        }
    }
}

/// One thread's linting state.
pub struct Session<'a> {
    linter: &'a Linter,
    markdown: MarkdownParser,
}

impl Session<'_> {
    /// All findings in one file, ordered by position.
    pub fn lint(&mut self, file: &SourceFile) -> Vec<Finding> {
        let rules = &self.linter.rules;
        let bom = file.bom_len();
        let body = file.text.get(bom..).unwrap_or("");
        let document = match file.kind {
            FileKind::Markdown => self.markdown.parse(body, rules),
            FileKind::Text => parse_plain(body, rules),
        };
        let mut findings = Vec::new();
        for block in &document.blocks {
            for sentence in sentences::split(&block.text) {
                lint_sentence(rules, file, bom, block, sentence, &mut findings);
            }
        }
        for (rule, check) in rules.checks() {
            for hit in check(file) {
                let mut found = finding(rule, file, None, hit.span);
                if let Some(message) = hit.message {
                    found.message = message;
                }
                findings.push(found);
            }
        }
        findings.sort_by(|a, b| (a.span.start, &a.rule).cmp(&(b.span.start, &b.rule)));
        findings.dedup_by(|b, a| a.rule == b.rule && b.span.start < a.span.end);
        findings
    }
}

fn lint_sentence(
    rules: &RuleSet,
    file: &SourceFile,
    bom: usize,
    block: &Block,
    range: Range<usize>,
    findings: &mut Vec<Finding>,
) {
    let Some(sentence) = block.text.get(range.clone()) else {
        return;
    };
    let mut words: Option<Words> = None;
    for rule in rules.candidates(sentence) {
        for trigger in rule.triggers(sentence, &block.text) {
            let words = words.get_or_insert_with(|| Words::new(sentence));
            let contexts = context::assess(sentence, words, trigger.clone());
            if contexts.iter().any(|&k| rule.silenced_by(k)) {
                continue;
            }
            let in_block = range.start + trigger.start..range.start + trigger.end;
            let source = block.offsets.range_to_source(in_block);
            let span = source.start + bom..source.end + bom;
            findings.push(finding(rule, file, Some(block), span));
        }
    }
}

/// A finding of `rule` at `span`; `block` is where a sentence rule matched (headlines raise
/// severity), `None` for document-wide checks.
fn finding(rule: &Rule, file: &SourceFile, block: Option<&Block>, span: Range<usize>) -> Finding {
    let text = file.text.get(span.clone()).unwrap_or("").to_string();
    let severity = if block.is_some_and(|b| b.scope.is_headline()) {
        rule.severity().raised()
    } else {
        rule.severity()
    };
    Finding {
        rule: rule.id.clone(),
        category: rule.category(),
        severity,
        message: rule.message_for(&text),
        help: rule.spec.help.clone(),
        span,
        text,
        suggestions: rule.spec.suggestions.clone(),
        suppression: None,
    }
}
