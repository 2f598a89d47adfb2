/**
 * Which run each commit was told it would get (its own, or a waiting commit's that covers it),
 * so that when a newer commit's run covers it instead the trigger says so once (review39 M2:
 * under `queue: latest` a burst announced six runs and one ran). No I/O.
 */
import type { PlannedRun } from '../git';
import type { TriggerEvent } from './types';
import { shortSha } from '../format';

type CommitsCovered = Extract<TriggerEvent, { type: 'commitsCovered' }>;

/** Commits told about and not run yet, kept at most (oldest out): one reset away never runs, and is not kept for ever. */
export const TOLD_MAX = 256;

export class CoverNews {
  /** Commit sha → the sha whose run its `commitSeen` named. */
  private readonly told = new Map<string, string>();

  /** A commit's `commitSeen` named the run for `planSha` (the commit itself, or a newer waiting one). */
  tell(sha: string, planSha: string): void {
    this.told.delete(sha);
    this.told.set(sha, planSha);
    for (const old of this.told.keys()) {
      if (this.told.size <= TOLD_MAX) { break; }
      this.told.delete(old);
    }
  }

  /** A run began for `plan`: the news for its commits told of another run (oldest first), once each: its commits are forgotten. */
  started(plan: PlannedRun, runId: string): CommitsCovered | undefined {
    const shas = plan.covers.filter((c) => { const said = this.told.get(c); return said !== undefined && said !== plan.sha; });
    for (const c of plan.covers) { this.told.delete(c); }
    return shas.length ? { type: 'commitsCovered', shas, runSha: plan.sha, runId } : undefined;
  }
}

/** A commit's news as plain log lines (the editor's Output channel): what its first line promised, then which run covered it. */
export function commitLogLines(e: TriggerEvent): string[] {
  if (e.type === 'commitSeen') { return [`${e.operation} ${shortSha(e.commit.sha)}: ${e.decision.message}`]; }
  if (e.type === 'commitsCovered') { return e.shas.map((sha) => `${shortSha(sha)}: covered by the run for ${shortSha(e.runSha)}`); }
  return [];
}
