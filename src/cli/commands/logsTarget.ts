/**
 * Which run `gearshift logs` shows: with no RUN, the run that holds the open red period (what
 * `status` and the editor's red item show), else the newest run: its saved output, or, killed
 * before its first stage ended (nothing saved), its record; with RUN, a saved run,
 * else a run history still lists (a failed switch saves no stage output; an old run's output
 * was pruned). Each comes with its history record, which says why a run has no log to show.
 */
import { argText } from '../argText';
import { localTime, printable, shortId } from '../../core/format';
import type { RunRecord } from '../../core/pipeline';
import { endsEveryRedPeriod, redPeriodFromHistory } from '../../core/redgreen';
import { KEEP_RUNS, pickRun, type SavedRun } from '../../core/runlog';
import { CliError, EXIT } from '../command';
import { readRecentHistory } from '../historyRead';
import type { CliIo } from '../io';

export interface LogsTarget { saved?: SavedRun; record?: RunRecord; /** Chosen because the pipeline is red (no RUN given). */ red?: true }

/** Runs back to the last one that ended every red period; for RUN, also back to it (a bounded look). */
export async function historyFor(folder: string, io: CliIo, ref: string | undefined): Promise<RunRecord[]> {
  const matches = (r: RunRecord): boolean => ref !== undefined && (r.id === ref || (ref.length >= 4 && r.id.startsWith(ref)));
  const enough = (runs: readonly RunRecord[]): boolean => runs.some(endsEveryRedPeriod) &&
    (ref === undefined || runs.length >= KEEP_RUNS * 4 || runs.some(matches));
  return (await readRecentHistory(folder, io, enough)).runs;
}

/** undefined: nothing saved and nothing red (nothing to show yet). */
export function chooseTarget(saved: readonly SavedRun[], history: readonly RunRecord[], ref: string | undefined): LogsTarget | undefined {
  const withRecord = (run: SavedRun): LogsTarget => {
    const record = history.find((h) => h.id === run.meta.id);
    return { saved: run, ...(record ? { record } : {}) };
  };
  if (ref === undefined) {
    const red = redPeriodFromHistory(history)?.latestRedRun;
    if (red) {
      const run = saved.find((r) => r.meta.id === red.id);
      return { ...(run ? { saved: run } : {}), record: red, red: true };
    }
    const killed = interruptedUnsaved(saved, history);
    if (killed) { return { record: killed }; }
    return saved.length > 0 ? withRecord(saved[0]) : undefined;
  }
  const pick = pickRun(saved, ref);
  if (pick.kind === 'found') { return withRecord(pick.run); }
  if (pick.kind === 'ambiguous') {
    throw new CliError(`"${printable(ref)}" matches ${pick.ids.length} runs (${pick.ids.slice(0, 5).map(shortId).join(', ')}${pick.ids.length > 5 ? ', …' : ''}); give more of the run id`, EXIT.usage);
  }
  const listed = history.filter((h) => h.id === ref || (ref.length >= 4 && h.id.startsWith(ref)));
  if (listed.length === 1) { return { record: listed[0] }; }
  throw noRun(ref);
}

/** The newest run in history, when it was interrupted (kill -9) with no output saved: newer than every saved run, and not one of them. */
function interruptedUnsaved(saved: readonly SavedRun[], history: readonly RunRecord[]): RunRecord | undefined {
  const newest = history.reduce<RunRecord | undefined>((a, r) => (a === undefined || Date.parse(r.startedAt) > Date.parse(a.startedAt) ? r : a), undefined);
  if (newest?.state !== 'interrupted' || saved.some((s) => s.meta.id === newest.id)) { return undefined; }
  return saved.length === 0 || Date.parse(newest.startedAt) > Date.parse(saved[0].meta.startedAt) ? newest : undefined;
}

export function noRun(ref: string): CliError {
  // Fewer than 4 characters never match a start (historyFor): the id is too short, not unknown (walkcli32 L13).
  const why = ref.length < 4 ? `"${argText(ref)}" is too short: give at least 4 characters of a run id or commit sha`
    : `no saved run matches "${argText(ref)}" (a run id or the start of a commit sha)`;
  return new CliError(`${why}; \`gearshift logs --list\` shows the recent runs`, EXIT.usage);
}

/** A run history lists with no saved output: pruned when older than the oldest saved run. */
export function noOutputOf(record: RunRecord, saved: readonly SavedRun[]): CliError {
  const oldest = saved[saved.length - 1];
  const pruned = oldest !== undefined && Date.parse(record.startedAt) < Date.parse(oldest.meta.startedAt);
  return new CliError(pruned
    ? `run ${shortId(record.id)}'s output was pruned: the last ${KEEP_RUNS} runs' output is kept (\`gearshift history\` still lists the run)`
    : `run ${shortId(record.id)} saved no stage output (${record.state}; no stage had ended)`, EXIT.usage);
}

/**
 * With no RUN the newest saved run is shown while nothing is red; if that run was red, a later
 * green run ended it (a rollback saves no output of its own): say which, so an old failure does
 * not read as the current one.
 */
export function redEndedBy(target: LogsTarget, newestFirst: readonly RunRecord[]): string | undefined {
  const record = target.record;
  if (target.red === true || record?.state !== 'red') { return undefined; }
  const at = newestFirst.indexOf(record);
  const closer = newestFirst.slice(0, Math.max(at, 0)).reverse().find((r) => r.state === 'green');
  if (!closer) { return undefined; }
  return `this red is over: run ${shortId(closer.id)} (${closer.trigger}, green at ${localTime(closer.endedAt ?? closer.startedAt)}) ended it; the pipeline is not red now`;
}

/** How many newer runs with no saved output are named; the rest are counted. */
const MAX_NAMED = 3;

/**
 * With no RUN and nothing red, the newest saved run is shown. Runs newer than it saved nothing (a
 * gate nobody answered, a run cancelled before its first stage ended): name them, so the log shown
 * does not read as the latest run's. A switch or a release decision (every stage skipped: none
 * was to run) is no such run. History comes newest first.
 */
export function newerUnsaved(target: LogsTarget, newestFirst: readonly RunRecord[]): string | undefined {
  const shown = target.saved;
  if (target.red === true || !shown) { return undefined; }
  const after = Date.parse(shown.meta.startedAt);
  const newer = newestFirst.filter((r) => r.id !== shown.meta.id && Date.parse(r.startedAt) > after && !nothingToRun(r));
  if (newer.length === 0) { return undefined; }
  const named = newer.slice(0, MAX_NAMED).map((r) => `${shortId(r.id)} (${unsavedWhy(r)})`).join(', ');
  const more = newer.length > MAX_NAMED ? ` and ${newer.length - MAX_NAMED} more` : '';
  const yet = newer.length === 1 && newer[0].state === 'running' ? ' yet' : '';
  return `${newer.length === 1 ? 'run' : 'runs'} ${named}${more} saved no output${yet}; showing run ${shortId(shown.meta.id)}, the newest that did (gearshift logs --list shows them all)`;
}

function nothingToRun(record: RunRecord): boolean {
  return record.stages.length > 0 && record.stages.every((s) => s.state === 'skipped');
}

/** "cancelled at "Gate"": the run's state and the stage where it stopped. */
function unsavedWhy(record: RunRecord): string {
  if (record.state === 'running') { return 'running; no stage has ended yet'; }
  const at = record.stages.find((s) => s.state !== 'passed' && s.state !== 'skipped' && s.state !== 'pending');
  return at ? `${record.state} at "${at.name}"` : record.state;
}
