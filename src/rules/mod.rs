//! Rules: packs of data compiled into matchers once at start-up.

pub mod pack;
pub mod pattern;
