import * as assert from 'node:assert/strict';
import { samplingBaselineAfter } from '../../../src/core/deploy';
import { statusOfRun, type EngineEvent } from '../../../src/core/engine';
import { statusTooltipParts } from '../../../src/core/render/statusTooltip';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/** What the status item is told after each event: the engine's running status plus whether the baseline is being sampled. */
function headlines(r: DeployRepo): string[] {
  const seen: string[] = [];
  let sampling = false;
  r.engine.onEvent((e: EngineEvent) => {
    sampling = samplingBaselineAfter(sampling, e);
    const run = r.engine.current?.record;
    const s = run ? statusOfRun(run) : undefined;
    if (s?.kind !== 'running') { return; }
    const shown = sampling && s.stage === undefined ? { ...s, baseline: true as const } : s;
    const line = statusTooltipParts({ status: shown, folders: [] }, Date.now()).map((p) => ('text' in p ? p.text : p.markdown)).join('').split('\n')[0];
    if (seen[seen.length - 1] !== line) { seen.push(line); }
  });
  return seen;
}

describe('deployCommands: the status while the production deploy samples its baseline (walk30 L15, real engine and slot servers)', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('says "monitoring production: baseline" from the deploy\'s start to the baseline\'s end, not "running (3/3)" before a stage that has not started', async () => {
    r = await DeployRepo.create({ monitor: { baseline: '600ms', interval: '200ms', window: '200ms' } });
    const seen = headlines(r);
    const started = await r.engine.start({ trigger: 'manual' });
    assert.ok(started.kind === 'started');
    assert.equal((await withDeadline(started.done, 20_000, 'the run')).state, 'green');
    const sampling = seen.indexOf('**Gearshift** — monitoring production: baseline');
    assert.ok(sampling > 0, seen.join('\n'));
    assert.ok(r.deployEvents().indexOf('deployStarted') < r.deployEvents().indexOf('baseline'));
    assert.ok(seen.slice(sampling + 1).every((l) => !l.includes('baseline')), `after the baseline the stage count again:\n${seen.join('\n')}`);
    assert.ok(seen.slice(sampling + 1).some((l) => /running \(3\/3\)/.test(l)), seen.join('\n'));
  });

  it('without a baseline (baseline: 0s) nothing is sampled: the stage count only', async () => {
    r = await DeployRepo.create({ monitor: { baseline: '0s', interval: '200ms', window: '200ms' } });
    const seen = headlines(r);
    const started = await r.engine.start({ trigger: 'manual' });
    assert.ok(started.kind === 'started');
    assert.equal((await withDeadline(started.done, 20_000, 'the run')).state, 'green');
    assert.ok(seen.every((l) => !l.includes('baseline')), seen.join('\n'));
  });
});
