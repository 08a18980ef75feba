//! `healthlint rules` and `healthlint rule ID`: the rules' own documentation.

use std::io::{self, Write};

use super::exit;
use crate::rules::RuleSet;

pub fn list_rules(rules: &RuleSet) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for rule in rules.rules() {
        writeln!(
            out,
            "{:<40} {:<10} {:<8} {}",
            rule.id,
            rule.category(),
            rule.severity(),
            rule.spec
                .message
                .replace("“{match}” ", "")
                .replace("{match}", "…")
        )?;
    }
    Ok(())
}

pub fn show_rule(rules: &RuleSet, id: &str) -> io::Result<u8> {
    let Some(rule) = rules.get(id) else {
        eprintln!("error: no rule `{id}`; run `healthlint rules` to list them");
        return Ok(exit::ERROR);
    };
    let spec = &rule.spec;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{}  ({}, {} by default)\n",
        rule.id, spec.category, spec.severity
    )?;
    writeln!(out, "Flags: {}\n", spec.message.replace("{match}", "…"))?;
    writeln!(out, "Why: {}\n", spec.rationale)?;
    writeln!(out, "Better: {}\n", spec.help)?;
    writeln!(out, "Fires on:")?;
    for example in &spec.fire {
        writeln!(out, "  - {example}")?;
    }
    writeln!(out, "\nStays quiet on:")?;
    for example in &spec.quiet {
        writeln!(out, "  - {example}")?;
    }
    writeln!(out, "\nReferences:")?;
    for reference in &spec.references {
        writeln!(out, "  - {reference}")?;
    }
    Ok(exit::CLEAN)
}
