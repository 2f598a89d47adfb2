import * as assert from 'node:assert/strict';
import { sparkLabels } from '../../../src/core/gears';

/** The gauge's sparklines in words (their names for a screen reader, a11y32 #14). */
describe('gears: the sparklines in words', () => {
  it('no history: says there is none, in place of an empty line', () => {
    assert.deepEqual(sparkLabels(new Array<number>(12).fill(0), [], null), {
      deploys: 'Deploys per week, last 12 weeks, oldest first: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 (this week)',
      durations: 'Pipeline duration per run: none yet',
      monitor: null,
    });
  });

  it('one run, one sample: that value alone', () => {
    const one = sparkLabels([], [90_000], [0.25]);
    assert.equal(one.durations, 'Pipeline duration per run, last run: 1m 30s');
    assert.equal(one.monitor, 'Error rate after the last deploy, last sample: 25%');
  });

  it('a long monitoring window is summed up: latest, lowest, highest', () => {
    const rates = [...new Array<number>(19).fill(0), 0.02, 0.4, 0.05];
    assert.equal(sparkLabels([], [], rates).monitor, 'Error rate after the last deploy, last 22 samples: latest 5.0%, lowest 0%, highest 40%');
  });
});
