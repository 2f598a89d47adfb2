import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';
import { hasScript, PtyCli } from './ptyCli';

/**
 * `gearshift run` at a terminal asks `deploy production`'s question (its summary, "Deploy … to
 * production?") before a run that reaches production stages, as the editor's Run Pipeline does
 * (walkcli32 M2); --yes skips it, and without a terminal nothing changes. A real pty.
 */
describe('gearshift run asks before it deploys to production (real pty)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  before(function () {
    this.timeout(300_000);
    if (!hasScript()) { this.skip(); }
    ensureCliBuilt();
  });
  afterEach(() => ws.cleanup());

  function repoWithProduction(marks: string): string {
    const mark = (name: string): string => `echo ran > '${path.join(marks, name)}'`;
    return ws.repo(pipeline([
      { name: 'Unit Tests', run: mark('unit') },
      { name: 'Deploy Prod', run: mark('deploy'), extra: ['environment: production'] },
    ]));
  }

  it('answered no: the summary and the question are shown, nothing runs, exit 130', async () => {
    const marks = ws.folder();
    const repo = repoWithProduction(marks);
    const sha = git(repo, 'rev-parse', 'HEAD').slice(0, 8);
    const term = new PtyCli(['run'], { cwd: repo });
    await term.waitFor(new RegExp(`Deploy ${sha} to production\\? \\[y/N\\] `));
    term.type('n\r');
    const { code, output } = await term.finish();
    assert.equal(code, 130, output);
    assert.match(output, /gearshift run runs every stage, the production ones included: this deploys to production/);
    assert.match(output, /Production deploy\r?\n {2}commit {4}[0-9a-f]{8}/);
    // review32 L3: this pipeline has no non-prod stage, so `deploy non-prod` would only exit 2.
    assert.match(output, /gearshift run: not deployed: nothing ran; `gearshift run --stage NAME` runs one stage/);
    assert.deepEqual(fs.readdirSync(marks), []);
    assert.deepEqual(historyLines(repo), [], 'no run was recorded');
  });

  it('answered no where the pipeline has a non-prod stage: the way out is `gearshift deploy non-prod`', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Deploy Staging', run: 'true', extra: ['environment: non-prod'] },
      { name: 'Deploy Prod', run: 'true', extra: ['environment: production'] },
    ]));
    const term = new PtyCli(['run'], { cwd: repo });
    await term.waitFor(/to production\? \[y\/N\] /);
    term.type('n\r');
    const { code, output } = await term.finish();
    assert.equal(code, 130, output);
    assert.match(output, /gearshift run: not deployed: nothing ran; `gearshift deploy non-prod` runs only the non-prod stages/);
  });

  it('answered yes: the run deploys and records who confirmed it', async () => {
    const marks = ws.folder();
    const repo = repoWithProduction(marks);
    const term = new PtyCli(['run'], { cwd: repo });
    await term.waitFor(/to production\? \[y\/N\] /);
    term.type('y\r');
    const { code, output } = await term.finish();
    assert.equal(code, 0, output);
    assert.deepEqual(fs.readdirSync(marks).sort(), ['deploy', 'unit']);
    const start = JSON.parse(historyLines(repo)[0]) as { run: { approvedBy?: string } };
    assert.ok(start.run.approvedBy, `the run records who confirmed it: ${historyLines(repo)[0]}`);
  });

  it('a commit made while the question is open, then yes: nothing runs, and the advice is to run again for HEAD (as the editor)', async () => {
    const marks = ws.folder();
    const repo = repoWithProduction(marks);
    const asked = git(repo, 'rev-parse', 'HEAD').slice(0, 8);
    const term = new PtyCli(['run'], { cwd: repo });
    await term.waitFor(new RegExp(`Deploy ${asked} to production\\? \\[y/N\\] `));
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'Made while the question was open');
    const head = git(repo, 'rev-parse', 'HEAD').slice(0, 8);
    term.type('y\r');
    const { code, output } = await term.finish();
    assert.equal(code, 2, output);
    assert.match(output, new RegExp(`gearshift run: ${asked} is no longer HEAD \\(HEAD is ${head}\\)`));
    assert.match(output, new RegExp(`run again to be asked about HEAD \\(${head}\\)`));
    assert.doesNotMatch(output, /checkout: clean/);
    assert.deepEqual(fs.readdirSync(marks), [], 'no stage ran');
    assert.deepEqual(historyLines(repo), [], 'no run was recorded for the asked-about commit');
  });

  it('red, `--from "Deploy Prod"` (which red refuses): refused before the summary and the question, nothing runs', async () => {
    const marks = ws.folder();
    const repo = ws.repo(pipeline([
      { name: 'Unit Tests', run: 'exit 1' },
      { name: 'Deploy Prod', run: `echo ran > '${path.join(marks, 'deploy')}'`, extra: ['environment: production'] },
    ]));
    assert.equal((await runCli(['run'], { cwd: repo })).code, 1, 'the full run is red at Unit Tests');
    const { code, output } = await new PtyCli(['run', '--from', 'Deploy Prod'], { cwd: repo }).finish();
    assert.equal(code, 2, output);
    assert.match(output, /gearshift run: not deploying: the pipeline is red/);
    assert.doesNotMatch(output, /\[y\/N\]|Production deploy/); // review32 L2: nobody is asked about a deploy then refused
    assert.deepEqual(fs.readdirSync(marks), []);
  });

  it('--yes at a terminal, and a run with no production stage, ask nothing', async () => {
    const marks = ws.folder();
    const repo = repoWithProduction(marks);
    const yes = await new PtyCli(['run', '--yes'], { cwd: repo }).finish();
    assert.equal(yes.code, 0, yes.output);
    assert.doesNotMatch(yes.output, /\[y\/N\]/);
    const unit = await new PtyCli(['run', '--stage', 'Unit Tests'], { cwd: repo }).finish();
    assert.equal(unit.code, 0, unit.output);
    assert.doesNotMatch(unit.output, /\[y\/N\]/);
  });

  it('without a terminal (a hook, CI) nothing is asked: the run goes on as before', async () => {
    const marks = ws.folder();
    const repo = repoWithProduction(marks);
    const r = await runCli(['run'], { cwd: repo });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /\[y\/N\]/);
    const ci = await new PtyCli(['run'], { cwd: repo, env: { CI: 'true' } }).finish();
    assert.equal(ci.code, 0, ci.output);
    assert.doesNotMatch(ci.output, /\[y\/N\]/);
  });
});
