//! Arbitrary bytes through the whole pipeline, as Markdown and as text: the invariants of
//! `fuzz/invariants.rs`. Run with `cargo +nightly fuzz run pipeline` (see README, "Fuzzing").
#![no_main]

use std::sync::OnceLock;

use healthlint::lint::Linter;
use libfuzzer_sys::fuzz_target;

#[path = "../invariants.rs"]
mod invariants;

/// Built once: compiling every rule pack costs far more than one input.
static LINTER: OnceLock<Linter> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    let linter = LINTER.get_or_init(invariants::linter);
    // One session reused across inputs, as a worker thread does, so that state leaking from
    // one file into the next shows up as a difference from a fresh session.
    thread_local! {
        static SESSION: std::cell::RefCell<Option<healthlint::lint::Session<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    SESSION.with(|cell| {
        let mut slot = cell.borrow_mut();
        let session = slot.get_or_insert_with(|| linter.session());
        invariants::check(linter, session, bytes);
    });
});
