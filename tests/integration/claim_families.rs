//! Recall and precision per claim family on our own labelled set (`tests/claims/families.toml`):
//! sentences an editor would mark, each with the phrase marked `{{…}}`, and near-misses an editor
//! would leave alone. Run with `--nocapture` to see the table:
//!
//! ```sh
//! cargo test --test claim_families -- --nocapture
//! ```
//!
//! A marked entry is caught when a finding overlaps the marked phrase (the table also shows the
//! share caught at warning or error); a near-miss is quiet when it gets no finding of warning or
//! error (info notes, such as a statistic's request for a source, are allowed).

use healthlint::diagnostic::Severity;
use healthlint::lint::Linter;
use healthlint::rules::RuleSet;
use healthlint::source::{FileKind, SourceFile};
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    family: Vec<Family>,
}

#[derive(Deserialize)]
struct Family {
    name: String,
    fire: Vec<String>,
    quiet: Vec<String>,
}

/// The least recall and precision each family must keep; raise these as the rules improve.
const FLOORS: &[(&str, f64, f64)] = &[
    ("quoted-hype", 0.90, 0.90),
    ("hype-lexicon", 0.90, 0.95),
    ("efficacy", 0.90, 0.95),
    ("universal", 0.75, 0.95),
    ("safety", 0.90, 0.95),
    ("testimonial", 0.85, 0.95),
    ("effect-statistic", 0.90, 0.95),
    ("causal-headline", 0.70, 0.90),
    ("future-promise", 0.90, 0.95),
    ("advice-from-study", 0.85, 0.95),
];

/// The entry without its `{{`/`}}` marks, and the marked byte range.
fn unmark(entry: &str) -> (String, std::ops::Range<usize>) {
    let open = entry
        .find("{{")
        .expect("a fire entry marks its phrase with {{…}}");
    let close = entry.find("}}").expect("a fire entry closes its mark");
    let text = entry.replacen("{{", "", 1).replacen("}}", "", 1);
    (text, open..close - 2)
}

#[test]
fn claim_families_recall_and_precision() {
    let set: Set = toml::from_str(include_str!("../claims/families.toml")).expect("families.toml");
    // The rules a user gets by default: off-by-default packs stay off.
    let linter = Linter::new(RuleSet::builtin().expect("built-in packs compile"));
    let mut session = linter.session();
    let mut failures = Vec::new();
    let mut misses = Vec::new();
    println!(
        "{:<18} {:>8} {:>16} {:>10}",
        "family", "recall", "recall(warning)", "precision"
    );
    for family in &set.family {
        let (mut caught, mut warned) = (0, 0);
        for entry in &family.fire {
            let (text, marked) = unmark(entry);
            let file = SourceFile::new("entry.md", FileKind::Markdown, text.as_str());
            let findings = session.lint(&file);
            let over: Vec<_> = (findings.iter())
                .filter(|f| f.span.start < marked.end && marked.start < f.span.end)
                .collect();
            if over.iter().any(|f| f.severity >= Severity::Warning) {
                warned += 1;
            }
            if !over.is_empty() {
                caught += 1;
            } else {
                misses.push(format!("MISS  {}: {entry}", family.name));
            }
        }
        let mut quiet = 0;
        for entry in &family.quiet {
            let file = SourceFile::new("entry.md", FileKind::Markdown, entry.as_str());
            let loud: Vec<String> = (session.lint(&file).into_iter())
                .filter(|f| f.severity >= Severity::Warning)
                .map(|f| format!("{} “{}”", f.rule, f.text))
                .collect();
            if loud.is_empty() {
                quiet += 1;
            } else {
                misses.push(format!(
                    "LOUD  {}: {entry} → {}",
                    family.name,
                    loud.join(", ")
                ));
            }
        }
        let recall = caught as f64 / family.fire.len() as f64;
        let recall_warning = warned as f64 / family.fire.len() as f64;
        let precision = quiet as f64 / family.quiet.len() as f64;
        println!(
            "{:<18} {:>8.2} {:>16.2} {:>10.2}",
            family.name, recall, recall_warning, precision
        );
        let (_, min_recall, min_precision) = FLOORS
            .iter()
            .find(|(name, ..)| *name == family.name)
            .unwrap_or_else(|| panic!("no floor for family {}", family.name));
        if recall < *min_recall || precision < *min_precision {
            failures.push(format!(
                "{}: recall {recall:.2} (floor {min_recall}), precision {precision:.2} (floor {min_precision})",
                family.name
            ));
        }
    }
    if std::env::var_os("HEALTHLINT_SHOW_MISSES").is_some() {
        println!("{}", misses.join("\n"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
