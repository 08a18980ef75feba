//! Which files a run lints besides the paths it is given: `--files-from` lists and
//! `--shard K/N`, which splits a large tree over a CI matrix.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// `--shard K/N`: the K-th of N disjoint parts of the files (K counts from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Reads `K/N` with `1 <= K <= N`.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let invalid = || format!("`{text}` is not K/N with 1 <= K <= N, e.g. `--shard 2/4`");
        let (k, n) = text.split_once('/').ok_or_else(invalid)?;
        let index: u64 = k.trim().parse().map_err(|_| invalid())?;
        let count: u64 = n.trim().parse().map_err(|_| invalid())?;
        if index == 0 || index > count {
            return Err(invalid());
        }
        Ok(Shard { index, count })
    }

    /// Whether the file shown as `path` (`/`-separated, as in reports) is in this shard. The
    /// choice hangs on the path alone, with a hash fixed here rather than the standard
    /// library's (which may change between Rust releases): adding or removing other files
    /// never moves a file to another shard, so each CI job keeps its share stable.
    pub fn contains(&self, path: &str) -> bool {
        // The hash's high bits pick the shard (multiply-shift): they depend on every byte.
        let slot = (u128::from(hash(path.as_bytes())) * u128::from(self.count)) >> 64;
        slot == u128::from(self.index - 1)
    }
}

/// 64-bit FNV-1a, then MurmurHash3's finalizer: FNV alone barely separates paths that differ
/// only early on and end alike (`….md`), which left small shards empty.
fn hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The paths listed in `list`, one a line (`-`: standard input). Blank lines are skipped and
/// surrounding white space (a `\r` of Windows line ends) trimmed, so `git ls-files` or `find`
/// output works as it is.
pub fn read_list(list: &Path) -> io::Result<Vec<PathBuf>> {
    let text = if list.as_os_str() == "-" {
        let mut text = String::new();
        io::stdin().lock().read_to_string(&mut text)?;
        text
    } else {
        std::fs::read_to_string(list).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("could not read --files-from {}: {e}", list.display()),
            )
        })?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(PathBuf::from)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which of five paths are in shard 1/2, recorded once.
    const PICKED: [bool; 5] = [false, true, false, true, true];

    #[test]
    fn shards_are_parsed_and_checked() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "2", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_path_is_in_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { index: k, count: 3 }).collect();
        for i in 0..200 {
            let path = format!("docs/article-{i}.md");
            assert_eq!(shards.iter().filter(|s| s.contains(&path)).count(), 1);
        }
        // A changed hash would silently reshuffle every user's CI matrix.
        let first = Shard { index: 1, count: 2 };
        let picked: Vec<bool> = ["a.md", "b.md", "c.md", "d.md", "docs/e.md"]
            .iter()
            .map(|p| first.contains(p))
            .collect();
        assert_eq!(picked, PICKED);
    }

    #[test]
    fn shards_are_balanced() {
        let count = 4;
        let sizes: Vec<usize> = (1..=count)
            .map(|index| {
                let shard = Shard { index, count };
                (0..400)
                    .filter(|i| shard.contains(&format!("docs/page-{i}.md")))
                    .count()
            })
            .collect();
        assert!(sizes.iter().all(|&n| (70..=130).contains(&n)), "{sizes:?}");
    }
}
