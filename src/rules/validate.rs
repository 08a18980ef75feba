//! What keeps a pack honest, checked when it loads, for built-in and user packs alike: names a
//! rule id can be built from, each rule once, examples to test it by, and expressions the engine
//! that runs them accepts and that cannot match nothing. Each problem points at its spot in the
//! pack's TOML.

use std::collections::HashSet;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::pack::{PackFile, RuleSpec};
use super::{examples, matcher, pattern, PackError};

/// How much to check. Rendering and compiling every expression of every built-in pack on every
/// run would cost more than linting a file, so built-in packs get the cheap checks at run time
/// and the full ones in their tests; user packs always get the full ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Names,
    Expressions,
}

/// Every problem of a parsed pack, in file order.
pub fn validate(source_name: &str, text: &str, file: &PackFile, depth: Depth) -> Vec<PackError> {
    // Parsed again for spans only when there is a problem to point at: a second parse of every
    // built-in pack was a tenth of a run on an empty file.
    let locator = std::cell::OnceCell::new();
    let mut problems = Vec::new();
    let mut report = |path: &[Key], message: String| {
        problems.push(PackError {
            source_name: source_name.to_string(),
            message,
            span: locator.get_or_init(|| Locator::new(text)).span(path),
        });
    };
    let pack = &file.pack.name;
    if !is_kebab_case(pack) {
        report(
            &[Key::Name("pack"), Key::Name("name")],
            format!("pack name `{pack}` must be kebab-case (lower-case words joined by `-`), as it starts every rule id"),
        );
    }
    let mut seen = HashSet::new();
    for (index, rule) in file.rules.iter().enumerate() {
        let at = |key: &'static str| [Key::Name("rule"), Key::Index(index), Key::Name(key)];
        let id = format!("{pack}/{}", rule.name);
        if !is_kebab_case(&rule.name) {
            report(
                &at("name"),
                format!(
                    "rule name `{}` must be kebab-case (lower-case words joined by `-`)",
                    rule.name
                ),
            );
        }
        if !seen.insert(rule.name.as_str()) {
            report(
                &at("name"),
                format!("rule `{id}` is defined twice; rule ids must be unique, so rename one"),
            );
        }
        if rule.fire.is_empty() {
            report(
                &at("fire"),
                format!("rule `{id}` needs at least one `fire` example: a sentence it must flag"),
            );
        }
        if rule.quiet.is_empty() {
            report(&at("quiet"), format!("rule `{id}` needs at least one `quiet` example: a sentence it must leave alone"));
        }
        for (i, example) in rule.fire.iter().enumerate() {
            if let Err(e) = examples::Example::parse(example) {
                report(
                    &[at("fire")[0], at("fire")[1], at("fire")[2], Key::Index(i)],
                    format!("rule `{id}`: {e}"),
                );
            }
        }
        for (i, example) in rule.quiet.iter().enumerate() {
            if example.contains("{{") {
                report(
                    &[at("quiet")[0], at("quiet")[1], at("quiet")[2], Key::Index(i)],
                    format!("rule `{id}`: a `quiet` example has no span to mark; remove the `{{{{ }}}}`"),
                );
            }
        }
        if depth == Depth::Expressions {
            for (key, i, message) in expression_problems(rule) {
                report(
                    &[
                        Key::Name("rule"),
                        Key::Index(index),
                        Key::Name(key),
                        Key::Index(i),
                    ],
                    format!("rule `{id}`: {message}"),
                );
            }
        }
    }
    problems
}

/// Each expression of a rule that its engine refuses or that can match the empty string, as
/// (key, index in the key's list, why).
fn expression_problems(rule: &RuleSpec) -> Vec<(&'static str, usize, String)> {
    let mut problems = Vec::new();
    let phrase_lists: [(&'static str, &[String]); 5] = [
        ("patterns", &rule.patterns),
        ("exceptions", &rule.exceptions),
        ("requires", &rule.requires),
        ("unless", &rule.unless),
        ("unless-in-sentence", &rule.unless_in_sentence),
    ];
    for (key, list) in phrase_lists {
        for (i, phrase) in list.iter().enumerate() {
            let checked = match pattern::compile(std::slice::from_ref(phrase)) {
                Err(e) => Err(e.reason),
                Ok(p) if p.matches_empty() => Err(matcher::MATCHES_EMPTY.into()),
                Ok(_) => Ok(()),
            };
            if let Err(why) = checked {
                problems.push((key, i, format!("pattern `{phrase}`: {why}")));
            }
        }
    }
    for (i, raw) in rule.regex.iter().enumerate() {
        if let Err(why) = check_expression(raw) {
            problems.push(("regex", i, format!("regex `{raw}`: {why}")));
        }
    }
    problems
}

/// An expression checked as the rule engine will run it: parsed with its syntax settings,
/// refused if it can match nothing, and compiled.
fn check_expression(expression: &str) -> Result<(), String> {
    matcher::check_syntax(expression)?;
    matcher::compile(expression).map(|_| ())
}

/// Lower-case ASCII words of letters and digits joined by single hyphens.
pub fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A step of a path into a TOML document.
#[derive(Debug, Clone, Copy)]
enum Key {
    Name(&'static str),
    Index(usize),
}

/// Finds where a value sits in a pack's TOML, so an error can point at it.
struct Locator<'a> {
    root: Option<Spanned<DeValue<'a>>>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Locator<'a> {
        let root = DeTable::parse(text).ok().map(|table| {
            let span = table.span();
            Spanned::new(span, DeValue::Table(table.into_inner()))
        });
        Locator { root }
    }

    /// The span of the deepest value along `path` that exists (a missing list item points at
    /// its list).
    fn span(&self, path: &[Key]) -> Option<Range<usize>> {
        let mut value = self.root.as_ref()?;
        let mut span = None;
        for key in path {
            let next = match key {
                Key::Name(name) => value.get_ref().get(*name),
                Key::Index(i) => value.get_ref().get(*i),
            };
            match next {
                Some(next) => {
                    value = next;
                    span = Some(next.span());
                }
                None => break,
            }
        }
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = r#"
[[rule]]
name = "NAME"
category = "hype"
severity = "warning"
message = "m"
help = "h"
rationale = "r"
references = ["x"]
patterns = [PATTERNS]
fire = ["It is a miracle."]
quiet = ["It works."]
"#;

    fn pack(rules: &[(&str, &str)]) -> String {
        let mut text = "[pack]\nname = \"house\"\ndescription = \"d\"\n".to_string();
        for (name, patterns) in rules {
            text += &RULE.replace("NAME", name).replace("PATTERNS", patterns);
        }
        text
    }

    fn problems(text: &str) -> Vec<(String, String)> {
        let file: PackFile = toml::from_str(text).expect("parses");
        validate("house.toml", text, &file, Depth::Expressions)
            .into_iter()
            .map(|e| (e.message, text[e.span.expect("located")].to_string()))
            .collect()
    }

    #[test]
    fn duplicate_and_badly_cased_names_point_at_the_name() {
        let text = pack(&[
            ("miracle", "\"miracle\""),
            ("miracle", "\"cure\""),
            ("Bad_Name", "\"x\""),
        ]);
        let found = problems(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].0.contains("`house/miracle` is defined twice"));
        assert_eq!(found[0].1, "\"miracle\"");
        assert!(found[1].0.contains("kebab-case"));
        assert_eq!(found[1].1, "\"Bad_Name\"");
    }

    #[test]
    fn expressions_that_match_nothing_or_do_not_compile_are_refused() {
        let text = pack(&[("a", "\"miracle\", \"(very|really)?\"")]);
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .0
            .contains("rule `house/a`: pattern `(very|really)?`"));
        assert!(found[0].0.contains("empty string"));
        assert_eq!(found[0].1, "\"(very|really)?\"");
        let text = pack(&[("b", "\"x\"")]).replace("patterns = [\"x\"]", "regex = ['a*', '(']");
        let found = problems(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].1.as_str(), found[1].1.as_str()), ("'a*'", "'('"));
    }

    #[test]
    fn examples_are_required_and_marks_checked() {
        let text = pack(&[("a", "\"miracle\"")])
            .replace("fire = [\"It is a miracle.\"]", "fire = []")
            .replace("quiet = [\"It works.\"]", "quiet = [\"It {{works}}.\"]");
        let found = problems(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].0.contains("at least one `fire` example"));
        assert!(found[1].0.contains("no span to mark"));
    }

    #[test]
    fn kebab_case() {
        assert!(is_kebab_case("cure-claim") && is_kebab_case("p2-value"));
        assert!(!is_kebab_case("Cure") && !is_kebab_case("a--b") && !is_kebab_case("-a"));
    }
}
