/**
 * What the loaded config means for new commits (the trigger's mode) and, per commit, whether
 * it starts a run and why not. Messages are for people; `because` is for code.
 */
import type { LoadResult } from '../config';
import type { PlannedRun, CommitInfo } from '../git';
import type { CommitDecision, TriggerMode } from './types';
import { shortSha } from '../format';

export function modeOf(loaded: LoadResult): TriggerMode {
  if (!loaded.ok) {
    return { state: 'invalid', errors: loaded.errors };
  }
  const p = loaded.pipeline;
  return p.trigger === 'commit' ? { state: 'commit', branches: p.branches, queue: p.queue, checkout: p.checkout } : { state: 'manual', file: p.file };
}

/** One line saying why commits start no runs in this mode; undefined when they do. */
export function whyNoRuns(mode: TriggerMode): string | undefined {
  switch (mode.state) {
    case 'commit': return undefined;
    case 'manual': return 'the pipeline says `trigger: manual`: set `trigger: commit` in .gearshift.yml to run it on every commit';
    case 'invalid': return '.gearshift.yml is invalid: nothing runs until it is fixed';
    case 'unknown': return 'the pipeline has not been read yet';
  }
}

export interface DecideInput {
  mode: TriggerMode;
  /** The `branches:` filter of the current config. */
  matches: (branch: string) => boolean;
  /** Plans waiting to run, the next one first (after this commit was added). */
  waiting: readonly PlannedRun[];
  /** A run is in progress or starting, so a new plan waits. */
  busy: boolean;
  /** A run is in progress (not only starting: a launch may still be refused). */
  running: boolean;
}

export function decide(commit: CommitInfo, input: DecideInput): CommitDecision {
  const { mode } = input;
  const noRuns = whyNoRuns(mode);
  if (noRuns !== undefined) {
    return { triggers: false, because: mode.state === 'manual' ? 'manual' : 'invalid', message: noRuns };
  }
  if (!input.matches(commit.branch)) {
    const globs = mode.state === 'commit' ? mode.branches.join(', ') : '';
    return {
      triggers: false,
      because: 'branch',
      message: commit.branch === '' ? `detached HEAD: no branch to match \`branches: [${globs}]\`` : `branch not in \`branches: [${globs}]\``,
    };
  }
  const plan = input.waiting.find((p) => p.covers.includes(commit.sha));
  if (!plan) {
    return { triggers: false, because: 'ran', message: 'a run for it already started' };
  }
  if (mode.state === 'commit' && mode.queue === 'latest') { return { triggers: true, message: latestWords(commit.sha, plan.sha, input.running) }; }
  if (plan.sha !== commit.sha) {
    return { triggers: true, message: `covered by the run for ${shortSha(plan.sha)}` };
  }
  if (!input.busy) { return { triggers: true, message: 'triggers a run' }; }
  // queue: all under checkout: workspace: only a commit still HEAD when its turn comes runs (review22 M2).
  const onlyIfHead = mode.state === 'commit' && mode.queue === 'all' && mode.checkout !== 'clean';
  return { triggers: true, message: onlyIfHead ? 'queued: runs when the current run ends only if it is still HEAD then (queue: all needs checkout: clean)' : 'queued: runs when the current run ends' };
}

/**
 * queue: latest: a newer commit on the line takes a waiting commit's place before its run starts
 * (review39 M2), so the first word promises only that; the trigger's `commitsCovered` says later
 * which run covered it. Not "queued" while a launch is only starting: it may be refused (tests38 R4).
 */
function latestWords(sha: string, planSha: string, running: boolean): string {
  if (planSha !== sha) { return `covered by the run for ${shortSha(planSha)}, or a newer commit's if one comes first`; }
  return running ? 'queued: runs after the current run unless a newer commit comes first' : 'runs next unless a newer commit comes first';
}
