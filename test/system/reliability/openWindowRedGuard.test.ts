import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Workspaces } from '../../support/workspaces';
import { killMarked, waitForMarked } from '../../unit/reliability/markers';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { deployRunHooks } from '../../../src/core/deploy/runHooks';
import { planProductionDeploy, redRefusalOf } from '../../../src/core/release';
import { cleanEnv } from '../../support/git';
import { killedAfterFailure, type KilledRun } from './killedAfterFailure';

/**
 * redkill41's leftover: an editor window already open had cleaned up dead runs once, at its start.
 * A CLI run killed from outside (kill -9) after a stage failed then stayed open in history until a
 * CLI command cleaned it up, and an open dead run reads `interrupted`, not red: the window's red
 * guard let a partial run reach production, and its deploy commands saw no red. Each now cleans
 * up again before it decides (engine.historyCleaned). Real CLI process, SIGKILL, the editor's engine in-process.
 */
describe('reliability: an open window\'s red decisions after a CLI run was killed from outside', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const markers: string[] = [];
  let engine: PipelineEngine | undefined;
  afterEach(async () => { await engine?.dispose(); ws.cleanup(); for (const m of markers.splice(0)) { killMarked(m); } });

  /** The window's engine, its start-up clean-up done; then a CLI run killed with SIGKILL after Unit Tests failed. No CLI command after it. */
  async function killedAfterFailureInWindow(): Promise<{ engine: PipelineEngine } & KilledRun> {
    let opened: PipelineEngine | undefined;
    const killed = await killedAfterFailure(ws, markers, async (repo) => {
      engine = opened = new PipelineEngine({ hooks: deployRunHooks(), holderKind: 'editor', folder: repo, color: false, killGraceMs: 500, baseEnv: cleanEnv() });
      await opened.loadLastRun(); // the window opened: its one clean-up at start is done
    });
    return { engine: opened ?? assert.fail('no engine'), ...killed };
  }

  it('its red guard (engine.start, as Run Stage) refuses a partial run to production once the killed run\'s stages ended', async () => {
    const { engine: e, deployed, marker, go } = await killedAfterFailureInWindow();
    fs.writeFileSync(go, ''); // its last stage ends by itself: nothing holds the run lock any more
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 10_000), [], 'Integration Tests did not end');
    const outcome = await e.start({ trigger: 'manual', only: 'Deploy Prod' });
    assert.ok(outcome.kind === 'refused', `the partial run was not refused: ${outcome.kind}`);
    assert.match(outcome.reason, /^not deploying: the pipeline is red since .*Unit Tests failed/);
    assert.equal(fs.existsSync(deployed), false, 'the failing commit was deployed without the red override');
  });

  it('Run Stage\'s question (redRefusalOf) offers the red override, not the production confirmation; the killed run\'s stage is stopped', async () => {
    const { engine: e, marker } = await killedAfterFailureInWindow();
    const loaded = await e.validate();
    assert.ok(loaded.ok);
    assert.match(await redRefusalOf(e, loaded.pipeline, { trigger: 'rerun', only: 'Deploy Prod' }) ?? '', /^the pipeline is red since .*Unit Tests failed/);
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 5000), [], 'the killed run\'s Integration Tests outlived the clean-up');
  });

  it('Deploy to Production\'s plan (redNow) sees red', async () => {
    const { engine: e } = await killedAfterFailureInWindow();
    const plan = await planProductionDeploy(e);
    assert.ok(plan.kind === 'plan');
    assert.match(plan.red?.message ?? '', /Unit Tests failed/, 'Deploy to Production\'s plan saw no red');
  });
});
