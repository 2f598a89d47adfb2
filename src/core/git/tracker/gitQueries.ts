/**
 * The few git questions the tracker asks, through simple-git with argument arrays (no shell:
 * branch names and subjects are only ever data). Every revision argument is a full sha or a
 * `refs/heads/…` name and is followed by `--`, so none can be read as an option or a path.
 */
import { simpleGit, type SimpleGit } from 'simple-git';
import { END_OF_OPTIONS, checkCommitSha } from '../sha';
import { gitEnv } from '../gitProcess';
import { readLooseCommit } from './looseCommit';
import type { CommitInfo } from './types';

export type CommitFacts = Omit<CommitInfo, 'branch'>;

/**
 * simple-git for our queries. Done on `close` only: the default also arms a 50 ms timer on
 * `exit` that outlives the call, and a disposed tracker must leave no timer behind. Its env is
 * gitEnv's (no secrets for the programs git runs), not the whole of process.env.
 */
export function gitAt(baseDir: string): SimpleGit {
  return simpleGit({ baseDir, completion: { onClose: true, onExit: false } }).env(gitEnv());
}

/**
 * NUL between fields and (with -z) after each commit: a subject may hold any character except
 * NUL and newline, and names and emails cannot hold NUL, so six fields always make one commit.
 */
const FORMAT = '--format=%H%x00%P%x00%an%x00%ae%x00%cI%x00%s';
const FIELDS = 6;
const LOG = ['log', '-z', '--no-show-signature', '--encoding=UTF-8', FORMAT];
/** Keeps command lines short whatever the burst. */
const CHUNK = 500;

export function parseCommits(out: string): CommitFacts[] {
  const parts = out.split('\0');
  if (parts[parts.length - 1] === '') {
    parts.pop();
  }
  if (parts.length % FIELDS !== 0) {
    throw new Error(`unexpected git log output (${parts.length} fields)`);
  }
  const commits: CommitFacts[] = [];
  for (let i = 0; i < parts.length; i += FIELDS) {
    const [sha, parents, author, authorEmail, time, subject] = parts.slice(i, i + FIELDS);
    commits.push({ sha, parents: parents ? parents.split(' ') : [], author, authorEmail, time, subject });
  }
  return commits;
}

/**
 * Details of exactly these commits, by sha. With `commonDir`, loose commits are read from their
 * files (looseCommit.ts) and git is asked only about the rest.
 */
export async function commitDetails(git: SimpleGit, shas: readonly string[], commonDir?: string): Promise<Map<string, CommitFacts>> {
  const found = new Map<string, CommitFacts>();
  if (commonDir !== undefined) {
    for (const facts of await Promise.all([...new Set(shas)].map((sha) => readLooseCommit(commonDir, sha)))) {
      if (facts) { found.set(facts.sha, facts); }
    }
  }
  const unique = [...new Set(shas)].filter((sha) => !found.has(sha));
  for (let i = 0; i < unique.length; i += CHUNK) {
    const out = await git.raw([...LOG, '--no-walk=unsorted', END_OF_OPTIONS, ...unique.slice(i, i + CHUNK).map((s) => checkCommitSha(s, 'a commit list')), '--']);
    for (const c of parseCommits(out)) {
      found.set(c.sha, c);
    }
  }
  return found;
}

/**
 * Commits reachable from `to` but not from `from`, parents first, at most `max` (the newest
 * ones: those are what a pipeline would run). `from` undefined: all of `to`'s history.
 */
export async function commitRange(
  git: SimpleGit, from: string | undefined, to: string, max: number,
): Promise<{ commits: CommitFacts[]; truncated: boolean }> {
  // --reverse applies after --max-count, so this is the newest max+1, oldest first.
  const args = [...LOG, '--topo-order', '--reverse', `--max-count=${max + 1}`, END_OF_OPTIONS, to];
  if (from) {
    args.push(`^${from}`);
  }
  const commits = parseCommits(await git.raw([...args, '--']));
  const truncated = commits.length > max;
  return { commits: truncated ? commits.slice(commits.length - max) : commits, truncated };
}

/** Shas reachable from `from` but not from `to`: what a rewrite left behind. */
export async function leftBehind(git: SimpleGit, from: string, to: string, max: number): Promise<string[]> {
  const out = await git.raw(['rev-list', `--max-count=${max}`, END_OF_OPTIONS, from, `^${to}`, '--']);
  return out.split('\n').filter(Boolean);
}

/** Full sha of a revision, or undefined (unborn branch, missing object). */
export async function resolve(git: SimpleGit, rev: string): Promise<string | undefined> {
  // --verify --quiet: no output and exit 1 instead of an error when it does not resolve.
  const out = (await git.raw(['rev-parse', '--verify', '--quiet', END_OF_OPTIONS, `${rev}^{commit}`])).trim();
  return out || undefined;
}

/** True when `a` is an ancestor of (or equal to) `b`. */
export async function isAncestor(git: SimpleGit, a: string, b: string): Promise<boolean> {
  // merge-base prints `a` exactly when a is an ancestor of b (simple-git hides exit code 1).
  const out = await git.raw(['merge-base', END_OF_OPTIONS, a, b]).catch(() => '');
  return out.trim() === a;
}

/** Local branch names, to tell a branch from a sha or tag in `checkout: moving from X to Y`. */
export async function branchNames(git: SimpleGit): Promise<Set<string>> {
  const out = await git.raw(['for-each-ref', '--format=%(refname)', 'refs/heads/']);
  return new Set(out.split('\n').filter(Boolean).map((r) => r.slice('refs/heads/'.length)));
}

/** core.logAllRefUpdates as git sees it ('' when unset). */
export async function logAllRefUpdates(git: SimpleGit): Promise<string> {
  return (await git.raw(['config', '--get', 'core.logAllRefUpdates']).catch(() => '')).trim();
}
