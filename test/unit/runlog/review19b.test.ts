/**
 * review19b: defects found in the runlogs merge. Each test fails on main b11c0a5 (the review's
 * finding), and states the expected behaviour.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keepRunLogs, pruneRunLogs } from '../../../src/core/runlog';
import { FakeEngine } from './fakeRunLogSource';
import type { RunEvent, RunRecord, StageRecord } from '../../../src/core/pipeline';


function record(id: string, names: string[]): RunRecord {
  return { id, sha: 'a'.repeat(40), branch: 'main', trigger: 'cli', startedAt: '2026-01-01T00:00:00.000Z', state: 'running', stages: names.map((name) => ({ name, state: 'pending', exitCode: null, durationMs: 0 })) };
}

function ended(run: RunRecord, name: string, state: StageRecord['state']): RunEvent {
  const stage = run.stages.find((s) => s.name === name)!;
  stage.state = state;
  return { type: 'stageEnded', run, stage };
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? folderBytes(p) : fs.statSync(p).size;
  }
  return total;
}

describe('runlog (review19b findings)', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-r19b-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a prune never removes folders through a symlinked runlogs folder (it is not ours)', async () => {
    const victim = path.join(tmp, 'victim');
    for (let i = 0; i < 60; i += 1) { fs.mkdirSync(path.join(victim, `project-${i}`), { recursive: true }); }
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(dataDir);
    fs.symlinkSync(victim, path.join(dataDir, 'runlogs'));
    await pruneRunLogs(dataDir).catch(() => undefined); // refusing is fine; deleting is not
    assert.equal(fs.readdirSync(victim).length, 60);
  });

  it('one run with many stages stays under the total cap (the newest run is not unbounded)', async () => {
    const dataDir = path.join(tmp, 'data');
    const engine = new FakeEngine(dataDir);
    const maxTotalBytes = 1024 * 1024;
    const logs = keepRunLogs(engine, { limits: { maxTotalBytes } });
    const names = Array.from({ length: 20 }, (_, i) => `s${i}`);
    const run = record('run-many', names);
    engine.emit({ type: 'runStarted', run });
    for (const name of names) {
      engine.emit({ type: 'stageStarted', run, stage: name, index: 1, total: names.length });
      engine.emit({ type: 'stageOutput', run, stage: name, stream: 'stdout', chunk: 'x'.repeat(300_000) });
      engine.emit(ended(run, name, 'passed'));
    }
    run.state = 'green';
    engine.emit({ type: 'runEnded', run });
    await logs.idle();
    // The run's share (a quarter of the cap), one stage over it, then 16 KiB per stage; it was 20 × 300 kB = 6 MB.
    const saved = folderBytes(path.join(dataDir, 'runlogs'));
    assert.ok(saved <= maxTotalBytes / 4 + 300_000 + 20 * 17 * 1024, `${saved} bytes saved`);
    const last = fs.readFileSync(path.join(dataDir, 'runlogs', 'run-many', 'stage-19.log'), 'utf8');
    assert.match(last, /only the last 16 KiB of this stage's output are saved/);
    assert.ok(last.endsWith('x'.repeat(16 * 1024)), 'the end of the output is kept');
  });

  it('a prune takes sizes from run.json, and measures a folder whose run.json has none (a run killed mid-way)', async () => {
    const root = path.join(tmp, 'data', 'runlogs');
    const killed = path.join(root, 'run-killed');
    fs.mkdirSync(killed, { recursive: true });
    fs.writeFileSync(path.join(killed, 'run.json'), JSON.stringify({ v: 1, id: 'run-killed', sha: 'a', startedAt: '2026-01-01T00:00:00.000Z', state: 'running', trigger: 'cli' }));
    fs.writeFileSync(path.join(killed, 'stage-0.log'), 'x'.repeat(200_000));
    const newer = path.join(root, 'run-newer');
    fs.mkdirSync(newer);
    fs.writeFileSync(path.join(newer, 'run.json'), JSON.stringify({ v: 1, id: 'run-newer', sha: 'a', startedAt: '2026-01-02T00:00:00.000Z', state: 'green', trigger: 'cli', bytes: 100 }));
    assert.equal(await pruneRunLogs(path.join(tmp, 'data'), { maxTotalBytes: 300_000 }), 0, 'both fit');
    assert.equal(await pruneRunLogs(path.join(tmp, 'data'), { maxTotalBytes: 150_000 }), 1, 'the killed run measured by its files');
    assert.deepEqual(fs.readdirSync(root).filter((f) => f !== '.prune-index.json'), ['run-newer']);
  });
});
