//! The context model shared by every rule: is a matched phrase asserted by the writer, or is it
//! negated, hedged, asked, reported, mentioned or an instruction?

use serde::{Deserialize, Serialize};

/// A reason a matched phrase is not the writer's own claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContextKind {
    /// "has not been proven safe", "there is no cure", "could not confirm".
    Negated,
    /// "may improve", "early results suggest", "it is unclear whether".
    Hedged,
    /// "Is it proven? Not yet."
    Question,
    /// "claims that the tea cures cancer are false", "is marketed as a miracle".
    Reported,
    /// The phrase is talked about, not used: "avoid words like “miracle”".
    Mention,
    /// "Always read the label", "Never stop your medication without advice".
    Instruction,
}
