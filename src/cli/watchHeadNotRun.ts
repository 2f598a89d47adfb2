/**
 * Said once when `gearshift watch` starts with `trigger: commit`: HEAD was committed before the watch
 * started and has no run, and the watch runs only the commits made from now on. The commit that
 * turns `trigger: commit` on is usually that one: committed, then `watch` started, it never ran and
 * nothing said so (review41 F5). Not run by itself: a watch (or a window) that starts does not run,
 * and with production stages deploy, a commit made before it unasked (core/automation resumeMark.ts);
 * the line says how to run it. Nothing is said when a kept mark made HEAD news (the trigger runs it).
 */
import type { CommitTrigger } from '../core/automation';
import { printableSubject, shortSha } from '../core/format';
import { branchFilter, getRepoInfo, type RepoInfo } from '../core/git';
import type { RunRecord } from '../core/pipeline';

/** HEAD as the watch starts, read before its trigger does: a commit made after that is the watch's to run. */
export function headBeforeWatch(folder: string): Promise<RepoInfo | undefined> {
  return getRepoInfo(folder).catch(() => undefined);
}

/** The line, or '' (HEAD ran, or the trigger deals with it, or commits start no runs, or its branch is not watched). */
export function headNotRunText(
  repo: RepoInfo | undefined, trigger: Pick<CommitTrigger, 'mode' | 'tracked' | 'pending' | 'commitRun'>, ranBefore: ReadonlyMap<string, RunRecord>,
): string {
  const mode = trigger.mode();
  if (mode.state !== 'commit') { return ''; }
  if (!repo || repo.sha === 'none' || ranBefore.has(repo.sha) || !branchFilter(mode.branches.length ? mode.branches : undefined)(repo.branch)) { return ''; }
  const dealtWith = trigger.tracked().some((c) => c.sha === repo.sha) || trigger.pending().some((p) => p.covers.includes(repo.sha)) || trigger.commitRun(repo.sha) !== undefined;
  if (dealtWith) { return ''; }
  const subject = repo.subject !== undefined ? ` "${printableSubject(repo.subject)}"` : '';
  return `gearshift watch: HEAD ${shortSha(repo.sha)}${subject} was committed before this watch started and has not run: the watch runs the commits made from now on; \`gearshift run\` runs HEAD now\n`;
}
