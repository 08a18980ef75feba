//! Every rule pack in `lints/` parses, is complete, and compiles; every `fire` example matches
//! at least one of its rule's patterns (raw match, before exceptions and context).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use healthlint::rules::pack::{PackFile, RuleSpec};
use healthlint::rules::pattern;
use regex::Regex;

/// Data files in `lints/` that are not rule packs (they have their own schema and tests).
const DATA_FILES: &[&str] = &["sources.toml", "lexicon.toml", "rates.toml"];

fn pack_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lints");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| DATA_FILES.iter().any(|d| n == *d))
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no packs in {}", dir.display());
    paths
}

fn load(path: &Path) -> PackFile {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A compiled phrase pattern or raw regex, as a test of a text.
type Matches = Box<dyn Fn(&str) -> bool>;

fn compile_phrase(pack: &str, rule: &str, field: &str, pattern: &str) -> Matches {
    let phrase = pattern::compile(&[pattern.to_string()])
        .unwrap_or_else(|e| panic!("{pack}/{rule}: {field} does not compile: {e}"));
    assert!(
        !phrase.matches_empty(),
        "{pack}/{rule}: {field} `{pattern}` can match nothing at all"
    );
    Box::new(move |text| phrase.is_match(text))
}

/// The rule's trigger matchers: phrase patterns and raw regexes.
fn triggers(pack: &str, rule: &RuleSpec) -> Vec<Matches> {
    let mut out: Vec<Matches> = rule
        .patterns
        .iter()
        .map(|p| compile_phrase(pack, &rule.name, "pattern", p))
        .collect();
    for raw in &rule.regex {
        let re = Regex::new(&format!("(?i){raw}")).unwrap_or_else(|e| {
            panic!("{pack}/{}: regex `{raw}` does not compile: {e}", rule.name)
        });
        out.push(Box::new(move |text| re.is_match(text)));
    }
    out
}

#[test]
fn packs_parse_and_are_complete() {
    let mut pack_names = HashSet::new();
    for path in pack_paths() {
        let file = load(&path);
        let pack = file.pack.name.clone();
        assert!(
            is_kebab(&pack),
            "{}: pack name `{pack}` is not kebab-case",
            path.display()
        );
        assert!(
            pack_names.insert(pack.clone()),
            "pack name `{pack}` is used twice"
        );
        assert!(
            !file.pack.description.trim().is_empty(),
            "{pack}: empty description"
        );
        assert!(!file.rules.is_empty(), "{pack}: no rules");

        let mut names = HashSet::new();
        for rule in &file.rules {
            let id = format!("{pack}/{}", rule.name);
            assert!(is_kebab(&rule.name), "{id}: name is not kebab-case");
            assert!(names.insert(rule.name.clone()), "{id}: duplicate rule name");
            assert!(!rule.message.trim().is_empty(), "{id}: empty message");
            assert!(!rule.help.trim().is_empty(), "{id}: empty help");
            assert!(!rule.rationale.trim().is_empty(), "{id}: empty rationale");
            assert!(!rule.references.is_empty(), "{id}: no references");
            assert!(
                rule.references.iter().all(|r| !r.trim().is_empty()),
                "{id}: empty reference"
            );
            assert!(
                !rule.patterns.is_empty()
                    || !rule.regex.is_empty()
                    || rule.check.is_some()
                    || rule.claim.is_some(),
                "{id}: no patterns, regex, claim or check"
            );
            assert!(rule.fire.len() >= 3, "{id}: fewer than 3 fire examples");
            assert!(rule.quiet.len() >= 3, "{id}: fewer than 3 quiet examples");
            let mut seen = HashSet::new();
            for example in rule.fire.iter().chain(&rule.quiet) {
                assert!(!example.trim().is_empty(), "{id}: empty example");
                assert!(
                    seen.insert(example),
                    "{id}: example listed twice: {example}"
                );
            }
        }
    }
}

#[test]
fn patterns_exceptions_and_requires_compile() {
    for path in pack_paths() {
        let file = load(&path);
        let pack = &file.pack.name;
        for rule in &file.rules {
            triggers(pack, rule);
            for p in &rule.exceptions {
                let _ = compile_phrase(pack, &rule.name, "exception", p);
            }
            for p in &rule.requires {
                let _ = compile_phrase(pack, &rule.name, "requires", p);
            }
        }
    }
}

#[test]
fn fire_examples_match_a_trigger() {
    let mut failures = Vec::new();
    for path in pack_paths() {
        let file = load(&path);
        let pack = &file.pack.name;
        // A check-backed or claim rule has no phrase trigger to match; its examples run in
        // `rule_examples.rs`.
        for rule in (file.rules.iter()).filter(|r| r.check.is_none() && r.claim.is_none()) {
            let triggers = triggers(pack, rule);
            let requires: Vec<Matches> = rule
                .requires
                .iter()
                .map(|p| compile_phrase(pack, &rule.name, "requires", p))
                .collect();
            for example in &rule.fire {
                // The `{{ }}` marks are not text: a regex anchored at a sentence's start must
                // see the sentence.
                let example = &example.replace("{{", "").replace("}}", "");
                if !triggers.iter().any(|matches| matches(example)) {
                    failures.push(format!(
                        "{pack}/{}: no trigger matches: {example}",
                        rule.name
                    ));
                }
                if !requires.is_empty() && !requires.iter().any(|matches| matches(example)) {
                    failures.push(format!(
                        "{pack}/{}: no `requires` entry matches: {example}",
                        rule.name
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
