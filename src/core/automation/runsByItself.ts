import type { LoadResult } from '../config';
import { branchFilter } from '../git';
import { shortSha } from '../format';

/**
 * Whether a commit made on `branch` starts its own run: the config says `trigger: commit` and the branch
 * is one it watches (a detached HEAD is on none). The editor then offers no second run of it.
 */
export function runsByItself(loaded: LoadResult, branch: string): boolean {
  if (!loaded.ok || loaded.pipeline.trigger !== 'commit' || branch === '') { return false; }
  const { branches } = loaded.pipeline; // none listed: every branch, as the trigger reads it (triggerQueue.ts)
  return branchFilter(branches.length > 0 ? branches : undefined)(branch);
}

/** After Revert Last Commit…: what was reverted and, when the revert runs by itself, that its run has started (firsthour34 F15). */
export function revertedMessage(reverted: string, revert: string, runs: boolean): string {
  return `reverted ${shortSha(reverted)} as ${shortSha(revert)}${runs ? '; its run has started (trigger: commit)' : ''}`;
}
