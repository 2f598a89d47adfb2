/**
 * The gauge's TODO advice is about the stage failing now, as the status item names it (review39 M4):
 * red first at a real stage, then at a stage still running the starter's TODO command, the note says to
 * replace that TODO command; the other way round it says to fix or revert. Before, it named the stage
 * that turned the period red. Read from history lines as the engine writes them (HistoryStore).
 */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import { STARTER_TODO, STARTER_TODO_END } from '../../../src/core/config/starterTodo';
import { HistoryStore } from '../../../src/core/history';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline';
import { redSpansFromHistory } from '../../../src/core/redgreen';
import { tempDir } from '../../support/git';
import { DAY, MINUTE, NOW, pipeline, stage } from './helpers';

const TODO = `${STARTER_TODO}your production deploy${STARTER_TODO_END}`;
const STARTER = pipeline([stage('Unit Tests', { run: 'npm test' }), stage('Deploy to Production', { environment: 'production', run: TODO }), stage('Monitoring')]);
const ORDER = ['Unit Tests', 'Deploy to Production', 'Monitoring'];

/** A run of STARTER ended at `end` with these stage states (the rest skipped after a failure, as the engine does). */
function runAt(id: string, end: number, states: StageRecord['state'][]): RunRecord {
  const stages = ORDER.map((name, i): StageRecord => {
    const state = states[i] ?? 'skipped';
    return { name, state, exitCode: state === 'passed' ? 0 : state === 'failed' ? 1 : null, durationMs: state === 'skipped' ? 0 : MINUTE };
  });
  const state = stages.some((s) => s.state === 'failed') ? 'red' : 'green';
  return { id, sha: `${id}0123456789abcdef`, branch: 'main', trigger: 'commit', startedAt: new Date(end - 3 * MINUTE).toISOString(), endedAt: new Date(end).toISOString(), state, stages };
}

async function gaugeOf(runs: RunRecord[]) {
  const store = new HistoryStore(path.join(tempDir(), 'history.jsonl'));
  for (const r of runs) {
    await store.recordStart({ ...r, state: 'running', endedAt: undefined, stages: r.stages.map((s) => ({ ...s, state: 'pending', exitCode: null, durationMs: 0 })) });
    await store.recordEnd(r);
  }
  const { runs: read, problems } = await store.read();
  assert.deepEqual(problems, []);
  return computeGauge({ now: NOW, pipeline: STARTER, runs: read, redPeriods: redSpansFromHistory(read, NOW) });
}

describe('gears: the TODO note names the stage failing now (review39 M4, left by fixred39)', () => {
  it('red at Unit Tests, then at the TODO stage: replace its TODO command', async () => {
    const m = await gaugeOf([
      runAt('green01', NOW - 3 * DAY, ['passed', 'passed', 'passed']),
      runAt('unit0001', NOW - 30 * MINUTE, ['failed']),
      runAt('todo0001', NOW - 10 * MINUTE, ['passed', 'failed']),
    ]);
    assert.equal(m.gear.limitingFactor, 'the pipeline is red');
    assert.match(m.gear.why, /^red for 30m since unit0001: "Deploy to Production" still runs the starter's TODO command, which fails on purpose, so commits are not reaching production$/);
    assert.equal(m.gear.next[0], 'replace the TODO command of "Deploy to Production" in .gearshift.yml with your real command');
  });

  it('red at the TODO stage, then at Unit Tests: fix or revert first, not the TODO note', async () => {
    const m = await gaugeOf([
      runAt('green01', NOW - 3 * DAY, ['passed', 'passed', 'passed']),
      runAt('todo0001', NOW - 30 * MINUTE, ['passed', 'failed']),
      runAt('unit0001', NOW - 10 * MINUTE, ['failed']),
    ]);
    assert.match(m.gear.why, /^red for 30m since todo0001: commits are not reaching production$/);
    assert.deepEqual(m.gear.next.slice(0, 2), ['fix or revert it', 'dedicate the team to fixing a red pipeline first']);
  });
});
