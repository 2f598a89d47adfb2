import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { originUrlFromFiles, originUrls } from '../../../src/core/remote/originFiles';
import { cleanupTempDirs, git, initRepo, tempDir } from '../../support/git';

/** What gitRemote.ts asked git before: `git config --get remote.origin.url`, GIT_* left out. */
function gitSays(repo: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const out = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

function envWithHome(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) { if (!k.toUpperCase().startsWith('GIT_') && k !== 'XDG_CONFIG_HOME') { env[k] = v; } }
  return { ...env, HOME: home };
}

/** [repository config added, ~/.gitconfig] → the files' answer must be git's, or 'ask-git'. */
const CASES: { name: string; local: string; global?: string; sure: boolean }[] = [
  { name: 'no remote at all', local: '', sure: true },
  { name: 'an origin', local: '[remote "origin"]\n\turl = https://github.com/o/r.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n', sure: true },
  { name: 'another remote only', local: '[remote "upstream"]\n\turl = git@github.com:u/r.git\n', sure: true },
  { name: 'section and key in other case, comment after the value', local: '[REMOTE "origin"]\n  URL=git@gitlab.com:g/p.git ; mirror\n', sure: true },
  { name: 'the old [remote.Origin] syntax', local: '[remote.Origin]\nurl = https://gitlab.com/a/b\n', sure: true },
  { name: 'subsection is case-sensitive', local: '[remote "Origin"]\nurl = https://gitlab.com/a/b\n', sure: true },
  { name: 'several urls: the last wins', local: '[remote "origin"]\nurl = https://github.com/a/one\n[core]\n\tx = 1\n[remote "origin"]\nurl = https://github.com/a/two\n', sure: true },
  { name: 'an empty url', local: '[remote "origin"]\nurl =\n', sure: true },
  { name: 'origin only in ~/.gitconfig', local: '', global: '[remote "origin"]\n\turl = https://github.com/g/global\n', sure: true },
  { name: 'both: the repository wins', local: '[remote "origin"]\nurl = https://github.com/l/local\n', global: '[remote "origin"]\nurl = https://github.com/g/global\n', sure: true },
  { name: 'a quoted value', local: '[remote "origin"]\nurl = "https://github.com/q/r" \n', sure: false },
  { name: 'an include', local: '[include]\npath = other\n', sure: false },
  { name: 'an includeIf in ~/.gitconfig', local: '', global: '[includeIf "gitdir:/x/"]\npath = other\n', sure: false },
  { name: 'a continuation line', local: '[alias]\nx = !echo \\\n[remote "origin"]\n', sure: false },
];

describe('originUrlFromFiles: remote.origin.url from the files, as git says it', () => {
  afterEach(() => cleanupTempDirs());

  for (const c of CASES) {
    it(`${c.name}`, async () => {
      const repo = initRepo();
      const home = tempDir();
      fs.appendFileSync(path.join(repo, '.git', 'config'), c.local);
      if (c.global !== undefined) { fs.writeFileSync(path.join(home, '.gitconfig'), c.global); }
      const env = envWithHome(home);
      const files = await originUrlFromFiles(repo, env);
      if (!c.sure) { assert.strictEqual(files, 'ask-git'); return; }
      assert.notStrictEqual(files, 'ask-git', 'this one the files answer');
      const url = files === 'ask-git' ? undefined : files.url;
      assert.strictEqual(url === '' ? undefined : url, gitSays(repo, env));
    });
  }

  it('a subfolder and a linked worktree read the common config', async () => {
    const repo = initRepo();
    git(repo, 'remote', 'add', 'origin', 'https://github.com/w/t.git');
    fs.mkdirSync(path.join(repo, 'sub'));
    git(repo, 'commit', '--allow-empty', '-q', '-m', 'c');
    const linked = path.join(tempDir(), 'linked');
    git(repo, 'worktree', 'add', '-q', linked);
    const env = envWithHome(tempDir());
    for (const dir of [path.join(repo, 'sub'), linked]) {
      assert.deepStrictEqual(await originUrlFromFiles(dir, env), { url: gitSays(dir, env) });
    }
  });

  it('no git on PATH, or not in a repository: git decides', async () => {
    assert.strictEqual(await originUrlFromFiles(initRepo(), { ...envWithHome(tempDir()), PATH: tempDir() }), 'ask-git');
    assert.strictEqual(await originUrlFromFiles(tempDir(), envWithHome(tempDir())), 'ask-git');
  });

  it('originUrls: only lines it is sure of', () => {
    assert.deepStrictEqual(originUrls('[remote "origin"]\nurl = a#b\nurl = c\n'), ['a', 'c']);
    assert.strictEqual(originUrls('[remote "origin"] url = x\n'), 'unsure');
    assert.strictEqual(originUrls('[remote "origin"]\nurl\n'), 'unsure');
    assert.strictEqual(originUrls('[remote "origin"]\nurl = a\tb\n'), 'unsure');
  });
});
