/**
 * After `flags set`/`flags undo`: under `checkout: clean` the stage that ships flag changes
 * (`flags.deployStage`) runs a checkout of HEAD, so a change to the working copy's flags file
 * ships only once committed (review22 H3). Said after the change, never instead of it: turning a
 * flag off must not wait (the app may read the file itself).
 */
import { PipelineEngine } from '../../core/engine';
import { uncommittedFlagsFiles, type ChangeOutcome } from '../../core/flags';
import { printable } from '../../core/format';
import { displayPath } from '../paths';
import type { FlagsCli } from './flagsLoad';

/** The note's text, or undefined when the deploy stage would ship the change as it is (or there is none). */
export async function shipNote(cli: FlagsCli, outcome: ChangeOutcome, cwd: string): Promise<string | undefined> {
  const stage = cli.pipeline?.pipeline.flags?.deployStage;
  if (!cli.pipeline || stage === undefined || outcome.changes.length === 0 || cli.pipeline.pipeline.checkout !== 'clean') { return undefined; }
  // The commit's own file decides whether the run is clean (core/engine/runSource.ts): asked as `run --stage` would.
  const checked = await new PipelineEngine({ folder: cli.pipeline.folder, configFile: cli.pipeline.configFile }).check({ trigger: 'cli', only: stage }).catch(() => undefined);
  if (checked?.kind !== 'source' || checked.commit === undefined) { return undefined; }
  const files = await uncommittedFlagsFiles(cli.ctx.root, [outcome.file]).catch(() => [outcome.file]);
  if (files.length === 0) { return undefined; }
  const name = printable(displayPath(files[0], cwd));
  return `! ${name} is not committed: under checkout: clean "${printable(stage)}" runs the committed file, so it ships this change only once ${name} is committed\n`;
}
