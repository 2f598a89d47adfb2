/**
 * The pipeline a deploy's run will follow, for what is said and checked before it (the plan's
 * production stages and missing secrets, "no production stage"): under `checkout: clean` the
 * commit's own file, as the engine runs it (core/engine/runSource.ts), else the working copy's;
 * with the request's `checkout: 'clean'` (a promote of an older commit), the commit's file.
 */
import type { LoadResult } from '../config';
import type { PipelineEngine, RunRequest } from '../engine';

/** A check the engine refuses (a clean run with no commit) is left to the run, which says why; the working copy's file stands in until then. */
export async function runPipeline(engine: PipelineEngine, request: Pick<RunRequest, 'sha' | 'checkout'> = {}): Promise<LoadResult> {
  const checked = await engine.check({ trigger: 'deploy', ...request });
  if (checked.kind === 'source') { return { ok: true, pipeline: checked.pipeline }; }
  return checked.kind === 'invalid' ? checked.result : engine.validate();
}
