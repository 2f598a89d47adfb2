import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rawLine } from '../history/historyFixture';
import { HistoryStore } from '../../../src/core/history';
import type { RunRecord, StageRecord, StageState } from '../../../src/core/pipeline/types';
import { redLeftOpenIn, redNowIn, stillRedMessage } from '../../../src/core/redgreen';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { run } from './runs';

/** A run of these stages in file order; `skip` = left out by `--stage`. */
function withStages(state: 'red' | 'green', startMin: number, stages: Record<string, StageState | 'skip'>): RunRecord {
  const records: StageRecord[] = Object.entries(stages).map(([name, s]) => (s === 'skip'
    ? { name, state: 'skipped', exitCode: null, durationMs: 0, reason: `not selected (--stage ${name})` }
    : { name, state: s, exitCode: s === 'passed' ? 0 : s === 'failed' ? 1 : null, durationMs: 5 }));
  return { ...run(state, startMin), stages: records };
}

/** review40 M4: Lint fails, is renamed Static Checks (the same command) while red, then a green `--stage` run of another stage. */
describe('a failing stage renamed or removed while red (review40 M4)', () => {
  afterEach(cleanupTempDirs);

  const green0 = withStages('green', 0, { 'Unit Tests': 'passed', Lint: 'passed', Build: 'passed' });
  const red = withStages('red', 2, { 'Unit Tests': 'passed', Lint: 'failed', Build: 'skipped' });
  const unitOnly = withStages('green', 4, { 'Unit Tests': 'passed', 'Static Checks': 'skip', Build: 'skip' });
  const buildOnly = withStages('green', 6, { 'Unit Tests': 'skip', 'Static Checks': 'skip', Build: 'passed' });
  const full = withStages('green', 8, { 'Unit Tests': 'passed', 'Static Checks': 'passed', Build: 'passed' });

  function history(...runs: RunRecord[]): HistoryStore {
    const store = new HistoryStore(path.join(tempDir(), 'history.jsonl'));
    fs.appendFileSync(store.file, runs.map((r) => rawLine('start', { ...r, state: 'running' }) + rawLine('end', r)).join(''));
    return store;
  }

  it('a green --stage run of another stage leaves it red, and says only a full run ends it', async () => {
    const store = history(green0, red, unitOnly);
    const now = await redNowIn(store);
    assert.strictEqual(now?.runId, red.id, 'still red, since the Lint failure');
    assert.strictEqual(now.failingStages, undefined, 'no stage list ends it');
    const left = await redLeftOpenIn(store, unitOnly);
    assert.ok(left, 'the --stage run left it red');
    assert.match(stillRedMessage(left), /\(Lint failed in run [\w-]{8}\): Lint failed and is no longer in the pipeline \(renamed or removed\), so no single stage can show it fixed; to end it, run the whole pipeline green$/);
  });

  it('a second partial run (even of every other stage, one at a time) keeps it red; a green run of every stage ends it', async () => {
    assert.strictEqual((await redNowIn(history(green0, red, unitOnly, buildOnly)))?.runId, red.id);
    assert.strictEqual(await redNowIn(history(green0, red, unitOnly, buildOnly, full)), undefined);
    assert.strictEqual(await redNowIn(history(green0, red, full)), undefined, 'a full run right after the rename');
  });

  it('after a full red run the usual rule is back: the renamed stage passing in a --stage run ends it', async () => {
    const redAgain = withStages('red', 8, { 'Unit Tests': 'passed', 'Static Checks': 'failed', Build: 'skipped' });
    const staticOnly = withStages('green', 10, { 'Unit Tests': 'skip', 'Static Checks': 'passed', Build: 'skip' });
    assert.strictEqual(await redNowIn(history(green0, red, unitOnly, redAgain, staticOnly)), undefined);
  });
});
