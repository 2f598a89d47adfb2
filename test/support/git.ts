/**
 * The one set of git helpers for every test tier, the harness and the demo: throwaway real
 * repositories in temp dirs, commits (optionally dated), and clean environments. `git` runs
 * with argument arrays (no shell), a repo-local identity, no system config, no hooks, no
 * editor, pager or prompt, so the machine's own git setup cannot change an outcome.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Author and committer of every commit a test makes. */
export const IDENTITY = { name: 'Gearshift Test', email: 'test@gearshift.invalid' } as const;

/** The runner's own CI, colour, Gearshift and git settings: none of them may steer what is tested. */
const RUNNER_SETTINGS = /^(CI|FORCE_COLOR|NO_COLOR|GEARSHIFT_.*|GIT_.*)$/;

/**
 * process.env without the runner's CI, colour, GEARSHIFT_* and GIT_* variables, plus `extra`
 * (an undefined value removes a variable): the environment for a CLI, a stage or a script.
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!RUNNER_SETTINGS.test(k)) { env[k] = v; }
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) { delete env[k]; } else { env[k] = v; }
  }
  return env;
}

/** The environment git runs in: no ambient GIT_* (a hook's GIT_DIR), no system config, nothing interactive. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.toUpperCase().startsWith('GIT_')) { env[k] = v; }
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_EDITOR: 'true', GIT_SEQUENCE_EDITOR: 'true', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', ...extra };
}

/** Runs git in `cwd`; returns trimmed stdout (throws with git's stderr on a non-zero exit). */
export function git(cwd: string, ...args: string[]): string {
  return gitWith(cwd, {}, ...args);
}

/** git with extra environment variables, e.g. GIT_COMMITTER_DATE. */
export function gitWith(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Whether `dir` is inside some git repository (a temp dir can be, on some machines). */
export function insideRepo(dir: string): boolean {
  try {
    git(dir, 'rev-parse', '--git-dir');
    return true;
  } catch {
    return false;
  }
}

/** Author and committer date `at` (epoch ms) in git's raw format. */
export function gitDate(at: number): NodeJS.ProcessEnv {
  const date = `${Math.round(at / 1000)} +0000`;
  return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
}

const made: string[] = [];

/** A fresh temp dir, realpath'd so comparisons with git's resolved paths hold; see cleanupTempDirs. */
export function tempDir(prefix = 'gearshift-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** Removes every dir made by tempDir so far; call from an `after` or `afterEach` hook. */
export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) { fs.rmSync(dir, { recursive: true, force: true }); }
}

/** `git init` on `branch` (see configureRepo); returns the dir. */
export function initRepo(dir = tempDir(), branch = 'main'): string {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', branch);
  configureRepo(dir);
  return dir;
}

/**
 * Repo-local test identity, signing off, hooks off, for a repo made by init or clone: written
 * straight into .git/config (git's own format), one file write instead of five git processes.
 */
export function configureRepo(dir: string): void {
  const settings = [
    '[user]', `\tname = ${IDENTITY.name}`, `\temail = ${IDENTITY.email}`,
    '[commit]', '\tgpgsign = false',
    '[tag]', '\tgpgsign = false',
    '[core]', '\thooksPath = /dev/null',
  ];
  fs.appendFileSync(path.join(dir, '.git', 'config'), `${settings.join('\n')}\n`);
}

/** An empty commit (fast, no files); `extra` e.g. --amend; returns the new HEAD. */
export function commit(dir: string, message: string, ...extra: string[]): string {
  return commitAt(dir, message, undefined, ...extra);
}

/** An empty commit authored and committed at `at` (epoch ms; undefined: now); returns the new HEAD. */
export function commitAt(dir: string, message: string, at: number | undefined, ...extra: string[]): string {
  gitWith(dir, at === undefined ? {} : gitDate(at), 'commit', '-q', '--allow-empty', '-m', message, ...extra);
  return git(dir, 'rev-parse', 'HEAD');
}

/** Writes `file` (making its folders), commits it; returns the new HEAD. */
export function commitFile(dir: string, file: string, content: string, message: string): string {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
  git(dir, 'add', '--', file);
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}
