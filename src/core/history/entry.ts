/**
 * One line of history.jsonl: its shape, how it is written and how a line is read back.
 *
 * Reading is lenient by design: the file is shared by versions of the CLI and the extension
 * that may differ, so unknown fields are kept (the run record has room for extras) and lines
 * of an unknown `kind` (a newer version's) are passed over silently. So are lines of another
 * format version (`v` other than 1; a line without `v` reads as 1) and run lines (`start`, `end`)
 * whose `stages` is there but no list, or whose state this version does not know: read as a run,
 * such a line would become the verdict (`status` named it, faults41 L3). A hand-written line that
 * leaves `stages` out still reads, with none. Only lines that cannot be
 * ours — not JSON, no run id, no state — are problems.
 */
import * as os from 'os';
import { processStartTime, type RunRecord, type RunState } from '../pipeline';
import { isoTime } from '../format';
import { boundRecord, MAX_RECORD_BYTES } from './bound';

export const HISTORY_VERSION = 1;

/**
 * `stage`: a stage's process started (its group and start time), so a crash can be cleaned up.
 * `stageEnd`: a stage ended (its record in `run.stages`), so a run killed later keeps it (runMerger.ts).
 * `cancel`: someone asked the run to stop (`run.cancelReason`), so a run that then dies before its
 * end line (a second Ctrl+C exits at once) reads `cancelled`, not `interrupted`. Older readers skip it.
 */
export type EntryKind = 'start' | 'end' | 'stage' | 'stageEnd' | 'cancel';

/** One stage's process group, as a `stage` line records it. */
export interface StageProcessRef {
  stage: string;
  pgid: number;
  /** /proc start time of the group leader: a reused pid never matches it. */
  start?: string;
  /** The stage said `keep: true`: what it leaves after a normal end is not ours to kill. */
  keep?: boolean;
}

export interface HistoryEntry {
  v: number;
  kind: EntryKind;
  /** When the line was written (ISO 8601). */
  at: string;
  /** Writer's process and host: an unfinished start is `running` only while that process lives. */
  pid?: number;
  host?: string;
  /** The writer's /proc start time, so a reused pid does not make a dead run look alive. */
  pidStart?: string;
  run: RunRecord;
  /** `stage` lines only. */
  proc?: StageProcessRef;
}

export type ParsedLine =
  | { kind: 'entry'; entry: HistoryEntry; problem?: string }
  | { kind: 'ignored' }
  | { kind: 'problem'; problem: string };

const KINDS: ReadonlySet<string> = new Set<EntryKind>(['start', 'end', 'stage', 'stageEnd', 'cancel']);
const RUN_STATES: ReadonlySet<string> = new Set<RunState>(['running', 'green', 'red', 'cancelled', 'interrupted']);

/** Every line starts with this because `v` is the first key written (see encodeEntry). */
const LINE_START = '{"v":';

/** The whole line, newline included, at most MAX_RECORD_BYTES (bound.ts), so one write stores it whole. */
export function encodeEntry(kind: EntryKind, run: RunRecord, now = new Date(), proc?: StageProcessRef): string {
  const pidStart = processStartTime(process.pid); // read once per process (procfs remembers ours)
  const line = (r: RunRecord): string => {
    const entry: HistoryEntry = {
      v: HISTORY_VERSION, kind, at: isoTime(now), pid: process.pid, host: os.hostname(),
      ...(pidStart !== undefined ? { pidStart } : {}), run: r, ...(proc ? { proc } : {}),
    };
    // JSON.stringify escapes newlines inside strings, so the record cannot span lines.
    return JSON.stringify(entry) + '\n';
  };
  const whole = line(run);
  if (Buffer.byteLength(whole) <= MAX_RECORD_BYTES) { return whole; }
  return line(boundRecord(run, (r) => Buffer.byteLength(line(r)) <= MAX_RECORD_BYTES));
}

export function parseLine(line: string): ParsedLine {
  // A byte-order mark an editor put before the first line (saving the file as "UTF-8 with BOM") is no torn write.
  const text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  const direct = parseEntry(text);
  if (direct.kind !== 'problem') {
    return direct;
  }
  // A writer that died mid-line leaves a fragment; the next append then lands on the same line:
  // `{"v":1,"kind":"sta{"v":1,"kind":"end",…}`. Recover the complete record after the fragment.
  // Only a suffix that is a complete JSON value parses, so nested `{"v":` keys cannot fool this.
  for (let at = text.indexOf(LINE_START, 1); at !== -1; at = text.indexOf(LINE_START, at + 1)) {
    const tail = parseEntry(text.slice(at));
    if (tail.kind === 'entry') {
      return { ...tail, problem: `incomplete record before column ${at + 1} (a writer stopped mid-line); kept the record after it` };
    }
  }
  return direct;
}

function parseEntry(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'problem', problem: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!isObject(value)) {
    return { kind: 'problem', problem: 'not a JSON object' };
  }
  if (typeof value.kind !== 'string') {
    return { kind: 'problem', problem: 'missing "kind"' };
  }
  if (!KINDS.has(value.kind) || (value.v !== undefined && value.v !== HISTORY_VERSION)) {
    return { kind: 'ignored' };
  }
  const run = value.run;
  if (!isObject(run)) {
    return { kind: 'problem', problem: 'missing "run"' };
  }
  if (typeof run.id !== 'string' || run.id === '') {
    return { kind: 'problem', problem: 'missing run.id' };
  }
  if (typeof run.state !== 'string' || run.state === '') {
    return { kind: 'problem', problem: `run ${run.id}: missing run.state` };
  }
  if ((value.kind === 'start' || value.kind === 'end') && ((run.stages !== undefined && !Array.isArray(run.stages)) || !RUN_STATES.has(run.state))) {
    return { kind: 'ignored' }; // a shape no version of ours writes: not a run to take a verdict from
  }
  const entry: HistoryEntry = {
    v: HISTORY_VERSION,
    kind: value.kind as EntryKind,
    at: typeof value.at === 'string' ? value.at : '',
    pid: typeof value.pid === 'number' ? value.pid : undefined,
    host: typeof value.host === 'string' ? value.host : undefined,
    ...(typeof value.pidStart === 'string' ? { pidStart: value.pidStart } : {}),
    ...(value.kind === 'stage' ? stageProc(value.proc) : {}),
    // Fields the record type requires are filled in when start and end are merged (runMerger).
    // A line over the bound came from an older version: cut it the way it would be written now.
    run: text.length > MAX_RECORD_BYTES ? boundRecord(run as RunRecord, () => true) : run as RunRecord,
  };
  return { kind: 'entry', entry };
}

function stageProc(v: unknown): { proc?: StageProcessRef } {
  if (!isObject(v) || typeof v.stage !== 'string' || typeof v.pgid !== 'number' || !Number.isInteger(v.pgid) || v.pgid <= 0) { return {}; }
  return { proc: { stage: v.stage, pgid: v.pgid, ...(typeof v.start === 'string' ? { start: v.start } : {}), ...(v.keep === true ? { keep: true } : {}) } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
