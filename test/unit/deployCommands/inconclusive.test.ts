import * as assert from 'node:assert/strict';
import { runMain, type MainResult, type MainOptions } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';
import type { RunRecord } from '../../../src/core/pipeline/types';

/**
 * An inconclusive release (Argo Rollouts' "Inconclusive": nobody can tell) through the CLI
 * in-process: it stays live, production deploys wait, `--yes` exits 3, a terminal is asked.
 * The probe: `compare: previous-slot` on the fixture's two slot servers. On the first deploy no
 * slot was live before, so nothing can be compared: a probe error, and consecutiveErrorLimit 1.
 */
describe('an inconclusive release: paused for Keep / Roll Back (in-process CLI)', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  const run = (args: string[], opts: Partial<MainOptions> = {}): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir, ...opts }), 40_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  async function create(): Promise<void> {
    r = await DeployRepo.create({
      monitor: {
        window: '1s', interval: '100ms', baseline: '0', extra: ['  consecutiveErrorLimit: 1'],
        probes: (f) => ['    - name: slots', '      compare: previous-slot', '      timeout: 300ms', `      urls: { blue: "${f.url('blue')}", green: "${f.url('green')}" }`],
      },
    });
  }
  const decisionOf = (run: RunRecord | undefined): { choice?: string; runId?: string } | undefined => run?.decision as { choice?: string; runId?: string } | undefined;

  it('deploy production --yes exits 3, keeps the release live, and refuses the next deploy until `gearshift keep`', async () => {
    await create();
    const first = await run(['deploy', 'production', '--yes']);
    assert.equal(first.code, 3, first.stderr);
    assert.match(first.stdout, /\? Release needs a decision: slots: 1 probe errors in a row \(consecutiveErrorLimit 1\); last: nothing measured in interval 1: nothing to compare: blue is live, and no slot was live before it\n/);
    assert.match(first.stderr, /gearshift: the release of \w{8} in blue needs a decision .*keep it with `gearshift keep`, or roll back with `gearshift rollback` \(--yes does not decide for you\)\n$/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' }, 'the release stays live');
    const [deployRun] = await r.runs();
    assert.deepEqual([deployRun.state, deployRun.inconclusive, (deployRun.deploy as { result: string }).result], ['green', true, 'inconclusive']);
    const state = (await r.f.store.read()).state;
    assert.equal(state.decision?.runId, deployRun.id);
    assert.equal(state.records.find((x) => x.environment === 'production')?.result, 'inconclusive');

    r.commit('next');
    const blocked = await run(['deploy', 'production', '--yes']);
    assert.equal(blocked.code, 2, blocked.stderr);
    assert.match(blocked.stderr, /not deploying: the release of \w{8} in blue needs a decision first/);
    assert.equal((await r.runs()).length, 1, 'nothing ran');

    const kept = await run(['keep']);
    assert.equal(kept.code, 0, kept.stderr);
    const [decision] = await r.runs();
    assert.deepEqual([decision.trigger, decisionOf(decision)?.choice, decisionOf(decision)?.runId, decision.approvedBy], ['decision', 'keep', deployRun.id, 'Gearshift Test']);
    assert.ok(decision.stages.every((s) => s.state === 'skipped'), 'a decision runs no stage');
    assert.equal((await r.f.store.read()).state.decision, undefined);
    const again = await run(['keep']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /no release is waiting for a decision/);
    // Not paused any more: the next deploy goes to green, and now there is a previous slot to compare with.
    const next = await run(['deploy', 'production', '--yes']);
    assert.equal(next.code, 0, next.stderr);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });
  });

  it('gearshift run through production exits 3 too; at a terminal the person is asked, and "r" rolls back (recorded as the decision)', async () => {
    await create();
    const piped = await run(['run']);
    assert.equal(piped.code, 3, piped.stderr);
    assert.match(piped.stderr, /\(stdin is not a terminal\)\n$/);
    await run(['keep']);
    r.commit('second');
    // The second deploy compares green (new) with blue: both healthy, so it passes.
    const second = await run(['deploy', 'production', '--yes']);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });
    // The third release never answers: no measurement of the live slot, an error, inconclusive.
    r.f.nextRelease('hang');
    r.commit('third');
    const asked = await run(['deploy', 'production'], { tty: true, answers: ['y', 'r'] });
    assert.equal(asked.code, 0, asked.stderr);
    assert.match(asked.io.questions.join('\n'), /Monitoring was inconclusive for the release of \w{8} in blue\. Keep it, or roll back\? \[k\]eep \/ \[r\]oll back \/ \[l\]ater: /);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' }, 'rolled back to green');
    const [rollback] = await r.runs();
    assert.deepEqual([rollback.trigger, rollback.rollback, decisionOf(rollback)?.choice], ['rollback', true, 'rollback']);
    assert.equal((await r.f.store.read()).state.decision, undefined);
  });
});
