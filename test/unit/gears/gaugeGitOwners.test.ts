/**
 * Old against new for the gauge's git inputs (14o): the memo's graph and commit owners as columns
 * (gatherGaugeInputs with a memo, warm and cold) against the object form they replaced, which a kept
 * CommitIndex still computes (deliveries() and leadTimesOf()), and against a call without a memo,
 * on a real repository that changes between calls: deploys appended, one arriving late, commits
 * appended, merges, reverts, a rewritten branch.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommitIndex } from '../../../src/core/git/metrics/commitIndex';
import { GAUGE_GIT_FILE } from '../../../src/core/gears/gaugeGitMemo';
import { gatherGaugeInputs, type GaugeInputs } from '../../../src/core/gears/gaugeInputs';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { cleanupTempDirs, commitAt, git, gitDate, gitWith, initRepo, tempDir } from '../../support/git';
import { answersOnly, DAY, deployRun, HOUR, NOW, SIMPLE } from './helpers';

describe('gears: the git memo\'s commit owners answer as deliveries() did (real git repos)', function () {
  this.timeout(90_000);
  after(cleanupTempDirs);

  const deploy = (sha: string, at: number): RunRecord => ({ ...deployRun(at), sha });

  /** Every way of asking must give the same commits and reverts; with a memo, the whole answer of a call without one. */
  async function sameEverywhere(repo: string, runs: RunRecord[], now: number, what: string): Promise<GaugeInputs> {
    const memo = path.join(repo, '.git', 'gearshift');
    const uncached = await gatherGaugeInputs(repo, SIMPLE, runs, { now });
    const viaIndex = await gatherGaugeInputs(repo, SIMPLE, runs, { now, index: await CommitIndex.open(repo) });
    for (const pass of ['memo as found', 'memo just written']) {
      const memoised = answersOnly(await gatherGaugeInputs(repo, SIMPLE, runs, { now, memoDir: memo }));
      assert.deepStrictEqual(memoised, uncached, `${what}, ${pass}`);
    }
    assert.deepStrictEqual([viaIndex.commits, viaIndex.reverts], [uncached.commits, uncached.reverts], `${what}: the object form`);
    return uncached;
  }

  /** Calls with git out of reach (PATH emptied): only a memo can answer then. */
  async function withoutGit<T>(f: () => Promise<T>): Promise<T> {
    const saved = process.env.PATH;
    process.env.PATH = tempDir('gearshift-no-git-');
    try { return await f(); } finally { process.env.PATH = saved; }
  }

  it('deploys appended, one arriving late, commits appended, a revert, a merge, a rewritten branch', async () => {
    const repo = initRepo();
    const main: string[] = [];
    for (let d = 60; d >= 20; d--) { main.push(commitAt(repo, `m${d}`, NOW - d * DAY + (d % 3) * HOUR)); }
    git(repo, 'checkout', '-q', '-b', 'side', main[10]);
    const side = [commitAt(repo, 's1', NOW - 45 * DAY), commitAt(repo, 's2', NOW - 25 * DAY)];
    git(repo, 'checkout', '-q', 'main');
    gitWith(repo, gitDate(NOW - 19 * DAY), 'merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    main.push(git(repo, 'rev-parse', 'HEAD'));
    main.push(commitAt(repo, `Revert "m30"\n\nThis reverts commit ${main[30]}.`, NOW - 18 * DAY));
    // Deploys: forward, a rollback to an older commit, the redeploy after it, a deploy of the side branch before the merge.
    let runs = [deploy(main[5], NOW - 54 * DAY), deploy(side[0], NOW - 44 * DAY), deploy(main[30], NOW - 29 * DAY),
      deploy(main[20], NOW - 28 * DAY), deploy(main[32], NOW - 27 * DAY), deploy(main[41], NOW - 18.5 * DAY)];
    const first = await sameEverywhere(repo, runs, NOW, 'first call');
    assert.ok(first.reverts.length === 1 && first.commits.some((c) => c.leadTimeMs === null) && first.commits.some((c) => (c.leadTimeMs ?? 0) > 0));

    // HEAD unchanged, a deploy appended: answered without git, the kept owners extended.
    runs = [...runs, deploy(main[42], NOW - 17 * DAY)];
    const appended = answersOnly(await withoutGit(() => gatherGaugeInputs(repo, SIMPLE, runs, { now: NOW, memoDir: path.join(repo, '.git', 'gearshift') })));
    assert.deepStrictEqual(appended, await sameEverywhere(repo, runs, NOW, 'a deploy appended'));
    assert.notDeepStrictEqual(appended.commits, first.commits);

    // A deploy older than the kept ones (an end line written late): the kept owners are not a prefix.
    runs = [deploy(main[2], NOW - 58 * DAY), ...runs];
    const late = answersOnly(await withoutGit(() => gatherGaugeInputs(repo, SIMPLE, runs, { now: NOW, memoDir: path.join(repo, '.git', 'gearshift') })));
    assert.deepStrictEqual(late, await sameEverywhere(repo, runs, NOW, 'a deploy arriving late'));

    // Commits appended and deployed, a later clock.
    for (let h = 1; h <= 5; h++) { main.push(commitAt(repo, `n${h}`, NOW - 10 * DAY + h * HOUR)); }
    runs = [...runs, deploy(main[main.length - 3], NOW - 9 * DAY)];
    await sameEverywhere(repo, runs, NOW + HOUR, 'commits appended');

    // The branch rewritten: the last three commits replaced; the deploy of one of them stays in history.
    git(repo, 'reset', '-q', '--hard', main[main.length - 4]);
    for (let h = 1; h <= 3; h++) { commitAt(repo, `r${h}`, NOW - 5 * DAY + h * HOUR); }
    runs = [...runs, deploy(git(repo, 'rev-parse', 'HEAD~1'), NOW - 4 * DAY)];
    await sameEverywhere(repo, runs, NOW + 2 * HOUR, 'a rewritten branch');
  });

  it('a deploy sha that is not a full commit id delivers nothing and never reaches git, as when such deploys were dropped first', async () => {
    const repo = initRepo();
    const shas = [30, 20, 10, 5].map((d) => commitAt(repo, `c${d}`, NOW - d * DAY));
    const runs = [deploy(shas[1], NOW - 19 * DAY), deploy(shas[2], NOW - 9 * DAY)];
    const odd = ['--output=pwned.txt', 'HEAD', shas[3].slice(0, 12), shas[3].toUpperCase(), `${shas[3]}\n`, ''].map((sha, i) => deploy(sha, NOW - (8 - i) * DAY));
    const truth = await sameEverywhere(repo, runs, NOW, 'without them');
    assert.deepStrictEqual(await sameEverywhere(repo, [...runs, ...odd], NOW, 'with them'), truth);
    assert.ok(!fs.existsSync(path.join(repo, 'pwned.txt')));
    // git ignores them (--end-of-options, --ignore-missing), so what shows they never got there is the memo: no log of them asked.
    const kept = JSON.parse(fs.readFileSync(path.join(repo, '.git', 'gearshift', GAUGE_GIT_FILE), 'utf8')) as { loads: unknown[] };
    assert.deepStrictEqual(kept.loads, []);
  });

  it('a memo of the old format, or with damaged columns or owners, is ignored and written again', async () => {
    const repo = initRepo();
    const shas = [30, 20, 10, 5].map((d) => commitAt(repo, `c${d}`, NOW - d * DAY));
    const runs = [deploy(shas[1], NOW - 19 * DAY), deploy(shas[2], NOW - 9 * DAY)];
    const memo = path.join(repo, '.git', 'gearshift');
    const file = path.join(memo, GAUGE_GIT_FILE);
    const truth = await sameEverywhere(repo, runs, NOW, 'a small history');
    const good = fs.readFileSync(file, 'utf8');
    const kept = JSON.parse(good) as Record<string, Record<string, string>>;
    assert.ok(kept.owners && kept.graph, 'the memo keeps the graph and the owners');
    const log = git(repo, 'log', '--format=%H%x09%ct%x09%P');
    const int32 = (xs: number[]): string => Buffer.from(Int32Array.from(xs).buffer).toString('base64');
    const damages: [string, unknown][] = [
      ['the old format (gauge-git 1, the log as text)', { ...kept, format: 'gauge-git 1', log, graph: undefined, owners: undefined }],
      ['the old format\'s fields under the new name', { ...kept, graph: undefined, log }],
      ['a parent index past the graph', { ...kept, graph: { ...kept.graph, parents: int32([0, 1, 9]) } }],
      ['the graph truncated', { ...kept, graph: { ...kept.graph, shas: kept.graph.shas.slice(0, 60) } }],
      ['owners of another graph', { ...kept, owners: { ...kept.owners, owner: int32([0]) } }],
      ['an owner past the deploys', { ...kept, owners: { ...kept.owners, owner: int32([7, 7, 7, 7]) } }],
      ['owners not an object', { ...kept, owners: 'x' }],
      ['the file cut in half', good.slice(0, good.length >> 1)],
    ];
    for (const [what, damage] of damages) {
      fs.writeFileSync(file, typeof damage === 'string' ? damage : JSON.stringify(damage));
      assert.deepStrictEqual(answersOnly(await gatherGaugeInputs(repo, SIMPLE, runs, { now: NOW, memoDir: memo })), truth, what);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), good, `${what}: written again`);
    }
  });
});
