/**
 * The newest `limit` runs, read from the file's end (tailReader.ts) instead of streaming the
 * whole file: what `status`, `history --limit` and the cleanup before every run ask for.
 *
 * Same answer as a forward read with the same limit: runs are ordered by first appearance
 * (their start line), so once `limit` start lines have been seen from the end, the runs they
 * start are the newest `limit`; end and stage lines seen on the way whose start lies further
 * back belong to older runs and are left out, as the forward read drops them. A damaged file
 * (truncated mid-line while a run appended) can hold an end line whose start line was lost
 * altogether: a forward read ranks that run where its end line is. Here it is kept when it
 * started after the oldest start line read (start lines are appended in start order, so its own
 * would have been read); one that started earlier may have its start further back, and is left
 * out as the forward read would drop it.
 */
import type { Stats } from 'fs';
import { parseLine, type HistoryEntry } from './entry';
import type { HistoryProblem, HistoryReadResult } from './historyStore';
import { RunMerger } from './runMerger';
import { readLineBatchesBackward, type TailLine } from './tailReader';

export interface TailReadResult extends HistoryReadResult {
  /** The whole file was read: there are no older runs than these. */
  complete: boolean;
}

interface Found { entry: HistoryEntry; fromEnd: number }
interface Bad { fromEnd: number; message: string }

/** What the window cache keeps of a read: the file as opened (and a time before that: fingerprint.ts's changeTime), and the window's entries, oldest first. */
export interface KeptWindow { stat?: Stats; seenAt?: number; entries?: HistoryEntry[] }

/** `maxProblems`: more bad lines are counted in one summary problem. `keep`: filled for the window cache. */
export async function readNewestRuns(file: string, limit: number, maxProblems: number, keep?: KeptWindow): Promise<TailReadResult> {
  const seen: Seen = { found: [], bad: [], starts: new Set<string>(), lines: 0 };
  let complete = true;
  if (keep) { keep.seenAt = Date.now(); }
  try {
    batches: for await (const batch of readLineBatchesBackward(file, undefined, undefined, keep && ((stat) => { keep.stat = stat; }))) {
      for (const line of batch) {
        if (seen.starts.size >= limit) { complete = false; break batches; }
        take(line, seen);
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') { return { runs: [], problems: [], complete: true }; }
    throw err;
  }
  const { found, bad, starts, lines } = seen;
  const merger = new RunMerger(limit);
  const kept: HistoryEntry[] = [];
  const lost = complete ? new Set<string>() : startsLost(found, starts);
  for (let i = found.length - 1; i >= 0; i--) {
    const { entry } = found[i];
    if (complete || starts.has(entry.run.id) || lost.has(entry.run.id)) { merger.add(entry); kept.push(entry); }
  }
  if (keep) { keep.entries = kept; }
  return { runs: merger.runs(), problems: problemList(bad.reverse(), complete ? lines : undefined, maxProblems), complete };
}

interface Seen { found: Found[]; bad: Bad[]; starts: Set<string>; lines: number }

/** Runs with an end line read but no start line, that started after the oldest start line read: their start line is gone. */
function startsLost(found: readonly Found[], starts: ReadonlySet<string>): Set<string> {
  const startedAt = (e: HistoryEntry): string => (typeof e.run.startedAt === 'string' ? e.run.startedAt : '');
  let oldest: string | undefined;
  for (const { entry } of found) {
    if (entry.kind === 'start' && (oldest === undefined || startedAt(entry) < oldest)) { oldest = startedAt(entry); }
  }
  const lost = new Set<string>();
  for (const { entry } of found) {
    // ISO 8601 in UTC: text order is time order.
    if (entry.kind === 'end' && !starts.has(entry.run.id) && oldest !== undefined && startedAt(entry) > oldest) { lost.add(entry.run.id); }
  }
  return lost;
}

/** One line, newest first: its entry, or the problem with it. */
function take(line: TailLine, seen: Seen): void {
  seen.lines = line.fromEnd;
  if (line.tooLong) { seen.bad.push({ fromEnd: line.fromEnd, message: 'line too long; skipped' }); return; }
  if (line.text.trim() === '') { return; }
  const parsed = parseLine(line.text);
  if (parsed.kind === 'entry') {
    seen.found.push({ entry: parsed.entry, fromEnd: line.fromEnd });
    if (parsed.entry.kind === 'start') { seen.starts.add(parsed.entry.run.id); }
    if (parsed.problem) { seen.bad.push({ fromEnd: line.fromEnd, message: parsed.problem }); }
  } else if (parsed.kind === 'problem') {
    seen.bad.push({ fromEnd: line.fromEnd, message: line.terminated ? parsed.problem : `incomplete last line (a writer stopped mid-line, or is still writing): ${parsed.problem}` });
  }
}

/** File order; exact line numbers when the whole file was read, else counted from the end. */
function problemList(bad: readonly Bad[], totalLines: number | undefined, max: number): HistoryProblem[] {
  const at = (b: Bad): HistoryProblem => (totalLines !== undefined ? { line: totalLines - b.fromEnd + 1, message: b.message } : { line: 0, fromEnd: b.fromEnd, message: b.message });
  const listed = bad.slice(0, max).map(at);
  if (bad.length > max) { listed.push({ ...at(bad[max]), message: `${bad.length - max} more bad lines from here on were not listed` }); }
  return listed;
}
