//! Every rule's own examples, run through the whole pipeline (parse, sentences, context) as a
//! Markdown file: `fire` examples must produce the rule, `quiet` ones must not.

use healthlint::config::Policy;
use healthlint::rules::{checks, load_builtin_packs};
use healthlint::source::{FileKind, SourceFile};

#[test]
fn every_rule_fires_and_stays_quiet_on_its_examples() {
    // The claim fixture lets rules that judge cited claims (`citation-quality/weak-source`) be
    // tested on claims of known wording, whatever the `citations` pack says.
    let linter = crate::common::linter_with_claim_fixture();
    let mut session = linter.session();
    let mut failures = Vec::new();
    let everything = Policy::everything(linter.rules());
    for (index, rule) in linter.rules().rules().iter().enumerate() {
        // Rules that ask the registries are tested against a local server (`online` module).
        if (rule.spec.check.as_deref()).is_some_and(|c| checks::ONLINE.contains(&c)) {
            continue;
        }
        // Each rule alone, as ruff tests its rules, so that another rule on the same words does
        // not stand in for it; checks that judge other rules' findings run with every rule.
        let only = Policy::only(linter.rules(), index);
        let policy = if rule.spec.check.is_some() {
            &everything
        } else {
            &only
        };
        let cases = rule.spec.fire.iter().map(|e| (e, true));
        for (example, should_fire) in cases.chain(rule.spec.quiet.iter().map(|e| (e, false))) {
            let file = SourceFile::new("example.md", FileKind::Markdown, example.as_str());
            let fired = (session.lint_with(&file, policy).iter()).any(|f| f.rule == rule.id);
            if fired != should_fire {
                let expected = if should_fire { "fire" } else { "stay quiet" };
                failures.push(format!("{} should {expected} on: {example}", rule.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

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
