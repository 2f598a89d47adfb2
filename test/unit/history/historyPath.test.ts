import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HistoryStore, historyFileFor, pipelineOfStateName, pipelineStateDir, pipelineStateName, stateHome } from '../../../src/core/history';
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

  it('keeps the top pipeline\'s file at .git/gearshift/history.jsonl; a subfolder pipeline gets .git/gearshift/pipelines/<name>/', async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'pkg', 'api'), { recursive: true });
    assert.strictEqual(await historyFileFor(repo), path.join(repo, '.git', 'gearshift', 'history.jsonl'), 'an existing history stays where it is');
    const pipelines = path.join(repo, '.git', 'gearshift', 'pipelines');
    assert.strictEqual(await historyFileFor(path.join(repo, 'pkg')), path.join(pipelines, 'pkg', 'history.jsonl'));
    assert.strictEqual(await pipelineStateDir(path.join(repo, 'pkg', 'api')), path.join(pipelines, 'pkg%2Fapi'));
    const link = path.join(tempDir(), 'link');
    fs.symlinkSync(path.join(repo, 'pkg'), link);
    assert.strictEqual(await pipelineStateDir(link), path.join(pipelines, 'pkg'), 'a folder reached through a symlink is the same pipeline');
  });

  // review23 H1: left in the top folder, a subfolder pipeline's deploy.json was lost, and its next deploy could fill the live slot.
  it('a subfolder pipeline takes over the state it kept in the top folder before per-pipeline folders, unless the top has a pipeline', async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'app'));
    const top = path.join(repo, '.git', 'gearshift');
    fs.mkdirSync(path.join(top, 'runlogs'), { recursive: true });
    fs.writeFileSync(path.join(top, 'history.jsonl'), '{"old":1}\n');
    fs.writeFileSync(path.join(top, 'deploy.json'), '{"live":"blue"}\n');
    const own = await pipelineStateDir(path.join(repo, 'app'));
    assert.strictEqual(own, path.join(top, 'pipelines', 'app'));
    assert.deepStrictEqual(fs.readdirSync(own).sort(), ['deploy.json', 'history.jsonl', 'runlogs']);
    assert.strictEqual(fs.readFileSync(path.join(own, 'deploy.json'), 'utf8'), '{"live":"blue"}\n');
    assert.deepStrictEqual(fs.readdirSync(top), ['pipelines'], 'nothing left behind for another pipeline to take');
    // Taken once: state written at the top later (another, older Gearshift) stays there.
    fs.writeFileSync(path.join(top, 'history.jsonl'), '{"later":1}\n');
    assert.strictEqual(await pipelineStateDir(path.join(repo, 'app')), own);
    assert.strictEqual(fs.readFileSync(path.join(own, 'history.jsonl'), 'utf8'), '{"old":1}\n');

    // A pipeline at the top owns the top folder's state: a subfolder's starts empty.
    const withTop = initRepo();
    fs.mkdirSync(path.join(withTop, 'app'));
    fs.writeFileSync(path.join(withTop, '.gearshift.yml'), 'version: 1\nstages: []\n');
    fs.mkdirSync(path.join(withTop, '.git', 'gearshift'));
    fs.writeFileSync(path.join(withTop, '.git', 'gearshift', 'deploy.json'), '{}\n');
    const fresh = await pipelineStateDir(path.join(withTop, 'app'));
    assert.ok(!fs.existsSync(fresh), 'nothing made or moved');
    assert.ok(fs.existsSync(path.join(withTop, '.git', 'gearshift', 'deploy.json')));
  });

  it('asks git where the files cannot tell, with the same names', async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'a b', 'c'), { recursive: true });
    fs.appendFileSync(path.join(repo, '.git', 'config'), `[core]\n\tworktree = ${repo}\n`); // core.worktree: gitFiles leaves it to git
    assert.strictEqual(await pipelineStateDir(path.join(repo, 'a b', 'c')), path.join(repo, '.git', 'gearshift', 'pipelines', 'a%20b%2Fc'));
    assert.strictEqual(await pipelineStateDir(repo), path.join(repo, '.git', 'gearshift'));
  });

  it('names a subfolder pipeline by its path, percent-encoded: readable, flat, no collisions, reversible', async () => {
    const names = await Promise.all(['a-b', 'a/b', 'a%2Fb', 'a_b', 'a.b', 'A/b', 'ü/日本', 'x y', '.hidden', '...'].map(pipelineStateName));
    assert.deepStrictEqual(names, ['a-b', 'a%2Fb', 'a%252Fb', 'a_b', 'a.b', 'A%2Fb', '%C3%BC%2F%E6%97%A5%E6%9C%AC', 'x%20y', '.hidden', '...']);
    assert.strictEqual(new Set(names).size, names.length);
    for (const name of names) {
      assert.match(name, /^[A-Za-z0-9._%-]+$/, 'one flat folder name: no separator, nothing a shell or a file system reads specially');
      assert.notStrictEqual(name, '..');
    }
    assert.deepStrictEqual(names.map(pipelineOfStateName), ['a-b', 'a/b', 'a%2Fb', 'a_b', 'a.b', 'A/b', 'ü/日本', 'x y', '.hidden', '...']);
    assert.strictEqual(pipelineOfStateName('a%2fb'), undefined, 'only the names Gearshift makes (upper-case escapes) read back');
    assert.strictEqual(pipelineOfStateName('a~0123'), undefined);
  });

  it('refuses a path that climbs out or names a folder two ways', async () => {
    for (const bad of ['', '..', '../x', 'a/../b', './a', 'a//b', 'a/', '/a', 'a/.', 'a\0b']) {
      await assert.rejects(pipelineStateName(bad), /not a folder below the repository's top/, JSON.stringify(bad));
    }
  });

  it('cuts a name too long for a file system to a readable start and a hash of the whole path', async () => {
    const deep = Array.from({ length: 40 }, (_, i) => `packages-${i}`).join('/');
    const other = `${deep}/x`;
    const [a, b] = [await pipelineStateName(deep), await pipelineStateName(other)];
    assert.ok(a.length < 160 && Buffer.byteLength(a) < 255, a);
    assert.match(a, /^packages-0%2Fpackages-1%2F.*~[0-9a-f]{16}$/);
    assert.notStrictEqual(a, b, 'two long paths with the same start get different names');
    assert.strictEqual(pipelineOfStateName(a), undefined, 'a cut name does not read back as a path');
    assert.strictEqual(await pipelineStateName('ü'.repeat(200)).then((n) => /%[0-9A-F]?~/.test(n)), false, 'never half an escape before the hash');
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
