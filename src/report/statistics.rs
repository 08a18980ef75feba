//! Counts of shown findings per rule: `--statistics` prints them instead of the findings (as
//! ruff's does), and the human report ends with them when there are many findings.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Outcome};
use crate::diagnostic::{Category, Severity};

/// How often one rule fired (suppressed findings not counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub category: Category,
    /// The highest severity among its findings (configs can set it per file).
    pub severity: Severity,
    pub count: usize,
}

/// Every rule with a shown finding, most frequent first, then by id.
pub fn by_rule(reports: &[FileReport]) -> Vec<RuleCount> {
    let mut counts: BTreeMap<&str, RuleCount> = BTreeMap::new();
    for report in reports {
        let Outcome::Linted { findings, .. } = &report.outcome else {
            continue;
        };
        for finding in findings.iter().filter(|f| !f.is_suppressed()) {
            let entry = counts.entry(&finding.rule).or_insert_with(|| RuleCount {
                rule: finding.rule.to_string(),
                category: finding.category,
                severity: finding.severity,
                count: 0,
            });
            entry.count += 1;
            entry.severity = entry.severity.max(finding.severity);
        }
    }
    let mut counts: Vec<RuleCount> = counts.into_values().collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    counts
}

/// `  12  warning  hype/miracle-language`, one rule a line; the rule id comes last so a long
/// one never pushes the other columns out of line.
pub fn write_table(out: &mut dyn Write, counts: &[RuleCount]) -> io::Result<()> {
    let digits = counts.iter().map(|c| c.count.to_string().len()).max();
    let digits = digits.unwrap_or(1);
    for c in counts {
        writeln!(
            out,
            "  {:>digits$}  {:<7}  {}",
            c.count,
            c.severity.as_str(),
            c.rule
        )?;
    }
    Ok(())
}

/// `--statistics --format json`: the counts as a JSON array.
pub fn write_json(out: &mut dyn Write, counts: &[RuleCount]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, counts)?;
    writeln!(out)
}
