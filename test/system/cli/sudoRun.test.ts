/**
 * `sudo gearshift run` in a repository nobody has run in yet, then the user's own run: the
 * first made `.git/gearshift` with its history and lock as root, and the user's run then
 * failed ("could not write its run lock … permission denied"). What root makes there is now
 * the user's (core/fileio/folderOwner.ts). Real processes, real uids; root only, as CI runs.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { CLI, cliEnv, ensureCliBuilt } from './cliProcess';

const USER = { uid: 4242, gid: 4243 };

describe('gearshift run under sudo, then as the user (real processes, real uids)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  before(function () {
    if (process.getuid?.() !== 0) { this.skip(); }
    this.timeout(180_000);
    ensureCliBuilt();
  });
  after(() => ws.cleanup());

  function gearshift(repo: string, args: string[], options: SpawnSyncOptions & { env: NodeJS.ProcessEnv }): { status: number | null; stderr: string } {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, encoding: 'utf8', timeout: 30_000, ...options });
    return { status: r.status, stderr: String(r.stderr) };
  }

  it('the user runs, takes the lock and appends history after a first run under sudo; .git/gearshift is theirs', () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'true' }]));
    const cache = path.join(repo, '.cache-of-user'); // the user's own code cache, beside the repo
    fs.mkdirSync(cache);
    spawnSync('chown', ['-R', `${USER.uid}:${USER.gid}`, repo]);
    fs.chmodSync(repo, 0o755);
    // As sudo leaves it: git itself accepts root in the user's repository only with SUDO_UID set.
    const underSudo = gearshift(repo, ['run'], { env: cliEnv({ SUDO_UID: String(USER.uid), SUDO_GID: String(USER.gid), SUDO_USER: 'someone' }) });
    assert.equal(underSudo.status, 0, underSudo.stderr);
    const asUser = gearshift(repo, ['run'], { ...USER, env: cliEnv({ HOME: cache, XDG_CACHE_HOME: cache }) });
    assert.equal(asUser.status, 0, asUser.stderr);
    assert.equal(historyLines(repo).length, 4, 'two runs, start and end each');
    const own = path.join(repo, '.git', 'gearshift');
    for (const entry of ['', ...fs.readdirSync(own)]) {
      const st = fs.lstatSync(path.join(own, entry));
      assert.deepEqual([st.uid, st.gid], [USER.uid, USER.gid], `.git/gearshift/${entry}`);
    }
  });

  it('a .git/gearshift an older version left root\'s: the user\'s run says whose it is and what to do, and runs no stage', () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'echo stage-ran' }]));
    spawnSync('chown', ['-R', `${USER.uid}:${USER.gid}`, repo]);
    fs.mkdirSync(path.join(repo, '.git', 'gearshift'), { mode: 0o755 }); // root's, as an older version left it
    fs.chmodSync(repo, 0o755);
    const asUser = gearshift(repo, ['run'], { ...USER, env: cliEnv({ HOME: '/nonexistent', XDG_CACHE_HOME: '/nonexistent' }) });
    assert.equal(asUser.status, 2, asUser.stderr);
    assert.match(asUser.stderr, /could not write its run lock in .*gearshift \(permission denied\); the folder belongs to root, not to you; left by a run under sudo\? `sudo chown -R` it back to you/);
    assert.doesNotMatch(asUser.stderr, /stage-ran/);
  });
  /** A history.jsonl of root's, as a run under sudo left it, in the user's own repository (as the user: real uids). */
  function rootsHistory(stages: Parameters<typeof pipeline>[0]): { repo: string; env: NodeJS.ProcessEnv } {
    const repo = ws.repo(pipeline(stages));
    const own = path.join(repo, '.git', 'gearshift');
    fs.mkdirSync(own);
    fs.writeFileSync(path.join(own, 'history.jsonl'), '', { mode: 0o644 }); // root's, as an older version left it
    spawnSync('chown', ['-R', `${USER.uid}:${USER.gid}`, repo]);
    fs.chownSync(path.join(own, 'history.jsonl'), 0, 0);
    fs.chmodSync(repo, 0o755);
    return { repo, env: cliEnv({ HOME: '/nonexistent', XDG_CACHE_HOME: '/nonexistent' }) };
  }
  const ROOTS = /could not write history: .*history\.jsonl belongs to root, not to you; left by a run under sudo\? `sudo chown` it back to you/;

  // faults41 M2: it ran unrecorded before, and killed (kill -9) its stage outlived the next command, the run lock naming a dead pid.
  it('a history.jsonl an older version left root\'s: the run refuses (exit 2), says whose the file is and what to do, and runs no stage', () => {
    const { repo, env } = rootsHistory([{ name: 'Unit', run: 'echo stage-ran > ran' }]);
    const asUser = gearshift(repo, ['run'], { ...USER, env });
    assert.equal(asUser.status, 2, asUser.stderr);
    assert.match(asUser.stderr, new RegExp(`^gearshift run: cannot start a run: ${ROOTS.source}$`, 'm'));
    assert.equal(fs.existsSync(path.join(repo, 'ran')), false, 'no stage ran');
    assert.equal(fs.existsSync(path.join(repo, '.git', 'gearshift', 'run.lock')), false, 'the run lock is let go');
  });
  it('while history.jsonl cannot be written (root\'s), deploy production refuses even with --override-red, before anything runs', () => {
    const { repo, env } = rootsHistory([
      { name: 'Unit', run: 'echo unit > unit-ran' },
      { name: 'Deploy Prod', run: 'echo deployed > deployed-marker', extra: ['environment: production'] },
    ]);
    const deploy = gearshift(repo, ['deploy', 'production', '--yes', '--override-red'], { ...USER, env });
    assert.equal(deploy.status, 2, deploy.stderr);
    assert.match(deploy.stderr, new RegExp(`^gearshift deploy: not deploying: ${ROOTS.source}$`, 'm'));
    assert.equal(fs.existsSync(path.join(repo, 'deployed-marker')), false, 'nothing deployed');
    assert.equal(fs.existsSync(path.join(repo, 'unit-ran')), false, 'no stage ran');
  });
});
