//! The command line: `healthlint check`, `healthlint rules`, `healthlint rule ID`.

mod check;
mod data;
mod explain;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;
use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "healthlint",
    version,
    about = "Lint health content for hype, unsupported absolutes, missing citations and overstated evidence"
)]
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
    /// Show the reference data in use (retractions, journal lists), its source and its age.
    Data {
        /// Use this config file (default: the nearest `healthlint.toml` above the current
        /// directory).
        #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
        config: Option<PathBuf>,
        /// Ignore config files: only the compiled-in data.
        #[arg(long)]
        isolated: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to lint.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour human output (`NO_COLOR` is respected under `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Use this config file for every file, instead of the nearest `healthlint.toml` or
    /// `.healthlint.toml` above each one.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file: all rules of the default packs, at their default severities.
    #[arg(long)]
    pub isolated: bool,
    /// Switch on an off-by-default pack (e.g. `regulatory`) for every file; repeatable.
    #[arg(long = "enable-pack", value_name = "NAME")]
    pub enable_pack: Vec<String>,
    /// Apply the config's `exclude` to paths named on the command line too (by default a file
    /// named explicitly is always linted), for pre-commit hooks and editors.
    #[arg(long)]
    pub force_exclude: bool,
    /// Write the report to FILE instead of standard output (human output is then not coloured).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With `-` as the only path: the name the text read from standard input is reported under;
    /// its extension picks Markdown or plain text, as for a file on disk.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Exit 0 whatever was found; unreadable files and usage errors still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// Report only findings that the baseline FILE (from `--write-baseline`) does not record.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE as a baseline, print nothing else, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Look cited DOIs, PMIDs, PMCIDs and trial numbers up in their registries (as
    /// `online = true` in config): identifiers that do not exist, retractions the registries
    /// know of, titles that do not match. Answers are cached on disk.
    #[arg(long)]
    pub online: bool,
}

/// `--fail-on`: which findings fail the run. Separate from what is shown, so a team can see
/// infos and warnings locally and still gate CI on errors only (the request Vale keeps refusing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Findings never fail the run (like `--exit-zero`).
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Exit codes: 0 clean, 1 findings at or above `--fail-on` (warning by default), 2 usage,
/// configuration, baseline or read errors.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const ERROR: u8 = 2;
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    // `check` compiles its own rule set, with the packs its configs add; the explain commands
    // load every pack, including the ones off by default.
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules => explain::list_rules().map(|()| exit::CLEAN),
        Command::Rule { id } => explain::show_rule(&id),
        Command::Data { config, isolated } => data::run(config, isolated),
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
