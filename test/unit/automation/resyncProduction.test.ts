/**
 * The editor's PipelineAlerts must learn of a production failure (a failed switch) that another
 * process adds to a red period it already knows: with a stale copy, a green `--stage` run in the
 * editor sent "back to green" while history (status, the status bar) still said red.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WebhookAlerter } from '../../../src/core/alerts/alerter';
import type { AlertPayload } from '../../../src/core/alerts/payload';
import { PipelineAlerts } from '../../../src/core/automation/pipelineAlerts';
import { PipelineEngine } from '../../../src/core/engine/engine';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { redPeriodFromHistory } from '../../../src/core/redgreen';
import { startServer, type HookServer } from '../alerts/hookServer';
import { Repos } from '../engine/engineFixture';
import { git } from '../../support/git';
import { deployRunHooks } from '../../../src/core/deploy';
import { SlotChangeRecord } from '../../../src/core/release/slotRecord';

describe('PipelineAlerts resync and a production failure added to a known red period', function () {
  this.timeout(30_000);
  const repos = new Repos();
  const engines: PipelineEngine[] = [];
  let alerts: PipelineAlerts | undefined;
  let hook: HookServer | undefined;
  afterEach(async () => {
    alerts?.dispose();
    await Promise.all(engines.splice(0).map((e) => e.dispose()));
    await hook?.close();
    repos.cleanup();
  });
  const engineFor = (repo: string): PipelineEngine => {
    const e = new PipelineEngine({ hooks: deployRunHooks(), folder: repo, color: false, killGraceMs: 500 });
    engines.push(e);
    return e;
  };
  async function run(engine: PipelineEngine, repo: string, red: boolean, only?: string): Promise<RunRecord> {
    const broken = path.join(repo, 'broken');
    if (red) { fs.writeFileSync(broken, ''); } else { fs.rmSync(broken, { force: true }); }
    const outcome = await engine.start({ trigger: 'test', ...(only ? { only } : {}) });
    assert.strictEqual(outcome.kind, 'started');
    const record = await (outcome as { done: Promise<RunRecord> }).done;
    await engine.settle();
    return record;
  }

  it('a green --stage run after a failed switch recorded elsewhere sends no "back to green" (history still says red)', async () => {
    hook = await startServer((_req, res) => { res.statusCode = 200; res.end('ok'); });
    const repo = repos.make(`version: 1\nstages:\n  - name: Build\n    run: echo built\n  - name: Unit Tests\n    run: test ! -e broken\nalerts:\n  webhook: ${hook.base}/hook\n`);
    const editor = engineFor(repo);
    alerts = new PipelineAlerts(editor, { reminderMs: 0, alerter: new WebhookAlerter({ backoffMs: 1, maxAttempts: 2, timeoutMs: 3000 }) });
    await alerts.start();
    assert.strictEqual((await run(editor, repo, true)).state, 'red'); // Unit Tests failed: the period opens here
    // Another process (a terminal's `gearshift switch`) records a failed switch in the same period.
    const other = engineFor(repo);
    const loaded = await other.validate();
    assert.ok(loaded.ok);
    const change = new SlotChangeRecord(other, loaded.pipeline, { kind: 'switch', runId: 'switch-run-1', sha: git(repo, 'rev-parse', 'HEAD'), slot: 'blue' });
    await change.begin();
    await change.end('failed', 'the switch command exited with code 3');
    await alerts.resync(); // the history watcher saw the file change
    assert.strictEqual((await run(editor, repo, false, 'Unit Tests')).state, 'green');
    await alerts.idle();
    const history = (await (await editor.history()).read()).runs;
    assert.strictEqual(redPeriodFromHistory(history)?.productionFailed, true, 'history: still red, the switch failed');
    const events = hook.received.map((r) => (JSON.parse(r.body) as AlertPayload).event);
    assert.deepStrictEqual(events, ['red'], 'no "back to green" while history says red');
  });
});
