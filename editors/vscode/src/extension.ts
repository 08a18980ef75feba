// Starts `healthlint server` for Markdown and plain-text documents. Everything else (diagnostics,
// hover, quick fixes, opening a rule's documentation) is the language server's; this extension
// only launches it and passes on the user's settings.

import { ExtensionContext, workspace } from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The `healthlint.*` settings the server reads (see the README's settings table). */
function settings() {
  const config = workspace.getConfiguration("healthlint");
  return {
    enable: config.get<boolean>("enable", true),
    enablePacks: config.get<string[]>("enablePacks", []),
    minimumSeverity: config.get<string>("minimumSeverity", "info"),
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const command = workspace.getConfiguration("healthlint").get<string>("path", "healthlint");
  const serverOptions: ServerOptions = {
    command,
    args: ["server"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: settings(),
    // Sends `workspace/didChangeConfiguration` with the `healthlint` section when it changes.
    synchronize: { configurationSection: "healthlint" },
  };
  client = new LanguageClient("healthlint", "healthlint", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
