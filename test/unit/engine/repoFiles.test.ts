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
    assert.match(problems[0], /^could not write history: ENOTDIR/);

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
});
