/**
 * The masker's scanners under hostile input: the WebAssembly skip loop and the JS one must find
 * exactly what a naive search finds, over every byte value, with candidates flooding the
 * candidate list, clustered at chunk ends, with secrets longer than a chunk and many
 * overlapping secrets. Seeded, so a failure reproduces.
 */
import * as assert from 'node:assert';
import { MaskRules, maskForms } from '../../../src/core/secrets';
import { MultiMatcher } from '../../../src/core/secrets/matcher';
import { Lcg, joined, naiveMask, streamedInChunks } from './maskReference';

/** The longest pattern at each start where any matches: what MultiMatcher.matches reports. */
function naiveMatches(bytes: Buffer, patterns: Buffer[]): number[] {
  const found: number[] = [];
  for (let start = 0; start < bytes.length; start++) {
    let longest = 0;
    for (const p of patterns) {
      if (p.length > longest && start + p.length <= bytes.length && bytes.subarray(start, start + p.length).equals(p)) { longest = p.length; }
    }
    if (longest > 0) { found.push(start, start + longest); }
  }
  return found;
}

function randomBytesFrom(rng: Lcg, n: number, alphabet = 256): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) { b[i] = rng.next(alphabet); }
  return b;
}

function assertBothEnginesFind(text: Buffer, patterns: Buffer[], label: string): void {
  const expected = naiveMatches(text, patterns);
  const wasm = new MultiMatcher(patterns);
  assert.strictEqual(wasm.engine, 'wasm', 'WebAssembly runs here, so the fast path is the one tested');
  assert.deepStrictEqual(wasm.matches(text), expected, `${label}: wasm`);
  assert.deepStrictEqual(new MultiMatcher(patterns, 'js').matches(text), expected, `${label}: js`);
}

describe('secrets: the masker\'s scanners against hostile input', () => {
  it('every byte value 0–255, in the text and in the patterns (3 to 40 bytes, overlapping, planted)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rng = new Lcg(seed);
      // A small alphabet now and then, so blocks repeat and the hash table's slots collide.
      const alphabet = seed % 3 === 0 ? 3 : 256;
      const text = randomBytesFrom(rng, 4000 + rng.next(4000), alphabet);
      const patterns = Array.from({ length: 1 + rng.next(12) }, () => randomBytesFrom(rng, 3 + rng.next(38), alphabet));
      for (const p of patterns) {
        for (let k = rng.next(5); k > 0; k--) { p.copy(text, rng.next(text.length - p.length)); }
      }
      assertBothEnginesFind(text, patterns, `seed ${seed}`);
    }
  });

  it('a flood of candidates (more than one scan call holds) is all verified', () => {
    const text = Buffer.alloc(100_000, 'a');
    assertBothEnginesFind(text, [Buffer.from('aaaa'), Buffer.from('aaaaaaaaa')], 'all a');
    // Shift-0 blocks everywhere, but only some complete a pattern.
    const stripes = Buffer.from('abcX'.repeat(30_000));
    for (let at = 7; at < stripes.length - 8; at += 997) { Buffer.from('abcXabcY').copy(stripes, at - (at % 4)); }
    assertBothEnginesFind(stripes, [Buffer.from('abcXabcY'), Buffer.from('XabcY')], 'stripes');
  });

  it('a secret whose first bytes are everywhere, cut at every chunk boundary near a candidate', () => {
    const secret = 'e the secret e';
    const forms = maskForms([secret]);
    const text = `${'the e e the '.repeat(50)}${secret}${'e the'.repeat(30)}${secret.slice(0, 9)}${secret}e`;
    const bytes = Buffer.from(text, 'utf8');
    for (const engine of ['auto', 'js'] as const) {
      const rules = new MaskRules([secret], { engine });
      for (let size = 1; size <= 40; size++) {
        assert.strictEqual(joined(streamedInChunks(rules, bytes, () => size)), joined(naiveMask(text, forms)), `${engine}: chunks of ${size}`);
      }
      // Chunk ends just before every position where a prefix of the secret starts.
      const starts = [...text.matchAll(/e/g)].map((m) => m.index ?? 0);
      const sizes = starts.map((s, k) => s - (k > 0 ? starts[k - 1] : 0));
      assert.strictEqual(joined(streamedInChunks(rules, bytes, (k) => sizes[k] ?? 64)), joined(naiveMask(text, forms)), `${engine}: cut at candidates`);
    }
  });

  it('a secret longer than a 64 KiB chunk, and its base64 form, split in chunks of several sizes', () => {
    const rng = new Lcg(7);
    // 99 999 bytes: a multiple of 3, so its base64 has no partial last character.
    const secret = randomBytesFrom(rng, 74_999).toString('base64').slice(0, 99_999);
    const forms = maskForms([secret]);
    const text = `head ${secret} mid ${Buffer.from(secret).toString('base64')} tail ${secret.slice(0, 70_000)} end\n`;
    const expected = joined(naiveMask(text, forms));
    assert.ok(expected.startsWith('head *** mid *** tail ') && expected.endsWith(' end\n'));
    for (const engine of ['auto', 'js'] as const) {
      const rules = new MaskRules([secret], { engine });
      for (const size of [4096, 65_536, 65_537]) {
        assert.strictEqual(joined(streamedInChunks(rules, Buffer.from(text), () => size)), expected, `${engine}: chunks of ${size}`);
      }
      assert.strictEqual(joined(streamedInChunks(rules, Buffer.from(text), (k) => 1 + ((k * 7919) % 30_000))), expected, `${engine}: uneven chunks`);
    }
  });

  it('fifty overlapping secrets cut from one string, in random splits', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = new Lcg(seed);
      const base = rng.word(['a', 'b', 'c', 'd', 'é', '-'], 200, 200);
      const secrets = Array.from({ length: 50 }, (_, i) => base.slice(i * 3, i * 3 + 6 + (i % 9)));
      const forms = maskForms(secrets);
      let text = '';
      for (let n = 0; n < 30; n++) { text += rng.next(3) === 0 ? rng.word(['a', 'b', 'x'], 1, 9) : base.slice(rng.next(150), 150 + rng.next(50)); }
      for (const engine of ['auto', 'js'] as const) {
        const out = streamedInChunks(new MaskRules(secrets, { engine }), Buffer.from(text, 'utf8'), () => 1 + rng.next(64));
        assert.strictEqual(joined(out), joined(naiveMask(text, forms)), `${engine}, seed ${seed}`);
      }
    }
  });
});
