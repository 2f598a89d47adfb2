import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collect, finish, makePipeline, stageRecord, TempDirs, waitForFileCmd } from './helpers';

describe('pipeline/runner: failures', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('a failing stage stops its dependents and turns the run red', async () => {
    const dir = temp.make();
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Build', run: 'echo building; exit 3' },
        { name: 'Test', run: `touch '${dir}/test-ran'` },
        { name: 'Deploy', run: `touch '${dir}/deploy-ran'` },
      ]),
    });
    const record = await finish(run);
    assert.equal(record.state, 'red');
    assert.deepEqual(stageRecord(record, 'Build'), {
      ...stageRecord(record, 'Build'), state: 'failed', exitCode: 3, reason: 'exited with code 3',
    });
    assert.equal(stageRecord(record, 'Test').state, 'skipped');
    assert.equal(stageRecord(record, 'Test').reason, 'needs Build, which failed');
    assert.equal(stageRecord(record, 'Deploy').reason, 'needs Test, which was skipped');
    assert.equal(fs.existsSync(path.join(dir, 'test-ran')), false);
    assert.equal(fs.existsSync(path.join(dir, 'deploy-ran')), false);
  });

  it('fail-fast: lets a running independent branch finish but starts nothing new', async () => {
    const dir = temp.make();
    const aEnded = path.join(dir, 'a-ended');
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'A', run: 'exit 1', needs: [] },
        // B is still running when A fails: it waits until the test has seen A's end.
        { name: 'B', run: `${waitForFileCmd(aEnded)}; echo finished`, needs: [] },
        { name: 'AfterA', run: 'true', needs: ['A'] },
        { name: 'AfterB', run: 'true', needs: ['B'] },
      ]),
    });
    run.onEvent((e) => {
      if (e.type === 'stageEnded' && e.stage.name === 'A') { fs.writeFileSync(aEnded, ''); }
    });
    const record = await finish(run);
    assert.equal(record.state, 'red');
    assert.equal(stageRecord(record, 'A').state, 'failed');
    assert.equal(stageRecord(record, 'B').state, 'passed');
    assert.equal(stageRecord(record, 'AfterA').reason, 'needs A, which failed');
    assert.equal(stageRecord(record, 'AfterB').state, 'skipped');
    assert.equal(stageRecord(record, 'AfterB').reason, 'pipeline stopped after A failed');
  });

  it('exit 127 reads "command not found", 126 "not executable"', async () => {
    const dir = temp.make();
    fs.writeFileSync(path.join(dir, 'script.sh'), '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Missing', run: 'definitely-not-a-command-gearshift', needs: [] },
        { name: 'NoExec', run: './script.sh', needs: [] },
      ]),
    });
    const record = await finish(run);
    assert.equal(record.state, 'red');
    assert.equal(stageRecord(record, 'Missing').exitCode, 127);
    assert.equal(stageRecord(record, 'Missing').reason, 'command not found');
    assert.equal(stageRecord(record, 'NoExec').exitCode, 126);
    assert.equal(stageRecord(record, 'NoExec').reason, 'not executable');
  });

  it('a stage killed by a signal has a null exit code and the signal', async () => {
    const dir = temp.make();
    const { run } = collect({ pipeline: makePipeline(dir, [{ name: 'Boom', run: 'kill -KILL $$' }]) });
    const record = await finish(run);
    const boom = stageRecord(record, 'Boom');
    assert.equal(boom.state, 'failed');
    assert.equal(boom.exitCode, null);
    assert.equal(boom.signal, 'SIGKILL');
    assert.equal(boom.reason, 'killed by SIGKILL');
  });

  it('a spawn error (missing cwd) fails the stage with a clear reason, no crash', async () => {
    const dir = temp.make();
    const missing = path.join(dir, 'not-here');
    const { run, events } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Lost', run: 'true', cwd: missing },
        { name: 'Next', run: 'true' },
      ]),
    });
    const record = await finish(run);
    assert.equal(record.state, 'red');
    assert.equal(stageRecord(record, 'Lost').state, 'failed');
    assert.equal(stageRecord(record, 'Lost').reason, `working directory not found: ${missing}`);
    assert.equal(stageRecord(record, 'Next').reason, 'needs Lost, which failed');
    assert.equal(events[events.length - 1].type, 'runEnded');
  });

  it('a cwd that cannot be entered (a symlink loop, a path through a file, a FIFO) is named with what is wrong, not "spawn ELOOP"', async () => {
    const dir = temp.make();
    fs.symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'a file\n');
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const cases: Array<[string, string]> = [
      [path.join(dir, 'loop'), 'working directory cannot be entered: %s (its path has a loop of symbolic links)'],
      [path.join(dir, 'notes.txt', 'sub'), 'working directory cannot be entered: %s (a part of its path is not a folder)'],
      [path.join(dir, 'pipe'), 'working directory is a FIFO (named pipe), not a folder: %s'],
    ];
    const { run } = collect({ pipeline: makePipeline(dir, cases.map(([cwd], i) => ({ name: `S${i}`, run: 'true', cwd, needs: [] }))) });
    const record = await finish(run);
    cases.forEach(([cwd, reason], i) => {
      assert.equal(stageRecord(record, `S${i}`).state, 'failed');
      assert.equal(stageRecord(record, `S${i}`).reason, reason.replace('%s', cwd));
    });
  });

  it('a cwd that is a file fails the stage saying so, not "could not start: spawn ENOTDIR"', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'a file, not a folder\n');
    const { run } = collect({ pipeline: makePipeline(dir, [{ name: 'First', run: 'true' }, { name: 'Filed', run: 'true', cwd: file }]) });
    const record = await finish(run);
    assert.equal(stageRecord(record, 'Filed').state, 'failed');
    assert.equal(stageRecord(record, 'Filed').reason, `working directory is a file, not a folder: ${file}`);
  });

  it('an env value the OS refuses fails the stage instead of throwing', async () => {
    const dir = temp.make();
    const { run } = collect({ pipeline: makePipeline(dir, [{ name: 'Bad', run: 'true', env: { BAD: 'a\0b' } }]) });
    const record = await finish(run);
    assert.equal(stageRecord(record, 'Bad').state, 'failed');
    assert.match(stageRecord(record, 'Bad').reason ?? '', /^could not start: /);
  });
});
