/**
 * A stage timeout longer than the engine's hosted runners allow: kept as written (a self-hosted
 * runner honours it, the user's to decide), but said beside the file and in its header.
 */
import type { Pipeline, Stage } from '../config';
import { oneLine, timeoutMinutes } from './common';
import type { ExportOptions, ExportTarget } from './types';
import { VIA_CLI_GRACE_MINUTES } from './viaCli';

/**
 * GitHub-hosted runners end a job after 6 hours; GitLab.com's hosted runners after 3 hours,
 * whatever `timeout:` says (self-managed runners honour the job's timeout).
 */
const HOSTED_MAX_MINUTES: Readonly<Record<ExportTarget, number>> = { github: 360, gitlab: 180 };
const HOSTED_RUNNERS: Readonly<Record<ExportTarget, string>> = {
  github: 'GitHub-hosted runners stop a job at 360 minutes (self-hosted ones honour it)',
  gitlab: 'GitLab.com\'s hosted runners stop a job at 3 hours (180 minutes; self-managed runners honour it)',
};
const TIMEOUT_KEY: Readonly<Record<ExportTarget, string>> = { github: 'timeout-minutes', gitlab: 'timeout' };

/** The job's timeout in minutes: the stage's, plus, under `--via-cli`, the set-up's grace. */
export function jobTimeoutMinutes(stage: Stage, viaCli: boolean): number {
  return timeoutMinutes(stage.timeoutMs) + (viaCli ? VIA_CLI_GRACE_MINUTES : 0);
}

export function timeoutWarnings(pipeline: Pipeline, options: ExportOptions): string[] {
  const max = HOSTED_MAX_MINUTES[options.target];
  return pipeline.stages.map((s) => ({ name: s.name, minutes: jobTimeoutMinutes(s, options.viaCli === true) }))
    .filter((t) => t.minutes > max)
    .map((t) => `"${oneLine(t.name)}" has ${TIMEOUT_KEY[options.target]} ${t.minutes}${options.target === 'gitlab' ? 'm' : ''}; ${HOSTED_RUNNERS[options.target]}`);
}
