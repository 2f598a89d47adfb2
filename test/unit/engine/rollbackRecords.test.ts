import * as assert from 'node:assert/strict';
import type { PipelineEngine } from '../../../src/core/engine';
import type { RunRecord } from '../../../src/core/pipeline';
import { pipelineStatus, readBackToGreen, redPeriodFromHistory, RedGreenTracker, standingRun, verdictRun } from '../../../src/core/redgreen';
import { engineTestbed, Recorder } from './engineFixture';

/** Unit Tests pass; the release's switch fails: red with no failed stage (a failure in production, as a monitoring alert is). */
const SWITCH_FAILS = `version: 1
stages:
  - name: Unit Tests
    run: echo tested
  - name: Deploy Prod
    run: echo released
    environment: production
deploy:
  strategy: blue-green
  slots: [blue, green]
  switch: exit 3
`;

/** What core/release/slotRecord.ts records for a rollback by hand that worked: every stage skipped, none ran. */
function rollbackRecord(red: RunRecord, id: string): RunRecord {
  const at = new Date(Date.parse(red.endedAt ?? red.startedAt) + 1000).toISOString();
  const reason = 'not selected (rollback: a switch back, nothing rebuilt)';
  return {
    id, sha: red.sha, branch: red.branch, trigger: 'rollback', startedAt: at, endedAt: at, durationMs: 0, state: 'green',
    stages: red.stages.map((s) => ({ name: s.name, state: 'skipped', exitCode: null, durationMs: 0, reason })),
    environment: 'production', rollback: true, slot: 'blue', deploy: { result: 'ok', message: 'rolled back' },
  } as RunRecord;
}

/** A red run through the engine, then a rollback by hand recorded the way the editor records it (recordRun). */
async function redThenRollback(engine: PipelineEngine): Promise<{ red: RunRecord; tracker: RedGreenTracker }> {
  const tracker = new RedGreenTracker();
  // As the status bar (vscode/status/pipelineState.ts) feeds its tracker.
  engine.onEvent((e) => { if (e.type === 'runStarted' || e.type === 'runEnded' || e.type === 'runRecorded') { tracker.onRun(e.run); } });
  const rec = new Recorder(engine);
  const outcome = await engine.start({ trigger: 'manual' });
  assert.equal(outcome.kind, 'started');
  const red = await (outcome as { done: Promise<RunRecord> }).done;
  assert.equal(red.state, 'red', JSON.stringify(red.stages));
  await rec.next((e) => e.type === 'lastRunChanged' && e.run?.id === red.id && e.run.state === 'red');
  assert.ok(tracker.periodOf(), 'the failed release did not open a red period');
  await engine.recordRun(rollbackRecord(red, 'rollback-1'));
  return { red, tracker };
}

describe('engine: the verdict comes from the newest record, the stages from the last run that ran stages (walk30 H1, M1)', () => {
  const { repos, engineFor } = engineTestbed();

  it('a rollback by hand that ends the red: the editor\'s verdict is green at once, as `gearshift status` reads it from history', async () => {
    const repo = repos.make(SWITCH_FAILS);
    const engine = engineFor(repo);
    const { red, tracker } = await redThenRollback(engine);
    assert.equal(tracker.periodOf(), undefined, 'the rollback did not end the red period');
    assert.equal(engine.lastRun?.id, red.id, 'the stages shown are still the red run\'s');
    const live = pipelineStatus(verdictRun(engine.lastRun, tracker.lastOf()), tracker.periodOf(), tracker.standingOf());
    // The CLI's rule (cli/commands/status.ts): the newest record, the red period and the standing run, all from history.
    await engine.settle();
    const runs = await readBackToGreen(async (limit) => (await engine.history()).readNewest(limit));
    const cli = pipelineStatus(runs[0], redPeriodFromHistory(runs), standingRun(runs));
    assert.equal(cli.kind, 'green');
    assert.equal(live.kind, 'green', `the status item says ${live.kind} while \`gearshift status\` says green`);
    assert.equal(live.kind === 'green' ? live.run.id : '', 'rollback-1');
  });

  it('after a reload the stages are the last run\'s that ran stages, not a rollback\'s or a decision\'s all-skipped list', async () => {
    const repo = repos.make(SWITCH_FAILS);
    const engine = engineFor(repo);
    const { red } = await redThenRollback(engine);
    const decision = { ...rollbackRecord(red, 'decision-1'), trigger: 'decision', rollback: undefined };
    await engine.recordRun(decision);
    await engine.settle();
    const reloaded = engineFor(repo);
    const last = await reloaded.loadLastRun();
    assert.equal(last?.id, red.id, `after a reload the stages came from ${last?.trigger} record ${last?.id}`);
    assert.deepEqual(last?.stages.map((s) => s.state), ['passed', 'passed']);
  });
});
