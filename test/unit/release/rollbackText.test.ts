import * as assert from 'node:assert/strict';
import { rollbackDetail, rollbackQuestion, type RollbackGoAhead } from '../../../src/core/release';

const OLD = '0123456789abcdef0123456789abcdef01234567';
const BAD = 'fedcba9876543210fedcba9876543210fedcba98';
const HOSTILE = 'Bad \u001b]0;owned\u0007 \u202eelease';

describe('release: the rollback confirmation text (CLI prompt and editor modal)', () => {
  const switchBack: RollbackGoAhead = { kind: 'switch', from: 'green', to: 'blue', sha: OLD, runId: 'r1', subject: 'Fix checkout', removes: { sha: BAD, runId: 'r2' }, removesSubject: HOSTILE };
  const redeploy: RollbackGoAhead = { kind: 'redeploy', sha: OLD, runId: 'r1', message: 'redeploy 01234567 through the production stages', subject: 'Fix checkout', removes: { sha: BAD, runId: 'r2' }, removesSubject: HOSTILE };

  it('names the release taken out and the one brought back; a terminal gets controls escaped, a modal gets spaces', () => {
    assert.equal(rollbackQuestion(switchBack, 'escape'), 'Roll production back from green (fedcba98 "Bad \\x1b]0;owned\\x07 \\u202eelease") to blue (01234567 "Fix checkout")?');
    assert.equal(rollbackQuestion(redeploy, 'space'), 'Roll production back: take out fedcba98 "Bad  ]0;owned   elease" and redeploy 01234567 "Fix checkout" through the production stages?');
  });

  it('without the release taken out or subjects (not in this clone), still names what comes back', () => {
    const bare: RollbackGoAhead = { kind: 'redeploy', sha: OLD, runId: 'r1', message: 'redeploy 01234567 through the production stages' };
    assert.equal(rollbackQuestion(bare, 'escape'), 'Roll production back by redeploying 01234567 through the production stages?');
    assert.equal(rollbackQuestion({ kind: 'switch', to: 'blue', sha: OLD, runId: 'r1' }, 'escape'), 'Roll production back to blue (01234567)?');
  });

  it('the modal detail says how, and that the release taken out is no later rollback target', () => {
    assert.equal(rollbackDetail(switchBack), 'Blue/green: switches traffic from green back to blue, which still holds 01234567; nothing is rebuilt. fedcba98 leaves production, and no later rollback goes back to it.');
    assert.equal(rollbackDetail(redeploy), 'Without blue/green: redeploy 01234567 through the production stages. fedcba98 leaves production, and no later rollback goes back to it.');
  });
});
