//! Online fact-checking, opt-in (`--online` or `online = true`): each identifier a document
//! cites is looked up once in its registry — DOIs at doi.org (handle API) and Crossref, PubMed
//! and PubMed Central IDs in NCBI E-utilities, trial numbers in the ClinicalTrials.gov API —
//! for whether it exists, whether the registry knows of a retraction, and its title.
//!
//! Answers are cached on disk ([`cache`]) so a second run asks nothing; requests go out a few
//! at a time, spaced per host and pausing as long as a `429`/`503` `Retry-After` asks
//! ([`http`]). When a registry cannot be reached at all, the rest of the run stays offline and
//! [`Online::notice`] says so once; a lookup that fails (time-out, unreadable answer) is left
//! unjudged, never reported as a missing identifier. Base URLs are configurable, which is how
//! the tests point them at a local server.

pub mod cache;
pub mod http;
mod registries;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::factcheck::ids::Id;
use http::{Client, Failure};

/// Where and how to look things up; `[lookups]` in config, defaults for the public registries.
#[derive(Debug, Clone)]
pub struct Settings {
    pub doi_url: String,
    pub crossref_url: String,
    pub eutils_url: String,
    pub clinicaltrials_url: String,
    /// `None`: no disk cache (no cache directory could be found).
    pub cache_dir: Option<PathBuf>,
    pub cache_days: u64,
    pub timeout: Duration,
    /// Requests in flight at once, over the whole run.
    pub concurrency: usize,
}

/// The environment variable that overrides the cache directory (for tests and CI).
pub const CACHE_ENV: &str = "HEALTHLINT_CACHE_DIR";

impl Default for Settings {
    fn default() -> Settings {
        let cache_dir = std::env::var_os(CACHE_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| dirs::cache_dir().map(|d| d.join("healthlint")));
        Settings {
            doi_url: "https://doi.org".into(),
            crossref_url: "https://api.crossref.org".into(),
            eutils_url: "https://eutils.ncbi.nlm.nih.gov/entrez/eutils".into(),
            clinicaltrials_url: "https://clinicaltrials.gov/api/v2".into(),
            cache_dir,
            cache_days: 30,
            timeout: Duration::from_secs(10),
            concurrency: 4,
        }
    }
}

/// What a registry says about an identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lookup {
    Found(Record),
    /// The registry has no such identifier.
    Missing,
    /// Not known: the registry could not be asked or its answer not read.
    Unknown,
}

/// A registry's record of a paper or trial.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub title: Option<String>,
    /// Other titles the record goes by (a trial's official title).
    #[serde(default)]
    pub other_titles: Vec<String>,
    /// A retraction or expression of concern the registry links to the paper.
    pub update: Option<Update>,
}

/// A notice a registry links to a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    /// `true` for an expression of concern, `false` for a retraction or withdrawal.
    pub concern: bool,
    /// The notice's own DOI, when the registry gives it.
    pub notice: Option<String>,
    /// Which registry says so: "Crossref", "PubMed".
    pub registry: String,
}

/// The online side of a run: settings, HTTP client, caches and what went wrong.
pub struct Online {
    settings: Settings,
    client: Client,
    cache: cache::Cache,
    /// One slot per identifier, filled once: concurrent files citing the same paper wait for
    /// the one lookup.
    memo: Mutex<HashMap<Id, Arc<OnceLock<Lookup>>>>,
    /// Requests in flight, bounded by `settings.concurrency`.
    in_flight: (Mutex<usize>, Condvar),
    /// Set once a registry could not be reached: the rest of the run is offline.
    unreachable: OnceLock<String>,
    timed_out: AtomicUsize,
    unreadable: AtomicUsize,
    /// Requests actually sent, for the tests and the summary.
    pub requests: AtomicUsize,
}

impl Online {
    pub fn new(settings: Settings) -> Online {
        Online {
            client: Client::new(settings.timeout),
            cache: cache::Cache::new(
                settings.cache_dir.clone(),
                Duration::from_secs(settings.cache_days * 86_400),
            ),
            settings,
            memo: Mutex::default(),
            in_flight: (Mutex::new(0), Condvar::new()),
            unreachable: OnceLock::new(),
            timed_out: AtomicUsize::new(0),
            unreadable: AtomicUsize::new(0),
            requests: AtomicUsize::new(0),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What the registries say about each of `ids`, each looked up at most once per run.
    pub fn lookup_all(&self, ids: &[Id]) -> HashMap<Id, Lookup> {
        let slots: Vec<(Id, Arc<OnceLock<Lookup>>)> = {
            let Ok(mut memo) = self.memo.lock() else {
                return HashMap::new();
            };
            let mut unique = ids.to_vec();
            unique.sort();
            unique.dedup();
            unique
                .into_iter()
                .map(|id| {
                    let slot = memo.entry(id.clone()).or_default();
                    (id, Arc::clone(slot))
                })
                .collect()
        };
        let next = AtomicUsize::new(0);
        let workers = self.settings.concurrency.clamp(1, 16).min(slots.len());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    while let Some((id, slot)) = slots.get(next.fetch_add(1, Ordering::Relaxed)) {
                        slot.get_or_init(|| self.lookup(id));
                    }
                });
            }
        });
        slots
            .into_iter()
            .map(|(id, slot)| {
                let answer = slot.get().cloned().unwrap_or(Lookup::Unknown);
                (id, answer)
            })
            .collect()
    }

    /// One identifier: from the cache, else from its registry (and then into the cache).
    fn lookup(&self, id: &Id) -> Lookup {
        if let Some(answer) = self.cache.get(id) {
            return answer;
        }
        if self.unreachable.get().is_some() {
            return Lookup::Unknown;
        }
        match registries::resolve(self, id) {
            Ok(answer) => {
                self.cache.put(id, &answer);
                answer
            }
            Err(Failure::Unreachable(why)) => {
                let _ = self.unreachable.set(why);
                Lookup::Unknown
            }
            Err(Failure::Timeout) => {
                self.timed_out.fetch_add(1, Ordering::Relaxed);
                Lookup::Unknown
            }
            Err(Failure::Unreadable(_)) => {
                self.unreadable.fetch_add(1, Ordering::Relaxed);
                Lookup::Unknown
            }
        }
    }

    /// One GET, within the run's bound on requests in flight.
    fn get(&self, url: &str) -> Result<http::Reply, Failure> {
        let (count, freed) = &self.in_flight;
        {
            let mut n = count
                .lock()
                .map_err(|_| Failure::Unreadable("lock".into()))?;
            while *n >= self.settings.concurrency.max(1) {
                n = freed
                    .wait(n)
                    .map_err(|_| Failure::Unreadable("lock".into()))?;
            }
            *n += 1;
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let reply = self.client.get_json(url);
        if let Ok(mut n) = count.lock() {
            *n -= 1;
        }
        freed.notify_one();
        reply
    }

    /// What the user should know about the online side of the run, once, if anything went
    /// wrong: an unreachable registry, time-outs, unreadable answers.
    pub fn notice(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(why) = self.unreachable.get() {
            parts.push(format!(
                "could not reach the registries ({why}); the rest was checked offline"
            ));
        }
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let timed_out = self.timed_out.load(Ordering::Relaxed);
        if let Some(t) = count(timed_out, "lookup") {
            parts.push(format!(
                "{t} timed out and {} left unchecked",
                if timed_out == 1 { "was" } else { "were" }
            ));
        }
        let unreadable = self.unreadable.load(Ordering::Relaxed);
        if let Some(u) = count(unreadable, "registry answer") {
            parts.push(format!(
                "{u} could not be read and {} left unchecked",
                if unreadable == 1 { "was" } else { "were" }
            ));
        }
        (!parts.is_empty()).then(|| format!("online checks: {}", parts.join("; ")))
    }
}
