//! From configs to per-file policies.
//!
//! Expensive work happens once per run: every pack (built-in, optional and the users' own) is
//! compiled into one [`RuleSet`], and every selector, pack name and allowed phrase of every
//! config is checked against it up front, so a typo is an error before anything is linted. Per
//! file, only a [`Policy`] is looked up: which rules are on and at what severity, cached per
//! (config, set of matching overrides), so files that share settings share one table.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use toml::Spanned;

use super::discover::{absolute, Config, Discovery};
use super::error::closest;
use super::{CommandLine, ConfigError, Selector, Settings};
use crate::context::citations::sources::SourceTiers;
use crate::diagnostic::{Category, Severity};
use crate::rules::pack::PackFile;
use crate::rules::phrase::Phrase;
use crate::rules::{self, pattern, RuleSet};

/// Which rules run on one file, at what severity, and which phrases are allowed.
#[derive(Debug)]
pub struct Policy {
    /// Indexed like [`RuleSet::rules`]: the severity findings of the rule get, `None` when off.
    levels: Vec<Option<Severity>>,
    /// The union of the allowed phrases that apply.
    allowed: Option<Phrase>,
    /// Front matter fields that are prose besides the built-in ones.
    front_matter_fields: Vec<String>,
}

impl Policy {
    /// Every rule in the set on at its default severity; what a bare [`crate::lint::Linter`]
    /// uses, e.g. to test each rule's own examples.
    pub fn everything(rules: &RuleSet) -> Policy {
        Policy {
            levels: rules.rules().iter().map(|r| Some(r.severity())).collect(),
            allowed: None,
            front_matter_fields: Vec::new(),
        }
    }

    /// Front matter fields that are prose besides `title`, `description`, `summary`,
    /// `subtitle` and `excerpt`.
    pub fn front_matter_fields(&self) -> &[String] {
        &self.front_matter_fields
    }

    /// The severity of the rule at `index` in the rule set, or `None` when it is off.
    /// Only the rule at `index`, at its default severity: how a rule's own examples are tested,
    /// so that another rule on the same words does not stand in for it.
    pub fn only(rules: &RuleSet, index: usize) -> Policy {
        let mut policy = Policy::everything(rules);
        for (i, level) in policy.levels.iter_mut().enumerate() {
            if i != index {
                *level = None;
            }
        }
        policy
    }

    pub fn level(&self, index: usize) -> Option<Severity> {
        self.levels.get(index).copied().flatten()
    }

    /// Whether an allowed phrase overlaps `span` in `sentence`.
    pub fn allows(&self, sentence: &str, span: &Range<usize>) -> bool {
        self.allowed.as_ref().is_some_and(|phrase| {
            (phrase.find_all(sentence).iter()).any(|m| m.start < span.end && span.start < m.end)
        })
    }
}

/// Everything configuration decides before linting starts, once the walk has found `files`:
/// the configs governing them, loaded and checked, and every pack compiled into one rule set.
pub fn prepare(
    discovery: &Discovery,
    files: &[PathBuf],
    cli: &CommandLine,
) -> Result<(RuleSet, Resolver), ConfigError> {
    let configs = discovery.finish(files)?;
    let packs = load_packs(&configs)?;
    let rules = compile(&packs)?;
    let resolver = Resolver::new(&rules, &packs, cli, &configs)?;
    Ok((rules, resolver))
}

/// A pack with, for a user pack, the file it came from (to point errors into it).
#[derive(Debug)]
pub struct LoadedPack {
    pub file: PackFile,
    pub origin: Option<(PathBuf, String)>,
}

/// Every pack of the run: the built-in ones, then each config's `packs` (each file once).
pub fn load_packs(configs: &[Arc<Config>]) -> Result<Vec<LoadedPack>, ConfigError> {
    let builtin = rules::load_builtin_packs().map_err(|e| builtin_error(&e))?;
    let mut packs: Vec<LoadedPack> = builtin
        .into_iter()
        .map(|file| LoadedPack { file, origin: None })
        .collect();
    let mut seen = HashSet::new();
    for config in configs {
        let entries = config
            .settings
            .packs
            .as_ref()
            .map_or(&[][..], |p| p.get_ref());
        for entry in entries {
            let path = absolute(&config.dir.join(entry.get_ref()));
            if !seen.insert(path.clone()) {
                continue;
            }
            let at = |message: String| {
                ConfigError::at(&config.path, &config.text, entry.span(), message, None)
            };
            let text = crate::source::read_regular(&path)
                .map_err(|e| at(format!("could not read pack {}: {e}", path.display())))?;
            let depth = rules::validate::Depth::Expressions;
            let file = rules::check_pack(&path.to_string_lossy(), &text, depth)
                .map_err(|problems| ConfigError::pack(&path, &text, &problems[0]))?;
            let name = &file.pack.name;
            if packs.iter().any(|p| &p.file.pack.name == name) {
                return Err(at(format!(
                    "pack `{name}` (from {}) has the same name as another pack; rule ids must \
                     be unique, so rename it in its `[pack]` table",
                    entry.get_ref()
                )));
            }
            packs.push(LoadedPack {
                file,
                origin: Some((path, text)),
            });
        }
    }
    Ok(packs)
}

/// Compiles every pack into one rule set; a user pack's error points into its file.
pub fn compile(packs: &[LoadedPack]) -> Result<RuleSet, ConfigError> {
    RuleSet::compile(packs.iter().map(|p| &p.file)).map_err(|e| {
        let pack = e.source_name.split_once('/').map_or("", |(p, _)| p);
        let origin = packs
            .iter()
            .find(|p| p.file.pack.name == pack)
            .and_then(|p| p.origin.as_ref());
        match origin {
            Some((path, text)) => ConfigError::pack(path, text, &e),
            None => builtin_error(&e),
        }
    })
}

fn builtin_error(error: &rules::PackError) -> ConfigError {
    let message = format!("built-in rule pack failed to load: {error}");
    ConfigError::unreadable(Path::new("healthlint"), &std::io::Error::other(message))
}

/// One layer of settings with its selectors checked and its phrases compiled.
#[derive(Debug, Default)]
struct Layer {
    select: Option<Vec<Selector>>,
    /// Rules added to the selection (`--extend-select`; configs have no such key).
    extend_select: Vec<Selector>,
    ignore: Vec<Selector>,
    /// In the order written, so that among equally specific entries the last one wins.
    severity: Vec<(Selector, Severity)>,
    enable_packs: Vec<String>,
    /// Allowed phrase patterns, checked.
    allow_phrases: Vec<String>,
    front_matter_fields: Vec<String>,
}

impl Layer {
    fn check(
        settings: &Settings,
        config: &Config,
        rules: &RuleSet,
        packs: &[&str],
    ) -> Result<Layer, ConfigError> {
        let at = |span: Range<usize>, message: String, help: Option<String>| {
            ConfigError::at(&config.path, &config.text, span, message, help)
        };
        let selector = |s: &Spanned<String>| {
            Selector::parse(s.get_ref(), rules)
                .map_err(|e| at(s.span(), e.to_string(), e.did_you_mean()))
        };
        let list = |l: &[Spanned<String>]| l.iter().map(selector).collect::<Result<Vec<_>, _>>();
        let mut severity: Vec<(&Spanned<String>, Severity)> =
            settings.severity.iter().map(|(k, v)| (k, *v)).collect();
        severity.sort_by_key(|(k, _)| k.span().start);
        let enable_packs = settings
            .enable_packs
            .iter()
            .map(|p| match packs.contains(&p.get_ref().as_str()) {
                true => Ok(p.get_ref().clone()),
                false => Err(unknown_pack(p.get_ref(), packs)).map_err(|(m, h)| at(p.span(), m, h)),
            })
            .collect::<Result<_, _>>()?;
        let allow_phrases = settings
            .allow_phrases
            .iter()
            .map(|p| {
                pattern::check(p.get_ref())
                    .map(|()| p.get_ref().clone())
                    .map_err(|e| at(p.span(), e.to_string(), None))
            })
            .collect::<Result<_, _>>()?;
        Ok(Layer {
            select: settings.select.as_deref().map(list).transpose()?,
            extend_select: Vec::new(),
            ignore: list(&settings.ignore)?,
            severity: severity
                .into_iter()
                .map(|(k, v)| selector(k).map(|s| (s, v)))
                .collect::<Result<_, _>>()?,
            enable_packs,
            allow_phrases,
            front_matter_fields: (settings.front_matter_fields.iter())
                .map(|f| f.get_ref().clone())
                .collect(),
        })
    }

    /// The selection flags of the command line, checked like a config's keys.
    fn from_command_line(cli: &CommandLine, rules: &RuleSet) -> Result<Layer, ConfigError> {
        let list = |flag: &str, names: &[String]| {
            let parse = |name: &String| {
                Selector::parse(name, rules)
                    .map_err(|e| ConfigError::usage(format!("{flag}: {e}"), e.did_you_mean()))
            };
            names.iter().map(parse).collect::<Result<Vec<_>, _>>()
        };
        Ok(Layer {
            select: (cli.select.as_deref())
                .map(|s| list("--select", s))
                .transpose()?,
            extend_select: list("--extend-select", &cli.extend_select)?,
            ignore: list("--ignore", &cli.ignore)?,
            ..Layer::default()
        })
    }

    /// The severity this layer gives a rule: its most specific matching entry, the last
    /// written among equals.
    fn severity_for(&self, id: &str, category: Category) -> Option<Severity> {
        self.severity
            .iter()
            .enumerate()
            .filter(|(_, (s, _))| s.matches(id, category))
            .max_by_key(|(i, (s, _))| (s.specificity(), *i))
            .map(|(_, (_, level))| *level)
    }
}

/// The message and help for a pack name that is not one.
fn unknown_pack(name: &str, packs: &[&str]) -> (String, Option<String>) {
    (
        format!("`{name}` is not a known pack"),
        closest(name, packs.iter().copied()).map(|s| format!("did you mean `{s}`?")),
    )
}

/// What a policy depends on: the config (by index; `None` without one) and the indices of its
/// overrides that match the file.
type PolicyKey = (Option<usize>, Vec<usize>);

/// What a policy needs to know of a rule.
#[derive(Debug)]
struct RuleInfo {
    id: Arc<str>,
    pack: String,
    category: Category,
    severity: Severity,
    /// Runs without its pack being switched on ([`crate::rules::RuleSpec::on_by_default`]).
    on_by_default: bool,
}

/// Hands out the [`Policy`] for each file.
#[derive(Debug)]
pub struct Resolver {
    /// Indexed like [`RuleSet::rules`], whose order policies follow.
    rules: Vec<RuleInfo>,
    /// `--enable-pack`, for every file.
    cli_packs: Vec<String>,
    /// `--select`, `--extend-select` and `--ignore`, applied after every config layer.
    cli: Layer,
    configs: Vec<(Arc<Config>, Layer, Vec<Layer>)>,
    cache: Mutex<HashMap<PolicyKey, Arc<Policy>>>,
}

impl Resolver {
    /// The built-in source tiers with every config's `[sources]` merged in, in discovery order.
    /// One set for the whole run: how credible a site is does not depend on the folder citing it.
    pub fn source_tiers(&self) -> SourceTiers {
        let mut tiers = SourceTiers::builtin().clone();
        for (config, _, _) in &self.configs {
            for (tier, domains) in config.settings.sources.iter().flat_map(|s| s.get_ref()) {
                tiers.merge(*tier, domains);
            }
        }
        tiers
    }

    /// The claim lexicon: the built-in one with the `[lexicon]` additions of every config of the
    /// run (a word's class does not depend on the folder it is read in), or `None` when no
    /// config adds any.
    pub fn lexicon(&self) -> Option<crate::claims::Lexicon> {
        let additions: Vec<crate::claims::lexicon::LexiconFile> = (self.configs.iter())
            .filter_map(|(config, _, _)| config.settings.lexicon.as_ref())
            .map(|l| l.get_ref().clone())
            .collect();
        (!additions.is_empty()).then(|| crate::claims::Lexicon::with_additions(&additions))
    }

    /// The size limit of the config at `config` (indexed as [`super::Discovery::config_for`]
    /// answers), when it sets one.
    pub fn max_file_size(&self, config: Option<usize>) -> Option<crate::source::ByteSize> {
        let (config, _, _) = self.configs.get(config?)?;
        config.settings.max_file_size.as_ref().map(|s| *s.get_ref())
    }

    /// Every config of the run, in discovery order.
    pub fn configs(&self) -> impl Iterator<Item = &Config> {
        self.configs.iter().map(|(config, _, _)| &**config)
    }

    /// Checks every config against the compiled rules; `configs` are indexed as
    /// [`super::Discovery::config_for`] answers.
    pub fn new(
        rules: &RuleSet,
        packs: &[LoadedPack],
        cli: &CommandLine,
        configs: &[Arc<Config>],
    ) -> Result<Resolver, ConfigError> {
        let names: Vec<&str> = packs.iter().map(|p| p.file.pack.name.as_str()).collect();
        for name in &cli.enable_packs {
            if !names.contains(&name.as_str()) {
                let (message, help) = unknown_pack(name, &names);
                let help = help.unwrap_or_else(|| format!("known packs: {}", names.join(", ")));
                return Err(ConfigError::usage(
                    format!("--enable-pack: {message}"),
                    Some(help),
                ));
            }
        }
        let off_by_default: HashSet<String> = (packs.iter())
            .flat_map(|p| (p.file.rules.iter()).map(move |spec| (&p.file.pack, spec)))
            .filter(|(pack, spec)| !spec.on_by_default(pack))
            .map(|(pack, spec)| crate::docs::rule_id(pack, spec))
            .collect();
        let cli_layer = Layer::from_command_line(cli, rules)?;
        let configs = configs
            .iter()
            .map(|config| {
                let check = |s: &Settings| Layer::check(s, config, rules, &names);
                let overrides = config.settings.override_layers().iter().map(check);
                Ok((
                    Arc::clone(config),
                    check(&config.settings)?,
                    overrides.collect::<Result<_, _>>()?,
                ))
            })
            .collect::<Result<_, ConfigError>>()?;
        Ok(Resolver {
            rules: (rules.rules().iter())
                .map(|r| RuleInfo {
                    id: Arc::clone(&r.id),
                    pack: r.pack.clone(),
                    category: r.category(),
                    severity: r.severity(),
                    on_by_default: !off_by_default.contains(&*r.id),
                })
                .collect(),
            cli_packs: cli.enable_packs.clone(),
            cli: cli_layer,
            configs,
            cache: Mutex::default(),
        })
    }

    /// The policy for the file at `path` governed by config number `config`.
    pub fn policy(&self, config: Option<usize>, path: &Path) -> Arc<Policy> {
        let overrides = match config.and_then(|i| self.configs.get(i)) {
            Some((config, _, _)) => config.overrides_for(&absolute(path)),
            None => Vec::new(),
        };
        let key = (config, overrides);
        if let Some(policy) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return policy;
        }
        let policy = Arc::new(self.build(&key));
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, Arc::clone(&policy));
        }
        policy
    }

    fn build(&self, (config, overrides): &PolicyKey) -> Policy {
        let mut layers: Vec<&Layer> = match config.and_then(|i| self.configs.get(i)) {
            Some((_, base, more)) => std::iter::once(base)
                .chain(overrides.iter().filter_map(|&i| more.get(i)))
                .collect(),
            None => Vec::new(),
        };
        layers.push(&self.cli);
        let switched_on = |pack: &str| {
            self.cli_packs.iter().any(|p| p == pack)
                || layers
                    .iter()
                    .any(|l| l.enable_packs.iter().any(|p| p == pack))
        };
        let levels = (self.rules.iter())
            .map(|rule| {
                let (id, category) = (&*rule.id, rule.category);
                let mut on = true;
                for layer in &layers {
                    if let Some(select) = &layer.select {
                        on = select.iter().any(|s| s.matches(id, category));
                    }
                    on |= layer.extend_select.iter().any(|s| s.matches(id, category));
                    on &= !layer.ignore.iter().any(|s| s.matches(id, category));
                }
                on &= rule.on_by_default || switched_on(&rule.pack);
                let severity = layers
                    .iter()
                    .rev()
                    .find_map(|l| l.severity_for(id, category));
                on.then(|| severity.unwrap_or(rule.severity))
            })
            .collect();
        let phrases: Vec<String> = layers
            .iter()
            .flat_map(|l| l.allow_phrases.iter().cloned())
            .collect();
        let front_matter_fields = (layers.iter())
            .flat_map(|l| l.front_matter_fields.iter().cloned())
            .collect();
        Policy {
            levels,
            front_matter_fields,
            // The phrases were checked one by one with the config, so together they compile.
            allowed: (!phrases.is_empty())
                .then(|| pattern::compile(&phrases).ok())
                .flatten(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(text: &str) -> (Vec<LoadedPack>, Arc<Config>) {
        let config = Config::parse(PathBuf::from("/project/healthlint.toml"), text.into())
            .expect("config parses");
        let config = Arc::new(config);
        (load_packs(&[Arc::clone(&config)]).unwrap(), config)
    }

    /// The severity (or `None`, off) each named rule gets for `path` under `text`.
    fn levels(text: &str, path: &str, ids: &[&str]) -> Vec<Option<Severity>> {
        let (packs, config) = setup(text);
        let rules = compile(&packs).unwrap();
        let resolver = Resolver::new(&rules, &packs, &CommandLine::default(), &[config]).unwrap();
        let policy = resolver.policy(Some(0), Path::new(path));
        ids.iter()
            .map(|id| {
                let index = rules.rules().iter().position(|r| &*r.id == *id).unwrap();
                policy.level(index)
            })
            .collect()
    }

    const CURE: &str = "absolutes/cure-claim";
    const MIRACLE: &str = "hype/miracle-language";
    const HOPE: &str = "hype/hope-language";
    use Severity::{Error, Info, Warning};

    #[test]
    fn select_and_ignore_by_id_pack_and_category() {
        let all = [CURE, MIRACLE, HOPE];
        assert_eq!(
            levels("", "/project/a.md", &all),
            [Some(Warning), Some(Warning), Some(Info)]
        );
        assert_eq!(
            levels("select = [\"hype\"]", "/project/a.md", &all),
            [None, Some(Warning), Some(Info)]
        );
        assert_eq!(
            levels("ignore = [\"absolutes/*\"]", "/project/a.md", &all)[0],
            None
        );
        assert_eq!(
            levels(
                "select = [\"hype/*\"]\nignore = [\"hype/hope-language\"]",
                "/project/a.md",
                &all
            ),
            [None, Some(Warning), None]
        );
    }

    #[test]
    fn the_most_specific_severity_wins() {
        let text = "[severity]\n\"hype/*\" = \"error\"\n\"hype\" = \"info\"\n\
                    \"hype/hope-language\" = \"warning\"\n";
        assert_eq!(
            levels(text, "/project/a.md", &[MIRACLE, HOPE]),
            [Some(Error), Some(Warning)]
        );
        let later = "[severity]\n\"absolutes\" = \"info\"\n\"absolutes/*\" = \"error\"\n";
        assert_eq!(levels(later, "/project/a.md", &[CURE]), [Some(Error)]);
    }

    #[test]
    fn overrides_apply_in_order_to_matching_files() {
        let text = "ignore = [\"hype\"]\n\
                    [[overrides]]\nfiles = [\"leaflets/**\"]\nselect = [\"hype\", \"absolute\"]\n\
                    severity = { \"absolute\" = \"error\" }\n\
                    [[overrides]]\nfiles = [\"leaflets/old/**\"]\nignore = [\"absolutes/cure-claim\"]\n\
                    severity = { \"hype/miracle-language\" = \"info\" }\n";
        let ids = [CURE, MIRACLE];
        assert_eq!(
            levels(text, "/project/notes.md", &ids),
            [Some(Warning), None]
        );
        assert_eq!(
            levels(text, "/project/leaflets/a.md", &ids),
            [Some(Error), Some(Warning)]
        );
        assert_eq!(
            levels(text, "/project/leaflets/old/a.md", &ids),
            [None, Some(Info)]
        );
    }

    #[test]
    fn optional_packs_need_switching_on() {
        let text = "[pack]\nname = \"house\"\ndescription = \"d\"\nenabled = false\n\
                    [[rule]]\nname = \"tagline\"\ncategory = \"hype\"\nseverity = \"error\"\n\
                    message = \"m\"\nhelp = \"h\"\nrationale = \"r\"\nreferences = [\"x\"]\n\
                    patterns = [\"best in class\"]\nfire = [\"Best in class.\"]\n\
                    quiet = [\"Good.\"]\n\
                    [[rule]]\nname = \"fraud\"\ncategory = \"hype\"\nseverity = \"warning\"\n\
                    enabled = true\nmessage = \"m\"\nhelp = \"h\"\nrationale = \"r\"\n\
                    references = [\"x\"]\npatterns = [\"secret cure\"]\n\
                    fire = [\"A secret cure.\"]\nquiet = [\"Good.\"]\n";
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("house.toml"), text).unwrap();
        let config_path = absolute(&tmp.path().join("healthlint.toml"));
        let load = |text: &str| {
            let config = Config::parse(config_path.clone(), text.into()).unwrap();
            Arc::new(config)
        };
        let off = load("packs = [\"house.toml\"]\n");
        let on = load("packs = [\"house.toml\"]\nenable-packs = [\"house\"]\n");
        let packs = load_packs(&[Arc::clone(&off)]).unwrap();
        let rules = compile(&packs).unwrap();
        let position = |id: &str| rules.rules().iter().position(|r| &*r.id == id).unwrap();
        let index = position("house/tagline");
        let level_of = |index: usize, config: &Arc<Config>, cli: &[String]| {
            let cli = CommandLine {
                enable_packs: cli.to_vec(),
                ..CommandLine::default()
            };
            let resolver = Resolver::new(&rules, &packs, &cli, &[Arc::clone(config)]).unwrap();
            resolver
                .policy(Some(0), &tmp.path().join("a.md"))
                .level(index)
        };
        let level = |config: &Arc<Config>, cli: &[String]| level_of(index, config, cli);
        assert_eq!(level(&off, &[]), None);
        assert_eq!(level(&on, &[]), Some(Error));
        assert_eq!(level(&off, &["house".to_string()]), Some(Error));
        // A rule marked `enabled = true` runs though its pack is off.
        assert_eq!(level_of(position("house/fraud"), &off, &[]), Some(Warning));
        let cli = CommandLine {
            enable_packs: vec!["huose".to_string()],
            ..CommandLine::default()
        };
        let typo = Resolver::new(&rules, &packs, &cli, &[off]).unwrap_err();
        let shown = typo.render(false);
        assert!(shown.contains("did you mean `house`?"), "{shown}");
    }

    #[test]
    fn allowed_phrases_cover_overlapping_findings() {
        let (packs, config) = setup("allow-phrases = [\"clinically proven to reduce plaque\"]");
        let rules = compile(&packs).unwrap();
        let resolver = Resolver::new(&rules, &packs, &CommandLine::default(), &[config]).unwrap();
        let policy = resolver.policy(Some(0), Path::new("/project/a.md"));
        let sentence = "Our paste is Clinically proven to reduce plaque.";
        assert!(policy.allows(sentence, &(13..30)));
        assert!(!policy.allows(sentence, &(0..3)));
    }

    #[test]
    fn policies_are_shared_between_files_with_the_same_settings() {
        let (packs, config) = setup("[[overrides]]\nfiles = [\"a/**\"]\nignore = [\"hype\"]\n");
        let rules = compile(&packs).unwrap();
        let resolver = Resolver::new(&rules, &packs, &CommandLine::default(), &[config]).unwrap();
        let one = resolver.policy(Some(0), Path::new("/project/a/1.md"));
        let two = resolver.policy(Some(0), Path::new("/project/a/2.md"));
        let other = resolver.policy(Some(0), Path::new("/project/b.md"));
        assert!(Arc::ptr_eq(&one, &two));
        assert!(!Arc::ptr_eq(&one, &other));
    }
}
