/**
 * The stages a pipeline's stage list shows: those of the file the next run follows
 * (runSource.ts), so the list and the run agree. Under `checkout: clean` that is the commit's
 * file: an uncommitted rename shows the name that will run, and the row of the stage that did
 * run keeps its record (and its Re-run). Git is asked only under `clean`, and only when
 * `mayAskGit` (a trusted workspace: the commit's file is read with its checkout filters); else,
 * and when the run would be refused, the working copy's stages are listed, as before.
 */
import type { PipelineEngine } from './engine';

/** Stage names in file order; undefined when the working copy's file does not parse (the last run's stages are shown then). */
export async function listedStages(engine: Pick<PipelineEngine, 'validate' | 'check'>, mayAskGit: boolean): Promise<string[] | undefined> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return undefined; }
  if (mayAskGit && loaded.pipeline.checkout === 'clean') {
    const checked = await engine.check({ trigger: 'manual' }).catch(() => undefined);
    if (checked?.kind === 'source') { return checked.pipeline.stages.map((s) => s.name); }
  }
  return loaded.pipeline.stages.map((s) => s.name);
}
