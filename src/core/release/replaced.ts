/**
 * What a run's production deploy replaced, said after the fact where no one was asked (a commit's
 * own run under `trigger: commit`): the release live before it, and the commits live then that the
 * deployed commit lacks, as `deploy production` asks about before it deploys (review40 M1).
 */
import { deployContext } from '../deploy';
import type { PipelineEngine } from '../engine';
import { liveBefore, removedCommits } from './facts';
import type { Replaced } from './types';

/** Undefined when the run's commit holds everything live before it (the usual forward deploy), or deploy.json cannot say. */
export async function replacedBy(engine: PipelineEngine, run: { id: string; sha: string }): Promise<Replaced | undefined> {
  const context = await deployContext(engine);
  const { state, corrupt } = await context.store.read();
  const before = corrupt === undefined ? liveBefore(state, run.id) : undefined;
  if (!before || before.sha === run.sha) { return undefined; }
  const removed = await removedCommits(engine.folder, run.sha, before.sha);
  return removed && { live: before.sha, removed };
}
