//! Rule documentation rendered from the packs themselves, so the words a user reads in
//! `healthlint rule ID` and in `docs/rules.md` are the ones the linter reports: one Markdown
//! renderer feeds both, and a test keeps the committed file equal to its output.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use crate::rules::examples::Example;
use crate::rules::pack::{PackFile, PackMeta, RuleSpec};

/// Where the generated reference lives, relative to the repository root.
pub const RULES_MD: &str = "docs/rules.md";

/// `pack/rule-name`, the id users type and configure.
pub fn rule_id(pack: &PackMeta, spec: &RuleSpec) -> String {
    format!("{}/{}", pack.name, spec.name)
}

/// The HTML anchor of a rule in `docs/rules.md`: `pack-rule-name`. Written out explicitly
/// because GitHub's own heading slugs drop the `/` (and would change with the heading text),
/// and links into the reference must stay stable.
pub fn anchor(pack: &PackMeta, spec: &RuleSpec) -> String {
    format!("{}-{}", pack.name, spec.name)
}

/// The web address of a rule's entry in `docs/rules.md`, in the repository named in
/// `Cargo.toml`; what SARIF's `helpUri` and the language server's diagnostics link to. The
/// anchor is the id with `/` turned into `-`, as [`anchor`] writes it.
pub fn rule_url(id: &str) -> String {
    format!(
        "{}/blob/main/{RULES_MD}#{}",
        env!("CARGO_PKG_REPOSITORY"),
        id.replace('/', "-")
    )
}

/// What the rule flags, in one line: the message with the flagged text elided.
pub fn summary(spec: &RuleSpec) -> String {
    spec.message.replace("{match}", "…")
}

/// Whether the rule runs without being switched on: off-by-default rules need `enable-packs`.
fn default_state(pack: &PackMeta, spec: &RuleSpec) -> &'static str {
    if spec.on_by_default(pack) {
        "on by default"
    } else {
        "off by default"
    }
}

/// Whether a pack's rules run without being switched on, naming the rules that differ.
fn pack_state(file: &PackFile) -> String {
    let pack = &file.pack;
    let differing: Vec<String> = (file.rules.iter())
        .filter(|spec| spec.on_by_default(pack) != pack.enabled)
        .map(|spec| format!("`{}`", spec.name))
        .collect();
    match (pack.enabled, differing.is_empty()) {
        (true, true) => "on by default".into(),
        (false, true) => "off by default".into(),
        (true, false) => format!("on by default, except {}", differing.join(", ")),
        (false, false) => format!("off by default, except {}", differing.join(", ")),
    }
}

/// The full documentation of one rule as Markdown. `level` is the heading level of the rule's
/// own title (1 for the terminal, deeper when nested under a pack in `docs/rules.md`).
pub fn rule_markdown(pack: &PackMeta, spec: &RuleSpec, level: usize) -> String {
    let id = rule_id(pack, spec);
    let h = "#".repeat(level);
    let sub = "#".repeat(level + 1);
    let mut md = String::new();
    // Writing into a String cannot fail; `let _` keeps the renderer free of unwraps.
    let _ = writeln!(md, "{h} `{id}`\n");
    let _ = writeln!(
        md,
        "Category: {} · Default severity: {} · Pack: `{}` ({})\n",
        spec.category,
        spec.severity,
        pack.name,
        default_state(pack, spec)
    );

    let _ = writeln!(md, "{sub} What it flags\n\n{}\n", summary(spec));
    if let Some(claim) = &spec.claim {
        let _ = writeln!(
            md,
            "Claims it flags (read by the claim layer, see `lints/lexicon.toml`):\n"
        );
        let _ = writeln!(md, "{}\n", describe_claims(claim));
    }
    if !spec.patterns.is_empty() {
        let _ = writeln!(md, "Trigger phrases:\n");
        fence(&mut md, "text", spec.patterns.iter());
    }
    if !spec.regex.is_empty() {
        let _ = writeln!(md, "Regular expressions (case-insensitive):\n");
        fence(&mut md, "text", spec.regex.iter());
    }
    if spec.needs_source {
        let _ = writeln!(
            md,
            "A citation attached to the sentence, or closing its paragraph, silences it.\n"
        );
    }

    let _ = writeln!(md, "{sub} Why\n\n{}\n", spec.rationale);
    let _ = writeln!(md, "References:\n");
    for reference in &spec.references {
        let _ = writeln!(md, "- {reference}");
    }
    md.push('\n');

    let _ = writeln!(md, "{sub} How often it fires\n\n{}\n", measured(&id));

    let _ = writeln!(md, "{sub} Better phrasing\n\n{}\n", spec.help);
    if !spec.suggestions.is_empty() {
        let listed: Vec<String> = spec.suggestions.iter().map(|s| format!("“{s}”")).collect();
        let _ = writeln!(md, "Suggested wording: {}\n", listed.join(", "));
    }

    // Examples sit in fenced blocks: the Markdown parser skips code, so the reference does not
    // flag itself when a repository lints its docs.
    let _ = writeln!(md, "{sub} Examples\n\nFires on:\n");
    // `{{…}}` marks where the rule must fire, for the tests; readers see the plain sentence.
    let fire: Vec<String> = spec.fire.iter().map(|e| Example::plain(e)).collect();
    fence(&mut md, "text", fire.iter());
    let _ = writeln!(md, "Stays quiet on:\n");
    fence(&mut md, "text", spec.quiet.iter());

    let _ = writeln!(md, "{sub} Configuration\n");
    if !spec.on_by_default(pack) {
        let _ = writeln!(
            md,
            "The `{pack}` pack is off by default; switch it on in `healthlint.toml`:\n",
            pack = pack.name
        );
        fence(
            &mut md,
            "toml",
            [format!("enable-packs = [\"{}\"]", pack.name)].iter(),
        );
    }
    let _ = writeln!(
        md,
        "Turn the rule off, or change its severity, in `healthlint.toml`:\n"
    );
    fence(
        &mut md,
        "toml",
        [
            format!("ignore = [\"{id}\"]"),
            String::new(),
            "[severity]".to_string(),
            format!("\"{id}\" = \"error\""),
        ]
        .iter(),
    );
    let _ = writeln!(
        md,
        "Silence one occurrence with a comment on the line before it, giving the reason:\n"
    );
    fence(
        &mut md,
        "markdown",
        [format!(
            "<!-- healthlint-disable-next-line {id} -- quoted from the advert under review -->"
        )]
        .iter(),
    );
    end_with_one_newline(&mut md);
    md
}

/// The whole of `docs/rules.md`: every rule of every pack, on by default or not.
pub fn rules_reference(packs: &[PackFile]) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "<!-- Generated from lints/*.toml by `UPDATE_DOCS=1 cargo test --test integration docs::`; do not edit. -->\n"
    );
    // The reference quotes the very phrases the rules flag; the file-wide directive keeps a
    // repository that lints its docs (this one included) from failing on it.
    let _ = writeln!(
        md,
        "<!-- healthlint-disable-file -- the rule reference quotes the phrases it describes -->\n"
    );
    let _ = writeln!(md, "# Rules\n");
    let _ = writeln!(
        md,
        "Every rule healthlint ships, grouped by pack. `healthlint rule ID` prints the same text \
         in a terminal. Rules of packs marked *off by default* run only when the pack is listed \
         in `enable-packs`.\n"
    );
    let _ = writeln!(
        md,
        "| Rule | Category | Default severity | What it flags |\n| --- | --- | --- | --- |"
    );
    for file in packs {
        for spec in &file.rules {
            let off = if spec.on_by_default(&file.pack) {
                ""
            } else {
                " (off by default)"
            };
            let _ = writeln!(
                md,
                "| [`{}`](#{}){off} | {} | {} | {} |",
                rule_id(&file.pack, spec),
                anchor(&file.pack, spec),
                spec.category,
                spec.severity,
                summary(spec).replace('|', "\\|")
            );
        }
    }
    md.push('\n');
    for file in packs {
        let pack = &file.pack;
        let _ = writeln!(md, "<a id=\"pack-{}\"></a>\n", pack.name);
        let _ = writeln!(md, "## Pack `{}` ({})\n", pack.name, pack_state(file));
        let _ = writeln!(md, "{}\n", pack.description);
        for spec in &file.rules {
            let _ = writeln!(md, "<a id=\"{}\"></a>\n", anchor(pack, spec));
            md.push_str(&rule_markdown(pack, spec, 3));
            md.push('\n');
        }
    }
    end_with_one_newline(&mut md);
    md
}

/// One trailing newline, as editors and `git diff` expect.
/// `lints/rates.toml`: how often each rule fires on real text, measured by
/// `scripts/rule-rates.py`.
#[derive(Debug, Default, serde::Deserialize)]
struct Rates {
    #[serde(default)]
    sets: BTreeMap<String, String>,
    #[serde(default)]
    rates: BTreeMap<String, BTreeMap<String, f64>>,
}

fn rates() -> &'static Rates {
    static RATES: OnceLock<Rates> = OnceLock::new();
    RATES.get_or_init(|| toml::from_str(include_str!("../lints/rates.toml")).unwrap_or_default())
}

/// The measured firing rates of rule `id`, one line per text set, so users see its precision.
fn measured(id: &str) -> String {
    let rates = rates();
    if rates.sets.is_empty() {
        return "Not measured yet (`scripts/rule-rates.py`).".to_string();
    }
    let per_set = rates.rates.get(id);
    let mut lines =
        vec!["Findings per 10,000 words, measured by `scripts/rule-rates.py`:\n".to_string()];
    for (key, description) in &rates.sets {
        let rate = per_set.and_then(|r| r.get(key)).copied().unwrap_or(0.0);
        lines.push(format!("- {rate:.2} on {description}"));
    }
    lines.join("\n")
}

/// A claim selector in words: "universal claims; agents: product, alternative".
fn describe_claims(claim: &crate::rules::pack::ClaimSelector) -> String {
    fn list<T: serde::Serialize>(items: &[T]) -> String {
        let names: Vec<String> = (items.iter())
            .filter_map(|i| serde_json::to_value(i).ok())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        names.join(", ")
    }
    let mut parts = Vec::new();
    if claim.headline {
        parts.push("in a title or heading".to_string());
    }
    if let Some(u) = claim.universal {
        parts.push(
            if u {
                "universal claims"
            } else {
                "non-universal claims"
            }
            .to_string(),
        );
    }
    if let Some(b) = claim.boosted {
        parts.push(
            if b {
                "presented as settled"
            } else {
                "not presented as settled"
            }
            .to_string(),
        );
    }
    for (name, value) in [
        ("effect strengths", list(&claim.strengths)),
        ("agents", list(&claim.agents)),
        ("targets", list(&claim.targets)),
    ] {
        if !value.is_empty() {
            parts.push(format!("{name}: {value}"));
        }
    }
    if parts.is_empty() {
        return "every claim".to_string();
    }
    parts.join("; ")
}

fn end_with_one_newline(md: &mut String) {
    md.truncate(md.trim_end().len());
    md.push('\n');
}

/// The id nearest to `query`, for "did you mean". A bare rule name (`miracle-language`) is
/// compared with the name half of each id, so it finds its pack.
pub fn closest_id<'a>(query: &str, ids: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    crate::suggest::closest_by(query, ids, |id| {
        id.split_once('/').map_or(id, |(_, name)| name)
    })
}

/// A fenced code block, one item a line.
fn fence<'a>(md: &mut String, lang: &str, lines: impl Iterator<Item = &'a String>) {
    let _ = writeln!(md, "```{lang}");
    for line in lines {
        let _ = writeln!(md, "{line}");
    }
    let _ = writeln!(md, "```\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_id_prefers_the_nearest_and_finds_bare_names() {
        let ids = ["hype/miracle-language", "absolutes/cure-claim"];
        assert_eq!(
            closest_id("hype/miracle-languag", ids),
            Some("hype/miracle-language")
        );
        assert_eq!(
            closest_id("miracle-language", ids),
            Some("hype/miracle-language")
        );
        assert_eq!(closest_id("cure-claims", ids), Some("absolutes/cure-claim"));
        assert_eq!(closest_id("zzz", ids), None);
    }
}
