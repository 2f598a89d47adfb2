import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { classify, parseReflogLine, parseReflogLines, type ReflogEntry } from '../../../src/core/git/tracker/reflogEntry';
import { ReflogReader } from '../../../src/core/git/tracker/reflogReader';
import { plan } from '../../../src/core/git/tracker/planner';
import { cleanupTempDirs, tempDir } from '../../support/git';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);
const Z = '0'.repeat(40);
const line = (old: string, nw: string, msg: string, time = 1700000000): string =>
  `${old} ${nw} Some One <one@example.com> ${time} +0100\t${msg}\n`;
const entry = (old: string, nw: string, message: string): ReflogEntry =>
  ({ old, new: nw, name: 'Some One', email: 'one@example.com', time: 1700000000, message });

describe('tracker: reflog lines', () => {
  after(cleanupTempDirs);

  it('parses a line; a message with tabs and a name with odd characters stay intact', () => {
    assert.deepStrictEqual(parseReflogLine(`${A} ${B} O'Brien $(x) <o@e> 1700000000 -0500\tcommit: a\tb <i>`), {
      old: A, new: B, name: "O'Brien $(x)", email: 'o@e', time: 1700000000, message: 'commit: a\tb <i>',
    });
    assert.strictEqual(parseReflogLine(`${A} ${B} X <x@e> 1700000000 +0000`)?.message, '');
    assert.strictEqual(parseReflogLine('not a reflog line'), undefined);
  });

  it('a line glued onto a fragment (cut mid-line, then appended to by git) is not an entry', () => {
    const whole = line(A, B, 'commit: x').trimEnd();
    assert.strictEqual(parseReflogLine(`${Z} ${'c'.repeat(9)}${whole}`), undefined, '49 digits');
    assert.strictEqual(parseReflogLine(`${Z} ${'c'.repeat(24)}${whole}`), undefined, '64 digits after 40: two lengths');
    assert.strictEqual(parseReflogLine(`${Z} ${whole}`), undefined, 'cut right after the first field: a third id');
    const sha256 = parseReflogLine(`${'a'.repeat(64)} ${'b'.repeat(64)} X <x@e> 1700000000 +0000\tcommit: x`);
    assert.strictEqual(sha256?.new, 'b'.repeat(64), 'a SHA-256 repository');
  });

  it('a line glued onto a message cut short is a second entry; a message that only mentions ids is not split', () => {
    const glued = `${line(A, B, 'commit: first').slice(0, -5)}${line(B, C, 'commit: second').trimEnd()}`;
    assert.deepStrictEqual(parseReflogLines(glued), [entry(A, B, 'commit: f'), entry(B, C, 'commit: second')]);
    const sha256 = (c: string): string => c.repeat(64);
    const glued256 = `${sha256('a')} ${sha256('b')} X <x@e> 1 +0000\tcommit: ab${sha256('b')} ${sha256('c')} X <x@e> 2 +0000\tcommit: c`;
    assert.deepStrictEqual(parseReflogLines(glued256).map((e) => [e.new, e.message]), [[sha256('b'), 'commit: ab'], [sha256('c'), 'commit: c']]);
    const twice = `${line(A, B, 'commit: one').slice(0, -3)}${line(B, C, 'commit: two').slice(0, -3)}${line(C, D, 'commit: three').trimEnd()}`;
    assert.deepStrictEqual(parseReflogLines(twice).map((e) => e.new), [B, C, D], 'cut twice');
    const mentions = line(A, B, `revert: Revert ${C} ${D} and more`).trimEnd();
    assert.deepStrictEqual(parseReflogLines(mentions), [entry(A, B, `revert: Revert ${C} ${D} and more`)]);
    assert.deepStrictEqual(parseReflogLines('not a reflog line'), []);
  });

  it('classifies the messages git writes', () => {
    const cases: [string, string, unknown][] = [
      [A, 'commit: x', { kind: 'single', operation: 'commit' }],
      [Z, 'commit (initial): x', { kind: 'single', operation: 'initial' }],
      [A, 'commit (amend): x', { kind: 'single', operation: 'amend' }],
      [A, 'commit (merge): Merge branch x', { kind: 'range', operation: 'merge' }],
      [A, 'commit (cherry-pick): x', { kind: 'single', operation: 'cherry-pick' }],
      [A, 'cherry-pick: x', { kind: 'single', operation: 'cherry-pick' }],
      [A, 'revert: Revert "x"', { kind: 'single', operation: 'commit' }],
      [A, "merge feat: Merge made by the 'ort' strategy.", { kind: 'range', operation: 'merge' }],
      [A, 'merge feat: Fast-forward', { kind: 'range', operation: 'merge' }],
      [A, 'pull: Fast-forward', { kind: 'range', operation: 'pull' }],
      [A, 'pull -q --no-rebase: Fast-forward', { kind: 'range', operation: 'pull' }],
      [A, 'rebase (start): checkout main', { kind: 'rebase', operation: 'rebase', phase: 'start', returningTo: undefined }],
      [A, 'rebase -i (pick): x', { kind: 'rebase', operation: 'rebase', phase: 'pick', returningTo: undefined }],
      [A, 'rebase (finish): returning to refs/heads/feat/x', { kind: 'rebase', operation: 'rebase', phase: 'finish', returningTo: 'feat/x' }],
      [A, 'pull --rebase (finish): returning to refs/heads/main', { kind: 'rebase', operation: 'pull', phase: 'finish', returningTo: 'main' }],
      [A, 'reset: moving to HEAD~1', { kind: 'reset' }],
      [A, 'checkout: moving from main to feat', { kind: 'checkout', from: 'main', to: 'feat' }],
      [A, 'clone: from /x', { kind: 'other' }],
      [A, '', { kind: 'other' }],
    ];
    for (const [old, message, want] of cases) {
      assert.deepStrictEqual(classify(entry(old, B, message)), want, message);
    }
  });

  it('plans: amend replaces, reset and checkout are moves, a stash (HEAD to itself) is nothing', () => {
    const { steps } = plan({
      entries: [entry(A, B, 'commit: one'), entry(B, C, 'commit (amend): one!'), entry(C, A, 'reset: moving to HEAD~1'),
        entry(A, A, 'reset: moving to HEAD'), entry(A, A, 'checkout: moving from main to other')],
      currentBranch: 'other', branches: new Set(['main', 'other']), rebaseInProgress: false,
    });
    assert.deepStrictEqual(steps, [
      { kind: 'single', operation: 'commit', sha: B, old: A, branch: 'main', replaces: undefined },
      { kind: 'single', operation: 'amend', sha: C, old: B, branch: 'main', replaces: [B] },
      { kind: 'moved', operation: 'reset', from: C, to: A, branch: 'main' },
      { kind: 'moved', operation: 'checkout', from: A, to: A, branch: 'other' },
    ]);
  });

  it('plans a rebase split over two batches as one range from the pre-rebase tip', () => {
    const first = plan({
      entries: [entry(A, B, 'rebase (start): checkout main'), entry(B, C, 'rebase (pick): x')],
      currentBranch: '', rebaseInProgress: true,
    });
    assert.deepStrictEqual(first.steps, []);
    assert.deepStrictEqual(first.pending, { startOld: A });
    const second = plan({
      entries: [entry(C, D, 'commit (amend): edited during the rebase'), entry(D, D, 'rebase (finish): returning to refs/heads/feat')],
      pending: first.pending, currentBranch: 'feat', rebaseInProgress: false,
    });
    assert.deepStrictEqual(second.steps, [{ kind: 'range', operation: 'rebase', from: A, to: D, branch: 'feat', rewritten: true }]);
    assert.strictEqual(second.pending, undefined);
  });

  it('a checkout from a detached sha is not taken for a branch', () => {
    const { steps } = plan({
      entries: [entry(A, B, 'commit: detached work'), entry(B, C, `checkout: moving from ${B} to main`)],
      currentBranch: 'main', branches: new Set(['main']), rebaseInProgress: false,
    });
    assert.strictEqual(steps[0].branch, '');
  });

  it('reads only what was appended, keeps a half-written line, and reseeds after a rewrite', async () => {
    const file = path.join(tempDir(), 'HEAD');
    fs.writeFileSync(file, line(Z, A, 'commit (initial): a'));
    const reader = new ReflogReader(file);
    assert.strictEqual(await reader.seedAtEnd(), true);
    assert.deepStrictEqual(await reader.read(), { kind: 'entries', entries: [] });

    fs.appendFileSync(file, line(A, B, 'commit: b') + line(B, C, 'commit: c').slice(0, 50));
    const got = await reader.read();
    assert.deepStrictEqual(got.kind === 'entries' && got.entries.map((e) => e.message), ['commit: b']);
    fs.appendFileSync(file, line(B, C, 'commit: c').slice(50));
    const rest = await reader.read();
    assert.deepStrictEqual(rest.kind === 'entries' && rest.entries.map((e) => e.message), ['commit: c']);

    // Same length but other bytes before our offset: a rewrite, not an append.
    fs.writeFileSync(file, line(Z, D, 'commit (initial): d') + line(D, C, 'commit: x') + line(C, B, 'commit: y'));
    assert.deepStrictEqual(await reader.read(), { kind: 'rewritten' });
    fs.appendFileSync(file, line(B, A, 'commit: after'));
    const after = await reader.read();
    assert.deepStrictEqual(after.kind === 'entries' && after.entries.map((e) => e.message), ['commit: after']);

    fs.writeFileSync(file, ''); // truncated
    assert.deepStrictEqual(await reader.read(), { kind: 'rewritten' });
    fs.rmSync(file);
    assert.deepStrictEqual(await reader.read(), { kind: 'missing' });
    fs.writeFileSync(file, line(Z, A, 'commit (initial): new file'));
    const fresh = await reader.read();
    assert.deepStrictEqual(fresh.kind === 'entries' && fresh.entries.map((e) => e.message), ['commit (initial): new file']);
  });
});
