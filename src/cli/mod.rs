//! The command line: `healthlint check`, `healthlint rules`, `healthlint rule ID`.

mod check;
mod explain;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
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
    // `check` compiles its own rule set, with the packs its configs add; the explain commands
    // load every pack, including the ones off by default.
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules => explain::list_rules().map(|()| exit::CLEAN),
        Command::Rule { id } => explain::show_rule(&id),
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
