import type { CommitRun } from './types';

type Verdict = NonNullable<CommitRun['verdict']>;

/**
 * The run that covered each commit, keeping the commit's verdict: a later re-run that was cancelled,
 * interrupted or is still running does not undo the green or red of the run before it (firsthour34 F17).
 */
export class CommitRuns {
  private readonly runs = new Map<string, CommitRun>();

  set(sha: string, run: CommitRun): void { this.runs.set(sha, withVerdict(this.runs.get(sha), run)); }

  get(sha: string): CommitRun | undefined { return this.runs.get(sha); }
}

/** `next`, carrying the latest finished green/red run before it when `next` is no verdict itself. */
export function withVerdict(before: CommitRun | undefined, next: CommitRun): CommitRun {
  if (next.state === 'green' || next.state === 'red') { return next; }
  const verdict: Verdict | undefined = before && (before.state === 'green' || before.state === 'red')
    ? { runId: before.runId, runSha: before.runSha, state: before.state }
    : before?.verdict;
  return verdict ? { ...next, verdict } : next;
}

/** What a commit's row says: its verdict, with a cancelled or interrupted re-run as a note; else the run's state. */
export function commitRunState(run: CommitRun): { state: CommitRun['state']; note?: string } {
  if ((run.state === 'cancelled' || run.state === 'interrupted') && run.verdict) {
    return { state: run.verdict.state, note: `re-run ${run.state}` };
  }
  return { state: run.state };
}
