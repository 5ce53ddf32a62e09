// The language configuration: comments as the language writes them, and the
// indentation rules on lines from the bundled policies.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');

const config = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'language-configuration.json'), 'utf8'));
const pest = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'grammar', 'provisio.pest'), 'utf8');
const rules = config.indentationRules;
const increase = new RegExp(rules.increaseIndentPattern);
const decrease = new RegExp(rules.decreaseIndentPattern);
const nextLine = new RegExp(rules.indentNextLinePattern);

test('line comments start with `#`, as in grammar/provisio.pest, and there are no block comments', () => {
  assert.match(pest, /^COMMENT = _\{ "#" ~/m);
  assert.deepStrictEqual(config.comments, { lineComment: '#' });
});

test('quotes, parentheses and brackets close themselves, quotes not inside a string', () => {
  const quote = config.autoClosingPairs.find((p) => p.open === '"');
  assert.deepStrictEqual(quote.notIn, ['string', 'comment']);
  assert.deepStrictEqual(config.brackets, [['(', ')'], ['[', ']'], ['{', '}']]);
});

test('a provision, a rule, a reading, a record and a scale indent the lines after them', () => {
  for (const line of [
    'provision para5 "The moratorium on customs duties on electronic transmissions and its expiry"',
    '  prohibition customs_duties',
    '  commitment reinvigorate_work',
    'reading scope "whether \'electronic transmissions\' covers the content they carry"',
    'fact measure "the customs duty or tax a Member levies": optional record',
    '    from 1993-01-01: marginal rates',
    '    from 2018-01-01: bracket table',
    '  parameter rates "the rates of section 11(b) for a taxable year beginning"',
    'from 2027-01-01',
    '  insert provision s2001c "Fictional Corporate Rate Act of 2026, § 2001(c), Effective date" after s11b',
  ]) {
    assert.match(line, increase, line);
  }
  for (const line of ['  text "We agree to maintain the current practice"', 'verdict tax = s11b.amount', '    from 2018-01-01: marginal rates over USD 0: 21% end']) {
    assert.doesNotMatch(line, increase, line);
  }
});

test('`end` goes back a level', () => {
  assert.match('end', decrease);
  assert.match('      end', decrease);
  assert.doesNotMatch('  endorsement "x"', decrease);
});

test('a definition that continues on the next line indents that line only', () => {
  assert.match('  define expiry_date "the day the moratorium and the Work Programme expire" =', nextLine);
  assert.match('  define phaseout_amount "the phaseout amount" by default', nextLine);
  assert.match('  define credit "the credit allowed" =  # the formula of (a)(2)', nextLine);
  assert.match('    measure.levied_on is electronic_transmission or', nextLine);
  assert.doesNotMatch('    earliest(mc14_day, 2026-03-31)', nextLine);
});
