import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HistoryStore, historyFileFor, stateHome } from '../../../src/core/history';
import { cleanupTempDirs, commitFile, git, initRepo, insideRepo, tempDir } from '../../support/git';
import { makeRun } from './historyFixture';

describe('history/historyPath', () => {
  // Saved per test, not at load: the unit tier's root hook sets a per-file state home first.
  let savedXdg: string | undefined;
  beforeEach(() => { savedXdg = process.env.XDG_STATE_HOME; });
  afterEach(() => {
    if (savedXdg === undefined) {
      delete process.env.XDG_STATE_HOME;
    } else {
      process.env.XDG_STATE_HOME = savedXdg;
    }
  });
  after(cleanupTempDirs);

  it('puts the file inside .git/gearshift of a repository, also when asked from a subdirectory', async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'pkg'));
    const expected = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    assert.strictEqual(await historyFileFor(repo), expected);
    assert.strictEqual(await historyFileFor(path.join(repo, 'pkg')), expected);
  });

  it('shares one file between a clone and its worktree', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', '1', 'one');
    const wt = path.join(tempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'other', wt);
    const fromWt = await historyFileFor(wt);
    assert.strictEqual(fromWt, await historyFileFor(repo));

    await new HistoryStore(fromWt).recordStart(makeRun('from-worktree'));
    const seen = await new HistoryStore(await historyFileFor(repo)).read();
    assert.deepStrictEqual(seen.runs.map((r) => r.id), ['from-worktree']);
    assert.strictEqual(git(repo, 'status', '--porcelain'), '', 'history never shows as a change');
  });

  it('uses $XDG_STATE_HOME/gearshift/<sha1(realpath) 16 hex> outside git', async function () {
    const plain = tempDir();
    if (insideRepo(plain)) { this.skip(); } // temp dir is inside a repository on this machine
    const state = tempDir('gearshift-state-');
    process.env.XDG_STATE_HOME = state;
    const key = createHash('sha1').update(fs.realpathSync(plain)).digest('hex').slice(0, 16);
    const file = await historyFileFor(plain);
    assert.strictEqual(file, path.join(state, 'gearshift', key, 'history.jsonl'));
    assert.match(key, /^[0-9a-f]{16}$/);

    const link = path.join(tempDir(), 'link');
    fs.symlinkSync(plain, link);
    assert.strictEqual(await historyFileFor(link), file, 'a symlinked path shares the history');
    assert.notStrictEqual(await historyFileFor(tempDir()), file, 'another folder gets another file');
  });

  it('falls back to ~/.local/state when XDG_STATE_HOME is unset or relative', () => {
    const fallback = path.join(os.homedir(), '.local', 'state');
    assert.strictEqual(stateHome({}), fallback);
    assert.strictEqual(stateHome({ XDG_STATE_HOME: 'relative/dir' }), fallback);
    assert.strictEqual(stateHome({ XDG_STATE_HOME: '/abs/state' }), '/abs/state');
  });
});
