/**
 * closing-39: the gauge's red timer and its ages ("12s ago") are two keyed entries on the one red ticker the status bar
 * shares: one timer, armed for the nearest boundary of either, none once the view is gone. A fake clock (as the
 * ticker's own tests use): time moves only when the test says.
 */
import * as assert from 'node:assert/strict';
import { RedTicker } from '../../../src/core/redgreen/redTick';
import { GaugeTicks } from '../../../src/vscode/gauge/gaugeTicks';
import { FakeClock } from '../redgreen/fakeClock';

const S = 1000, M = 60 * S;

describe('the gauge\'s ticks: the red timer and the ages share one ticker (closing-39)', () => {
  const start = Date.parse('2024-05-01T10:00:00.000Z');
  let clock: FakeClock;
  let ticker: RedTicker;
  let seen: string[];
  let ticks: GaugeTicks;
  beforeEach(() => {
    clock = new FakeClock(start);
    ticker = new RedTicker(clock);
    seen = [];
    ticks = new GaugeTicks(ticker, { red: (now) => seen.push(`red ${now - start}`), ages: (now) => seen.push(`ages ${now - start}`) });
  });
  afterEach(() => { ticks.dispose(); ticker.dispose(); });

  it('two keyed entries, one timer: each text is redrawn at its own boundary, from the one clock', () => {
    ticks.showRed(start - 7 * M - 1 * S); // "red for 7m": next change in 59 s
    ticks.showAges([start - 10 * S - 500]); // "10s ago": next change in 0.5 s
    assert.equal(clock.size, 1, 'one timer for both texts');
    clock.advance(500);
    assert.deepEqual(seen, ['ages 500'], 'the age moved on; the red timer did not');
    assert.equal(clock.size, 1);
    clock.advance(59 * S - 500);
    assert.equal(seen.filter((s) => s.startsWith('red')).join(), `red ${59 * S}`, 'the red timer at its own boundary');
    assert.equal(seen.filter((s) => s.startsWith('ages')).length, 50, 'the age each second from 11s to its turn to 1m, then not before 2m');
    assert.equal(clock.size, 1);
  });

  it('nothing shown, or the view disposed: no timer left on the shared ticker', () => {
    ticks.showRed(start - 5 * S);
    ticks.showAges([start - 3 * S, start - 2 * M]);
    assert.equal(clock.size, 1);
    ticks.showRed(undefined);
    ticks.showAges([]);
    assert.equal(clock.size, 0, 'nothing shown, nothing armed');
    ticks.showAges([start - 3 * S]);
    ticks.dispose();
    assert.equal(clock.size, 0, 'disposed with the view');
    clock.advance(5 * M);
    assert.deepEqual(seen, []);
  });

  it('another view\'s entry on the same ticker (the status bar) wakes it, and the gauge redraws nothing that did not move', () => {
    ticks.showRed(start - 7 * M - 1 * S);
    ticker.show('statusBar', start - 30 * S - 250);
    clock.advance(250);
    assert.deepEqual(seen, [], 'the status bar\'s boundary is not the gauge\'s');
    assert.equal(clock.size, 1);
  });
});
