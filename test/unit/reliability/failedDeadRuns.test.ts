/**
 * faults41 M1: a run that had failed before its process died (a stage's `stageEnd` line says failed
 * or timed out, or deploy.json says its monitoring alerted) is ended `red` by the clean-up, not
 * `interrupted`: the red period opens as after a Ctrl+C at that moment. Real history files, a real
 * deploy.json, a real dead pid.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanUpDeadRuns } from '../../../src/core/engine';
import { interruptedRunNote } from '../../../src/core/deploy/interruptedNote';
import { HistoryStore } from '../../../src/core/history';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline';
import { redNowIn } from '../../../src/core/redgreen';
import { deadPid } from './procHelpers';

const RUN = '6e9e892c-1111-4111-8111-111111111111';
const SHA = '6e9e892c6e9e892c6e9e892c6e9e892c6e9e892c';

function line(kind: string, run: object, extra: object = {}): string {
  return `${JSON.stringify({ v: 1, kind, at: new Date().toISOString(), pid: 1, host: os.hostname(), run, ...extra })}\n`;
}

/** A dead writer's start line, a finished process group (pid gone) per stage, and a stageEnd line for each ended stage. */
function deadRun(stages: StageRecord[], extra: Partial<RunRecord> = {}): string {
  const pending = stages.map((s) => ({ name: s.name, state: 'pending', exitCode: null, durationMs: 0 }));
  const start = `${JSON.stringify({ v: 1, kind: 'start', at: new Date().toISOString(), pid: deadPid(), host: os.hostname(), run: { id: RUN, sha: SHA, branch: 'main', trigger: 'cli', startedAt: new Date().toISOString(), state: 'running', stages: pending, ...extra } })}\n`;
  const procs = stages.map((s) => line('stage', { id: RUN, state: 'running' }, { proc: { stage: s.name, pgid: deadPid(), start: '1' } })).join('');
  const ends = stages.filter((s) => s.state !== 'running').map((s) => line('stageEnd', { id: RUN, state: 'running', stages: [s] })).join('');
  return start + procs + ends;
}

const stage = (name: string, state: string, reason?: string): StageRecord => ({ name, state, exitCode: state === 'passed' ? 0 : null, durationMs: 5, ...(reason ? { reason } : {}) } as StageRecord);

describe('reliability: a dead run that had failed ends red', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-failed-dead-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('a stage recorded timed out: the end line is red, with the cleanup mark, and the pipeline is red', async () => {
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, deadRun([stage('Integration Tests', 'timedOut', 'timed out after 1s'), stage('Lint', 'running')]));
    const store = new HistoryStore(file);
    assert.equal((await cleanUpDeadRuns(store, undefined, 200)).runs, 1);
    const run = (await store.read()).runs[0];
    assert.equal(run.state, 'red');
    assert.match(String((run.cleanup as { note?: string }).note), /stopped without finishing it.*\(Integration Tests timed out\), so it ends red/);
    const red = await redNowIn(store);
    assert.equal(red?.failedStage, 'Integration Tests');
    assert.equal((await cleanUpDeadRuns(store, undefined, 200)).runs, 0, 'ended once');
  });

  it('every stage passed and nothing alerted: it stays interrupted', async () => {
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, deadRun([stage('Unit Tests', 'passed'), stage('Lint', 'running')]));
    const store = new HistoryStore(file);
    await cleanUpDeadRuns(store, undefined, 200, interruptedRunNote);
    assert.equal((await store.read()).runs[0].state, 'interrupted');
  });

  it('a deploy killed in its automatic rollback after an alert (deploy.json: alert) ends red with alert, the switch still unknown', async () => {
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, deadRun([stage('Deploy Prod', 'passed')], { environment: 'production', productionStages: ['Deploy Prod'] }));
    const at = new Date().toISOString();
    fs.writeFileSync(path.join(dir, 'deploy.json'), JSON.stringify({
      version: 1, live: 'blue', previous: 'green',
      slots: { blue: { sha: SHA, deployedAt: at, runId: RUN }, green: { sha: 'a6eabdb5'.repeat(5), deployedAt: at, runId: 'old' } },
      records: [{ id: 'r1', at, environment: 'production', sha: SHA, slot: 'blue', runId: RUN, kind: 'deploy', result: 'alert', message: '100% errors' }],
      switching: { to: 'green', from: 'blue', sha: 'a6eabdb5'.repeat(5), runId: RUN, kind: 'rollback', startedAt: at },
    }));
    const store = new HistoryStore(file);
    await cleanUpDeadRuns(store, undefined, 200, interruptedRunNote);
    const run = (await store.read()).runs[0];
    assert.deepEqual([run.state, run.alert, (run.deploy as { liveUnknown?: boolean }).liveUnknown], ['red', true, true]);
    assert.equal((await redNowIn(store))?.cause, 'a production alert');
  });
});
