/**
 * A window reload during a production deploy: VS Code deactivates the extension, which disposes
 * every engine with WINDOW_CLOSED_REASON (vscode/pipeline/workspacePipelines.ts). The cancelled
 * run's end record keeps that reason and the deploy's outcome, and the next activation's engine
 * reads the notice from it (core/deploy/stoppedDeploy.ts; vscode/deploy/stoppedDeployNotice.ts
 * shows it once). Other ways to stop a deploy (the user's Stop) give no such notice.
 */
import * as assert from 'node:assert/strict';
import { deployProduction } from '../../../src/core/release/index';
import { stoppedDeployNotice, WINDOW_CLOSED_REASON } from '../../../src/core/deploy';
import { until, withDeadline } from '../deploy/helpers';
import { DeployRepo, waitingStage } from './deployRepo';

describe('deployCommands: a production deploy stopped by the window\'s shutdown is told at the next activation', function () {
  this.timeout(60_000);
  let r: DeployRepo | undefined;
  afterEach(async () => { await r?.dispose(); r = undefined; });

  async function deployStopped(stop: (r: DeployRepo) => Promise<unknown>): Promise<{ live: string; notice: string | undefined; reason: unknown }> {
    r = await DeployRepo.create({ after: (dir) => waitingStage(dir, 'Smoke', 'production') });
    r.touch('go-Smoke');
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'first deploy')).result, 'ok');
    const live = r.read('deployed-to');
    r.remove('go-Smoke');
    r.commit('two');
    const deploying = deployProduction(r.engine);
    const smokeStarts = (): number => r!.events.filter((e) => e.type === 'stageStarted' && e.stage === 'Smoke').length;
    await until(() => smokeStarts() === 2, 20_000, 'the second deploy\'s production stage Smoke never started');
    await withDeadline(stop(r), 15_000, 'the stop never finished');
    assert.equal((await withDeadline(deploying, 15_000, 'the deploy never ended')).result, 'cancelled');
    const last = await (await r.newEngine().history()).last(); // the next activation's engine
    return { live, notice: stoppedDeployNotice(last), reason: last?.cancelReason };
  }

  it('disposed with the window\'s reason: the record keeps it, and the notice names the commit and the slot still live', async () => {
    const { live, notice, reason } = await deployStopped((repo) => repo.engine.dispose(WINDOW_CLOSED_REASON));
    assert.equal(reason, WINDOW_CLOSED_REASON);
    assert.equal(notice, `The production deploy of ${r!.head().slice(0, 8)} was stopped by the window reload (or close); ${live} is still live.`);
  });

  it('stopped by the user: the record says so, and there is no notice', async () => {
    const { notice, reason } = await deployStopped(async (repo) => { repo.engine.cancel(); await repo.engine.settle(); });
    assert.equal(reason, 'stopped by the user');
    assert.equal(notice, undefined);
  });
});
