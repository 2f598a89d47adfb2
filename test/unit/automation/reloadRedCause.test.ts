import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineAlerts } from '../../../src/core/automation/pipelineAlerts';
import { deployRunHooks } from '../../../src/core/deploy';
import { PipelineEngine } from '../../../src/core/engine/engine';
import type { RunRecord } from '../../../src/core/pipeline/types';
import type { EscalationEvent } from '../../../src/core/redgreen/escalation';
import { Repos } from '../engine/engineFixture';
import { FakeClock } from '../redgreen/fakeClock';

/** Each stage fails while its file (`Lint`, `Build`, `Unit`) exists in the repo. */
const PIPELINE = 'version: 1\nstages:\n'
  + ['Lint', 'Build', 'Unit'].map((name) => `  - name: ${name}\n    run: test ! -e ${name}\n`).join('');

/** rereview39b F4: a reload (a new process reading the real history file) mid-red. */
describe('a reload while red does not say a cause told before it again', function () {
  this.timeout(30_000);
  const repos = new Repos();
  const engines: PipelineEngine[] = [];
  const watchers: PipelineAlerts[] = [];
  afterEach(async () => {
    for (const w of watchers.splice(0)) { w.dispose(); }
    await Promise.all(engines.splice(0).map((e) => e.dispose()));
    repos.cleanup();
  });

  /** One window: an engine and its alerts on the repo, reading history as a window's start does. */
  async function windowOn(repo: string): Promise<{ engine: PipelineEngine; events: EscalationEvent[] }> {
    const engine = new PipelineEngine({ hooks: deployRunHooks(), folder: repo, color: false, killGraceMs: 500 });
    engines.push(engine);
    const alerts = new PipelineAlerts(engine, { clock: new FakeClock(Date.now()), reminderMs: 0, log: () => undefined });
    watchers.push(alerts);
    const events: EscalationEvent[] = [];
    alerts.onEscalation((e) => events.push(e));
    await alerts.start();
    return { engine, events };
  }
  async function runFailing(engine: PipelineEngine, repo: string, stage: string): Promise<RunRecord> {
    for (const name of ['Lint', 'Build', 'Unit']) { fs.rmSync(path.join(repo, name), { force: true }); }
    fs.writeFileSync(path.join(repo, stage), '');
    const outcome = await engine.start({ trigger: 'test' });
    const record = await (outcome as { done: Promise<RunRecord> }).done;
    await engine.settle();
    assert.strictEqual(record.state, 'red');
    return record;
  }
  const told = (events: EscalationEvent[]) => events.map((e) => [e.type, e.type === 'stillRed' && e.causeChanged, e.failedStage]);

  it('Lint red, Build red, reload, Lint red: only logged; then Unit red: a new reason', async () => {
    const repo = repos.make(PIPELINE);
    const before = await windowOn(repo);
    await runFailing(before.engine, repo, 'Lint');
    await runFailing(before.engine, repo, 'Build');
    assert.deepStrictEqual(told(before.events), [['wentRed', false, 'Lint'], ['stillRed', true, 'Build']]);
    for (const w of watchers.splice(0)) { w.dispose(); }
    await Promise.all(engines.splice(0).map((e) => e.dispose()));

    const after = await windowOn(repo);
    await runFailing(after.engine, repo, 'Lint');
    await runFailing(after.engine, repo, 'Unit');
    assert.deepStrictEqual(told(after.events), [['stillRed', false, 'Lint'], ['stillRed', true, 'Unit']]);
  });
});
