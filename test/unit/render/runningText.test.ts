import * as assert from 'node:assert/strict';
import { runningStatusText } from '../../../src/core/render';
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
});
