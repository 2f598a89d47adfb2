import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { announcementOf } from '../../../src/core/automation';
import { commit } from '../../support/git';
import { Harnesses, WAIT_FOR_RELEASE, pipelineYaml, release } from './triggerFixture';

/**
 * firsthour34 F21: every production deploy of a commit run gets its Output line. The editor asks when
 * the trigger says commitsDeployed; with commits queued, the next commit's run has often started by
 * then, so the deploy's run is no longer the engine's last run (real repo, real engine, real trigger).
 */
describe('announcementOf: a production deploy is announced even once the next commit\'s run has started (firsthour34 F21)', () => {
  const hs = new Harnesses();
  afterEach(() => hs.cleanup());

  it('the deploy of commit A is found while commit B\'s run is in progress', async () => {
    const hold = 'if [ -e "$FAIL" ]; then ' + WAIT_FOR_RELEASE + '; fi';
    const h = await hs.make(pipelineYaml([
      { name: 'Unit Tests', run: hold },
      { name: 'Deploy Prod', run: 'true', extra: ['environment: production'] },
    ]));
    const a = commit(h.repo, 'A');
    const deployed = await h.log.waitFor('commitsDeployed', (e) => e.shas.includes(a));
    fs.writeFileSync(path.join(h.scratch, 'fail'), ''); // B's run waits in Unit Tests until released
    const b = commit(h.repo, 'B');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === b);
    assert.notStrictEqual(h.engine.lastRun?.id, deployed.runId, 'B\'s run is the engine\'s last run now');
    const said = await announcementOf(h.engine, deployed.runId);
    assert.strictEqual(said?.run.id, deployed.runId);
    assert.match(said?.news.line ?? '', new RegExp(`^${a.slice(0, 8)} is live in production: Deploy Prod passed \\(commit run `));
    release(h);
    await h.log.ended(b);
  });
});
