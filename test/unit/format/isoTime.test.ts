import * as assert from 'node:assert/strict';
import { isoTime } from '../../../src/core/format';

/** isoTime must print what toISOString prints (history, locks and run records hold it), for every instant. */
describe('format: isoTime, toISOString without the time-zone set-up', () => {
  const YEAR_10000 = Date.UTC(10000, 0, 1);

  it('matches toISOString at the edges of its range and around them', () => {
    const edges = [
      0, -1, 1, 999, 1000, Date.UTC(1969, 11, 31, 23, 59, 59, 999), Date.UTC(2000, 1, 29, 12, 0, 0, 5),
      -62167219200000, -62167219200001, // 0000-01-01T00:00:00.000Z and the instant before (-000001)
      YEAR_10000 - 1, YEAR_10000, 8.64e15, -8.64e15, // 9999-12-31T23:59:59.999, +010000, the Date range's ends
    ];
    for (const t of edges) { assert.equal(isoTime(t), new Date(t).toISOString(), String(t)); }
  });

  it('matches toISOString for 100,000 instants spread over years 0000–9999, and for Date objects', () => {
    let seed = 12345;
    const next = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (let i = 0; i < 100_000; i++) {
      const t = Math.floor(-62167219200000 + next() * (YEAR_10000 + 62167219200000));
      assert.equal(isoTime(t), new Date(t).toISOString());
      if (i % 1000 === 0) { assert.equal(isoTime(new Date(t)), new Date(t).toISOString()); }
    }
  });

  it('now by default, and the same RangeError as toISOString for an invalid date', () => {
    const before = Date.now();
    const text = isoTime();
    assert.ok(Date.parse(text) >= before && Date.parse(text) <= Date.now(), text);
    assert.throws(() => new Date(NaN).toISOString(), RangeError);
    assert.throws(() => isoTime(NaN), RangeError);
    assert.throws(() => isoTime(new Date('not a date')), RangeError);
  });
});
