/**
 * review39 in the real CLI (dist/cli.js, a process per command, a real git repository): a manual
 * production gate keeps `gear` out of 5th gear and says why (M3); `status` says HEAD's own run
 * when it was cancelled at the gate (L3); `gear` right after `init` gives one TODO step (L1); a
 * pipeline with no production stage has no deploys/day figure (L8).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, IDENTITY } from '../../support/git';
import { withDeadline } from '../../unit/deploy/helpers';
import { ensureCliBuilt, runCli, type CliResult } from './cliProcess';

const GATED = `version: 1
trigger: commit
stages:
  - name: Unit Tests
    run: echo ok
  - name: Deploy Prod
    run: echo deployed
    environment: production
    approval: manual
`;

describe('gearshift gear and status: a manual production gate, init, no production stage (review39, real CLI)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  after(() => { for (const d of dirs) { fs.rmSync(d, { recursive: true, force: true }); } });

  const repo = (files: Record<string, string>): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-gate-'));
    dirs.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.name', IDENTITY.name);
    git(dir, 'config', 'user.email', IDENTITY.email);
    for (const [name, text] of Object.entries(files)) { fs.writeFileSync(path.join(dir, name), text); }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'first');
    return dir;
  };
  const cli = (dir: string, args: string[]): Promise<CliResult> => withDeadline(runCli(args, { cwd: dir }), 60_000, `gearshift ${args.join(' ')} did not end`);
  const commit = (dir: string, n: number): string => {
    fs.writeFileSync(path.join(dir, `f${n}.txt`), String(n));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', `change ${n}`);
    return git(dir, 'rev-parse', 'HEAD');
  };

  it('one deploy, then three commits whose runs stop at the gate: not 5th gear, the gate named; status says HEAD\'s run was cancelled', async () => {
    const dir = repo({ '.gearshift.yml': GATED });
    const deployed = git(dir, 'rev-parse', 'HEAD');
    assert.equal((await cli(dir, ['deploy', 'production', '--yes'])).code, 0);
    let head = '';
    for (const n of [1, 2, 3]) {
      head = commit(dir, n);
      const r = await cli(dir, ['run']); // stdin is no terminal: nobody can be asked, the gate cancels the run
      assert.match(r.stdout + r.stderr, /CANCELLED/, r.stdout + r.stderr);
    }
    const gear = (await cli(dir, ['gear'])).stdout;
    assert.doesNotMatch(gear, /^Gear: 5th gear/m, gear);
    assert.match(gear, /^Limiting factor: a manual approval before production\n {2}why: every commit stops at a manual approval of "Deploy Prod": that is continuous delivery; remove the gate to shift into 5th$/m, gear);
    assert.match(gear, /✖ \[to leave gear 4\] Every commit can reach production unattended/);

    const status = (await cli(dir, ['status'])).stdout;
    assert.match(status, new RegExp(`^ {2}last run {2}cancelled {2}${head.slice(0, 8)} on main`, 'm'), status);
    assert.match(status, new RegExp(`^HEAD ${head.slice(0, 8)}: its run was cancelled \\(Deploy Prod: not approved: [^\\n]*\\); last green ${deployed.slice(0, 8)}, 3 commits before$`, 'm'), status);
    assert.doesNotMatch(status, /not run yet/, 'the line above says HEAD ran');

    const json = JSON.parse((await cli(dir, ['status', '--json'])).stdout) as { headNotRun: Record<string, unknown> };
    assert.deepEqual(Object.keys(json.headNotRun).slice(0, 3), ['sha', 'lastRunSha', 'lastRunState'], 'the fields stay');
    assert.deepEqual([json.headNotRun.sha, json.headNotRun.lastRunSha, json.headNotRun.lastRunState], [head, deployed, 'green']);
    assert.equal((json.headNotRun.headRun as { state: string }).state, 'cancelled');
  });

  it('right after init: one TODO step, then the run it makes possible', async () => {
    const dir = repo({ 'README.md': 'hi\n' });
    assert.equal((await cli(dir, ['init'])).code, 0);
    const gear = (await cli(dir, ['gear'])).stdout;
    const next = gear.split('Next, to shift up:\n')[1].split('\n\n')[0].split('\n');
    assert.equal(next.filter((line) => line.includes('replace the TODO command')).length, 1, next.join('\n'));
    assert.match(next[1], /^ {2}- then run the pipeline through "/);
  });

  it('no production stage, a sub-second pipeline: no deploys/day figure, and why', async () => {
    const dir = repo({ '.gearshift.yml': 'version: 1\ntrigger: manual\nstages:\n  - name: Test\n    run: echo ok\n  - name: Build\n    run: echo built\n' });
    assert.equal((await cli(dir, ['run'])).code, 0);
    const gear = (await cli(dir, ['gear'])).stdout;
    assert.match(gear, /^ {2}Top speed +no deploys\/day figure: no stage has environment: production, so the pipeline deploys nothing$/m, gear);
    assert.doesNotMatch(gear, /86400/);
  });
});
