/**
 * Randomized check of the streaming masker against a naive reference: secrets over a tiny
 * alphabet (so they overlap, touch, repeat and are prefixes of one another), output split at
 * random byte positions (inside multi-byte characters too), compared with masking the whole
 * text by plain indexOf. Both scan engines (WebAssembly and the JS fallback) run every seed.
 */
import * as assert from 'node:assert';
import { MASK, MaskRules, StreamMasker, maskForms } from '../../../src/core/secrets';
import { Lcg, joined, naiveMask, streamedInChunks } from './maskReference';

const LETTERS = ['a', 'b', 'c', 'é'];
const ENGINES = ['auto', 'js'] as const;

/** Three secrets: a random one, one it is a prefix of, and one overlapping its end. */
function secretsFor(rng: Lcg): string[] {
  const first = rng.word(LETTERS, 4, 7);
  return [first, first + rng.word(LETTERS, 1, 4), first.slice(-2) + rng.word(LETTERS, 3, 5)];
}

function textFor(rng: Lcg, secrets: string[]): string {
  let text = '';
  for (let n = 0; n < 40; n++) {
    const pick = rng.next(10);
    if (pick < 3) { text += secrets[pick]; } else if (pick === 3) { text += secrets[0].slice(0, 1 + rng.next(secrets[0].length - 1)); } else { text += rng.word(LETTERS, 1, 6); }
  }
  return text;
}

describe('secrets: masking, randomized against a naive reference', () => {
  for (const engine of ENGINES) {
    it(`any split of the output bytes masks exactly what masking the whole text does: overlapping, touching, prefix secrets (${engine} scan)`, () => {
      for (let seed = 1; seed <= 300; seed++) {
        const rng = new Lcg(seed);
        const secrets = secretsFor(rng);
        const forms = maskForms(secrets);
        const rules = new MaskRules(secrets, { engine });
        assert.strictEqual(rules.matcher?.engine, engine === 'auto' ? 'wasm' : 'js', 'the engine under test is the one running');
        const text = textFor(rng, secrets);
        const out = streamedInChunks(rules, Buffer.from(text, 'utf8'), () => 1 + rng.next(rng.next(2) === 0 ? 4 : 40));
        assert.strictEqual(joined(out), joined(naiveMask(text, forms)), `seed ${seed}: ${JSON.stringify(secrets)}`);
        for (const f of forms) { assert.ok(!out.includes(f), `seed ${seed}: ${JSON.stringify(f)} shown`); }
      }
    });
  }

  it('a secret straddling the scanner\'s skip window and chunk ends of every size is masked', () => {
    const secret = 'k3y-€-secret-value-0123456789';
    for (const engine of ENGINES) {
      const rules = new MaskRules([secret], { engine });
      for (let pad = 0; pad < 40; pad++) {
        const text = `${'x'.repeat(pad)}${secret}${'y'.repeat(pad)}\n`;
        for (let size = 1; size < 48; size += 5) {
          let out = '';
          const masker = new StreamMasker(rules, (t) => { out += t; }, 1e9);
          const bytes = Buffer.from(text, 'utf8');
          for (let i = 0; i < bytes.length; i += size) { masker.write(bytes.subarray(i, i + size)); }
          masker.end();
          assert.strictEqual(joined(out), `${'x'.repeat(pad)}${MASK}${'y'.repeat(pad)}\n`, `${engine}: pad ${pad}, chunks of ${size}`);
        }
      }
    }
  });
});
