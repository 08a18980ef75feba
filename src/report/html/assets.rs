//! The page's own style and script, inlined, and the Content-Security-Policy that lets exactly
//! these two run: each is named by its SHA-256 hash, so no other script or style can, whatever
//! a linted file contains, and the page may load nothing from anywhere (`default-src 'none'`).

use base64::Engine;
use sha2::{Digest, Sha256};

pub const STYLE: &str = include_str!("page.css");
pub const SCRIPT: &str = include_str!("page.js");

/// The policy for the page's `<meta http-equiv="Content-Security-Policy">`.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src 'none'; base-uri 'none'; form-action 'none'",
        hash(SCRIPT),
        hash(STYLE)
    )
}

/// A CSP hash source for an inline element's exact text.
fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_the_csp_spec_example() {
        // The CSP Level 3 specification's example: `alert('Hello, world.');`.
        assert_eq!(
            hash("alert('Hello, world.');"),
            "sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="
        );
    }
}
