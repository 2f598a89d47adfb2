import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { readLooseCommitLink } from '../../../src/core/git/tracker/commitLink';
import { cleanupTempDirs, commit, git, gitEnv, gitWith, initRepo } from '../../support/git';

/** A commit object written as raw text (headers `git commit` would never write). */
function rawCommit(repo: string, text: string): string {
  return execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin', '--literally'], { cwd: repo, env: gitEnv(), input: text, encoding: 'utf8' }).trim();
}

/** What the gauge's bounded log says of `sha` (%ct, %P), and its message (%B). */
function fromGit(repo: string, sha: string): unknown {
  const [time, parents] = git(repo, 'log', '-1', '--no-show-signature', '--format=%ct%x09%P', sha, '--').split('\t');
  const message = execFileSync('git', ['log', '-1', '--no-show-signature', '--format=%B', sha, '--'], { cwd: repo, env: gitEnv(), encoding: 'utf8' });
  return { parents: parents ? parents.split(' ') : [], time: Number(time), message: message.slice(0, -1) }; // the format's own newline
}

const commonDir = (repo: string): string => path.join(repo, '.git');

describe('git/commitLink: a new commit\'s parents and committer time from its object file, as the gauge\'s git log says them (14g step 4)', () => {
  after(cleanupTempDirs);

  it('agrees with git on plain commits, offsets, signatures, merges, roots and empty messages', async () => {
    const repo = initRepo();
    const first = commit(repo, 'first');
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
    gitWith(repo, { GIT_COMMITTER_DATE: '1700000000 -0530' }, 'commit', '-q', '--allow-empty', '-m', 'two\n\nThis reverts commit nothing');
    const shas = [
      first,
      git(repo, 'rev-parse', 'HEAD'),
      rawCommit(repo, `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001 -0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n parent ${'0'.repeat(40)}\n -----END PGP SIGNATURE-----\n\nsigned\n`),
      rawCommit(repo, `tree ${tree}\nparent ${first}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000002 +0000\n\nmerge\n`),
      rawCommit(repo, `tree ${tree}\nauthor  <> 1700000000 +0000\ncommitter  <> 0 +0000\n\n`),
      rawCommit(repo, `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C > D <c@x> 1700000003 +0100\n\nno newline at the end`),
    ];
    for (const sha of shas) {
      assert.deepStrictEqual(await readLooseCommitLink(commonDir(repo), sha), fromGit(repo, sha), sha);
    }
  });

  it('leaves to git every layout it does not read as git does: headers out of order or again, odd dates, encodings, packed objects', async () => {
    const repo = initRepo();
    const first = commit(repo, 'first');
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
    const odd = {
      'a parent after the author (git ignores it)': `tree ${tree}\nauthor A <a@x> 1700000000 +0000\nparent ${first}\ncommitter C <c@x> 1700000001 +0000\n\nx\n`,
      'a second committer': `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001 +0000\ncommitter D <d@x> 1800000001 +0000\n\nx\n`,
      'no author (git dates it 0)': `tree ${tree}\nparent ${first}\ncommitter C <c@x> 1700000001 +0000\n\nx\n`,
      'a date with a leading zero': `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 01700000001 +0000\n\nx\n`,
      'a date past any clock': `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 99999999999999999 +0000\n\nx\n`,
      'no time zone': `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001\n\nx\n`,
      'an encoding': `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001 +0000\nencoding ISO-8859-1\n\ncaf\xe9\n`,
      'no blank line': `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001 +0000\n`,
    };
    for (const [what, text] of Object.entries(odd)) {
      assert.strictEqual(await readLooseCommitLink(commonDir(repo), rawCommit(repo, text)), undefined, what);
    }
    assert.strictEqual(await readLooseCommitLink(commonDir(repo), 'f'.repeat(40)), undefined, 'missing');
    git(repo, 'gc', '-q');
    assert.strictEqual(await readLooseCommitLink(commonDir(repo), first), undefined, 'packed');
  });
});
