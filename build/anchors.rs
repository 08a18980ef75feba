//! The built-in packs' prefilter data, computed once here rather than on every run: each
//! phrase pattern's literal sets, each raw expression's anchors, and an Aho-Corasick DFA that
//! finds every one of their words in a text (read back by `src/rules/prebuilt.rs`, searched by
//! `src/rules/word_dfa.rs`). Parsing the patterns for their literals and building an automaton
//! over their words were over half of the start-up of a run.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::pattern::{self, Anchor};
use crate::{regex_anchors, word_dfa, write};

/// Writes the tables and the automaton for the rules of `packs` (parsed pack files) into `out`.
pub fn generate<'a>(out: &str, packs: impl Iterator<Item = &'a toml::Table>) {
    let mut patterns: BTreeMap<&str, pattern::Literals> = BTreeMap::new();
    let mut regexes: BTreeMap<&str, Option<Vec<Anchor>>> = BTreeMap::new();
    let rules = packs.flat_map(|pack| {
        (pack.get("rule").and_then(|r| r.as_array()))
            .into_iter()
            .flatten()
    });
    let strings = |rule: &'a toml::Value, key: &str| {
        (rule.get(key).and_then(|p| p.as_array()))
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str())
    };
    for rule in rules {
        for text in strings(rule, "patterns") {
            // A pattern that does not parse is left out: the run reports it, as for a user pack.
            if let Ok(literals) = pattern::literals(text) {
                patterns.insert(text, literals);
            }
        }
        for raw in strings(rule, "regex") {
            regexes.insert(raw, regex_anchors::anchors(raw));
        }
    }

    let mut words: BTreeSet<&str> = BTreeSet::new();
    let mut table = String::from("&[\n");
    for (text, literals) in &patterns {
        let anchors = literals.anchors.as_deref();
        words.extend(anchors.into_iter().flatten().map(|a| &*a.text));
        words.extend(literals.required.iter().flatten().map(|a| &*a.text));
        let required: Vec<String> = literals.required.iter().map(|set| list(set)).collect();
        let _ = writeln!(
            table,
            "    ({text:?}, {}, &[{}]),",
            optional(anchors),
            required.join(", ")
        );
    }
    table.push(']');
    write(out, "pattern_literals.rs", &table);

    let mut table = String::from("&[\n");
    for (raw, anchors) in &regexes {
        words.extend(anchors.iter().flatten().map(|a| &*a.text));
        let _ = writeln!(table, "    ({raw:?}, {}),", optional(anchors.as_deref()));
    }
    table.push(']');
    write(out, "regex_anchors.rs", &table);

    let words: Vec<&str> = words.into_iter().collect();
    write(out, "anchor_words.rs", format!("&{words:?}"));
    word_dfa::write(out, "anchor", &words);
}

/// Anchors as the array of `(text, starts_word, ends_word)` that `prebuilt.rs` reads.
fn list(anchors: &[Anchor]) -> String {
    let items: Vec<String> = (anchors.iter())
        .map(|a| format!("({:?}, {}, {})", a.text, a.starts_word, a.ends_word))
        .collect();
    format!("&[{}]", items.join(", "))
}

fn optional(anchors: Option<&[Anchor]>) -> String {
    anchors.map_or_else(|| "None".into(), |a| format!("Some({})", list(a)))
}
