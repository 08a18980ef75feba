//! Fact-checking cited sources against the public record: retraction notices, lists of
//! predatory journals, who publishes which journal, and (with `--online`) the registries
//! themselves.
//!
//! The reference data is compiled into the binary in compact forms that cost nothing until a
//! document cites something (see `data/README.md` for where each set comes from and
//! `scripts/build-data.py` for how it is built). What the checks of `lints/factcheck.toml` and
//! `lints/predatory-journals.toml` consult is gathered in one [`Facts`] per run.

pub mod dates;
pub mod ids;
pub mod journals;
pub mod manifest;
pub mod numbers;
pub mod predatory;
pub mod retractions;

use std::sync::Arc;

use crate::online::Online;
use retractions::{Notice, RetractionTable, Status};

/// What the fact-checking rules consult, for one run: the built-in data, the newer Retraction
/// Watch tables users point their config at, and the online registries when asked for.
#[derive(Default)]
pub struct Facts {
    /// Tables loaded from config's `retractions = "…csv"`, consulted before the built-in data.
    pub tables: Vec<RetractionTable>,
    /// Registry lookups, with `--online` or `online = true`.
    pub online: Option<Arc<Online>>,
}

impl Facts {
    /// The retraction status of a DOI (any case): the first user table that knows the paper
    /// decides (a reinstatement there clears it), else the built-in data.
    pub fn doi_status(&self, doi: &str) -> Option<Notice<'_>> {
        let doi = doi.to_lowercase();
        for table in &self.tables {
            if let Some(status) = table.doi(&doi) {
                return table.notice(status);
            }
        }
        retractions::builtin(&doi).map(Notice::builtin)
    }

    /// The retraction status of a PubMed ID: only user tables have PMIDs.
    pub fn pmid_status(&self, pmid: u32) -> Option<Notice<'_>> {
        self.tables
            .iter()
            .find_map(|t| t.pmid(pmid).map(|s: &Status| (t, s)))
            .and_then(|(t, s)| t.notice(s))
    }
}
