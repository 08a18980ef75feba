//! `healthlint rules` and `healthlint rule ID`: the rules' own documentation, for every built-in
//! pack including those off by default (a user deciding whether to switch a pack on needs to
//! read its rules first).

use std::io::{self, Write};

use super::exit;
use crate::docs;
use crate::rules::load_builtin_packs;
use crate::rules::pack::PackFile;

/// Every built-in pack, enabled or not; a broken pack is reported like any other I/O failure.
fn all_packs() -> io::Result<Vec<PackFile>> {
    load_builtin_packs().map_err(io::Error::other)
}

/// One line per rule: id, category, default severity, whether it runs by default, what it flags.
pub fn list_rules() -> io::Result<()> {
    let packs = all_packs()?;
    let mut out = io::stdout().lock();
    for file in &packs {
        for spec in &file.rules {
            writeln!(
                out,
                "{:<44} {:<10} {:<8} {:<4} {}",
                docs::rule_id(&file.pack, spec),
                spec.category.as_str(),
                spec.severity.as_str(),
                if file.pack.enabled { "on" } else { "off" },
                docs::summary(spec)
            )?;
        }
    }
    Ok(())
}

/// The rule's full documentation, as the Markdown that `docs/rules.md` holds; an unknown id is a
/// usage error with the nearest id offered.
pub fn show_rule(id: &str) -> io::Result<u8> {
    let packs = all_packs()?;
    let found = packs.iter().find_map(|file| {
        file.rules
            .iter()
            .find(|spec| docs::rule_id(&file.pack, spec) == id)
            .map(|spec| (&file.pack, spec))
    });
    let Some((pack, spec)) = found else {
        let ids: Vec<String> = packs
            .iter()
            .flat_map(|f| f.rules.iter().map(|s| docs::rule_id(&f.pack, s)))
            .collect();
        let mut err = io::stderr().lock();
        writeln!(err, "error: unknown rule `{id}`")?;
        if let Some(near) = docs::closest_id(id, ids.iter().map(String::as_str)) {
            writeln!(err, "  help: did you mean `{near}`?")?;
        }
        writeln!(err, "  run `healthlint rules` to list every rule")?;
        return Ok(exit::ERROR);
    };
    io::stdout()
        .lock()
        .write_all(docs::rule_markdown(pack, spec, 1).as_bytes())?;
    Ok(exit::CLEAN)
}
