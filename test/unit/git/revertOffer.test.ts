import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { revertCommit } from '../../../src/core/git/revert';
import { revertOffer } from '../../../src/core/git/revertOffer';
import { cleanupTempDirs, commitFile, git, initRepo } from '../../support/git';

describe('Revert Last Commit…: which commit it offers, decided before asking', () => {
  after(cleanupTempDirs);

  it('red at an older commit with a harmless one on top: offers the culprit and says HEAD is a later commit', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const culprit = commitFile(repo, 'a.txt', 'broken\n', 'break: tests');
    const head = commitFile(repo, 'README', 'typo\n', 'docs: unrelated typo fix');
    const offer = await revertOffer(repo, { sha: culprit, cause: 'Unit Tests failed' });
    assert.ok(offer.ok, JSON.stringify(offer));
    assert.strictEqual(offer.plan.sha, culprit);
    assert.strictEqual(offer.question, `Revert ${culprit.slice(0, 8)} "break: tests"?`);
    assert.match(offer.detail, new RegExp(`^The pipeline went red at ${culprit.slice(0, 8)} \\(Unit Tests failed\\); HEAD is ${head.slice(0, 8)}, a later commit`));
    assert.doesNotMatch(offer.detail, /this very commit/);
  });

  it('red at HEAD: offers HEAD and says it went red there', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const head = commitFile(repo, 'a.txt', 'broken\n', 'break');
    const offer = await revertOffer(repo, { sha: head, cause: 'Unit Tests failed' });
    assert.ok(offer.ok);
    assert.strictEqual(offer.plan.sha, head);
    assert.match(offer.detail, /^The pipeline went red at this commit \(Unit Tests failed\)\./);
  });

  it('a merge at HEAD: the question names the merge and its commits; only untracked files: still offered', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'base\n', 'base');
    const main = git(repo, 'rev-parse', '--abbrev-ref', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'side');
    commitFile(repo, 'b.txt', 'one\n', 'side one');
    git(repo, 'checkout', '-q', main);
    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'side');
    fs.writeFileSync(path.join(repo, '.env'), 'x\n');
    const offer = await revertOffer(repo, undefined);
    assert.ok(offer.ok, JSON.stringify(offer));
    assert.match(offer.detail, /It is a merge: this reverts the merge of side: 1 commit \(against its first parent, git revert -m 1\)\./);
  });

  it('a tracked edit: refused instead of asked', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'one\n', 'one');
    const head = commitFile(repo, 'a.txt', 'two\n', 'two');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'mine\n');
    const offer = await revertOffer(repo, { sha: head });
    assert.ok(!offer.ok);
    assert.match(offer.message, /uncommitted changes to tracked files \(a\.txt\)/);
  });

  it('red at a commit on another branch: refused, naming it, and HEAD is not offered in its place', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const main = git(repo, 'rev-parse', '--abbrev-ref', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'feature');
    const culprit = commitFile(repo, 'a.txt', 'broken\n', 'break: tests');
    git(repo, 'checkout', '-q', main);
    const head = commitFile(repo, 'README', 'unrelated\n', 'docs: unrelated');
    const offer = await revertOffer(repo, { sha: culprit, cause: 'Unit Tests failed' });
    assert.ok(!offer.ok, `HEAD must not be offered for a red on another branch: ${JSON.stringify(offer)}`);
    assert.strictEqual(offer.message,
      `the pipeline went red at ${culprit.slice(0, 8)} (Unit Tests failed), which is not in the history of HEAD ${head.slice(0, 8)} ` +
      '(another branch, or rewritten): reverting HEAD would not undo it; check out the branch that has it to revert it there');
  });

  it('red at an older commit and a tracked edit: refused for the edit, not offered HEAD', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const culprit = commitFile(repo, 'a.txt', 'broken\n', 'break');
    commitFile(repo, 'README', 'x\n', 'docs');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'mine\n');
    const offer = await revertOffer(repo, { sha: culprit });
    assert.ok(!offer.ok);
    assert.match(offer.message, /uncommitted changes to tracked files \(a\.txt\)/);
  });

  it('red at a commit already reverted after it (walk30 M2): no second offer; it names the revert to run', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const culprit = commitFile(repo, 'a.txt', 'broken\n', 'refactor add');
    const reverted = await revertCommit(repo, culprit);
    assert.ok(reverted.ok, JSON.stringify(reverted));
    const offer = await revertOffer(repo, { sha: culprit, cause: 'Unit Tests failed' });
    assert.ok(!offer.ok, `offered to revert ${culprit.slice(0, 8)} again: ${JSON.stringify(offer)}`);
    assert.strictEqual(offer.revertedBy, reverted.sha);
    assert.strictEqual(offer.message, `${culprit.slice(0, 8)} is already reverted by ${reverted.sha.slice(0, 8)}: run the pipeline on ${reverted.sha.slice(0, 8)} to end the red`);
  });

  it('a revert that was itself reverted (the commit is back): the commit is offered again', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const culprit = commitFile(repo, 'a.txt', 'broken\n', 'break');
    const first = await revertCommit(repo, culprit);
    assert.ok(first.ok);
    const back = await revertCommit(repo, first.sha);
    assert.ok(back.ok);
    const offer = await revertOffer(repo, { sha: culprit });
    assert.ok(offer.ok, JSON.stringify(offer));
    assert.strictEqual(offer.plan.sha, culprit);
  });

});
