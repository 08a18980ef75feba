// Drives `healthlint server` with the protocol library VS Code's language client is built on
// (vscode-languageserver-protocol over vscode-jsonrpc), as the extension does: the same
// initialization options and configuration section, pull diagnostics (VS Code pulls), UTF-16
// positions, code actions, hover, the docs command, shutdown and exit.
//
// Usage: node test/protocol.js PATH/TO/healthlint WORK_DIR
// Prints one line per check and exits non-zero at the first failure.

"use strict";

const assert = require("node:assert/strict");
const cp = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const rpc = require("vscode-languageserver-protocol/node");

const [binary, workDir] = process.argv.slice(2);
if (!binary || !workDir) {
  console.error("usage: node test/protocol.js HEALTHLINT_BINARY WORK_DIR");
  process.exit(2);
}

const text = "Café 😀 résumé: this tea is a miracle cure.\n\nThis tea is not a miracle cure.\n";
const prefix = "Café 😀 résumé: this tea is a ";

function check(name, fn) {
  fn();
  console.log(`ok - ${name}`);
}

async function main() {
  const file = path.join(workDir, "tea.md");
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const child = cp.spawn(binary, ["server"], { cwd: workDir, stdio: ["pipe", "pipe", "inherit"] });
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const shown = [];
  connection.onRequest(rpc.ShowDocumentRequest.type, (params) => {
    shown.push(params);
    return { success: true };
  });
  connection.onRequest(rpc.RegistrationRequest.type, () => null);
  connection.onRequest(rpc.DiagnosticRefreshRequest.type, () => null);
  connection.listen();

  const init = await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workDir).toString(),
    workspaceFolders: [{ uri: pathToFileURL(workDir).toString(), name: "work" }],
    capabilities: {
      general: { positionEncodings: ["utf-16"] },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: true },
        diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } },
        hover: { contentFormat: ["markdown", "plaintext"] },
      },
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
      },
      window: { showDocument: { support: true } },
    },
    initializationOptions: { enable: true, enablePacks: [], minimumSeverity: "info" },
  });
  connection.sendNotification(rpc.InitializedNotification.type, {});
  check("initialize: UTF-16, incremental sync, pull diagnostics", () => {
    assert.equal(init.capabilities.positionEncoding, "utf-16");
    assert.equal(init.capabilities.textDocumentSync.change, rpc.TextDocumentSyncKind.Incremental);
    assert.equal(init.capabilities.diagnosticProvider.identifier, "healthlint");
  });

  connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text },
  });
  const report = await connection.sendRequest(rpc.DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  });
  const start = [...prefix].reduce((n, ch) => n + (ch.codePointAt(0) > 0xffff ? 2 : 1), 0);
  check("diagnostic on the claim, none on its negated twin, exact UTF-16 range", () => {
    assert.equal(report.kind, "full");
    assert.equal(report.items.length, 1);
    const [d] = report.items;
    assert.equal(d.code, "hype/miracle-language");
    assert.match(d.codeDescription.href, /docs\/rules\.md#hype-miracle-language$/);
    assert.equal(d.severity, rpc.DiagnosticSeverity.Warning);
    assert.deepEqual(d.range, {
      start: { line: 0, character: start },
      end: { line: 0, character: start + 7 },
    });
  });

  const [diagnostic] = report.items;
  const actions = await connection.sendRequest(rpc.CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ["quickfix"] },
  });
  check("quick fixes: suggestions, suppressions, docs", () => {
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Replace with “a treatment option”"), titles.join(" | "));
    assert.ok(titles.some((t) => t.startsWith("Silence hype/miracle-language on this line")));
    assert.ok(titles.some((t) => t.startsWith("Open the documentation")));
  });

  const hover = await connection.sendRequest(rpc.HoverRequest.type, {
    textDocument: { uri },
    position: { line: 0, character: start + 1 },
  });
  check("hover explains the rule", () => {
    assert.equal(hover.contents.kind, "markdown");
    assert.match(hover.contents.value, /### Why/);
    assert.match(hover.contents.value, /### Better phrasing/);
  });

  // Apply the first replacement as VS Code would, as an incremental change.
  const edit = actions[0].edit.changes[uri][0];
  connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: edit.range, text: edit.newText }],
  });
  const after = await connection.sendRequest(rpc.DocumentDiagnosticRequest.type, {
    textDocument: { uri },
    previousResultId: report.resultId,
  });
  check("after the quick fix the claim is gone", () => {
    assert.equal(after.kind, "full");
    assert.deepEqual(after.items, []);
  });

  // The settings section, as `synchronize.configurationSection` sends it.
  connection.sendNotification(rpc.DidChangeConfigurationNotification.type, {
    settings: { healthlint: { enable: true, enablePacks: ["regulatory"], minimumSeverity: "info" } },
  });
  connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [{ text: "Lose 30 pounds in 30 days.\n" }],
  });
  const regulatory = await connection.sendRequest(rpc.DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  });
  check("settings switch on a pack", () => {
    assert.ok(regulatory.items.some((d) => String(d.code).startsWith("regulatory/")));
  });

  const command = actions.find((a) => a.command).command;
  await connection.sendRequest(rpc.ExecuteCommandRequest.type, {
    command: command.command,
    arguments: command.arguments,
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  check("the docs command opens the rule's page", () => {
    assert.equal(shown.length, 1);
    assert.equal(shown[0].external, true);
    assert.match(shown[0].uri, /#hype-miracle-language$/);
  });

  await connection.sendRequest(rpc.ShutdownRequest.type);
  connection.sendNotification(rpc.ExitNotification.type);
  const code = await new Promise((resolve) => child.on("exit", resolve));
  check("shutdown then exit ends the server with 0", () => assert.equal(code, 0));
  connection.dispose();
}

main().catch((error) => {
  console.error(`not ok - ${error.stack || error}`);
  process.exit(1);
});
