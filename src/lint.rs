//! Linting one file: parse → sentences → rules → context → findings.

use std::ops::Range;

use crate::config::Policy;
use crate::context::{self, Words};
use crate::diagnostic::{Finding, Severity};
use crate::parse::{parse_plain, Block, MarkdownParser};
use crate::rules::checks::{Check, CheckHit};
use crate::rules::{Rule, RuleSet};
use crate::source::{FileKind, SourceFile};
use crate::{sentences, suppress};

/// The rules and everything built once for a run; shared by every thread.
pub struct Linter {
    rules: RuleSet,
    /// Every rule on at its default severity, for [`Session::lint`].
    everything: Policy,
}

impl Linter {
    pub fn new(rules: RuleSet) -> Linter {
        Linter {
            everything: Policy::everything(&rules),
            rules,
        }
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
    /// All findings of every rule in one file, ordered by position.
    pub fn lint(&mut self, file: &SourceFile) -> Vec<Finding> {
        let linter = self.linter;
        self.lint_with(file, &linter.everything)
    }

    /// All findings in one file of the rules `policy` switches on, at its severities, with
    /// inline suppressions applied (suppressed findings are kept, marked), ordered by position.
    pub fn lint_with(&mut self, file: &SourceFile, policy: &Policy) -> Vec<Finding> {
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
                lint_sentence(rules, policy, file, bom, block, sentence, &mut findings);
            }
        }
        let mut after_suppressions = Vec::new();
        for (index, rule, check) in rules.checks() {
            let Some(level) = policy.level(index) else {
                continue;
            };
            match check {
                Check::Document(check) => push_hits(&mut findings, rule, level, file, check(file)),
                Check::UnusedSuppression => after_suppressions.push((rule, level)),
            }
        }
        sort(&mut findings);
        findings.dedup_by(|b, a| a.rule == b.rule && b.span.start < a.span.end);
        let unused = suppress::apply(&file.text, rules, &mut findings);
        if !unused.is_empty() {
            for (rule, level) in after_suppressions {
                push_hits(&mut findings, rule, level, file, unused.clone());
            }
            sort(&mut findings);
        }
        findings
    }
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.span.start, &a.rule).cmp(&(b.span.start, &b.rule)));
}

/// Findings of a check-backed rule, one per hit, with the hit's own message when it has one.
fn push_hits(
    findings: &mut Vec<Finding>,
    rule: &Rule,
    level: Severity,
    file: &SourceFile,
    hits: Vec<CheckHit>,
) {
    for hit in hits {
        let mut found = finding(rule, level, file, None, hit.span);
        if let Some(message) = hit.message {
            found.message = message;
        }
        findings.push(found);
    }
}

fn lint_sentence(
    rules: &RuleSet,
    policy: &Policy,
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
    for (index, rule) in rules.candidates(sentence) {
        let Some(level) = policy.level(index) else {
            continue;
        };
        for trigger in rule.triggers(sentence, &block.text) {
            if policy.allows(sentence, &trigger) {
                continue;
            }
            let words = words.get_or_insert_with(|| Words::new(sentence));
            let contexts = context::assess(sentence, words, trigger.clone());
            if contexts.iter().any(|&k| rule.silenced_by(k)) {
                continue;
            }
            let in_block = range.start + trigger.start..range.start + trigger.end;
            let source = block.offsets.range_to_source(in_block);
            let span = source.start + bom..source.end + bom;
            findings.push(finding(rule, level, file, Some(block), span));
        }
    }
}

/// A finding of `rule` at `span` with severity `level` (the rule's default or the configured
/// one); `block` is where a sentence rule matched (headlines raise severity), `None` for checks.
fn finding(
    rule: &Rule,
    level: Severity,
    file: &SourceFile,
    block: Option<&Block>,
    span: Range<usize>,
) -> Finding {
    let text = file.text.get(span.clone()).unwrap_or("").to_string();
    let severity = if block.is_some_and(|b| b.scope.is_headline()) {
        level.raised()
    } else {
        level
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
