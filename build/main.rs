//! Generates, from the pack files in `lints/`, the list of built-in packs compiled into the
//! binary and one test per built-in rule, so a new pack file or rule cannot be forgotten: a
//! file is a pack when it has a `[pack]` table (the others are data: lexicon, rates, sources).
//! Also splits the claim lexicon's term lists (`lints/lexicon/*.txt`) into constants, and
//! computes the built-in patterns' anchors and the automaton that finds them (see `anchors`),
//! and the automata that find the lexicon's opening words and sales phrases (see `lexicon`),
//! and compiles the built-in phrase matchers (see `phrases`).

mod anchors;
mod lexicon;
mod phrases;
mod word_dfa;

// The claim layer's set of the ontology terms' first words, so the bits set here are the bits
// the run tests.
#[allow(dead_code)]
#[path = "../src/claims/first_words.rs"]
mod first_words;
// The lexicon's own inflections, so the phrase lists made here are the ones the run makes.
#[allow(dead_code)]
#[path = "../src/claims/inflections.rs"]
mod inflections;
// The crate's own literal extraction, so the anchors computed here are the ones the run-time
// path computes for a user pack; only a part of each module is used here.
#[allow(dead_code)]
#[path = "../src/rules/pattern.rs"]
mod pattern;
#[allow(dead_code)]
#[path = "../src/rules/phrase.rs"]
mod phrase;
#[allow(dead_code)]
#[path = "../src/rules/regex_anchors.rs"]
mod regex_anchors;
#[allow(dead_code)]
#[path = "../src/rules/words.rs"]
mod words;

use std::fmt::Write;
use std::path::Path;

/// The order packs load in, which is the order of `healthlint rules` and the docs, and breaks
/// ties: on the same words, a finding of an earlier pack wins. The claim layer's rules come
/// first, so a phrase rule that names the problem exactly is kept over the general claim. Only
/// the order is kept here: a pack file not named still loads, after these, alphabetically.
const FIRST: &[&str] = &[
    "claims",
    "hype",
    "absolutes",
    "citations",
    "evidence",
    "citation-quality",
    "structure",
    "regulatory",
    "healthlint",
    "factcheck",
    "predatory-journals",
];

fn main() {
    println!("cargo:rerun-if-changed=lints");
    for shared in ["pattern", "phrase", "phrase_code", "regex_anchors", "words"] {
        println!("cargo:rerun-if-changed=src/rules/{shared}.rs");
    }
    println!("cargo:rerun-if-changed=src/claims/inflections.rs");
    let mut packs: Vec<(String, toml::Table)> = Vec::new();
    for entry in std::fs::read_dir("lints").expect("lints/ exists") {
        let path = entry.expect("lints/ is readable").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("pack file is readable");
        // A pack that does not parse is reported by the loader, with a located error, in
        // every test; here it is simply listed.
        let table: toml::Table = toml::from_str(&text).unwrap_or_default();
        let is_pack = table.contains_key("pack") || text.lines().any(|l| l.trim() == "[pack]");
        if is_pack {
            let stem = path
                .file_stem()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            packs.push((stem, table));
        }
    }
    let rank = |stem: &str| FIRST.iter().position(|f| *f == stem).unwrap_or(FIRST.len());
    packs.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0)));

    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut registry = String::from("&[\n");
    for (stem, _) in &packs {
        let _ = writeln!(
            registry,
            "    (\"lints/{stem}.toml\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/lints/{stem}.toml\"))),"
        );
    }
    registry.push(']');
    write(&out, "builtin_packs.rs", &registry);
    // The same packs as JSON, which the run reads several times faster; a pack whose TOML does
    // not parse gets an empty table, which the run reads as TOML instead, to report it.
    let mut json = String::from("&[\n");
    for (stem, table) in &packs {
        let text = serde_json::to_string(table).expect("TOML converts to JSON");
        write(&out, &format!("{stem}.json"), text);
        let _ = writeln!(
            json,
            "    include_str!(concat!(env!(\"OUT_DIR\"), \"/{stem}.json\")),"
        );
    }
    json.push(']');
    write(&out, "builtin_packs_json.rs", &json);

    let mut tests = String::new();
    for (stem, table) in &packs {
        let pack = (table.get("pack"))
            .and_then(|p| p.get("name"))
            .and_then(|n| n.as_str())
            .unwrap_or(stem);
        let _ = writeln!(tests, "mod {} {{", identifier(pack));
        let rules = table.get("rule").and_then(|r| r.as_array());
        for rule in rules.into_iter().flatten() {
            if let Some(name) = rule.get("name").and_then(|n| n.as_str()) {
                let _ = writeln!(
                    tests,
                    "    #[test]\n    fn {}() {{\n        super::check(\"{pack}/{name}\");\n    }}",
                    identifier(name)
                );
            }
        }
        tests.push_str("}\n");
    }
    write(&out, "rule_tests.rs", &tests);
    anchors::generate(&out, packs.iter().map(|(_, table)| table));
    phrases::generate(&out, packs.iter().map(|(_, table)| table));

    // The claim lexicon as JSON too, for the same reason as the packs.
    let lexicon = std::fs::read_to_string("lints/lexicon.toml").expect("lexicon is readable");
    let lexicon: toml::Table = toml::from_str(&lexicon).unwrap_or_default();
    lexicon::generate(&out, &lexicon);
    let lexicon = serde_json::to_string(&lexicon).expect("TOML converts to JSON");
    write(&out, "lexicon.json", lexicon);

    // The claim lexicon's ontology term lists, one term a line: the terms joined by newlines and
    // each term's end offset, which `src/claims/terms.rs` reads in place (a `&[&str]` would be a
    // pointer per term for the loader to relocate on every run).
    let mut firsts = String::new();
    for list in ["conditions", "symptoms"] {
        let path = format!("lints/lexicon/{list}.txt");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).expect("lexicon list is readable");
        let terms: Vec<&str> = text.lines().collect();
        let joined = terms.join("\n");
        let mut ends = Vec::with_capacity(terms.len());
        let mut end = 0;
        for term in &terms {
            end += term.len();
            ends.push(u32::try_from(end).expect("a term list is under 4 GB"));
            end += 1;
        }
        for term in &terms {
            firsts.push_str(term.split(' ').next().unwrap_or(term));
            firsts.push('\n');
        }
        write(&out, &format!("lexicon_{list}.txt"), &joined);
        write(
            &out,
            &format!("lexicon_{list}_ends.rs"),
            format!("&{ends:?}"),
        );
    }
    let mut set = vec![0u64; first_words::BITS / 64];
    for word in firsts.lines() {
        let bit = first_words::bit(word);
        set[bit / 64] |= 1 << (bit % 64);
    }
    write(&out, "lexicon_first_words.rs", format!("&{set:?}"));
}

/// A kebab-case name as a Rust identifier (`miracle-language` → `miracle_language`).
fn identifier(name: &str) -> String {
    let id: String = (name.chars())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    match id.starts_with(|c: char| c.is_ascii_digit()) {
        true => format!("_{id}"),
        false => id,
    }
}

fn write(dir: &str, name: &str, contents: impl AsRef<[u8]>) {
    let path = Path::new(dir).join(name);
    // Unchanged output keeps its timestamp, so nothing recompiles for nothing.
    if std::fs::read(&path).ok().as_deref() != Some(contents.as_ref()) {
        std::fs::write(path, contents).expect("OUT_DIR is writable");
    }
}
