import * as assert from 'assert';
import * as path from 'path';
import { HistoryStore } from '../../../src/core/history';
import { NOT_SELECTED_NON_PROD, type RunRecord } from '../../../src/core/pipeline';
import { ALREADY_RUN_WINDOW, recentRuns, triggeredRunRefusal, runThatRan, type PipelineStages } from '../../../src/core/engine/alreadyRun';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { makeRun } from '../history/historyFixture';

const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

/** A history file holding `runs`, each written as a start line and (unless running) an end line, as a run writes it. */
async function historyOf(runs: RunRecord[]): Promise<HistoryStore> {
  const store = new HistoryStore(path.join(tempDir(), 'history.jsonl'));
  for (const run of runs) {
    await store.recordStart({ ...run, state: 'running' });
    if (run.state !== 'running') { await store.recordEnd(run); }
  }
  return store;
}

/** The check's answer for `sha` over the window of `history` it reads, as the engine asks it. */
async function alreadyRun(history: HistoryStore, sha: string, ownRunId: string, stages?: PipelineStages): Promise<RunRecord | undefined> {
  const runs = await recentRuns(async () => history);
  assert.ok(runs, 'history reads');
  return runThatRan(runs, sha, ownRunId, stages);
}

const commitRun = (id: string, extra: Partial<RunRecord> = {}): RunRecord => makeRun(id, { trigger: 'commit', sha: SHA, state: 'green', ...extra });

describe('engine/alreadyRun: has another commit trigger, or someone by hand, run this sha?', () => {
  after(cleanupTempDirs);

  it('finds a commit-triggered run of the sha, green, red or still running (its writer alive)', async () => {
    for (const state of ['green', 'red', 'running'] as const) {
      const found = await alreadyRun(await historyOf([commitRun('other', { state })]), SHA, 'mine');
      assert.strictEqual(found?.id, 'other', state);
      assert.strictEqual(found?.state, state);
    }
  });

  it('a cancelled or interrupted run told nothing about the commit: it runs again', async () => {
    const history = await historyOf([commitRun('c', { state: 'cancelled' }), commitRun('i', { state: 'interrupted' })]);
    assert.strictEqual(await alreadyRun(history, SHA, 'mine'), undefined);
  });

  // review40 H1: a restarted watch (or a window opened within the resume window) deployed again a commit the CLI had deployed.
  it('a run by hand counts (cli, manual, a deploy\'s): docs/configuration.md "one already run by hand is not run again"', async () => {
    const skipped = (reason: string) => ({ name: 'Unit', state: 'skipped' as const, exitCode: null, durationMs: 0, reason });
    const ran = { name: 'Prod', state: 'passed' as const, exitCode: 0, durationMs: 1 };
    for (const run of [commitRun('cli', { trigger: 'cli' }), commitRun('manual', { trigger: 'manual', state: 'red' }),
      commitRun('prod', { trigger: 'cli', stages: [skipped('not selected (production stages only)'), ran] })]) {
      assert.strictEqual((await alreadyRun(await historyOf([run]), SHA, 'mine'))?.id, run.id, run.id);
    }
  });

  it('a single stage, a re-run from a stage, a rollback or a switch by hand ran part of the commit or nothing: they do not count', async () => {
    const skipped = (reason: string) => ({ name: 'Unit', state: 'skipped' as const, exitCode: null, durationMs: 0, reason });
    const ran = { name: 'Prod', state: 'passed' as const, exitCode: 0, durationMs: 1 };
    const history = await historyOf([
      commitRun('stage', { trigger: 'manual', stages: [skipped('not selected: ran Prod only'), ran] }),
      commitRun('from', { trigger: 'rerun', stages: [skipped('not selected: ran from Prod on'), ran] }),
      commitRun('rollback', { trigger: 'rollback', stages: [skipped('not selected (rollback: a switch back, nothing rebuilt)')] }),
      commitRun('cancelled', { trigger: 'cli', state: 'cancelled' }),
    ]);
    assert.strictEqual(await alreadyRun(history, SHA, 'mine'), undefined);
  });

  // rereview40 F1, F2: a hand run over uncommitted changes, or of another pipeline file (`--config`), tested another tree or other stages.
  it('a run by hand over uncommitted changes, or of another file\'s stages, is not the commit\'s run; one of the same stages is', async () => {
    const pipeline = new Set(['Build', 'Test']);
    assert.strictEqual(await alreadyRun(await historyOf([commitRun('dirty', { trigger: 'cli', dirty: true })]), SHA, 'mine', pipeline), undefined);
    assert.strictEqual(await alreadyRun(await historyOf([commitRun('dirty', { trigger: 'cli', dirty: true })]), SHA, 'mine'), undefined, 'whatever the pipeline');
    const lint = commitRun('lint', { trigger: 'cli', stages: [{ name: 'Lint', state: 'passed', exitCode: 0, durationMs: 1 }] });
    assert.strictEqual(await alreadyRun(await historyOf([lint]), SHA, 'mine', pipeline), undefined, 'another file\'s pipeline');
    assert.strictEqual((await alreadyRun(await historyOf([commitRun('same', { trigger: 'cli' })]), SHA, 'mine', pipeline))?.id, 'same');
    const clean = commitRun('clean', { trigger: 'cli', dirty: false });
    assert.strictEqual((await alreadyRun(await historyOf([clean]), SHA, 'mine', pipeline))?.id, 'clean');
    const refused = await triggeredRunRefusal({ trigger: 'commit', sha: SHA, runId: 'mine', onceForSha: true }, async () => historyOf([lint]), pipeline);
    assert.strictEqual(refused, undefined, 'the trigger runs it');
  });

  it('the refusal names a run by hand as such', async () => {
    const history = await historyOf([commitRun('abcdef1234', { trigger: 'cli' })]);
    const refused = await triggeredRunRefusal({ trigger: 'commit', sha: SHA, runId: 'mine', onceForSha: true }, async () => history);
    assert.ok(refused?.kind === 'refused');
    assert.strictEqual(refused.reason, 'already run by hand: run abcdef12, green');
    // rereview40 F5: a deploy to non-prod by hand stops short of production, and the trigger does not take it further.
    const skipped = { name: 'Prod', state: 'skipped' as const, exitCode: null, durationMs: 0, reason: NOT_SELECTED_NON_PROD };
    const nonProd = commitRun('0123456789', { trigger: 'cli', stages: [{ name: 'Unit', state: 'passed', exitCode: 0, durationMs: 1 }, skipped] });
    const refusedNonProd = await triggeredRunRefusal({ trigger: 'commit', sha: SHA, runId: 'mine', onceForSha: true }, async () => historyOf([nonProd]));
    assert.ok(refusedNonProd?.kind === 'refused');
    assert.strictEqual(refusedNonProd.reason, 'already run by hand: run 01234567, green, to non-prod only (deploy it to production by hand, or commit again)');
  });

  it('a run of a newer commit that covered this one counts; one of another commit does not', async () => {
    assert.strictEqual((await alreadyRun(await historyOf([commitRun('newer', { sha: OTHER, covers: [SHA, OTHER] })]), SHA, 'mine'))?.id, 'newer');
    assert.strictEqual(await alreadyRun(await historyOf([commitRun('unrelated', { sha: OTHER, covers: [OTHER] })]), SHA, 'mine'), undefined);
  });

  it('its own run id is not "another" run', async () => {
    assert.strictEqual(await alreadyRun(await historyOf([commitRun('mine', { state: 'running' })]), SHA, 'mine'), undefined);
  });

  it(`looks at the newest ${ALREADY_RUN_WINDOW} runs only`, async () => {
    const between = Array.from({ length: ALREADY_RUN_WINDOW }, (_, i) => makeRun(`n${i}`, { state: 'green', sha: OTHER }));
    assert.strictEqual(await alreadyRun(await historyOf([commitRun('old'), ...between]), SHA, 'mine'), undefined);
    assert.strictEqual((await alreadyRun(await historyOf([commitRun('old'), ...between.slice(1)]), SHA, 'mine'))?.id, 'old');
  });

  it('the refusal: only for a request that asks for it, naming the run; an unreadable history refuses nothing', async () => {
    const history = await historyOf([commitRun('1234567890', { sha: OTHER, covers: [SHA], state: 'red' })]);
    const request = { trigger: 'commit', sha: SHA, runId: 'mine' };
    assert.strictEqual(await triggeredRunRefusal(request, async () => history), undefined);
    const refused = await triggeredRunRefusal({ ...request, onceForSha: true }, async () => history);
    assert.ok(refused?.kind === 'refused');
    assert.strictEqual(refused.alreadyRan?.id, '1234567890');
    assert.strictEqual(refused.reason, `another commit trigger in this clone already covered it (run of ${OTHER.slice(0, 8)}): run 12345678, red`);
    const broken = new HistoryStore(tempDir()); // a folder where the file should be
    assert.strictEqual(await triggeredRunRefusal({ ...request, onceForSha: true }, async () => broken), undefined);
  });
});
