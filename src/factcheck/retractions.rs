//! Retraction notices: the compiled-in Retraction Watch digest (DOIs only) and full Retraction
//! Watch CSV files that users point their config at (DOIs and PMIDs, with dates and reasons).
//!
//! # The compiled-in table
//!
//! `data/retractions.bin`, written by `scripts/build-data.py`, holds ~60,000 lower-case DOIs,
//! sorted and front-coded in blocks of 16 (each entry stores how many bytes it shares with the
//! one before it and the rest; the first of a block shares none). That is a third of the plain
//! list's size, exact (no false positives, unlike hashed fingerprints of the same size), and
//! searched in place: a binary search over the blocks' first DOIs, then a walk through one
//! block. Nothing is parsed or allocated at start-up.
//!
//! ```text
//! "HLRW" u8 version=1 u8 block u16 0 u32 count u32 blocks   (little-endian)
//! u32 × blocks        offset of each block in the entries
//! entries             u8 shared | 0x80 if an expression of concern, u8 length, bytes
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::dates;
use super::manifest;

static TABLE: &[u8] = include_bytes!("../../data/retractions.bin");
/// The flag bit of an entry's first byte: the paper has an expression of concern, not a
/// retraction.
const CONCERN: u8 = 0x80;
const HEADER: usize = 16;

/// What a notice says about a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Nature {
    /// Editors' warning that the results may not be reliable; the paper stands for now.
    Concern,
    /// A retracted paper put back: it clears earlier notices.
    Reinstatement,
    Retraction,
}

/// The status of a paper in a user's Retraction Watch table: its latest notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub nature: Nature,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Reasons as Retraction Watch words them, without its `+` markers.
    pub reasons: Vec<String>,
}

/// A notice to report: what it is and where the knowledge comes from, for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice<'a> {
    pub nature: Nature,
    pub date: Option<&'a str>,
    pub reasons: &'a [String],
    /// The data's own date, `YYYY-MM-DD`.
    pub as_of: &'a str,
    /// "Retraction Watch data of 2026-08-08" or the user's file.
    pub source: String,
}

impl Notice<'static> {
    /// A notice from the compiled-in data, which has no dates or reasons.
    pub fn builtin(nature: Nature) -> Notice<'static> {
        let as_of = manifest::get().retractions.date.as_str();
        Notice {
            nature,
            date: None,
            reasons: &[],
            as_of,
            source: format!("Retraction Watch data of {as_of}"),
        }
    }
}

impl Notice<'_> {
    /// "was retracted on 2021-03-04 (fabrication of data; Retraction Watch data of …)".
    pub fn describe(&self, what: &str) -> String {
        let verb = match self.nature {
            Nature::Retraction => "was retracted",
            Nature::Concern => "is the subject of an expression of concern",
            Nature::Reinstatement => "was reinstated",
        };
        let date = self.date.map(|d| format!(" on {d}")).unwrap_or_default();
        let reasons = if self.reasons.is_empty() {
            String::new()
        } else {
            format!("{}; ", self.reasons.join("; "))
        };
        format!("{what} {verb}{date} ({reasons}{})", self.source)
    }
}

/// The nature of the notice on `doi` (lower case) in the compiled-in data.
pub fn builtin(doi: &str) -> Option<Nature> {
    let table = FrontCoded::new(TABLE)?;
    table.get(doi.as_bytes()).map(|flag| match flag {
        true => Nature::Concern,
        false => Nature::Retraction,
    })
}

/// The compiled-in table's counts: (retractions, expressions of concern).
pub fn builtin_counts() -> (usize, usize) {
    let Some(table) = FrontCoded::new(TABLE) else {
        return (0, 0);
    };
    let concerns = (0..table.blocks)
        .flat_map(|b| table.block(b))
        .filter(|(_, concern)| *concern)
        .count();
    (table.count - concerns, concerns)
}

/// A view of the front-coded table; see the module docs for the layout.
struct FrontCoded<'a> {
    count: usize,
    block: usize,
    blocks: usize,
    index: &'a [u8],
    entries: &'a [u8],
}

impl<'a> FrontCoded<'a> {
    fn new(bytes: &'a [u8]) -> Option<FrontCoded<'a>> {
        let u32_at = |at: usize| -> Option<usize> {
            let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
            Some(u32::from_le_bytes(b) as usize)
        };
        if bytes.get(..5)? != &b"HLRW\x01"[..] {
            return None;
        }
        let blocks = u32_at(12)?;
        let entries_at = HEADER + 4 * blocks;
        Some(FrontCoded {
            block: usize::from(*bytes.get(5)?),
            count: u32_at(8)?,
            blocks,
            index: bytes.get(HEADER..entries_at)?,
            entries: bytes.get(entries_at..)?,
        })
    }

    /// The entries of block `b`, decoded, with their concern flags.
    fn block(&self, b: usize) -> impl Iterator<Item = (Vec<u8>, bool)> + '_ {
        let start = self
            .index
            .get(4 * b..4 * b + 4)
            .and_then(|s| s.try_into().ok())
            .map_or(usize::MAX, |s: [u8; 4]| u32::from_le_bytes(s) as usize);
        let mut at = start;
        let mut current: Vec<u8> = Vec::new();
        let remaining = self.count.saturating_sub(b * self.block).min(self.block);
        (0..remaining).map_while(move |_| {
            let head = *self.entries.get(at)?;
            let len = usize::from(*self.entries.get(at + 1)?);
            let suffix = self.entries.get(at + 2..at + 2 + len)?;
            at += 2 + len;
            current.truncate(usize::from(head & !CONCERN));
            current.extend_from_slice(suffix);
            Some((current.clone(), head & CONCERN != 0))
        })
    }

    /// The concern flag of `key`, if the table holds it.
    fn get(&self, key: &[u8]) -> Option<bool> {
        // The last block whose first entry is at most `key`.
        let (mut lo, mut hi) = (0, self.blocks);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let first = self.block(mid).next()?.0;
            if first.as_slice() <= key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let b = lo.checked_sub(1)?;
        self.block(b)
            .find(|(entry, _)| entry.as_slice() >= key)
            .filter(|(entry, _)| entry.as_slice() == key)
            .map(|(_, concern)| concern)
    }
}

/// A Retraction Watch CSV as Crossref publishes it, reduced to each paper's latest notice.
#[derive(Debug)]
pub struct RetractionTable {
    pub path: PathBuf,
    by_doi: HashMap<String, Status>,
    by_pmid: HashMap<u32, Status>,
    /// The latest notice date in the file: how current the table is.
    pub latest: Option<String>,
    /// Papers with a current retraction or expression of concern.
    pub flagged: usize,
    source: String,
}

/// The columns the table needs, as Crossref names them.
const COLUMNS: [&str; 5] = [
    "OriginalPaperDOI",
    "OriginalPaperPubMedID",
    "RetractionNature",
    "RetractionDate",
    "Reason",
];

impl RetractionTable {
    /// Reads a Retraction Watch CSV. Each paper's latest notice wins (on the same day a
    /// retraction beats a reinstatement beats an expression of concern); corrections and other
    /// notices are left out.
    pub fn load(path: &Path) -> Result<RetractionTable, String> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .map_err(|e| e.to_string())?;
        let headers = reader.headers().map_err(|e| e.to_string())?.clone();
        let mut at = [0; 5];
        for (slot, name) in at.iter_mut().zip(COLUMNS) {
            *slot = headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == name)
                .ok_or_else(|| format!("no `{name}` column: is this a Retraction Watch CSV?"))?;
        }
        let mut by_doi: HashMap<String, Status> = HashMap::new();
        let mut by_pmid: HashMap<u32, Status> = HashMap::new();
        let mut latest: Option<String> = None;
        for record in reader.records() {
            let record = record.map_err(|e| e.to_string())?;
            let field = |i: usize| record.get(at[i]).unwrap_or("").trim();
            let nature = match field(2) {
                "Retraction" => Nature::Retraction,
                "Expression of concern" => Nature::Concern,
                "Reinstatement" => Nature::Reinstatement,
                _ => continue,
            };
            let status = Status {
                nature,
                date: dates::from_us(field(3)),
                reasons: field(4)
                    .split(';')
                    .map(|r| r.trim().trim_start_matches('+').trim())
                    .filter(|r| !r.is_empty())
                    .map(str::to_string)
                    .collect(),
            };
            if status.date > latest {
                latest.clone_from(&status.date);
            }
            let doi = field(0).to_lowercase();
            if doi.starts_with("10.") {
                keep_latest(by_doi.entry(doi).or_insert_with(|| status.clone()), &status);
            }
            if let Ok(pmid @ 1..) = field(1).parse::<u32>() {
                keep_latest(
                    by_pmid.entry(pmid).or_insert_with(|| status.clone()),
                    &status,
                );
            }
        }
        let flagged = by_doi
            .values()
            .filter(|s| s.nature != Nature::Reinstatement)
            .count();
        let name = path
            .file_name()
            .unwrap_or(path.as_os_str())
            .to_string_lossy();
        let source = match &latest {
            Some(date) => format!("Retraction Watch data to {date}, {name}"),
            None => format!("Retraction Watch data, {name}"),
        };
        Ok(RetractionTable {
            path: path.to_path_buf(),
            by_doi,
            by_pmid,
            latest,
            flagged,
            source,
        })
    }

    /// The latest notice on a lower-case DOI, if the table has the paper.
    pub fn doi(&self, doi: &str) -> Option<&Status> {
        self.by_doi.get(doi)
    }

    pub fn pmid(&self, pmid: u32) -> Option<&Status> {
        self.by_pmid.get(&pmid)
    }

    /// The notice to report for a status; `None` for a reinstated paper.
    pub fn notice<'a>(&'a self, status: &'a Status) -> Option<Notice<'a>> {
        (status.nature != Nature::Reinstatement).then(|| Notice {
            nature: status.nature,
            date: status.date.as_deref(),
            reasons: &status.reasons,
            as_of: self.latest.as_deref().unwrap_or(""),
            source: self.source.clone(),
        })
    }
}

/// Replaces `current` by `new` when `new` is later, or as late and weightier.
fn keep_latest(current: &mut Status, new: &Status) {
    if (&new.date, new.nature) > (&current.date, current.nature) {
        *current = new.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_table_is_exact() {
        // First, last and neighbouring entries of the shipped data (see data/README.md).
        assert_eq!(
            builtin("10.1001/archdermatol.2012.418"),
            Some(Nature::Retraction)
        );
        assert_eq!(builtin("10.1001/archdermatol.2012.41"), None);
        assert_eq!(builtin("10.1001/archdermatol.2012.4180"), None);
        assert_eq!(builtin("10.0000/none"), None);
        assert_eq!(builtin("99.9999/none"), None);
        assert_eq!(builtin(""), None);
        let (retractions, concerns) = builtin_counts();
        let m = &manifest::get().retractions;
        assert_eq!((retractions + concerns) as u64, m.rows);
        assert!(concerns > 1000 && retractions > 50_000);
    }

    #[test]
    fn every_entry_of_a_block_is_found() {
        let table = FrontCoded::new(TABLE).unwrap();
        for b in [0, 1, table.blocks / 2, table.blocks - 1] {
            for (doi, concern) in table.block(b).collect::<Vec<_>>() {
                assert_eq!(table.get(&doi), Some(concern));
            }
        }
    }

    #[test]
    fn csv_tables_keep_each_papers_latest_notice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rw.csv");
        std::fs::write(
            &path,
            "Record ID,Title,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,RetractionDate,Reason\n\
             1,\"A, B\",10.1/A,111,Expression of concern,1/2/2020 0:00,+Concerns/Issues About Data;\n\
             2,A,10.1/a,111,Retraction,3/4/2021 0:00,+Fabrication of Data;+Investigation by Journal/Publisher;\n\
             3,C,10.1/c,0,Retraction,1/1/2019 0:00,\n\
             4,C,10.1/c,0,Reinstatement,6/1/2019 0:00,\n\
             5,D,10.1/d,0,Correction,6/1/2022 0:00,\n",
        )
        .unwrap();
        let table = RetractionTable::load(&path).unwrap();
        let a = table.doi("10.1/a").unwrap();
        assert_eq!(a.nature, Nature::Retraction);
        assert_eq!(a.date.as_deref(), Some("2021-03-04"));
        assert_eq!(
            a.reasons,
            ["Fabrication of Data", "Investigation by Journal/Publisher"]
        );
        assert_eq!(table.pmid(111), Some(a));
        assert_eq!(table.doi("10.1/c").unwrap().nature, Nature::Reinstatement);
        assert!(table.notice(table.doi("10.1/c").unwrap()).is_none());
        assert_eq!(table.doi("10.1/d"), None);
        assert_eq!(table.latest.as_deref(), Some("2021-03-04"));
        assert_eq!(table.flagged, 1);
        let message = table.notice(a).unwrap().describe("the paper");
        assert!(message.starts_with("the paper was retracted on 2021-03-04 (Fabrication of Data;"));

        std::fs::write(&path, "doi,nature\n10.1/a,Retraction\n").unwrap();
        let error = RetractionTable::load(&path).unwrap_err();
        assert!(error.contains("OriginalPaperDOI"), "{error}");
    }
}
