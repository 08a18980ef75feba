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

/// Counts findings per rule file by file, so a streamed run keeps counts, not reports.
#[derive(Debug, Default)]
pub struct Counter {
    counts: BTreeMap<String, RuleCount>,
    shown: usize,
}

impl Counter {
    /// Counts one file's shown findings.
    pub fn add(&mut self, report: &FileReport) {
        let Outcome::Linted { findings, .. } = &report.outcome else {
            return;
        };
        for finding in findings.iter().filter(|f| !f.is_suppressed()) {
            self.shown += 1;
            if let Some(entry) = self.counts.get_mut(&*finding.rule) {
                entry.count += 1;
                entry.severity = entry.severity.max(finding.severity);
                continue;
            }
            self.counts.insert(
                finding.rule.to_string(),
                RuleCount {
                    rule: finding.rule.to_string(),
                    category: finding.category,
                    severity: finding.severity,
                    count: 1,
                },
            );
        }
    }

    /// How many findings were counted.
    pub fn shown(&self) -> usize {
        self.shown
    }

    /// Every rule with a shown finding, most frequent first, then by id.
    pub fn sorted(&self) -> Vec<RuleCount> {
        let mut counts: Vec<RuleCount> = self.counts.values().cloned().collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        counts
    }
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
