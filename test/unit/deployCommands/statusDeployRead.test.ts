import * as assert from 'node:assert/strict';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { recordFsCalls } from '../../support/fsCalls';
import { DeployRepo } from './deployRepo';

/**
 * `gearshift status` reads deploy.json once per call: its production line and its release-decision
 * line (text and --json alike) come from the same read. Counted as the opens of the real file
 * (core/fileio opens every file it reads). In-process CLI on a real repository, after a real deploy.
 */
describe('gearshift status: deploy.json is read once per call (in-process CLI)', function () {
  this.timeout(90_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  const run = (args: string[]): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir }), 40_000, `gearshift ${args.join(' ')} did not end`);

  async function opensOfDeployJson(args: string[]): Promise<{ opens: number; res: MainResult }> {
    let res: MainResult | undefined;
    const calls = await recordFsCalls(['open', 'openSync'], async () => { res = await run(args); });
    assert.ok(res);
    assert.equal(res.code, 0, res.stderr);
    return { opens: calls.filter((c) => c.endsWith(' deploy.json')).length, res };
  }

  it('status and status --json each open deploy.json once, and still say what is live and that no release waits', async () => {
    r = await DeployRepo.create();
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    const sha = r.head();

    const text = await opensOfDeployJson(['status']);
    assert.equal(text.opens, 1, 'status read deploy.json more than once');
    assert.match(text.res.stdout, new RegExp(`^production {2}${sha.slice(0, 8)} live in blue \\(deployed at `, 'm'));
    assert.doesNotMatch(text.res.stdout, /release (needs a decision|decision unknown)|live slot unknown/);

    const json = await opensOfDeployJson(['status', '--json']);
    assert.equal(json.opens, 1, 'status --json read deploy.json more than once');
    const answer = JSON.parse(json.res.stdout) as { production: { sha: string; slot: string }; decision: unknown; decisionUnknown: unknown; liveUnknown: unknown };
    assert.deepEqual([answer.production.sha, answer.production.slot], [sha, 'blue']);
    assert.deepEqual([answer.decision, answer.decisionUnknown, answer.liveUnknown], [null, null, null]);
  });
});
