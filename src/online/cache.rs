//! The disk cache of registry answers: one small JSON file per identifier under the platform
//! cache directory (`~/.cache/healthlint` on Linux; `HEALTHLINT_CACHE_DIR` or `[lookups]
//! cache-dir` override it), each stamped with when it was fetched and ignored once older than
//! the configured expiry. Only definite answers are kept; a failed lookup is asked again next
//! run. A cache that cannot be written is no error: the run just asks again next time.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Lookup;
use crate::factcheck::ids::Id;

/// Bumped when the stored answer's shape changes, so old files are ignored.
const VERSION: u32 = 1;

pub struct Cache {
    dir: Option<PathBuf>,
    max_age: Duration,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    /// Seconds since the Unix epoch.
    fetched: u64,
    id: String,
    answer: Lookup,
}

impl Cache {
    pub fn new(dir: Option<PathBuf>, max_age: Duration) -> Cache {
        Cache {
            dir: dir.map(|d| d.join("lookups")),
            max_age,
        }
    }

    /// A fresh cached answer for `id`.
    pub fn get(&self, id: &Id) -> Option<Lookup> {
        let text = std::fs::read_to_string(self.path(id)?).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        let age = now().saturating_sub(entry.fetched);
        (entry.version == VERSION
            && entry.id == key(id)
            && age <= self.max_age.as_secs()
            && entry.answer != Lookup::Unknown)
            .then_some(entry.answer)
    }

    /// Stores a definite answer (found or missing).
    pub fn put(&self, id: &Id, answer: &Lookup) {
        let Some(path) = self.path(id) else { return };
        if *answer == Lookup::Unknown {
            return;
        }
        let entry = Entry {
            version: VERSION,
            fetched: now(),
            id: key(id),
            answer: answer.clone(),
        };
        let Ok(text) = serde_json::to_string(&entry) else {
            return;
        };
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(path.parent().unwrap_or(&path))?;
            let tmp = path.with_extension(format!("tmp{}", std::process::id()));
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, &path)
        };
        let _ = write();
    }

    /// `lookups/doi-<hash>.json`: a hash, because DOIs hold characters no file name may.
    fn path(&self, id: &Id) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        Some(dir.join(format!(
            "{}-{:016x}.json",
            id.kind(),
            fnv1a(key(id).as_bytes())
        )))
    }
}

/// The identifier as stored, to tell hash collisions apart.
fn key(id: &Id) -> String {
    id.label()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// FNV-1a, 64 bits: stable across runs and platforms, unlike the standard library's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::online::Record;

    #[test]
    fn answers_round_trip_and_expire() {
        let dir = tempfile::tempdir().unwrap();
        let id = Id::Doi("10.1/x".into());
        let cache = Cache::new(Some(dir.path().to_path_buf()), Duration::from_secs(60));
        assert_eq!(cache.get(&id), None);
        let found = Lookup::Found(Record {
            title: Some("T".into()),
            ..Record::default()
        });
        cache.put(&id, &found);
        assert_eq!(cache.get(&id), Some(found));
        cache.put(&Id::Pmid(1), &Lookup::Unknown);
        assert_eq!(cache.get(&Id::Pmid(1)), None);
        let expired = Cache::new(Some(dir.path().to_path_buf()), Duration::ZERO);
        std::thread::sleep(Duration::from_millis(1100));
        assert_eq!(expired.get(&id), None);
        let none = Cache::new(None, Duration::from_secs(60));
        none.put(&id, &Lookup::Missing);
        assert_eq!(none.get(&id), None);
    }
}
