//! Tests that drive external tools, kept out of the `integration` binary because they are slow
//! (pre-commit runs git and a hook per test; the SARIF Multitool starts a .NET runtime): the
//! real `pre-commit` on the shipped hook manifest, two SARIF validators on the SARIF output,
//! headless Chromium on the HTML report, and real editor clients (headless Neovim, VS Code's
//! protocol library under node) on `healthlint server`.
//! `.ci/run` installs the tools; without them each test skips with a note, except under `CI`,
//! where it fails. `cargo test --lib --test integration` leaves this binary out.

mod editor_clients;
mod html_report_browser;
mod pre_commit;
mod sarif_validation;
