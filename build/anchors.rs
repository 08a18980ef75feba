//! The built-in packs' prefilter data, computed once here rather than on every run: each
//! phrase pattern's literal sets, each raw expression's anchors, and an Aho-Corasick DFA that
//! finds every one of their words in a text (read back by `src/rules/prebuilt.rs`, searched by
//! `src/rules/word_dfa.rs`). Parsing the patterns for their literals and building an automaton
//! over their words were over half of the start-up of a run.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::pattern::{self, Anchor};
use crate::{regex_anchors, write};

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
        words.extend(anchors.into_iter().flatten().map(|a| a.text.as_str()));
        words.extend(literals.required.iter().flatten().map(|a| a.text.as_str()));
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
        words.extend(anchors.iter().flatten().map(|a| a.text.as_str()));
        let _ = writeln!(table, "    ({raw:?}, {}),", optional(anchors.as_deref()));
    }
    table.push(']');
    write(out, "regex_anchors.rs", &table);

    let words: Vec<&str> = words.into_iter().collect();
    write(out, "anchor_words.rs", format!("&{words:?}"));
    automaton(out, &words);
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

/// The most states the automaton's 15-bit state numbers allow.
const MAX_STATES: usize = 1 << 15;

/// Writes the Aho-Corasick DFA over `words` that `src/rules/word_dfa.rs` searches with (see
/// there for the layout): state 0 is the root, every transition is filled in (failure links
/// resolved), and a transition's top bit says the state it leads to ends a word. More words
/// than 15-bit state numbers allow leave the automaton empty, and the run builds one instead.
fn automaton(out: &str, words: &[&str]) {
    let mut classes = [0u8; 256];
    let mut stride = 1;
    for byte in words.iter().flat_map(|w| w.bytes()) {
        if classes[usize::from(byte)] == 0 {
            classes[usize::from(byte)] = u8::try_from(stride).expect("ASCII words");
            stride += 1;
        }
    }
    // The trie: children by class (0 = none), the words ending at each state.
    let mut children: Vec<Vec<usize>> = vec![vec![0; stride]];
    let mut ends: Vec<Vec<usize>> = vec![Vec::new()];
    for (number, word) in words.iter().enumerate() {
        let mut state = 0;
        for byte in word.bytes() {
            let class = usize::from(classes[usize::from(byte)]);
            if children[state][class] == 0 {
                children.push(vec![0; stride]);
                ends.push(Vec::new());
                children[state][class] = children.len() - 1;
            }
            state = children[state][class];
        }
        ends[state].push(number);
    }
    let states = children.len();
    // Breadth first, each state's missing transitions are its failure state's, and its words
    // include its failure state's (the words it ends with).
    let mut delta = children.clone();
    let mut fail = vec![0; states];
    let mut queue: std::collections::VecDeque<usize> =
        children[0].iter().copied().filter(|&c| c != 0).collect();
    while let Some(state) = queue.pop_front() {
        let inherited = ends[fail[state]].clone();
        ends[state].extend(inherited);
        for class in 0..stride {
            let child = children[state][class];
            if child != 0 {
                fail[child] = delta[fail[state]][class];
                queue.push_back(child);
            } else {
                delta[state][class] = delta[fail[state]][class];
            }
        }
    }
    let mut transitions: Vec<u8> = Vec::new();
    let mut starts: Vec<usize> = vec![0];
    let mut outputs: Vec<usize> = Vec::new();
    if states <= MAX_STATES {
        for row in &delta {
            for &next in row {
                let flag = if ends[next].is_empty() { 0 } else { 0x8000 };
                let entry = u16::try_from(next | flag).expect("15-bit state numbers");
                transitions.extend(entry.to_le_bytes());
            }
        }
        for words in &ends {
            outputs.extend(words);
            starts.push(outputs.len());
        }
    }
    write(out, "anchor_transitions.bin", transitions);
    write(
        out,
        "anchor_automaton.rs",
        format!(
            "WordDfa {{\n    classes: &{classes:?},\n    stride: {stride},\n    \
             transitions: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/anchor_transitions.bin\")),\n    \
             starts: &{starts:?},\n    outputs: &{outputs:?},\n}}"
        ),
    );
}
