//! Finding the files to lint: explicit files always (unless `--force-exclude`), directories
//! walked in parallel with `.gitignore`/`.ignore`/`.healthlintignore` and the config's `exclude`
//! respected, results in a stable order.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::types::TypesBuilder;
use ignore::{WalkBuilder, WalkState};

/// File name patterns linted when a directory is walked.
pub const LINTED_GLOBS: &[&str] = &[
    "*.md",
    "*.markdown",
    "*.mdown",
    "*.mkd",
    "*.mkdn",
    "*.txt",
    "*.text",
];

/// A path that could not be walked, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// Whether a path (and `true` if it is a directory) is left out, e.g. by a config's `exclude`.
/// Asked during the walk, so an excluded directory is never entered.
pub type Exclude = Arc<dyn Fn(&Path, bool) -> bool + Send + Sync>;

/// The files to lint (sorted, without duplicates) and the paths that could not be walked.
/// Paths named in `paths` are linted even when `exclude` matches them, as pre-commit and
/// editors name files one by one, unless `force_exclude` says to check them too.
pub fn collect(
    paths: &[PathBuf],
    exclude: &Exclude,
    force_exclude: bool,
) -> (Vec<PathBuf>, Vec<WalkError>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    for path in paths {
        if force_exclude && exclude(path, path.is_dir()) {
            continue;
        }
        if path.is_file() {
            found.lock().map(|mut f| f.push(path.clone())).ok();
        } else if path.is_dir() {
            walk_dir(path, exclude, &found, &errors);
        } else {
            let message = match std::fs::metadata(path) {
                // `docs/` says what was expected; the OS only says "file or directory".
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && ends_with_separator(path) => {
                    "no such directory".to_string()
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    "no such file or directory".to_string()
                }
                Err(e) => e.to_string(),
                Ok(_) => "not a file or directory".to_string(),
            };
            push(&errors, path, message);
        }
    }
    let mut files = found.into_inner().unwrap_or_default();
    files.sort();
    files.dedup();
    let mut errors = errors.into_inner().unwrap_or_default();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (files, errors)
}

fn walk_dir(
    root: &Path,
    exclude: &Exclude,
    found: &Mutex<Vec<PathBuf>>,
    errors: &Mutex<Vec<WalkError>>,
) {
    let exclude = Arc::clone(exclude);
    let mut types = TypesBuilder::new();
    for glob in LINTED_GLOBS {
        types.add("prose", glob).expect("built-in globs are valid");
    }
    types.select("prose");
    let types = types.build().expect("built-in types are valid");
    WalkBuilder::new(root)
        .types(types)
        .git_global(false)
        .require_git(false)
        .add_custom_ignore_filename(".healthlintignore")
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !exclude(entry.path(), is_dir)
        })
        .threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
        .build_parallel()
        .run(|| {
            Box::new(move |entry| {
                match entry {
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                        found.lock().map(|mut f| f.push(entry.into_path())).ok();
                    }
                    Ok(_) => {}
                    Err(err) => {
                        let path = error_path(&err).unwrap_or_else(|| root.to_path_buf());
                        push(errors, &path, err.to_string());
                    }
                }
                WalkState::Continue
            })
        });
}

fn ends_with_separator(path: &Path) -> bool {
    path.as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator)
}

fn push(errors: &Mutex<Vec<WalkError>>, path: &Path, message: String) {
    errors
        .lock()
        .map(|mut e| {
            e.push(WalkError {
                path: path.to_path_buf(),
                message,
            })
        })
        .ok();
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}
