/**
 * `stageEnd` lines: a stage's record as it ended, so a run whose writer died before its end line
 * keeps the stages that passed or failed (walk29 M1). Histories without them read as before.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HistoryStore, INTERRUPTED_STAGE_REASON, readAppendedRuns, type HistoryFingerprint } from '../../../src/core/history';
import { RunMerger } from '../../../src/core/history/runMerger';
import { parseLine } from '../../../src/core/history/entry';
import { cleanUpDeadRunsIn } from '../../../src/core/engine/leftovers';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { deadPid, makeRun, rawLine, stage } from './historyFixture';

const START_AT = '2024-05-01T10:00:00.000Z';
const FAST_END_AT = '2024-05-01T10:00:01.500Z';

describe('history: stageEnd lines', () => {
  after(cleanupTempDirs);

  function storeWith(content: string): HistoryStore {
    const file = path.join(tempDir(), 'history.jsonl');
    fs.writeFileSync(file, content);
    return new HistoryStore(file);
  }

  const threeStages = () => makeRun('killed', { stages: [stage('Fast', 'pending'), stage('Slow', 'pending'), stage('After', 'pending')] });
  const fastPassed = stage('Fast', 'passed', { durationMs: 263, startedAt: START_AT });

  /** A run killed once Fast passed and Slow started, as its writer left it. */
  function killedLines(pid: number, at = [START_AT, FAST_END_AT]): string {
    return rawLine('start', threeStages(), { pid, at: at[0] })
      + rawLine('stageEnd', { id: 'killed', state: 'running', stages: [fastPassed] }, { pid, at: at[1] });
  }

  it('a dead writer\'s run keeps the stage that ended; the rest are interrupted; lastSeenAt is its newest line', async () => {
    for (const limit of [undefined, 1]) { // a whole read and a read from the end (tailRead.ts)
      const { runs, problems } = await storeWith(killedLines(deadPid())).read({ limit });
      assert.deepStrictEqual(problems, []);
      assert.strictEqual(runs[0].state, 'interrupted');
      assert.deepStrictEqual(runs[0].stages[0], fastPassed, `limit ${limit}`);
      assert.deepStrictEqual(runs[0].stages.slice(1).map((s) => [s.name, s.state, s.reason]),
        [['Slow', 'cancelled', INTERRUPTED_STAGE_REASON], ['After', 'cancelled', INTERRUPTED_STAGE_REASON]]);
      assert.strictEqual(runs[0].lastSeenAt, FAST_END_AT);
      assert.strictEqual(runs[0].endedAt, undefined);
    }
  });

  it('an old history without them reads as before: every unfinished stage interrupted, last seen at the start', async () => {
    const { runs } = await storeWith(rawLine('start', threeStages(), { pid: deadPid(), at: START_AT })).read();
    assert.deepStrictEqual(runs[0].stages.map((s) => s.state), ['cancelled', 'cancelled', 'cancelled']);
    assert.strictEqual(runs[0].lastSeenAt, START_AT);
  });

  it('a live writer\'s run shows the stages ended so far (another window reads its progress)', async () => {
    const now = new Date().toISOString(); // a line older than this process is not its (liveness.ts)
    const { runs } = await storeWith(killedLines(process.pid, [now, now])).read();
    assert.strictEqual(runs[0].state, 'running');
    assert.deepStrictEqual(runs[0].stages.map((s) => s.state), ['passed', 'pending', 'pending']);
    assert.strictEqual(runs[0].lastSeenAt, undefined);
  });

  it('the end line wins over them, and one for a run not held (or a bad stage) is passed over', async () => {
    const pid = deadPid();
    const ended = { ...threeStages(), state: 'red', endedAt: '2024-05-01T10:00:09.000Z', stages: [stage('Fast', 'failed'), stage('Slow', 'skipped'), stage('After', 'skipped')] };
    const { runs, problems } = await storeWith(rawLine('stageEnd', { id: 'other', state: 'running', stages: [fastPassed] }, { pid })
      + killedLines(pid) + rawLine('stageEnd', { id: 'killed', state: 'running', stages: [{ name: 'Slow' }] }, { pid })
      + rawLine('end', ended, { pid })).read();
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(runs.map((r) => [r.id, r.state, r.stages.map((s) => s.state).join()]), [['killed', 'red', 'failed,skipped,skipped']]);
  });

  it('the window cache keeps them for an open run (snapshot and adopt)', () => {
    const merger = new RunMerger();
    for (const line of killedLines(deadPid()).trim().split('\n')) {
      const parsed = parseLine(line);
      assert.ok(parsed.kind === 'entry');
      merger.add(parsed.entry);
    }
    const restored = new RunMerger();
    for (const [id, slot] of merger.snapshot(10)) { restored.adopt(id, structuredClone(slot)); }
    assert.deepStrictEqual(restored.runs(), merger.runs());
    assert.strictEqual(restored.runs()[0].stages[0].state, 'passed');
  });

  it('a kept gauge folds a whole new run with them in (appendedRuns.ts)', async () => {
    const store = storeWith('');
    const empty: HistoryFingerprint = { dev: String(fs.statSync(store.file).dev), ino: String(fs.statSync(store.file).ino), size: 0, tail: new Uint8Array() };
    const pid = deadPid();
    fs.appendFileSync(store.file, killedLines(pid) + rawLine('end', { ...threeStages(), state: 'green', stages: [fastPassed] }, { pid }));
    const appended = await readAppendedRuns(store.file, empty);
    assert.deepStrictEqual(appended?.runs.map((r) => [r.id, r.state]), [['killed', 'green']]);
  });

  it('the cleanup\'s end line says the run ended when it was last seen, and when it was cleaned up', async () => {
    const pid = deadPid();
    const store = storeWith(killedLines(pid) + JSON.stringify({
      v: 1, kind: 'stage', at: '2024-05-01T10:00:01.600Z', pid, host: os.hostname(), run: { id: 'killed', state: 'running' }, proc: { stage: 'Slow', pgid: deadPid() },
    }) + '\n');
    const report = await cleanUpDeadRunsIn((await store.read({ limit: 50 })).runs, store, undefined, 10);
    assert.strictEqual(report.runs, 1);
    const [run] = (await store.read()).runs;
    assert.strictEqual(run.endedAt, '2024-05-01T10:00:01.600Z');
    assert.strictEqual(run.lastSeenAt, undefined);
    assert.strictEqual(run.stages[0].state, 'passed');
    assert.ok(typeof (run.cleanup as { at?: unknown }).at === 'string' && (run.cleanup as { at: string }).at > '2024-05-02');
  });
});
