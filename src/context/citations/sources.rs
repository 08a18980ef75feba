//! Source tiers: what kind of site a cited web address belongs to, from the data pack
//! `lints/sources.toml` (compiled in, parsed once) plus whatever users add from config.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::Deserialize;

/// How much a kind of source can carry a health claim.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Journals, bibliographic databases, public-health agencies.
    Primary,
    /// News, encyclopaedias, consumer-health sites.
    Secondary,
    /// Sites known for pseudoscience or health misinformation.
    LowCredibility,
    /// Press-release wires.
    PressRelease,
    /// Social media.
    Social,
}

impl Tier {
    /// Whether a claim supported by nothing better than this should be flagged.
    pub fn is_weak(self) -> bool {
        matches!(
            self,
            Tier::LowCredibility | Tier::PressRelease | Tier::Social
        )
    }
}

/// One tier as written in the data pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TierList {
    description: String,
    domains: Vec<String>,
}

/// Domains by tier, matched with their subdomains.
#[derive(Debug, Clone, Default)]
pub struct SourceTiers {
    domains: HashMap<String, Tier>,
    descriptions: BTreeMap<Tier, String>,
}

static BUILTIN: LazyLock<SourceTiers> = LazyLock::new(|| {
    SourceTiers::parse(include_str!("../../../lints/sources.toml"))
        .expect("lints/sources.toml is valid (checked by a unit test)")
});

impl SourceTiers {
    /// The tiers compiled into the binary.
    pub fn builtin() -> &'static SourceTiers {
        &BUILTIN
    }

    /// Parses a sources data pack (see `lints/sources.toml`).
    pub fn parse(text: &str) -> Result<SourceTiers, toml::de::Error> {
        let lists: BTreeMap<Tier, TierList> = toml::from_str(text)?;
        let mut tiers = SourceTiers::default();
        for (tier, list) in lists {
            tiers.descriptions.insert(tier, list.description);
            tiers.merge(tier, &list.domains);
        }
        Ok(tiers)
    }

    /// Adds domains to a tier (moving them out of any other): how config extends the list.
    pub fn merge(&mut self, tier: Tier, domains: impl IntoIterator<Item = impl AsRef<str>>) {
        for domain in domains {
            let domain = domain.as_ref().trim().trim_start_matches("www.");
            self.domains.insert(domain.to_ascii_lowercase(), tier);
        }
    }

    /// The tier of the site `url` points to and the listed domain that matched: the longest
    /// listed suffix of its host, so `news.example.org` can be listed apart from `example.org`.
    pub fn tier_of<'a>(&'a self, url: &str) -> Option<(Tier, &'a str)> {
        let host = host(url)?;
        let mut rest = host.as_str();
        loop {
            if let Some((domain, tier)) = self.domains.get_key_value(rest) {
                return Some((*tier, domain.as_str()));
            }
            rest = rest.split_once('.')?.1;
        }
    }

    /// What a tier's sources are, in words ("a press release").
    pub fn describe(&self, tier: Tier) -> &str {
        self.descriptions
            .get(&tier)
            .map_or("a listed source", String::as_str)
    }
}

/// The lower-cased host of a web address with or without scheme (`https://www.x.org/a` →
/// `www.x.org`); `None` for things that are not web addresses (`mailto:`, labels, anchors).
fn host(url: &str) -> Option<String> {
    let rest = match url.split_once("://") {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
        {
            rest
        }
        Some(_) => return None,
        // `mailto:a@b.org`, `a@b.org`: not a site.
        None if url.split(['/', '?', '#']).next()?.contains([':', '@']) => return None,
        None => url,
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (host.contains('.') && !host.starts_with('.')).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_parses_and_tiers_are_disjoint() {
        let text = include_str!("../../../lints/sources.toml");
        let lists: BTreeMap<Tier, TierList> = toml::from_str(text).expect("valid");
        assert_eq!(lists.len(), 5);
        let mut seen = HashMap::new();
        for (tier, list) in &lists {
            for d in &list.domains {
                assert_eq!(d, &d.to_ascii_lowercase(), "{d}: lower case");
                if let Some(other) = seen.insert(d.clone(), *tier) {
                    panic!("{d} is listed as {other:?} and {tier:?}");
                }
            }
        }
    }

    #[test]
    fn hosts_and_subdomains() {
        let tiers = SourceTiers::builtin();
        let tier = |url| tiers.tier_of(url).map(|(t, _)| t);
        assert_eq!(
            tier("https://www.naturalnews.com/2020/x.html"),
            Some(Tier::LowCredibility)
        );
        assert_eq!(
            tier("http://user@m.facebook.com:443/post/1"),
            Some(Tier::Social)
        );
        assert_eq!(tier("www.prnewswire.com/news"), Some(Tier::PressRelease));
        assert_eq!(
            tier("https://pubmed.ncbi.nlm.nih.gov/123/"),
            Some(Tier::Primary)
        );
        assert_eq!(tier("https://health.harvard.edu/x"), Some(Tier::Secondary));
        assert_eq!(tier("https://example.com"), None);
        assert_eq!(tier("https://notfacebook.com"), None);
        assert_eq!(tier("mailto:a@facebook.com"), None);
        assert_eq!(tier("#section"), None);
        assert_eq!(tiers.describe(Tier::PressRelease), "a press release");
    }

    #[test]
    fn merge_moves_domains_between_tiers() {
        let mut tiers = SourceTiers::builtin().clone();
        tiers.merge(Tier::Primary, ["www.youtube.com"]);
        tiers.merge(Tier::LowCredibility, ["Quack.Example"]);
        assert_eq!(
            tiers.tier_of("https://youtube.com/watch").map(|t| t.0),
            Some(Tier::Primary)
        );
        assert_eq!(
            tiers.tier_of("https://www.quack.example/a"),
            Some((Tier::LowCredibility, "quack.example"))
        );
    }
}
