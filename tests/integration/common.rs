//! Test helpers shared by several test modules.

use healthlint::lint::Linter;
use healthlint::rules::{load_builtin_packs, parse_pack, RuleSet};

/// A claim that needs a source, compiled next to the built-in packs so that rules judging cited
/// claims (`citation-quality/weak-source`) are tested on claims of known wording, whatever the
/// `citations` pack says.
pub const CLAIM_FIXTURE: &str = r#"
[pack]
name = "fixture"
description = "A needs-source claim for testing claim checks."

[[rule]]
name = "claim"
category = "citation"
severity = "info"
message = "needs a source"
help = "Cite the study."
rationale = "Test fixture."
references = ["none"]
patterns = ["(studies|research) (show|shows)"]
needs-source = true
fire = ["Studies show that it works."]
quiet = ["Studies show that it works (Smith et al., 2020)."]
"#;

/// Every built-in pack (including those off by default) plus [`CLAIM_FIXTURE`], compiled.
pub fn linter_with_claim_fixture() -> Linter {
    let mut packs = load_builtin_packs().expect("built-in packs load");
    packs.push(parse_pack("fixture", CLAIM_FIXTURE).expect("fixture parses"));
    Linter::new(RuleSet::compile(&packs).expect("packs compile"))
}
