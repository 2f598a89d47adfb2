import * as assert from 'assert';
import { commit, commitFile, git } from '../../support/git';
import { CHAIN_LIMIT } from '../../../src/core/automation/commitChain';
import type { TriggerEvent } from '../../../src/core/automation';
import { Harnesses, pipelineYaml } from './triggerFixture';

/** rereview39 F5: a stage that amends HEAD (not a commit on top of it) under trigger: commit and checkout: workspace. */
describe('CommitTrigger and a stage that amends HEAD (real repos, real engine)', function () {
  this.timeout(30_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  // Without the rule it loops (225 runs in 20 s): the wait is bounded by a run count, not by time.
  it('an amending stage does not start runs without end: the chain stops after CHAIN_LIMIT runs, saying it amended', async () => {
    const amend = 'n=$(cat version); echo $((n+1)) > version; git commit -qa --amend --no-edit';
    const h = await harnesses.make(pipelineYaml([{ name: 'Amend Version', run: amend }]));
    const feature = commitFile(h.repo, 'version', '1\n', 'feature');
    const tooMany = CHAIN_LIMIT + 3;
    const stop = await h.log.first('runNotStarted or too many runs', (e): e is TriggerEvent =>
      e.type === 'runNotStarted' || h.log.of('runStarted').length > tooMany);
    assert.strictEqual(stop.type, 'runNotStarted', `${h.log.of('runStarted').length} runs and still going`);
    assert.match((stop as Extract<TriggerEvent, { type: 'runNotStarted' }>).reason,
      /amended [0-9a-f]{8} while the run for it went on, as were the commits of the 3 runs before it made or amended during them: that is what a stage that amends or commits \(a version bump\?\) does, and it would start runs without end under trigger: commit, so it was not run/);
    await h.engine.settle();
    assert.strictEqual(h.log.of('runStarted').length, 1 + CHAIN_LIMIT, 'the feature, then three amends');
    assert.strictEqual(git(h.repo, 'show', 'HEAD:version'), String(2 + CHAIN_LIMIT), 'no further amend: the loop is broken');
    assert.strictEqual(git(h.repo, 'rev-list', '--count', 'HEAD'), '2', 'each amend replaced the commit: pipeline and feature');
    // The runs say what happened (amend39 left): an amend, and the trigger runs the amended commit, or the chain rule stops it.
    const ended = await h.log.ended(feature);
    assert.match(ended.run.cancelReason ?? '', new RegExp(`^HEAD was amended during the run \\(${feature.slice(0, 8)} → [0-9a-f]{8}\\), .*; [0-9a-f]{8} gets its own run \\(trigger: commit\\)$`));
  });

  it('a person amending between runs, more than CHAIN_LIMIT times: each amend runs', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Build', run: 'cat version' }]));
    let sha = commitFile(h.repo, 'version', '1\n', 'feature');
    for (let i = 0; i <= CHAIN_LIMIT; i++) {
      await h.log.ended(sha);
      sha = commit(h.repo, `feature, take ${i + 2}`, '--amend');
    }
    const last = await h.log.ended(sha);
    assert.strictEqual(last.plan.sha, sha);
    assert.deepStrictEqual(h.log.of('runNotStarted').map((e) => e.reason), []);
    assert.strictEqual(h.log.of('runStarted').length, CHAIN_LIMIT + 2);
  });
});
