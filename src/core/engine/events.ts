/** What an engine tells its views: the runner's events plus the engine's own. */
import type { CheckoutMode, ConfigError } from '../config/types';
import type { DeployEvent } from '../deploy/events';
import type { RunEvent, RunRecord } from '../pipeline/types';

/** What deploy commands that run no pipeline (switch, rollback, monitor) say, start and end. */
export type OperationEvent =
  | { type: 'operationStarted'; operation: DeployOperation; message: string }
  | { type: 'operationEnded'; operation: DeployOperation; result: 'ok' | 'failed' | 'alert' | 'refused' | 'cancelled'; message: string };

export type DeployOperation = 'switch' | 'rollback' | 'monitor';

export type EngineEvent =
  | RunEvent
  /** A run was asked for but the config is invalid: nothing ran. */
  | { type: 'configInvalid'; errors: readonly ConfigError[] }
  /** A request waits for the running run to end (at most one waits; the latest wins). */
  | { type: 'queued'; request: RunRequest }
  /** History could not be written or read; the run itself is unaffected. */
  | { type: 'historyProblem'; message: string }
  /** The last finished (or running) run changed: views re-read `engine.lastRun`. */
  | { type: 'lastRunChanged'; run: RunRecord | undefined }
  /**
   * A production deploy's progress (lock, baseline, switch, monitoring samples, alert,
   * rollback), or a deploy command outside a run. `runId` names the run it belongs to, if any.
   */
  | { type: 'deploy'; runId?: string; event: DeployEvent | OperationEvent };

export interface RunRequest {
  /** Who or what asked: manual | commit | cli | task | rerun … */
  trigger: string;
  only?: string;
  from?: string;
  /** 'non-prod': every `environment: non-prod` stage and what it needs; no production stage. */
  target?: 'non-prod';
  /** 'production': the production stages only (promote, redeploy); needs outside them count as met. */
  environment?: 'production';
  /** The run's id; default a random UUID. */
  runId?: string;
  /** 'clean': run in a temporary worktree of `sha` whatever the config says (promote an older sha). */
  checkout?: CheckoutMode;
  /** The commit this run is for (a commit-triggered run); default: HEAD when it starts. */
  sha?: string;
  branch?: string;
  /** Subject of `sha`, when the caller knows it (data only: shown, never executed). */
  subject?: string;
  /** Commits this run covers (latest-wins coalescing): recorded in history. */
  covers?: string[];
  /** Extra env for every stage, e.g. GEARSHIFT_SLOT. */
  extraEnv?: Record<string, string>;
  /** Extra fields recorded on the run (approvedBy, overrideRed, rollback …). */
  extra?: Record<string, unknown>;
}

/** What to do when a run is asked for while one is running. */
export type WhenBusy = 'queue' | 'cancel' | 'refuse';
