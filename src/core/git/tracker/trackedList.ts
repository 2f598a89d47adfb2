/**
 * Every commit the tracker has seen, once each, in the order seen. Nothing is ever dropped:
 * a commit is a few hundred bytes and the list is what the trigger and the UI account against
 * ("was this commit run? deployed? amended away?"), so losing one under load would be a lie.
 */
import type { CommitInfo, CommitOperation, CommitState, TrackedCommit } from './types';

export class TrackedList {
  private readonly bySha = new Map<string, TrackedCommit>();

  /** Adds commits not seen before; returns how many were new. */
  add(commits: readonly CommitInfo[], operation: CommitOperation, seenAt: string): number {
    let added = 0;
    for (const c of commits) {
      if (!this.bySha.has(c.sha)) {
        this.bySha.set(c.sha, { ...c, parents: [...c.parents], operation, seenAt, state: 'new' });
        added++;
      }
    }
    return added;
  }

  /** Commits rewritten away. `by`: the commit that took their place, when there is one. */
  replace(shas: readonly string[], by?: string): void {
    for (const sha of shas) {
      const t = this.bySha.get(sha);
      if (t && t.sha !== by) {
        t.state = 'replaced';
        t.replacedBy = by;
      }
    }
  }

  /** Set by the trigger: a pipeline ran for these commits, or they reached production. */
  mark(shas: readonly string[], state: Exclude<CommitState, 'new' | 'replaced'>): void {
    for (const sha of shas) {
      const t = this.bySha.get(sha);
      // 'deployed' is final; a later 'ran' (a re-run) must not demote it.
      if (t && !(t.state === 'deployed' && state === 'ran')) {
        t.state = state;
      }
    }
  }

  has(sha: string): boolean {
    return this.bySha.has(sha);
  }

  /** Copies, oldest first, so callers cannot edit the tracker's state. */
  list(): TrackedCommit[] {
    return [...this.bySha.values()].map((t) => ({ ...t, parents: [...t.parents] }));
  }
}
