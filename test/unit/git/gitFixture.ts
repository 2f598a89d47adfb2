/** Throwaway real git repositories in temp dirs for the git and history tests. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** No ambient GIT_* (a hook's GIT_DIR), no system config, no editor, no pager, no prompts. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.toUpperCase().startsWith('GIT_')) {
      env[k] = v;
    }
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_EDITOR: 'true', GIT_SEQUENCE_EDITOR: 'true', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', ...extra };
}

/** Runs git with an argument array (no shell); returns trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const made: string[] = [];

/** A fresh temp dir, realpath'd so comparisons with git's resolved paths hold. */
export function tempDir(prefix = 'gearshift-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** Removes every dir made by tempDir; call from an `after` hook. */
export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `git init` on branch main with local identity and signing off, so the machine's config can't interfere. */
export function initRepo(dir = tempDir()): string {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test User');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'tag.gpgsign', 'false');
  return dir;
}

/** Writes a file and commits it; returns the new HEAD sha. */
export function commitFile(repo: string, name: string, content: string, message: string): string {
  fs.writeFileSync(path.join(repo, name), content);
  git(repo, 'add', '--', name);
  git(repo, 'commit', '-q', '--no-verify', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}
