import * as assert from 'node:assert/strict';
import { stoppedDeployNotice, WINDOW_CLOSED_REASON } from '../../../src/core/deploy';
import type { RunRecord } from '../../../src/core/pipeline/types';

const run = (extra: Partial<RunRecord>): RunRecord => ({
  id: 'r1', sha: '1a2b3c4d5e6f', branch: 'main', trigger: 'manual', startedAt: '2026-12-05T10:00:00.000Z',
  state: 'cancelled', stages: [], cancelReason: WINDOW_CLOSED_REASON, ...extra,
});
const lead = 'The production deploy of 1a2b3c4d was stopped by the window reload (or close)';

describe('the notice for a production deploy the window\'s shutdown stopped', () => {
  it('says what is live: the old slot, the new one after the switch, none, or no blue/green at all', () => {
    assert.equal(stoppedDeployNotice(run({ slot: 'green', deploy: { result: 'cancelled', live: 'blue' } })), `${lead}; blue is still live.`);
    assert.equal(stoppedDeployNotice(run({ slot: 'green', deploy: { result: 'cancelled', live: 'green' } })), `${lead} after the switch: green is live with it, and its monitoring was stopped.`);
    assert.equal(stoppedDeployNotice(run({ slot: 'blue', deploy: { result: 'cancelled' } })), `${lead}; nothing was switched to blue, and no slot is recorded as live.`);
    assert.equal(stoppedDeployNotice(run({ deploy: { result: 'cancelled' } })), `${lead}; its production stage was killed partway, so check what production runs.`);
  });

  it('nothing for another reason, a run that never reached production, or one that ended otherwise', () => {
    assert.equal(stoppedDeployNotice(run({ cancelReason: 'stopped by the user', deploy: { result: 'cancelled', live: 'blue' } })), undefined);
    assert.equal(stoppedDeployNotice(run({})), undefined);
    assert.equal(stoppedDeployNotice(run({ state: 'green', deploy: { result: 'ok', live: 'blue' } })), undefined);
    assert.equal(stoppedDeployNotice(undefined), undefined);
  });
});
