import * as assert from 'node:assert/strict';
import { formatDuration, formatElapsed, formatLimit, printable, shortId, shortSha } from '../../../src/core/format';

describe('format: one spelling everywhere', () => {
  it('measured durations: ms, tenths of seconds, m ss, h mm, days', () => {
    const cases: [number, string][] = [
      [0, '0ms'], [850, '850ms'], [999.7, '1.0s'], [12_340, '12.3s'], [59_960, '1m'], [2_400_000, '40m'], [64_800_000, '18h'], [245_000, '4m 05s'],
      [3_720_000, '1h 02m'], [86_400_000, '1 day'], [216_000_000, '2.5 days'],
    ];
    for (const [ms, text] of cases) { assert.equal(formatDuration(ms), text, `${ms} ms`); }
  });

  it('an unknown duration is a dash, never NaN or a negative', () => {
    for (const ms of [null, undefined, -5, Number.NaN, Number.POSITIVE_INFINITY]) { assert.equal(formatDuration(ms), '—'); }
  });

  it('configured limits read back the way .gearshift.yml spells them', () => {
    const cases: [number, string][] = [
      [600_000, '10m'], [90_000, '90s'], [3_600_000, '1h'], [5_400_000, '90m'], [300, '300ms'], [1500, '1500ms'],
      [90 * 86_400_000, '90d'], [0, '0ms'],
    ];
    for (const [ms, text] of cases) { assert.equal(formatLimit(ms), text, `${ms} ms`); }
  });

  it('a ticking timer rounds down and never goes negative', () => {
    const cases: [number, string][] = [[59_999, '59s'], [60_000, '1m'], [3_599_999, '59m'], [7_500_000, '2h 05m'], [273_600_000, '3d 4h'], [-1, '0s']];
    for (const [ms, text] of cases) { assert.equal(formatElapsed(ms), text, `${ms} ms`); }
  });

  it('short shas are 8 characters; a run outside git says so', () => {
    assert.equal(shortSha('0123456789abcdef0123456789abcdef01234567'), '01234567');
    assert.equal(shortSha('none'), 'no commit');
    assert.equal(shortSha(''), 'no commit');
    assert.equal(shortId('5f0c2a8e-1111-2222-3333-444455556666'), '5f0c2a8e');
  });

  it('printable cuts at max without splitting a code point or an escape, and ends in …', () => {
    const emoji = '\u{1F680}'; // two UTF-16 units
    assert.strictEqual(printable(`abc${emoji}def`, { max: 5 }), 'abc…');
    assert.strictEqual(printable(`ab${emoji}def`, { max: 5 }), `ab${emoji}…`);
    assert.strictEqual(printable('ab\u001bcdef', { max: 6 }), 'ab…'); // `\x1b` is four characters: not cut in half
    assert.strictEqual(printable('abcdef', { max: 6 }), 'abcdef');
    assert.strictEqual(printable('abcdefg', { max: 6 }), 'abcde…');
    for (let max = 1; max < 20; max++) {
      const text = `x${emoji}\u0007\u0001\u0002${emoji}yz\u202e${emoji}`.repeat(3);
      for (const controls of ['escape', 'space'] as const) {
        const cut = printable(text, { max, controls });
        assert.ok(cut.length <= max, `${controls} ${max}: ${cut}`);
        assert.doesNotMatch(cut, /[\ud800-\udbff](?![\udc00-\udfff])|\\(?:x[0-9a-f]?|u[0-9a-f]{0,3})…/u, `${controls} ${max}: ${cut}`);
      }
    }
  });
});
