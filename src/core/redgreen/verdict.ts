/**
 * The pipeline's state as the status bar and `gearshift status` say it. A cancelled run (Stop,
 * Ctrl+C, a declined approval) gave no verdict and leaves the last one standing: red while a
 * red period is open (only a green run ends it; that holds for interrupted runs too), else
 * green when a run was green before it, with the cancelled run in `after` so the tooltip and
 * the CLI still name it. An interrupted run (the editor or CLI died mid-run) is still shown as
 * such on a green pipeline, also when a cancelled run came after it: its processes were
 * cleaned up after it, and that needs a look.
 */
import { statusOfRun, type PipelineStatus } from '../engine';
import type { RunRecord } from '../pipeline';
import type { RedPeriod } from './period';

/** `standing`: the newest run that was not cancelled (standingRun): the verdict a cancelled run leaves. */
export function pipelineStatus(last: RunRecord | undefined, period: RedPeriod | undefined, standing: RunRecord | undefined): PipelineStatus {
  const status = statusOfRun(last);
  if (status.kind === 'running' || status.kind === 'notRun') { return status; }
  if (period) { return status.kind === 'red' ? status : { kind: 'red', run: period.latestRedRun, ...cancelledAfter(status, period.latestRedRun) }; }
  if (status.kind !== 'cancelled' || !standing || !last || standing.id === last.id) { return status; }
  if (standing.state === 'green') { return { kind: 'green', run: standing, after: last }; }
  return standing.state === 'interrupted' ? { kind: 'interrupted', run: standing } : status;
}

/** A cancelled run after the red one still names itself (walkedit33 H1: a reload lost the line the live window had). */
function cancelledAfter(status: PipelineStatus, red: RunRecord): { after?: RunRecord } {
  return status.kind === 'cancelled' && status.run.id !== red.id ? { after: status.run } : {};
}

/**
 * The record the verdict comes from, the one `gearshift status` takes (its newest record): a switch's,
 * a rollback's or a decision's included, which the engine's `lastRun` (the stages shown) never is (H1: a
 * rollback that ended red left the status item red). `stageRun`, the engine's live record, when it is that
 * same run, is still running, or is newer (`newest` not read again yet after another process's run).
 */
export function verdictRun(stageRun: RunRecord | undefined, newest: RunRecord | undefined): RunRecord | undefined {
  if (!stageRun || !newest) { return stageRun ?? newest; }
  const stageRunWins = stageRun.state === 'running' || newest.id === stageRun.id || Date.parse(newest.startedAt) < Date.parse(stageRun.startedAt);
  return stageRunWins ? stageRun : newest;
}

/** The newest run of `runsNewestFirst` that gave a verdict or needs a look (not cancelled, not running). */
export function standingRun(runsNewestFirst: readonly RunRecord[]): RunRecord | undefined {
  return runsNewestFirst.find(standsAsVerdict);
}

/** A run a later cancelled one leaves standing: it ended, and not by being cancelled. */
export function standsAsVerdict(run: RunRecord): boolean {
  return run.state !== 'cancelled' && run.state !== 'running';
}
