/** What an engine tells its views: the runner's events plus the engine's own. */
import type { ConfigError } from '../config/types';
import type { RunEvent, RunRecord } from '../pipeline/types';

export type EngineEvent =
  | RunEvent
  /** A run was asked for but the config is invalid: nothing ran. */
  | { type: 'configInvalid'; errors: readonly ConfigError[] }
  /** A request waits for the running run to end (at most one waits; the latest wins). */
  | { type: 'queued'; request: RunRequest }
  /** History could not be written or read; the run itself is unaffected. */
  | { type: 'historyProblem'; message: string }
  /** The last finished (or running) run changed: views re-read `engine.lastRun`. */
  | { type: 'lastRunChanged'; run: RunRecord | undefined };

export interface RunRequest {
  /** Who or what asked: manual | commit | cli | task | rerun … */
  trigger: string;
  only?: string;
  from?: string;
  /** The commit this run is for (a commit-triggered run); default: HEAD when it starts. */
  sha?: string;
  branch?: string;
  /** Subject of `sha`, when the caller knows it (data only: shown, never executed). */
  subject?: string;
  /** Commits this run covers (latest-wins coalescing): recorded in history. */
  covers?: string[];
  /** Extra env for every stage, e.g. GEARSHIFT_SLOT. */
  extraEnv?: Record<string, string>;
  /** Extra fields recorded on the run (environment, slot, approver, override …). */
  extra?: Record<string, unknown>;
}

/** What to do when a run is asked for while one is running. */
export type WhenBusy = 'queue' | 'cancel' | 'refuse';
