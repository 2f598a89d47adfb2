import * as assert from 'node:assert/strict';
import { endsInFailure } from '../../../src/core/runlog';
import { reasonLine } from '../../../src/core/runlog/stateWords';

/** review26 F8: a failed stage's saved log opens at its end, where the reason line is. */
describe('runlog: a saved log that ends in a failure', () => {
  it('is one when its last line is a failed or timed-out reason line, after any amount of output', () => {
    const body = Array.from({ length: 3000 }, (_, i) => `copying file ${i}`).join('\n');
    assert.equal(endsInFailure(`${body}\n${reasonLine('failed', 'exited with code 1')}`), true);
    assert.equal(endsInFailure(`${body}\n${reasonLine('timedOut', 'timed out after 2s')}`), true);
  });

  it('is not one for a passed or cancelled stage, or a failure named mid-log', () => {
    assert.equal(endsInFailure('ok\n'), false);
    assert.equal(endsInFailure(`x\n${reasonLine('cancelled', 'stopped by the user')}`), false);
    assert.equal(endsInFailure('[gearshift: failed: exited with code 1]\nthen more output\n'), false);
  });
});
