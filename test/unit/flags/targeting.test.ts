import * as assert from 'node:assert';
import { targetingMayFallBack, targetingStrings, variantNamesIn } from '../../../src/core/flags/targeting';

/** One walk over targeting (flags34): the variants it names, whom it names, and whether the default variant can still be served. */
describe('flags: what targeting can say, read without evaluating it', () => {
  const variants = { on: true, off: false };
  const rule = { if: [{ in: [{ var: 'email' }, ['dev@example.com', 'on']] }, 'on', 'off'] };

  it('string literals with and without the context fields; the variants among them', () => {
    assert.deepStrictEqual(targetingStrings(rule, true), ['email', 'dev@example.com', 'on', 'on', 'off']);
    assert.deepStrictEqual(targetingStrings(rule, false), ['dev@example.com', 'on', 'on', 'off']);
    assert.deepStrictEqual([...variantNamesIn(rule, variants)], ['on', 'off']);
    assert.deepStrictEqual(targetingStrings(undefined, true), []);
  });

  it('falls back to the default variant unless every result is a variant name', () => {
    assert.strictEqual(targetingMayFallBack(rule), false);
    assert.strictEqual(targetingMayFallBack({ if: [{ var: 'a' }, 'on', { var: 'b' }, 'off', 'on'] }), false, 'a chain with an else');
    assert.strictEqual(targetingMayFallBack({ '?:': [true, 'on', 'off'] }), false);
    for (const t of [undefined, null, {}, 'on', { if: [true, 'on'] }, { if: [true, 'on', null] }, { if: [true, { var: 'v' }, 'off'] },
      { fractional: [['on', 50], ['off', 50]] }, { if: [true, { if: [false, 'on'] }, 'off'] }]) {
      assert.strictEqual(targetingMayFallBack(t as never), t === 'on' ? false : true, JSON.stringify(t));
    }
  });
});
