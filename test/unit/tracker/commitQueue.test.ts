import * as assert from 'assert';
import { CommitQueue } from '../../../src/core/git/tracker/commitQueue';
import { branchFilter, matchesGlob } from '../../../src/core/git/tracker/glob';
import type { CommitInfo } from '../../../src/core/git/tracker/types';

const c = (sha: string, branch = 'main', parents: string[] = []): CommitInfo =>
  ({ sha, parents, branch, author: 'A', time: '2024-01-01T00:00:00Z', subject: sha });
/** A line of commits, each the parent of the next (the first's parent given). */
const line = (shas: string[], parent = 'root', branch = 'main'): CommitInfo[] =>
  shas.map((sha, i) => c(sha, branch, [i === 0 ? parent : shas[i - 1]]));

describe('tracker: branch globs', () => {
  it('* stays in a segment, ** crosses, ? is one character, the rest is literal', () => {
    const yes: [string, string][] = [
      ['main', 'main'], ['release/*', 'release/1.2'], ['*', 'main'], ['feat/**', 'feat/a/b/c'], ['**', 'a/b'],
      ['**/main', 'main'], ['**/main', 'team/x/main'], ['v?.x', 'v1.x'], ['a.b+c', 'a.b+c'], ['it\'s-$(x)', 'it\'s-$(x)'],
      ['release/*/hotfix', 'release/2/hotfix'],
    ];
    const no: [string, string][] = [
      ['main', 'main2'], ['release/*', 'release/1.2/hotfix'], ['*', 'feat/x'], ['release/*', 'release'],
      ['a.b', 'axb'], ['v?.x', 'v10.x'], ['?', '/'], ['**', ''], ['*', ''], ['feat/**', 'feature'],
    ];
    for (const [glob, branch] of yes) { assert.ok(matchesGlob(branch, glob), `${glob} ~ ${branch}`); }
    for (const [glob, branch] of no) { assert.ok(!matchesGlob(branch, glob), `${glob} !~ ${branch}`); }
  });

  it('no branches key: everything matches, detached too; a list: any glob', () => {
    assert.ok(branchFilter(undefined)(''));
    const f = branchFilter(['main', 'release/*']);
    assert.deepStrictEqual(['main', 'release/1', 'dev', ''].map(f), [true, true, false, false]);
  });
});

describe('tracker: commit queue', () => {
  it('latest: at most one active and one queued; skipped commits are covered by the run that runs', () => {
    const q = new CommitQueue({ policy: 'latest' });
    q.add(line(['a']));
    assert.deepStrictEqual(q.take(), { sha: 'a', branch: 'main', covers: ['a'] });
    assert.strictEqual(q.take(), undefined, 'busy');
    q.add(line(['b'], 'a'));
    q.add(line(['c', 'd'], 'b'));
    assert.deepStrictEqual(q.queued(), [{ sha: 'd', branch: 'main', covers: ['b', 'c', 'd'] }]);
    assert.strictEqual(q.active()?.sha, 'a');
    q.ended('a');
    const next = q.take();
    assert.deepStrictEqual(next, { sha: 'd', branch: 'main', covers: ['b', 'c', 'd'] });
    assert.deepStrictEqual(q.covers('d'), ['b', 'c', 'd']);
    assert.strictEqual(q.runFor('b'), 'd');
    q.ended('d');
    assert.strictEqual(q.take(), undefined);
  });

  it('all: each commit in order', () => {
    const q = new CommitQueue({ policy: 'all' });
    q.add([c('a'), c('b')]);
    q.add([c('c')]);
    const order: string[] = [];
    for (let run = q.take(); run; run = q.take()) {
      order.push(run.sha);
      assert.deepStrictEqual(run.covers, [run.sha]);
      q.ended(run.sha);
    }
    assert.deepStrictEqual(order, ['a', 'b', 'c']);
  });

  it('never runs a sha twice: repeats, commits back after a reset, manual runs', () => {
    const q = new CommitQueue();
    q.add([c('a')]);
    q.ended(q.take()?.sha ?? '');
    q.add([c('a')]); // reset away and pulled back
    assert.strictEqual(q.take(), undefined);
    q.add([c('b')]);
    q.started('b'); // run by hand before the trigger got to it
    q.ended('b');
    assert.strictEqual(q.take(), undefined);
    q.started('x');
    q.add([c('x')]);
    q.ended('x');
    assert.strictEqual(q.take(), undefined);
  });

  it('an amend during a run: the amended commit never runs, its replacement does', () => {
    const q = new CommitQueue({ policy: 'latest' });
    q.add(line(['a']));
    q.take();
    q.add(line(['b'], 'a'));
    q.add(line(['c'], 'b'));
    q.add([c('c2', 'main', ['b'])], ['c']); // amend of the waiting commit
    assert.deepStrictEqual(q.queued(), [{ sha: 'c2', branch: 'main', covers: ['b', 'c2'] }]);
    q.add([c('a2', 'main', ['root'])], ['a']); // amend of the running commit: it keeps running, a2 waits on its own line
    q.ended('a');
    assert.deepStrictEqual(q.take(), { sha: 'c2', branch: 'main', covers: ['b', 'c2'] });
    q.ended('c2');
    assert.deepStrictEqual(q.take(), { sha: 'a2', branch: 'main', covers: ['a2'] });
  });

  it('a rewrite that drops the waiting commit moves the run back to one that still exists', () => {
    const q = new CommitQueue({ policy: 'latest' });
    q.add(line(['a']));
    q.take();
    q.add(line(['b', 'c'], 'a'));
    q.add([], ['c']);
    assert.deepStrictEqual(q.queued(), [{ sha: 'b', branch: 'main', covers: ['b'] }]);
    q.add([], ['b']);
    assert.deepStrictEqual(q.queued(), []);
    const all = new CommitQueue({ policy: 'all' });
    all.add([c('x'), c('y')]);
    all.add([c('y2')], ['y']);
    assert.deepStrictEqual(all.queued().map((r) => r.sha), ['x', 'y2']);
  });

  it('latest covers ancestors only: another line waits on its own; a merge joins the lines it merges', () => {
    const q = new CommitQueue({ policy: 'latest' });
    q.add(line(['first']));
    q.take();
    q.add(line(['a1', 'a2'], 'first'));
    q.add(line(['b1'], 'first', 'feat'));
    assert.deepStrictEqual(q.queued(), [
      { sha: 'a2', branch: 'main', covers: ['a1', 'a2'] },
      { sha: 'b1', branch: 'feat', covers: ['b1'] },
    ]);
    q.add([c('m', 'main', ['a2', 'b1'])]);
    assert.deepStrictEqual(q.queued(), [{ sha: 'm', branch: 'main', covers: ['a1', 'a2', 'b1', 'm'] }]);
  });

  it('a commit whose parents were never seen covers nothing it cannot prove', () => {
    const q = new CommitQueue({ policy: 'latest' });
    q.add(line(['first']));
    q.take();
    q.add(line(['a'], 'first'));
    q.add([c('x', 'main', ['unknown'])]);
    assert.deepStrictEqual(q.queued().map((p) => p.covers), [['a'], ['x']]);
  });

  it('a reset drops the waiting commits of that branch it left behind, and only those', () => {
    const q = new CommitQueue({ policy: 'latest' });
    q.add(line(['r1']));
    q.take();
    q.add(line(['a', 'b'], 'r1'));
    q.add(line(['f'], 'r1', 'feat'));
    q.resetTo('a', 'main'); // back one: b left main, a stays
    assert.deepStrictEqual(q.queued(), [{ sha: 'a', branch: 'main', covers: ['a'] }, { sha: 'f', branch: 'feat', covers: ['f'] }]);
    q.resetTo('r1', 'main');
    assert.deepStrictEqual(q.queued().map((p) => p.sha), ['f']);
    q.resetTo('elsewhere', 'feat'); // ancestry unknown: nothing dropped
    assert.deepStrictEqual(q.queued().map((p) => p.sha), ['f']);
    q.resetTo('b', 'main'); // reset back: a and b are on main again and wait
    assert.deepStrictEqual(q.queued(), [{ sha: 'f', branch: 'feat', covers: ['f'] }, { sha: 'b', branch: 'main', covers: ['a', 'b'] }]);
  });

  it('a reset-away commit merged back (news again) is queued again', () => {
    const q = new CommitQueue({ policy: 'latest' });
    q.add(line(['r1']));
    q.take();
    q.add(line(['a'], 'r1'));
    q.resetTo('r1', 'main');
    assert.deepStrictEqual(q.queued(), []);
    q.add(line(['a'], 'r1'));
    assert.deepStrictEqual(q.queued(), [{ sha: 'a', branch: 'main', covers: ['a'] }]);
  });

  it('ancestry: answers stay right when kept (many commits on two lines, asked in any order)', () => {
    const q = new CommitQueue({ policy: 'latest' });
    const main = line(Array.from({ length: 300 }, (_, i) => `m${i}`), 'root');
    const feat = line(Array.from({ length: 300 }, (_, i) => `f${i}`), 'm10', 'feat');
    q.learn([...main, ...feat]);
    for (let i = 299; i >= 0; i -= 7) {
      assert.strictEqual(q.descends(`f${i}`, 'm10'), true);
      assert.strictEqual(q.descends(`f${i}`, 'm11'), false);
      assert.strictEqual(q.descends(`m${i}`, 'm10'), i > 10);
      assert.strictEqual(q.descends(`m${i}`, 'f0'), false);
    }
  });

  it('branch filter: only matching branches are queued; detached never under a glob', () => {
    const q = new CommitQueue({ branches: ['main', 'release/*'] });
    q.add([c('f', 'feat/x'), c('d', ''), c('r', 'release/2')]);
    assert.deepStrictEqual(q.take()?.covers, ['r']);
  });
});
