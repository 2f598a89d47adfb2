/**
 * review34 F6: `gearshift status` and `gearshift status --json` say the same about HEAD and the
 * last run (one rule, core/git/commitsNotRun.ts), with the bundled CLI in a real repository: a HEAD
 * behind the run's commit (`git reset --hard HEAD~1`) or on another line of history is not "not
 * run" in either; a commit on top of the run's commit is, in both.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CLI, cliEnv, ensureCliBuilt } from './cliProcess';

describe('status and status --json agree on HEAD not run (real process, real repo)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  const cli = (repo: string, args: string[]): string => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, env: cliEnv(), encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const commitFile = (repo: string, name: string, message: string): string => {
    fs.writeFileSync(path.join(repo, name), message);
    git(repo, 'add', name);
    git(repo, 'commit', '-q', '-m', message);
    return git(repo, 'rev-parse', 'HEAD').trim();
  };
  /** [the text's "HEAD … not run" line or '', --json's headNotRun]. */
  const said = (repo: string): [string, unknown] => {
    const line = cli(repo, ['status']).split('\n').find((l) => /not run/.test(l)) ?? '';
    const json = JSON.parse(cli(repo, ['status', '--json'])) as { headNotRun: unknown };
    return [line, json.headNotRun];
  };

  it('HEAD reset behind the run, then on another line: neither says "not run"; a commit on the run\'s: both do', () => {
    const repo = ws.repo(pipeline([{ name: 'build', run: 'true' }]));
    commitFile(repo, 'a.txt', 'first');
    const ran = commitFile(repo, 'b.txt', 'second');
    assert.equal(spawnSync(process.execPath, [CLI, 'run'], { cwd: repo, env: cliEnv() }).status, 0);
    assert.deepEqual(said(repo), ['', null], 'HEAD is the run\'s commit');

    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    assert.deepEqual(said(repo), ['', null], 'HEAD an ancestor of the run\'s commit: nothing new to run');

    commitFile(repo, 'c.txt', 'elsewhere');
    assert.deepEqual(said(repo), ['', null], 'HEAD on another line of history (review34 F5): not known as news');

    git(repo, 'reset', '-q', '--hard', ran);
    const head = commitFile(repo, 'd.txt', 'on top');
    const [line, json] = said(repo);
    assert.match(line, new RegExp(`^HEAD ${head.slice(0, 8)} not run yet`));
    assert.deepEqual(json, { sha: head, lastRunSha: ran, lastRunState: 'green' });
  });
});
