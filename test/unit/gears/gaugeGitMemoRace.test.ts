import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { gatherGaugeInputs } from '../../../src/core/gears/gaugeInputs';
import { cleanupTempDirs, commitAt, git, initRepo, tempDir } from '../../support/git';
import { DAY, deployRun, HOUR, NOW, SIMPLE } from './helpers';

/** The git on PATH, so the wrapper below can hand every call on to it. */
function realGit(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, 'git');
    try { fs.accessSync(file, fs.constants.X_OK); return file; } catch { /* next */ }
  }
  throw new Error('git is not on PATH');
}

/**
 * A git on PATH that, the first time it is asked for the reverts' log, first commits a revert
 * (another process committing while the gauge reads): HEAD moves in the middle of one call.
 */
function gitThatCommitsDuringTheRevertLog(revertSha: string, at: number): string {
  const bin = tempDir('gearshift-racing-git-');
  const marker = path.join(bin, 'done');
  const date = `@${Math.floor(at / 1000)} +0000`;
  fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh
case "$*" in *"--grep=^This reverts"*)
  if [ ! -e '${marker}' ]; then
    touch '${marker}'
    GIT_COMMITTER_DATE='${date}' GIT_AUTHOR_DATE='${date}' '${realGit()}' -c user.name=x -c user.email=x@x revert --no-edit ${revertSha} >/dev/null
  fi;;
esac
exec '${realGit()}' "$@"
`, { mode: 0o755 });
  return bin;
}

describe('gears: the gauge\'s git memo when HEAD moves during a call', () => {
  after(cleanupTempDirs);

  it('every answer kept is about the HEAD the call read first: after a reset to it, the memo agrees with git', async () => {
    const repo = initRepo();
    const shas: string[] = [];
    for (let d = 20; d >= 2; d--) {
      if (d === 4) { fs.writeFileSync(path.join(repo, 'f.txt'), 'x\n'); git(repo, 'add', 'f.txt'); } // a change to revert
      shas.push(commitAt(repo, `c${d}`, NOW - d * DAY + 7 * HOUR));
    }
    const first = git(repo, 'rev-parse', 'HEAD');
    const runs = [5, 3].map((d, i) => ({ ...deployRun(NOW - d * DAY + 8 * HOUR), sha: shas[shas.length - 1 - [3, 1][i]] }));
    const memoDir = path.join(repo, '.git', 'gearshift');
    const saved = process.env.PATH;
    process.env.PATH = `${gitThatCommitsDuringTheRevertLog(shas[shas.length - 3], NOW - DAY)}${path.delimiter}${saved ?? ''}`;
    try {
      await gatherGaugeInputs(repo, SIMPLE, runs, { now: NOW, memoDir });
    } finally {
      process.env.PATH = saved;
    }
    assert.notStrictEqual(git(repo, 'rev-parse', 'HEAD'), first, 'the wrapper did not commit: the race was not staged');
    git(repo, 'reset', '-q', '--hard', first); // the revert undone: HEAD is the one the call started from
    const later = NOW + 60_000;
    const truth = await gatherGaugeInputs(repo, SIMPLE, runs, { now: later });
    const fromMemo = await gatherGaugeInputs(repo, SIMPLE, runs, { now: later, memoDir });
    assert.strictEqual(truth.reverts.length, 0);
    assert.deepStrictEqual(fromMemo.reverts, truth.reverts, 'the memo kept a revert that is not in HEAD\'s history');
    assert.deepStrictEqual(fromMemo.commits, truth.commits);
  });
});
