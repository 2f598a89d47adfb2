/**
 * review37b M1: `$ref`s that fan out make a small flags file expand exponentially (resolveRefs,
 * then flagd-core's substitution); the editor parses flags files at activation, in Restricted Mode
 * too, on the extension host thread. Such a file is refused, naming the evaluator, before anything
 * expands it (core/flags/refExpansion.ts). The reviewer's probe (branch review37b) is the first case;
 * the 8-level one took minutes and GBs before the bound, so this file's own timeout catches a regression.
 * rereview37 F1: only what the copies add counts, never a value's own size.
 */
import * as assert from 'node:assert';
import { parseFlagsText, type FlagsParseResult } from '../../../src/core/flags';

const FILE = '/repo/flags.json';
const BETA = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };
const messages = (r: FlagsParseResult): string => (r.ok ? '' : r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));

/** `levels` evaluators, each naming the next one `fanOut` times: fanOut^(levels-1) leaves once expanded. */
function fanOutFile(levels: number, fanOut: number): string {
  const evaluators: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) {
    evaluators[`e${i}`] = i === levels - 1 ? { '==': [1, 1] } : { or: Array.from({ length: fanOut }, () => ({ $ref: `e${i + 1}` })) };
  }
  const flags = { beta: { ...BETA, targeting: { if: [{ $ref: 'e0' }, 'on', 'off'] } } };
  return JSON.stringify({ flags, $evaluators: evaluators }, null, 1);
}

describe('flags file: $ref expansion is bounded (review37b M1)', () => {
  it('refuses the reviewer\'s 7-level file (a 2.3 KB file that took > 120 s and 733 MB) at once, naming the evaluator and its $ref', () => {
    const text = fanOutFile(7, 10);
    assert.ok(text.length < 3000, `the file itself is small (${text.length} bytes)`);
    const r = parseFlagsText(text, FILE);
    assert.strictEqual(r.ok, false, 'a file that expands 10^6-fold through $ref should be refused, not evaluated');
    assert.match(messages(r), /^\/repo\/flags\.json:\d+:\d+: evaluator "e0": its \$ref "e1" brings the \$ref copies in this file past 1000000 nodes/m);
  });

  it('refuses the 8-level file (10^7 copies) at once, without expanding it', () => {
    const r = parseFlagsText(fanOutFile(8, 10), FILE);
    assert.match(messages(r), /evaluator "e0": its \$ref "e1" brings the \$ref copies in this file past 1000000 nodes \("e1" alone is more than that\)/);
  });

  it('counts an empty string as a node: an evaluator of 20,000 "" named 200 times by 50 flags is refused, not parsed (rereview37b F1: 87 KB, 3.1 GB)', () => {
    const evaluators = { E: { in: [{ var: 'y' }, Array.from({ length: 20_000 }, () => '')] }, A: { or: Array.from({ length: 200 }, () => ({ $ref: 'E' })) } };
    const flags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, { ...BETA, targeting: { if: [{ $ref: 'A' }, 'on', 'off'] } }]));
    const r = parseFlagsText(JSON.stringify({ flags, $evaluators: evaluators }), FILE);
    assert.match(messages(r), /its \$ref "(A|E)" brings the \$ref copies in this file past 1000000 nodes/);
  });

  it('refuses a $ref cycle, which flagd never resolves (it grew 2^32-fold through resolveRefs\' depth bound)', () => {
    const text = JSON.stringify({ flags: { beta: { ...BETA, targeting: { if: [{ $ref: 'a' }, 'on', 'off'] } } }, $evaluators: { a: { or: [{ $ref: 'b' }, { $ref: 'b' }] }, b: { and: [{ $ref: 'a' }, { $ref: 'a' }] } } }, null, 1);
    assert.match(messages(parseFlagsText(text, FILE)), /evaluator "a": \$ref cycle "a" → "b" → "a"; flagd never resolves a cycle/);
  });

  it('counts a long string by its length: many $refs to one evaluator holding 1 MB are refused too', () => {
    const refs = Array.from({ length: 100 }, () => ({ $ref: 'big' }));
    const text = JSON.stringify({ flags: { beta: { ...BETA, targeting: { if: [{ in: ['x', refs] }, 'on', 'off'] } } }, $evaluators: { big: 'x'.repeat(1_000_000) } });
    assert.match(messages(parseFlagsText(text, FILE)), /flag "beta": its \$ref "big" brings the \$ref copies in this file past 1000000 nodes \("big" alone is 15625 nodes\)/);
  });

  it('bounds the whole file: many flags, each with one $ref, still add up', () => {
    const evaluator = { or: Array.from({ length: 9000 }, (_, i) => ({ '==': [{ var: 'id' }, i] })) };
    const flags = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, { ...BETA, targeting: { if: [{ $ref: 'big' }, 'on', 'off'] } }]));
    const r = parseFlagsText(JSON.stringify({ flags, $evaluators: { big: evaluator } }, null, 1), FILE);
    assert.match(messages(r), /flag "f\d+": its \$ref "big" brings the \$ref copies in this file past 1000000 nodes/);
    assert.strictEqual(r.ok ? 0 : r.errors.length, 1, 'said once, where the total passes the bound');
  });

  // rereview37 F1: the bound once counted a value's own size, so a big allowlist without any $ref was refused.
  const allowlist = Array.from({ length: 10_001 }, (_, i) => `user-${i}`);
  const allowlistTargeting = { if: [{ in: [{ var: 'userId' }, allowlist] }, 'on', 'off'] };

  it('accepts a flag with a 10,001-id allowlist and no $ref in a file that has $evaluators', () => {
    const text = JSON.stringify({ flags: { beta: { ...BETA, targeting: allowlistTargeting } }, $evaluators: { isStaff: { ends_with: [{ var: 'email' }, '@example.com'] } } }, null, 1);
    const r = parseFlagsText(text, FILE);
    assert.ok(r.ok, messages(r));
  });

  it('accepts the allowlist kept in an evaluator and named by one $ref', () => {
    const text = JSON.stringify({ flags: { beta: { ...BETA, targeting: { if: [{ $ref: 'testers' }, 'on', 'off'] } } }, $evaluators: { testers: allowlistTargeting.if[0] } }, null, 1);
    const r = parseFlagsText(text, FILE);
    assert.ok(r.ok, messages(r));
    assert.deepStrictEqual(r.flags[0].targeting, allowlistTargeting);
  });

  it('accepts ordinary shared evaluators and resolves them as before', () => {
    const text = JSON.stringify({
      flags: { beta: { ...BETA, targeting: { if: [{ or: [{ $ref: 'staff' }, { $ref: 'staff' }] }, 'on', 'off'] } } },
      $evaluators: { staff: { ends_with: [{ var: 'email' }, '@example.com'] }, unused: { $ref: 'staff' } },
    }, null, 1);
    const r = parseFlagsText(text, FILE);
    assert.ok(r.ok, messages(r));
    const staff = { ends_with: [{ var: 'email' }, '@example.com'] };
    assert.deepStrictEqual(r.flags[0].targeting, { if: [{ or: [staff, staff] }, 'on', 'off'] });
  });
});

/** `count` evaluators, each `and` wrapped `levels` deep (2 levels each) around a `$ref` to the next. */
function chainFile(count: number, levels: number): string {
  const evaluators: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    let value: unknown = i < count - 1 ? { $ref: `e${i + 1}` } : { '==': [{ var: 'x' }, 1] };
    for (let level = 0; level < levels; level++) { value = { and: [value] }; }
    evaluators[`e${i}`] = value;
  }
  return JSON.stringify({ $evaluators: evaluators, flags: { beta: { ...BETA, targeting: { if: [{ $ref: 'e0' }, 'on', 'off'] } } } });
}

describe('flags file: how deep $ref copies nest is bounded (rereview37b F6)', () => {
  it('refuses a chain of evaluators, each within the nesting bound, that copied in ran the stack out, at the first evaluator', () => {
    assert.strictEqual(messages(parseFlagsText(chainFile(60, 60), FILE)),
      `${FILE}:1:17: evaluator "e0": its $refs, copied in, nest more than 256 levels deep (at $ref "e3"); flagd would run out of stack: name fewer evaluators inside one another`);
  });

  it('counts each $ref hop: 2,000 evaluators that only name the next are refused, not walked 2,000 deep', () => {
    assert.match(messages(parseFlagsText(chainFile(2000, 0), FILE)), /evaluator "e0": its \$refs, copied in, nest more than 256 levels deep \(at \$ref "e257"\)/);
  });

  it('reads a chain that nests 240 levels once copied in', () => {
    const r = parseFlagsText(chainFile(3, 40), FILE);
    assert.ok(r.ok, messages(r));
  });
});

