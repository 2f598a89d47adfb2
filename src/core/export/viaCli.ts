/**
 * `--via-cli`: each job runs the stage through Gearshift itself, so history, masking and
 * timeouts behave as on the laptop. The stage name is data: a name such as `a"; rm -rf ~ #`
 * never becomes part of the command (GitHub: through a step env var; GitLab: single-quoted).
 */
import type { Pipeline, Stage } from '../config';
import { secretNamesRunNeeds } from '../pipeline';
import { secretEnvVar } from '../secrets';
import { relativeFolder, repoRootOf } from './common';
import type { ExportOptions } from './types';
import { defaultViaCliSetup, type ViaCliSetup } from './viaCliSetup';

export const VIA_CLI_STAGE_VAR = 'GEARSHIFT_EXPORT_STAGE';
/**
 * Gearshift enforces the stage timeout itself; the engine's limit comes later so Gearshift can record
 * it, and the job's set-up (Node, `npm ci`) counts against the engine's limit too.
 */
export const VIA_CLI_GRACE_MINUTES = 15;

/** The step's stage argument on GitHub: the step's own env var (a step's env cannot be set from outside the workflow). */
export const VIA_CLI_STAGE_ARG = `"$${VIA_CLI_STAGE_VAR}"`;

/**
 * `stageWord`: the stage's name as one shell word — GitHub's VIA_CLI_STAGE_ARG, or on GitLab the name
 * single-quoted (a job variable there is outranked by a pipeline variable: review37b M2).
 */
export function viaCliCommand(stage: Stage, stageWord: string): string {
  // `--stage=VALUE`: a name starting with `-` stays a value. `--yes`: the engine has already gated the job.
  // `--no --offline`: the gearshift the job installed, or an error; npx neither installs nor asks a registry.
  return `npx --no --offline gearshift run --stage=${stageWord}${stage.approval === 'manual' ? ' --yes' : ''}`;
}

/**
 * `gearshift run` reads a secret only from `GEARSHIFT_SECRET_<NAME>`: each one `run --stage` of
 * this stage needs, mapped from the engine's secret (`reference(NAME)`). Only those: a job never
 * holds another stage's token (docs/secrets.md).
 */
export function viaCliSecretEnv(pipeline: Pipeline, stage: Stage, reference: (name: string) => string): Record<string, string> {
  const names = secretNamesRunNeeds(pipeline, { only: stage.name });
  return Object.fromEntries(names.map((name) => [secretEnvVar(name), reference(name)]));
}

/** The set-up planExport found, or (a pure export) `npm ci` in the config's folder. */
export function viaCliSetupOf(pipeline: Pipeline, options: ExportOptions): ViaCliSetup {
  return options.viaCliSetup ?? defaultViaCliSetup(relativeFolder(repoRootOf(pipeline, options), pipeline.root));
}
