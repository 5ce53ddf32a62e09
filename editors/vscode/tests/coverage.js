// Tokenizes every policy under rules/ with the TextMate grammar, as VS Code
// does, and fails when a character that is not white space gets no scope
// but the file's own (the grammar did not recognise it), when anything gets
// an `invalid` scope (the bundled policies are all valid, so that would be
// the grammar mistaking them), or when a file ends inside a string. It also
// checks that the grammar knows every reserved word of grammar/provisio.pest.
'use strict';

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.resolve(__dirname, '..', '..', '..');
const grammarPath = path.resolve(__dirname, '..', 'syntaxes', 'provisio.tmLanguage.json');

/** Every `.policy` file under `dir`, sorted so that the report is stable. */
function policies(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...policies(full));
    else if (entry.name.endsWith('.policy')) found.push(full);
  }
  return found.sort();
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
  });
  return registry.loadGrammar('source.provisio');
}

/** The problems of one file, each as `file:line:column: message`. */
function check(grammar, file) {
  const problems = [];
  const shown = path.relative(root, file);
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  let stack = vsctm.INITIAL;
  lines.forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      const text = line.slice(token.startIndex, token.endIndex);
      const where = `${shown}:${index + 1}:${token.startIndex + 1}`;
      if (token.scopes.length === 1 && text.trim() !== '') {
        problems.push(`${where}: \`${text.trim()}\` gets no scope`);
      }
      const invalid = token.scopes.find((s) => s.startsWith('invalid.'));
      if (invalid) problems.push(`${where}: \`${text.trim()}\` is scoped ${invalid}`);
    }
    stack = result.ruleStack;
  });
  const after = grammar.tokenizeLine('', stack).tokens[0].scopes;
  if (after.some((s) => s.startsWith('string.'))) {
    problems.push(`${shown}:${lines.length}: the file ends inside a string`);
  }
  return problems;
}

/** The reserved words of the pest grammar, from its `keyword` rule. */
function pestKeywords() {
  const pest = fs.readFileSync(path.join(root, 'grammar', 'provisio.pest'), 'utf8');
  const rule = /^keyword = @\{([\s\S]*?)^\}/m.exec(pest);
  if (!rule) throw new Error('grammar/provisio.pest has no `keyword` rule');
  return [...rule[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
}

/** The words of the TextMate grammar's `reserved-words` patterns. */
function grammarKeywords() {
  const raw = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));
  return raw.repository['reserved-words'].patterns.flatMap((p) => {
    const words = /^\\b\(\?:([a-z_|]+)\)\\b$/.exec(p.match);
    if (!words) throw new Error(`unexpected reserved-words pattern ${p.match}`);
    return words[1].split('|');
  });
}

async function main() {
  const grammar = await loadGrammar();
  const files = policies(path.join(root, 'rules'));
  const problems = files.flatMap((file) => check(grammar, file));
  const known = new Set(grammarKeywords());
  for (const word of pestKeywords()) {
    if (!known.has(word)) problems.push(`grammar/provisio.pest: the reserved word \`${word}\` is missing from the TextMate grammar's reserved-words`);
  }
  for (const problem of problems) console.error(problem);
  const failed = problems.length === 0 ? 0 : 1;
  console.log(`tokenized ${files.length} policies from rules/: ${problems.length} problems`);
  console.log(`${files.length + 1 - failed} passed, ${failed} failed`);
  process.exitCode = failed;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
