import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RepoFiles } from '../../../src/core/engine/repoFiles';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { makeRun } from '../history/historyFixture';

describe('RepoFiles: a history write that fails is said, once, until a write succeeds', () => {
  afterEach(cleanupTempDirs);

  it('three failing lines give one problem; after a success the same failure is said again', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'data');
    fs.writeFileSync(blocker, 'a file where the history folder should be');
    const problems: string[] = [];
    const files = new RepoFiles(dir, path.join(blocker, 'history.jsonl'), (m) => problems.push(m));
    const run = makeRun('r1');
    files.append('start', run);
    files.appendStage({ type: 'stageStarted', run, stage: 'unit', pid: process.pid } as never);
    files.append('end', run);
    await files.idle();
    assert.strictEqual(problems.length, 1, problems.join('\n'));
    assert.strictEqual(problems[0], `could not write history: ${path.join(blocker, 'history.jsonl')}: a file is in the way of that folder`);

    fs.rmSync(blocker);
    fs.mkdirSync(blocker);
    files.append('start', makeRun('r2'));
    await files.idle();
    assert.strictEqual(problems.length, 1, 'a good write says nothing');
    fs.rmSync(blocker, { recursive: true });
    fs.writeFileSync(blocker, 'in the way again');
    files.append('end', makeRun('r2'));
    await files.idle();
    assert.deepStrictEqual(problems.length, 2, 'the failure after a success is said again');
  });

  it('a folder where history.jsonl goes is named as one, in the words a read uses, not as EISDIR', async () => {
    const dir = tempDir();
    const history = path.join(dir, 'history.jsonl');
    fs.mkdirSync(history);
    const problems: string[] = [];
    const files = new RepoFiles(dir, history, (m) => problems.push(m));
    files.append('start', makeRun('r1'));
    await files.idle();
    assert.deepStrictEqual(problems, [`could not write history: ${history} is a folder, not a file`]);
  });

  it('unwritable(): what a run, switch or rollback asks before it starts; undefined when a line could go in, the words of a failed write when not', async () => {
    const dir = tempDir();
    const history = path.join(dir, 'gearshift', 'history.jsonl');
    const problems: string[] = [];
    const files = new RepoFiles(dir, history, (m) => problems.push(m));
    assert.strictEqual(await files.unwritable(), undefined, 'no folder yet: the first line makes it');
    fs.mkdirSync(path.dirname(history));
    assert.strictEqual(await files.unwritable(), undefined, 'a writable folder, no file yet');
    // rereview42 F5: a declined plan writes nothing (a root shell's empty history.jsonl refused the user's next run).
    assert.strictEqual(fs.existsSync(history), false, 'the file is not made by asking');
    fs.writeFileSync(history, '');
    assert.strictEqual(await files.unwritable(), undefined, 'an existing file opened for appending');
    assert.strictEqual(fs.readFileSync(history, 'utf8'), '', 'nothing written');
    fs.rmSync(history);
    fs.mkdirSync(history);
    assert.strictEqual(await files.unwritable(), `could not write history: ${history} is a folder, not a file`);
    fs.rmdirSync(history);
    fs.symlinkSync(path.join(dir, 'elsewhere'), history);
    assert.strictEqual(await files.unwritable(), `could not write history: ${history} is a symlink: nothing is written through it`);
    assert.strictEqual(fs.existsSync(path.join(dir, 'elsewhere')), false, 'nothing made through the link');
    assert.deepStrictEqual(problems, [], 'asked, not reported: the caller refuses in its own words');
  });
});
