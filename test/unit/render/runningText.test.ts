import * as assert from 'node:assert/strict';
import { gateWaitsAnywhere, runningStatusText, statusClickAsksGate, type StatusModel } from '../../../src/core/render';
import type { PipelineStatus } from '../../../src/core/engine';
import type { RunRecord, StageState } from '../../../src/core/pipeline';

function run(states: StageState[]): RunRecord {
  const names = ['Unit Tests', 'Build', 'Deploy Prod'];
  return { id: 'r1', sha: 'a'.repeat(40), state: 'running', trigger: 'manual', startedAt: 0, stages: states.map((state, i) => ({ name: names[i] ?? `S${i}`, state })) } as unknown as RunRecord;
}
type Running = Extract<PipelineStatus, { kind: 'running' }>;
const monitoring = { kind: 'monitoring' as const, interval: 10, of: 10 };

describe('render: the status item while a run is in progress (walkedit33 M2, L2)', () => {
  it('a run sampling its baseline says so, even with a monitoring count known (another watch\'s)', () => {
    const s: Running = { kind: 'running', run: run(['passed', 'passed', 'pending']), index: 3, total: 3, baseline: true };
    assert.equal(runningStatusText(s, monitoring), '$(pulse) Gearshift: monitoring production: baseline');
  });

  it('between stages the release\'s monitoring count shows', () => {
    const s: Running = { kind: 'running', run: run(['passed', 'passed', 'passed']), index: 3, total: 3, finishing: true };
    assert.equal(runningStatusText(s, { kind: 'monitoring', interval: 2, of: 10 }), '$(pulse) Gearshift: monitoring production (2/10 intervals)');
  });

  it('after a failure skipped the rest: "failed at <stage>", not "finishing (3/3)"', () => {
    const s: Running = { kind: 'running', run: run(['failed', 'skipped', 'skipped']), index: 3, total: 3, finishing: true };
    assert.equal(runningStatusText(s, undefined), '$(sync~spin) Gearshift: failed at Unit Tests');
  });

  it('between stages (the deploy lock, around the baseline): the stage about to start, not a bare "starting (3/3)" (walkedit33 L2)', () => {
    const s: Running = { kind: 'running', run: run(['passed', 'passed', 'pending']), index: 3, total: 3 };
    assert.equal(runningStatusText(s, undefined), '$(sync~spin) Gearshift: starting Deploy Prod (3/3)');
  });

  it('every stage passed and the run is ending: "finishing (3/3)"; a stage running is named, escaped', () => {
    assert.equal(runningStatusText({ kind: 'running', run: run(['passed', 'passed', 'passed']), index: 3, total: 3, finishing: true }, undefined), '$(sync~spin) Gearshift: finishing (3/3)');
    assert.equal(runningStatusText({ kind: 'running', run: run(['running']), stage: '$(zap) x', index: 1, total: 3 }, undefined), '$(sync~spin) Gearshift: \\$(zap) x (1/3)');
  });

  it('a manual gate waiting for its answer says so: nothing runs until someone answers (review37a F1)', () => {
    const s: Running = { kind: 'running', run: run(['passed', 'waiting-approval', 'pending']), stage: 'Build', index: 2, total: 3 };
    assert.equal(runningStatusText(s, undefined), '$(question) Gearshift: Build waits for approval (2/3)');
  });

  it('the item asks the gate whenever one waits: beside a parallel stage named, or in a folder not the headline (rereview37 F4)', () => {
    const beside: Running = { kind: 'running', run: run(['running', 'waiting-approval', 'pending']), stage: 'Unit Tests', index: 1, total: 3 };
    const idle: PipelineStatus = { kind: 'green' } as unknown as PipelineStatus;
    const model = (status: PipelineStatus, folders: PipelineStatus[]): StatusModel => ({ status, folders: folders.map((f, i) => ({ name: `f${i}`, status: f, notes: [] })) });
    assert.equal(gateWaitsAnywhere(model(beside, [beside])), true);
    const other: Running = { kind: 'running', run: run(['passed', 'waiting-approval']), stage: 'Build', index: 2, total: 2 };
    assert.equal(gateWaitsAnywhere(model(idle, [idle, other])), true);
    const none: Running = { kind: 'running', run: run(['running', 'pending']), stage: 'Unit Tests', index: 1, total: 2 };
    assert.equal(gateWaitsAnywhere(model(none, [none, idle])), false);
    // rereview37b F3: while the item shows another folder's red, its click is about red, not B's gate.
    const red: PipelineStatus = { kind: 'red' } as unknown as PipelineStatus;
    assert.equal(statusClickAsksGate(model(red, [red, other])), false);
    assert.equal(statusClickAsksGate(model(beside, [beside, idle])), true);
  });
});
