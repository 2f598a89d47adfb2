import * as assert from 'node:assert/strict';
import { stageRows, type RunRecord, type StageRecord, type StageState } from '../../../src/core/pipeline';

function stage(name: string, state: StageState): StageRecord { return { name, state, exitCode: state === 'passed' ? 0 : null, durationMs: 10 }; }
function run(state: RunRecord['state'], stages: StageRecord[]): RunRecord {
  return { id: 'r1', sha: 'a', branch: 'main', trigger: 'manual', startedAt: '2026-12-05T08:00:00.000Z', state, stages };
}
const view = (rows: ReturnType<typeof stageRows>) => rows.map((r) => `${r.name}:${r.record?.state ?? 'not run'}`);

/** Finding 6 of notes/edjourney.md: the Pipeline view lists the config's stages, merged with the last run's. */
describe('pipeline/stageRows', () => {
  it('before any run, every stage of the config is a row, not run', () => {
    assert.deepEqual(view(stageRows(['Unit Tests', 'Build'], undefined)), ['Unit Tests:not run', 'Build:not run']);
  });

  it('after a run, each stage carries its state; one added since is not run, one removed is gone, in the file\'s order', () => {
    const last = run('red', [stage('Unit Tests', 'passed'), stage('Old', 'failed'), stage('Build', 'skipped')]);
    assert.deepEqual(view(stageRows(['Lint', 'Unit Tests', 'Build'], last)), ['Lint:not run', 'Unit Tests:passed', 'Build:skipped']);
    assert.equal(stageRows(['Unit Tests'], last)[0].record, last.stages[0]);
  });

  it('a run still going is shown as it runs, whatever the file says now', () => {
    const going = run('running', [stage('Unit Tests', 'running'), stage('Old', 'pending')]);
    assert.deepEqual(view(stageRows(['Unit Tests'], going)), ['Unit Tests:running', 'Old:pending']);
  });

  it('a config that cannot be read keeps the last run\'s stages (nothing to merge with), and no run and no config is no rows', () => {
    assert.deepEqual(view(stageRows(undefined, run('green', [stage('A', 'passed')]))), ['A:passed']);
    assert.deepEqual(stageRows(undefined, undefined), []);
  });
});
