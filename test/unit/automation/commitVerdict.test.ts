import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { commit } from '../../support/git';
import { commitRunState } from '../../../src/core/automation';
import { Harnesses, pipelineYaml, WAIT_FOR_RELEASE } from './triggerFixture';

/** Green at once; waits for $RELEASE (never written here) once $FAIL exists, so a re-run stays up until cancelled. */
const GREEN_THEN_WAIT = `[ -e "$FAIL" ] || exit 0; ${WAIT_FOR_RELEASE}`;

describe('a commit keeps its verdict when a later re-run is cancelled (firsthour34 F17; real repo, real engine)', function () {
  this.timeout(30_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('its own green run stands: the cancelled re-run is a note, not the commit\'s state', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Unit Tests', run: GREEN_THEN_WAIT }]));
    const a = commit(h.repo, 'a');
    const own = await h.log.ended(a);
    assert.strictEqual(own.run.state, 'green');
    await h.engine.settle();
    fs.writeFileSync(path.join(h.scratch, 'fail'), '');
    assert.strictEqual((await h.engine.start({ trigger: 'manual' })).kind, 'started');
    await h.log.waitFor('runStarted', (e) => !e.byTrigger && e.plan.sha === a);
    h.engine.cancel();
    await h.engine.settle();
    const run = h.trigger.commitRun(a);
    assert.strictEqual(run?.state, 'cancelled');
    assert.deepStrictEqual(run?.verdict, { runId: own.run.id, runSha: a, state: 'green' });
    assert.deepStrictEqual(commitRunState(run), { state: 'green', note: 're-run cancelled' });
  });

  it('a cancelled run with no verdict before it stays "cancelled"', () => {
    assert.deepStrictEqual(commitRunState({ runId: 'r', runSha: 'a', state: 'cancelled' }), { state: 'cancelled' });
    assert.deepStrictEqual(commitRunState({ runId: 'r', runSha: 'a', state: 'running', verdict: { runId: 'q', runSha: 'a', state: 'red' } }), { state: 'running' });
  });
});
