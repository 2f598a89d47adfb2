import * as assert from 'node:assert/strict';
import { planSwitch } from '../../../src/core/release/switchSlot';
import { until, withDeadline } from '../deploy/helpers';
import { DeployRepo, waitingStage } from './deployRepo';

/** The other side of an interrupted deploy's words (test/system/reliability/interruptedSlot.test.ts): a deploy that runs is said to. */
describe('deployCommands: a slot being deployed by a live deploy', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('switch says it is being deployed right now while the deploy holds the lock', async () => {
    r = await DeployRepo.create({ after: (dir) => waitingStage(dir, 'Smoke', 'production') });
    const started = await r.engine.start({ trigger: 'manual' });
    assert.ok(started.kind === 'started');
    await until(() => r.events.some((e) => e.type === 'stageStarted' && e.stage === 'Smoke'), 10_000, 'the production stages never started');
    const plan = await planSwitch(r.newEngine());
    assert.deepEqual([plan.kind, plan.kind === 'refused' ? plan.message : ''], ['refused', `nothing to switch to: slot blue holds no complete release (the deploy of ${r.head().slice(0, 8)} is being deployed right now)`]);
    r.touch('go-Smoke');
    assert.equal((await withDeadline(started.done, 20_000, 'the run did not end')).state, 'green');
  });
});
