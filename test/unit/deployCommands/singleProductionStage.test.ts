/**
 * walkedit33 L5: Run Single Stage… lists production stages. Run alone, a production stage is a
 * production deploy: the same question (runStart.test.ts), red refusal (redPartialRun.test.ts) and,
 * here, the same deploy lock and slot switch as Deploy to Production (real repo, engine, lock, slots).
 */
import * as assert from 'node:assert/strict';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

describe('deployCommands: a production stage run on its own (Run Single Stage…, walkedit33 L5)', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  const runAlone = async (): Promise<{ state: string; stage: string | undefined; message: string }> => {
    const out = await r.engine.start({ trigger: 'manual', only: 'Deploy Prod' });
    assert.equal(out.kind, 'started', JSON.stringify(out));
    const run = await withDeadline(out.kind === 'started' ? out.done : Promise.reject(new Error('not started')), 20_000, 'Deploy Prod alone');
    const stage = run.stages.find((s) => s.name === 'Deploy Prod');
    return { state: run.state, stage: stage?.state, message: JSON.stringify(run) };
  };

  it('refused while another deploy holds the deploy lock; once it is free, deploys to a slot as Deploy to Production does', async () => {
    r = await DeployRepo.create();
    const held = await r.f.lock.acquire('rollback');
    assert.ok(held.ok);
    const refused = await runAlone();
    assert.notEqual(refused.stage, 'passed', `deployed while another deploy held the lock: ${refused.message}`);
    assert.match(refused.message, /another deploy is in progress: rollback/);
    assert.equal(r.exists('deployed-to'), false, 'nothing deployed');
    await held.release();
    const done = await runAlone();
    assert.equal(done.stage, 'passed', done.message);
    assert.equal(r.read('deployed-to'), 'blue', 'deployed to a slot, as Deploy to Production does');
    assert.equal(await r.f.lock.holder(), undefined, 'lock released');
  });
});
