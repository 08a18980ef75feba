//! A claim whose only support is a weak source: a low-credibility site, a press release or a
//! social-media post. Press releases are where most exaggeration in health news starts (Sumner
//! et al. 2014); MEDRS and HONcode ask for sources a reader can weigh.

use super::{CheckHit, Claim};

/// Flags every citation of the claim when all of them are weak; quiet as soon as one is not
/// (or cannot be placed in a tier: an unknown site, a DOI, an author–year citation).
pub fn weak(claim: &Claim) -> Vec<CheckHit> {
    let mut hits = Vec::new();
    for support in claim.supports {
        let tier = support
            .url
            .as_deref()
            .and_then(|url| claim.sources.tier_of(url));
        match tier {
            Some((tier, domain)) if tier.is_weak() => hits.push(CheckHit {
                span: support.span.clone(),
                message: Some(format!(
                    "this claim rests on {} ({domain}) and no stronger source",
                    claim.sources.describe(tier)
                )),
            }),
            _ => return Vec::new(),
        }
    }
    hits
}
