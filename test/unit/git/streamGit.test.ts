/**
 * git/metrics streamGit (through runGit): a long log arrives in pieces, whole and in order; a
 * parser that throws ends the call with its error (git stopped), never the process; git's own
 * failure is its stderr. Real git, a real repository.
 */
import * as assert from 'node:assert/strict';
import { runGit, streamGit } from '../../../src/core/git';
import { cleanupTempDirs, commitFile, initRepo } from '../../support/git';

describe('git/streamGit: a git command\'s stdout as it arrives', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it('hands over the whole output in pieces (the same text as one runGit), and a throwing parser rejects the call instead of crashing', async () => {
    const repo = initRepo();
    for (let i = 0; i < 40; i++) { commitFile(repo, `f${i}.txt`, `${i}\n`, `commit ${i}`); }
    const args = ['log', '--no-show-signature', '--format=%H %P %ct', '--end-of-options', 'HEAD', '--'];
    const pieces: string[] = [];
    await streamGit(repo, args, (text) => pieces.push(text));
    assert.equal(pieces.join(''), await runGit(repo, args));
    assert.equal(pieces.join('').split('\n').filter(Boolean).length, 40);
    await assert.rejects(streamGit(repo, args, () => { throw new Error('parser gave up'); }), /parser gave up/);
    await assert.rejects(streamGit(repo, ['log', '--end-of-options', 'no-such-rev', '--'], () => undefined), /no-such-rev|unknown revision|bad revision/);
  });
});
