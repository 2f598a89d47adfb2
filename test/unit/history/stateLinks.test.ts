import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyFileOf } from '../../../src/cli/historyRead';
import { FlagChangeError } from '../../../src/core/flags/changeError';
import { flagsFileLockPath, underFlagsLocks } from '../../../src/core/flags/flagsLock';
import { HistoryStore, openHistoryForAppend, pipelineStateDir } from '../../../src/core/history';
import { historyFingerprint } from '../../../src/core/history/fingerprint';
import { cleanupTempDirs, initRepo, tempDir } from '../../support/git';
import { makeRun } from './historyFixture';

/** sec30 L4: a symlink pre-placed where Gearshift keeps its state (by anyone who can write .git) is refused, never written through. */
describe('history: state files behind a pre-placed symlink', () => {
  after(cleanupTempDirs);

  it('a history.jsonl that is a symlink: no line is appended to its target, and the error names the file', async () => {
    const repo = initRepo();
    const victim = path.join(tempDir(), 'victim');
    fs.writeFileSync(victim, 'victim\n');
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(victim, file);
    await assert.rejects(new HistoryStore(file).recordStart(makeRun('11111111-2222-4333-8444-555555555555')),
      { message: `${file} is a symlink: nothing is written through it` });
    // A flag change opens history with the same function before it writes the flags file (core/flags change.ts).
    await assert.rejects(openHistoryForAppend(file), /is a symlink: nothing is written through it/);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'victim\n');
    // Nor read through (security41 F5: each line of the target was quoted in a "not valid JSON" problem): whole, from the end, the fingerprint.
    const readRefused = { message: `${file} is a symlink: nothing is read through it` };
    await assert.rejects(new HistoryStore(file).read(), readRefused);
    await assert.rejects(new HistoryStore(file).read({ limit: 5 }), readRefused);
    assert.equal(await historyFingerprint(file), undefined);
  });

  it('a .git/gearshift that is a symlink is refused, for the top pipeline and a subfolder one; a real folder is used', async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'app'));
    const elsewhere = tempDir();
    const top = path.join(repo, '.git', 'gearshift');
    fs.symlinkSync(elsewhere, top);
    const refused = { message: `${top} is not a folder (a symlink): Gearshift keeps no state there` };
    await assert.rejects(pipelineStateDir(repo), refused);
    await assert.rejects(pipelineStateDir(path.join(repo, 'app')), refused);
    await assert.rejects(historyFileOf(repo), refused, 'the CLI says so, not as a git error');
    assert.deepEqual(fs.readdirSync(elsewhere), []);
    fs.unlinkSync(top);
    assert.equal(await pipelineStateDir(repo), top);
  });

  it("a subfolder pipeline's own state folder that is a symlink is refused", async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'app'));
    const elsewhere = tempDir();
    const own = path.join(repo, '.git', 'gearshift', 'pipelines', 'app');
    fs.mkdirSync(path.dirname(own), { recursive: true });
    fs.symlinkSync(elsewhere, own);
    await assert.rejects(pipelineStateDir(path.join(repo, 'app')), { message: `${own} is not a folder (a symlink): Gearshift keeps no state there` });
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it("a .git/gearshift/pipelines that is a symlink is refused for a subfolder pipeline (review31 M1)", async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'app'));
    const elsewhere = tempDir();
    const pipelines = path.join(repo, '.git', 'gearshift', 'pipelines');
    fs.mkdirSync(path.dirname(pipelines), { recursive: true });
    fs.symlinkSync(elsewhere, pipelines);
    await assert.rejects(pipelineStateDir(path.join(repo, 'app')), { message: `${pipelines} is not a folder (a symlink): Gearshift keeps no state there` });
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it('a .git/gearshift/flags-locks that is a symlink is refused: no flags lock is taken through it (review31 M1)', async () => {
    const repo = initRepo();
    const flagsFile = path.join(repo, 'flags.json');
    fs.writeFileSync(flagsFile, '{}\n');
    const elsewhere = tempDir();
    const locks = path.join(repo, '.git', 'gearshift', 'flags-locks');
    fs.mkdirSync(path.dirname(locks), { recursive: true });
    fs.symlinkSync(elsewhere, locks);
    await assert.rejects(flagsFileLockPath(flagsFile), { message: `${locks} is not a folder (a symlink): Gearshift keeps no state there` });
    // A flag change says so as a change that cannot be made (exit 1, one line), not as an internal error.
    let changed = false;
    await assert.rejects(underFlagsLocks(path.join(repo, '.git', 'gearshift', 'history.jsonl'), flagsFile, async () => { changed = true; }),
      (e: unknown) => e instanceof FlagChangeError && e.reason === 'io' && e.message === `cannot change the flags file now (${locks} is not a folder (a symlink): Gearshift keeps no state there); nothing was written`);
    assert.equal(changed, false);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
    fs.unlinkSync(locks);
    assert.equal(path.basename(path.dirname(await flagsFileLockPath(flagsFile))), 'flags-locks', 'a real folder (or none yet) is used');
  });
});
