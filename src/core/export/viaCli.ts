/**
 * `--via-cli`: each job runs the stage through Gearshift itself, so history, masking and
 * timeouts behave as on the laptop. The stage name reaches the shell only through an env var:
 * a name such as `a"; rm -rf ~ #` is data, never part of the command line.
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

export function viaCliCommand(stage: Stage): string {
  // `--stage=VALUE`: a name starting with `-` stays a value. `--yes`: the engine has already gated the job.
  // `--no --offline`: the gearshift the job installed, or an error; npx neither installs nor asks a registry.
  return `npx --no --offline gearshift run --stage="$${VIA_CLI_STAGE_VAR}"${stage.approval === 'manual' ? ' --yes' : ''}`;
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

/**
 * With blue/green `deploy:`, `gearshift run --stage` of a production stage runs the slot switch
 * on the CI runner, whose fresh clone knows no live slot (`.git/gearshift` is per clone): every
 * CI deploy would land in the first slot, live or not. Such stages, and what needs them, are
 * left out of a `--via-cli` export and named in its footer.
 */
export function viaCliLeftOut(pipeline: Pipeline, viaCli: boolean | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  if (viaCli !== true || !pipeline.deploy) { return out; }
  for (const s of pipeline.stages) { if (s.environment === 'production') { out.add(s.name); } }
  for (let grew = true; grew;) {
    grew = false;
    for (const s of pipeline.stages) {
      if (!out.has(s.name) && s.needs.some((n) => out.has(n))) { out.add(s.name); grew = true; }
    }
  }
  return out;
}

/** The pipeline as a `--via-cli` export runs it: without the stages viaCliLeftOut names. */
export function exportedPart(pipeline: Pipeline, viaCli: boolean | undefined): Pipeline {
  const out = viaCliLeftOut(pipeline, viaCli);
  return out.size === 0 ? pipeline : { ...pipeline, stages: pipeline.stages.filter((s) => !out.has(s.name)) };
}

/** The set-up planExport found, or (a pure export) `npm ci` in the config's folder. */
export function viaCliSetupOf(pipeline: Pipeline, options: ExportOptions): ViaCliSetup {
  return options.viaCliSetup ?? defaultViaCliSetup(relativeFolder(repoRootOf(pipeline, options), pipeline.root));
}
