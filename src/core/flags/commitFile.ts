/**
 * Under `checkout: clean` a run ships the committed flags file, so a toggle change ships only
 * once it is committed (review22 H3). These two ask git whether a flags file differs from HEAD,
 * and commit exactly that file: `git commit --only -- FILE` takes the file's working-tree
 * content and leaves whatever else is staged as it was; never `-a`. Paths are literal pathspecs
 * after `--`, the message goes on stdin: nothing from a flag key or a path reaches a shell or an
 * option. The new commit is checked with git to hold that file and nothing else.
 */
import * as path from 'node:path';
import { runGit, type GitRunResult } from './gitRun';

/** A commit hook may take a while (a linter): longer than a plain git question. */
const COMMIT_TIMEOUT_MS = 120_000;

/**
 * Of `files` (absolute), those whose working copy differs from HEAD's (changed, or not tracked
 * yet), in order: what a clean run of HEAD would ship differently. The index does not count: a
 * version staged and then edited back to HEAD's (`MM`) ships as it is, and `git commit --only`
 * would find nothing to commit (review23 L3).
 */
export async function uncommittedFlagsFiles(root: string, files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    const rel = path.relative(root, file);
    const tracked = (await runGit(root, ['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', rel])).code === 0;
    // Exit 1: differs; 128: no HEAD yet (nothing committed), which differs too. No diff driver of the repository's runs.
    const differs = tracked
      ? (await runGit(root, ['--literal-pathspecs', 'diff', '--quiet', '--no-ext-diff', '--no-textconv', 'HEAD', '--', rel])).code !== 0
      : (await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', rel])).stdout.length > 0;
    if (differs) { out.push(file); }
  }
  return out;
}

/** Commits `files` (absolute, inside `root`'s repository) and nothing else; resolves with the new commit's sha. */
export async function commitFlagsFiles(root: string, files: readonly string[], message: string): Promise<string> {
  const rels = files.map((f) => path.relative(root, f));
  for (const rel of rels) {
    // A file git does not know yet: `--only` needs it in the index first (that one path only).
    const known = await runGit(root, ['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', rel]);
    if (known.code !== 0) { await git(root, ['add', '--', rel]); }
  }
  const before = (await runGit(root, ['rev-parse', '--verify', '-q', 'HEAD'])).stdout.toString('utf8').trim();
  await git(root, ['commit', '--only', '--quiet', '--file=-', '--', ...rels], { input: message, timeoutMs: COMMIT_TIMEOUT_MS });
  const sha = (await git(root, ['rev-parse', '--verify', 'HEAD'])).stdout.toString('utf8').trim();
  if (sha === before) { throw new Error('git commit made no commit'); }
  await checkOnly(root, sha, rels);
  return sha;
}

/** The commit holds exactly `rels` (a hook could have added others): said, not undone — it is the user's repository. */
async function checkOnly(root: string, sha: string, rels: readonly string[]): Promise<void> {
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).stdout.toString('utf8').trim();
  const expected = rels.map((r) => path.posix.join(prefix, r.split(path.sep).join('/'))).sort();
  const listed = (await git(root, ['diff-tree', '--no-commit-id', '--name-only', '-r', '-z', '--root', sha])).stdout.toString('utf8').split('\0').filter((p) => p !== '').sort();
  if (listed.join('\0') !== expected.join('\0')) {
    throw new Error(`commit ${sha.slice(0, 8)} holds ${listed.join(', ')}, not only ${expected.join(', ')} (a commit hook added files?); check it before shipping`);
  }
}

async function git(root: string, args: readonly string[], options: { input?: string; timeoutMs?: number } = {}): Promise<GitRunResult> {
  const r = await runGit(root, ['--literal-pathspecs', ...args], options);
  if (r.code !== 0 || r.timedOut) {
    const why = r.timedOut ? 'timed out' : (r.stderr.trim().split('\n').find((l) => l.trim() !== '') ?? `exit ${String(r.code)}`);
    throw new Error(`git ${args[0]} failed: ${why}`);
  }
  return r;
}
