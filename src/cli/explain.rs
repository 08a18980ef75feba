//! `healthlint rules` and `healthlint rule ID`: the rules' own documentation, for every built-in
//! pack including those off by default (a user deciding whether to switch a pack on needs to
//! read its rules first).

use std::io::{self, Write};

use serde::Serialize;

use super::{exit, ListFormat};
use crate::diagnostic::{Category, Severity};
use crate::docs;
use crate::rules::load_builtin_packs;
use crate::rules::pack::{PackFile, PackMeta, RuleSpec};

/// Every built-in pack, enabled or not; a broken pack is reported like any other I/O failure.
fn all_packs() -> io::Result<Vec<PackFile>> {
    load_builtin_packs().map_err(io::Error::other)
}

/// One rule as `healthlint rules --format json` lists it.
#[derive(Debug, Serialize)]
struct RuleEntry<'a> {
    id: String,
    pack: &'a str,
    category: Category,
    /// The default severity, before configs.
    severity: Severity,
    /// Whether it runs without `enable-packs`.
    enabled: bool,
    /// What it flags, in one line.
    summary: String,
    help: &'a str,
    suggestions: &'a [String],
    references: &'a [String],
    /// Its section of the generated reference.
    docs: String,
}

impl<'a> RuleEntry<'a> {
    fn new(pack: &'a PackMeta, spec: &'a RuleSpec) -> RuleEntry<'a> {
        RuleEntry {
            id: docs::rule_id(pack, spec),
            pack: &pack.name,
            category: spec.category,
            severity: spec.severity,
            enabled: spec.on_by_default(pack),
            summary: docs::summary(spec),
            help: &spec.help,
            suggestions: &spec.suggestions,
            references: &spec.references,
            docs: format!("{}#{}", docs::RULES_MD, docs::anchor(pack, spec)),
        }
    }
}

/// Every rule: a table (one rule a line) or a JSON array.
pub fn list_rules(format: ListFormat) -> io::Result<()> {
    let packs = all_packs()?;
    let entries: Vec<RuleEntry> = packs
        .iter()
        .flat_map(|f| f.rules.iter().map(|s| RuleEntry::new(&f.pack, s)))
        .collect();
    let mut out = io::stdout().lock();
    match format {
        ListFormat::Text => write_table(&mut out, &entries),
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &entries)?;
            writeln!(out)
        }
    }
}

/// One line per rule: id, category, default severity, on/off by default, what it flags. The id
/// column is as wide as the longest id, so no id pushes the others out of line.
fn write_table(out: &mut dyn Write, entries: &[RuleEntry]) -> io::Result<()> {
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(0);
    for e in entries {
        writeln!(
            out,
            "{:<width$}  {:<10} {:<7}  {:<3}  {}",
            e.id,
            e.category.as_str(),
            e.severity.as_str(),
            if e.enabled { "on" } else { "off" },
            e.summary
        )?;
    }
    Ok(())
}

/// The rule's full documentation, as the Markdown that `docs/rules.md` holds. A pack name lists
/// the pack's rules; an unknown id is a usage error with the nearest id offered.
pub fn show_rule(id: &str) -> io::Result<u8> {
    let packs = all_packs()?;
    let found = packs.iter().find_map(|file| {
        file.rules
            .iter()
            .find(|spec| docs::rule_id(&file.pack, spec) == id)
            .map(|spec| (&file.pack, spec))
    });
    if let Some((pack, spec)) = found {
        io::stdout()
            .lock()
            .write_all(docs::rule_markdown(pack, spec, 1).as_bytes())?;
        return Ok(exit::CLEAN);
    }
    let pack_name = id.strip_suffix("/*").unwrap_or(id);
    if let Some(file) = packs.iter().find(|f| f.pack.name == pack_name) {
        let mut out = io::stdout().lock();
        writeln!(out, "{}: {}\n", file.pack.name, file.pack.description)?;
        let entries: Vec<RuleEntry> = file
            .rules
            .iter()
            .map(|s| RuleEntry::new(&file.pack, s))
            .collect();
        write_table(&mut out, &entries)?;
        writeln!(out, "\n`healthlint rule ID` shows one of them in full.")?;
        return Ok(exit::CLEAN);
    }
    let ids: Vec<String> = packs
        .iter()
        .flat_map(|f| f.rules.iter().map(|s| docs::rule_id(&f.pack, s)))
        .collect();
    let mut err = io::stderr().lock();
    writeln!(err, "error: unknown rule `{id}`")?;
    let starting: Vec<&String> = ids.iter().filter(|i| starts_like(i, id)).collect();
    match starting.as_slice() {
        [one] => writeln!(err, "  help: did you mean `{one}`?")?,
        [] => {
            if let Some(near) = docs::closest_id(id, ids.iter().map(String::as_str)) {
                writeln!(err, "  help: did you mean `{near}`?")?;
            }
        }
        several => {
            writeln!(err, "  help: rules starting like it:")?;
            for id in several {
                writeln!(err, "    {id}")?;
            }
        }
    }
    writeln!(err, "  run `healthlint rules` to list every rule")?;
    Ok(exit::ERROR)
}

/// Whether `id` begins with `partial` (`hype/miracle` → `hype/miracle-language`), or its rule
/// name does when `partial` names no pack (`miracle` → `hype/miracle-language`).
fn starts_like(id: &str, partial: &str) -> bool {
    let name = id.split_once('/').map_or(id, |(_, name)| name);
    !partial.is_empty() && (id.starts_with(partial) || name.starts_with(partial))
}
