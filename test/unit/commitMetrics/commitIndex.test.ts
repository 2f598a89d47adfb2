import * as assert from 'assert';
import { CommitIndex } from '../../../src/core/git/metrics/commitIndex';
import { cleanupTempDirs, commitAt, git, gitDate, gitWith, initRepo } from '../../support/git';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
/** "Now" for every figure: 2024-03-01T00:00:00Z. */
const T0 = Date.UTC(2024, 2, 1);

function mergeAt(repo: string, branch: string, at: number): string {
  gitWith(repo, gitDate(at), 'merge', '-q', '--no-ff', branch, '-m', `Merge ${branch}`);
  return git(repo, 'rev-parse', 'HEAD');
}

interface Fixture { repo: string; c: Record<string, string> }

/**
 * main: c1 (−40d) c2 (−29.5d) c3 (−10d) c4 (−10d+1h) ── m (−4d, merges f1) ── c5 (−1h)
 * feat:                                   └ f1 (−5d) ┘
 * plus c5's first version, amended away (unreachable, must not count).
 */
function fixture(): Fixture {
  const repo = initRepo();
  const c: Record<string, string> = {};
  c.c1 = commitAt(repo, 'c1', T0 - 40 * DAY);
  c.c2 = commitAt(repo, 'c2', T0 - 29.5 * DAY);
  c.c3 = commitAt(repo, 'c3', T0 - 10 * DAY);
  c.c4 = commitAt(repo, 'c4', T0 - 10 * DAY + HOUR);
  git(repo, 'checkout', '-q', '-b', 'feat');
  c.f1 = commitAt(repo, 'f1', T0 - 5 * DAY);
  git(repo, 'checkout', '-q', 'main');
  c.m = mergeAt(repo, 'feat', T0 - 4 * DAY);
  c.c5old = commitAt(repo, 'c5 typo', T0 - HOUR);
  c.c5 = commitAt(repo, 'c5', T0 - HOUR, '--amend');
  return { repo, c };
}

describe('commit metrics: CommitIndex', () => {
  after(cleanupTempDirs);

  it('commits per day over a window, by 24-hour slice, only what the tip reaches', async () => {
    const { repo } = fixture();
    const index = await CommitIndex.open(repo);
    const rate = index.commitsPerDay(30, T0);
    assert.strictEqual(rate.total, 6); // c2 c3 c4 f1 m c5
    assert.strictEqual(rate.perDay, 0.2);
    assert.strictEqual(rate.from, '2024-01-31T00:00:00.000Z');
    const expected = new Array(30).fill(0);
    expected[0] = 1; // c2
    expected[20] = 2; // c3 (exactly −10d) and c4
    expected[25] = 1; // f1
    expected[26] = 1; // m
    expected[29] = 1; // c5
    assert.deepStrictEqual(rate.days, expected);
    assert.strictEqual(index.commitsPerDay(7, T0).total, 3); // f1 m c5
  });

  it('lead times and batch sizes: each commit counts for the first deploy that reached it', async () => {
    const { repo, c } = fixture();
    const index = await CommitIndex.open(repo);
    const unknown = 'f'.repeat(40);
    const deploys = [ // out of order on purpose: sorted by time
      { sha: c.c5, at: new Date(T0).toISOString() },
      { sha: c.c2, at: T0 - 29 * DAY },
      { sha: c.m, at: new Date(T0 - 3 * DAY) },
      { sha: c.c4, at: T0 - 2 * DAY }, // rollback: delivers nothing new
      { sha: unknown, at: T0 - DAY },
    ];
    const leads = index.leadTimes(deploys);
    assert.deepStrictEqual(leads.map((l) => [l.sha, l.deploySha, l.leadMs]), [
      [c.c1, c.c2, 11 * DAY],
      [c.c2, c.c2, 0.5 * DAY],
      [c.c3, c.m, 7 * DAY],
      [c.c4, c.m, 7 * DAY - HOUR],
      [c.f1, c.m, 2 * DAY],
      [c.m, c.m, DAY],
      [c.c5, c.c5, HOUR],
    ]);
    assert.strictEqual(leads[0].committedAtMs, T0 - 40 * DAY);
    assert.strictEqual(leads[6].deployedAtMs, T0);
    // The same times the ISO strings they replace gave back (toSamples and the reverts parsed those): whole ms, in range.
    for (const l of leads) { for (const ms of [l.committedAtMs, l.deployedAtMs]) { assert.strictEqual(Date.parse(new Date(ms).toISOString()), ms); } }
    assert.deepStrictEqual(index.batchSizes(deploys).map((b) => [b.sha, b.commits, b.known]), [
      [c.c2, 2, true], [c.m, 4, true], [c.c4, 0, true], [unknown, 0, false], [c.c5, 1, true],
    ]);
    const recent = index.batchSizes(deploys, { ignoreBefore: T0 - 30 * DAY });
    assert.strictEqual(recent[0].commits, 1, 'c1 predates the cut-off');
  });

  it('include() indexes a deployed commit that is not on the tracked ref', async () => {
    const { repo, c } = fixture();
    git(repo, 'checkout', '-q', '-b', 'hotfix', c.c3);
    const hot = commitAt(repo, 'hotfix', T0 - 9 * DAY);
    git(repo, 'checkout', '-q', 'main');
    const index = await CommitIndex.open(repo);
    assert.strictEqual(index.batchSizes([{ sha: hot, at: T0 }])[0].known, false);
    await index.include([hot]);
    assert.strictEqual(index.lastRead, 1, 'only the hotfix commit was read');
    assert.deepStrictEqual(index.leadTimes([{ sha: hot, at: T0 }]).map((l) => l.sha), [c.c1, c.c2, c.c3, hot]);
  });

  it('refresh reads only the new commits and then equals a full rebuild', async () => {
    const { repo, c } = fixture();
    const index = await CommitIndex.open(repo);
    assert.strictEqual(index.lastRead, 7);
    await index.refresh();
    assert.strictEqual(index.lastRead, 0, 'nothing new: no log at all');

    const c6 = commitAt(repo, 'c6', T0 - 0.5 * HOUR);
    await index.refresh();
    assert.strictEqual(index.lastRead, 1);

    // A rewrite (amend) and a reset: the index keeps old commits but figures follow the tip.
    commitAt(repo, 'c6 amended', T0 - 0.25 * HOUR, '--amend');
    await index.refresh();
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    await index.refresh();
    const c7 = commitAt(repo, 'c7', T0 - 0.1 * HOUR);
    await index.refresh();

    const full = await CommitIndex.open(repo);
    const deploys = [{ sha: c.m, at: T0 - 3 * DAY }, { sha: c7, at: T0 }];
    assert.deepStrictEqual(index.commitsPerDay(30, T0), full.commitsPerDay(30, T0));
    assert.deepStrictEqual(index.leadTimes(deploys), full.leadTimes(deploys));
    assert.deepStrictEqual(index.batchSizes(deploys), full.batchSizes(deploys));
    assert.ok(index.size > full.size, 'the incremental index still holds the rewritten commits');
    assert.ok(!index.leadTimes(deploys).some((l) => l.sha === c6), 'but they are not counted');
  });

  it('an empty repository and a shallow clone', async () => {
    const empty = initRepo();
    const index = await CommitIndex.open(empty);
    assert.strictEqual(index.commitsPerDay(30, T0).total, 0);
    const { repo } = fixture();
    const shallow = initRepo();
    git(shallow, 'fetch', '-q', '--depth', '2', `file://${repo}`, 'main');
    git(shallow, 'reset', '-q', '--hard', 'FETCH_HEAD');
    const s = await CommitIndex.open(shallow);
    assert.strictEqual(s.size, 2, 'depth 2: c5 and m; m\'s parents are beyond the boundary');
    assert.strictEqual(s.commitsPerDay(30, T0).total, 2);
    assert.strictEqual(s.batchSizes([{ sha: git(shallow, 'rev-parse', 'HEAD'), at: T0 }])[0].commits, 2);
  });
});
