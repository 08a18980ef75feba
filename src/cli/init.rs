//! `healthlint init`: a commented starter config, so a team begins from the documented keys
//! rather than from a blank file.

use std::io;
use std::path::Path;

use super::exit;
use crate::config::FILE_NAMES;

/// The starter `healthlint.toml`. Every setting is a commented example (`# key = value`), so the
/// file changes nothing until edited; a test uncomments them all and checks the result loads.
pub const STARTER: &str = r#"# healthlint configuration. It applies to every file in this directory and below,
# unless a nearer healthlint.toml takes over: configs are not merged, so the nearest
# one is the whole configuration. `healthlint config PATH` shows what applies to a file.
# Reference: https://github.com/healthlint/healthlint#configuration

# Which rules run. Name rules by id (absolutes/cure-claim), by pack (absolutes or
# absolutes/*) or by category (hype, absolute, citation, evidence, regulatory,
# structure); `healthlint rules` lists them all. Without `select`, every rule of the
# enabled packs runs; `ignore` wins over `select`.
# select = ["absolutes", "hype", "citation", "evidence", "structure"]
# ignore = ["hype/hope-language"]

# Packs that are off by default, such as the FDA/FTC claims of product copy.
# enable-packs = ["regulatory"]

# Paths the walk skips (gitignore-style, relative to this file). A file named on the
# command line is still linted, unless --force-exclude (the pre-commit hook passes it).
# exclude = ["drafts/**", "CHANGELOG.md"]

# Phrases your organisation allows, in the rule pattern syntax.
# allow-phrases = ["clinically proven to reduce plaque"]

# Your own rule packs, in the format of the built-in ones (lints/*.toml).
# packs = ["house-style/claims.toml"]

# Severity per rule, pack or category: "error", "warning" or "info".
# [severity]
# "absolutes/cure-claim" = "error"
# "hype" = "info"

# Web domains added to the source tiers used to judge citations.
# [sources]
# low-credibility = ["example-wellness.com"]

# Settings for some files, applied on top of the ones above, later entries winning.
# [[overrides]]
# files = ["patient-leaflets/**"]
# enable-packs = ["regulatory"]
# severity = { "absolutes/*" = "error" }
"#;

/// Writes [`STARTER`] to `healthlint.toml` here. An existing config is left alone unless
/// `force`: overwriting a team's settings by accident is worse than asking again.
pub fn run(force: bool) -> io::Result<u8> {
    let target = Path::new(FILE_NAMES[0]);
    if !force {
        if let Some(existing) = FILE_NAMES.iter().find(|name| Path::new(name).exists()) {
            eprintln!(
                "error: {existing} already exists here; edit it, or run `healthlint init \
                 --force` to replace {}",
                FILE_NAMES[0]
            );
            return Ok(exit::ERROR);
        }
    }
    std::fs::write(target, STARTER).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("could not write {}: {e}", target.display()),
        )
    })?;
    eprintln!(
        "healthlint: wrote {}; `healthlint config PATH` shows what applies to a file",
        target.display()
    );
    Ok(exit::CLEAN)
}
