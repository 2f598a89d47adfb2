/**
 * The commit trigger's vocabulary: what it tells views (the CLI's `watch`, the sidebar, the
 * status bar) about each commit it sees and each run it starts. Subjects and branch names are
 * carried as data only.
 */
import type { ConfigError } from '../config';
import type { PipelineEngine } from '../engine';
import type { CommitTracker, PlannedRun, CommitInfo, CommitOperation, MoveOperation, TrackedCommit } from '../git';
import type { RunRecord } from '../pipeline';

export type { PlannedRun } from '../git';

export interface CommitTriggerOptions {
  engine: PipelineEngine;
  /** Default: a tracker on `engine.folder`, created, started and disposed by the trigger. */
  tracker?: CommitTracker;
  /** Plain-text diagnostics (invalid config, a run that could not start, git errors). */
  log?: (line: string) => void;
}

/** Why a commit starts no run. */
export type IgnoredBecause =
  /** `trigger: manual` (the default): commits are listed, runs are started by hand. */
  | 'manual'
  /** The commit's branch matches none of `branches:` (a detached HEAD matches none). */
  | 'branch'
  /** `.gearshift.yml` is missing or invalid: nothing runs until it is fixed. */
  | 'invalid'
  /** A run for it (or one covering it) already started: a sha never runs twice. */
  | 'ran';

export type CommitDecision =
  | { triggers: true; message: string }
  | { triggers: false; because: IgnoredBecause; message: string };

/** Whether new commits start runs right now, and why not (for a banner or a tooltip). */
export type TriggerMode =
  | { state: 'unknown' }
  | { state: 'commit'; branches: readonly string[]; queue: 'latest' | 'all'; checkout?: 'workspace' | 'clean' }
  | { state: 'manual'; file: string }
  | { state: 'invalid'; errors: readonly ConfigError[] };

export type TriggerEvent =
  /** One per new commit, parents first, with whether it starts (or joins) a run. */
  | { type: 'commitSeen'; commit: CommitInfo; operation: CommitOperation; decision: CommitDecision }
  /** A planned run waits for the running one (latest wins: the same slot moves to a newer sha). */
  | { type: 'runQueued'; plan: PlannedRun }
  /**
   * A run began: one the trigger started (`byTrigger`), or one started by hand / the CLI, which
   * counts as that sha's run so the trigger never runs it again.
   */
  | { type: 'runStarted'; plan: PlannedRun; runId: string; byTrigger: boolean }
  | { type: 'runEnded'; plan: PlannedRun; run: RunRecord; byTrigger: boolean }
  /** Commits whose `commitSeen` named another run (queue: latest, a newer commit took its place): `runSha`'s run, just started, covers them. Oldest first, once each. */
  | { type: 'commitsCovered'; shas: string[]; runSha: string; runId: string }
  /** Another commit trigger in this clone (a second `watch`, the editor), or someone by hand (`run.trigger`), ran or covered the plan's sha: not run again. */
  | { type: 'ranElsewhere'; plan: PlannedRun; run: RunRecord }
  /** The engine would not start a planned run (checkout failed, not a repository …): not retried. */
  | { type: 'runNotStarted'; plan: PlannedRun; reason: string; missingSecrets?: readonly string[] }
  /** A green run passed the production stages: these commits are in production. `past`: a run history held at start (review40 H2), for the views, no news. */
  | { type: 'commitsDeployed'; shas: string[]; runId: string; past?: true }
  /** The config became invalid (told once per distinct set of errors). */
  | { type: 'configInvalid'; errors: readonly ConfigError[] }
  /** The tracker's own news, passed through. */
  | { type: 'headMoved'; operation: MoveOperation; from: string; to: string; branch: string }
  | { type: 'repoAppeared'; gitDir: string }
  | { type: 'repoGone'; gitDir: string }
  /** `missed`: HEAD positions the tracker gave up reading: their commits start no run (the message says so). */
  | { type: 'error'; message: string; missed?: string[] };

/** Commits not in production yet, for the sidebar: how many and the oldest (by commit time). */
export interface Undeployed {
  count: number;
  /** What they wait for: production, or (a pipeline with no production stage) a green run. */
  finish: 'production' | 'green run';
  oldest?: TrackedCommit;
  /** Oldest seen first. */
  commits: TrackedCommit[];
}

/** The run that covered a commit, for the status bar tooltip ("last commit: green"). */
export interface CommitRun {
  runId: string;
  /** The sha the run was for (the commit itself, or a newer one that covered it). */
  runSha: string;
  state: RunRecord['state'];
  /** Why the run is no verdict on the commit (HEAD moved during it, under checkout: workspace): its cancelReason. */
  reason?: string;
  /** When this run is no verdict (running, cancelled, interrupted): the latest green or red run of the commit before it. */
  verdict?: { runId: string; runSha: string; state: 'green' | 'red' };
}
