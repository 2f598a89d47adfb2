/**
 * MaskRules builds the skip scan's tables only at the first use that needs them (a stream's
 * first chunk, a long text); before that, a short text is searched form by form. Both paths must
 * mask exactly what the tables would: every form, overlapping forms, the longest at each start.
 */
import * as assert from 'node:assert';
import { MASK, MaskRules, StreamMasker, maskForms, maskText } from '../../../src/core/secrets';
import { directMatches, MultiMatcher } from '../../../src/core/secrets/matcher';
import { Lcg, naiveMask } from './maskReference';

const SECRET = 'tök/en+Val"ue 42';

/** A fresh rules object (nothing built yet) for each text: the direct path is the one that masks. */
function maskFresh(values: string[], text: string): string {
  return maskText(text, new MaskRules(values));
}

function streamed(rules: MaskRules, chunks: string[]): string {
  let out = '';
  const stream = new StreamMasker(rules, (text) => { out += text; });
  for (const chunk of chunks) { stream.write(Buffer.from(chunk, 'utf8')); }
  stream.end();
  return out;
}

describe('secrets: masking before the scan tables are built', () => {
  it('a short text masks every form of a secret, as the tables would', () => {
    const forms = maskForms([SECRET]);
    assert.ok(forms.length >= 4, `forms: ${forms.join(' | ')}`);
    for (const form of forms) {
      const text = `before ${form} after`;
      const built = new MaskRules([SECRET]);
      assert.ok(built.matcher, 'tables built on demand');
      assert.strictEqual(maskFresh([SECRET], text), `before ${MASK} after`, form);
      assert.strictEqual(maskFresh([SECRET], text), maskText(text, built), form);
    }
  });

  it('finds the longest form at each start and every overlap, as the tables do (seeded)', () => {
    const rng = new Lcg(20261204);
    const letters = ['a', 'b', 'c'];
    for (let round = 0; round < 300; round++) {
      const first = rng.word(letters, 3, 6);
      const patterns = [first, first + rng.word(letters, 1, 3), first.slice(-2) + rng.word(letters, 2, 4)].map((p) => Buffer.from(p));
      const text = Buffer.from(Array.from({ length: 12 }, () => (rng.next(3) === 0 ? patterns[rng.next(3)].toString() : rng.word(letters, 1, 4))).join(''));
      const expected = new MultiMatcher(patterns, 'js').matches(text);
      assert.deepStrictEqual(directMatches(patterns, text), expected, `round ${round}: ${patterns.join(',')} in ${text.toString()}`);
      const values = patterns.map((p) => p.toString()).filter((v) => v.length >= 4);
      if (values.length > 0) { assert.strictEqual(maskFresh(values, text.toString()), naiveMask(text.toString(), maskForms(values)), `round ${round}: masked`); }
    }
  });

  it('a stream of fresh rules masks its first chunk, a form split over the first two, and after a short text was masked', () => {
    assert.strictEqual(streamed(new MaskRules([SECRET]), [`one ${SECRET} two\n`]), `one ${MASK} two\n`);
    assert.strictEqual(streamed(new MaskRules([SECRET]), ['one tök/en', `+Val"ue 42 two\n`]), `one ${MASK} two\n`);
    const rules = new MaskRules([SECRET]);
    assert.strictEqual(maskText(`a ${SECRET}`, rules), `a ${MASK}`);
    assert.strictEqual(streamed(rules, [`b ${SECRET.slice(0, 5)}`, `${SECRET.slice(5)} c`]), `b ${MASK} c`);
  });

  it('a text longer than the direct search takes builds the tables and masks the same', () => {
    const long = `${'x'.repeat(5000)}${SECRET}${'y'.repeat(10)}`;
    assert.strictEqual(maskFresh([SECRET], long), `${'x'.repeat(5000)}${MASK}${'y'.repeat(10)}`);
    assert.strictEqual(new MaskRules([]).empty, true);
    assert.strictEqual(new MaskRules([SECRET]).empty, false);
  });
});
