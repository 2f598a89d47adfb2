/**
 * After `flags set`/`flags undo`/`flags add`: the change is in the working copy's file, and an
 * app reads the file it was deployed with, so without `flags.deployStage` a line says production
 * serves it once the file is committed and deployed (walkcli32 M5). Under `checkout: clean` the stage that ships flag changes
 * (`flags.deployStage`) runs a checkout of HEAD, so a change to the working copy's flags file
 * ships only once committed (review22 H3). Said after the change, never instead of it: turning a
 * flag off must not wait (the app may read the file itself).
 */
import * as path from 'node:path';
import { PipelineEngine } from '../../core/engine';
import { loadFlagsFiles, servesProductionEnv, uncommittedFlagsFiles, type ChangeOutcome } from '../../core/flags';
import { printable } from '../../core/format';
import { displayPath } from '../paths';
import type { FlagsCli } from './flagsLoad';

/** The note's text, or undefined when the deploy stage would ship the change as it is (or there is none). */
export async function shipNote(cli: FlagsCli, outcome: ChangeOutcome, cwd: string): Promise<string | undefined> {
  const stage = cli.pipeline?.pipeline.flags?.deployStage;
  if (outcome.changes.length === 0) { return undefined; }
  if (stage === undefined) { return deployNote(cli, outcome, cwd); }
  if (!cli.pipeline || cli.pipeline.pipeline.checkout !== 'clean') { return undefined; }
  // The commit's own file decides whether the run is clean (core/engine/runSource.ts): asked as `run --stage` would.
  const checked = await new PipelineEngine({ folder: cli.pipeline.folder, configFile: cli.pipeline.configFile }).check({ trigger: 'cli', only: stage }).catch(() => undefined);
  if (checked?.kind !== 'source' || checked.commit === undefined) { return undefined; }
  const files = await uncommittedFlagsFiles(cli.ctx.root, [outcome.file]).catch(() => [outcome.file]);
  if (files.length === 0) { return undefined; }
  const name = printable(displayPath(files[0], cwd));
  return `! ${name} is not committed: under checkout: clean "${printable(stage)}" runs the committed file, so it ships this change only once ${name} is committed\n`;
}

/** No stage ships flag changes: the environment that reads the file serves it once the file is deployed there. */
async function deployNote(cli: FlagsCli, outcome: ChangeOutcome, cwd: string): Promise<string | undefined> {
  const environments = (await loadFlagsFiles(cli.ctx).catch(() => [])).map((f) => f.ref.environment);
  const target = servesProductionEnv(outcome.environment, environments) ? 'production' : outcome.environment === 'non-prod' ? 'non-prod' : undefined;
  if (target === undefined) { return undefined; }
  const name = printable(path.relative(cwd, outcome.file)); // as the first line names it (flagsWhich.ts), also from a subfolder
  return `written to ${name}: ${target} serves it once ${name} is committed and deployed (\`gearshift deploy ${target}\`)\n`;
}
