/** What a caller passes to start a pipeline run. */

import type { Pipeline, Stage } from '../config';
import type { StageGate } from './gate';
import type { RunRecord } from './types';
import type { OutputFlow } from './flow';
import type { ResolvedSecrets } from '../secrets';

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
  /** 'non-prod': the `environment: non-prod` stages and what they need, no production stage (graph.ts). */
  target?: 'non-prod';
  /** 'production': only the `environment: production` stages, their outside needs counted as met. */
  environment?: 'production';
  /**
   * Asked before a stage with `approval: manual` runs. Absent → declined. `signal` aborts
   * when the answer is no longer needed (run cancelled or stopped): a prompt that can close
   * should; one that cannot (a VS Code notification or modal) must let a later answer change nothing.
   * `{ notAsked }`: not approved because nobody could be asked (why: no terminal, CI), recorded so.
   * `{ approvedBy }`: approved by that person, recorded on the stage (docs/deploys.md), with how
   * long the gate waited for the answer; `inAdvance`: approved before it was asked (`--yes`), no wait.
   */
  approve?: (stage: Stage, run: RunRecord, signal: AbortSignal) => Promise<ApprovalAnswer>;
  /** Default: process.env. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Added last, e.g. GEARSHIFT_SLOT. */
  extraEnv?: Record<string, string>;
  /**
   * Held before the gate's stages start (gate.ts): a production deploy's lock and baseline.
   * `ok: false` stops the pipeline like a declined approval, the reason on the stage.
   */
  gate?: StageGate;
  /** Default true: FORCE_COLOR=1 for stages, unless a stage sets FORCE_COLOR/NO_COLOR itself. */
  color?: boolean;
  /** SIGTERM → SIGKILL grace for timeouts and cancel. Default 5000. */
  killGraceMs?: number;
  /** Backpressure from whoever shows the output (flow.ts); absent: read as fast as it comes. */
  flow?: OutputFlow;
  /**
   * Values for the `${{ secrets.NAME }}` references in stage env, and what masks them in the
   * output. A run whose selected stages reference a secret not in here does not start.
   */
  secrets?: ResolvedSecrets;
}

export const DEFAULT_KILL_GRACE_MS = 5000;

/** A manual gate's answer: approved (by whom, when the asker knows), declined, or nobody could be asked. */
export type ApprovalAnswer = boolean | { notAsked: string } | { approvedBy: string; inAdvance?: boolean };
