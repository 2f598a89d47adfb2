/**
 * What the deploy commands answer (deployCommands.ts). Shared by the CLI and the extension's
 * palette commands: each outcome has a `result` and one plain `message` ready to show; progress
 * arrives as the engine's `deploy` events (and a started run's own events).
 */
import type { ConfigError } from '../config';
import type { RunRecord } from '../pipeline';
import type { DeployOutcome, MonitorResult, MonitorSample, DeployRecord, NonProdPass, SlotInfo } from '../deploy';
import type { LockHolder } from '../lock';
import type { RedNow } from '../redgreen';
import type { Uncommitted } from '../git';

/** The pipeline is red now (redgreen's, shared with the run hooks' red guard). */
export type { RedNow };

/** How a deploy command that runs the pipeline (non-prod, production, promote, redeploy) ended. */
export type DeployRunOutcome =
  /**
   * `alert`: the release went live and monitoring tripped (see deploy.rollback). `inconclusive`:
   * live, monitoring could not tell; it waits for a decision (decideRelease / rollbackProduction).
   */
  | {
    result: 'ok' | 'failed' | 'alert' | 'inconclusive'; message: string; record: RunRecord; deploy?: DeployOutcome;
    /** A non-prod deploy's sha, recorded as its last pass: what a promote would ship (each front says how). */
    promotable?: string;
  }
  /** Stopped; `record` is absent when it stopped before any stage ran (e.g. during the baseline). */
  | { result: 'cancelled'; message: string; record?: RunRecord; deploy?: DeployOutcome }
  /**
   * Nothing deployed: red without the override, a run in progress … With `record`: the run got
   * to production and another deploy held the lock, so its production stages were cancelled.
   */
  | { result: 'refused'; message: string; red?: RedNow; record?: RunRecord; deploy?: DeployOutcome; missingSecrets?: readonly string[] }
  | { result: 'invalid'; message: string; errors: readonly ConfigError[] };

export interface RunCommandOptions {
  /** History's `trigger`; default per command ('deploy', 'promote', 'rollback'). */
  trigger?: string;
  /** Who approved (a person's name): recorded on the run and the deploy record. */
  approvedBy?: string;
  /** Aborting cancels: before the switch the live slot stays as it was. */
  signal?: AbortSignal;
  /** Once the run starts: its id filters the engine's events to this run. `uncommitted`: as the engine's StartOutcome (asked with `nameUncommitted`). */
  onStarted?: (run: { runId: string; sha: string; uncommitted?: Uncommitted }) => void;
}

/** Switch or instant (blue/green) rollback. */
export type SlotOutcome =
  | { result: 'ok'; message: string; live: string; previous?: string; sha: string; record?: DeployRecord; history?: RunRecord }
  | { result: 'failed' | 'cancelled'; message: string; live?: string; record?: DeployRecord; history?: RunRecord }
  /** `missingSecrets`: deploy.env needs secrets that are not set (nothing ran); `live` is the slot still live. */
  | { result: 'refused'; message: string; missingSecrets?: readonly string[]; live?: string }
  | { result: 'invalid'; message: string; errors: readonly ConfigError[] };

/** Blue/green rolls back with a switch; without slots, by redeploying the previous good sha. */
export type RollbackOutcome = (SlotOutcome & { via: 'switch' }) | (DeployRunOutcome & { via: 'redeploy' });

export interface SlotOptions {
  approvedBy?: string;
  /** This rollback answers an inconclusive release's question (recorded as its decision). */
  decided?: boolean;
  /** Aborting stops the switch script (it may have partly run; the recorded live slot is unchanged). */
  signal?: AbortSignal;
  /**
   * The switch a person said yes to (planSwitch's or planRollbackNow's `to`, `sha`, `from`): if
   * production changed since (a deploy elsewhere while the question was open), nothing is switched.
   */
  confirmed?: ConfirmedSwitch;
  /** Without slots: the commit a person said yes to redeploying; a different one planned now (a deploy meanwhile) is refused. */
  confirmedRedeploy?: string;
  /** Switch: the slot to make live (`gearshift switch --to`); the way out when an interrupted switch left the live slot unknown. */
  to?: string;
}

export interface ConfirmedSwitch { to: string; sha: string; from?: string }

export type MonitorNowOutcome =
  | { result: 'ok' | 'alert' | 'inconclusive' | 'cancelled'; message: string; monitor: MonitorResult; samples: MonitorSample[] }
  | { result: 'refused'; message: string; missingSecrets?: readonly string[] }
  | { result: 'invalid'; message: string; errors: readonly ConfigError[] };

/** What production runs: its commit, when it was deployed, its slot; `madeLive` when a switch or rollback made it live later. */
export interface LiveNow { sha: string; at: string; slot?: string; madeLive?: { by: 'switch' | 'rollback'; at: string } }

/** What a production deploy's confirmation shows (planProductionDeploy). */
export interface ProductionPlan {
  kind: 'plan';
  /** HEAD: what would deploy ('none' outside git). */
  sha: string;
  subject?: string;
  branch: string;
  /** Uncommitted changes: stages run on the working tree, which is not the commit. */
  dirty: boolean;
  /** What production runs now, if known. */
  lastProduction?: LiveNow;
  /**
   * Without blue/green, a deploy stopped in its production stages: production may hold part of it,
   * in `gearshift status`'s words (core/deploy productionUnknownText); `lastProduction` is then the release live before it.
   */
  productionUnknown?: string;
  /** This commit was live before and a rollback took it out (and it is not live again): when. */
  rolledBack?: { at: string };
  /** deploy.json is corrupt: what is live is unknown (not "nothing deployed"), and `blocked` says why. */
  stateCorrupt?: true;
  /** Commits in lastProduction..sha, newest first, at most PLAN_COMMIT_LIMIT; undefined when unknown (see commitsNote). */
  commits?: Array<{ sha: string; subject: string }>;
  /** More commits than listed. */
  moreCommits: boolean;
  commitsNote?: string;
  /**
   * Commits in sha..lastProduction: live now, and gone from production after this deploy (an older
   * commit, a branch from an older base), newest first, bounded; absent when none (or unknown).
   * With no `commits` at all, sha is an ancestor of the live commit: the deploy goes back in time.
   */
  removed?: { commits: Array<{ sha: string; subject: string }>; more: boolean };
  blueGreen: boolean;
  /** The idle slot the release goes to (blue/green). */
  targetSlot?: string;
  liveSlot?: string;
  productionStages: string[];
  monitor?: { windowMs: number; intervalMs: number; autoRollback: boolean; probes: string[] };
  /** Red now: the deploy is refused unless overridden. */
  red?: RedNow;
  /** Another deploy (this or another process) holds the deploy lock. */
  deployInProgress?: LockHolder;
  /** Secrets the run references that are not set: it would be refused before any stage, so nobody should be asked to confirm it. */
  missingSecrets?: readonly string[];
  /** Why the deploy cannot start now, whatever the override (no production stage, a deploy or run in progress). */
  blocked?: string;
  /** deploy.json problems, git problems: shown, never fatal. */
  problems: string[];
}

export type PlanResult = ProductionPlan | { kind: 'invalid'; message: string; errors: readonly ConfigError[] };

export interface DeployHistory {
  /** Newest first. */
  records: DeployRecord[];
  live?: string;
  previous?: string;
  slots: Record<string, SlotInfo>;
  lastNonProdPass?: NonProdPass;
  problems: string[];
  /** deploy.json did not parse: why production changes refuse, with the way out (StateRead.corrupt). */
  corrupt?: string;
}

/** Exit code of a release left waiting for a decision (monitoring inconclusive, nobody asked). */
export const EXIT_INCONCLUSIVE = 3;

/** The CLI contract's exit codes: 0 ok, 1 failed or alert, 2 refused or invalid, 3 inconclusive, 130 cancelled. */
export function exitCodeOf(result: DeployRunOutcome['result'] | SlotOutcome['result'] | MonitorNowOutcome['result']): number {
  switch (result) {
    case 'ok': return 0;
    case 'inconclusive': return EXIT_INCONCLUSIVE;
    case 'failed': case 'alert': return 1;
    case 'refused': case 'invalid': return 2;
    case 'cancelled': return 130;
  }
}

/** What a run's production deploy took out (replaced.ts): the release live before it, and its commits the deployed one lacks (bounded: `more`). */
export interface Replaced {
  live: string;
  removed: { commits: Array<{ sha: string; subject: string }>; more: boolean };
}
