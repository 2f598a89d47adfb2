/** What a caller passes to start a pipeline run. */

import type { Pipeline, Stage } from '../config/types';
import type { RunRecord } from './types';

export interface RunOptions {
  pipeline: Pipeline;
  sha: string;
  branch: string;
  trigger: string;
  /** Default: a random UUID. */
  runId?: string;
  /** Run this single stage only, ignoring its needs. */
  only?: string;
  /** Run this stage and every later one in file order; earlier ones are skipped. */
  from?: string;
  /**
   * Asked before a stage with `approval: manual` runs. Absent → declined. `signal` aborts
   * when the answer is no longer needed (run cancelled or stopped), so a prompt can close.
   */
  approve?: (stage: Stage, run: RunRecord, signal: AbortSignal) => Promise<boolean>;
  /** Default: process.env. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Added last, e.g. GEARSHIFT_SLOT. */
  extraEnv?: Record<string, string>;
  /** Default true: FORCE_COLOR=1 for stages, unless a stage sets FORCE_COLOR/NO_COLOR itself. */
  color?: boolean;
  /** SIGTERM → SIGKILL grace for timeouts and cancel. Default 5000. */
  killGraceMs?: number;
}

export const DEFAULT_KILL_GRACE_MS = 5000;
