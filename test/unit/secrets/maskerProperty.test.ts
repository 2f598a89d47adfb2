/**
 * Randomized check of the streaming masker against a naive reference: secrets over a tiny
 * alphabet (so they overlap, touch, repeat and are prefixes of one another), output split at
 * random byte positions (inside multi-byte characters too), compared with masking the whole
 * text by plain indexOf. Deterministic seeds, so a failure reproduces.
 */
import * as assert from 'node:assert';
import { MASK, MaskRules, StreamMasker, maskForms } from '../../../src/core/secrets';

const ALPHABET = ['a', 'b', 'c', 'é', '€', ' ', '\n'];
/** Runs of touching masks are one mask once the stream is whole (chunks may cut a run in two). */
const joined = (text: string): string => text.replace(/(\*\*\*)+/g, MASK);

class Lcg {
  constructor(private x: number) {}
  next(n: number): number {
    this.x = (this.x * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((this.x / 2 ** 31) * n);
  }
  word(min: number, max: number): string {
    let w = '';
    for (let n = min + this.next(max - min + 1); n > 0; n--) { w += ALPHABET[this.next(4)]; }
    return w;
  }
}

/** Three secrets: a random one, one it is a prefix of, and one overlapping its end. */
function secretsFor(rng: Lcg): string[] {
  const first = rng.word(4, 7);
  return [first, first + rng.word(1, 4), first.slice(-2) + rng.word(3, 5)];
}

function textFor(rng: Lcg, secrets: string[]): string {
  let text = '';
  for (let n = 0; n < 40; n++) {
    const pick = rng.next(10);
    if (pick < 3) { text += secrets[pick]; } else if (pick === 3) { text += secrets[0].slice(0, 1 + rng.next(secrets[0].length - 1)); } else { text += rng.word(1, 6); }
  }
  return text;
}

/** The reference: every occurrence of every form found by indexOf, overlapping or touching ones merged, each run one MASK. */
function naiveMask(text: string, forms: string[]): string {
  const covered: Array<[number, number]> = [];
  for (const f of forms) {
    for (let at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + 1)) { covered.push([at, at + f.length]); }
  }
  covered.sort((x, y) => x[0] - y[0]);
  let out = '';
  let from = 0;
  for (let k = 0; k < covered.length;) {
    const start = covered[k][0];
    let end = covered[k][1];
    for (k++; k < covered.length && covered[k][0] <= end; k++) { end = Math.max(end, covered[k][1]); }
    out += text.slice(from, start) + MASK;
    from = end;
  }
  return out + text.slice(from);
}

function streamed(rules: MaskRules, bytes: Buffer, rng: Lcg): string {
  let out = '';
  // No flush timer in the way: the property is about chunking alone.
  const masker = new StreamMasker(rules, (t) => { out += t; }, 1e9);
  for (let i = 0; i < bytes.length;) {
    const n = 1 + rng.next(rng.next(2) === 0 ? 4 : 40);
    masker.write(bytes.subarray(i, i + n));
    i += n;
  }
  masker.end();
  return out;
}

describe('secrets: masking, randomized against a naive reference', () => {
  it('any split of the output bytes masks exactly what masking the whole text does: overlapping, touching, prefix secrets', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = new Lcg(seed);
      const secrets = secretsFor(rng);
      const forms = maskForms(secrets);
      const rules = new MaskRules(secrets);
      const text = textFor(rng, secrets);
      const out = streamed(rules, Buffer.from(text, 'utf8'), rng);
      assert.strictEqual(joined(out), joined(naiveMask(text, forms)), `seed ${seed}: ${JSON.stringify(secrets)}`);
      for (const f of forms) { assert.ok(!out.includes(f), `seed ${seed}: ${JSON.stringify(f)} shown`); }
    }
  });

  it('a secret straddling the scanner\'s skip window and chunk ends of every size is masked', () => {
    const secret = 'k3y-€-secret-value-0123456789';
    const rules = new MaskRules([secret]);
    for (let pad = 0; pad < 40; pad++) {
      const text = `${'x'.repeat(pad)}${secret}${'y'.repeat(pad)}\n`;
      for (let size = 1; size < 48; size += 5) {
        let out = '';
        const masker = new StreamMasker(rules, (t) => { out += t; }, 1e9);
        const bytes = Buffer.from(text, 'utf8');
        for (let i = 0; i < bytes.length; i += size) { masker.write(bytes.subarray(i, i + size)); }
        masker.end();
        assert.strictEqual(joined(out), `${'x'.repeat(pad)}${MASK}${'y'.repeat(pad)}\n`, `pad ${pad}, chunks of ${size}`);
      }
    }
  });
});
