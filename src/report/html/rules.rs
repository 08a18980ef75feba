//! The explanation of every rule with a finding in the report, embedded so the page works
//! offline: what the rule flags, why, its references, better phrasing and examples, from the
//! same pack data as `healthlint rule ID` and `docs/rules.md`.

use std::fmt::Write;

use super::escape::{escape, slug};
use crate::docs;
use crate::rules::examples::Example;
use crate::rules::RuleSet;

/// The section, for rule ids in display order; rules the rule set does not know (none in a
/// real run) are left out, and findings then name them without a link.
pub fn section(out: &mut String, ids: &[&str], rules: &RuleSet) {
    out.push_str(
        r#"<section id="rules" aria-labelledby="rules-h"><h2 id="rules-h">Rules in this report</h2>
<p>What each rule flags and why, as <code>healthlint rule ID</code> explains it.</p>
"#,
    );
    for id in ids {
        let Some(rule) = rules.get(id) else {
            continue;
        };
        let spec = &rule.spec;
        let anchor = format!("rule-{}", slug(id));
        let _ = write!(
            out,
            r#"<article class="rule" id="{anchor}" aria-labelledby="{anchor}-h"><h3 id="{anchor}-h"><code>{}</code></h3>
<p class="meta">Category: {} · Default severity: {}</p>
<h4>What it flags</h4><p>{}</p>
<h4>Why</h4><p>{}</p>
"#,
            escape(id),
            spec.category,
            spec.severity,
            escape(&docs::summary(spec)),
            escape(&spec.rationale),
        );
        list(out, "References", &spec.references);
        let _ = writeln!(out, "<h4>Better phrasing</h4><p>{}</p>", escape(&spec.help));
        if !spec.suggestions.is_empty() {
            let quoted: Vec<String> = spec
                .suggestions
                .iter()
                .map(|s| format!("<q>{}</q>", escape(s)))
                .collect();
            let _ = writeln!(out, "<p>Suggested wording: {}</p>", quoted.join(" · "));
        }
        // `{{…}}` marks where the rule must fire, for the tests; readers see the plain sentence.
        let fire: Vec<String> = spec.fire.iter().map(|e| Example::plain(e)).collect();
        list(out, "Fires on", &fire);
        list(out, "Stays quiet on", &spec.quiet);
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

fn list(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = write!(out, "<h4>{title}</h4><ul>");
    for item in items {
        let _ = write!(out, "<li>{}</li>", escape(item));
    }
    out.push_str("</ul>\n");
}
