//! `healthlint check`: walk, lint in parallel, report, choose the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::{exit, CheckArgs, ColorChoice};
use crate::config::{self, ConfigError, Discovery, Policy, Source};
use crate::lint::Linter;
use crate::report::{self, FileReport, HumanOptions, Outcome, Summary};
use crate::{source, walk};

pub fn run(args: CheckArgs) -> io::Result<u8> {
    let started = Instant::now();
    let source = match (&args.config, args.isolated) {
        (_, true) => Source::Isolated,
        (Some(path), false) => Source::Fixed(path.clone()),
        (None, false) => Source::Nearest,
    };
    let discovery = match Discovery::new(source) {
        Ok(discovery) => Arc::new(discovery),
        Err(e) => return Ok(config_error(&e, args.color)),
    };
    let exclude: walk::Exclude = {
        let discovery = Arc::clone(&discovery);
        Arc::new(move |path, is_dir| discovery.is_excluded(path, is_dir))
    };
    let (files, walk_errors) = walk::collect(&args.paths, &exclude, args.force_exclude);
    let (rules, resolver) = match config::prepare(&discovery, &files, &args.enable_pack) {
        Ok(prepared) => prepared,
        Err(e) => return Ok(config_error(&e, args.color)),
    };
    let linter = Linter::new(rules);
    let policy_for = |path: &Path| resolver.policy(discovery.config_for(path), path);
    let mut reports = lint_files(&linter, &files, &policy_for);
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

/// A config that cannot be used, drawn on stderr; the run stops with exit code 2.
fn config_error(error: &ConfigError, color: ColorChoice) -> u8 {
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color_unset() && io::stderr().is_terminal(),
    };
    eprint!("{}", error.render(color));
    exit::ERROR
}

/// Lints files on every core, each with its policy; each thread keeps its own parsers.
fn lint_files(
    linter: &Linter,
    files: &[PathBuf],
    policy_for: &(dyn Fn(&Path) -> Arc<Policy> + Sync),
) -> Vec<FileReport> {
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
                            findings: session.lint_with(&file, &policy_for(path)),
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
        ColorChoice::Auto => no_color_unset() && io::stdout().is_terminal(),
    }
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Paths as users typed them, with `/` separators and no leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    shown.strip_prefix("./").unwrap_or(&shown).to_string()
}
