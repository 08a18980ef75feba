//! What the server lints with: the editor user's few settings, and the project configuration
//! found exactly as `healthlint check` finds it (the nearest `healthlint.toml` or
//! `.healthlint.toml` above each document, nested configs replacing outer ones).
//!
//! A broken config must not leave the writer with no linting, nor with linting that silently
//! ignores their team's settings: the server keeps the last configuration that loaded and shows
//! the error as a diagnostic on the file at fault.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::Diagnostic;
use serde::Deserialize;
use serde_json::Value;

use crate::config::{self, CommandLine, ConfigError, Discovery, Policy, Resolver, Source};
use crate::diagnostic::Severity;
use crate::lint::Linter;
use crate::source::ByteSize;

/// The settings an editor user toggles, from `initializationOptions` or
/// `workspace/didChangeConfiguration` (either these keys, or these keys under `healthlint`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientSettings {
    /// Lint at all; off clears every diagnostic.
    pub enable: bool,
    /// Off-by-default packs to switch on for every document, like `--enable-pack`.
    pub enable_packs: Vec<String>,
    /// Findings below this severity are not shown.
    pub minimum_severity: Severity,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            enable: true,
            enable_packs: Vec::new(),
            minimum_severity: Severity::Info,
        }
    }
}

impl ClientSettings {
    /// Reads settings sent by the client; `null` means the defaults. Keys this server does not
    /// know are ignored (editors send whole settings sections).
    pub fn from_value(value: &Value) -> Result<ClientSettings, String> {
        let section = value.get("healthlint").unwrap_or(value);
        if section.is_null() {
            return Ok(ClientSettings::default());
        }
        ClientSettings::deserialize(section).map_err(|e| format!("healthlint settings: {e}"))
    }
}

/// The configuration of every open document: the configs governing them, checked and
/// compiled with the packs they add.
pub struct Setup {
    pub linter: Linter,
    discovery: Discovery,
    resolver: Resolver,
    /// Every config file read, to clear their diagnostics once they load again.
    pub configs: Vec<PathBuf>,
}

/// A configuration that could not be used, and where.
#[derive(Debug)]
pub struct Problem {
    /// The config or pack file at fault, when the error names one.
    pub file: Option<PathBuf>,
    /// Byte range in that file.
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl Setup {
    /// Finds and loads the configs governing `documents` (paths on disk) and compiles every
    /// pack they and `settings` switch on.
    pub fn build(documents: &[PathBuf], settings: &ClientSettings) -> Result<Setup, Problem> {
        let discovery = Discovery::new(Source::Nearest).map_err(|e| problem(&e))?;
        let cli = CommandLine {
            enable_packs: settings.enable_packs.clone(),
            ..CommandLine::default()
        };
        let (rules, resolver) =
            config::prepare(&discovery, documents, &cli).map_err(|e| problem(&e))?;
        let configs = discovery
            .finish(&[])
            .map_err(|e| problem(&e))?
            .iter()
            .map(|c| c.path.clone())
            .collect();
        // As `healthlint check` builds it: source tiers, fact-checking data (online lookups
        // only where a config asks for them) and the claim lexicon, from the configs.
        let facts = config::facts::facts(resolver.configs(), false).map_err(|e| problem(&e))?;
        let mut linter = Linter::new(rules)
            .with_sources(resolver.source_tiers())
            .with_facts(facts);
        if let Some(lexicon) = resolver.lexicon() {
            linter = linter.with_lexicon(lexicon);
        }
        Ok(Setup {
            linter,
            discovery,
            resolver,
            configs,
        })
    }

    /// Whether this setup was built with the config governing `path` (false for a document
    /// under a config not loaded yet, or one that failed to load: then rebuild).
    pub fn covers(&self, path: &Path) -> bool {
        let path = config::discover::absolute(path);
        let nearest = path.ancestors().skip(1).find_map(|dir| {
            (config::FILE_NAMES.iter())
                .map(|name| dir.join(name))
                .find(|file| file.is_file())
        });
        nearest.is_none_or(|config| self.configs.contains(&config))
    }

    /// The rules and severities for the document at `path`.
    pub fn policy(&self, path: &Path) -> Arc<Policy> {
        self.resolver.policy(self.config_for(path), path)
    }

    /// The largest document at `path` that is linted: `max-file-size` of its config, as for
    /// `healthlint check`, or the default.
    pub fn max_file_size(&self, path: &Path) -> ByteSize {
        (self.resolver.max_file_size(self.config_for(path))).unwrap_or(ByteSize::DEFAULT)
    }

    fn config_for(&self, path: &Path) -> Option<usize> {
        self.discovery
            .config_for(path)
            .filter(|&index| index < self.configs.len())
    }
}

/// Where a config error points, read through its miette diagnostic: the file it quotes and the
/// first labelled span.
fn problem(error: &ConfigError) -> Problem {
    let label = error.labels().and_then(|mut labels| labels.next());
    let file = error.source_code().and_then(|source| {
        let span = label.as_ref().map_or((0, 0).into(), |l| *l.inner());
        let contents = source.read_span(&span, 0, 0).ok()?;
        contents
            .name()
            .map(|name| config::discover::absolute(Path::new(name)))
    });
    let mut message = error.to_string();
    if let Some(help) = error.help() {
        message.push_str(&format!("\nhelp: {help}"));
    }
    Problem {
        file,
        span: label.map(|l| l.offset()..l.offset() + l.len()),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_read_flat_or_nested_with_defaults() {
        let nested = json!({"healthlint": {"enablePacks": ["regulatory"], "other": 1}});
        let settings = ClientSettings::from_value(&nested).unwrap();
        assert_eq!(settings.enable_packs, ["regulatory"]);
        assert!(settings.enable);
        let flat = json!({"enable": false, "minimumSeverity": "warning"});
        let settings = ClientSettings::from_value(&flat).unwrap();
        assert_eq!(
            (settings.enable, settings.minimum_severity),
            (false, Severity::Warning)
        );
        assert_eq!(
            ClientSettings::from_value(&Value::Null).unwrap(),
            ClientSettings::default()
        );
        assert!(ClientSettings::from_value(&json!({"minimumSeverity": "loud"})).is_err());
    }

    #[test]
    fn a_broken_config_names_its_file_and_spot() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("healthlint.toml");
        std::fs::write(&config, "ignroe = []\n").unwrap();
        let doc = dir.path().join("a.md");
        let Err(problem) = Setup::build(&[doc], &ClientSettings::default()) else {
            panic!("a misspelt key must fail");
        };
        assert_eq!(problem.file.as_deref(), Some(config.as_path()));
        assert_eq!(problem.span, Some(0..6));
        assert!(
            problem.message.contains("did you mean `ignore`?"),
            "{problem:?}"
        );
    }
}
