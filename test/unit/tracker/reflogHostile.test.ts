/**
 * A commit subject is the committer's to write: one that spells out a reflog header (ids, name,
 * email, time, zone) must not be taken for a second entry glued onto a cut line (review33 L3).
 * Real git writes the reflog here; the hand-made lines only add the cut git cannot be made to do.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseReflogLines } from '../../../src/core/git/tracker/reflogEntry';
import { ReflogReader } from '../../../src/core/git/tracker/reflogReader';
import { cleanupTempDirs, commit, git, gitWith, initRepo } from '../../support/git';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);
const E = 'e'.repeat(40);
const FAKE = `${C} ${D} Eve <eve@example.com> 1700000000 +0000`;

async function entriesOf(repo: string): Promise<Array<{ new: string; message: string }>> {
  const reader = new ReflogReader(path.join(repo, '.git', 'logs', 'HEAD'));
  reader.seedAtStart();
  const read = await reader.read();
  assert.strictEqual(read.kind, 'entries');
  return read.kind === 'entries' ? read.entries.map((e) => ({ new: e.new, message: e.message })) : [];
}

describe('tracker: a hostile commit subject in the reflog', () => {
  after(cleanupTempDirs);

  it('a subject that ends in a header, or spells one before a TAB, stays one entry (real git)', async () => {
    const repo = initRepo();
    const first = commit(repo, 'first');
    const endsInHeader = commit(repo, `fix ${FAKE}`);
    const tabbed = commit(repo, `fix ${FAKE}\tcommit: evil`);
    const multiLine = commit(repo, `fix ${FAKE}\n${FAKE}\tcommit: evil`);
    const raw = fs.readFileSync(path.join(repo, '.git', 'logs', 'HEAD'), 'utf8');
    assert.deepStrictEqual(raw.split('\n').filter(Boolean).map((l) => l.split('\t').length), [2, 2, 2, 2],
      'git writes one line, with one TAB, per entry: a TAB in a subject becomes a space, a second line is left out');
    assert.deepStrictEqual(await entriesOf(repo), [
      { new: first, message: 'commit (initial): first' },
      { new: endsInHeader, message: `commit: fix ${FAKE}` },
      { new: tabbed, message: `commit: fix ${FAKE} commit: evil` },
      { new: multiLine, message: `commit: fix ${FAKE}` },
    ]);
  });

  it('a name with a TAB in it (git keeps it) does not lose the entry', async () => {
    const repo = initRepo();
    gitWith(repo, { GIT_COMMITTER_NAME: 'Tab\tBed' }, 'commit', '-q', '--allow-empty', '-m', 'tabbed name');
    assert.deepStrictEqual(await entriesOf(repo), [{ new: git(repo, 'rev-parse', 'HEAD'), message: 'commit (initial): tabbed name' }]);
  });

  it('a cut line whose fragment spells a header still splits at the real glued header only', () => {
    const cut = `${A} ${B} Some One <one@example.com> 1700000000 +0100\tcommit: fix ${FAKE} and mo`;
    const glued = `${cut}${B} ${E} Some One <one@example.com> 1700000001 +0100\tcommit: next`;
    assert.deepStrictEqual(parseReflogLines(glued).map((e) => [e.old, e.new, e.message]), [
      [A, B, `commit: fix ${FAKE} and mo`],
      [B, E, 'commit: next'],
    ]);
  });
});
