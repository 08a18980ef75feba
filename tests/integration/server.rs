//! `healthlint server` driven over stdio with raw JSON-RPC, as an editor would: the lifecycle,
//! diagnostics while typing (push and pull), positions in UTF-16 and UTF-8, quick fixes, hover,
//! configuration reloads, and hostile input.

use std::path::Path;

use crate::lsp_client::{file_uri, utf16_len, Client};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_healthlint");

/// A claim after accents and an emoji, so UTF-16 and UTF-8 columns differ from characters.
const PREFIX: &str = "Café 😀 résumé: this tea is a ";
const CLAIM: &str =
    "Café 😀 résumé: this tea is a miracle cure.\n\nThis tea is not a miracle cure.\n";

fn start(dir: &Path) -> Client {
    Client::start(Path::new(BIN), dir, &[])
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

/// Applies a text edit (single-line positions, UTF-16 columns) to `text`.
fn apply(text: &str, edit: &Value) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let column = position["character"].as_u64().unwrap();
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (at, ch) in text[start..].char_indices() {
            if units >= column {
                return start + at;
            }
            units += ch.len_utf16() as u64;
        }
        text.len()
    };
    let (start, end) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[end..]
    )
}

#[test]
fn diagnostics_actions_and_hover_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = start(dir.path());
    let init = client.initialize(json!({}), Value::Null, dir.path());
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    let uri = file_uri(&dir.path().join("tea.md"));
    client.open(&uri, "markdown", CLAIM);

    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(
        codes(&diagnostics),
        ["hype/miracle-language"],
        "the negated twin is quiet"
    );
    let d = &diagnostics[0];
    let start = utf16_len(PREFIX);
    assert_eq!(
        d["range"],
        json!({"start": {"line": 0, "character": start}, "end": {"line": 0, "character": start + 7}})
    );
    assert_eq!(d["severity"], 2);
    assert_eq!(d["source"], "healthlint");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/healthlint/healthlint/blob/main/docs/rules.md#hype-miracle-language"
    );
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("miracle") && message.contains("Try: "),
        "{message}"
    );

    // Quick fixes at the flagged phrase: each suggestion, two suppressions, the docs.
    let range = d["range"].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": [d]}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace with “effective for some people”",
            "Replace with “a treatment option”",
            "Replace with “an ingredient”",
            "Silence hype/miracle-language on this line (give the reason)",
            "Silence hype/miracle-language in this file (give the reason)",
            "Open the documentation of hype/miracle-language",
        ]
    );
    let replace = &actions[0]["edit"]["changes"][&uri][0];
    let fixed = apply(CLAIM, replace);
    assert!(fixed.starts_with("Café 😀 résumé: this tea is a effective for some people cure."));
    let suppress = &actions[3]["edit"]["changes"][&uri][0];
    assert_eq!(
        suppress["newText"],
        "<!-- healthlint-disable-next-line hype/miracle-language -- TODO: say why -->\n"
    );

    // Hover: the rule's own documentation.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": start + 2}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    for part in [
        "`hype/miracle-language`",
        "What it flags",
        "Why",
        "Better phrasing",
        "References",
    ] {
        assert!(value.contains(part), "hover lacks {part}: {value}");
    }
    assert_eq!(hover["result"]["range"], range);
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}}),
    );
    assert_eq!(nothing["result"], Value::Null);

    // An incremental edit: delete "miracle " (UTF-16 columns), then the diagnostics clear.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 0, "character": start}, "end": {"line": 0, "character": start + 8}},
                "text": ""
            }]
        }),
    );
    assert_eq!(client.diagnostics(&uri, Some(2)), Vec::<Value>::new());
    // Typing it back, character by character, brings the finding back at the same place.
    for (i, ch) in "miracle ".chars().enumerate() {
        let at = json!({"line": 0, "character": start + i as u64});
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": 3 + i},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": ch.to_string()}]
            }),
        );
    }
    let diagnostics = client.diagnostics(&uri, Some(10));
    assert_eq!(codes(&diagnostics), ["hype/miracle-language"]);
    assert_eq!(diagnostics[0]["range"], range);

    // Applying the suppression (the editor sends the edit back) silences it.
    let suppressed = apply(CLAIM, suppress);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 11}, "contentChanges": [{"text": suppressed}]}),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.diagnostics(&uri, Some(11)), Vec::<Value>::new());

    // The docs action asks the client to open the rule's page.
    let command = &actions[5]["command"];
    let done = client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(done["result"], Value::Null);
    let show = client.expect(|m| m["method"] == "window/showDocument");
    assert_eq!(show["params"]["external"], true);
    assert!(show["params"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("#hype-miracle-language"));

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.diagnostics(&uri, None), Vec::<Value>::new());
    assert!(client.shutdown().success(), "exit after shutdown is 0");
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = start(dir.path());
    let caps = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    let init = client.initialize(caps, Value::Null, dir.path());
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let uri = file_uri(&dir.path().join("tea.txt"));
    client.open(&uri, "plaintext", CLAIM);
    let diagnostics = client.diagnostics(&uri, Some(1));
    let start = PREFIX.len() as u64;
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 0, "character": start}, "end": {"line": 0, "character": start + 7}})
    );
    // An edit in UTF-8 columns: replace the emoji (4 bytes) with "x".
    let emoji = "Café ".len() as u64;
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 0, "character": emoji}, "end": {"line": 0, "character": emoji + 4}},
                "text": "x"
            }]
        }),
    );
    let diagnostics = client.diagnostics(&uri, Some(2));
    assert_eq!(diagnostics[0]["range"]["start"]["character"], start - 3);
    assert!(client.shutdown().success());
}

#[test]
fn pull_diagnostics_for_clients_that_ask() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = start(dir.path());
    let caps = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let init = client.initialize(caps, Value::Null, dir.path());
    assert_eq!(
        init["result"]["capabilities"]["diagnosticProvider"]["identifier"],
        "healthlint"
    );
    let uri = file_uri(&dir.path().join("tea.md"));
    client.open(&uri, "markdown", CLAIM);
    let report = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    let report = &report["result"];
    assert_eq!(report["kind"], "full");
    assert_eq!(
        codes(report["items"].as_array().unwrap()),
        ["hype/miracle-language"]
    );
    let again = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": report["resultId"]}),
    );
    assert_eq!(again["result"]["kind"], "unchanged");
    // A pull right after an edit sees the edit, without waiting for the pause in typing.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "Fine.\n"}]}),
    );
    let after = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(after["result"]["items"], json!([]));
    assert!(client.shutdown().success());
}

#[test]
fn incremental_relints_match_a_fresh_lint() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = start(dir.path());
    let caps = json!({"textDocument": {"diagnostic": {}}});
    client.initialize(caps, Value::Null, dir.path());
    let article = "# A miracle cure?\n\nStudies show that it works.\n\n\
                   Our tea cures arthritis[^1].\n\nIt is 100% safe.\n\n";
    let edited_uri = file_uri(&dir.path().join("edited.md"));
    client.open(&edited_uri, "markdown", article);
    let mut text = article.to_string();
    // Each edit changes what another block's findings depend on: a footnote definition that
    // resolves a marker, a source line right after a claim, a negation, a fence.
    let edits: &[(&str, &str)] = &[
        ("", "[^1]: Smith J. Tea. https://example.org/tea\n"),
        (
            "Studies show that it works.\n",
            "Studies show that it works.\nSource: NHS, 2020\n",
        ),
        ("It is 100% safe.", "It is not 100% safe."),
        ("# A miracle cure?\n", "```\n# A miracle cure?\n"),
        ("```\n", ""),
        ("Our tea", "Our green tea"),
    ];
    for (version, (old, new)) in edits.iter().enumerate() {
        let (start, end) = if old.is_empty() {
            (text.len(), text.len())
        } else {
            let at = text.find(old).unwrap();
            (at, at + old.len())
        };
        let position = |offset: usize| {
            let line = text[..offset].matches('\n').count();
            let column = utf16_len(&text[text[..offset].rfind('\n').map_or(0, |n| n + 1)..offset]);
            json!({"line": line, "character": column})
        };
        let range = json!({"start": position(start), "end": position(end)});
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": edited_uri, "version": version + 2},
                "contentChanges": [{"range": range, "text": new}]
            }),
        );
        text.replace_range(start..end, new);
        let edited = client.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": edited_uri}}),
        );
        let fresh_uri = file_uri(&dir.path().join(format!("fresh-{version}.md")));
        client.open(&fresh_uri, "markdown", &text);
        let fresh = client.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": fresh_uri}}),
        );
        assert_eq!(
            edited["result"]["items"], fresh["result"]["items"],
            "after edit {version} the text is:\n{text}"
        );
    }
    assert!(client.shutdown().success());
}

/// Whether the headline's causal claim is flagged depends on the rest of the article ("In
/// mice", "randomized" anywhere in it): an edit to another paragraph changes the title's
/// finding, which a cache keyed on the title's own text would keep as it was.
#[test]
fn an_edit_elsewhere_changes_the_headline_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = start(dir.path());
    let caps = json!({"textDocument": {"diagnostic": {}}});
    client.initialize(caps, Value::Null, dir.path());
    let uri = file_uri(&dir.path().join("coffee.md"));
    let article = "# Coffee prevents liver cancer\n\n\
                   Researchers asked coffee drinkers about their health.\n\n\
                   The people who drank coffee had fewer cancers.\n\n\
                   More research is planned.\n";
    client.open(&uri, "markdown", article);
    let title_codes = |client: &mut Client, version: i64, edit: Option<(u32, u32, &str)>| {
        if let Some((line, column, text)) = edit {
            let at = json!({"line": line, "character": column});
            client.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": at, "end": at}, "text": text}]
                }),
            );
        }
        let pulled = client.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        let items = pulled["result"]["items"].as_array().unwrap().clone();
        let title: Vec<Value> = (items.into_iter())
            .filter(|d| d["range"]["start"]["line"] == 0)
            .collect();
        codes(&title)
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let efficacy = ["claims/product-efficacy-claim"];
    assert_eq!(title_codes(&mut client, 1, None), efficacy);
    // An animal study two paragraphs down (out of reach of the title's citations): the
    // headline overstates it.
    let mice = title_codes(&mut client, 2, Some((4, 0, "In mice, ")));
    assert_eq!(mice, ["claims/causal-headline"]);
    // A randomized trial in the last paragraph can show cause and effect.
    let trial = title_codes(&mut client, 3, Some((6, 24, " in a randomized trial")));
    assert_eq!(trial, efficacy);
    assert!(client.shutdown().success());
}

#[test]
fn configuration_discovery_reload_and_client_settings() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("healthlint.toml");
    std::fs::write(&config, "ignore = [\"hype/miracle-language\"]\n").unwrap();
    let mut client = start(dir.path());
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    client.initialize(caps, Value::Null, dir.path());
    let uri = file_uri(&dir.path().join("tea.md"));
    let text = format!("{CLAIM}\nStudies show that it works.\n");
    client.open(&uri, "markdown", &text);
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(
        codes(&diagnostics),
        ["citations/vague-research-attribution"]
    );
    let watcher = client.expect(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        watcher["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );

    // A broken config: an error on the config file, and the last good one stays in force.
    std::fs::write(&config, "ignroe = [\"hype/miracle-language\"]\n").unwrap();
    let config_uri = file_uri(&config);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let errors = client.diagnostics(&config_uri, None);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0]["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 6}})
    );
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `ignore`?"));
    assert_eq!(
        codes(&client.diagnostics(&uri, Some(1))),
        ["citations/vague-research-attribution"]
    );

    // Fixed again: the error clears.
    std::fs::write(&config, "ignore = [\"citations\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    assert_eq!(client.diagnostics(&config_uri, None), Vec::<Value>::new());
    assert_eq!(
        codes(&client.diagnostics(&uri, Some(1))),
        ["hype/miracle-language"]
    );

    // Client settings: a minimum severity, then linting switched off.
    let settings = json!({"settings": {"healthlint": {"minimumSeverity": "error"}}});
    client.notify("workspace/didChangeConfiguration", settings);
    assert_eq!(client.diagnostics(&uri, Some(1)), Vec::<Value>::new());
    let settings = json!({"settings": {"healthlint": {"minimumSeverity": "info"}}});
    client.notify("workspace/didChangeConfiguration", settings);
    assert_eq!(
        codes(&client.diagnostics(&uri, Some(1))),
        ["hype/miracle-language"]
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"enable": false}}),
    );
    assert_eq!(client.diagnostics(&uri, Some(1)), Vec::<Value>::new());
    assert!(client.shutdown().success());
}

#[test]
fn initialization_options_switch_on_packs() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = start(dir.path());
    let options = json!({"enablePacks": ["regulatory"], "minimumSeverity": "warning"});
    client.initialize(json!({}), options, dir.path());
    let uri = file_uri(&dir.path().join("ad.md"));
    client.open(&uri, "markdown", "Lose 30 pounds in 30 days.\n");
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert!(
        codes(&diagnostics)
            .iter()
            .any(|c| c.starts_with("regulatory/")),
        "{diagnostics:#?}"
    );
    assert!(client.shutdown().success());
}

#[test]
fn hostile_input_gets_errors_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(
        Path::new(BIN),
        dir.path(),
        &[("HEALTHLINT_SERVER_TEST_PANIC", "PANIC-HERE")],
    );
    // Before initialize: requests are refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(json!({}), Value::Null, dir.path());

    // Not JSON; JSON that is no message; a length that is no number. Each gets an error, and
    // the server keeps going.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let parse_error = client.expect(|m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);
    client.send(&json!({"jsonrpc": "2.0", "id": 99, "method": 5}));
    let invalid = client.expect(|m| m["id"] == 99);
    assert_eq!(invalid["error"]["code"], -32600);
    client.send_raw(b"Content-Length: lots\r\n\r\n");
    client.expect(|m| m["error"]["code"] == -32700 && m["id"].is_null());

    let unknown_method = client.request("textDocument/unheardOf", json!({}));
    assert_eq!(unknown_method["error"]["code"], -32601);
    let bad_params = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad_params["error"]["code"], -32602);
    let unknown_doc = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(unknown_doc["error"]["code"], -32602);
    assert!(unknown_doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("unknown document"));

    let uri = file_uri(&dir.path().join("tea.md"));
    client.open(&uri, "markdown", CLAIM);
    client.diagnostics(&uri, Some(1));
    for position in [
        json!({"line": 0, "character": 500}),
        json!({"line": 40, "character": 0}),
    ] {
        let outside = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        );
        assert_eq!(outside["error"]["code"], -32602, "{outside}");
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": position, "end": position},
                   "context": {"diagnostics": []}}),
        );
        assert_eq!(actions["error"]["code"], -32602, "{actions}");
    }
    // Edits past the end are clamped; an edit to an unknown document is logged.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 99, "character": 0}, "end": {"line": 120, "character": 5}},
            "text": "It is a miracle cure."
        }]}),
    );
    assert_eq!(client.diagnostics(&uri, Some(2)).len(), 2);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.md", "version": 2}, "contentChanges": []}),
    );
    client.notification("window/logMessage", |p| {
        p["message"]
            .as_str()
            .unwrap_or("")
            .contains("unknown document")
    });

    // A panic while linting one document is caught, logged, and the server keeps serving.
    let crash_uri = file_uri(&dir.path().join("crash.md"));
    client.open(&crash_uri, "markdown", "PANIC-HERE and a miracle cure.\n");
    let logged = client.notification("window/logMessage", |p| p["type"] == 1);
    assert!(logged["params"]["message"]
        .as_str()
        .unwrap()
        .contains("crashed linting"));
    assert_eq!(client.diagnostics(&crash_uri, Some(1)), Vec::<Value>::new());
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.get("error").is_none(), "{hover}");

    // After shutdown only exit is accepted; exit without shutdown would be code 1.
    let response = client.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert!(client.wait().success());

    let mut abrupt = start(dir.path());
    abrupt.initialize(json!({}), Value::Null, dir.path());
    abrupt.notify("exit", Value::Null);
    assert_eq!(abrupt.wait().code(), Some(1));
}
