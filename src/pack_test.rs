//! Running a rule's own examples through the whole pipeline (parse, sentences, context,
//! suppressions) as a one-sentence Markdown file: `fire` examples must be flagged by the rule,
//! on the marked words when the example marks them, and `quiet` examples must not. Shared by
//! `healthlint pack test` and the generated test of every built-in rule.

use std::fmt;

use crate::config::Policy;
use crate::diagnostic::Finding;
use crate::lint::Session;
use crate::rules::examples::Example;
use crate::rules::{checks, RuleSet};
use crate::source::{FileKind, SourceFile};

/// What became of one rule's examples.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Examples run.
    pub examples: usize,
    pub failures: Vec<Failure>,
    /// Set when the rule asks online registries: its examples are not run offline.
    pub skipped: bool,
}

/// An example the rule got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub rule: String,
    /// The example as written in the pack (with its marks).
    pub example: String,
    /// What went wrong, and what fired instead.
    pub problem: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}\n    example: {}",
            self.rule, self.problem, self.example
        )
    }
}

/// Runs the examples of the rule at `index` of the session's rule set. The rule runs alone, so
/// that another rule on the same words cannot stand in for it; a check that judges other
/// rules' findings runs with every rule on.
pub fn test_rule(session: &mut Session<'_>, rules: &RuleSet, index: usize) -> Outcome {
    let rule = &rules.rules()[index];
    if (rule.spec.check.as_deref()).is_some_and(|c| checks::ONLINE.contains(&c)) {
        return Outcome {
            skipped: true,
            ..Outcome::default()
        };
    }
    let everything = Policy::everything(rules);
    let only = Policy::only(rules, index);
    let policy = match rule.spec.check {
        Some(_) => &everything,
        None => &only,
    };
    let mut lint = |text: &str, policy: &Policy| -> Vec<Finding> {
        session.lint_with(
            &SourceFile::new("example.md", FileKind::Markdown, text),
            policy,
        )
    };
    let mut outcome = Outcome::default();
    let cases = (rule.spec.fire.iter().map(|e| (e, true)))
        .chain(rule.spec.quiet.iter().map(|e| (e, false)));
    for (raw, must_fire) in cases {
        outcome.examples += 1;
        let mut fail = |problem: String| {
            outcome.failures.push(Failure {
                rule: rule.id.to_string(),
                example: raw.clone(),
                problem,
            })
        };
        let example = match Example::parse(raw) {
            Ok(example) => example,
            Err(e) => {
                fail(e.to_string());
                continue;
            }
        };
        let own: Vec<Finding> = (lint(&example.text, policy).into_iter())
            .filter(|f| f.rule == rule.id)
            .collect();
        if !must_fire {
            if !own.is_empty() {
                fail(format!("should stay quiet, but fired on {}", quoted(&own)));
            }
            continue;
        }
        if own.is_empty() {
            let others: Vec<Finding> = lint(&example.text, &everything);
            fail(match others.is_empty() {
                true => "should fire, but nothing fired".to_string(),
                false => format!(
                    "should fire, but did not; fired instead: {}",
                    named(&others)
                ),
            });
            continue;
        }
        let spans: Vec<_> = own.iter().map(|f| f.span.clone()).collect();
        if !example.marked.is_empty() && spans != example.marked {
            let marked: Vec<&str> = (example.marked.iter())
                .map(|r| &example.text[r.clone()])
                .collect();
            fail(format!(
                "fired on {}, but the example marks “{}”",
                quoted(&own),
                marked.join("”, “")
            ));
        }
        if let Some(f) = own
            .iter()
            .find(|f| f.message.trim().is_empty() || f.message.contains("{match}"))
        {
            fail(format!("its message is not filled in: “{}”", f.message));
        }
    }
    outcome
}

/// The flagged words of findings, quoted: “miracle”, “cure”.
fn quoted(findings: &[Finding]) -> String {
    let words: Vec<String> = findings.iter().map(|f| format!("“{}”", f.text)).collect();
    words.join(", ")
}

/// Findings with their rules: `hype/miracle-language` on “miracle”.
fn named(findings: &[Finding]) -> String {
    let words: Vec<String> = (findings.iter())
        .map(|f| format!("{} on “{}”", f.rule, f.text))
        .collect();
    words.join(", ")
}
