import * as assert from 'node:assert/strict';
import { monitoringAfter, samplingBaselineAfter, type MonitorProgress } from '../../../src/core/deploy';
import { statusOfRun, type EngineEvent } from '../../../src/core/engine';
import { runningStatusText } from '../../../src/core/render';
import { deployProduction, monitorNow } from '../../../src/core/release/index';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/** The status item's text after each event while a run is in progress, folded as the editor folds it (releaseDecisions, pipelineState). */
function itemTexts(r: DeployRepo): string[] {
  const seen: string[] = [];
  let sampling = false;
  let monitoring: MonitorProgress | undefined;
  r.engine.onEvent((e: EngineEvent) => {
    sampling = samplingBaselineAfter(sampling, e);
    monitoring = monitoringAfter(monitoring, e);
    const run = r.engine.current?.record;
    const s = run ? statusOfRun(run) : undefined;
    if (s?.kind !== 'running') { return; }
    const shown = sampling && s.stage === undefined ? { ...s, baseline: true as const } : s;
    const text = runningStatusText(shown, monitoring ? { kind: 'monitoring', ...monitoring } : undefined);
    if (seen[seen.length - 1] !== text) { seen.push(text); }
  });
  return seen;
}

describe('deployCommands: the status item after Monitor Production Now (walkedit33 M2, real engine and slot servers)', function () {
  this.timeout(40_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('the next run never shows the stand-alone monitor\'s last "n/m intervals": its own baseline, then its own count from 1', async () => {
    r = await DeployRepo.create({ monitor: { window: '600ms', interval: '200ms', baseline: '400ms' } });
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'first deploy')).result, 'ok');
    r.commit('next');
    const seen = itemTexts(r);
    const alone = await withDeadline(monitorNow(r.engine), 10_000, 'monitor now');
    assert.equal(alone.result, 'ok', alone.message);
    const started = await r.engine.start({ trigger: 'manual' });
    assert.ok(started.kind === 'started');
    assert.equal((await withDeadline(started.done, 25_000, 'the run')).state, 'green');
    const baseline = seen.indexOf('$(pulse) Gearshift: monitoring production: baseline');
    assert.ok(baseline >= 0, seen.join('\n'));
    assert.ok(seen.slice(0, baseline).every((t) => !t.includes('interval')), `no monitoring count before the run's baseline:\n${seen.join('\n')}`);
    const counts = seen.filter((t) => t.includes('interval'));
    assert.match(counts[0] ?? '', /monitoring production \(1\/3 intervals\)/, seen.join('\n'));
  });
});

describe('deployCommands: the status item around the production baseline (walkedit33 L2, real engine and slot servers)', function () {
  this.timeout(40_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('never "starting (n/m)": before and after the baseline it names what is happening', async () => {
    r = await DeployRepo.create({ monitor: { window: '400ms', interval: '200ms', baseline: '400ms' } });
    const seen = itemTexts(r);
    const started = await r.engine.start({ trigger: 'manual' });
    assert.ok(started.kind === 'started');
    assert.equal((await withDeadline(started.done, 25_000, 'the run')).state, 'green');
    assert.ok(seen.every((t) => !/starting \(\d+\/\d+\)/.test(t)), seen.join('\n'));
    const baseline = seen.indexOf('$(pulse) Gearshift: monitoring production: baseline');
    assert.ok(baseline > 0, seen.join('\n'));
    // Before it the deploy lock, after it the check that HEAD has not moved: the production stage is about to start.
    assert.equal(seen[baseline - 1], '$(sync~spin) Gearshift: starting Deploy Prod (3/3)', seen.join('\n'));
    assert.equal(seen[baseline + 1], '$(sync~spin) Gearshift: starting Deploy Prod (3/3)', seen.join('\n'));
  });
});
