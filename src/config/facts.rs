//! The run's fact-checking data from its configs: the Retraction Watch tables they name
//! (`retractions = "…csv"`), and online lookups (`online = true` or `--online`) with the first
//! `[lookups]` table found. Like source tiers, these are the same for the whole run.

use std::sync::Arc;
use std::time::Duration;

use super::discover::{absolute, Config};
use super::ConfigError;
use crate::factcheck::retractions::RetractionTable;
use crate::factcheck::Facts;
use crate::online::{self, Online};

/// Loads every configured retraction table (each file once) and sets up online lookups when
/// `online` (the command-line flag) or a config asks for them.
pub fn facts<'a>(
    configs: impl IntoIterator<Item = &'a Config>,
    online: bool,
) -> Result<Facts, ConfigError> {
    let mut facts = Facts::default();
    let mut seen = Vec::new();
    let mut online = online;
    let mut settings: Option<online::Settings> = None;
    for config in configs {
        let s = &config.settings;
        if let Some(path) = &s.retractions {
            let file = absolute(&config.dir.join(path.get_ref()));
            if !seen.contains(&file) {
                let table = RetractionTable::load(&file).map_err(|e| {
                    let message = format!("could not read {}: {e}", file.display());
                    ConfigError::at(&config.path, &config.text, path.span(), message, None)
                })?;
                seen.push(file);
                facts.tables.push(table);
            }
        }
        online |= s.online.as_ref().is_some_and(|o| *o.get_ref());
        if let (None, Some(lookups)) = (&settings, &s.lookups) {
            settings = Some(lookup_settings(config, lookups)?);
        }
    }
    if online {
        let settings = settings.unwrap_or_default();
        facts.online = Some(Arc::new(Online::new(settings)));
    }
    Ok(facts)
}

fn lookup_settings(
    config: &Config,
    lookups: &toml::Spanned<super::Lookups>,
) -> Result<online::Settings, ConfigError> {
    let l = lookups.get_ref();
    let mut s = online::Settings::default();
    let set = |slot: &mut String, value: &Option<String>| {
        if let Some(v) = value {
            slot.clone_from(v);
        }
    };
    set(&mut s.doi_url, &l.doi_url);
    set(&mut s.crossref_url, &l.crossref_url);
    set(&mut s.eutils_url, &l.eutils_url);
    set(&mut s.clinicaltrials_url, &l.clinicaltrials_url);
    // The environment variable wins: tests and CI point every run at their own directory.
    if std::env::var_os(online::CACHE_ENV).is_none_or(|v| v.is_empty()) {
        if let Some(dir) = &l.cache_dir {
            s.cache_dir = Some(absolute(&config.dir.join(dir)));
        }
    }
    if let Some(days) = l.cache_days {
        s.cache_days = days;
    }
    if let Some(seconds) = l.timeout_seconds {
        if !(seconds > 0.0 && seconds <= 600.0) {
            let message = format!("`timeout-seconds` must be between 0 and 600, not {seconds}");
            return Err(ConfigError::at(
                &config.path,
                &config.text,
                lookups.span(),
                message,
                None,
            ));
        }
        s.timeout = Duration::from_secs_f64(seconds);
    }
    if let Some(n) = l.concurrency {
        s.concurrency = n.clamp(1, 16);
    }
    Ok(s)
}
