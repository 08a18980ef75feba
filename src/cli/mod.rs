//! The command line: `healthlint check`, `rules`, `rule ID`, `config PATH`, `init` and
//! `completions SHELL`.

mod ahead;
mod check;
mod data;
mod explain;
mod files;
mod init;
mod output;
mod pack;
mod settings;
mod terminal;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::CommandLine;
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
    /// List every rule: id, category, default severity, whether it runs by default, and what it
    /// flags.
    Rules {
        /// `text`: one rule a line; `json`: an array of objects, for tools.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Show one rule's documentation: what it flags, why, and examples. Given a pack name, list
    /// the pack's rules.
    Rule {
        /// Rule id, e.g. `hype/miracle-language`, or a pack name, e.g. `hype`.
        id: String,
    },
    /// Show which config file applies to a file, and the rules and severities that result
    /// (configs are not merged, so this is everything that applies).
    Config(ConfigArgs),
    /// Write a commented starter `healthlint.toml` in the current directory.
    Init {
        /// Replace an existing `healthlint.toml`.
        #[arg(long)]
        force: bool,
    },
    /// Print a completion script for a shell (bash, zsh, fish, powershell or elvish).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Work on rule packs: `pack test PATH…` runs each rule's `fire` and `quiet` examples.
    #[command(subcommand)]
    Pack(PackCommand),
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
    /// Run the language server on standard input and output, for editors (see the README).
    Server,
}

/// `healthlint pack …`.
#[derive(Debug, Subcommand)]
enum PackCommand {
    /// Check rule pack files as the loader does, then run every rule's examples through the
    /// whole pipeline with the rule alone: `fire` examples must be flagged (on the `{{marked}}`
    /// words, when marked), `quiet` ones must not. Exit code 0: all pass; 1: an example failed;
    /// 2: a pack does not load.
    Test {
        /// Pack files (TOML).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// `healthlint rules --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// Which config to use and which rules to run: shared by `check` and `config`, so `config`
/// shows exactly what `check` would do with the same flags.
#[derive(Debug, Clone, clap::Args)]
pub struct RuleArgs {
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
    /// Run only these rules (ids, `pack/*`, packs or categories, comma-separated), replacing the
    /// config's `select` and its overrides'.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Run these rules as well as the selected ones.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Do not run these rules; wins over `--select` and `--extend-select`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

impl RuleArgs {
    /// The config source these flags choose.
    pub fn source(&self) -> crate::config::Source {
        use crate::config::Source;
        match (&self.config, self.isolated) {
            (_, true) => Source::Isolated,
            (Some(path), false) => Source::Fixed(path.clone()),
            (None, false) => Source::Nearest,
        }
    }

    /// The selection flags, for the resolver.
    pub fn command_line(&self) -> CommandLine {
        CommandLine {
            enable_packs: self.enable_pack.clone(),
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// The file whose settings to show (it need not exist yet).
    pub path: PathBuf,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to lint (default: `.`, unless `--files-from` names the files).
    pub paths: Vec<PathBuf>,
    /// Also lint the files listed in FILE, one path a line (`-` reads the list from standard
    /// input); they count as named on the command line.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Lint only shard K of N (`--shard 2/4`): a stable quarter of the files, chosen by a hash
    /// of each path, so a CI matrix of N jobs lints every file exactly once.
    #[arg(long, value_name = "K/N", value_parser = files::Shard::parse)]
    pub shard: Option<files::Shard>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print how many findings each rule has (a table, or JSON with `--format json`) instead of
    /// the findings.
    #[arg(long, conflicts_with = "write_baseline")]
    pub statistics: bool,
    /// Print findings only: no summary line, no count per rule.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// When to colour human output (`NO_COLOR` is respected under `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Apply the config's `exclude` to paths named on the command line too (by default a file
    /// named explicitly is always linted), for pre-commit hooks and editors; with
    /// `--stdin-filename`, an excluded name prints nothing and exits 0.
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
    /// Lint on N threads (default: one per CPU core). Output is in path order either way.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,
    /// Look cited DOIs, PMIDs, PMCIDs and trial numbers up in their registries (as
    /// `online = true` in config): identifiers that do not exist, retractions the registries
    /// know of, titles that do not match. Answers are cached on disk.
    #[arg(long)]
    pub online: bool,
    /// Skip files larger than SIZE: bytes, or a number with KB, MB or GB (units of 1,024), e.g.
    /// `50MB`. Wins over `max-file-size` in config; the default is 10 MB.
    #[arg(long, value_name = "SIZE")]
    pub max_file_size: Option<crate::source::ByteSize>,
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
        Command::Rules { format } => explain::list_rules(format).map(|()| exit::CLEAN),
        Command::Rule { id } => explain::show_rule(&id),
        Command::Config(args) => settings::show(&args),
        Command::Init { force } => init::run(force),
        Command::Completions { shell } => {
            // Generated into memory first: clap_complete panics on a failed write (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "healthlint", &mut script);
            io::Write::write_all(&mut io::stdout().lock(), &script).map(|()| exit::CLEAN)
        }
        Command::Data { config, isolated } => data::run(config, isolated),
        Command::Pack(PackCommand::Test { paths }) => pack::test(&paths),
        Command::Server => crate::server::run(),
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
