/**
 * `gearshift logs --list`: the recent runs `gearshift history` lists, each with whether it saved
 * output. A run that saved none (a manual gate nobody answered, a run killed before its first stage
 * ended, a switch or rollback) is still a run a user looks for: listed, with "no output". A run older
 * than the oldest saved one is left out: its output may have been pruned, and history lists it.
 */
import { localTime, printable, shortId, shortSha } from '../../core/format';
import type { RunRecord } from '../../core/pipeline';
import { failedStageOf } from '../../core/redgreen';
import { KEEP_RUNS, unsavedRuns, withHistoryStates, type SavedRun } from '../../core/runlog';
import { readHistory } from '../historyRead';
import type { CliIo } from '../io';

const HEADER = ['RUN', 'SHA', 'STATE', 'STARTED', 'FAILED', 'NOTE'];

interface Row { readonly startedAt: string; readonly cells: string[] }

export const NONE_YET = 'No saved run output yet: every `gearshift run` (and every run in the editor) saves its stages\' output.\n';

/** The list's text: saved runs (history's state for one that never ended) and the runs history lists beside them with none. */
export async function listText(saved: readonly SavedRun[], folder: string, io: CliIo): Promise<string> {
  // History also holds runs that save no output (switches, rollbacks, decisions): twice the saved runs reach back to the oldest saved one.
  const history = (await readHistory(folder, KEEP_RUNS * 2, io)).runs;
  const runs = saved.some((r) => r.meta.state === 'running') ? withHistoryStates(saved, history) : saved;
  const byId = new Map(history.map((h) => [h.id, h]));
  const rows = [...runs.map((r) => savedRow(r, byId.get(r.meta.id))), ...unsavedRuns(runs, history).map(unsavedRow)]
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return rows.length === 0 ? NONE_YET : table(rows.map((r) => r.cells));
}

/** FAILED: the saved run's failed stages, else what history's record names (failedStageOf: an alert, a failed switch; walkcli32 L1). */
function savedRow(r: SavedRun, recorded: RunRecord | undefined): Row {
  const stages = r.meta.stages?.filter((s) => s.state === 'failed' || s.state === 'timedOut').map((s) => s.name).join(', ') ?? '';
  const failed = stages || (recorded ? failedStageOf(recorded) ?? '' : '');
  return { startedAt: r.meta.startedAt, cells: [shortId(r.meta.id), shortSha(r.meta.sha), r.meta.state, localTime(r.meta.startedAt), failed, ''] };
}

/** A stage's output is saved when it ends: a run still going may save some yet. */
function unsavedRow(r: RunRecord): Row {
  const note = r.state === 'running' ? 'no output yet' : 'no output';
  return { startedAt: r.startedAt, cells: [shortId(r.id), shortSha(r.sha), r.state, localTime(r.startedAt), failedStageOf(r) ?? '', note] };
}

/** Plain aligned columns; every cell comes from files anyone who can write .git may edit: printable. */
function table(rows: readonly string[][]): string {
  const cells = rows.map((row) => row.map((c) => printable(c)));
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]): string => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [HEADER, ...cells].map((row) => `${line(row)}\n`).join('');
}
