//! Finding each file's config: the nearest `healthlint.toml` or `.healthlint.toml` in the file's
//! directory or above it (up to the filesystem root), or the one `--config` names, or none with
//! `--isolated`. Configs are not merged: the nearest one is the whole configuration.
//!
//! Lookups are cached per directory, so a tree of ten thousand files costs one `stat` per
//! directory level, and the walker can ask "is this excluded" for every entry as it goes.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use toml::Spanned;

use super::{ConfigError, Settings, SpannedList, FILE_NAMES};

/// Where this run's settings come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The nearest config file to each linted file (the default).
    Nearest,
    /// `--config PATH`: one file for every linted file.
    Fixed(PathBuf),
    /// `--isolated`: no config file at all.
    Isolated,
}

/// A parsed config file with its globs compiled.
#[derive(Debug)]
pub struct Config {
    /// The file, absolute.
    pub path: PathBuf,
    /// Its directory: `exclude`, `files` and `packs` are relative to it.
    pub dir: PathBuf,
    pub text: String,
    pub settings: Settings,
    exclude: Gitignore,
    /// One matcher per `[[overrides]]` entry, in order.
    overrides: Vec<Gitignore>,
}

impl Config {
    /// Reads, parses and checks one config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let path = absolute(path);
        let text =
            crate::source::read_regular(&path).map_err(|e| ConfigError::unreadable(&path, &e))?;
        Config::parse(path, text)
    }

    /// Parses and checks a config's text; `path` must be absolute.
    pub fn parse(path: PathBuf, text: String) -> Result<Config, ConfigError> {
        let settings = Settings::parse(&text).map_err(|e| ConfigError::toml(&path, &text, &e))?;
        if let Some((key, span, why)) = settings.misplaced() {
            let message = format!("`{key}` is not allowed here");
            return Err(ConfigError::at(
                &path,
                &text,
                span,
                message,
                Some(why.into()),
            ));
        }
        let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        let globs = |list: Option<&Spanned<SpannedList>>| {
            matcher(&dir, list.map_or(&[][..], |l| l.get_ref()))
                .map_err(|(span, e)| ConfigError::at(&path, &text, span, e, None))
        };
        let exclude = globs(settings.exclude.as_ref())?;
        let overrides = settings
            .override_layers()
            .iter()
            .map(|o| globs(o.files.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(Config {
            dir,
            exclude,
            overrides,
            path,
            text,
            settings,
        })
    }

    /// Whether `exclude` leaves out this path (absolute), or a directory above it.
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        matches(&self.exclude, &self.dir, path, is_dir)
    }

    /// Indices of the `[[overrides]]` entries whose `files` match this path (absolute).
    pub fn overrides_for(&self, path: &Path) -> Vec<usize> {
        (self.overrides.iter().enumerate())
            .filter(|(_, m)| matches(m, &self.dir, path, false))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Compiles gitignore-style globs relative to `dir`; a bad glob is reported at its span.
fn matcher(dir: &Path, globs: &[Spanned<String>]) -> Result<Gitignore, (Range<usize>, String)> {
    let mut builder = GitignoreBuilder::new(dir);
    for glob in globs {
        builder
            .add_line(None, glob.get_ref())
            .map_err(|e| (glob.span(), format!("bad glob: {e}")))?;
    }
    builder.build().map_err(|e| (0..0, e.to_string()))
}

fn matches(matcher: &Gitignore, dir: &Path, path: &Path, is_dir: bool) -> bool {
    match path.strip_prefix(dir) {
        Ok(relative) if !relative.as_os_str().is_empty() => matcher
            .matched_path_or_any_parents(relative, is_dir)
            .is_ignore(),
        _ => false,
    }
}

/// Finds, loads and caches the configs of the files in one run. Shared by the walker's threads.
#[derive(Debug)]
pub struct Discovery {
    source: Source,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Directory (absolute) → index in `configs` of the config that governs it.
    dirs: HashMap<PathBuf, Option<usize>>,
    configs: Vec<Arc<Config>>,
    errors: Vec<ConfigError>,
}

impl Discovery {
    /// Starts a run; `--config PATH` is loaded at once, so a broken one stops the run before
    /// any walking.
    pub fn new(source: Source) -> Result<Discovery, ConfigError> {
        let mut state = State::default();
        if let Source::Fixed(path) = &source {
            state.configs.push(Arc::new(Config::load(path)?));
        }
        Ok(Discovery {
            source,
            state: Mutex::new(state),
        })
    }

    /// The index of the config governing `path` (a file, or a directory entry met while
    /// walking): the nearest one to the directory holding it.
    pub fn config_for(&self, path: &Path) -> Option<usize> {
        match self.source {
            Source::Isolated => None,
            Source::Fixed(_) => Some(0),
            Source::Nearest => {
                let path = absolute(path);
                let dir = path.parent()?;
                self.state.lock().ok()?.nearest(dir)
            }
        }
    }

    /// Whether the config governing `path` excludes it. Configs that failed to load exclude
    /// nothing; their errors stop the run once the walk is done.
    pub fn is_excluded(&self, path: &Path, is_dir: bool) -> bool {
        let Some(index) = self.config_for(path) else {
            return false;
        };
        let config = self
            .state
            .lock()
            .ok()
            .map(|s| Arc::clone(&s.configs[index]));
        config.is_some_and(|c| c.excludes(&absolute(path), is_dir))
    }

    /// Every config governing `files` (and any met while walking), indexed as
    /// [`Discovery::config_for`] answers, or the first config error (in message order, so the
    /// same tree always reports the same error).
    pub fn finish(&self, files: &[PathBuf]) -> Result<Vec<Arc<Config>>, ConfigError> {
        for file in files {
            self.config_for(file);
        }
        let mut state = self.state.lock().map_err(|_| {
            ConfigError::unreadable(Path::new("config"), &std::io::Error::other("lock poisoned"))
        })?;
        let mut errors = std::mem::take(&mut state.errors);
        errors.sort_by_key(|e| e.to_string());
        match errors.into_iter().next() {
            Some(error) => Err(error),
            None => Ok(state.configs.clone()),
        }
    }
}

impl State {
    /// The nearest config at or above `dir`, loading it if this is the first time it is met, and
    /// remembering the answer for every directory on the way up.
    fn nearest(&mut self, dir: &Path) -> Option<usize> {
        let mut visited = Vec::new();
        let mut current = Some(dir);
        let found = loop {
            let Some(here) = current else { break None };
            if let Some(&known) = self.dirs.get(here) {
                break known;
            }
            visited.push(here.to_path_buf());
            let file = FILE_NAMES
                .iter()
                .map(|n| here.join(n))
                .find(|p| p.is_file());
            if let Some(file) = file {
                break self.load(&file);
            }
            current = here.parent();
        };
        for dir in visited {
            self.dirs.insert(dir, found);
        }
        found
    }

    fn load(&mut self, path: &Path) -> Option<usize> {
        match Config::load(path) {
            Ok(config) => {
                self.configs.push(Arc::new(config));
                Some(self.configs.len() - 1)
            }
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }
}

/// `path` made absolute against the working directory, with `.` and `..` resolved by name
/// (not through symlinks), so the same file always has the same cache key and glob base.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn nearest_config_wins_and_answers_are_cached() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(&root.join("healthlint.toml"), "ignore = [\"hype\"]\n");
        write(
            &root.join("a/b/.healthlint.toml"),
            "ignore = [\"absolute\"]\n",
        );
        let discovery = Discovery::new(Source::Nearest).unwrap();
        let top = discovery.config_for(&root.join("x.md"));
        let deep = discovery.config_for(&root.join("a/b/c/d.md"));
        let middle = discovery.config_for(&root.join("a/./y.md"));
        assert_eq!(top, middle);
        assert_ne!(top, deep);
        let configs = discovery.finish(&[]).unwrap();
        assert_eq!(configs.len(), 2);
        assert!(configs[deep.unwrap()]
            .path
            .ends_with("a/b/.healthlint.toml"));
        // Cached: a directory on the way up was remembered, so deleting the file changes nothing.
        std::fs::remove_file(root.join("a/b/.healthlint.toml")).unwrap();
        assert_eq!(discovery.config_for(&root.join("a/b/z.md")), deep);
    }

    #[test]
    fn isolated_and_fixed_sources() {
        let tmp = tempfile::tempdir().unwrap();
        write(&tmp.path().join("healthlint.toml"), "");
        let isolated = Discovery::new(Source::Isolated).unwrap();
        assert_eq!(isolated.config_for(&tmp.path().join("x.md")), None);
        let fixed = tmp.path().join("elsewhere/my.toml");
        write(&fixed, "select = [\"hype\"]\n");
        let discovery = Discovery::new(Source::Fixed(fixed)).unwrap();
        assert_eq!(discovery.config_for(Path::new("/any/where.md")), Some(0));
        let missing = Discovery::new(Source::Fixed(tmp.path().join("nope.toml")));
        assert!(missing.unwrap_err().to_string().contains("could not read"));
    }

    #[test]
    fn excludes_and_overrides_are_relative_to_the_config() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        let text = "exclude = [\"drafts/**\", \"CHANGELOG.md\"]\n\
                    [[overrides]]\nfiles = [\"leaflets/**\"]\n\
                    [[overrides]]\nfiles = [\"*.txt\"]\n";
        let config = Config::parse(root.join("healthlint.toml"), text.into()).unwrap();
        assert!(config.excludes(&root.join("drafts/a/b.md"), false));
        assert!(config.excludes(&root.join("CHANGELOG.md"), false));
        assert!(config.excludes(&root.join("sub/CHANGELOG.md"), false));
        assert!(!config.excludes(&root.join("docs/a.md"), false));
        assert!(!config.excludes(Path::new("/elsewhere/drafts/a.md"), false));
        assert_eq!(
            config.overrides_for(&root.join("leaflets/x.txt")),
            vec![0, 1]
        );
        assert_eq!(
            config.overrides_for(&root.join("x.md")),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn broken_configs_are_reported_after_the_walk() {
        let tmp = tempfile::tempdir().unwrap();
        write(&tmp.path().join("healthlint.toml"), "ignroe = []\n");
        let discovery = Discovery::new(Source::Nearest).unwrap();
        assert_eq!(discovery.config_for(&tmp.path().join("x.md")), None);
        let error = discovery.finish(&[]).unwrap_err();
        assert!(error.to_string().contains("unknown field `ignroe`"));
    }
}
