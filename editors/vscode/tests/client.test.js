// The client's behaviour, with VS Code and the language client replaced by
// recorders: which program it starts, with which arguments, for which files,
// and what the drafter is told when the program is missing.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const Module = require('module');
const path = require('path');

/** A fresh copy of extension.js whose `vscode` and language client are fakes. */
function loadExtension({ settings = {}, folder = '/work/policies', startError } = {}) {
  const seen = { clients: [], errors: [], commands: {}, stopped: 0 };
  const vscode = {
    workspace: {
      workspaceFolders: folder ? [{ uri: { fsPath: folder } }] : undefined,
      getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
      onDidChangeConfiguration: (listener) => {
        seen.onConfiguration = listener;
        return { dispose() {} };
      },
    },
    window: { showErrorMessage: (message) => seen.errors.push(message) },
    commands: {
      registerCommand: (name, run) => {
        seen.commands[name] = run;
        return { dispose() {} };
      },
    },
  };
  class LanguageClient {
    constructor(id, name, server, options) {
      seen.clients.push({ id, name, server, options });
    }
    async start() {
      if (startError) throw startError;
    }
    async stop() {
      seen.stopped += 1;
    }
  }
  const fakes = {
    vscode,
    'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 'stdio' } },
  };
  const file = path.join(__dirname, '..', 'extension.js');
  const originalLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    if (Object.prototype.hasOwnProperty.call(fakes, request)) return fakes[request];
    return originalLoad.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[require.resolve(file)];
    return { extension: require(file), seen };
  } finally {
    Module._load = originalLoad;
  }
}

const context = () => ({ subscriptions: [] });

test('the default setting runs `provisio lsp` from the PATH over stdio', async () => {
  const { extension, seen } = loadExtension();
  await extension.activate(context());
  assert.strictEqual(seen.clients.length, 1);
  const [client] = seen.clients;
  assert.deepStrictEqual(client.server, { command: 'provisio', args: ['lsp'], transport: 'stdio' });
  assert.strictEqual(client.id, 'provisio');
  assert.ok(client.options.documentSelector.some((s) => s.language === 'provisio' && s.scheme === 'file'));
  assert.deepStrictEqual(seen.errors, []);
});

test('provisio.path names the program: absolute, home-relative or workspace-relative', () => {
  const { extension } = loadExtension();
  const resolve = extension.resolveServerPath;
  assert.strictEqual(resolve('/opt/provisio/bin/provisio', '/w', '/home/ann'), '/opt/provisio/bin/provisio');
  assert.strictEqual(resolve('~/bin/provisio', '/w', '/home/ann'), path.join('/home/ann', 'bin/provisio'));
  assert.strictEqual(resolve('target/release/provisio', '/w', '/home/ann'), path.join('/w', 'target/release/provisio'));
  assert.strictEqual(resolve('provisio-dev', '/w', '/home/ann'), 'provisio-dev');
  assert.strictEqual(resolve('', '/w', '/home/ann'), 'provisio');
  assert.strictEqual(resolve(undefined, undefined, '/home/ann'), 'provisio');
  assert.strictEqual(resolve('target/release/provisio', undefined, '/home/ann'), 'target/release/provisio');
});

test('the configured path is the command the client starts', async () => {
  const { extension, seen } = loadExtension({ settings: { 'provisio.path': 'target/release/provisio' } });
  await extension.activate(context());
  assert.strictEqual(seen.clients[0].server.command, path.join('/work/policies', 'target/release/provisio'));
  assert.deepStrictEqual(seen.clients[0].server.args, ['lsp']);
});

test('a program that cannot start is reported with the setting that fixes it', async () => {
  const missing = Object.assign(new Error('spawn provisio ENOENT'), { code: 'ENOENT' });
  const { extension, seen } = loadExtension({ startError: missing });
  await extension.activate(context());
  assert.strictEqual(seen.errors.length, 1);
  assert.match(seen.errors[0], /cannot start `provisio lsp` \(spawn provisio ENOENT\)/);
  assert.match(seen.errors[0], /provisio\.path/);
  await extension.deactivate();
  assert.strictEqual(seen.stopped, 0);
});

test('with provisio.lsp.enable off, no server is started', async () => {
  const { extension, seen } = loadExtension({ settings: { 'provisio.lsp.enable': false } });
  await extension.activate(context());
  assert.strictEqual(seen.clients.length, 0);
});

test('changing provisio.path restarts the server with the new program; deactivating stops it', async () => {
  const settings = { 'provisio.path': 'provisio' };
  const { extension, seen } = loadExtension({ settings });
  await extension.activate(context());
  settings['provisio.path'] = '/usr/local/bin/provisio';
  await seen.onConfiguration({ affectsConfiguration: (key) => key === 'provisio.path' });
  assert.strictEqual(seen.stopped, 1);
  assert.deepStrictEqual(seen.clients.map((c) => c.server.command), ['provisio', '/usr/local/bin/provisio']);
  await seen.onConfiguration({ affectsConfiguration: (key) => key === 'editor.fontSize' });
  assert.strictEqual(seen.clients.length, 2);
  await extension.deactivate();
  assert.strictEqual(seen.stopped, 2);
});

test('the restart command stops the running server and starts another', async () => {
  const { extension, seen } = loadExtension();
  await extension.activate(context());
  await seen.commands['provisio.restartServer']();
  assert.strictEqual(seen.stopped, 1);
  assert.strictEqual(seen.clients.length, 2);
});

test('package.json contributes the language, the grammar and the settings the client reads', () => {
  const manifest = require('../package.json');
  const [language] = manifest.contributes.languages;
  assert.strictEqual(language.id, 'provisio');
  assert.deepStrictEqual(language.extensions, ['.policy']);
  const [grammar] = manifest.contributes.grammars;
  assert.strictEqual(grammar.scopeName, require('../syntaxes/provisio.tmLanguage.json').scopeName);
  const properties = manifest.contributes.configuration.properties;
  assert.strictEqual(properties['provisio.path'].default, 'provisio');
  assert.strictEqual(properties['provisio.lsp.enable'].default, true);
  assert.ok(manifest.contributes.commands.some((c) => c.command === 'provisio.restartServer'));
  assert.strictEqual(manifest.main, './extension.js');
  // A workspace not trusted cannot choose the program that runs.
  assert.deepStrictEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['provisio.path']);
});
