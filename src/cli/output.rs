//! Files a run writes (`-o` reports, `--write-baseline`): never one of the run's own inputs or
//! config files, and written whole or not at all, so a failed or interrupted run leaves the old
//! file as it was.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Refuses `target` (given for `flag`) when it is the same file as one of `protected`: a typo
/// such as `-o article.md` would otherwise replace an article with its own report.
pub fn refuse_protected(flag: &str, target: &Path, protected: &[PathBuf]) -> io::Result<()> {
    // A target that does not exist yet cannot be an input.
    let Ok(target_real) = fs::canonicalize(target) else {
        return Ok(());
    };
    if protected
        .iter()
        .any(|p| fs::canonicalize(p).is_ok_and(|p| p == target_real))
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{flag} {} is an input or config file of this run; refusing to overwrite it",
                target.display()
            ),
        ));
    }
    Ok(())
}

/// A file written under a temporary name next to its target and renamed over it on
/// [`Atomic::commit`]; dropped without committing, the temporary file is removed. A target that
/// exists and is not a regular file (`/dev/stdout`, a pipe) is written directly.
pub struct Atomic {
    target: PathBuf,
    /// `None` when writing straight to the target.
    temporary: Option<PathBuf>,
    file: Option<io::BufWriter<File>>,
}

impl Atomic {
    pub fn create(target: &Path) -> io::Result<Atomic> {
        let special = fs::metadata(target).is_ok_and(|m| !m.is_file());
        let name = target.file_name().filter(|_| !special);
        let (temporary, file) = match name {
            None => (None, File::create(target)?),
            Some(name) => {
                let mut hidden = std::ffi::OsString::from(".");
                hidden.push(name);
                hidden.push(format!(".{}.tmp", std::process::id()));
                let temporary = target.with_file_name(hidden);
                let file = File::create_new(&temporary)?;
                (Some(temporary), file)
            }
        };
        Ok(Atomic {
            target: target.to_path_buf(),
            temporary,
            file: Some(io::BufWriter::new(file)),
        })
    }

    /// Flushes the text and renames it over the target.
    pub fn commit(mut self) -> io::Result<()> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let file = file.into_inner().map_err(|e| e.into_error())?;
        match self.temporary.take() {
            Some(temporary) => {
                file.sync_all()?;
                fs::rename(&temporary, &self.target).inspect_err(|_| {
                    let _ = fs::remove_file(&temporary);
                })
            }
            None => Ok(()),
        }
    }
}

impl Write for Atomic {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(file) => file.write(buf),
            None => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl Drop for Atomic {
    fn drop(&mut self) {
        if let (Some(_), Some(temporary)) = (self.file.take(), &self.temporary) {
            let _ = fs::remove_file(temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commits_whole_or_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        fs::write(&target, "old").unwrap();
        let mut dropped = Atomic::create(&target).unwrap();
        dropped.write_all(b"half").unwrap();
        drop(dropped);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        let mut written = Atomic::create(&target).unwrap();
        written.write_all(b"new").unwrap();
        written.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[test]
    fn refuses_an_input_under_another_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.md");
        fs::write(&input, "text").unwrap();
        let other = dir.path().join(".").join("a.md");
        let err = refuse_protected("-o", &other, std::slice::from_ref(&input)).unwrap_err();
        assert!(err.to_string().contains("refusing to overwrite"), "{err}");
        assert!(refuse_protected("-o", &dir.path().join("new.json"), &[input]).is_ok());
    }
}
