/**
 * Pruning old runs' logs and two recorders writing at once (a CLI run's and an editor's, as two
 * processes would): real files in a temp data folder, events as the runner emits them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keepRunLogs, listSavedRuns, pruneRunLogs, readStageLog, KEEP_RUNS } from '../../../src/core/runlog';
import { FakeEngine } from './fakeRunLogSource';
import type { RunEvent, RunRecord, StageRecord } from '../../../src/core/pipeline';


function record(id: string, startedAt: string, names: string[]): RunRecord {
  return { id, sha: 'a'.repeat(40), branch: 'main', trigger: 'cli', startedAt, state: 'running', stages: names.map((name) => ({ name, state: 'pending', exitCode: null, durationMs: 0 })) };
}

function ended(run: RunRecord, name: string, state: StageRecord['state']): RunEvent {
  const stage = run.stages.find((s) => s.name === name)!;
  stage.state = state;
  return { type: 'stageEnded', run, stage };
}

describe('runlog: pruning, and runs recorded at once', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-runlog-')); });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function recordRuns(count: number, bytesEach: number, limits?: { keepRuns?: number; maxTotalBytes?: number }): Promise<string[]> {
    const engine = new FakeEngine(dataDir);
    const logs = keepRunLogs(engine, limits ? { limits } : {});
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const run = record(`run-${String(i).padStart(3, '0')}`, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), ['Build']);
      ids.push(run.id);
      engine.emit({ type: 'runStarted', run });
      engine.emit({ type: 'stageStarted', run, stage: 'Build', index: 1, total: 1 });
      engine.emit({ type: 'stageOutput', run, stage: 'Build', stream: 'stdout', chunk: 'x'.repeat(bytesEach) });
      engine.emit(ended(run, 'Build', 'passed'));
      run.state = 'green';
      engine.emit({ type: 'runEnded', run });
    }
    await logs.idle();
    return ids;
  }

  it(`keeps the newest ${KEEP_RUNS} runs' logs and removes older ones`, async () => {
    const ids = await recordRuns(KEEP_RUNS + 5, 10);
    const kept = (await listSavedRuns(dataDir)).map((r) => r.meta.id);
    assert.deepEqual(kept, ids.slice(5).reverse());
  });

  it('keeps the total under its cap, oldest first, never the newest run', async () => {
    // 450,000: a run may keep a quarter (112,500), so each run's 100,000 bytes are saved whole; four fit.
    const ids = await recordRuns(10, 100_000, { maxTotalBytes: 450_000 });
    assert.deepEqual((await listSavedRuns(dataDir)).map((r) => r.meta.id), ids.slice(6).reverse());
    // A cap smaller than one run still keeps the newest.
    assert.equal(await pruneRunLogs(dataDir, { maxTotalBytes: 10 }), 3);
    assert.deepEqual((await listSavedRuns(dataDir)).map((r) => r.meta.id), [ids[9]]);
  });

  it('two recorders (two processes) with interleaved runs and the same stage names never mix their logs', async () => {
    const a = new FakeEngine(dataDir);
    const b = new FakeEngine(dataDir);
    const logsA = keepRunLogs(a);
    const logsB = keepRunLogs(b);
    const runA = record('run-a', '2026-01-01T00:00:00.000Z', ['Build', 'Test']);
    const runB = record('run-b', '2026-01-01T00:00:01.000Z', ['Build', 'Test']);
    a.emit({ type: 'runStarted', run: runA });
    b.emit({ type: 'runStarted', run: runB });
    for (const [e, run, tag] of [[a, runA, 'A'], [b, runB, 'B']] as const) { e.emit({ type: 'stageStarted', run, stage: 'Build', index: 1, total: 2 }); void tag; }
    for (let i = 0; i < 100; i += 1) {
      a.emit({ type: 'stageOutput', run: runA, stage: 'Build', stream: 'stdout', chunk: `A${i}\n` });
      b.emit({ type: 'stageOutput', run: runB, stage: 'Build', stream: 'stdout', chunk: `B${i}\n` });
    }
    b.emit(ended(runB, 'Build', 'failed'));
    a.emit(ended(runA, 'Build', 'passed'));
    await Promise.all([logsA.idle(), logsB.idle()]);
    const textA = (await readStageLog(dataDir, 'run-a', 'Build'))?.text ?? '';
    const textB = (await readStageLog(dataDir, 'run-b', 'Build'))?.text ?? '';
    assert.equal(textA, Array.from({ length: 100 }, (_, i) => `A${i}\n`).join(''));
    assert.equal(textB, Array.from({ length: 100 }, (_, i) => `B${i}\n`).join(''));
    assert.equal((await readStageLog(dataDir, 'run-b', 'Build'))?.header?.state, 'failed');
  });

  it('a run id that is not a plain name is hashed into the folder name; a stage name with a newline is only in the header', async () => {
    const engine = new FakeEngine(dataDir);
    const logs = keepRunLogs(engine);
    const name = 'two\nlines/../../x';
    const run = record('../../escape', '2026-01-01T00:00:00.000Z', [name]);
    engine.emit({ type: 'runStarted', run });
    engine.emit({ type: 'stageStarted', run, stage: name, index: 1, total: 1 });
    engine.emit({ type: 'stageOutput', run, stage: name, stream: 'stdout', chunk: 'out\n' });
    engine.emit(ended(run, name, 'passed'));
    await logs.idle();
    assert.deepEqual(fs.readdirSync(dataDir), ['runlogs']);
    const [folder] = fs.readdirSync(path.join(dataDir, 'runlogs')).filter((f) => f !== '.prune-index.json'); // not the prune's memo
    assert.match(folder, /^h-[0-9a-f]{32}$/);
    assert.deepEqual(fs.readdirSync(path.join(dataDir, 'runlogs', folder)).sort(), ['run.json', 'stage-0.log']);
    assert.equal((await readStageLog(dataDir, '../../escape', name))?.text, 'out\n');
  });
});
