/**
 * git/metrics streamGit (through runGit): a long log arrives in pieces, whole, in order and
 * with whole characters (a subject's UTF-8 cut between pieces); a parser that throws ends the
 * call with its error, never the process; git's own failure is its stderr. Real git, a real
 * repository.
 */
import * as assert from 'node:assert/strict';
import { runGit, streamGit } from '../../../src/core/git';
import { cleanupTempDirs, commitFile, initRepo } from '../../support/git';

describe('git/streamGit: a git command\'s stdout as it arrives', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it('hands over the whole output in several pieces (the same text as one runGit), and a throwing parser rejects the call instead of crashing', async () => {
    const repo = initRepo();
    // A subject of ≈ 120 KB of two-byte characters (an argument holds 128 KiB at most): many pipe reads, some cut inside a character.
    commitFile(repo, 'a.txt', 'a\n', `Über ${'é'.repeat(60_000)} end`);
    for (let i = 0; i < 5; i++) { commitFile(repo, `f${i}.txt`, `${i}\n`, `commit ${i}`); }
    const args = ['log', '--no-show-signature', '--format=%H %P %ct %s', '--end-of-options', 'HEAD', '--'];
    const pieces: string[] = [];
    await streamGit(repo, args, (text) => pieces.push(text));
    assert.ok(pieces.length > 1, `${pieces.length} piece(s)`);
    const whole = await runGit(repo, args);
    assert.ok(!whole.includes('\uFFFD'));
    assert.equal(pieces.join(''), whole);
    assert.equal(pieces.join('').split('\n').filter(Boolean).length, 6);
    let calls = 0;
    await assert.rejects(streamGit(repo, args, () => { calls++; throw new Error('parser gave up'); }), /parser gave up/);
    assert.equal(calls, 1, 'nothing reaches the parser after it threw');
    await assert.rejects(streamGit(repo, ['log', '--end-of-options', 'no-such-rev', '--'], () => undefined), /no-such-rev|unknown revision|bad revision/);
  });

  it('a folder that does not exist is named as missing, not reported as "spawn git ENOENT" (git is installed)', async () => {
    const missing = `${initRepo()}-gone`;
    await assert.rejects(runGit(missing, ['log']), (e: NodeJS.ErrnoException) => e.message === `${missing}: no such folder` && e.code === 'ENOENT');
  });
});
