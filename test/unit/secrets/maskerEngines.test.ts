/**
 * The WebAssembly skip loop against the JS one (the reference): it must visit exactly the same
 * candidate windows, not only find the same matches, over random and hostile input: blocks that
 * share the padding's STOP slot, the padding byte itself, text ending at every offset, the
 * capped window; and the held end against a naive search. Seeded, so a failure reproduces.
 */
import * as assert from 'node:assert';
import { MaskRules, maskForms } from '../../../src/core/secrets';
import { MultiMatcher } from '../../../src/core/secrets/matcher';
import { HASH_MULTIPLIER, MAX_WINDOW, PAD, TABLE_BITS } from '../../../src/core/secrets/wasmScan';
import { Lcg } from './maskReference';

function randomBytesFrom(rng: Lcg, n: number, alphabet: readonly number[]): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) { b[i] = alphabet[rng.next(alphabet.length)]; }
  return b;
}
const ALL_BYTES = Array.from({ length: 256 }, (_, b) => b);
const slotOf = (b0: number, b1: number, b2: number): number => Math.imul(b0 | (b1 << 8) | (b2 << 16), HASH_MULTIPLIER) >>> (32 - TABLE_BITS);

/** Both loops on text[0, length) for every length in `lengths`: the same candidate windows, and the same matches. */
function assertSameWindows(text: Buffer, patterns: Buffer[], lengths: Iterable<number>, label: string): void {
  const wasm = new MultiMatcher(patterns);
  const js = new MultiMatcher(patterns, 'js');
  assert.strictEqual(wasm.engine, 'wasm', 'WebAssembly runs here, so the fast path is the one tested');
  for (const length of lengths) {
    assert.deepStrictEqual(wasm.candidateEnds(text, length), js.candidateEnds(text, length), `${label}, length ${length}: windows`);
    assert.deepStrictEqual(wasm.matches(text, length), js.matches(text, length), `${label}, length ${length}: matches`);
  }
}

/** Three-byte blocks (of the given bytes) whose slot is the padding's, where the fast loop must stop and go on exactly. */
function blocksSharingThePaddingSlot(bytes: readonly number[]): Buffer[] {
  const stop = slotOf(PAD, PAD, PAD);
  const found: Buffer[] = [];
  for (const a of bytes) { for (const b of bytes) { for (const c of bytes) { if (slotOf(a, b, c) === stop) { found.push(Buffer.from([a, b, c])); } } } }
  return found;
}

describe('secrets: the WebAssembly skip loop visits the same windows as the JS loop', () => {
  it('300 seeds: random text and patterns (3–200 bytes, planted, small alphabets so slots collide)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = new Lcg(seed);
      const alphabet = seed % 4 === 0 ? [0x61, 0x62, 0x63] : seed % 4 === 1 ? ALL_BYTES.slice(0x20, 0x7f) : ALL_BYTES;
      const text = randomBytesFrom(rng, 500 + rng.next(3000), alphabet);
      const patterns = Array.from({ length: 1 + rng.next(30) }, () => randomBytesFrom(rng, 3 + rng.next(seed % 5 === 0 ? 198 : 30), alphabet));
      for (const p of patterns) {
        for (let k = rng.next(4); k > 0 && p.length < text.length; k--) { p.copy(text, rng.next(text.length - p.length)); }
      }
      assertSameWindows(text, patterns, [text.length, text.length - 1 - rng.next(200)], `seed ${seed}`);
    }
  });

  it('blocks that share the padding\'s STOP slot, and the padding byte, all through the text and at its end', () => {
    const printable = ALL_BYTES.slice(0x20, 0x7f);
    const stoppers = blocksSharingThePaddingSlot(printable);
    assert.ok(stoppers.length > 10, `found ${stoppers.length} printable blocks in the padding's slot`);
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Lcg(seed);
      // Patterns with the padding byte and those blocks in them: their slots are both STOP and a short shift.
      // Odd seeds: patterns without them, so the slot is STOP alone (the fast loop stops where the shift is full).
      const head = (): Buffer => (seed % 2 === 0 ? Buffer.concat([stoppers[rng.next(stoppers.length)], Buffer.alloc(rng.next(4), PAD)]) : Buffer.alloc(0));
      const patterns = Array.from({ length: 1 + rng.next(8) }, () => Buffer.concat([head(), randomBytesFrom(rng, 6 + rng.next(20), printable)]));
      if (seed % 4 === 0) { patterns.push(Buffer.alloc(12 + rng.next(10), PAD)); }
      // Decoys: the block that ends a pattern's window, without the rest (candidates that are no match: which windows are visited shows).
      const window = Math.min(...patterns.map((p) => p.length));
      const decoys = patterns.map((p) => p.subarray(window - 3, window));
      const pieces: Buffer[] = [];
      for (let n = 0; n < 300; n++) {
        const r = rng.next(5);
        const piece = r === 0 ? stoppers[rng.next(stoppers.length)] : r === 1 ? Buffer.alloc(1 + rng.next(20), PAD) : r === 2 ? decoys[rng.next(decoys.length)] : randomBytesFrom(rng, 1 + rng.next(30), printable);
        pieces.push(piece, rng.next(10) === 0 ? patterns[rng.next(patterns.length)] : Buffer.alloc(0));
      }
      const text = Buffer.concat(pieces);
      const lengths = Array.from({ length: 140 }, (_, k) => text.length - k);
      assertSameWindows(text, patterns, lengths, `seed ${seed}`);
    }
  });

  it('patterns of the capped window and longer (128–400 bytes): the longest full skips, text ending at every offset', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rng = new Lcg(seed);
      const text = randomBytesFrom(rng, 5000, [0x61, 0x62, 0x63, 0x64]);
      const patterns = Array.from({ length: 1 + rng.next(5) }, () => randomBytesFrom(rng, MAX_WINDOW + rng.next(272), [0x61, 0x62, 0x63, 0x64]));
      for (const p of patterns) { p.copy(text, rng.next(text.length - p.length)); }
      const lengths = Array.from({ length: 2 * MAX_WINDOW + 10 }, (_, k) => text.length - k);
      assertSameWindows(text, patterns, lengths, `seed ${seed}`);
    }
  });

  it('the held end: the longest end that is a proper start of a form, as a naive search finds it, both engines, text cut at every offset', () => {
    let longHits = 0;
    let shortHits = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Lcg(seed);
      // Secrets over three letters, 4–60 characters: starts of them are everywhere, and the long ones outgrow the window.
      const values = Array.from({ length: 1 + rng.next(6) }, () => rng.word(['a', 'b', 'c'], 4, seed % 2 === 0 ? 60 : 16));
      const forms = maskForms(values).map((f) => Buffer.from(f, 'utf8'));
      const pieces: Buffer[] = [];
      for (let n = 0; n < 60; n++) {
        const form = forms[rng.next(forms.length)];
        pieces.push(Buffer.from(rng.word(['a', 'b', 'c', ' '], 0, 8)), rng.next(3) === 0 ? form : form.subarray(0, 1 + rng.next(form.length)));
      }
      const text = Buffer.concat(pieces);
      const rules = { wasm: new MaskRules(values), js: new MaskRules(values, { engine: 'js' }) };
      assert.strictEqual(rules.wasm.matcher?.engine, 'wasm', 'WebAssembly runs here, so the fast path is the one tested');
      const window = rules.wasm.matcher?.window ?? 0;
      for (let length = text.length; length > text.length - 400 && length >= 0; length--) {
        const expected = naiveHeld(text, length, forms);
        longHits += expected >= window ? 1 : 0;
        shortHits += expected > 1 && expected < window ? 1 : 0;
        const inWorkspace = rules.wasm.workspace(length);
        text.copy(inWorkspace, 0, 0, length);
        assert.strictEqual(rules.wasm.heldLength(inWorkspace), expected, `seed ${seed}, length ${length}: wasm`);
        assert.strictEqual(rules.js.heldLength(text, length), expected, `seed ${seed}, length ${length}: js`);
      }
    }
    assert.ok(longHits > 1000 && shortHits > 1000, `ends held: ${longHits} of a window or more, ${shortHits} shorter`);
  });
});

/** The longest end of text[0, length) that is a proper prefix of some form, by trying every one. */
function naiveHeld(text: Buffer, length: number, forms: Buffer[]): number {
  for (let n = Math.min(length, Math.max(...forms.map((f) => f.length)) - 1); n > 0; n--) {
    const end = text.subarray(length - n, length);
    if (forms.some((f) => f.length > n && f.subarray(0, n).equals(end))) { return n; }
  }
  return 0;
}
