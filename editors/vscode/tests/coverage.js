// Tokenizes every policy under rules/ with the TextMate grammar, as VS Code
// does, and fails when a character that is not white space gets no scope
// but the file's own (the grammar did not recognise it), when anything gets
// an `invalid` scope (the bundled policies are all valid, so that would be
// the grammar mistaking them), or when a file ends inside a string. It also
// checks that the grammar knows every reserved word of grammar/provisio.pest,
// and that it marks invalid exactly the dates the checker refuses as
// `provisio::date_form` in tests/date_forms/policies (as the checker's own
// snapshots of those files record them), where they are.
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

/** Every token of a file, each with its 1-based line and column. */
function tokens(grammar, file) {
  const found = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  let stack = vsctm.INITIAL;
  lines.forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      found.push({ line: index + 1, column: token.startIndex + 1, text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    stack = result.ruleStack;
  });
  return found;
}

/**
 * Where the grammar and the checker disagree on the dates of the policies
 * in tests/date_forms/policies: the checker's places come from its
 * snapshots (`provisio::date_form`, then `╭─[file:line:column]`).
 */
function dateForms(grammar) {
  const dir = path.join(root, 'tests', 'date_forms', 'policies');
  const snapshots = path.join(root, 'tests', 'snapshots');
  const problems = [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.policy')).sort();
  if (files.length === 0) problems.push('tests/date_forms/policies has no policy');
  for (const name of files) {
    const snapshot = path.join(snapshots, `date_forms__policy_diagnostics@${name}.snap`);
    if (!fs.existsSync(snapshot)) {
      problems.push(`${path.relative(root, snapshot)} is missing`);
      continue;
    }
    const checker = new Set();
    const lines = fs.readFileSync(snapshot, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() !== 'provisio::date_form') return;
      const at = lines.slice(i + 1).map((l) => /╭─\[[^\]]*:(\d+):(\d+)\]/.exec(l)).find(Boolean);
      if (at) checker.add(`${at[1]}:${at[2]}`);
    });
    const grammarSays = new Set(
      tokens(grammar, path.join(dir, name))
        .filter((t) => t.scopes.includes('invalid.illegal.date.provisio'))
        .map((t) => `${t.line}:${t.column}`)
    );
    const shown = `tests/date_forms/policies/${name}`;
    for (const at of checker) if (!grammarSays.has(at)) problems.push(`${shown}:${at}: the checker refuses this date's form, the grammar does not mark it invalid`);
    for (const at of grammarSays) if (!checker.has(at)) problems.push(`${shown}:${at}: the grammar marks a date invalid that the checker accepts`);
  }
  return problems;
}

/** The problems of one file, each as `file:line:column: message`. */
function check(grammar, file) {
  const problems = [];
  const shown = path.relative(root, file);
  const all = tokens(grammar, file);
  for (const token of all) {
    const where = `${shown}:${token.line}:${token.column}`;
    const text = token.text.trim();
    if (token.scopes.length === 1 && text !== '') problems.push(`${where}: \`${text}\` gets no scope`);
    const invalid = token.scopes.find((s) => s.startsWith('invalid.'));
    if (invalid) problems.push(`${where}: \`${text}\` is scoped ${invalid}`);
  }
  const last = all[all.length - 1];
  if (last && last.scopes.some((s) => s.startsWith('string.'))) {
    problems.push(`${shown}:${last.line}: the file ends inside a string`);
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
  // One check per policy of rules/, one for the reserved words, one for the
  // dates of tests/date_forms/policies.
  const checks = policies(path.join(root, 'rules')).map((file) => check(grammar, file));
  const known = new Set(grammarKeywords());
  checks.push(
    pestKeywords()
      .filter((word) => !known.has(word))
      .map((word) => `grammar/provisio.pest: the reserved word \`${word}\` is missing from the TextMate grammar's reserved-words`)
  );
  checks.push(dateForms(grammar));
  const failed = checks.filter((problems) => problems.length > 0).length;
  for (const problem of checks.flat()) console.error(problem);
  console.log(`grammar coverage: ${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
