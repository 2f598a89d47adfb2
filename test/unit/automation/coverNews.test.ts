import * as assert from 'assert';
import { commitLogLines, decide } from '../../../src/core/automation';
import type { TriggerEvent } from '../../../src/core/automation';
import { eventJson, eventText } from '../../../src/cli/watchText';
import { style } from '../../../src/core/render';
import { commit, git } from '../../support/git';
import { Harnesses, pipelineYaml, release, WAIT_FOR_RELEASE, type Harness, type Ev } from './triggerFixture';

const short = (sha: string): string => sha.slice(0, 8);
const LATEST_NEXT = 'runs next unless a newer commit comes first';
const LATEST_QUEUED = 'queued: runs after the current run unless a newer commit comes first';

/** What a user reads about `sha`: its commitSeen line and any covered line (watch's text, the editor's Output channel). */
function told(h: Harness, sha: string): { watch: string[]; output: string[] } {
  const about = h.log.events.filter((e) => (e.type === 'commitSeen' && e.commit.sha === sha) || (e.type === 'commitsCovered' && e.shas.includes(sha)));
  const watch = about.flatMap((e) => eventText(e, style(false)).text.split('\n')).filter((l) => l.startsWith(`● ${short(sha)}`) || l.startsWith(`○ ${short(sha)}`));
  const output = about.flatMap((e) => commitLogLines(e)).filter((l) => l.includes(`${short(sha)}:`));
  return { watch, output };
}

/** review39 M2: a burst under `queue: latest` promised each commit a run; one ran and nothing said the others were covered. */
describe('what the commit trigger tells about each commit of a burst (real repos, real reflog)', function () {
  this.timeout(30_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('queue: latest, a burst during a run: each commit is promised only "unless a newer commit comes first", then told once which run covered it', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const a = commit(h.repo, 'a');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    const burst = ['b', 'c', 'd', 'e'].map((s) => commit(h.repo, s));
    const last = burst[burst.length - 1];
    await h.log.seen(last);
    for (const sha of burst) { assert.strictEqual((await h.log.seen(sha)).decision.message, LATEST_QUEUED, short(sha)); }
    release(h);
    await h.log.ended(last);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [a, last], 'only the newest ran');
    const covered = h.log.of('commitsCovered');
    assert.deepStrictEqual(covered.map((e) => [e.shas, e.runSha]), [[burst.slice(0, -1), last]], 'one event naming every commit it took over, oldest first');
    assert.strictEqual(covered[0].runId, h.log.of('runStarted')[1].runId);
    for (const sha of burst.slice(0, -1)) {
      const { watch, output } = told(h, sha);
      assert.deepStrictEqual(watch, [`● ${short(sha)} main  ${['b', 'c', 'd'][burst.indexOf(sha)]}  → ${LATEST_QUEUED}`, `○ ${short(sha)} covered by the run for ${short(last)}`]);
      assert.deepStrictEqual(output, [`commit ${short(sha)}: ${LATEST_QUEUED}`, `${short(sha)}: covered by the run for ${short(last)}`]);
    }
    assert.deepStrictEqual(told(h, last).watch, [`● ${short(last)} main  e  → ${LATEST_QUEUED}`], 'the newest: its own run, no second line');
    assert.deepStrictEqual(JSON.parse(eventJson(covered[0]) ?? 'null'), { type: 'covered', shas: burst.slice(0, -1), runSha: last, runId: covered[0].runId });
  });

  it('queue: latest, commits arriving together (a fast-forward merge): the older ones are told the newest\'s run covers them, and no second line when it does', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Pass', run: 'true' }], ['trigger: commit', 'branches: [main]']));
    git(h.repo, 'checkout', '-q', '-b', 'feat'); // made here, they start nothing; the merge brings them to main at once
    const [x, y, z] = ['x', 'y', 'z'].map((s) => commit(h.repo, s));
    git(h.repo, 'checkout', '-q', 'main');
    git(h.repo, 'merge', '-q', '--ff-only', 'feat');
    await h.log.ended(z);
    const seen = (sha: string): Promise<Ev<'commitSeen'>> => h.log.waitFor('commitSeen', (e) => e.commit.sha === sha && e.operation === 'merge');
    assert.strictEqual((await seen(x)).decision.message, `covered by the run for ${short(z)}, or a newer commit's if one comes first`);
    assert.strictEqual((await seen(y)).decision.message, `covered by the run for ${short(z)}, or a newer commit's if one comes first`);
    assert.strictEqual((await seen(z)).decision.message, LATEST_NEXT);
    assert.deepStrictEqual(h.log.of('commitsCovered'), [], 'the run they were told of is the one that ran');
  });

  it('queue: all (checkout: clean): each commit runs, so the words stay and no covered line follows', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }], ['trigger: commit', 'queue: all', 'checkout: clean']));
    const a = commit(h.repo, 'a');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    const [b, c] = ['b', 'c'].map((s) => commit(h.repo, s));
    await h.log.seen(c);
    release(h);
    await h.log.ended(c);
    assert.deepStrictEqual(h.log.of('commitSeen').map((e) => e.commit.sha), [a, b, c]);
    assert.deepStrictEqual(h.log.of('commitSeen').map((e) => e.decision.message), ['triggers a run', 'queued: runs when the current run ends', 'queued: runs when the current run ends']);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [a, b, c]);
    assert.deepStrictEqual(h.log.of('commitsCovered'), []);
  });
});

describe('decide(): the first word while a launch is only starting (tests38 R4)', () => {
  const commitInfo = { sha: 'f'.repeat(40), branch: 'main', subject: 's', author: 'a', time: new Date(0).toISOString(), parents: [] };
  const input = (queue: 'latest' | 'all', busy: boolean, running: boolean): Parameters<typeof decide>[1] => ({
    mode: { state: 'commit', branches: [], queue, checkout: 'clean' }, matches: () => true, waiting: [{ sha: commitInfo.sha, branch: 'main', covers: [commitInfo.sha] }], busy, running,
  });

  it('queue: latest: a launch still loading (it may be refused) is no "current run": the commit runs next', () => {
    // The restarted watch launches a commit the last session ran; the launch is refused (alreadyRan) and the new commit runs at once.
    assert.strictEqual(decide(commitInfo, input('latest', true, false)).message, LATEST_NEXT);
    assert.strictEqual(decide(commitInfo, input('latest', false, false)).message, LATEST_NEXT);
    assert.strictEqual(decide(commitInfo, input('latest', true, true)).message, LATEST_QUEUED);
  });

  it('queue: all keeps its words', () => {
    assert.strictEqual(decide(commitInfo, input('all', false, false)).message, 'triggers a run');
    assert.strictEqual(decide(commitInfo, input('all', true, false)).message, 'queued: runs when the current run ends');
  });

  it('an event with every covered commit already said otherwise prints nothing (watch filters "already run before" ones)', () => {
    const e: TriggerEvent = { type: 'commitsCovered', shas: [], runSha: 'a'.repeat(40), runId: 'r' };
    assert.deepStrictEqual([eventText(e, style(false)).text, eventJson(e)], ['', undefined]);
  });
});
