//! Conventions every built-in rule keeps (its examples run in `rule_cases`, one test per rule).

use healthlint::rules::load_builtin_packs;

#[test]
fn every_rule_is_documented() {
    let packs = load_builtin_packs().expect("built-in packs load");
    for pack in &packs {
        for rule in &pack.rules {
            let id = format!("{}/{}", pack.pack.name, rule.name);
            assert!(
                rule.fire.len() >= 3 && rule.quiet.len() >= 3,
                "{id}: needs 3 examples each way"
            );
            assert!(!rule.references.is_empty(), "{id}: needs a reference");
            assert!(
                rule.help.len() > 20,
                "{id}: help must give a better phrasing"
            );
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}: names are kebab-case"
            );
        }
    }
}
