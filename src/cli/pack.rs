//! `healthlint pack test PATH…`: a pack author's test run. Each pack is checked as the loader
//! checks a user pack (every problem, not only the first), then every rule's `fire` and `quiet`
//! examples run through the whole pipeline with the rule alone (see [`crate::pack_test`]).
//! Exit code 0 when every example passes, 1 when one fails, 2 when a pack does not load.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::exit;
use crate::config::ConfigError;
use crate::lint::Linter;
use crate::pack_test::test_rule;
use crate::rules::pack::PackFile;
use crate::rules::validate::Depth;
use crate::rules::{check_pack, load_builtin_packs, RuleSet};

pub fn test(paths: &[PathBuf]) -> io::Result<u8> {
    let color = io::stderr().is_terminal();
    let mut tested: Vec<PackFile> = Vec::new();
    let mut broken = false;
    for path in paths {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprint!("{}", ConfigError::unreadable(path, &e).render(color));
                broken = true;
                continue;
            }
        };
        match check_pack(&path.to_string_lossy(), &text, Depth::Expressions) {
            Ok(file) if tested.iter().any(|p| p.pack.name == file.pack.name) => {
                let message = format!(
                    "pack `{}` is named twice on the command line",
                    file.pack.name
                );
                eprint!("{}", ConfigError::usage(message, None).render(color));
                broken = true;
            }
            Ok(file) => tested.push(file),
            Err(problems) => {
                for problem in &problems {
                    eprint!("{}", ConfigError::pack(path, &text, problem).render(color));
                }
                broken = true;
            }
        }
    }
    if broken {
        return Ok(exit::ERROR);
    }
    // The built-in packs run beside the tested ones, so a failing example can say which rule
    // fired instead; a tested pack replaces the built-in pack of its name (testing `lints/`).
    let builtin = load_builtin_packs().unwrap_or_default();
    let packs: Vec<&PackFile> = (builtin.iter())
        .filter(|b| tested.iter().all(|t| t.pack.name != b.pack.name))
        .chain(&tested)
        .collect();
    let rules = match RuleSet::compile(packs) {
        Ok(rules) => rules,
        Err(e) => {
            eprint!("{}", ConfigError::usage(e.to_string(), None).render(color));
            return Ok(exit::ERROR);
        }
    };
    let linter = Linter::new(rules);
    let mut session = linter.session();
    let mut out = io::stdout().lock();
    let mut failed = false;
    for pack in &tested {
        let (mut examples, mut failures, mut skipped) = (0, 0, Vec::new());
        let indices = (linter.rules().rules().iter().enumerate())
            .filter(|(_, r)| r.pack == pack.pack.name)
            .map(|(i, _)| i);
        for index in indices {
            let outcome = test_rule(&mut session, linter.rules(), index);
            examples += outcome.examples;
            failures += outcome.failures.len();
            if outcome.skipped {
                skipped.push(linter.rules().rules()[index].id.to_string());
            }
            for failure in &outcome.failures {
                writeln!(out, "FAIL {failure}")?;
            }
        }
        let verdict = match failures {
            0 => "ok".to_string(),
            n => format!("{n} failed"),
        };
        writeln!(
            out,
            "{}: {} rules, {examples} examples, {verdict}",
            pack.pack.name,
            pack.rules.len()
        )?;
        if !skipped.is_empty() {
            writeln!(out, "  not run offline: {}", skipped.join(", "))?;
        }
        failed |= failures > 0;
    }
    Ok(if failed { exit::FINDINGS } else { exit::CLEAN })
}
