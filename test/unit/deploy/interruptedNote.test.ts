import * as assert from 'node:assert/strict';
import { interruptedRunNote } from '../../../src/core/deploy/interruptedNote';
import { DeployStateStore, type DeployState, makeRecord } from '../../../src/core/deploy';
import { environmentWords, productionChange } from '../../../src/core/engine';
import type { RunRecord } from '../../../src/core/pipeline';
import { TempDirs } from './helpers';

/**
 * What history says of a run killed with kill -9, from the deploy.json it left (a real file read by
 * the clean-up's note): faults41 M3 and H1. "prod (unchanged)" only where nothing may have changed.
 */
describe('the interrupted run\'s note: what a killed run did to production, from deploy.json (faults41 M3, H1)', () => {
  const temps = new TempDirs();
  afterEach(() => temps.cleanup());
  const sha = 'b'.repeat(40);
  const killed = (trigger: string, ranStages: boolean): RunRecord => ({
    id: 'run-1', sha, branch: 'main', trigger, startedAt: '2026-12-07T10:00:00.000Z', state: 'interrupted', environment: 'production', productionStages: ['Deploy Prod'],
    stages: [{ name: 'Deploy Prod', exitCode: null, durationMs: 0, ...(ranStages ? { state: 'cancelled', startedAt: '2026-12-07T10:00:01.000Z', reason: 'interrupted before it finished' } : { state: 'skipped' }) }],
  });
  /** deploy.json as `change` leaves it, then the note for `run` merged into it as the clean-up's end line does. */
  const noted = async (run: RunRecord, change: (s: DeployState) => void): Promise<RunRecord> => {
    const dir = temps.make();
    await new DeployStateStore(dir).update(change);
    const note = await interruptedRunNote(run, dir);
    return { ...run, ...note };
  };
  const record = (kind: 'deploy' | 'switch' | 'rollback', slot: string | undefined, result: 'ok' | 'alert' | 'failed') =>
    makeRecord({ environment: 'production', kind, sha, runId: 'run-1', result, ...(slot !== undefined ? { slot } : {}) });

  for (const kind of ['switch', 'rollback'] as const) {
    it(`a ${kind} killed after deploy.json recorded it, before its end line: "prod → blue", not "prod (unchanged)"`, async () => {
      const run = await noted(killed(kind, false), (s) => {
        s.live = 'blue'; s.previous = 'green';
        s.records.push(record(kind, 'blue', 'ok'));
      });
      assert.equal(environmentWords(run), 'prod → blue');
      assert.deepEqual(productionChange(run), { slot: 'blue' });
    });
  }

  it('a deploy whose slot went live, killed while its automatic rollback switched back: its slot, and "prod (unknown)"', async () => {
    const run = await noted(killed('cli', true), (s) => {
      s.live = 'blue'; s.previous = 'green';
      s.records.push(record('deploy', 'blue', 'alert'));
      s.switching = { to: 'green', from: 'blue', sha: 'c'.repeat(40), runId: 'run-1', kind: 'rollback', startedAt: '2026-12-07T10:00:05.000Z' };
    });
    assert.equal(run.slot, 'blue');
    assert.equal(environmentWords(run), 'prod (unknown)');
    assert.deepEqual(productionChange(run), { unknown: 'switch' });
  });

  it('a deploy killed while its switch script ran: "prod (unknown)" (which slot is live is unknown)', async () => {
    const run = await noted(killed('cli', true), (s) => {
      s.live = 'green';
      s.switching = { to: 'blue', from: 'green', sha, runId: 'run-1', kind: 'deploy', startedAt: '2026-12-07T10:00:05.000Z' };
    });
    assert.equal(environmentWords(run), 'prod (unknown)');
  });

  it('without blue/green, a deploy killed in its production stage: "prod (partial)", saying what was live before', async () => {
    const run = await noted(killed('cli', true), (s) => {
      s.records.push({ ...record('deploy', undefined, 'ok'), sha: 'a'.repeat(40), runId: 'run-0' });
      s.unsettled = { runId: 'run-1', sha, kind: 'deploy', startedAt: '2026-12-07T10:00:01.000Z', before: 'a'.repeat(40) };
    });
    assert.equal(environmentWords(run), 'prod (partial)');
    assert.match((run.deploy as { message: string }).message, /^the production deploy of bbbbbbbb was interrupted in its production stages \(its process was killed\): production may hold part of bbbbbbbb .*; aaaaaaaa was live before it/);
  });

  it('a deploy killed before its production stage (nothing marked): still "-"', async () => {
    const early = killed('cli', false);
    const run = await noted({ ...early, trigger: 'cli' }, (s) => { s.records.push({ ...record('deploy', undefined, 'ok'), runId: 'run-0' }); });
    assert.equal(environmentWords(run), '-');
  });
});
