import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { commitDetails, gitAt, parseCommits } from '../../../src/core/git/tracker/gitQueries';
import { readLooseCommit } from '../../../src/core/git/tracker/looseCommit';
import { cleanupTempDirs, commit, git, gitEnv, gitWith, initRepo } from '../../support/git';

/** What the tracker asked git before (the same format and options as commitDetails). */
function fromGit(repo: string, sha: string): unknown {
  const out = git(repo, 'log', '-z', '--no-show-signature', '--encoding=UTF-8', '--format=%H%x00%P%x00%an%x00%ae%x00%cI%x00%s', '--no-walk=unsorted', sha, '--');
  return parseCommits(out)[0];
}

/** A commit object written as raw text (odd messages and headers `git commit` would tidy away). */
function rawCommit(repo: string, text: string): string {
  return execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin', '--literally'], { cwd: repo, env: gitEnv(), input: text, encoding: 'utf8' }).trim();
}

function commitWith(repo: string, env: NodeJS.ProcessEnv, message: string, ...extra: string[]): string {
  gitWith(repo, env, 'commit', '--allow-empty', '-q', '-m', message, ...extra);
  return git(repo, 'rev-parse', 'HEAD');
}

const commonDir = (repo: string): string => path.join(repo, '.git');

describe('git/looseCommit: a new commit read from its object file, as git log would say it', () => {
  after(cleanupTempDirs);

  it('agrees with git on subjects, offsets, merges, names and signatures', async () => {
    const repo = initRepo();
    const first = commit(repo, 'first');
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
    const shas = [
      first,
      commitWith(repo, { GIT_COMMITTER_DATE: '1700000000 -0530', GIT_AUTHOR_NAME: 'Zoë Ünïcødé' }, 'two\nlines in one paragraph  \n\nbody', '--cleanup=verbatim'),
      commitWith(repo, { GIT_COMMITTER_DATE: '1700000000 +1345' }, 'far east'),
      rawCommit(repo, `tree ${tree}\nparent ${first}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001 -0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\n\n\n  leading blank lines\t\nsecond\n\nbody\n`),
      rawCommit(repo, `tree ${tree}\nauthor  <> 1700000000 +0000\ncommitter C <c@x> 1700000001 +0000\n\n`),
      rawCommit(repo, `tree ${tree}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001 +0000\n\nno newline at the end`),
    ];
    for (const sha of shas) {
      assert.deepStrictEqual(await readLooseCommit(commonDir(repo), sha), fromGit(repo, sha), sha);
    }
  });

  it('leaves to git what it cannot answer alike: encodings, packed objects, replace refs, shallow repositories', async () => {
    const repo = initRepo();
    const first = commit(repo, 'first');
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
    const latin = rawCommit(repo, `tree ${tree}\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001 +0000\nencoding ISO-8859-1\n\ncaf\xe9\n`);
    assert.strictEqual(await readLooseCommit(commonDir(repo), latin), undefined);
    assert.strictEqual(await readLooseCommit(commonDir(repo), 'f'.repeat(40)), undefined);
    assert.strictEqual(await readLooseCommit(commonDir(repo), '../../etc'), undefined);
    const second = commit(repo, 'second');
    assert.ok(await readLooseCommit(commonDir(repo), second));
    const replaced = initRepo();
    const [a, b] = [commit(replaced, 'a'), commit(replaced, 'b')];
    git(replaced, 'replace', b, a);
    assert.strictEqual(await readLooseCommit(commonDir(replaced), b), undefined, 'git log shows the replacement');
    git(repo, 'gc', '-q');
    assert.strictEqual(await readLooseCommit(commonDir(repo), second), undefined, 'packed');
    // commitDetails still answers every sha, from git for those the files cannot give.
    const details = await commitDetails(gitAt(repo), [first, second, latin], commonDir(repo));
    assert.deepStrictEqual([first, second, latin].map((s) => details.get(s)), [first, second, latin].map((s) => fromGit(repo, s)));
  });
});
