//! Markdown block trees of the files of a short run, parsed while the rules compile.
//!
//! A run of a file or two (a hook, an editor's save) compiles its rules on one core while the
//! other has only the warm-up of [`crate::lint::warm_up`] to do, and then parses each file's
//! Markdown before any rule can run: the block parse of a 10 KB article was a fifth of such a
//! run. It needs no rules, so it is done on the idle core during start-up instead.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;

use crate::lint;
use crate::parse::BlockTree;
use crate::source::{self, ByteSize};

/// Block trees being parsed ahead, by path.
pub struct Ahead(Mutex<HashMap<PathBuf, JoinHandle<Option<BlockTree>>>>);

impl Ahead {
    /// Starts parsing each of `files` on a thread of its own when the run will lint each on two
    /// of its `threads` (see `lint_files`), as then there are cores to spare; otherwise starts
    /// nothing. A file read now is read again to lint it, under its own size limit: a tree is
    /// used only for the very text it was parsed from.
    pub fn start(files: &[PathBuf], threads: usize) -> Ahead {
        let few = !files.is_empty() && threads >= 2 * files.len();
        let parsing = (files.iter().filter(|_| few))
            .map(|path| {
                let owned = path.clone();
                let parse = move || {
                    let file = source::read(&owned, ByteSize::DEFAULT).ok()?;
                    lint::parse_ahead(&file)
                };
                (path.clone(), std::thread::spawn(parse))
            })
            .collect();
        Ahead(Mutex::new(parsing))
    }

    /// The block tree parsed ahead for `path`, once it is parsed; `None` when it was not, or its
    /// parse failed.
    pub fn take(&self, path: &Path) -> Option<BlockTree> {
        let parsing = self.0.lock().ok()?.remove(path)?;
        parsing.join().ok().flatten()
    }
}
