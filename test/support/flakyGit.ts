/**
 * A real `git` wrapper for putting first on PATH: it makes `git log` fail a set number of times
 * (or always) with git's own kind of message, counting each failure, and otherwise execs the
 * real git. This is how the tests make a transient git failure without mocking anything.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './git';

export const FAILURE_MESSAGE = 'fatal: simulated transient failure';

export interface FlakyGit {
  /** The folder holding the wrapper: put it first on PATH. */
  readonly dir: string;
  /** PATH with the wrapper first. */
  readonly path: string;
  /** The next `times` calls of `git log` fail ('always': every one, until told otherwise). */
  failLog(times: number | 'always'): void;
  /** How many `git log` calls have failed so far. */
  failures(): number;
  /** Until `release`, a `git log` that is to fail waits first (≤ 20 s); `entered` says one is waiting. */
  holdLog(): { entered: () => boolean; release: () => void };
}

export function flakyGit(): FlakyGit {
  const dir = tempDir('gearshift-flaky-git-');
  const budget = path.join(dir, 'budget');
  const failed = path.join(dir, 'failed');
  const gate = path.join(dir, 'gate');
  const entered = path.join(dir, 'entered');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  // Read and written by one process at a time: the tracker's looks are serialised.
  fs.writeFileSync(path.join(dir, 'git'), [
    '#!/bin/sh',
    `if [ "$1" = log ] && [ -s '${budget}' ]; then`,
    `  n=$(cat '${budget}')`,
    '  if [ "$n" != 0 ]; then',
    `    [ "$n" = always ] || echo $((n - 1)) > '${budget}'`,
    `    if [ -e '${gate}' ]; then touch '${entered}'; i=0; while [ -e '${gate}' ] && [ $i -lt 2000 ]; do i=$((i+1)); sleep 0.01; done; fi`,
    `    echo x >> '${failed}'`,
    `    echo '${FAILURE_MESSAGE}' >&2`,
    '    exit 128',
    '  fi',
    'fi',
    `exec '${real}' "$@"`,
    '',
  ].join('\n'), { mode: 0o755 });
  return {
    dir,
    path: `${dir}${path.delimiter}${process.env.PATH ?? ''}`,
    failLog: (times) => fs.writeFileSync(budget, String(times)),
    holdLog: () => {
      fs.writeFileSync(gate, '');
      return { entered: () => fs.existsSync(entered), release: () => fs.rmSync(gate, { force: true }) };
    },
    failures: () => (fs.existsSync(failed) ? fs.readFileSync(failed, 'utf8').split('\n').filter((l) => l !== '').length : 0),
  };
}
