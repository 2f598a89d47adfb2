import * as assert from 'node:assert/strict';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * Green runs of the deploy path that leave the pipeline red say so under their verdict, as
 * `gearshift run --stage` does (src/cli/stillRed.ts): a `--stage <production> --override-red`
 * deploy while a test stage is red, and `deploy non-prod` after a failed switch.
 */
describe('deploy paths: a green run that leaves the pipeline red says so', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  const run = (args: string[]): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir }), 40_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  it('run --stage Deploy Prod --override-red deploys, and says Unit Tests still has to pass', async () => {
    r = await DeployRepo.create();
    r.touch('fail-unit');
    assert.equal((await run(['run'])).code, 1);
    r.remove('fail-unit');
    const over = await run(['run', '--stage', 'Deploy Prod', '--override-red']);
    assert.equal(over.code, 0, over.stderr);
    assert.match(over.stdout, /\nPipeline GREEN[^\n]*\n {2}the pipeline is still red since [^\n]* \(Unit Tests failed in run \w{8}\): Unit Tests(, [^\n]*)? (was|were) not in this run; to end it, run Unit Tests/);
  });

  it('deploy non-prod after a failed switch: the line under the verdict, then the deploy\'s own sentence; --json has stillRed', async () => {
    r = await DeployRepo.create();
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.f.switchFails(true);
    assert.equal((await run(['switch', '--yes'])).code, 1);
    r.f.switchFails(false);
    r.commit('three'); // not the commit live in production: that one is said to be live, not promotable (firsthour34 F20)

    const nonProd = await run(['deploy', 'non-prod', '--yes']);
    assert.equal(nonProd.code, 0, nonProd.stderr);
    assert.match(nonProd.stdout, /\nPipeline GREEN[^\n]*\n {2}the pipeline is still red since [^\n]* \(the blue\/green switch failed in run \w{8}\): this run did not deploy to production; [^\n]*\ngearshift: /);
    // No `gearshift promote`: each way to production is said, so `deploy production` is not taken for one.
    assert.match(nonProd.stdout, /\ngearshift: \w{8} passed non-prod; it can be promoted to production\n {2}to production: the editor's Promote Non-Prod Build to Production… runs only its production stages; `gearshift deploy production` runs the whole pipeline again, for HEAD\n$/);
    const json = await run(['deploy', 'non-prod', '--yes', '--json']);
    const out = JSON.parse(json.stdout) as { result: string; stillRed?: { mustReachProduction: boolean; failedStage: string } };
    assert.deepEqual([out.result, out.stillRed?.mustReachProduction, out.stillRed?.failedStage], ['ok', true, 'the blue/green switch']);
    assert.match(json.stderr, /\n {2}the pipeline is still red since /);
  });
});
