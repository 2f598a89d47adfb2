/**
 * "Revert Last Commit…" while the pipeline is red: the talk's fastest way back to green.
 * `git revert --no-edit [-m 1] <sha>` with an argument array (no shell, `--end-of-options`
 * before the sha, which is checked to be hex first).
 *
 * Everything that would make it fail is checked by `planRevert`, before the question is asked:
 * the commit must be HEAD or in HEAD's history, and no tracked file may have uncommitted
 * changes (they would be mixed into the revert commit). Untracked files do not count: git
 * reverts around them and refuses by itself when one is in the way, and then its own words
 * (naming the file) are the message. A merge is reverted against its first parent (`-m 1`),
 * which undoes what the merge brought in; the plan says so. A revert that stops half-way
 * (conflicts) is aborted, so the tree is left as it was.
 */
import { runGit } from './gitProcess';
import { END_OF_OPTIONS, checkCommitSha } from './sha';

export type RevertResult =
  | { ok: true; sha: string; subject: string }
  | { ok: false; message: string };

/** What a revert of one commit will do, known before asking. */
export interface RevertPlan {
  sha: string;
  subject: string;
  /** A merge commit: the branch it merged (from its subject, else its second parent's short sha) and how many commits that brought in. */
  merge?: { of: string; commits: number };
}

/** `outside`: the commit is not in HEAD's history (or not in this repository), so no revert here can undo it. */
export type PlanResult = ({ ok: true } & RevertPlan) | { ok: false; message: string; outside?: true };

/** Tracked files with changes, staged or not; untracked files are left out on purpose. */
const TRACKED_STATUS = ['--no-optional-locks', 'status', '--porcelain', '--untracked-files=no'];
/** How many changed files the refusal names before "…". */
const FILES_NAMED = 3;

/** HEAD's sha and subject, for the confirmation dialog; undefined outside a repo or before the first commit. */
export async function lastCommit(folder: string): Promise<{ sha: string; subject: string } | undefined> {
  return commitInfo(folder, 'HEAD').then((c) => c && { sha: c.sha, subject: c.subject });
}

/** Whether `sha` can be reverted here now, and how; never throws. */
export async function planRevert(folder: string, sha: string): Promise<PlanResult> {
  try {
    checkCommitSha(sha, 'the commit to revert');
    const commit = await commitInfo(folder, sha);
    if (!commit) { return { ok: false, outside: true, message: `commit ${sha.slice(0, 8)} is not in this repository` }; }
    if (!await isAncestorOfHead(folder, commit.sha)) { return { ok: false, outside: true, message: `commit ${sha.slice(0, 8)} is not in the history of HEAD (another branch, or rewritten)` }; }
    const dirty = await trackedChanges(folder);
    if (dirty.length > 0) {
      const named = dirty.slice(0, FILES_NAMED).join(', ') + (dirty.length > FILES_NAMED ? ', …' : '');
      return { ok: false, message: `the working tree has uncommitted changes to tracked files (${named}); commit or stash them first, then revert` };
    }
    const merge = commit.parents.length > 1 ? await mergeFacts(folder, commit.subject, commit.parents) : undefined;
    return { ok: true, sha: commit.sha, subject: commit.subject, ...(merge ? { merge } : {}) };
  } catch (e) {
    return { ok: false, message: firstLines((e as Error).message) };
  }
}

/** Reverts `sha` (HEAD or in its history) as a new commit, checking the plan again first. Never throws. */
export async function revertCommit(folder: string, sha: string): Promise<RevertResult> {
  const plan = await planRevert(folder, sha);
  if (!plan.ok) { return plan; }
  let said = ''; // git says some failures on stdout only ("nothing to commit"): kept with stderr
  try {
    await runGit(folder, ['revert', '--no-edit', ...(plan.merge ? ['-m', '1'] : []), END_OF_OPTIONS, plan.sha], { onChunk: (text) => { said += text; } });
  } catch (e) {
    await runGit(folder, ['revert', '--abort']).catch(() => undefined);
    const why = [firstLines((e as Error).message), firstLines(said)].filter(Boolean).join(': ');
    return { ok: false, message: `git revert ${plan.sha.slice(0, 8)} failed and was undone (nothing changed): ${why}` };
  }
  const made = await lastCommit(folder);
  return made ? { ok: true, ...made } : { ok: false, message: 'git revert reported success but HEAD could not be read' };
}

/**
 * The commit between `sha` and HEAD that reverts it (git's own "This reverts commit <sha>."), unless that revert
 * was reverted in turn (the commit is back). A read of commit messages (git log), as the other reads here.
 */
export async function revertedBy(folder: string, sha: string): Promise<string | undefined> {
  checkCommitSha(sha, 'the reverted commit');
  const by = await newestRevertOf(folder, sha, sha);
  return by !== undefined && await newestRevertOf(folder, by, sha) === undefined ? by : undefined;
}

async function newestRevertOf(folder: string, sha: string, since: string): Promise<string | undefined> {
  const out = await runGit(folder, ['log', '-1', '--no-show-signature', '--format=%H', '--fixed-strings', `--grep=This reverts commit ${sha}`, END_OF_OPTIONS, `${since}..HEAD`, '--']);
  return out.trim() || undefined;
}

async function commitInfo(folder: string, rev: string): Promise<{ sha: string; subject: string; parents: string[] } | undefined> {
  try {
    const out = await runGit(folder, ['log', '-1', '--no-show-signature', '--format=%H%x00%P%x00%s', END_OF_OPTIONS, rev, '--']);
    const [sha, parents = '', subject = ''] = out.replace(/\n$/, '').split('\0');
    return sha ? { sha, subject, parents: parents.split(' ').filter(Boolean) } : undefined;
  } catch {
    return undefined;
  }
}

async function isAncestorOfHead(folder: string, sha: string): Promise<boolean> {
  return runGit(folder, ['merge-base', '--is-ancestor', END_OF_OPTIONS, sha, 'HEAD']).then(() => true, () => false);
}

async function trackedChanges(folder: string): Promise<string[]> {
  const out = await runGit(folder, TRACKED_STATUS);
  return out.split('\n').filter(Boolean).map((line) => line.slice(3));
}

/** "Merge branch 'side'", "Merge pull request #12 from org/side", "Merge remote-tracking branch 'origin/side' into main". */
const MERGED_NAME = /^Merge (?:(?:remote-tracking )?branch '([^']+)'|pull request #\d+ from (\S+))/;

async function mergeFacts(folder: string, subject: string, parents: string[]): Promise<{ of: string; commits: number }> {
  const [first, second] = parents;
  const count = await runGit(folder, ['rev-list', '--count', END_OF_OPTIONS, `${first}..${second}`, '--']);
  const named = MERGED_NAME.exec(subject);
  return { of: named?.[1] ?? named?.[2] ?? second.slice(0, 8), commits: Number(count.trim()) || 0 };
}

/** git's message, up to two lines (a refusal names the files on the next line), without its hints. */
function firstLines(message: string): string {
  const lines = message.trim().split('\n').map((l) => l.trim()).filter((l) => l && !/^hint:/.test(l));
  return lines.slice(0, 3).join(' ');
}
