/**
 * How a run record reads in `status` and `history`: short sha, local time, duration, culprit.
 * Names, branches and reasons come from history, a file: they are shown through printable().
 */
import { formatDuration, localTime, printable } from '../core/format';
import { endIsLastSeen, type RunRecord, type StageRecord } from '../core/pipeline';
import { deployFactsOf, failedStageOf, redForAt } from '../core/redgreen';

/** Total run time; for a run still going, the time so far. '' when unknown (interrupted). */
export function runDuration(run: RunRecord, now = Date.now()): string {
  if (typeof run.durationMs === 'number') { return formatDuration(run.durationMs); }
  const start = Date.parse(run.startedAt);
  const end = run.endedAt ? Date.parse(run.endedAt) : run.state === 'running' ? now : NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end)) { return ''; }
  return `${endIsLastSeen(run) ? 'at least ' : ''}${formatDuration(end - start)}`;
}

/** The stage that turned the run red, if any. */
export function failedStage(run: RunRecord): StageRecord | undefined {
  return run.stages.find((s) => s.state === 'failed' || s.state === 'timedOut');
}

/** "Unit Tests (exited with code 1)". */
export function describeFailure(stage: StageRecord): string {
  const why = stage.reason ?? (stage.state === 'timedOut' ? 'timed out' : stage.exitCode !== null ? `exit ${stage.exitCode}` : 'failed');
  return `${printable(stage.name)} (${printable(why)})`;
}

/**
 * What turned the run red, with why: its failed stage as describeFailure says, else what the
 * editor's alert names (failedStageOf: "the blue/green switch", "the rollback", "production
 * monitoring") with the first line of the deploy's message. undefined when nothing failed.
 */
export function describeRunFailure(run: RunRecord): string | undefined {
  const [stage, ...others] = run.stages.filter((s) => s.state === 'failed' || s.state === 'timedOut');
  // Parallel stages fail together: naming only the first leaves the next surprise for the next run.
  if (stage) { return [describeFailure(stage), ...others.map((s) => `also ${describeFailure(s)}`)].join('; '); }
  const what = failedStageOf(run);
  if (what === undefined) { return undefined; }
  const why = deployFactsOf(run).message;
  return why ? `${printable(what)} (${printable(why)})` : printable(what);
}

/** "red for 14m (since 2024-05-01 12:00:03)": the status bar's timer, with its start. */
export function describeRedFor(redSince: number, now = Date.now()): string {
  const since = Number.isFinite(redSince) ? ` (since ${localTime(new Date(redSince).toISOString())})` : '';
  return `${redForAt(redSince, now)}${since}`;
}

/** " on main", or '' without a branch: as data, printable. */
export function onBranch(run: RunRecord): string {
  return run.branch ? ` on ${printable(run.branch)}` : '';
}

