/**
 * What a run leaves on disk once its last stage has ended (onestage, issue 14): run.json is
 * written once when the run has ended before its first stage's files are written (a one-stage
 * run), yet a run killed between two stages still has its first stage's log and a run.json; the
 * prune still follows every run and removes what a run folder may hold; the runlogs folder is
 * still made private when it is not.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keepRunLogs, KEEP_RUNS, listSavedRuns, type RunLogMeta } from '../../../src/core/runlog';
import { FakeEngine } from './fakeRunLogSource';
import type { RunEvent, RunRecord, StageRecord } from '../../../src/core/pipeline';

function record(id: string, names: string[], startedAt = '2026-06-01T00:00:00.000Z'): RunRecord {
  return { id, sha: 'a'.repeat(40), branch: 'main', trigger: 'cli', startedAt, state: 'running', stages: names.map((name) => ({ name, state: 'pending', exitCode: null, durationMs: 0 })) };
}

function ended(run: RunRecord, name: string, state: StageRecord['state']): RunEvent {
  const stage = run.stages.find((s) => s.name === name)!;
  stage.state = state;
  return { type: 'stageEnded', run, stage };
}

function stage(engine: FakeEngine, run: RunRecord, name: string, output: string): void {
  engine.emit({ type: 'stageStarted', run, stage: name, index: 1, total: run.stages.length });
  engine.emit({ type: 'stageOutput', run, stage: name, stream: 'stdout', chunk: output });
  engine.emit(ended(run, name, 'passed'));
}

describe('runlog: the writes after the last stage (onestage)', () => {
  let dataDir: string;
  let root: string;
  beforeEach(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-onestage-')); root = path.join(dataDir, 'runlogs'); });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const runJson = (id: string): RunLogMeta => JSON.parse(fs.readFileSync(path.join(root, id, 'run.json'), 'utf8')) as RunLogMeta;
  const filesBytes = (id: string): number => fs.readdirSync(path.join(root, id)).filter((f) => f !== 'run.json')
    .reduce((sum, f) => sum + fs.statSync(path.join(root, id, f)).size, 0);

  it('a run that ended before its first files were written (one stage): the final run.json, sizes included', async () => {
    const engine = new FakeEngine(dataDir);
    const logs = keepRunLogs(engine);
    const run = record('run-one', ['Only']);
    engine.emit({ type: 'runStarted', run });
    stage(engine, run, 'Only', 'héllo\n');
    run.state = 'green';
    engine.emit({ type: 'runEnded', run }); // as the runner does: before any queued write has run
    await logs.idle();
    const meta = runJson('run-one');
    assert.equal(meta.state, 'green');
    assert.deepEqual(meta.stages, [{ name: 'Only', state: 'passed' }]);
    assert.equal(meta.bytes, filesBytes('run-one'));
    assert.deepEqual(fs.readdirSync(path.join(root, 'run-one')).sort(), ['run.json', 'stage-0.log']);
  });

  it('killed between two stages: the first stage\'s log and a run.json are on disk; the end then writes the final run.json', async () => {
    const engine = new FakeEngine(dataDir);
    const logs = keepRunLogs(engine);
    const run = record('run-two', ['First', 'Second']);
    engine.emit({ type: 'runStarted', run });
    stage(engine, run, 'First', 'first\n');
    engine.emit({ type: 'stageStarted', run, stage: 'Second', index: 2, total: 2 });
    await logs.idle(); // what a kill -9 now leaves
    assert.equal(runJson('run-two').state, 'running');
    assert.equal(runJson('run-two').bytes, undefined, 'not final');
    assert.match(fs.readFileSync(path.join(root, 'run-two', 'stage-0.log'), 'utf8'), /\nfirst\n$/);
    engine.emit({ type: 'stageOutput', run, stage: 'Second', stream: 'stdout', chunk: 'second\n' });
    engine.emit(ended(run, 'Second', 'failed'));
    run.state = 'red';
    engine.emit({ type: 'runEnded', run });
    await logs.idle();
    const meta = runJson('run-two');
    assert.equal(meta.state, 'red');
    assert.deepEqual(meta.stages, [{ name: 'First', state: 'passed' }, { name: 'Second', state: 'failed' }]);
    assert.equal(meta.bytes, filesBytes('run-two'));
  });

  it('every stage ended before any write: all stage files and the final run.json', async () => {
    const engine = new FakeEngine(dataDir);
    const logs = keepRunLogs(engine);
    const run = record('run-three', ['A', 'B', 'C']);
    engine.emit({ type: 'runStarted', run });
    for (const name of ['A', 'B', 'C']) { stage(engine, run, name, `${name.repeat(1000)}\n`); }
    run.state = 'green';
    engine.emit({ type: 'runEnded', run });
    await logs.idle();
    assert.deepEqual(fs.readdirSync(path.join(root, 'run-three')).sort(), ['run.json', 'stage-0.log', 'stage-1.log', 'stage-2.log']);
    assert.equal(runJson('run-three').state, 'green');
    assert.equal(runJson('run-three').bytes, filesBytes('run-three'));
  });

  it(`the prune still follows the run: ${KEEP_RUNS} saved runs, one more, the oldest folder gone whatever it holds`, async () => {
    const outside = path.join(dataDir, 'outside.txt');
    fs.writeFileSync(outside, 'not ours');
    for (let i = 0; i < KEEP_RUNS; i += 1) {
      const id = `old-${String(i).padStart(3, '0')}`;
      fs.mkdirSync(path.join(root, id), { recursive: true });
      fs.writeFileSync(path.join(root, id, 'run.json'), JSON.stringify({ v: 1, id, sha: 'a', startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), state: 'green', trigger: 'cli', bytes: 10 }));
      fs.writeFileSync(path.join(root, id, 'stage-0.log'), '{}\nsomething\n');
    }
    const oldest = path.join(root, 'old-000');
    fs.writeFileSync(path.join(oldest, '.stage-1.log.4242.abc.tmp'), 'left by a kill');
    fs.symlinkSync(outside, path.join(oldest, 'link'));
    fs.mkdirSync(path.join(oldest, 'sub', 'deeper'), { recursive: true });
    fs.writeFileSync(path.join(oldest, 'sub', 'deeper', 'x'), 'x');
    const second = path.join(root, 'old-001');
    fs.writeFileSync(path.join(second, '.run.json.4242.def.tmp'), 'left by a kill');
    const engine = new FakeEngine(dataDir);
    const logs = keepRunLogs(engine);
    for (const [id, day] of [['new-a', '01'], ['new-b', '02']]) {
      const run = record(id, ['Only'], `2026-06-${day}T00:00:00.000Z`);
      engine.emit({ type: 'runStarted', run });
      stage(engine, run, 'Only', 'out\n');
      run.state = 'green';
      engine.emit({ type: 'runEnded', run });
      await logs.idle();
    }
    assert.ok(!fs.existsSync(oldest), 'a folder with a subfolder, a link and a temporary file is removed');
    assert.ok(!fs.existsSync(second), 'a folder with a temporary file is removed');
    assert.equal(fs.readFileSync(outside, 'utf8'), 'not ours', 'a link is removed, never followed');
    const kept = (await listSavedRuns(dataDir)).map((r) => r.meta.id);
    assert.equal(kept.length, KEEP_RUNS);
    assert.deepEqual(kept.slice(0, 2), ['new-b', 'new-a']);
  });

  for (const [before, what] of [[0o755, 'readable by others'], [0o2700, 'setgid']] as const) {
    it(`a runlogs folder that is ${what} (${before.toString(8)}) is made 0700 by the next run`, async () => {
      fs.mkdirSync(root);
      fs.chmodSync(root, before);
      assert.equal(fs.statSync(root).mode & 0o7777, before);
      const engine = new FakeEngine(dataDir);
      const logs = keepRunLogs(engine);
      const run = record('run-mode', ['Only']);
      engine.emit({ type: 'runStarted', run });
      stage(engine, run, 'Only', 'out\n');
      engine.emit({ type: 'runEnded', run });
      await logs.idle();
      assert.equal(fs.statSync(root).mode & 0o7777, 0o700);
    });
  }
});
