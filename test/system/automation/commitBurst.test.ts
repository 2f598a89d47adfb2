import * as assert from 'assert';
import { execFile } from 'child_process';
import type { EngineEvent } from '../../../src/core/engine/events';
import { git, gitEnv } from '../../support/git';
import { Harnesses, pipelineYaml } from '../../unit/automation/triggerFixture';

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
    await h.log.waitFor('runEnded', (e) => e.plan.sha === shas[99], 40_000);
    assert.deepStrictEqual(violations, []);
    assert.deepStrictEqual(h.trigger.tracked().map((t) => t.sha), shas);
    const started = h.log.of('runStarted').map((e) => e.plan.sha);
    assert.strictEqual(new Set(started).size, started.length, 'a sha ran twice');
    const covered = h.log.of('runEnded').flatMap((e) => e.run.covers as string[]);
    assert.deepStrictEqual([...covered].sort(), [...shas].sort(), 'every commit covered by exactly one run');
    // A run during which HEAD moved (the burst went on) is no verdict on its commit: cancelled, saying so (review22 H2).
    assert.ok(h.log.of('runEnded').every((e) => e.run.state === 'green' || (e.run.state === 'cancelled' && typeof e.run.headMoved === 'string')));
    assert.strictEqual(h.log.of('runEnded').find((e) => e.plan.sha === shas[99])?.run.state, 'green', 'the last commit ran on its own tree');
    assert.deepStrictEqual([h.trigger.active(), h.trigger.queued()], [undefined, []]);
  });
});
