import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withDeadline } from '../../unit/deploy/helpers';
import { CliProcess, ensureCliBuilt, runCli, waitForFile, type CliResult } from './cliProcess';

/**
 * Without blue/green the production stage IS the change (faults41 H1): stopped part-way (a failing
 * script, Ctrl+C, kill -9) production holds part of the new commit, so nothing may say the old
 * one is live or that production is unchanged. Real CLI bundle, a process per command, a real git
 * repository whose production stage writes "half of <sha>" to .prod, then waits for .go (or fails
 * while .fail exists), then writes the sha.
 */
const STAGE = '#!/bin/sh\necho "half of $(git rev-parse --short HEAD)" > .prod\n[ -f .fail ] && exit 1\n'
  + 'if [ -f .wait ]; then while [ ! -f .go ]; do sleep 0.05; done; fi\ngit rev-parse --short HEAD > .prod\n';
const PIPELINE = 'version: 1\nstages:\n  - name: Build\n    run: "true"\n  - name: Deploy Prod\n    run: ./deploy.sh\n    environment: production\n';

describe('without blue/green, a deploy stopped in its production stage: production may hold part of it (real CLI, faults41 H1)', function () {
  this.timeout(120_000);
  let dir: string;
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-partial-'));
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@t'); git('config', 'user.name', 'tester');
    fs.writeFileSync(path.join(dir, 'deploy.sh'), STAGE, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, '.gearshift.yml'), PIPELINE);
    fs.writeFileSync(path.join(dir, '.gitignore'), '.prod\n.fail\n.wait\n.go\n');
    git('add', '-A'); git('commit', '-qm', 'v1');
  });
  afterEach(() => {
    fs.writeFileSync(path.join(dir, '.go'), ''); // a stage still waiting ends
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const cli = (args: string[]): Promise<CliResult> => withDeadline(runCli(args, { cwd: dir }), 60_000, `gearshift ${args.join(' ')} did not end`);
  const commit = (msg: string): string => {
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', msg], { cwd: dir });
    return execFileSync('git', ['rev-parse', '--short=8', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  };
  const deployed = async (...extra: string[]): Promise<string> => {
    const sha = execFileSync('git', ['rev-parse', '--short=8', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    const res = await cli(['deploy', 'production', '--yes', ...extra]);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    return sha;
  };
  const newestRecord = async (): Promise<{ state: string; changedProduction: unknown }> =>
    (JSON.parse((await cli(['history', '--json'])).stdout) as Array<{ state: string; changedProduction: unknown }>)[0];
  /** Status says production is unknown, names the stopped commit and the one live before; never "<old> live". */
  const assertUnknown = async (sha: string, before: string, how: RegExp): Promise<void> => {
    const status = (await cli(['status'])).stdout;
    assert.match(status, new RegExp(`\\nproduction {2}unknown: the production deploy of ${sha} ${how.source}: production may hold part of ${sha} .*; ${before} was live before it`), status);
    assert.doesNotMatch(status, new RegExp(`${before} live`), status);
    const json = JSON.parse((await cli(['status', '--json'])).stdout) as { production: unknown; productionUnknown: { sha: string; before: string } | null };
    assert.equal(json.production, null);
    assert.equal(json.productionUnknown?.before.slice(0, 8), before);
    assert.equal(json.productionUnknown?.sha.slice(0, 8), sha);
  };

  it('a production stage failing part-way: the deploy, status and history say production may hold part of it; the next passing deploy settles it', async () => {
    const v1 = await deployed();
    const v2 = commit('v2');
    fs.writeFileSync(path.join(dir, '.fail'), '');
    const failed = await cli(['deploy', 'production', '--yes']);
    assert.notEqual(failed.code, 0);
    assert.equal(fs.readFileSync(path.join(dir, '.prod'), 'utf8').trim(), `half of ${v2.slice(0, 7)}`);
    assert.doesNotMatch(failed.stdout + failed.stderr, /nothing was switched/);
    assert.match(failed.stdout + failed.stderr, new RegExp(`production may hold part of ${v2}`));
    await assertUnknown(v2, v1, /failed in its production stages/);
    const history = (await cli(['history'])).stdout.split('\n');
    assert.match(history[1], new RegExp(`^red +${v2} +main +cli +prod \\(partial\\) `), history.join('\n'));
    assert.deepEqual(await newestRecord(), { ...(await newestRecord()), state: 'red', changedProduction: { slot: null, unknown: 'partial' } });

    fs.rmSync(path.join(dir, '.fail'));
    const settling = await cli(['deploy', 'production', '--yes', '--override-red']);
    assert.equal(settling.code, 0, settling.stdout + settling.stderr);
    // Its summary says what status says, not "live now <v1>" (editor42: one rule, core/deploy productionIn).
    assert.match(settling.stdout, new RegExp(`\\n {2}live now {2}unknown: the production deploy of ${v2} failed in its production stages: production may hold part of ${v2} `), settling.stdout);
    const status = (await cli(['status'])).stdout;
    assert.match(status, new RegExp(`\\nproduction {2}${v2} live \\(deployed at `), status);
  });

  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(`${signal} in the production stage: ${signal === 'SIGINT' ? 'the cancel says production may hold part of it, not "nothing was switched"' : 'the next command ends the run'}; status unknown, history prod (partial)`, async () => {
      const v1 = await deployed();
      const v2 = commit('v2');
      fs.writeFileSync(path.join(dir, '.wait'), '');
      const p = new CliProcess(['deploy', 'production', '--yes'], { cwd: dir });
      await waitForFile(path.join(dir, '.prod'), new RegExp(`^half of ${v2.slice(0, 7)}`));
      p.child.kill(signal);
      const end = await withDeadline(p.done, 60_000, 'the deploy did not end');
      if (signal === 'SIGINT') {
        assert.match(end.stdout + end.stderr, new RegExp(`deploy cancelled during the production stages; production may hold part of ${v2} .*; ${v1} was live before it`), end.stdout + end.stderr);
        assert.doesNotMatch(end.stdout + end.stderr, /nothing was switched/);
      }
      await assertUnknown(v2, v1, signal === 'SIGINT' ? /was cancelled in its production stages/ : /was interrupted in its production stages \(its process was killed\)/);
      const history = (await cli(['history'])).stdout.split('\n');
      assert.match(history[1], new RegExp(`^${signal === 'SIGINT' ? 'cancelled' : 'interrupted'} +${v2} +main +cli +prod \\(partial\\) `), history.join('\n'));
      assert.deepEqual((await newestRecord()).changedProduction, { slot: null, unknown: 'partial' });
    });
  }
});
