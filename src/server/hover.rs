//! Hover on a flagged phrase: the finding, then its rule's full documentation, the same
//! Markdown `healthlint rule ID` prints (what it flags, why, better wording, references).

use std::sync::LazyLock;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::position::Positions;
use crate::diagnostic::Finding;
use crate::docs;
use crate::lint::Linter;
use crate::rules::load_builtin_packs;
use crate::rules::pack::{PackFile, PackMeta};

/// The built-in packs' metadata (whether a pack is on by default), for the documentation.
static BUILTIN: LazyLock<Vec<PackFile>> =
    LazyLock::new(|| load_builtin_packs().unwrap_or_default());

/// The hover for the findings under byte `offset`, if any.
pub fn hover(
    findings: &[Finding],
    offset: usize,
    positions: &Positions,
    linter: &Linter,
) -> Option<Hover> {
    let under: Vec<&Finding> = findings
        .iter()
        .filter(|f| !f.is_suppressed() && f.span.start <= offset && offset <= f.span.end)
        .collect();
    let first = under.first()?;
    let sections: Vec<String> = under
        .iter()
        .map(|finding| {
            let mut section = format!("**{}**\n\n", finding.message);
            if let Some(rule) = linter.rules().get(&finding.rule) {
                let builtin = BUILTIN.iter().find(|p| p.pack.name == rule.pack);
                let own = PackMeta {
                    name: rule.pack.clone(),
                    description: String::new(),
                    enabled: true,
                };
                let pack = builtin.map_or(&own, |p| &p.pack);
                section.push_str(&docs::rule_markdown(pack, &rule.spec, 3));
            }
            section
        })
        .collect();
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n---\n\n"),
        }),
        range: Some(positions.range(first.span.clone())),
    })
}
