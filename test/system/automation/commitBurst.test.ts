import * as assert from 'assert';
import { execFile } from 'child_process';
import type { EngineEvent } from '../../../src/core/engine/events';
import { CHAIN_LIMIT } from '../../../src/core/automation/commitChain';
import { commit, git, gitEnv } from '../../support/git';
import { type Ev, Harnesses, pipelineYaml } from '../../unit/automation/triggerFixture';

/** A burst of real commits at shell speed against the real trigger and engine: load, not logic (that is test/unit/automation). */
describe('CommitTrigger under a burst of commits (real repo, real engine)', function () {
  this.timeout(20_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('100 commits as fast as a shell loop: all tracked, ≤ 1 active + 1 queued, no sha run twice, all covered', async function () {
    this.timeout(60_000);
    const h = await harnesses.make(pipelineYaml([{ name: 'Quick', run: 'true' }]));
    const violations: string[] = [];
    let running = 0;
    const check = (what: string): void => {
      if (h.trigger.queued().length > 1) { violations.push(`${what}: ${h.trigger.queued().length} queued`); }
      if (running > 1) { violations.push(`${what}: ${running} runs at once`); }
    };
    h.engine.onEvent((e: EngineEvent) => {
      if (e.type === 'runStarted') { running++; }
      if (e.type === 'runEnded') { running--; }
      check(e.type);
    });
    h.trigger.onEvent((e) => check(e.type));
    // Asynchronous: the trigger and the engine work while the commits pour in.
    await new Promise<void>((resolve, reject) => {
      execFile('sh', ['-c', 'i=0; while [ $i -lt 100 ]; do git commit -q --allow-empty -m "burst $i" || exit 1; i=$((i+1)); done'],
        { cwd: h.repo, env: gitEnv() }, (err) => (err ? reject(err) : resolve()));
    });
    const shas = git(h.repo, 'rev-list', '--reverse', '--max-count=100', 'HEAD').split('\n');
    const last = shas[99];
    const outcome = await h.log.first('runEnded or runNotStarted for the last commit', (e): e is Ev<'runEnded'> | Ev<'runNotStarted'> =>
      (e.type === 'runEnded' || e.type === 'runNotStarted') && e.plan.covers.includes(last), 40_000);
    if (outcome.type === 'runNotStarted') {
      // Made during the run of the commit before, as were the commits of the CHAIN_LIMIT runs before it: to the chain rule that is
      // a stage that commits (git does not record who made a commit), so it is not run, and the next commit's run on its line covers it
      // (docs/configuration.md, "A stage that commits"). A loaded machine makes a shell loop's burst look so; a person's next commit runs.
      assert.match(outcome.reason, /as were the commits of the 3 runs before it: .* so it was not run; the next commit's run on this line covers it\./);
      const before = h.log.of('runEnded').slice(-CHAIN_LIMIT).map((e) => e.run);
      assert.ok(before.length === CHAIN_LIMIT && before.every((r) => typeof (r.headMoved ?? r.headMovedSameTree) === 'string'), 'the runs before it each had HEAD moved on');
      assert.strictEqual(h.trigger.notRun(last), outcome.reason);
      shas.push(commit(h.repo, 'after the burst'));
      await h.log.ended(shas[100], 40_000);
    }
    assert.deepStrictEqual(violations, []);
    assert.deepStrictEqual(h.trigger.tracked().map((t) => t.sha), shas);
    const started = h.log.of('runStarted').map((e) => e.plan.sha);
    assert.strictEqual(new Set(started).size, started.length, 'a sha ran twice');
    const covered = h.log.of('runEnded').flatMap((e) => e.run.covers as string[]);
    assert.deepStrictEqual([...covered].sort(), [...shas].sort(), 'every commit covered by exactly one run');
    // A run during which HEAD moved (the burst went on) is no verdict on its commit: cancelled, saying so (review22 H2).
    assert.ok(h.log.of('runEnded').every((e) => e.run.state === 'green' || (e.run.state === 'cancelled' && typeof e.run.headMoved === 'string')));
    assert.strictEqual(h.log.of('runEnded').find((e) => e.plan.sha === shas[shas.length - 1])?.run.state, 'green', 'the newest commit ran on its own tree');
    assert.deepStrictEqual([h.trigger.active(), h.trigger.queued()], [undefined, []]);
  });
});
