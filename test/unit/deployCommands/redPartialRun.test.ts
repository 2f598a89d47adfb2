import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { skipsStagesBeforeProduction } from '../../../src/core/deploy/redGuard';
import { makePipeline } from '../pipeline/helpers';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * "Don't deploy on red" for a partial run: `gearshift run --stage/--from` (and the editor's Run
 * Stage, which calls engine.start with `only`) reaching production without the stages before it.
 */
describe('red guard: a partial run that reaches production while red', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  const run = (args: string[]): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir }), 40_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  async function redRepo(): Promise<void> {
    r = await DeployRepo.create();
    r.touch('fail-unit');
    assert.equal((await run(['run'])).code, 1);
    r.remove('fail-unit');
  }

  it('run --stage/--from a production stage is refused (exit 2) with deploy production\'s words; nothing runs or is recorded', async () => {
    await redRepo();
    const deploy = await run(['deploy', 'production', '--yes']);
    const deployWords = deploy.stderr.trim().split('\n').pop()!.replace(/^gearshift deploy: /, '');
    assert.match(deployWords, /^not deploying: the pipeline is red since .*: Unit Tests failed in run .*; deploy through a full `gearshift run` \(its tests run first, so red does not refuse it\), or rerun with --override-red$/);
    for (const args of [['--stage', 'Deploy Prod'], ['--from', 'Deploy Non-Prod'], ['--json', '--stage', 'Deploy Prod']]) {
      const res = await run(['run', ...args]);
      assert.equal(res.code, deploy.code, args.join(' '));
      assert.equal(res.stderr, `gearshift run: ${deployWords}\n`, args.join(' '));
    }
    assert.equal(r.exists('deployed-to'), false, 'nothing deployed');
    assert.equal((await r.runs()).length, 1, 'no run recorded besides the red one');
    const unit = await run(['run', '--stage', 'Unit Tests']);
    assert.equal(unit.code, 0, 'a partial run that does not reach production is not refused');
  });

  it('the editor\'s path (engine.start with `only`) is refused the same way, naming red in the outcome', async () => {
    await redRepo();
    const outcome = await r.engine.start({ trigger: 'manual', only: 'Deploy Prod' });
    assert.ok(outcome.kind === 'refused', outcome.kind);
    assert.match(outcome.reason, /^not deploying: the pipeline is red since .*; deploy through a full pipeline run \(its tests run first, so red does not refuse it\), or deploy with the red override$/);
    assert.match(outcome.red ?? '', /^the pipeline is red since /);
    assert.equal(r.exists('deployed-to'), false);
  });

  it('--override-red deploys and records overrideRed; a full run while red is the fix attempt and is not refused', async () => {
    await redRepo();
    const over = await run(['run', '--stage', 'Deploy Prod', '--override-red']);
    assert.equal(over.code, 0, over.stderr);
    assert.equal(r.read('deployed-to'), 'blue');
    assert.equal((await r.runs())[0].overrideRed, true);

    r.touch('fail-unit');
    assert.equal((await run(['run'])).code, 1, 'red again');
    r.remove('fail-unit');
    const full = await run(['run']);
    assert.equal(full.code, 0, full.stderr);
    assert.equal(r.read('deployed-to'), 'green');
    assert.equal((await r.runs())[0].overrideRed, undefined, 'no override used');
    const green = await run(['run', '--stage', 'Deploy Prod', '--override-red']);
    assert.equal(green.code, 0, green.stderr);
    assert.equal((await r.runs())[0].overrideRed, undefined, 'the override is only recorded when it was used');
  });

  it('after the production stage itself failed, re-running it (--from or --stage) is the fix attempt: not refused, no override recorded; the period ends', async () => {
    r = await DeployRepo.create();
    r.remove('release-next'); // Deploy Prod's copy fails
    assert.equal((await run(['run'])).code, 1);
    r.f.nextRelease('200');
    const from = await run(['run', '--from', 'Deploy Prod']);
    assert.equal(from.code, 0, from.stderr);
    assert.equal(r.read('deployed-to'), 'blue');
    const [rerun] = await r.runs();
    assert.equal(rerun.state, 'green');
    assert.equal(rerun.overrideRed, undefined, 'no override used');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0, 'green again: the re-run ended the red period');

    r.remove('release-next');
    assert.equal((await run(['run'])).code, 1);
    r.f.nextRelease('200');
    assert.equal((await run(['run', '--stage', 'Deploy Prod'])).code, 0, '--stage of the failed production stage');
    r.touch('fail-unit');
    assert.equal((await run(['run'])).code, 1, 'red by Unit Tests now');
    const refused = await run(['run', '--stage', 'Deploy Prod']);
    assert.equal(refused.code, 2, 'a stage that fails (Unit Tests) is left out: refused');
    assert.match(refused.stderr, /Unit Tests failed/);
  });

  it('the re-run leans on stages that passed at the red run\'s commit: a later commit, or uncommitted changes, is refused (review18 HIGH 1)', async () => {
    r = await DeployRepo.create();
    r.remove('release-next'); // Deploy Prod's copy fails
    assert.equal((await run(['run'])).code, 1);
    const redSha = r.head();
    r.f.nextRelease('200');
    const later = r.commit('untested'); // Unit Tests never ran on this commit
    const moved = await run(['run', '--from', 'Deploy Prod']);
    assert.equal(moved.code, 2, moved.stdout);
    assert.match(moved.stderr, new RegExp(`the stages this run leaves out passed at ${redSha.slice(0, 8)}, not at ${later.slice(0, 8)}`));
    assert.equal(r.exists('deployed-to'), false, 'nothing deployed');

    assert.equal((await run(['run'])).code, 0, 'a full run of the new commit is the way: green');
    r.remove('release-next');
    assert.equal((await run(['run'])).code, 1, 'Deploy Prod fails again, at the new commit');
    r.f.nextRelease('200');
    fs.appendFileSync(path.join(r.dir, 'src', 'untested.txt'), 'an edit no stage ran on\n');
    const dirty = await run(['run', '--from', 'Deploy Prod']);
    assert.equal(dirty.code, 2, dirty.stdout);
    assert.match(dirty.stderr, new RegExp(`not at ${later.slice(0, 8)} with uncommitted changes`));
  });

  it('a selection skips the stages before production only when one of them is left out', () => {
    const p = makePipeline('/x', [
      { name: 'A', run: 'true' },
      { name: 'P', run: 'true', environment: 'production' },
      { name: 'S', run: 'true' },
    ]);
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', only: 'P' }), true);
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', from: 'P' }), true);
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', from: 'A' }), false);
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', only: 'S' }), false);
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't' }), false);
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', environment: 'production' }), false, 'promote and rollback decide about red themselves');
    const first = makePipeline('/x', [{ name: 'P', run: 'true', environment: 'production' }, { name: 'S', run: 'true' }]);
    assert.equal(skipsStagesBeforeProduction(first, { trigger: 't', only: 'P' }), false, 'nothing comes before it');
  });

  it('with `needs`, "the stages before" production are the ones it needs (transitively), not the ones above it in the file', () => {
    const p = makePipeline('/x', [
      { name: 'Lint', run: 'true', needs: [] },
      { name: 'Deploy', run: 'true', environment: 'production', needs: ['Test'] },
      { name: 'Build', run: 'true', needs: [] },
      { name: 'Test', run: 'true', needs: ['Build'] },
      { name: 'Canary', run: 'true', environment: 'production', needs: [] },
    ]);
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', only: 'Deploy' }), true, 'Deploy needs Test and Build');
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', from: 'Deploy' }), false, 'Build and Test come after it in the file, so --from runs them; Lint is nothing Deploy needs');
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', from: 'Build' }), false, 'Canary needs nothing, and Deploy is not selected');
    assert.equal(skipsStagesBeforeProduction(p, { trigger: 't', only: 'Canary' }), false, 'Canary needs nothing: a full run starts it at once too');
    const below = makePipeline('/x', [
      { name: 'Deploy', run: 'true', environment: 'production', needs: ['Build'] },
      { name: 'Build', run: 'true', needs: [] },
    ]);
    assert.equal(skipsStagesBeforeProduction(below, { trigger: 't', only: 'Deploy' }), true, 'first in the file, but it needs Build');
  });
});
