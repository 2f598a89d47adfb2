/**
 * One file as a commit has it, read without a worktree: `checkout: clean` runs the commit's own
 * `.gearshift.yml`, so its secrets, stages and mode are read from there before anything starts.
 * `--filters` gives the text a checkout would write (eol conversion, smudge filters), so it is
 * the file the run's worktree will hold. Arguments are an array (gitProcess.ts), never a shell.
 */
import * as path from 'path';
import { GitProcessError, runGit } from './gitProcess';
import { checkCommitSha } from './sha';

export type CommittedFile = { found: true; text: string } | { found: false };

/** git's words when the path is not in the commit (it may still exist on disk), any git version we support. */
const NOT_IN_COMMIT = /does not exist in '|exists on disk, but not in '/;

/**
 * The last answer: a commit's file does not change, and `gearshift run` checks the run, then
 * launches it, so the second look costs no git process. One entry: an editor's folders differ in root.
 */
let last: { key: string; file: CommittedFile } | undefined;

/** `file` (absolute, inside `root`) as commit `sha` has it; `found: false` when the commit has no such file. Rejects when git cannot answer. */
export async function readCommittedFile(root: string, sha: string, file: string): Promise<CommittedFile> {
  checkCommitSha(sha, 'the run'); // `<sha>:<path>` is one argument: only hex may stand before the colon
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) { return { found: false }; } // outside the repository: no commit has it
  const key = JSON.stringify([root, sha, rel]);
  if (last?.key === key) { return last.file; }
  const answer = await readFromGit(root, `${sha}:${rel.split(path.sep).join('/')}`);
  last = { key, file: answer };
  return answer;
}

async function readFromGit(root: string, object: string): Promise<CommittedFile> {
  try {
    return { found: true, text: await runGit(root, ['cat-file', '--filters', object]) };
  } catch (e) {
    if (e instanceof GitProcessError && NOT_IN_COMMIT.test(e.message)) { return { found: false }; }
    throw e;
  }
}
