//! How wide the user's output is, for the human report and `--help` alike.

use std::io::IsTerminal;

/// Columns when the output is not a terminal (a pipe, a file, CI logs).
const NOT_A_TERMINAL: usize = 80;

/// `COLUMNS` when set to a number (the shells' convention, which clap's help wrapping follows
/// too; it also lets tests pin a width), else the terminal's width when standard output is one,
/// else 80.
pub fn width() -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    from_env
        .filter(|&w: &usize| w > 0)
        .or_else(|| {
            std::io::stdout()
                .is_terminal()
                .then(terminal_size::terminal_size)
                .flatten()
                .map(|(w, _)| usize::from(w.0))
        })
        .unwrap_or(NOT_A_TERMINAL)
}
