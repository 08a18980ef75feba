//! What the compiled-in data sets are, where they came from and how old they are: written by
//! `scripts/build-data.py` next to the data, read for messages and `healthlint data`.

use std::sync::LazyLock;

use serde::Deserialize;

/// One data set as the manifest describes it.
#[derive(Debug, Deserialize)]
pub struct DataSet {
    pub file: String,
    pub title: String,
    pub source: String,
    pub licence: String,
    /// The date the data describes the world as of, `YYYY-MM-DD`.
    pub date: String,
    pub rows: u64,
}

/// Every compiled-in data set.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Manifest {
    pub retractions: DataSet,
    pub predatory: DataSet,
    pub doi_prefixes: DataSet,
}

static MANIFEST: LazyLock<Manifest> = LazyLock::new(|| {
    toml::from_str(include_str!("../../data/manifest.toml"))
        .expect("data/manifest.toml is valid (checked by a unit test)")
});

/// The manifest of the compiled-in data.
pub fn get() -> &'static Manifest {
    &MANIFEST
}

#[cfg(test)]
mod tests {
    #[test]
    fn manifest_parses_and_dates_are_dates() {
        let m = super::get();
        for set in [&m.retractions, &m.predatory, &m.doi_prefixes] {
            assert!(
                crate::factcheck::dates::days(&set.date).is_some(),
                "{}",
                set.date
            );
            assert!(set.rows > 0);
        }
    }
}
