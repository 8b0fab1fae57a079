// Starts `metodika lsp` for *.metodika files. Everything else (diagnostics, hover,
// completion, formatting, rename, …) comes from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("metodika").get("path") || "metodika";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "metodika",
    "metodika",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "metodika" }, { scheme: "untitled", language: "metodika" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
