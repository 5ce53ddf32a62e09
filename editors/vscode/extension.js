// The VS Code client for provisio: it starts `provisio lsp` over standard
// input and output and hands it the policy files (and the scenario and facts
// files beside them) that VS Code opens. Colouring needs none of this: it
// comes from the TextMate grammar that package.json contributes.
//
// Plain JavaScript, not TypeScript: the client is a few dozen lines, and
// without a compile step the folder is the extension as it is checked out
// (`code --extensionDevelopmentPath`, `vsce package`), and its tests run
// under plain `node`.
'use strict';

const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** The files the server is given: policies, and the scenario and facts files it checks against them. */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'provisio' },
  { scheme: 'untitled', language: 'provisio' },
  { scheme: 'file', pattern: '**/{scenarios,facts}/**/*.{json,yaml,yml,toml}' },
];

/** @type {LanguageClient | undefined} */
let client;

/**
 * The program to run for `provisio.path`: `~/` is the home folder, a path
 * with a separator that is not absolute is taken from the first workspace
 * folder, and a bare name (the default, `provisio`) is looked up on the PATH
 * when the server starts.
 *
 * @param {string | undefined} configured the setting's value
 * @param {string | undefined} workspaceFolder the first workspace folder's path
 * @param {string} home the home folder
 * @returns {string}
 */
function resolveServerPath(configured, workspaceFolder, home) {
  const value = (configured || '').trim() || 'provisio';
  if (value === '~' || value.startsWith('~/')) return path.join(home, value.slice(1));
  if (path.isAbsolute(value) || !/[\\/]/.test(value)) return value;
  return workspaceFolder ? path.resolve(workspaceFolder, value) : value;
}

/** The command line of the server, from the current settings. */
function serverOptions() {
  const config = vscode.workspace.getConfiguration('provisio');
  const folders = vscode.workspace.workspaceFolders;
  const folder = folders && folders.length > 0 ? folders[0].uri.fsPath : undefined;
  const command = resolveServerPath(config.get('path'), folder, os.homedir());
  return { command, args: ['lsp'], transport: TransportKind.stdio };
}

/** Starts the server unless `provisio.lsp.enable` is off; says what to do when it cannot start. */
async function start() {
  const config = vscode.workspace.getConfiguration('provisio');
  if (config.get('lsp.enable') === false) return;
  const server = serverOptions();
  client = new LanguageClient('provisio', 'provisio', server, {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannelName: 'provisio',
  });
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const reason = error && error.message ? error.message : String(error);
    vscode.window.showErrorMessage(
      `provisio: cannot start \`${server.command} lsp\` (${reason}). ` +
        'Install provisio (`cargo install --path .` in its repository) or set `provisio.path` to the program.'
    );
  }
}

/** Stops the server if it runs. */
async function stop() {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('provisio.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('provisio.path') || event.affectsConfiguration('provisio.lsp.enable')) {
        await stop();
        await start();
      }
    })
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, resolveServerPath, DOCUMENT_SELECTOR };
