//! Inline suppressions: HTML comments, markdownlint style, that silence findings where a writer
//! has decided a flagged phrase is right, with the reason on record.
//!
//! ```markdown
//! <!-- healthlint-disable-next-line hype/miracle-language -- quoting the advert we debunk -->
//! The label promised a miracle cure. <!-- healthlint-disable-line absolute -- product name -->
//! <!-- healthlint-disable hype absolutes -- historical quotes below -->
//! …
//! <!-- healthlint-enable hype absolutes -->
//! <!-- healthlint-disable-file citation -- an index page, sources are on each article -->
//! ```
//!
//! Rules are named as in the config (id, pack, `pack/*` or category, see
//! [`crate::config::Selector`]), separated by spaces or commas; none means every rule. The reason
//! follows ` -- `. A directive is one comment on one line; comments inside fenced code blocks and
//! code spans are examples, not directives (the parse finds the comments, and knows what is
//! code). Plain-text files take the same syntax.
//!
//! Suppressed findings are kept, marked with the reason, so JSON and SARIF can show them. A
//! directive that silences nothing is reported (rule `healthlint/unused-suppression`): stale
//! suppressions otherwise pile up and hide the next real problem on that line.

use std::ops::Range;

use crate::config::{Selector, UnknownSelector};
use crate::diagnostic::{Finding, Suppression};
use crate::report::LineIndex;
use crate::rules::checks::CheckHit;
use crate::rules::RuleSet;

/// How far a directive reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// `healthlint-disable-next-line`: the line after the comment.
    NextLine,
    /// `healthlint-disable-line`: the comment's own line.
    Line,
    /// `healthlint-disable` … `healthlint-enable`: up to the `enable` that names it, or the end.
    Range,
    /// `healthlint-disable-file`: the whole file.
    File,
}

/// One `healthlint-…` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// `None` for `healthlint-enable`.
    pub reach: Option<Reach>,
    /// The rules named, as written, each with what it selects.
    pub rules: Vec<(String, Result<Selector, UnknownSelector>)>,
    pub reason: Option<String>,
    /// The whole comment.
    pub span: Range<usize>,
}

/// Keywords after `healthlint-`, longest first so `disable` does not swallow `disable-line`.
const KEYWORDS: &[(&str, Option<Reach>)] = &[
    ("disable-next-line", Some(Reach::NextLine)),
    ("disable-line", Some(Reach::Line)),
    ("disable-file", Some(Reach::File)),
    ("disable", Some(Reach::Range)),
    ("enable", None),
];

/// Every directive among the HTML `comments` the parse found in `text` (outside code), in
/// order. A directive is one comment on one line.
pub fn parse(text: &str, comments: &[Range<usize>], rules: &RuleSet) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|span| {
            let comment = text.get(span.clone())?;
            let body = comment.strip_prefix("<!--")?.strip_suffix("-->")?;
            if body.contains('\n') {
                return None;
            }
            directive(body, span.clone(), rules)
        })
        .collect()
}

fn directive(body: &str, span: Range<usize>, rules: &RuleSet) -> Option<Directive> {
    let rest = body.trim().strip_prefix("healthlint-")?;
    let (reach, rest) = KEYWORDS.iter().find_map(|(word, reach)| {
        let after = rest.strip_prefix(word)?;
        let boundary = after.is_empty() || after.starts_with(char::is_whitespace);
        boundary.then_some((*reach, after))
    })?;
    let (names, reason) = split_reason(rest);
    let rules = names
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|n| !n.is_empty())
        .map(|n| (n.to_string(), Selector::parse(n, rules)))
        .collect();
    Some(Directive {
        reach,
        rules,
        reason,
        span,
    })
}

/// Splits "rules -- reason" at the first `--` standing alone.
fn split_reason(text: &str) -> (&str, Option<String>) {
    let bytes = text.as_bytes();
    let dash = text.match_indices("--").map(|(i, _)| i).find(|&i| {
        let before = i == 0 || bytes[i - 1].is_ascii_whitespace();
        let after = bytes.get(i + 2).is_none_or(u8::is_ascii_whitespace);
        before && after
    });
    match dash {
        Some(i) => {
            let reason = text[i + 2..].trim();
            (&text[..i], (!reason.is_empty()).then(|| reason.to_string()))
        }
        None => (text, None),
    }
}

/// Marks the findings the file's directives cover and returns a hit for each directive (or rule
/// named in one) that covered nothing. `comments` are the HTML comments the parse found, as file
/// offsets; `lines` indexes `text`. `findings` must be the file's complete findings.
pub fn apply(
    text: &str,
    comments: &[Range<usize>],
    lines: &LineIndex,
    rules: &RuleSet,
    findings: &mut [Finding],
) -> Vec<CheckHit> {
    let directives = parse(text, comments, rules);
    if directives.is_empty() {
        return Vec::new();
    }
    let regions = regions(&directives, text.len());
    // Per directive, per rule named (or one slot when none is), whether it silenced something.
    let mut used: Vec<Vec<bool>> = (directives.iter())
        .map(|d| vec![false; d.rules.len().max(1)])
        .collect();
    for finding in findings.iter_mut() {
        let line = lines.line_of(finding.span.start);
        let mut reason = None;
        for (i, directive) in directives.iter().enumerate() {
            let Some(reach) = directive.reach else {
                continue;
            };
            let here = lines.line_of(directive.span.start);
            let covers = match reach {
                Reach::NextLine => line == here + 1,
                Reach::Line => line == here,
                Reach::Range => regions[i].contains(&finding.span.start),
                Reach::File => true,
            };
            if !covers {
                continue;
            }
            let slots = named_slots(directive, finding);
            for &slot in &slots {
                used[i][slot] = true;
            }
            if !slots.is_empty() && reason.as_ref().is_none_or(|(r, _)| precedence(reach) < *r) {
                reason = Some((precedence(reach), directive.reason.clone()));
            }
        }
        if let Some((_, reason)) = reason {
            finding.suppression = Some(Suppression { reason });
        }
    }
    (directives.iter().zip(&used))
        .filter(|(d, _)| d.reach.is_some())
        .filter_map(|(d, used)| unused(d, used))
        .collect()
}

/// The slots of `directive` that cover `finding`: each rule named that selects it, or the one
/// slot of a directive naming no rule.
fn named_slots(directive: &Directive, finding: &Finding) -> Vec<usize> {
    if directive.rules.is_empty() {
        return vec![0];
    }
    (directive.rules.iter().enumerate())
        .filter(|(_, (_, s))| {
            s.as_ref()
                .is_ok_and(|s| s.matches(&finding.rule, finding.category))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Which directive's reason a finding carries when several cover it: the closest one.
fn precedence(reach: Reach) -> u8 {
    match reach {
        Reach::NextLine | Reach::Line => 0,
        Reach::Range => 1,
        Reach::File => 2,
    }
}

/// For each directive, the byte range a `disable` covers: from the comment to the first later
/// `enable` naming no rule or one of the same rules, or to the end of the file.
fn regions(directives: &[Directive], len: usize) -> Vec<Range<usize>> {
    fn names(d: &Directive) -> Vec<&str> {
        d.rules.iter().map(|(n, _)| n.as_str()).collect()
    }
    (directives.iter().enumerate())
        .map(|(i, d)| {
            let mine = names(d);
            let end = directives[i + 1..]
                .iter()
                .filter(|e| e.reach.is_none())
                .find(|e| e.rules.is_empty() || names(e).iter().any(|n| mine.contains(n)))
                .map_or(len, |e| e.span.start);
            d.span.end..end
        })
        .collect()
}

/// The hit for a directive with unused parts, if it has any.
fn unused(directive: &Directive, used: &[bool]) -> Option<CheckHit> {
    let span = directive.span.clone();
    if directive.rules.is_empty() {
        return (!used[0]).then_some(CheckHit {
            span,
            message: None,
        });
    }
    let unknown: Vec<String> = (directive.rules.iter())
        .filter_map(|(_, s)| s.as_ref().err())
        .map(|e| match e.did_you_mean() {
            Some(hint) => format!("{e} ({hint})"),
            None => e.to_string(),
        })
        .collect();
    if let Some(hint) = forgotten_separator(directive) {
        return Some(CheckHit {
            span,
            message: Some(hint),
        });
    }
    if !unknown.is_empty() {
        let message = format!("this suppression cannot match: {}", unknown.join("; "));
        return Some(CheckHit {
            span,
            message: Some(message),
        });
    }
    let idle: Vec<String> = (directive.rules.iter().zip(used))
        .filter(|(_, used)| !**used)
        .map(|((name, _), _)| format!("`{name}`"))
        .collect();
    match idle.len() {
        0 => None,
        n if n == directive.rules.len() => Some(CheckHit {
            span,
            message: None,
        }),
        1 => Some(CheckHit {
            span,
            message: Some(format!(
                "{} in this suppression matches no finding",
                idle[0]
            )),
        }),
        _ => Some(CheckHit {
            span,
            message: Some(format!(
                "{} in this suppression match no finding",
                idle.join(", ")
            )),
        }),
    }
}

/// A reason written without ` -- ` reads as rule names, one unknown name per word: when the
/// names end in a run of unknown ones, one of them unlike any rule, say so once.
fn forgotten_separator(directive: &Directive) -> Option<String> {
    if directive.reason.is_some() {
        return None;
    }
    let first = directive.rules.iter().position(|(_, s)| s.is_err())?;
    let tail = &directive.rules[first..];
    let all_unknown = tail.iter().all(|(_, s)| s.is_err());
    let unlike_any_rule = tail
        .iter()
        .any(|(_, s)| s.as_ref().is_err_and(|e| e.suggestion.is_none()));
    (all_unknown && unlike_any_rule).then(|| {
        let words: Vec<&str> = tail.iter().map(|(name, _)| name.as_str()).collect();
        format!(
            "did you forget ` -- ` before the reason? `{}` is read as rule names",
            words.join(" ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};
    use crate::parse::{KeepAll, MarkdownParser};
    use crate::rules::{load_builtin_packs, RuleSet};

    fn rules() -> RuleSet {
        RuleSet::compile(&load_builtin_packs().unwrap()).unwrap()
    }

    /// The comments of Markdown `text`, as the parse finds them.
    fn comments(text: &str) -> Vec<Range<usize>> {
        MarkdownParser::new().parse(text, &KeepAll).comments
    }

    fn parse(text: &str, rules: &RuleSet) -> Vec<Directive> {
        super::parse(text, &comments(text), rules)
    }

    fn apply(text: &str, rules: &RuleSet, findings: &mut [Finding]) -> Vec<CheckHit> {
        super::apply(
            text,
            &comments(text),
            &LineIndex::new(text),
            rules,
            findings,
        )
    }

    fn finding(text: &str, needle: &str, rule: &str, category: Category) -> Finding {
        let start = text.find(needle).unwrap();
        Finding {
            rule: rule.into(),
            category,
            severity: Severity::Warning,
            message: String::new(),
            help: String::new(),
            span: start..start + needle.len(),
            text: needle.into(),
            suggestions: Vec::new(),
            sentence: None,
            suppression: None,
        }
    }

    #[test]
    fn parses_kinds_rules_and_reasons() {
        let rules = rules();
        let text =
            "a <!-- healthlint-disable-line hype, absolutes/cure-claim -- quoted advert -->\n\
                    <!--healthlint-enable-->\n<!-- healthlint-disable-file -->\n\
                    <!-- healthlint-disabled -->\n<!-- other comment -->\n\
                    <!-- healthlint-disable-next-line -- -->\n";
        let found = parse(text, &rules);
        let reaches: Vec<_> = found.iter().map(|d| d.reach).collect();
        assert_eq!(
            reaches,
            [
                Some(Reach::Line),
                None,
                Some(Reach::File),
                Some(Reach::NextLine)
            ]
        );
        assert_eq!(found[0].reason.as_deref(), Some("quoted advert"));
        assert_eq!(found[0].rules.len(), 2);
        assert_eq!(
            found[0].rules[1].1,
            Ok(Selector::Rule("absolutes/cure-claim".into()))
        );
        assert_eq!(
            &text[found[0].span.clone()],
            &text[2..text.find('\n').unwrap()]
        );
        assert_eq!(found[3].reason, None);
        assert!(found[2].rules.is_empty());
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let rules = rules();
        let text = "```markdown\n<!-- healthlint-disable-file -->\n```\n\
                    Use `<!-- healthlint-disable -->` like this.\n\
                    ~~~~\n```\n<!-- healthlint-disable -->\n~~~~\n";
        assert!(parse(text, &rules).is_empty());
    }

    #[test]
    fn next_line_line_range_and_file_reach() {
        let rules = rules();
        let text = "<!-- healthlint-disable-next-line -- why -->\nA miracle.\nA miracle again.\n\
                    A cure. <!-- healthlint-disable-line absolute -->\n\
                    <!-- healthlint-disable hype -->\nmiracle one\n<!-- healthlint-enable hype -->\n\
                    miracle two\n";
        let miracle = |needle| finding(text, needle, "hype/miracle-language", Category::Hype);
        let mut findings = vec![
            miracle("miracle."),
            miracle("miracle again"),
            finding(text, "cure", "absolutes/cure-claim", Category::Absolute),
            miracle("miracle one"),
            miracle("miracle two"),
        ];
        let unused = apply(text, &rules, &mut findings);
        let reasons: Vec<_> = findings.iter().map(|f| f.suppression.clone()).collect();
        let why = Some(Suppression {
            reason: Some("why".into()),
        });
        let silent = Some(Suppression { reason: None });
        assert_eq!(reasons, [why, None, silent.clone(), silent, None]);
        assert!(unused.is_empty(), "{unused:?}");

        let mut whole = vec![miracle("miracle two")];
        let file = "x\n<!-- healthlint-disable-file hype/* -- satire -->\n";
        let whole_text = format!("{text}{file}");
        assert!(apply(&whole_text, &rules, &mut whole).len() == 3);
        assert!(whole[0].is_suppressed());
    }

    #[test]
    fn unused_directives_and_rules_are_reported() {
        let rules = rules();
        let text = "<!-- healthlint-disable-next-line -->\nNothing here.\n\
                    <!-- healthlint-disable-next-line hype absolute -->\nA miracle.\n\
                    <!-- healthlint-disable-line hype/miracle -->\n";
        let mut findings = vec![finding(
            text,
            "miracle",
            "hype/miracle-language",
            Category::Hype,
        )];
        let unused = apply(text, &rules, &mut findings);
        assert!(findings[0].is_suppressed());
        let messages: Vec<_> = unused.iter().map(|h| h.message.clone()).collect();
        assert_eq!(
            messages,
            [
                None,
                Some("`absolute` in this suppression matches no finding".into()),
                Some(
                    "this suppression cannot match: `hype/miracle` is not a known rule \
                     (did you mean `hype/miracle-language`?)"
                        .into()
                ),
            ]
        );
        assert_eq!(
            &text[unused[0].span.clone()],
            "<!-- healthlint-disable-next-line -->"
        );
    }
}
