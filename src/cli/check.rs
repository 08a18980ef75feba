//! `healthlint check`: walk, lint in parallel, report, choose the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use super::{exit, CheckArgs, ColorChoice};
use crate::lint::Linter;
use crate::report::{self, FileReport, HumanOptions, Outcome, Summary};
use crate::rules::RuleSet;
use crate::{source, walk};

pub fn run(args: CheckArgs, rules: RuleSet) -> io::Result<u8> {
    let started = Instant::now();
    let (files, walk_errors) = walk::collect(&args.paths);
    let linter = Linter::new(rules);
    let mut reports = lint_files(&linter, &files);
    reports.extend(walk_errors.into_iter().map(|e| FileReport {
        path: display_path(&e.path),
        outcome: Outcome::Failed { message: e.message },
    }));
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let summary = Summary::of(&reports, started.elapsed());
    let human = HumanOptions {
        color: use_color(args.color),
        width: 100,
        show_timing: true,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    report::write(&mut out, args.format, &reports, &summary, human)?;
    out.flush()?;
    Ok(exit_code(&summary))
}

/// Lints files on every core; each thread keeps its own parsers.
fn lint_files(linter: &Linter, files: &[PathBuf]) -> Vec<FileReport> {
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(files.len()));
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut session = linter.session();
                let mut local = Vec::new();
                while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = match source::read(path) {
                        Ok(file) => Outcome::Linted {
                            findings: session.lint(&file),
                            source: file,
                        },
                        Err(e) => Outcome::Failed {
                            message: e.to_string(),
                        },
                    };
                    local.push(FileReport {
                        path: display_path(path),
                        outcome,
                    });
                }
                done.lock().map(|mut d| d.append(&mut local)).ok();
            });
        }
    });
    done.into_inner().unwrap_or_default()
}

fn exit_code(summary: &Summary) -> u8 {
    if summary.unreadable > 0 {
        exit::ERROR
    } else if summary.errors + summary.warnings > 0 {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// Paths as users typed them, with `/` separators and no leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    shown.strip_prefix("./").unwrap_or(&shown).to_string()
}
