//! Finding the files to lint: explicit files always, directories walked in parallel with
//! `.gitignore`/`.ignore` respected, results in a stable order.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// The files to lint (sorted, without duplicates) and the paths that could not be walked.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    for path in paths {
        if path.is_file() {
            found.lock().map(|mut f| f.push(path.clone())).ok();
        } else if path.is_dir() {
            walk_dir(path, &found, &errors);
        } else {
            let message = match std::fs::metadata(path) {
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

fn walk_dir(root: &Path, found: &Mutex<Vec<PathBuf>>, errors: &Mutex<Vec<WalkError>>) {
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
