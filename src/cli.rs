//! The command line: `healthlint check`, `healthlint rules`, `healthlint rule ID`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::lint::Linter;
use crate::report::{self, FileReport, Format, HumanOptions, Outcome, Summary};
use crate::rules::RuleSet;
use crate::{source, walk};

#[derive(Debug, Parser)]
#[command(name = "healthlint", version, about = "Lint health content for hype, unsupported absolutes, missing citations and overstated evidence")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint Markdown and text files (directories are walked, honouring .gitignore).
    Check(CheckArgs),
    /// List every rule: id, category, default severity and what it flags.
    Rules,
    /// Show one rule's documentation: what it flags, why, and examples.
    Rule {
        /// Rule id, e.g. `hype/miracle-language`.
        id: String,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or directories to lint.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour human output (`NO_COLOR` is respected under `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Exit codes: 0 clean, 1 findings of warning or above, 2 usage, configuration or read errors.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const ERROR: u8 = 2;
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let rules = match RuleSet::builtin() {
        Ok(rules) => rules,
        Err(e) => {
            eprintln!("error: built-in rule pack failed to load: {e}");
            return ExitCode::from(exit::ERROR);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(args, rules),
        Command::Rules => list_rules(&rules).map(|()| exit::CLEAN),
        Command::Rule { id } => show_rule(&rules, &id),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(exit::CLEAN),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(exit::ERROR)
        }
    }
}

fn check(args: CheckArgs, rules: RuleSet) -> io::Result<u8> {
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

fn list_rules(rules: &RuleSet) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for rule in rules.rules() {
        writeln!(
            out,
            "{:<40} {:<10} {:<8} {}",
            rule.id,
            rule.category(),
            rule.severity(),
            rule.spec.message.replace("“{match}” ", "").replace("{match}", "…")
        )?;
    }
    Ok(())
}

fn show_rule(rules: &RuleSet, id: &str) -> io::Result<u8> {
    let Some(rule) = rules.get(id) else {
        eprintln!("error: no rule `{id}`; run `healthlint rules` to list them");
        return Ok(exit::ERROR);
    };
    let spec = &rule.spec;
    let mut out = io::stdout().lock();
    writeln!(out, "{}  ({}, {} by default)\n", rule.id, spec.category, spec.severity)?;
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
