//! Rule selection from the command line (`--select`, `--extend-select`, `--ignore`,
//! `--enable-pack`), applied on top of whatever config governs a file, overrides included:
//! "file config, then CLI overrides", as in ruff and typos.

/// The selection flags of `healthlint check` and `healthlint config`, named as in a config
/// (rule id, `pack/*`, pack or category).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    /// `--enable-pack`: off-by-default packs switched on for every file.
    pub enable_packs: Vec<String>,
    /// `--select`: the rules to run, replacing the selection of every config and override.
    pub select: Option<Vec<String>>,
    /// `--extend-select`: rules to run as well as those selected.
    pub extend_select: Vec<String>,
    /// `--ignore`: rules not to run; wins over both selections.
    pub ignore: Vec<String>,
}
