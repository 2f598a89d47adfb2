import * as assert from 'node:assert';
import { FlagdCore, MemoryStorage } from '@openfeature/flagd-core';
import { parseFlagsText, type FlagsParseResult } from '../../../src/core/flags';
import { BOOLEAN_FLAG, FLAGD_EXAMPLE, flagsFile } from './fixtures';

const FILE = '/repo/flags.json';
const errorsOf = (r: FlagsParseResult): string[] => (r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`));
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('flags: flagd-format files validate and evaluate through flagd-core', () => {
  it('reads every documented shape and serves what flagd-core serves to a request with no context', () => {
    const r = parseFlagsText(FLAGD_EXAMPLE, FILE);
    assert.ok(r.ok, errorsOf(r).join('\n'));
    assert.deepStrictEqual(r.flags.map((f) => f.key), ['new-checkout', 'header-color', 'split-test', 'min-version', 'banner', 'code-default']);
    const served = Object.fromEntries([...r.served].map(([k, s]) => [k, s.value]));
    assert.deepStrictEqual(served, { 'new-checkout': false, 'header-color': '#c00', 'split-test': 'A', 'min-version': 1, banner: null, 'code-default': null });
    // The same answers straight from flagd-core's resolver (a disabled flag → the caller's default).
    const core = new FlagdCore(new MemoryStorage(silent), silent);
    core.setConfigurations(FLAGD_EXAMPLE);
    assert.strictEqual(core.resolveBooleanEvaluation('new-checkout', true, {}).value, false);
    assert.strictEqual(core.resolveStringEvaluation('header-color', 'x', {}).value, '#c00');
    assert.strictEqual(core.resolveNumberEvaluation('min-version', 0, {}).value, 1);
    assert.strictEqual(core.resolveObjectEvaluation('banner', { none: true }, {}).reason, 'DISABLED');
    assert.strictEqual(r.served.get('banner')?.reason, 'DISABLED');
  });

  it('resolves $evaluators refs in the targeting it keeps for analysis', () => {
    const r = parseFlagsText(FLAGD_EXAMPLE, FILE);
    assert.ok(r.ok);
    const color = r.flags.find((f) => f.key === 'header-color');
    assert.deepStrictEqual(color?.targeting, { if: [{ ends_with: [{ var: 'email' }, '@example.com'] }, 'yellow', null] });
    assert.strictEqual(color?.line, 14);
  });
});

describe('flags: every bad input is a precise error at line:col', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['malformed JSON', '{\n  "flags": {\n    "a": { "state": "ENABLED" \n  }\n}\n', /^4:3: malformed JSON: `,` was expected|^\d+:\d+: malformed JSON/],
    ['a comment (flagd reads plain JSON)', '{ // no\n "flags": {} }', /^1:3: malformed JSON: comments are not JSON/],
    ['trailing comma', '{ "flags": {}, }', /^1:14: malformed JSON: a trailing comma is not JSON \(flagd would refuse the file\)$/],
    ['a byte order mark (Windows editors; flagd refuses it)', '\uFEFF{ "flags": {} }', /^1:1: the file starts with a byte order mark \(BOM\), which flagd does not read as JSON; save the file as UTF-8 without BOM$/],
    ['flagd\'s YAML form (review36 F10)', 'flags:\n  beta:\n    state: ENABLED\n', /^1:1: flags\.json is YAML, not JSON: flags files must be JSON \(flagd's YAML form is not read\); write the flags as JSON$/],
    ['empty file', '', /^1:1: the file is empty/],
    ['not an object', '[1]', /^1:1: a flags file is a JSON object/],
    ['no flags', '{ "metadata": {} }', /^1:1: the `flags` object is missing/],
    ['defaultVariant not among variants', flagsFile({ a: { ...BOOLEAN_FLAG, defaultVariant: 'maybe' } }), /^9:25: flag "a": `defaultVariant` "maybe" is not among its variants \("on", "off"\)/],
    ['duplicate keys', '{"flags": {\n"a": {"state":"ENABLED","variants":{"on":true},"defaultVariant":"on"},\n"a": {"state":"ENABLED","variants":{"on":true},"defaultVariant":"on"}}}', /^3:1: duplicate key "a" \(first at line 2\)/],
    ['wrong variant type', flagsFile({ a: { ...BOOLEAN_FLAG, variants: { on: true, off: 'false' } } }), /^7:16: flag "a": variant "off" is a string, but the first variant is a boolean/],
    ['variant of no flagd type', flagsFile({ a: { ...BOOLEAN_FLAG, variants: { on: true, off: [false] } } }), /variant "off" must be a boolean, a string, a number or an object/],
    ['bad state', flagsFile({ a: { ...BOOLEAN_FLAG, state: 'ON' } }), /^4:16: flag "a": `state` must be "ENABLED" or "DISABLED"/],
    ['key with a space', flagsFile({ 'new checkout': BOOLEAN_FLAG }), /^3:5: flag key "new checkout" holds whitespace/],
    ['empty key', flagsFile({ '': BOOLEAN_FLAG }), /^3:5: flag key "" is empty/],
    ['key with a bidi override (shows as another key)', flagsFile({ 'evil\u202eflag': BOOLEAN_FLAG }), /^3:5: flag key .* holds whitespace or a control character/],
    ['key with a C1 control (0x9b starts a CSI sequence)', flagsFile({ 'key\u009b': BOOLEAN_FLAG }), /^3:5: flag key .* holds whitespace or a control character/],
    ['unknown flag property (typo)', flagsFile({ a: { ...BOOLEAN_FLAG, defaultVarient: 'on' } }), /flag "a": unknown key "defaultVarient"/],
    ['flagd schema: metadata value', '{"flags":{},"metadata":{"team":["x"]}}', /^1:32: flagd's schema: \/metadata\/team must be string,number,boolean/],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const r = parseFlagsText(text, FILE);
      assert.strictEqual(r.ok, false, `${name} was accepted`);
      assert.match(errorsOf(r)[0], expected, errorsOf(r).join('\n'));
      if (!r.ok) { assert.strictEqual(r.errors[0].file, FILE); }
    });
  }

  it('one trailing comma is one error, at the comma (review24 F10: it was two at the `}`)', () => {
    const r = parseFlagsText('{\n  "flags": {\n    "a": { "state": "ENABLED", "variants": { "on": true }, "defaultVariant": "on" },\n  },\n  "metadata": { "v": [1,] }\n}\n', FILE);
    assert.deepStrictEqual(errorsOf(r), ['3:84: malformed JSON: a trailing comma is not JSON (flagd would refuse the file)', '5:24: malformed JSON: a trailing comma is not JSON (flagd would refuse the file)']);
  });

  it('reports a targeting rule flagd-core cannot use at the flag\'s targeting', () => {
    const r = parseFlagsText(flagsFile({ a: { ...BOOLEAN_FLAG, targeting: { no_such_op: [1] } } }), FILE);
    assert.strictEqual(r.ok, false);
    assert.match(errorsOf(r).join('\n'), /^(7:7: flag "a": Invalid targeting configuration|\d+:\d+: flagd's schema)/m);
  });
});

describe('flags: nesting is bounded before anything recurses into it (rereview37b F6)', () => {
  const nested = (depth: number): string => `{"flags":{},"$evaluators":{"E":${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}}`;

  it('reads 128 levels, refuses 129 at the first `[` past the bound, and 3,000 without a stack overflow', () => {
    assert.ok(!errorsOf(parseFlagsText(nested(128), FILE)).some((e) => e.includes('nesting')), errorsOf(parseFlagsText(nested(128), FILE)).join('\n'));
    assert.deepStrictEqual(errorsOf(parseFlagsText(nested(129), FILE)), ['1:158: nesting too deep: objects and arrays may be nested at most 128 levels; flatten the structure']);
    assert.deepStrictEqual(errorsOf(parseFlagsText(nested(3000), FILE)), ['1:158: nesting too deep: objects and arrays may be nested at most 128 levels; flatten the structure']);
  });

  it('counts brackets inside strings as text', () => {
    assert.ok(parseFlagsText(flagsFile({ a: { ...BOOLEAN_FLAG, metadata: { note: '['.repeat(500) } } }), FILE).ok);
  });
});

