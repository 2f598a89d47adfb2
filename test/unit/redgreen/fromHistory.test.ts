import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rawLine } from '../history/historyFixture';
import { foldHistory, readBackToGreen, recoveriesFromHistory, redPeriodFromHistory, redSpansFromHistory } from '../../../src/core/redgreen/fromHistory';
import { HistoryStore } from '../../../src/core/history';
import type { RunRecord } from '../../../src/core/pipeline';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { at, MIN, run } from './runs';

/** Oldest first in the test, newest first as HistoryStore.read() returns them. */
function newestFirst(...oldestFirst: ReturnType<typeof run>[]): ReturnType<typeof run>[] {
  return [...oldestFirst].reverse();
}

describe('red periods from history', () => {
  it('an empty history and an all-green history are not red and have no recoveries', () => {
    assert.deepStrictEqual(foldHistory([]), { current: undefined, recoveries: [] });
    assert.deepStrictEqual(foldHistory(newestFirst(run('green', 0), run('cancelled', 5), run('green', 9))), { current: undefined, recoveries: [] });
  });

  it('the current red period starts at the end of its first red run, through cancelled, interrupted and running runs', () => {
    const firstRed = run('red', 10);
    const history = newestFirst(run('green', 0), firstRed, run('cancelled', 20), run('red', 30), run('interrupted', 40), run('running', 50));
    const period = redPeriodFromHistory(history, 'api');
    assert.deepStrictEqual([period?.repo, period?.redSince, period?.redRun.id, period?.failedStage], ['api', at(11), firstRed.id, 'Unit Tests']);
    assert.strictEqual(period?.latestRedRun.id, history[2].id);
  });

  it('computes every recovery, oldest first: time to restore for the gauge', () => {
    const r1 = run('red', 0); const g1 = run('green', 30);
    const r2 = run('red', 100); const g2 = run('green', 340);
    const history = newestFirst(run('green', -10), r1, run('red', 10), g1, run('green', 50), r2, run('cancelled', 200), g2, run('red', 400));
    assert.deepStrictEqual(recoveriesFromHistory(history), [
      { repo: '', redSince: at(1), greenAt: at(31), durationMs: 30 * MIN, failedStage: 'Unit Tests', fixedStage: 'Unit Tests', redRunId: r1.id, greenRunId: g1.id },
      { repo: '', redSince: at(101), greenAt: at(341), durationMs: 240 * MIN, failedStage: 'Unit Tests', fixedStage: 'Unit Tests', redRunId: r2.id, greenRunId: g2.id },
    ]);
    assert.strictEqual(redPeriodFromHistory(history)?.redSince, at(401), 'and the newest red run is still open');
  });

  it('replays in history (start) order; a green that ended before the red began (clock set back) restores in 0 ms', () => {
    const red = run('red', 60);
    const green = run('green', 0, { startedAt: new Date(at(70)).toISOString(), endedAt: new Date(at(5)).toISOString() });
    const [recovery] = recoveriesFromHistory(newestFirst(red, green));
    assert.deepStrictEqual([recovery.redSince, recovery.greenAt, recovery.durationMs], [at(61), at(5), 0]);
  });

  it('a red run with no parsable time falls back to its start, then to `now`', () => {
    const noEnd = run('red', 3, { endedAt: 'not a date' });
    assert.strictEqual(redPeriodFromHistory([noEnd])?.redSince, at(3));
    const nothing = run('red', 3, { endedAt: undefined, startedAt: '' });
    assert.strictEqual(redPeriodFromHistory([nothing], '', at(99))?.redSince, at(99));
  });

  it('red spans for the gauge: closed periods, then the open one; a partial green run does not close a period; the open one names its commit and stage', () => {
    const partial = run('green', 25, { stages: [{ name: 'Build', state: 'passed', exitCode: 0, durationMs: 10 }, { name: 'Unit Tests', state: 'skipped', exitCode: null, durationMs: 0, reason: 'not selected (--stage Build)' }] });
    const history = newestFirst(run('red', 0), run('green', 10), run('red', 20), partial, run('cancelled', 30));
    const turnedRed = history[history.length - 3]; // run('red', 20): what the open period names
    assert.deepStrictEqual(redSpansFromHistory(history, at(60)), [{ since: at(1), until: at(11) }, { since: at(21), until: null, sha: turnedRed.sha, failingStage: 'Unit Tests' }]);
  });
});

describe('readBackToGreen: from a real history file, back to a run that ends every red period', () => {
  afterEach(cleanupTempDirs);

  it('finds a red run behind 600 that end no red period (a fixed 500-run window read "not red"), and stops at a green one', async () => {
    const store = new HistoryStore(path.join(tempDir(), 'history.jsonl'));
    const lines = (r: RunRecord): string => rawLine('start', { ...r, state: 'running' }) + rawLine('end', r);
    const write = (...runs: RunRecord[]): void => fs.appendFileSync(store.file, runs.map(lines).join('')); // one write, as other processes' appends
    const red = run('red', 1);
    write(run('green', 0), red, ...Array.from({ length: 600 }, (_, i) => run('cancelled', 2 + i)));
    const read = (limit: number) => store.readNewest(limit);
    assert.strictEqual(redPeriodFromHistory((await store.readNewest(500)).runs), undefined, 'the old fixed window');
    const runs = await readBackToGreen(read);
    assert.strictEqual(redPeriodFromHistory(runs)?.redRun.id, red.id);
    write(run('green', 700));
    assert.strictEqual((await readBackToGreen(read)).length, 500, 'a green run in the first window ends the read there');
  });

  it('a Keep decision in the first window does not stop the read: the red run behind 600 is still found', async () => {
    const store = new HistoryStore(path.join(tempDir(), 'history.jsonl'));
    const lines = (r: RunRecord): string => rawLine('start', { ...r, state: 'running' }) + rawLine('end', r);
    const red = run('red', 1);
    const keep: RunRecord = { ...run('green', 700), trigger: 'decision', stages: [{ name: 'Unit Tests', state: 'skipped', exitCode: null, durationMs: 0, reason: 'not run: a decision on a release' }] };
    fs.appendFileSync(store.file, [run('green', 0), red, ...Array.from({ length: 600 }, (_, i) => run('cancelled', 2 + i)), keep].map(lines).join(''));
    const runs = await readBackToGreen((limit: number) => store.readNewest(limit));
    assert.strictEqual(redPeriodFromHistory(runs)?.redRun.id, red.id, `read ${runs.length} runs`);
  });
});
