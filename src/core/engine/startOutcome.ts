/** What `engine.start()` answers. */
import type { LoadResult } from '../config/types';
import type { PipelineRun } from '../pipeline/runner';
import type { RunRecord } from '../pipeline/types';

export type StartOutcome =
  | { kind: 'started'; run: PipelineRun; done: Promise<RunRecord> }
  | { kind: 'invalid'; result: Extract<LoadResult, { ok: false }> }
  | { kind: 'queued' }
  | { kind: 'refused'; reason: string };
