import * as assert from 'node:assert';
import { formatElapsed } from '../../../src/core/format';
import { elapsedSince, formatRedFor } from '../../../src/core/redgreen/duration';

describe('formatRedFor', () => {
  const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;

  it('shows seconds, minutes, hours with padded minutes, days with hours', () => {
    assert.strictEqual(formatRedFor(45 * S), 'red for 45s');
    assert.strictEqual(formatRedFor(14 * M + 59 * S), 'red for 14m');
    assert.strictEqual(formatRedFor(2 * H + 5 * M + 30 * S), 'red for 2h 05m');
    assert.strictEqual(formatRedFor(3 * D + 4 * H + 59 * M), 'red for 3d 4h');
  });

  it('rounds down at each boundary', () => {
    assert.deepStrictEqual([0, 999, 59_999, M, H - 1, H, D - 1, D].map(formatElapsed),
      ['0s', '0s', '59s', '1m', '59m', '1h 00m', '23h 59m', '1d 0h']);
  });

  it('reads negative and non-finite durations as 0s, never as a negative time', () => {
    assert.deepStrictEqual([-5 * M, NaN, Infinity, -Infinity].map(formatRedFor), Array(4).fill('red for 0s'));
    assert.strictEqual(elapsedSince(1000, 400), 0);
    assert.strictEqual(elapsedSince(400, 1000), 600);
  });
});
