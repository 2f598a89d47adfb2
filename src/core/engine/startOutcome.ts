/** What `engine.start()` answers. */
import type { LoadResult } from '../config';
import type { PipelineRun, RunRecord } from '../pipeline';
import type { NoStage } from './selection';
import type { Uncommitted } from '../git';

export type StartOutcome =
  /** `uncommitted`: a dirty run's paths, when the request asked (`nameUncommitted`), from the run's own `git status` before the first stage. */
  | { kind: 'started'; run: PipelineRun; done: Promise<RunRecord>; uncommitted?: Uncommitted }
  | { kind: 'invalid'; result: Extract<LoadResult, { ok: false }> }
  | { kind: 'queued' }
  /**
   * `missingSecrets`: refused because these secrets are not set (nothing ran). `red`: refused because the pipeline is red (why; hooks.ts RefusedOnRed).
   * `noStage`: `only`/`from` names no stage of the file the run follows (selection.ts; nothing ran).
   * `alreadyRan`: a commit trigger's run (`onceForSha`) that another trigger, or someone by hand, has run (alreadyRun.ts).
   * `chained`: its `chainRule` turned it away (alreadyRun.ts).
   */
  /** `notHead`: HEAD's sha, when a run named for another commit was refused under checkout: workspace (checkout.ts). */
  | { kind: 'refused'; reason: string; missingSecrets?: readonly string[]; red?: string; noStage?: NoStage; alreadyRan?: RunRecord; chained?: true; notHead?: string };
