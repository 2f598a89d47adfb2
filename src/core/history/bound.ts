/**
 * What one history record may carry. Every record is written with one write() on an O_APPEND
 * descriptor, and concurrent writers only stay whole-line if that write is one modest syscall:
 * a 3 MB commit subject used to be split into 512 KiB appends that interleaved between writers.
 * So a record is cut to MAX_RECORD_BYTES before it is written: long strings (subjects, messages,
 * reasons) end in TRUNCATED_MARK, and a huge stage list keeps the stages that tell the story
 * (anything but passed/skipped, then the first ones) plus a count of the rest by state.
 * Reading applies the same cut, so an oversized line from an older version stays cheap to show.
 */
import type { RunRecord, StageRecord } from '../pipeline';

export const MAX_RECORD_BYTES = 48 * 1024;
export const TRUNCATED_MARK = '… [truncated]';
/** Long enough for any real subject line or error message, short enough for a few hundred stages. */
const MAX_STRING_CHARS = 2000;
/** Keys whose values are identifiers, never cut (a cut id would merge or split runs). */
const NEVER_CUT = new Set(['id', 'sha', 'state', 'startedAt', 'endedAt']);
/** Stages that are not the usual outcome: kept first when the list must be shortened. */
const ORDINARY: ReadonlySet<string> = new Set(['passed', 'skipped']);

export interface StagesOmitted { count: number; states: Record<string, number> }

/** The record as it will be stored: strings cut, then the stage list shortened until it fits. */
export function boundRecord(run: RunRecord, fits: (candidate: RunRecord) => boolean): RunRecord {
  const cut = cutStrings(run) as RunRecord;
  if (fits(cut)) { return cut; }
  const stages = Array.isArray(cut.stages) ? cut.stages : [];
  for (let keep = Math.min(stages.length, 512); keep >= 0; keep = keep === 0 ? -1 : Math.floor(keep / 2)) {
    const candidate = withStages(cut, stages, keep);
    if (fits(candidate)) { return candidate; }
  }
  // Extras too big on their own (many keys): keep the contract's fields only.
  return coreOnly(withStages(cut, stages, 0));
}

export function cutString(s: string, max = MAX_STRING_CHARS): string {
  return s.length <= max ? s : s.slice(0, max) + TRUNCATED_MARK;
}

function cutStrings(value: unknown, key = ''): unknown {
  if (typeof value === 'string') { return NEVER_CUT.has(key) ? value : cutString(value); }
  if (Array.isArray(value)) { return value.map((v) => cutStrings(v)); }
  if (typeof value !== 'object' || value === null) { return value; }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) { out[cutString(k, 200)] = cutStrings(v, k); }
  return out;
}

/** `keep` stages, unusual ones first, in their original order; the rest counted by state. */
function withStages(run: RunRecord, stages: StageRecord[], keep: number): RunRecord {
  const order = stages.map((_s, i) => i).sort((a, b) => rank(stages[a]) - rank(stages[b]) || a - b);
  const kept = new Set(order.slice(0, keep));
  const omitted: StagesOmitted = { count: 0, states: {} };
  for (const [i, s] of stages.entries()) {
    if (kept.has(i)) { continue; }
    omitted.count++;
    omitted.states[s.state] = (omitted.states[s.state] ?? 0) + 1;
  }
  return { ...run, stages: stages.filter((_s, i) => kept.has(i)), stagesOmitted: omitted };
}

function rank(s: StageRecord): number {
  return ORDINARY.has(s.state) ? 1 : 0;
}

function coreOnly(run: RunRecord): RunRecord {
  const { id, sha, branch, trigger, startedAt, endedAt, state, durationMs, stages, stagesOmitted } = run;
  return { id, sha, branch, trigger, startedAt, ...(endedAt ? { endedAt } : {}), state, ...(durationMs !== undefined ? { durationMs } : {}), stages, stagesOmitted, truncated: true };
}
