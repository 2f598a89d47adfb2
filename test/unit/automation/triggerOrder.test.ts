import * as assert from 'assert';
import type { TrackerEvent } from '../../../src/core/git';
import { commit, git } from '../../support/git';
import { Harnesses, pipelineYaml } from './triggerFixture';

/**
 * What the trigger tells (`gearshift watch` prints it as it comes) follows what happened in the
 * repository: a HEAD move is told after the commits made before it, even while those commits
 * still wait for the trigger to read the config (review20 L8).
 */
describe('CommitTrigger: commits and HEAD moves told in the order they happened (real repo)', function () {
  this.timeout(20_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('B, C on main, a checkout to a new branch, D there, a checkout back: told in that order though the config read is slow', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Unit', run: 'true' }], ['trigger: manual']));
    const tracked: string[] = [];
    const say = (e: TrackerEvent | { type: 'commitSeen'; commit: { sha: string } }): string | undefined =>
      e.type === 'headMoved' ? `HEAD ${e.operation} to ${e.branch}` : e.type === 'commitSeen' ? `commit ${e.commit.sha.slice(0, 8)}` : undefined;
    h.trigger.tracker.onEvent((e) => {
      if (e.type === 'newCommits') { tracked.push(...e.commits.map((c) => `commit ${c.sha.slice(0, 8)}`)); } else if (say(e)) { tracked.push(say(e)!); }
    });
    // The config read each burst of commits starts with is held until everything happened.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const validate = h.engine.validate.bind(h.engine);
    h.engine.validate = async () => { await held; return validate(); };

    const b = commit(h.repo, 'B');
    const c = commit(h.repo, 'C');
    git(h.repo, 'checkout', '-q', '-b', 'side', 'HEAD~2');
    const d = commit(h.repo, 'D on side');
    git(h.repo, 'checkout', '-q', 'main');
    const expected = [`commit ${b.slice(0, 8)}`, `commit ${c.slice(0, 8)}`, 'HEAD checkout to side', `commit ${d.slice(0, 8)}`, 'HEAD checkout to main'];
    await waitUntil('the tracker to see all five', () => tracked.length >= 5);
    assert.deepStrictEqual(tracked, expected, 'the tracker itself saw them in order');
    release();
    await h.log.waitFor('headMoved', (e) => e.branch === 'main');
    await h.log.seen(d);
    assert.deepStrictEqual(h.log.events.map((e) => say(e as never)).filter((x) => x !== undefined), expected);
  });
});

async function waitUntil(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise((r) => setTimeout(r, 10));
  }
}
