import * as assert from 'node:assert/strict';
import { stageRows, untoldOutcome, type RunRecord, type StageRecord, type StageState } from '../../../src/core/pipeline';

function stage(name: string, state: StageState, extra: Partial<StageRecord> = {}): StageRecord { return { name, state, exitCode: state === 'passed' ? 0 : null, durationMs: 10, ...extra }; }
function run(state: RunRecord['state'], stages: StageRecord[], extra: Partial<RunRecord> = {}): RunRecord {
  return { id: 'r1', sha: 'a', branch: 'main', trigger: 'manual', startedAt: '2026-12-05T08:00:00.000Z', state, stages, ...extra };
}
const AT = '2026-12-05T08:00:01.000Z';
const shown = (rows: ReturnType<typeof stageRows>) => rows.map((r) => `${r.name}:${r.shown}`);
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

  it('a cancelled run: the stage it stopped reads cancelled, those it never reached not reached, those that passed passed (reopen33)', () => {
    const stopped = run('cancelled', [stage('Unit Tests', 'passed', { startedAt: AT }), stage('Deploy', 'cancelled', { startedAt: AT, reason: 'stopped by the user' }),
      stage('Smoke', 'cancelled', { reason: 'stopped by the user' })], { cancelReason: 'stopped by the user' });
    assert.deepEqual(shown(stageRows(['Unit Tests', 'Deploy', 'Smoke'], stopped)), ['Unit Tests:passed', 'Deploy:cancelled', 'Smoke:notReached']);
    assert.equal(untoldOutcome(stageRows(['Unit Tests', 'Deploy', 'Smoke'], stopped), stopped), undefined, 'the cancelled row tells it');
  });

  it('an interrupted run (kill -9, history/runMerger): a stage with a start was cancelled, one without was not reached', () => {
    const killed = run('interrupted', [stage('Deploy', 'cancelled', { startedAt: AT, reason: 'the run was interrupted before this stage finished' }),
      stage('Smoke', 'cancelled', { reason: 'the run was interrupted before this stage finished' })]);
    assert.deepEqual(shown(stageRows(['Deploy', 'Smoke'], killed)), ['Deploy:cancelled', 'Smoke:notReached']);
  });

  it('a declined approval stays cancelled: the run got to the stage and someone said no', () => {
    const declined = run('cancelled', [stage('Gate', 'cancelled', { reason: 'approval declined' }), stage('After', 'skipped', { reason: 'pipeline stopped: Gate was not approved' })]);
    assert.deepEqual(shown(stageRows(['Gate', 'After'], declined)), ['Gate:cancelled', 'After:skipped']);
  });

  it('Run Single Stage: the stages the run left out are not in it (not skipped), while it runs and after (walkedit33 L11)', () => {
    const only = (state: RunRecord['state'], lint: StageState) => run(state, [stage('Unit Tests', 'skipped', { reason: 'not selected: ran Lint only' }), stage('Lint', lint, { startedAt: AT }),
      stage('Deploy', 'skipped', { reason: 'not selected (deploy to non-prod)' })]);
    assert.deepEqual(shown(stageRows(['Unit Tests', 'Lint', 'Deploy'], only('green', 'passed'))), ['Unit Tests:notInRun', 'Lint:passed', 'Deploy:notInRun']);
    assert.deepEqual(shown(stageRows(['Unit Tests', 'Lint', 'Deploy'], only('running', 'running'))), ['Unit Tests:notInRun', 'Lint:running', 'Deploy:notInRun']);
    const failedNeed = run('red', [stage('Unit Tests', 'failed', { startedAt: AT }), stage('Lint', 'skipped', { reason: 'needs Unit Tests, which failed' })]);
    assert.deepEqual(shown(stageRows(['Unit Tests', 'Lint'], failedNeed)), ['Unit Tests:failed', 'Lint:skipped'], 'a stage skipped by the run is skipped');
  });

  it('a run cancelled or red after every stage passed (a release stopped in its monitoring) says so beside the rows; green or told runs say nothing', () => {
    const passed = [stage('Unit Tests', 'passed', { startedAt: AT }), stage('Deploy', 'passed', { startedAt: AT })];
    const names = ['Unit Tests', 'Deploy'];
    const cancelled = run('cancelled', passed, { cancelReason: 'the editor window closed' });
    assert.equal(untoldOutcome(stageRows(names, cancelled), cancelled), 'last run cancelled after its stages passed');
    const red = run('red', passed);
    assert.equal(untoldOutcome(stageRows(names, red), red), 'last run red after its stages passed');
    const green = run('green', passed);
    assert.equal(untoldOutcome(stageRows(names, green), green), undefined);
    const none = run('cancelled', [stage('Unit Tests', 'cancelled', { reason: 'stopped' }), stage('Deploy', 'cancelled', { reason: 'stopped' })], { cancelReason: 'stopped' });
    assert.equal(untoldOutcome(stageRows(names, none), none), 'last run cancelled before any stage ran');
    assert.equal(untoldOutcome(stageRows(names, undefined), undefined), undefined);
  });
});
