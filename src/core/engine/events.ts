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
}

/** What to do when a run is asked for while one is running. */
export type WhenBusy = 'queue' | 'cancel' | 'refuse';
