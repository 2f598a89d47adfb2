/**
 * Fills planned steps with commit details from git and turns them into events, in step order.
 * All single commits of a batch (a burst of `git commit`s) cost one `git log --no-walk`; each
 * range (merge, pull, rebase) one bounded `git log` in parents-first order.
 */
import type { SimpleGit } from 'simple-git';
import { commitDetails, commitRange, leftBehind, resolve, type CommitFacts } from './gitQueries';
import type { Step } from './planner';
import type { CommitInfo, TrackerEvent } from './types';

/** `commonDir`: single commits are read from their loose object files where they can be. */
export async function stepsToEvents(git: SimpleGit, steps: readonly Step[], maxRange: number, commonDir?: string): Promise<TrackerEvent[]> {
  const singles = steps.flatMap((s) => (s.kind === 'single' ? [s.sha] : []));
  const details = singles.length ? await commitDetails(git, singles, commonDir) : new Map<string, CommitFacts>();
  const events: TrackerEvent[] = [];
  for (const step of steps) {
    if (step.kind === 'moved') {
      events.push({ type: 'headMoved', operation: step.operation, from: step.from, to: step.to, branch: step.branch });
    } else if (step.kind === 'single') {
      const facts = details.get(step.sha);
      if (!facts) {
        events.push({ type: 'error', message: `commit ${step.sha} from the reflog is not in the repository` });
        continue;
      }
      events.push({
        type: 'newCommits', operation: step.operation, commits: [withBranch(facts, step.branch)], branch: step.branch,
        ...(step.replaces ? { replaces: step.replaces } : {}),
      });
    } else {
      const event = await rangeEvent(git, step, maxRange);
      if (event) {
        events.push(event);
      }
    }
  }
  return events;
}

/** undefined when nothing moved; a move, not commits, when a rebase only dropped commits. */
async function rangeEvent(git: SimpleGit, step: Extract<Step, { kind: 'range' }>, maxRange: number): Promise<TrackerEvent | undefined> {
  // A rebase whose start we did not see (tracker started mid-rebase): git keeps the
  // pre-rebase tip in ORIG_HEAD.
  const from = step.from ?? (step.rewritten ? await resolve(git, 'ORIG_HEAD') : undefined);
  const { commits, truncated } = await commitRange(git, from, step.to, maxRange);
  const replaces = step.rewritten && from ? await leftBehind(git, from, step.to, maxRange) : [];
  if (commits.length === 0) {
    return from && from !== step.to ? { type: 'headMoved', operation: 'other', from, to: step.to, branch: step.branch } : undefined;
  }
  return {
    type: 'newCommits', operation: step.operation, commits: commits.map((c) => withBranch(c, step.branch)), branch: step.branch,
    ...(replaces.length ? { replaces } : {}),
    ...(truncated ? { truncated } : {}),
  };
}

function withBranch(facts: CommitFacts, branch: string): CommitInfo {
  return { ...facts, branch };
}
