//! The built-in packs' phrase matchers, compiled once here rather than each time a run wakes
//! one (read back by `src/rules/prebuilt.rs`): compiling the 27 matchers a 10 KB article wakes
//! was a tenth of the instructions of its run (callgrind).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::pattern;

/// Separates the patterns of a list in a table key; a list with a pattern containing it is
/// not in the table (see `src/rules/prebuilt.rs`).
const SEPARATOR: char = '\u{1f}';

/// The keys of a rule whose lists of patterns each make one matcher.
const LISTS: [&str; 4] = ["exceptions", "requires", "unless", "unless-in-sentence"];

/// Writes every phrase list of `packs` (parsed pack files) compiled, as `phrases.bin`, and the
/// sorted table of `(patterns joined by SEPARATOR, start, end)` of each list's bytes in it, as
/// `phrase_table.rs`. A rule's `patterns` are a matcher each; a list that does not compile is
/// left out, and the run reports it as for a user pack.
pub fn generate<'a>(out: &str, packs: impl Iterator<Item = &'a toml::Table>) {
    let mut lists: BTreeMap<Vec<&str>, Vec<u8>> = BTreeMap::new();
    let rules = packs.flat_map(|pack| {
        (pack.get("rule").and_then(|r| r.as_array()))
            .into_iter()
            .flatten()
    });
    let strings = |rule: &'a toml::Value, key: &str| -> Vec<&'a str> {
        (rule.get(key).and_then(|p| p.as_array()))
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str())
            .collect()
    };
    for rule in rules {
        let singles = strings(rule, "patterns").into_iter().map(|p| vec![p]);
        let groups = LISTS.iter().map(|key| strings(rule, key));
        for list in singles.chain(groups) {
            if list.is_empty() || list.iter().any(|p| p.contains(SEPARATOR)) {
                continue;
            }
            let owned: Vec<String> = list.iter().map(|p| p.to_string()).collect();
            if let Ok(phrase) = pattern::compile(&owned) {
                lists.insert(list, phrase.encode());
            }
        }
    }
    let mut bytes = Vec::new();
    let mut table = String::from("&[\n");
    for (list, code) in &lists {
        let start = bytes.len();
        bytes.extend_from_slice(code);
        let key = list.join(&SEPARATOR.to_string());
        let _ = writeln!(table, "    ({key:?}, {start}, {}),", bytes.len());
    }
    table.push(']');
    crate::write(out, "phrases.bin", &bytes);
    crate::write(out, "phrase_table.rs", &table);
}
