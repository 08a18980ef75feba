//! Project configuration: `healthlint.toml` (or `.healthlint.toml`), found next to each linted
//! file or above it, or named with `--config`.
//!
//! ```toml
//! select = ["absolutes", "hype"]            # rules by id, pack (`absolutes`, `absolutes/*`) or category
//! ignore = ["hype/hope-language"]           # ignore wins over select
//! enable-packs = ["regulatory"]             # switch on off-by-default packs
//! packs = ["house-style/claims.toml"]       # the organisation's own packs, relative to this file
//! exclude = ["drafts/**", "CHANGELOG.md"]   # gitignore-style, relative to this file
//! allow-phrases = ["clinically proven to reduce plaque"]
//! front-matter-fields = ["lede"]            # more front matter fields that are prose
//!
//! max-file-size = "10MB"                   # skip larger files (bytes, or KB/MB/GB of 1,024)
//! online = true                            # look cited identifiers up in their registries
//! retractions = "retraction_watch.csv"      # a newer Retraction Watch CSV, relative to this file
//!
//! [sources]                                 # added to the tiers of lints/sources.toml
//! low-credibility = ["example-wellness.com"]
//!
//! [severity]
//! "absolutes/cure-claim" = "error"          # id beats pack beats category
//! "hype" = "info"
//!
//! [[overrides]]
//! files = ["patient-leaflets/**"]
//! severity = { "absolutes/*" = "error" }
//! ```
//!
//! The pipeline: [`discover`] finds and parses each file's config (cached per directory) and
//! answers "is this path excluded"; [`resolve`] checks every selector against the compiled rules
//! once, then turns (config, matching overrides) into a [`resolve::Policy`], cached, which is all
//! the linter looks at per file.

pub mod command_line;
pub mod discover;
pub mod error;
pub mod facts;
pub mod resolve;

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::context::citations::sources::Tier;
use crate::diagnostic::{Category, Severity};
use crate::rules::RuleSet;

pub use command_line::CommandLine;
pub use discover::{Discovery, Source};
pub use error::ConfigError;
pub use resolve::{prepare, Policy, Resolver};

/// The file names a config may have, in the order they are looked for in one directory.
pub const FILE_NAMES: &[&str] = &["healthlint.toml", ".healthlint.toml"];

/// A list of strings, each remembering where it was written so errors can point at it.
pub type SpannedList = Vec<Spanned<String>>;

/// One layer of settings: the top level of a config file, or one `[[overrides]]` entry.
///
/// Both share one schema so they are read, checked and applied by the same code; the keys that
/// only make sense in one place (`files` in overrides; `packs`, `exclude`, `overrides` at the top
/// level) are spanned so [`Settings::misplaced`] can point at them.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// Overrides only: gitignore-style globs (relative to the config's directory) of the files
    /// the override applies to.
    #[schemars(with = "Option<Vec<String>>")]
    pub files: Option<Spanned<SpannedList>>,
    /// Rules to run; absent means every rule of the enabled packs. In an override it replaces
    /// the selection made so far for its files.
    #[schemars(with = "Option<Vec<String>>")]
    pub select: Option<SpannedList>,
    /// Rules not to run, removed from whatever is selected; ignore wins over select.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ignore: SpannedList,
    /// Severity per selector; the most specific selector wins (rule id, then pack, then
    /// category), and within one level the entry written last.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Severity>")]
    pub severity: BTreeMap<Spanned<String>, Severity>,
    /// Off-by-default packs to switch on.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub enable_packs: SpannedList,
    /// Phrases (pattern syntax) the organisation allows: a finding overlapping one in the same
    /// sentence is dropped.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub allow_phrases: SpannedList,
    /// Front matter fields, besides `title`, `description`, `summary`, `subtitle` and
    /// `excerpt`, whose values readers see and so are linted as prose.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub front_matter_fields: SpannedList,
    /// Top level only: the organisation's own packs, paths relative to the config file.
    #[schemars(with = "Option<Vec<String>>")]
    pub packs: Option<Spanned<SpannedList>>,
    /// Top level only: gitignore-style globs of files and directories not to walk.
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Spanned<SpannedList>>,
    /// Top level only: web domains to add to (or move between) the source tiers of
    /// `lints/sources.toml`, by tier: `low-credibility = ["example-wellness.com"]`.
    #[serde(default)]
    #[schemars(schema_with = "crate::schema::keyed_by::<Tier, Vec<String>>")]
    pub sources: Option<Spanned<BTreeMap<Tier, Vec<String>>>>,
    /// Top level only: words added to the claim lexicon's classes (same keys as
    /// `lints/lexicon.toml`): `[lexicon.agents] product = ["glucorin"]`.
    #[schemars(with = "Option<crate::claims::lexicon::LexiconFile>")]
    pub lexicon: Option<Spanned<crate::claims::lexicon::LexiconFile>>,
    /// Top level only: settings applied on top for matching files, later ones winning.
    #[schemars(with = "Option<Vec<Settings>>")]
    pub overrides: Option<Spanned<Vec<Settings>>>,
    /// Top level only: look cited identifiers up in their registries (as `--online`).
    #[schemars(with = "Option<bool>")]
    pub online: Option<Spanned<bool>>,
    /// Top level only: a Retraction Watch CSV (as Crossref publishes it), relative to the
    /// config file, consulted before the compiled-in data.
    #[schemars(with = "Option<String>")]
    pub retractions: Option<Spanned<String>>,
    /// Top level only: where and how online lookups are made.
    #[schemars(with = "Option<Lookups>")]
    pub lookups: Option<Spanned<Lookups>>,
    /// Top level only: files larger than this are skipped (reported, exit code 2), for the
    /// files this config governs; `--max-file-size` wins. Default: 10 MB.
    #[schemars(with = "Option<crate::source::ByteSize>")]
    pub max_file_size: Option<Spanned<crate::source::ByteSize>>,
}

/// `[lookups]`: registry base URLs (for mirrors and tests), the answer cache and time-outs.
#[derive(Debug, Default, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lookups {
    pub doi_url: Option<String>,
    pub crossref_url: Option<String>,
    pub eutils_url: Option<String>,
    pub clinicaltrials_url: Option<String>,
    /// Relative to the config file.
    pub cache_dir: Option<String>,
    pub cache_days: Option<u64>,
    pub timeout_seconds: Option<f64>,
    pub concurrency: Option<usize>,
}

impl Settings {
    /// Parses a config file's text.
    pub fn parse(text: &str) -> Result<Settings, toml::de::Error> {
        toml::from_str(text)
    }

    /// The first key written where it has no meaning, as (key, span, why).
    pub fn misplaced(&self) -> Option<(&'static str, std::ops::Range<usize>, &'static str)> {
        const TOP: &str = "this key only has a meaning at the top level of the config";
        if let Some(files) = &self.files {
            let why =
                "`files` belongs in an `[[overrides]]` entry; at the top level every file is \
                       already covered";
            return Some(("files", files.span(), why));
        }
        for layer in self.override_layers() {
            if layer.files.is_none() {
                let span = layer.first_span().unwrap_or(0..0);
                return Some((
                    "files",
                    span,
                    "every `[[overrides]]` entry needs `files = [...]`",
                ));
            }
            let top_only = [
                ("packs", layer.packs.as_ref().map(Spanned::span)),
                ("exclude", layer.exclude.as_ref().map(Spanned::span)),
                ("sources", layer.sources.as_ref().map(Spanned::span)),
                ("online", layer.online.as_ref().map(Spanned::span)),
                ("retractions", layer.retractions.as_ref().map(Spanned::span)),
                ("lookups", layer.lookups.as_ref().map(Spanned::span)),
                (
                    "max-file-size",
                    layer.max_file_size.as_ref().map(Spanned::span),
                ),
                ("overrides", layer.overrides.as_ref().map(Spanned::span)),
            ];
            if let Some((key, Some(span))) = top_only.into_iter().find(|(_, s)| s.is_some()) {
                return Some((key, span, TOP));
            }
        }
        None
    }

    /// The `[[overrides]]` entries, in file order.
    pub fn override_layers(&self) -> &[Settings] {
        self.overrides.as_ref().map_or(&[], |o| o.get_ref())
    }

    /// Where the first key of this layer was written, to point at an override missing `files`.
    fn first_span(&self) -> Option<std::ops::Range<usize>> {
        self.select
            .iter()
            .flatten()
            .chain(&self.ignore)
            .chain(self.severity.keys())
            .chain(&self.enable_packs)
            .chain(&self.allow_phrases)
            .chain(&self.front_matter_fields)
            .map(Spanned::span)
            .min_by_key(|s| s.start)
    }
}

/// A way of naming rules, shared by config keys and inline suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// One rule by id: `absolutes/cure-claim`.
    Rule(String),
    /// Every rule of a pack: `absolutes/*`, or `absolutes` when that is not a category.
    Pack(String),
    /// Every rule of a category: `hype`, `absolute`, `citation`, …
    Category(Category),
}

impl Selector {
    /// Reads a selector, checking it names something in `rules`. A bare name is a category when
    /// it is one (so `hype` is the category, `hype/*` the pack), otherwise a pack. The error
    /// says what was wrong and, when something close exists, what was probably meant.
    pub fn parse(text: &str, rules: &RuleSet) -> Result<Selector, UnknownSelector> {
        let packs = || rules.rules().iter().map(|r| r.pack.as_str());
        let unknown = |kind: &'static str, candidates: Vec<String>| UnknownSelector {
            text: text.to_string(),
            kind,
            suggestion: error::closest(text, candidates.iter().map(String::as_str))
                .map(str::to_string),
        };
        if let Some(pack) = text.strip_suffix("/*") {
            return if packs().any(|p| p == pack) {
                Ok(Selector::Pack(pack.to_string()))
            } else {
                Err(unknown("pack", packs().map(|p| format!("{p}/*")).collect()))
            };
        }
        if text.contains('/') {
            return if rules.get(text).is_some() {
                Ok(Selector::Rule(text.to_string()))
            } else {
                Err(unknown(
                    "rule",
                    rules.rules().iter().map(|r| r.id.to_string()).collect(),
                ))
            };
        }
        if let Some(category) = Category::ALL.into_iter().find(|c| c.as_str() == text) {
            return Ok(Selector::Category(category));
        }
        if packs().any(|p| p == text) {
            return Ok(Selector::Pack(text.to_string()));
        }
        let names = Category::ALL.iter().map(|c| c.as_str().to_string());
        Err(unknown(
            "rule, pack or category",
            names.chain(packs().map(str::to_string)).collect(),
        ))
    }

    /// Whether the rule with this id and category is one this selector names.
    pub fn matches(&self, id: &str, category: Category) -> bool {
        match self {
            Selector::Rule(rule) => rule == id,
            Selector::Pack(pack) => id.split_once('/').is_some_and(|(p, _)| p == pack),
            Selector::Category(c) => *c == category,
        }
    }

    /// How specific the selector is: a rule id beats a pack beats a category.
    pub fn specificity(&self) -> u8 {
        match self {
            Selector::Rule(_) => 3,
            Selector::Pack(_) => 2,
            Selector::Category(_) => 1,
        }
    }
}

/// A selector that names no known rule, pack or category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector {
    pub text: String,
    /// What the text looked like it meant: "rule", "pack", or "rule, pack or category".
    pub kind: &'static str,
    /// The closest known name, if any is close.
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a known {}", self.text, self.kind)
    }
}

impl UnknownSelector {
    /// "did you mean `…`?", when there is a close name.
    pub fn did_you_mean(&self) -> Option<String> {
        self.suggestion
            .as_ref()
            .map(|s| format!("did you mean `{s}`?"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{load_builtin_packs, RuleSet};

    fn rules() -> RuleSet {
        RuleSet::compile(&load_builtin_packs().unwrap()).unwrap()
    }

    #[test]
    fn selectors_by_id_pack_glob_and_category() {
        let rules = rules();
        let parse = |s| Selector::parse(s, &rules);
        assert_eq!(
            parse("absolutes/cure-claim"),
            Ok(Selector::Rule("absolutes/cure-claim".into()))
        );
        assert_eq!(parse("absolutes"), Ok(Selector::Pack("absolutes".into())));
        assert_eq!(parse("absolutes/*"), Ok(Selector::Pack("absolutes".into())));
        assert_eq!(parse("hype"), Ok(Selector::Category(Category::Hype)));
        assert_eq!(parse("hype/*"), Ok(Selector::Pack("hype".into())));
        assert_eq!(
            parse("citation"),
            Ok(Selector::Category(Category::Citation))
        );

        let pack = Selector::Pack("absolutes".into());
        assert!(pack.matches("absolutes/cure-claim", Category::Absolute));
        assert!(!pack.matches("hype/miracle-language", Category::Hype));
        assert!(!pack.matches("absolutesx/y", Category::Absolute));
        assert!(Selector::Category(Category::Hype).matches("x/y", Category::Hype));
    }

    #[test]
    fn unknown_selectors_suggest_the_closest_name() {
        let rules = rules();
        let err = Selector::parse("absolutes/cure-claims", &rules).unwrap_err();
        assert_eq!(err.kind, "rule");
        assert_eq!(err.suggestion.as_deref(), Some("absolutes/cure-claim"));
        let err = Selector::parse("absolute/*", &rules).unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("absolutes/*"));
        let err = Selector::parse("hyp", &rules).unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("hype"));
        let err = Selector::parse("zzzz", &rules).unwrap_err();
        assert_eq!(err.suggestion, None);
    }

    #[test]
    fn keys_in_the_wrong_place_are_found() {
        let top = Settings::parse("files = [\"a\"]").unwrap();
        assert_eq!(top.misplaced().map(|m| m.0), Some("files"));
        let nested = Settings::parse("[[overrides]]\nfiles = [\"a\"]\nexclude = [\"b\"]").unwrap();
        assert_eq!(nested.misplaced().map(|m| m.0), Some("exclude"));
        let missing = Settings::parse("[[overrides]]\nignore = [\"hype\"]").unwrap();
        let (key, span, _) = missing.misplaced().unwrap();
        assert_eq!((key, span), ("files", 24..30));
    }
}
