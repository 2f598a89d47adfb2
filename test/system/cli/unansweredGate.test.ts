import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CliProcess, ensureCliBuilt, runCli } from './cliProcess';

/**
 * A manual gate nobody can answer (no terminal, no --yes) on a production stage that comes after
 * another production stage (the starter's Provision Prod → Deploy Prod): the run stops before
 * the first production stage, so nothing with production side effects runs for a deploy that
 * cannot finish (walkcli32 M1). Each command says its own way to approve: `run` --yes, `watch`
 * a terminal or no gate. The real bundled CLI, real git repositories.
 */
describe('a manual gate nobody can answer stops the run before production (real process)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const live: CliProcess[] = [];
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(async () => {
    for (const w of live.splice(0)) { if (w.child.exitCode === null) { w.child.kill('SIGKILL'); await w.done; } }
    ws.cleanup();
  });

  /** Markers go outside the repository, so the stages never dirty its tree. */
  function gatedPipeline(marks: string, trigger = ''): string {
    const mark = (name: string): string => `echo ran > '${path.join(marks, name)}'`;
    const yaml = pipeline([
      { name: 'Unit Tests', run: mark('unit') },
      { name: 'Deploy Non-Prod', run: mark('nonprod'), extra: ['environment: non-prod'] },
      { name: 'Provision Prod', run: mark('provision'), extra: ['environment: production'] },
      { name: 'Deploy Prod', run: mark('deploy'), extra: ['environment: production', 'approval: manual'] },
    ]);
    return trigger ? yaml.replace('version: 1\n', `version: 1\ntrigger: ${trigger}\n`) : yaml;
  }
  const ran = (marks: string): string[] => fs.readdirSync(marks).sort();

  it('gearshift run with no terminal: non-prod runs, no production stage does, and the hint is --yes', async () => {
    const marks = ws.folder();
    const repo = ws.repo(gatedPipeline(marks));
    const r = await runCli(['run'], { cwd: repo });
    assert.equal(r.code, 130, r.stdout + r.stderr);
    assert.deepEqual(ran(marks), ['nonprod', 'unit'], `Provision Prod ran for a deploy nobody could approve:\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /stage "Deploy Prod" needs approval: rerun with --yes to approve it \(nobody can be asked: stdin is not a terminal\)/);
    assert.match(r.stdout, /Provision Prod/);
  });

  it('gearshift run --yes still runs every production stage', async () => {
    const marks = ws.folder();
    const repo = ws.repo(gatedPipeline(marks));
    const r = await runCli(['run', '--yes'], { cwd: repo });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(ran(marks), ['deploy', 'nonprod', 'provision', 'unit']);
  });

  it('gearshift watch with no terminal warns once at start, names its own way out, and runs no production stage', async () => {
    const marks = ws.folder();
    const repo = ws.repo(gatedPipeline(marks, 'commit'));
    const watch = new CliProcess(['watch'], { cwd: repo });
    live.push(watch);
    await watch.waitFor(/watching .* for new commits/, 30_000);
    const warning = /gearshift watch: stage "Deploy Prod" needs approval and nobody can answer it here \(stdin is not a terminal\): runs stop before the production stages/g;
    await watch.waitFor(warning, 10_000); // on stderr, after the start line on stdout (firsthour34 F13)
    assert.equal(watch.stderr.match(warning)?.length, 1, watch.stderr);
    commit(repo, 'a change');
    await watch.waitFor(/Pipeline CANCELLED/, 60_000);
    assert.deepEqual(ran(marks), ['nonprod', 'unit']);
    const hint = /run gearshift watch in a terminal, or remove `approval: manual` from "Deploy Prod" for unattended deploys/;
    assert.match(watch.stderr, hint);
    assert.doesNotMatch(watch.stderr, /--yes/, 'watch has no --yes');
    watch.child.kill('SIGINT');
    assert.equal((await watch.done).code, 130);
  });

  it('gearshift watch with trigger: manual says commits start no runs, and no word about a gate no run reaches (firsthour34 F13)', async () => {
    const marks = ws.folder();
    const repo = ws.repo(gatedPipeline(marks));
    const watch = new CliProcess(['watch'], { cwd: repo });
    live.push(watch);
    await watch.waitFor(/watching .* for new commits/, 30_000);
    await watch.waitFor(/commits will NOT start runs/, 10_000);
    commit(repo, 'a change');
    await watch.waitFor(/not run: /, 30_000); // the commit is listed: everything said at start has been said
    assert.doesNotMatch(watch.stderr, /needs approval/, watch.stderr);
    watch.child.kill('SIGINT');
    assert.equal((await watch.done).code, 130);
  });

  it('gearshift watch rejects a bad --remind-minutes with a short precise error, and says the reminder interval at start', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'true' }]).replace('version: 1\n', 'version: 1\ntrigger: commit\n'));
    const empty = await runCli(['watch', '--remind-minutes='], { cwd: repo });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^gearshift watch: option '--remind-minutes' needs a value$/m);
    for (const bad of ['soon', '-5', '1.5', '10081']) {
      const r = await runCli(['watch', `--remind-minutes=${bad}`], { cwd: repo });
      assert.equal(r.code, 2, `${bad}: ${r.stderr}`);
      assert.match(r.stderr, /^gearshift watch: --remind-minutes must be a whole number of minutes \(0 = never\)/m, bad);
    }
    for (const [args, line] of [[['--remind-minutes', '0'], /while red: no reminders \(--remind-minutes 0\)/], [[], /while red: a reminder every 15 min/], [['--remind-minutes', '5'], /while red: a reminder every 5 min/]] as const) {
      const watch = new CliProcess(['watch', ...args], { cwd: repo });
      live.push(watch);
      await watch.waitFor(/watching .* for new commits/, 30_000);
      assert.match(watch.stdout, line);
      watch.child.kill('SIGINT');
      assert.equal((await watch.done).code, 130);
    }
  });
});
