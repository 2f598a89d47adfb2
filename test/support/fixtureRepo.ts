import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Real git repositories for tests, the harness and the demo: `git` is run with argument arrays
 * and a repo-local identity, so the machine's global git config cannot change the outcome.
 */

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
  }).trim();
}

export function initRepo(dir: string, branch = 'main'): void {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', branch);
  git(dir, 'config', 'user.name', 'Gearshift Test');
  git(dir, 'config', 'user.email', 'test@gearshift.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
}

export function commitFile(dir: string, file: string, content: string, message: string): string {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
  git(dir, 'add', '--', file);
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** Quick stages that really run: each prints its stage and succeeds in well under a second. */
export const QUICK_PIPELINE = `version: 1
trigger: manual
stages:
  - name: Unit Tests
    run: echo "unit tests for $GEARSHIFT_SHA" && sh ./scripts/check.sh
  - name: Build Artifacts
    run: mkdir -p build && echo "artifact $GEARSHIFT_SHA" > build/artifact.txt
  - name: Deploy Non-Prod
    run: echo "deploying to non-prod"
    environment: non-prod
`;

export interface FixtureOptions { pipeline?: string | null; extraCommits?: number }

/** A git repo with a few commits and (unless `pipeline: null`) a `.gearshift.yml`. */
export function createFixtureRepo(dir: string, opts: FixtureOptions = {}): string {
  initRepo(dir);
  commitFile(dir, 'README.md', '# Fixture\n', 'Initial commit');
  commitFile(dir, '.gitignore', 'build/\n', 'Ignore build output');
  commitFile(dir, 'scripts/check.sh', '#!/bin/sh\necho "all checks passed"\n', 'Add check script');
  for (let i = 0; i < (opts.extraCommits ?? 0); i++) {
    commitFile(dir, `notes/${i}.txt`, `note ${i}\n`, `Note ${i}`);
  }
  if (opts.pipeline !== null) {
    commitFile(dir, '.gearshift.yml', opts.pipeline ?? QUICK_PIPELINE, 'Add Gearshift pipeline');
  }
  return git(dir, 'rev-parse', 'HEAD');
}
