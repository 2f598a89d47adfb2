/**
 * `--via-cli`: each job runs the stage through Gearshift itself, so history, masking and
 * timeouts behave as on the laptop. The stage name reaches the shell only through an env var:
 * a name such as `a"; rm -rf ~ #` is data, never part of the command line.
 */
import type { Stage } from '../config';

export const VIA_CLI_STAGE_VAR = 'GEARSHIFT_EXPORT_STAGE';
/** Gearshift enforces the stage timeout itself; the engine's limit comes later so Gearshift can record it. */
export const VIA_CLI_GRACE_MINUTES = 5;

export function viaCliCommand(stage: Stage): string {
  // `--stage=VALUE`: a name starting with `-` stays a value. `--yes`: the engine has already gated the job.
  return `npx --no gearshift run --stage="$${VIA_CLI_STAGE_VAR}"${stage.approval === 'manual' ? ' --yes' : ''}`;
}
