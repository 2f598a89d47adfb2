/**
 * With blue/green `deploy:`, which slot is live is kept in the local clone (`.git/gearshift`): a CI
 * runner's fresh clone knows none. A production stage there would run its command with no
 * GEARSHIFT_SLOT and no switch (or, `--via-cli`, switch into the first slot, live or not). Such
 * stages, and what needs them, are left out of every export and named, in the file and by the CLI.
 */
import type { Pipeline } from '../config';
import { withDependents } from './failFast';

export function blueGreenLeftOut(pipeline: Pipeline): ReadonlySet<string> {
  if (!pipeline.deploy) { return new Set(); }
  return withDependents(pipeline.stages, new Set(pipeline.stages.filter((s) => s.environment === 'production').map((s) => s.name)));
}

/** The pipeline as the export writes it: without the stages blueGreenLeftOut names. */
export function exportedPart(pipeline: Pipeline): Pipeline {
  const out = blueGreenLeftOut(pipeline);
  return out.size === 0 ? pipeline : { ...pipeline, stages: pipeline.stages.filter((s) => !out.has(s.name)) };
}
