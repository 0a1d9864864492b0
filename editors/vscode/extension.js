// Starts `recallguard lsp` for rule files, rule tests and calendars, and restarts it when the
// executable or the calendars folder setting changes.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("recallguard");
  return { path: config.get("path") || "recallguard", calendars: config.get("calendars") || "" };
}

async function start() {
  const { path, calendars } = settings();
  const server = { command: path, args: ["lsp"] };
  client = new LanguageClient(
    "recallguard",
    "recallguard",
    { run: server, debug: server },
    {
      documentSelector: [
        { language: "recallguard-rules" },
        { language: "recallguard-ruletest" },
        { language: "recallguard-calendar" },
      ],
      initializationOptions: { calendars },
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{rules,calendar}"),
      },
    }
  );
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("recallguard")) return;
      if (client) await client.stop();
      await start();
    })
  );
  await start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
