/**
 * `cancel` lines: someone asked the run to stop (the first Ctrl+C), so a run whose writer then died
 * before its end line (a second Ctrl+C exits at once) reads `cancelled`, not `interrupted` (walk29 L5).
 * Histories without them read as before; an older reader passes the line over.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HistoryStore, INTERRUPTED_STAGE_REASON } from '../../../src/core/history';
import { RunMerger } from '../../../src/core/history/runMerger';
import { parseLine } from '../../../src/core/history/entry';
import { cleanUpDeadRunsIn } from '../../../src/core/engine/leftovers';
import { tempDir } from '../../support/git';
import { deadPid, makeRun, rawLine, stage } from './historyFixture';

const START_AT = '2024-05-01T10:00:00.000Z';
const CANCEL_AT = '2024-05-01T10:00:02.000Z';
const CANCELLED_REASON = 'the run was cancelled (interrupted by SIGINT) before this stage finished';

describe('history: cancel lines', () => {
  function storeWith(content: string): HistoryStore {
    const file = path.join(tempDir(), 'history.jsonl');
    fs.writeFileSync(file, content);
    return new HistoryStore(file);
  }
  const twoStages = () => makeRun('stopped', { stages: [stage('Stubborn', 'pending'), stage('After', 'pending')] });
  const cancelLine = (pid: number, id = 'stopped') => rawLine('cancel', { id, state: 'running', cancelReason: 'interrupted by SIGINT' }, { pid, at: CANCEL_AT });
  const stoppedLines = (pid: number) => rawLine('start', twoStages(), { pid, at: START_AT }) + cancelLine(pid);

  it('a dead writer\'s run that was asked to stop reads cancelled, with the reason, from a whole read and from the end', async () => {
    for (const limit of [undefined, 1]) {
      const { runs, problems } = await storeWith(stoppedLines(deadPid())).read({ limit });
      assert.deepStrictEqual(problems, []);
      assert.deepStrictEqual([runs[0].state, runs[0].cancelReason, runs[0].lastSeenAt], ['cancelled', 'interrupted by SIGINT', CANCEL_AT], `limit ${limit}`);
      assert.deepStrictEqual(runs[0].stages.map((s) => [s.state, s.reason]), [['cancelled', CANCELLED_REASON], ['cancelled', CANCELLED_REASON]]);
    }
  });

  it('without one (an old history) it reads interrupted as before; a live writer\'s run is running; a cancel for a run not held is passed over', async () => {
    const pid = deadPid();
    const old = await storeWith(rawLine('start', twoStages(), { pid, at: START_AT })).read();
    assert.deepStrictEqual([old.runs[0].state, old.runs[0].stages[0].reason], ['interrupted', INTERRUPTED_STAGE_REASON]);
    const now = new Date().toISOString();
    const live = await storeWith(rawLine('start', twoStages(), { at: now }) + cancelLine(process.pid)).read();
    assert.strictEqual(live.runs[0].state, 'running');
    const stray = await storeWith(cancelLine(pid, 'other') + rawLine('start', twoStages(), { pid, at: START_AT })).read();
    assert.deepStrictEqual([stray.runs.length, stray.runs[0].state, stray.problems], [1, 'interrupted', []]);
  });

  it('the end line wins over it (a cancel asked for, then a run that ended by itself)', async () => {
    const pid = deadPid();
    const { runs } = await storeWith(stoppedLines(pid) + rawLine('end', { ...twoStages(), state: 'green', stages: [stage('Stubborn', 'passed'), stage('After', 'passed')] }, { pid })).read();
    assert.strictEqual(runs[0].state, 'green');
  });

  it('an older reader (no cancel kind) passes the line over: the kind is unknown to it, not a problem', () => {
    const line = JSON.stringify({ ...JSON.parse(cancelLine(1)) as object, kind: 'someNewerKind' });
    assert.deepStrictEqual(parseLine(line), { kind: 'ignored' });
  });

  it('the window cache keeps it for an open run (snapshot and adopt)', () => {
    const merger = new RunMerger();
    for (const line of stoppedLines(deadPid()).trim().split('\n')) {
      const parsed = parseLine(line);
      assert.ok(parsed.kind === 'entry');
      merger.add(parsed.entry);
    }
    const restored = new RunMerger();
    for (const [id, slot] of merger.snapshot(10)) { restored.adopt(id, structuredClone(slot)); }
    assert.strictEqual(restored.runs()[0].state, 'cancelled');
  });

  it('the cleanup after it keeps cancelled in the end line it writes', async () => {
    const pid = deadPid();
    const store = storeWith(stoppedLines(pid) + JSON.stringify({
      v: 1, kind: 'stage', at: '2024-05-01T10:00:01.000Z', pid, host: os.hostname(), run: { id: 'stopped', state: 'running' }, proc: { stage: 'Stubborn', pgid: deadPid() },
    }) + '\n');
    const report = await cleanUpDeadRunsIn((await store.read({ limit: 50 })).runs, store, undefined, 10);
    assert.strictEqual(report.runs, 1);
    const lines = fs.readFileSync(store.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; run: { state: string } });
    assert.deepStrictEqual([lines.at(-1)?.kind, lines.at(-1)?.run.state], ['end', 'cancelled']);
    assert.strictEqual((await store.read()).runs[0].state, 'cancelled');
  });
});
