/**
 * The pipeline's state as the status bar and `gearshift status` say it. A cancelled run (Stop,
 * Ctrl+C, a declined approval) gave no verdict and leaves the last one standing: red while a
 * red period is open (only a green run ends it; that holds for interrupted runs too), else
 * green when a run was green before it, with the cancelled run in `after` so the tooltip and
 * the CLI still name it. An interrupted run (the editor or CLI died mid-run) is still shown as
 * such on a green pipeline: its processes were cleaned up after it, and that needs a look.
 */
import { statusOfRun, type PipelineStatus } from '../engine';
import type { RunRecord } from '../pipeline';
import type { RedPeriod } from './period';

export function pipelineStatus(last: RunRecord | undefined, period: RedPeriod | undefined, lastGreen: RunRecord | undefined): PipelineStatus {
  const status = statusOfRun(last);
  if (status.kind === 'running' || status.kind === 'notRun') { return status; }
  if (period) { return status.kind === 'red' ? status : { kind: 'red', run: period.latestRedRun }; }
  return status.kind === 'cancelled' && lastGreen && last && lastGreen.id !== last.id ? { kind: 'green', run: lastGreen, after: last } : status;
}

/** The newest green run of `runsNewestFirst` (the verdict a cancelled run leaves standing). */
export function newestGreen(runsNewestFirst: readonly RunRecord[]): RunRecord | undefined {
  return runsNewestFirst.find((r) => r.state === 'green');
}
