import * as assert from 'assert';
import { cleanupTempDirs, commit, commitFile, git, gitWith, initRepo } from '../../support/git';
import { classify, isStageEntry, type ReflogEntry } from '../../../src/core/git/tracker/reflogEntry';
import { STAGE_REFLOG_ACTION } from '../../../src/core/pipeline';
import { disposeTrackers, startTracker, type Of } from './trackerFixture';

/** What a stage's git runs with (pipeline/env.ts): git writes the mark where it names the command. */
const STAGE = { GIT_REFLOG_ACTION: STAGE_REFLOG_ACTION };
const stageGit = (repo: string, ...args: string[]): string => gitWith(repo, STAGE, ...args);
const stageCommit = (repo: string, message: string, ...extra: string[]): string => {
  stageGit(repo, 'commit', '-q', '--allow-empty', '-m', message, ...extra);
  return git(repo, 'rev-parse', 'HEAD');
};
const isMove = (e: { type: string }): e is Of<'headMoved'> => e.type === 'headMoved';
const lastLine = (repo: string): string => git(repo, 'reflog', '-1', '--format=%gs');

describe('tracker: what a stage does in the repository (GIT_REFLOG_ACTION=gearshift-stage, real git)', () => {
  afterEach(disposeTrackers);
  after(cleanupTempDirs);

  it('reads the lines git writes with the mark: a phase is a rebase, the bare mark a checkout, the rest told by ancestry', () => {
    const entry = (message: string, old = 'a'.repeat(40)): ReflogEntry => ({ old, new: 'b'.repeat(40), name: 'n', email: 'e', time: 1, message });
    assert.deepStrictEqual(classify(entry('gearshift-stage: chore: bump')), { kind: 'stage' });
    assert.deepStrictEqual(classify(entry('gearshift-stage: init', '0'.repeat(40))), { kind: 'single', operation: 'initial' });
    assert.deepStrictEqual(classify(entry('gearshift-stage')), { kind: 'checkout', from: '', to: '' });
    assert.deepStrictEqual(classify(entry('gearshift-stage (start): checkout main')), { kind: 'rebase', operation: 'rebase', phase: 'start', returningTo: undefined });
    assert.deepStrictEqual(classify(entry('gearshift-stage (finish): returning to refs/heads/feat')), { kind: 'rebase', operation: 'rebase', phase: 'finish', returningTo: 'feat' });
    assert.strictEqual(isStageEntry(entry('gearshift-stages: x')), false, 'another tool\'s action is not the mark');
    assert.strictEqual(isStageEntry(entry('commit: gearshift-stage: x')), false, 'a person\'s subject is not the mark');
  });

  it('commit: the stage\'s commit is news like any, marked byStage; a person\'s is not', async () => {
    const repo = initRepo();
    const base = commit(repo, 'base');
    const { log } = await startTracker(repo);
    const bump = stageCommit(repo, 'chore: bump');
    assert.strictEqual(lastLine(repo), 'gearshift-stage: chore: bump', 'what git 2.39 writes');
    const e = await log.commits(bump);
    assert.strictEqual(e.operation, 'commit');
    assert.deepStrictEqual(e.commits.map((c) => [c.sha, c.parents, c.branch, c.byStage]), [[bump, [base], 'main', true]]);
    const mine = commit(repo, 'a person\'s');
    const p = await log.commits(mine);
    assert.strictEqual(p.commits[0].byStage, undefined);
  });

  it('amend by a stage: still an amend, the new commit replaces the old one', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    const { tracker, log } = await startTracker(repo);
    const first = commit(repo, 'typo');
    await log.commits(first);
    const amended = stageCommit(repo, 'fixed', '--amend');
    assert.strictEqual(lastLine(repo), 'gearshift-stage: fixed', 'git 2.39 drops "(amend)" when GIT_REFLOG_ACTION is set');
    const e = await log.commits(amended);
    assert.strictEqual(e.operation, 'amend');
    assert.deepStrictEqual(e.replaces, [first]);
    assert.strictEqual(e.commits[0].byStage, true);
    assert.strictEqual(tracker.tracked().find((t) => t.sha === first)?.state, 'replaced');
  });

  it('merge --no-ff by a stage: the merged commits and the merge, parents first, all marked', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feat');
    const f1 = commit(repo, 'f1');
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'm1');
    const { log } = await startTracker(repo);
    stageGit(repo, 'merge', '-q', '--no-ff', 'feat', '-m', 'Merge feat');
    const merge = git(repo, 'rev-parse', 'HEAD');
    assert.strictEqual(lastLine(repo), 'gearshift-stage: Merge made by the \'ort\' strategy.');
    const e = await log.commits(merge);
    assert.deepStrictEqual(e.commits.map((c) => c.sha), [f1, merge]);
    assert.ok(e.commits.every((c) => c.byStage === true && c.branch === 'main'));
  });

  it('rebase by a stage: reported once when it finishes, the originals replaced, on its branch', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feat');
    const old1 = commitFile(repo, 'f1.txt', '1\n', 'feat 1');
    git(repo, 'checkout', '-q', 'main');
    commitFile(repo, 'm.txt', 'm\n', 'main moved');
    git(repo, 'checkout', '-q', 'feat');
    const { log } = await startTracker(repo);
    stageGit(repo, 'rebase', '-q', 'main');
    const tip = git(repo, 'rev-parse', 'HEAD');
    assert.strictEqual(lastLine(repo), 'gearshift-stage (finish): returning to refs/heads/feat');
    const e = await log.commits(tip);
    assert.strictEqual(e.operation, 'rebase');
    assert.strictEqual(e.branch, 'feat');
    assert.deepStrictEqual(e.replaces, [old1]);
    assert.ok(e.commits.every((c) => c.byStage === true));
    assert.strictEqual(log.of('newCommits').length, 1, 'no event per pick');
  });

  it('checkout and reset --hard by a stage: moves, no new commits', async () => {
    const repo = initRepo();
    const base = commit(repo, 'base');
    git(repo, 'branch', 'other');
    const top = commit(repo, 'top');
    const { log } = await startTracker(repo);
    stageGit(repo, 'checkout', '-q', 'other');
    assert.strictEqual(lastLine(repo), 'gearshift-stage', 'git writes the bare mark for a checkout');
    const moved = await log.waitFor((e): e is Of<'headMoved'> => isMove(e) && e.to === base);
    assert.deepStrictEqual([moved.operation, moved.from, moved.branch], ['checkout', top, 'other']);
    stageGit(repo, 'checkout', '-q', 'main');
    await log.waitFor((e): e is Of<'headMoved'> => isMove(e) && e.to === top && e.branch === 'main');
    stageGit(repo, 'reset', '-q', '--hard', 'HEAD~1');
    assert.strictEqual(lastLine(repo), 'gearshift-stage: updating HEAD');
    const reset = await log.waitFor((e): e is Of<'headMoved'> => isMove(e) && e.operation === 'reset');
    assert.deepStrictEqual([reset.from, reset.to, reset.branch], [top, base, 'main']);
    assert.strictEqual(log.of('newCommits').length, 0);
  });
});
