import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { gatherGaugeInputs, gaugeGitKey, type GaugeInputs } from '../../../src/core/gears/gaugeInputs';
import { GAUGE_GIT_FILE } from '../../../src/core/gears/gaugeGitMemo';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { cleanupTempDirs, commitAt, configureRepo, git, gitDate, gitWith, initRepo, tempDir } from '../../support/git';
import { answersOnly, DAY, deployRun, HOUR, NOW, SIMPLE } from './helpers';

/**
 * The gauge's git memo (.git/gearshift/gauge-git.json) against git itself, in real repositories:
 * with the memo, every answer must be the one a call without it gives, whatever moved.
 */
describe('gears: the gauge\'s git memo answers exactly as git does (real git repos)', function () {
  // Each test builds a repository of ≈ 120 real commits (≈ 400 git processes): 1.5 s alone, but
  // more than the tier's 20 s once while the whole CI shared 2 cores with other work.
  this.timeout(90_000);
  after(cleanupTempDirs);

  /** A window of commits one day apart (one with a clock 3 days ahead of its child), a merge, a revert, deploys. */
  function lived(): { repo: string; memo: string; runs: RunRecord[]; shas: string[] } {
    const repo = initRepo();
    const shas: string[] = [];
    for (let d = 120; d >= 2; d -= 1) {
      const at = (d === 40 ? NOW - 37 * DAY : NOW - d * DAY) + 7 * HOUR; // d = 40: skewed, newer than its child
      if (d === 4) { fs.writeFileSync(path.join(repo, 'f.txt'), 'x\n'); git(repo, 'add', 'f.txt'); } // a change to revert
      shas.push(commitAt(repo, `c${d}`, at));
    }
    git(repo, 'checkout', '-q', '-b', 'side', shas[shas.length - 10]);
    const side = commitAt(repo, 'side work', NOW - 9 * DAY);
    git(repo, 'checkout', '-q', 'main');
    gitWith(repo, gitDate(NOW - 1.5 * DAY), 'merge', '-q', '--no-ff', '-m', 'merge side', side);
    gitWith(repo, gitDate(NOW - DAY), 'revert', '--no-edit', shas[shas.length - 3]); // c4
    shas.push(git(repo, 'rev-parse', 'HEAD'));
    const runs = [10, 6, 3, 1].map((d, i) => ({ ...deployRun(NOW - d * DAY + HOUR), sha: shas[shas.length - 1 - [8, 5, 2, 0][i]] }));
    return { repo, memo: path.join(repo, '.git', 'gearshift'), runs, shas };
  }

  /** Calls with git out of reach (PATH emptied): only a memo can answer then. */
  async function withoutGit<T>(f: () => Promise<T>): Promise<T> {
    const saved = process.env.PATH;
    process.env.PATH = tempDir('gearshift-no-git-');
    try { return await f(); } finally { process.env.PATH = saved; }
  }

  const uncached = (repo: string, runs: RunRecord[], now: number): Promise<GaugeInputs> => gatherGaugeInputs(repo, SIMPLE, runs, { now });
  const memoised = async (repo: string, memo: string, runs: RunRecord[], now: number): Promise<GaugeInputs> => answersOnly(await gatherGaugeInputs(repo, SIMPLE, runs, { now, memoDir: memo }));

  it('the same answer at every clock: a later call within the memo\'s bound asks git nothing; past it git is asked again', async () => {
    const { repo, memo, runs } = lived();
    const first = await memoised(repo, memo, runs, NOW);
    assert.deepStrictEqual(first, await uncached(repo, runs, NOW));
    assert.ok(first.commits.length > 80 && first.reverts.length === 1, JSON.stringify(first).slice(0, 300));
    // Seconds to hours later: the oldest commit the log listed (7 h after the bound) is still inside it.
    for (const later of [NOW + 1000, NOW + 30 * 60_000, NOW + 6 * HOUR]) {
      const kept = await withoutGit(() => memoised(repo, memo, runs, later));
      assert.deepStrictEqual(kept, await uncached(repo, runs, later), `now + ${later - NOW} ms`);
    }
    // Days later, the bound passes commits the memo listed (and the skewed one): git must be asked, and is.
    for (const later of [NOW + 2 * DAY, NOW + 5 * DAY, NOW + 30 * DAY]) {
      const offline = await withoutGit(() => memoised(repo, memo, runs, later));
      assert.ok(offline.problems.some((p) => /git/.test(p)), `now + ${later - NOW} ms: ${JSON.stringify(offline.problems)}`);
      assert.deepStrictEqual(await memoised(repo, memo, runs, later), await uncached(repo, runs, later), `now + ${later - NOW} ms`);
    }
    // The clock going back is not covered either.
    assert.ok((await withoutGit(() => memoised(repo, memo, runs, NOW - DAY))).problems.length > 0);
  });

  it('says the memo gave every answer only when no git process ran for them, with its key and every commit time it held', async () => {
    const { repo, memo, runs } = lived();
    const raw = (r: RunRecord[], now = NOW, p = SIMPLE): Promise<GaugeInputs> => gatherGaugeInputs(repo, p, r, { now, memoDir: memo });
    assert.strictEqual((await raw(runs)).memoAnswered, undefined, 'the first call asked git');
    const second = await withoutGit(() => raw(runs, NOW + HOUR));
    assert.ok(second.memoAnswered, JSON.stringify(second.problems));
    assert.strictEqual(second.memoAnswered.key, await gaugeGitKey(repo, SIMPLE), 'the key a reader computes without opening the memo');
    const bound = Math.floor((NOW + HOUR - 90 * DAY - DAY) / 1000);
    const logged = git(repo, 'log', '--format=%ct', `--max-age=${bound}`, 'HEAD').split('\n').map(Number);
    assert.deepStrictEqual([...new Set(Array.from(second.memoAnswered.times))].sort(), [...new Set(logged)].sort(), 'every commit of the bounded log');
    // A deployed commit git does not have is asked of git on every call: its answer may change with a fetch.
    const unknown = [...runs, { ...deployRun(NOW - 2 * DAY), sha: 'f'.repeat(40) }];
    await raw(unknown);
    assert.strictEqual((await raw(unknown)).memoAnswered, undefined, 'a missing deployed commit');
    // Release tags are read from git on every call.
    const tagged = { ...SIMPLE, gears: { ...SIMPLE.gears, deployTags: 'v*' } };
    await raw(runs, NOW, tagged);
    assert.strictEqual((await raw(runs, NOW, tagged)).memoAnswered, undefined, 'release tags');
    assert.strictEqual(await gaugeGitKey(repo, tagged), undefined);
    assert.ok((await raw(runs)).memoAnswered, 'and again for the same deploys');
  });

  it('a new merge, a replaced commit, a repacked ref and a config change each make it ask git again, and answer as git does', async () => {
    const { repo, memo, runs, shas } = lived();
    await memoised(repo, memo, runs, NOW);
    const changes: [string, () => void][] = [
      ['a new merge on HEAD', () => {
        const side = gitWith(repo, gitDate(NOW - 2 * HOUR), 'commit-tree', git(repo, 'rev-parse', 'HEAD^{tree}'), '-p', 'HEAD~2', '-m', 'side');
        gitWith(repo, gitDate(NOW - HOUR), 'merge', '-q', '--no-ff', '-m', 'merge', side);
      }],
      ['git replace (HEAD unchanged)', () => {
        const tree = git(repo, 'rev-parse', `${shas[shas.length - 4]}^{tree}`);
        const parent = git(repo, 'rev-parse', `${shas[shas.length - 4]}^`);
        const other = gitWith(repo, gitDate(NOW - 60 * DAY), 'commit-tree', tree, '-p', parent, '-m', 'replacement');
        git(repo, 'replace', shas[shas.length - 4], other);
      }],
      ['git pack-refs', () => { git(repo, 'pack-refs', '--all'); }],
      ['git config', () => { git(repo, 'config', 'i18n.logOutputEncoding', 'ISO-8859-1'); }],
    ];
    for (const [what, change] of changes) {
      const before = await memoised(repo, memo, runs, NOW);
      change();
      const offline = await withoutGit(() => memoised(repo, memo, runs, NOW));
      assert.ok(offline.problems.some((p) => /git/.test(p)), `${what}: the memo answered`);
      const after = await memoised(repo, memo, runs, NOW);
      assert.deepStrictEqual(after, await uncached(repo, runs, NOW), what);
      if (what !== 'git pack-refs' && what !== 'git config' && what !== 'a new merge on HEAD') { assert.notDeepStrictEqual(after, before, `${what} changes the answer`); }
      assert.deepStrictEqual(await withoutGit(() => memoised(repo, memo, runs, NOW)), after, `${what}: kept again`);
    }
  });

  it('a line of plain commits on top of HEAD steps the memo: git\'s answer for the new HEAD, no git process, and it says so with the new key (14g step 4)', async () => {
    const { repo, memo, runs } = lived();
    const raw = (r: RunRecord[], now = NOW): Promise<GaugeInputs> => gatherGaugeInputs(repo, SIMPLE, r, { now, memoDir: memo });
    await raw(runs);
    const steps: [string, () => string][] = [
      ['one commit', () => commitAt(repo, 'one', NOW - HOUR)],
      ['one dated before its parent (a clock behind), within the bound', () => commitAt(repo, 'behind', NOW - 80 * DAY)],
      ['three commits', () => { commitAt(repo, 'a', NOW - 50 * 60_000); commitAt(repo, 'b', NOW - 40 * 60_000); return commitAt(repo, 'c', NOW - 30 * 60_000); }],
    ];
    let deployed = runs;
    for (const [what, step] of steps) {
      const head = step();
      deployed = [...deployed, { ...deployRun(NOW - 20 * 60_000), sha: head }]; // the run that deployed it claims it
      const got = await withoutGit(() => raw(deployed));
      assert.ok(got.memoAnswered, `${what}: ${JSON.stringify(got.problems)}`);
      assert.strictEqual(got.memoAnswered.key, await gaugeGitKey(repo, SIMPLE), `${what}: the new HEAD's key`);
      assert.deepStrictEqual(answersOnly(got), await uncached(repo, deployed, NOW), what);
      assert.ok(got.commits.some((c) => c.at === Number(git(repo, 'log', '-1', '--format=%ct', head)) * 1000 && c.leadTimeMs !== null), `${what}: delivered`);
    }
    // git's bound is in whole seconds, and a commit at it is listed: stepped.
    const bound = Math.floor((NOW - 90 * DAY - DAY) / 1000) * 1000;
    commitAt(repo, 'at the bound', bound);
    assert.ok((await withoutGit(() => raw(deployed))).memoAnswered, 'a commit dated at the bound');
    // It is the oldest commit listed now: a second later git drops it, and everything below it.
    const later = await withoutGit(() => raw(deployed, NOW + 1000));
    assert.ok(later.problems.some((p) => /git/.test(p)), 'a second later: the bound passed the new commit');
    assert.deepStrictEqual(answersOnly(await raw(deployed, NOW + 1000)), await uncached(repo, deployed, NOW + 1000), 'a second later');
    await raw(deployed);
    // A clock before the memo's (it was read at a later bound): not stepped.
    commitAt(repo, 'on top', NOW - HOUR);
    assert.ok((await withoutGit(() => raw(deployed, NOW - DAY))).problems.some((p) => /git/.test(p)), 'a clock going back');
    assert.deepStrictEqual(answersOnly(await raw(deployed, NOW - DAY)), await uncached(repo, deployed, NOW - DAY), 'a clock going back');
    await raw(deployed);
    // A second before the bound git drops the commit and all below it: git is asked.
    commitAt(repo, 'before the bound', bound - 1000);
    const offline = await withoutGit(() => raw(deployed));
    assert.ok(offline.problems.some((p) => /git/.test(p)), 'a commit older than the bound');
    assert.deepStrictEqual(answersOnly(await raw(deployed)), await uncached(repo, deployed, NOW), 'before the bound');
  });

  it('no step across a commit git would show otherwise, or across a change to anything else in the key', async () => {
    const { repo, memo, runs } = lived();
    await memoised(repo, memo, runs, NOW);
    // A config change with the commit: another key, so git is asked.
    git(repo, 'config', 'i18n.logOutputEncoding', 'ISO-8859-1');
    commitAt(repo, 'after a config change', NOW - HOUR);
    assert.ok((await withoutGit(() => memoised(repo, memo, runs, NOW))).problems.some((p) => /git/.test(p)), 'a config change');
    assert.deepStrictEqual(await memoised(repo, memo, runs, NOW), await uncached(repo, runs, NOW), 'a config change');
    // A replace ref for the next commit, made before it (its id computed in another repository): git shows the replacement.
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
    const head = git(repo, 'rev-parse', 'HEAD');
    const twin = initRepo();
    git(twin, 'fetch', '-q', repo, 'main');
    const next = gitWith(twin, gitDate(NOW - HOUR), 'commit-tree', tree, '-p', head, '-m', 'next');
    const other = gitWith(repo, gitDate(NOW - 30 * DAY), 'commit-tree', tree, '-p', `${head}~5`, '-m', 'what git shows instead');
    git(repo, 'update-ref', `refs/replace/${next}`, other);
    await memoised(repo, memo, runs, NOW);
    assert.strictEqual(gitWith(repo, gitDate(NOW - HOUR), 'commit-tree', tree, '-p', head, '-m', 'next'), next);
    git(repo, 'reset', '-q', '--hard', next);
    assert.ok((await withoutGit(() => memoised(repo, memo, runs, NOW))).problems.some((p) => /git/.test(p)), 'a replaced new commit');
    assert.deepStrictEqual(await memoised(repo, memo, runs, NOW), await uncached(repo, runs, NOW), 'a replaced new commit');
  });

  it('a deployed commit git lost (branch deleted, pruned) and then fetched again counts as soon as it is back, HEAD unchanged', async () => {
    // Two repositories: origin keeps the side branch; the clone loses it and fetches it again (no HEAD move, no keyed file).
    const origin = initRepo();
    for (let d = 20; d >= 10; d--) { commitAt(origin, `m${d}`, NOW - d * DAY); }
    const repo = tempDir();
    git(repo, 'clone', '-q', origin, '.');
    configureRepo(repo);
    git(repo, 'checkout', '-q', '-b', 'side');
    commitAt(repo, 's1', NOW - 8 * DAY);
    const side = commitAt(repo, 's2', NOW - 7 * DAY);
    git(repo, 'push', '-q', 'origin', 'side');
    git(repo, 'checkout', '-q', 'main');
    const runs = [{ ...deployRun(NOW - 6 * DAY), sha: side }];
    const memo = path.join(repo, '.git', 'gearshift');
    const delivered = await memoised(repo, memo, runs, NOW);
    assert.deepStrictEqual(delivered, await uncached(repo, runs, NOW));
    assert.ok(delivered.commits.every((c) => c.leadTimeMs !== null), JSON.stringify(delivered.commits));

    git(repo, 'branch', '-q', '-D', 'side');
    git(repo, 'update-ref', '-d', 'refs/remotes/origin/side');
    git(repo, 'reflog', 'expire', '--expire-unreachable=now', '--all');
    git(repo, 'gc', '-q', '--prune=now');
    assert.throws(() => git(repo, 'cat-file', '-e', side), 'the deployed commit is gone');
    const lost = await memoised(repo, memo, runs, NOW);
    assert.deepStrictEqual(lost, await uncached(repo, runs, NOW), 'lost');
    assert.ok(lost.commits.every((c) => c.leadTimeMs === null), JSON.stringify(lost.commits));
    assert.deepStrictEqual(await memoised(repo, memo, runs, NOW), lost, 'lost, the memo as just written');

    git(repo, 'fetch', '-q', 'origin', 'side');
    assert.deepStrictEqual(await memoised(repo, memo, runs, NOW), delivered, 'fetched again: the memo still said the deploy delivered nothing');
    assert.deepStrictEqual(await withoutGit(() => memoised(repo, memo, runs, NOW)), delivered, 'fetched again: kept');
  });

  it('a redeploy of a commit older than the bound (a quiet repository) lists nothing and is still answered without git', async () => {
    const repo = initRepo();
    for (let d = 200; d >= 120; d -= 10) { commitAt(repo, `c${d}`, NOW - d * DAY); }
    const head = git(repo, 'rev-parse', 'HEAD');
    const runs = [3, 2, 1].map((d) => ({ ...deployRun(NOW - d * DAY), sha: d === 2 ? git(repo, 'rev-parse', 'HEAD~2') : head }));
    const memo = path.join(repo, '.git', 'gearshift');
    const truth = await uncached(repo, runs, NOW);
    assert.deepStrictEqual(await memoised(repo, memo, runs, NOW), truth);
    assert.deepStrictEqual(await withoutGit(() => memoised(repo, memo, runs, NOW + HOUR)), await uncached(repo, runs, NOW + HOUR));
  });

  it('a config that includes other files keeps no memo (an included file is not keyed): every call asks git', async () => {
    const { repo, memo, runs } = lived();
    fs.writeFileSync(path.join(repo, '.git', 'extra.cfg'), '[core]\n\tuseReplaceRefs = true\n');
    git(repo, 'config', 'include.path', 'extra.cfg');
    const answer = await memoised(repo, memo, runs, NOW);
    assert.deepStrictEqual(answer, await uncached(repo, runs, NOW));
    assert.ok(!fs.existsSync(path.join(memo, GAUGE_GIT_FILE)), 'a memo was written');
    const offline = await withoutGit(() => memoised(repo, memo, runs, NOW + 1000));
    assert.ok(offline.problems.some((p) => /git/.test(p)), 'something answered without git');
  });

  it('a damaged, torn, foreign or unwritable memo is ignored and written again', async () => {
    const { repo, memo, runs } = lived();
    const file = path.join(memo, GAUGE_GIT_FILE);
    const truth = await uncached(repo, runs, NOW);
    await memoised(repo, memo, runs, NOW);
    const good = fs.readFileSync(file, 'utf8');
    const tampered = JSON.parse(good) as Record<string, unknown>;
    const damages: [string, string][] = [
      ['garbage', '\u0000\u0001 not json'], ['torn', good.slice(0, good.length >> 1)], ['empty', ''],
      ['foreign JSON', JSON.stringify({ format: 'gauge-git 1', key: 'x', maxAge: 1, oldest: null, log: '', reverts: '', edges: [] })],
      ['a newer format', JSON.stringify({ ...tampered, format: 'gauge-git 999' })],
      ['a wrong field type', JSON.stringify({ ...tampered, maxAge: 'soon' })],
    ];
    for (const [what, text] of damages) {
      fs.writeFileSync(file, text);
      assert.deepStrictEqual(await memoised(repo, memo, runs, NOW), truth, what);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), good, `${what}: written again`);
    }
    fs.rmSync(file);
    fs.mkdirSync(file); // a directory in its place: cannot be written, still answers
    assert.deepStrictEqual(await memoised(repo, memo, runs, NOW), truth);
    assert.deepStrictEqual(fs.readdirSync(memo).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
  });
});
