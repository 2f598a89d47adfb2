import * as assert from 'node:assert/strict';
import { describeRedFor } from '../../../src/cli/describe';
import { msToNextRedTick, redForAt, RedTicker } from '../../../src/core/redgreen/redTick';
import { FakeClock } from './fakeClock';

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;

describe('the red timer: one text, ticking on the red period\'s own boundaries (review26 F8)', () => {
  const since = Date.parse('2024-05-01T10:00:00.000Z');

  it('redForAt is the one text: what `gearshift status` says is what the status bar and the gauge say', () => {
    assert.equal(redForAt(since, since + 7 * M + 59 * S), 'red for 7m');
    assert.equal(redForAt(since, since + 8 * M), 'red for 8m');
    assert.equal(redForAt(since, since - 5 * S), 'red for 0s', 'a clock set back is never negative');
    assert.ok(describeRedFor(since, since + 8 * M + 9 * S).startsWith('red for 8m '), describeRedFor(since, since + 8 * M + 9 * S));
  });

  it('the next tick is when the text changes: each second in the first minute, then each minute, each hour after a day', () => {
    assert.equal(msToNextRedTick(since, since), S);
    assert.equal(msToNextRedTick(since, since + 59_400), 600);
    assert.equal(msToNextRedTick(since, since + 60 * S), M, 'at 1m the next change is 2m');
    assert.equal(msToNextRedTick(since, since + 7 * M + 1 * S), 59 * S, 'not a fixed interval: the boundary of the period');
    assert.equal(msToNextRedTick(since, since + 2 * H + 5 * M + 30 * S), 30 * S, '"2h 05m" → "2h 06m"');
    assert.equal(msToNextRedTick(since, since + 3 * D + 4 * H + 10 * M), 50 * M, '"3d 4h" changes on the hour');
    assert.equal(msToNextRedTick(since, since - 5 * S), 6 * S, 'a clock set back: "0s" until a second into the period');
    for (const at of [0, 999, 59_999, 60_000, 61_234, 3_599_999, D - 1, D + 17]) {
      const now = since + at;
      const wait = msToNextRedTick(since, now);
      assert.ok(wait > 0, `${at}: ${wait}`);
      assert.equal(redForAt(since, now + wait - 1), redForAt(since, now), `${at}: no change before the tick`);
      assert.notEqual(redForAt(since, now + wait), redForAt(since, now), `${at}: a change at the tick`);
    }
  });

  describe('RedTicker', () => {
    let clock: FakeClock;
    let ticker: RedTicker;
    let seen: string[];
    beforeEach(() => {
      clock = new FakeClock(since + 7 * M + 1 * S);
      ticker = new RedTicker(clock);
      seen = [];
    });
    afterEach(() => ticker.dispose());

    it('ticks at the red period\'s minute boundary, not a fixed 60 s later, with one `now` for every listener', () => {
      const bar: string[] = [];
      const gauge: string[] = [];
      ticker.onTick((now) => bar.push(redForAt(since, now)));
      ticker.onTick((now) => gauge.push(redForAt(since, now)));
      ticker.show('statusBar', since);
      clock.advance(59 * S - 1);
      assert.deepEqual(bar, [], 'nothing before the boundary');
      clock.advance(1);
      assert.deepEqual(bar, ['red for 8m']);
      clock.advance(M);
      assert.deepEqual(bar, ['red for 8m', 'red for 9m']);
      assert.deepEqual(gauge, bar, 'the two views render from the same tick');
      assert.equal(clock.size, 1, 'one timer');
    });

    it('no timer while nothing shows a red timer; it stops when the last view stops showing one, and at dispose', () => {
      ticker.onTick((now) => seen.push(redForAt(since, now)));
      assert.equal(clock.size, 0);
      ticker.show('statusBar', since);
      ticker.show('gauge', since);
      assert.equal(clock.size, 1);
      ticker.show('statusBar', undefined);
      assert.equal(clock.size, 1, 'the gauge still shows one');
      ticker.show('gauge', undefined);
      assert.equal(clock.size, 0);
      ticker.show('gauge', since);
      ticker.dispose();
      assert.equal(clock.size, 0);
      ticker.show('gauge', since);
      assert.equal(clock.size, 0, 'nothing starts again after dispose');
      clock.advance(H);
      assert.deepEqual(seen, []);
    });

    it('two periods (two folders): it ticks at whichever boundary comes first', () => {
      ticker.onTick((now) => seen.push(`${redForAt(since, now)} / ${redForAt(since + 30 * S, now)}`));
      ticker.show('statusBar', since);
      ticker.show('gauge', since + 30 * S);
      clock.advance(M);
      assert.deepEqual(seen, ['red for 7m / red for 7m', 'red for 8m / red for 7m'], 'the second period\'s boundary at +29 s, the first\'s at +59 s');
    });

    it('a listener that throws does not stop the clock', () => {
      ticker.onTick(() => { throw new Error('boom'); });
      ticker.show('statusBar', since);
      assert.throws(() => clock.advance(59 * S), /boom/);
      assert.equal(clock.size, 1);
    });
  });
});
