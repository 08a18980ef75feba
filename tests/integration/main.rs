//! Every integration test in one test binary: one link instead of one per file, which was most
//! of the time of `cargo test` on a fresh clone. Each module is one former `tests/*.rs` file;
//! run one with `cargo test --test integration MODULE::`. Tests that drive slow external tools
//! (pre-commit, the SARIF validators, a browser, editors) are the separate `external` binary.

mod action;
mod adversarial;
mod citations;
mod claim_families;
mod cli;
mod cli_conventions;
mod cli_formats;
mod common;
mod config_cli;
mod docs;
mod factcheck;
mod first_use;
mod fuzz_corpus;
mod html_report;
mod human_output;
// The raw JSON-RPC client `server` drives the language server with, shared with the server
// benchmark.
#[path = "../lsp_client/mod.rs"]
mod lsp_client;
mod max_file_size;
mod one_parse;
mod online;
mod pack_authoring;
mod packs_parse;
mod real_world;
mod repository;
mod rule_cases;
mod rule_examples;
mod schemas;
mod seeds;
mod server;
mod snapshots;
mod threads;
