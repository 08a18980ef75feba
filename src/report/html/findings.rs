//! The detail of each finding: what is wrong, how to say it better, the rule, the citation
//! status of its sentence and, when suppressed, the writer's reason. Written once per finding in
//! the article's list; the page's popover shows a copy of the same element, so the two never
//! disagree and the page reads completely without script.

use std::fmt::Write;

use super::citation::Status;
use super::escape::{escape, slug};
use super::highlight::icon;
use super::FindingRef;
use crate::diagnostic::Category;
use crate::report::Position;

/// One list item. `documented` says whether the rule's explanation is in the page to link to.
pub fn item(
    out: &mut String,
    f: &FindingRef<'_>,
    at: Position,
    citation: &Status,
    documented: bool,
) {
    let finding = f.finding;
    let id = &f.id;
    let _ = write!(
        out,
        r#"<li class="finding" id="d-{id}" data-id="{id}" data-sev="{sev}" data-cat="{cat}" data-rule="{rule}"{sup}>"#,
        sev = finding.severity,
        cat = finding.category,
        rule = escape(&finding.rule),
        sup = if finding.is_suppressed() {
            r#" data-sup="""#
        } else {
            ""
        },
    );
    out.push_str(r#"<div class="detail"><p class="d-head">"#);
    let _ = write!(
        out,
        r#"<span class="sev" data-sev="{sev}"><span aria-hidden="true">{icon}</span> {label}</span> <span class="cat">{cat}</span> "#,
        sev = finding.severity,
        icon = icon(finding.severity),
        label = capitalised(finding.severity.as_str()),
        cat = finding.category,
    );
    if documented {
        let _ = write!(
            out,
            r##"<a class="rule" href="#rule-{}"><code>{}</code></a>"##,
            slug(&finding.rule),
            escape(&finding.rule)
        );
    } else {
        let _ = write!(
            out,
            r#"<code class="rule">{}</code>"#,
            escape(&finding.rule)
        );
    }
    let _ = write!(
        out,
        r#" <span class="pos">line {}, column {}</span></p>"#,
        at.line, at.column
    );
    let _ = write!(
        out,
        r#"<p class="d-msg" id="m-{id}">{}</p>"#,
        escape(&finding.message)
    );
    if !finding.help.is_empty() {
        let _ = write!(
            out,
            r#"<p class="d-help"><strong>Better:</strong> {}</p>"#,
            escape(&finding.help)
        );
    }
    if !finding.suggestions.is_empty() {
        out.push_str(r#"<p class="d-try"><strong>Try:</strong> "#);
        for (i, suggestion) in finding.suggestions.iter().enumerate() {
            if i > 0 {
                out.push_str(" · ");
            }
            let _ = write!(out, "<q>{}</q>", escape(suggestion));
        }
        out.push_str("</p>");
    }
    out.push_str(r#"<p class="d-cite"><strong>Citation:</strong> "#);
    match citation {
        // A structure finding is about citation markup itself (a footnote label, a malformed
        // DOI, a comment): whether its sentence cites something answers nothing.
        _ if finding.category == Category::Structure => {
            out.push_str("not applicable (a finding about the markup itself)")
        }
        Status::Cited(found) => {
            out.push_str("attached to this sentence: ");
            for (i, citation) in found.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "<code>{}</code>", escape(citation));
            }
        }
        Status::Uncited => out.push_str("none attached to this sentence"),
        Status::NotInSentence => out.push_str("not applicable (the finding is not in a sentence)"),
    }
    out.push_str("</p>");
    if let Some(suppression) = &finding.suppression {
        out.push_str(r#"<p class="d-sup"><strong>Suppressed</strong> in the file: "#);
        match &suppression.reason {
            Some(reason) => {
                let _ = write!(out, "{}", escape(reason));
            }
            None => out.push_str("no reason given"),
        }
        out.push_str("</p>");
    }
    let _ = write!(
        out,
        r#"<p class="d-flagged">Flagged text: <q>{}</q></p></div><button type="button" class="goto" data-f="{id}">Show in the text</button></li>"#,
        escape(&finding.text)
    );
    out.push('\n');
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
