//! `healthlint config PATH`: which config governs a file and the rules and severities that
//! result. Configs are nearest-wins and never merged, and overrides and flags stack on top, so
//! "why did (or didn't) this rule fire here" needs one place that shows the outcome.

use std::io::{self, Write};
use std::path::PathBuf;

use super::check::{config_error, display_path};
use super::{exit, ColorChoice, ConfigArgs};
use crate::config::{self, Discovery};

pub fn show(args: &ConfigArgs) -> io::Result<u8> {
    let discovery = match Discovery::new(args.rules.source()) {
        Ok(discovery) => discovery,
        Err(e) => return Ok(config_error(&e, ColorChoice::Auto)),
    };
    let path = &args.path;
    let files: Vec<PathBuf> = vec![path.clone()];
    let cli = args.rules.command_line();
    let (rules, resolver) = match config::prepare(&discovery, &files, &cli) {
        Ok(prepared) => prepared,
        Err(e) => return Ok(config_error(&e, ColorChoice::Auto)),
    };
    let index = discovery.config_for(path);
    let configs = match discovery.finish(&[]) {
        Ok(configs) => configs,
        Err(e) => return Ok(config_error(&e, ColorChoice::Auto)),
    };
    let config = index.and_then(|i| configs.get(i));
    let mut out = io::stdout().lock();
    writeln!(out, "file:      {}", display_path(path))?;
    match config {
        Some(config) => writeln!(out, "config:    {}", relative(&config.path))?,
        None if args.rules.isolated => writeln!(out, "config:    none (--isolated)")?,
        None => writeln!(
            out,
            "config:    none found in its directory or above: defaults apply"
        )?,
    }
    if let Some(config) = config {
        let absolute = config::discover::absolute(path);
        for i in config.overrides_for(&absolute) {
            let globs: Vec<String> = config.settings.override_layers()[i]
                .files
                .iter()
                .flat_map(|f| f.get_ref())
                .map(|g| format!("\"{}\"", g.get_ref()))
                .collect();
            writeln!(
                out,
                "override:  [[overrides]] #{} (files = [{}])",
                i + 1,
                globs.join(", ")
            )?;
        }
    }
    let flags = flags(&args.rules);
    if !flags.is_empty() {
        writeln!(out, "flags:     {}", flags.join(" "))?;
    }
    if discovery.is_excluded(path, path.is_dir()) {
        writeln!(
            out,
            "excluded:  yes, by `exclude`: walking skips it; named on the command line it is \
             linted unless --force-exclude"
        )?;
    }
    let policy = resolver.policy(index, path);
    let width = rules.rules().iter().map(|r| r.id.len()).max().unwrap_or(0);
    let on = (0..rules.rules().len()).filter(|&i| policy.level(i).is_some());
    writeln!(
        out,
        "\nrules ({} of {} on):",
        on.count(),
        rules.rules().len()
    )?;
    for (i, rule) in rules.rules().iter().enumerate() {
        let level = policy.level(i).map_or("off", |s| s.as_str());
        writeln!(out, "  {:<width$}  {level}", rule.id)?;
    }
    Ok(exit::CLEAN)
}

/// A path relative to the working directory when it is under it, as a user would type it.
fn relative(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    display_path(shown)
}

/// The selection flags given, as typed, so the output says what shaped it.
fn flags(args: &super::RuleArgs) -> Vec<String> {
    let mut flags = Vec::new();
    if let Some(config) = &args.config {
        flags.push(format!("--config {}", config.display()));
    }
    for pack in &args.enable_pack {
        flags.push(format!("--enable-pack {pack}"));
    }
    if let Some(select) = &args.select {
        flags.push(format!("--select {}", select.join(",")));
    }
    if !args.extend_select.is_empty() {
        flags.push(format!("--extend-select {}", args.extend_select.join(",")));
    }
    if !args.ignore.is_empty() {
        flags.push(format!("--ignore {}", args.ignore.join(",")));
    }
    flags
}
