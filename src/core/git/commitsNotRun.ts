/**
 * Whether HEAD is ahead of the last run: the commits it has that the run's commit has not. What
 * the status item and `gearshift status` say beside a verdict that is about an older commit.
 */
import { headNow } from './headNow';
import { runGit } from './gitProcess';
import { END_OF_OPTIONS, isCommitSha } from './sha';

export interface HeadAhead {
  /** HEAD's full sha. */
  head: string;
  /** Commits reachable from HEAD and not from the run's commit; undefined when git cannot tell (the run's commit is gone). */
  count: number | undefined;
}

/**
 * Undefined when HEAD is the run's commit or one before it (nothing new to run; told only when
 * counting), when HEAD does not descend from the run's commit (it may have run on its own), when there is no
 * commit yet, or when git cannot answer (not a repository): a status must not fail on it.
 */
export async function commitsNotRun(folder: string, runSha: string, opts: { count?: boolean } = {}): Promise<HeadAhead | undefined> {
  const head = await headNow(folder).catch(() => 'none');
  if (head === 'none' || head === runSha) { return undefined; }
  // `count: false`: HEAD's files only, no git process (status --json answers from its kept figures without one).
  if (!isCommitSha(runSha) || opts.count === false) { return { head, count: undefined }; }
  // `run..HEAD`: both full shas (checked above and by headNow), after END_OF_OPTIONS, so neither is an option.
  const out = await runGit(folder, ['rev-list', '--count', END_OF_OPTIONS, `${runSha}..${head}`, '--']).catch(() => undefined);
  const count = out === undefined ? undefined : Number.parseInt(out.trim(), 10);
  if (count === 0) { return undefined; }
  // Only a HEAD that descends from the run's commit is known to be news: on another line of history
  // (a branch checked out again) HEAD may have a run of its own, which the last run is not (review34 F5).
  if (out === undefined) { return { head, count: undefined }; } // the run's commit is gone: HEAD is all git can say
  const descends = await runGit(folder, ['merge-base', '--is-ancestor', END_OF_OPTIONS, runSha, head]).then(() => true, () => false);
  return descends ? { head, count: Number.isFinite(count) ? count : undefined } : undefined;
}
