/**
 * The gauge's run facts (gaugeFacts.ts), the newest run and the red fold, kept between
 * `status --json` / `gear` calls in `.git/gearshift/gauge-facts.v8`, beside the history and
 * never part of it. A call whose history has the same bytes (fingerprint.ts), whose pipeline
 * is the same and whose git reverts are the same answers from it without reading one run.
 * A history that grew (same file, longer) is `grown`: the caller may fold the runs appended
 * since into it (keptGaugeFold.ts; the CLI writes the folded gauge back only once those bytes reach
 * REWRITE_AFTER_BYTES, cli/gauge.ts keepFolded). Anything else is a miss: the caller reads the
 * history as before and keeps the new facts. Never an error: a missing, damaged or foreign file is a miss.
 */
import * as path from 'path';
import { fileIo, type OpenFile } from '../fileio';
import { type HistoryFingerprint, isFingerprint, sameFingerprint, sweepStaleTemps } from '../history';
import type { RunRecord } from '../pipeline';
import type { HistoryFold } from '../redgreen';
import { readAligned, writeAligned } from './alignedColumns';
import { revertDeploys, type RevertFact } from './deployOutcomes';
import { decodeDeploys, decodeTimeline, encodeDeploys, encodeTimeline, type EncodedDeploys, type EncodedTimeline } from './factsCodec';
import type { FactsResume, GaugeRunFacts } from './gaugeFacts';
import type { GaugePipeline } from './gaugeState';

export const GAUGE_FACTS_FILE = 'gauge-facts.v8';
/**
 * Bump when what the facts mean or hold changes (gaugeFacts.ts, the timeline, the red fold): an
 * older file is then a miss and made again, never read as this one. 4: the window's sorted
 * durations (windowDurations.ts). 5: the gauge's typed arrays stored aligned after its v8 stream
 * (alignedColumns.ts), read as views, not copied. (The name's "v8" is the serialiser, not this version.)
 */
const VERSION = 8; // 7: a gate's wait only as the runner recorded it (approvalWaitMs), never inferred from today's gates (review40 M3); 8: except a run from before that a person approved (rereview40 F3)

export interface KeptGauge {
  readonly facts: GaugeRunFacts;
  /** The newest run, as `status` prints it; null without runs. */
  readonly newest: RunRecord | null;
  /** foldHistory of the runs the facts were made from. */
  readonly fold: HistoryFold;
  /** revertsKey of the reverts the facts' timeline was made with. */
  readonly reverts: string;
  /** What folding appended runs in needs (keptGaugeFold.ts). */
  readonly resume: KeptResume;
}

export interface KeptResume {
  readonly facts: FactsResume;
  /** idHash of every run read, sorted: an appended start line with one of these ids may be an older run's. */
  readonly ids: Uint32Array;
  /** The runs (`facts.read`) of the read of the file the facts were first made from. */
  readonly baseRead: number;
  /** How many times appended runs were folded in since that read. */
  readonly folds: number;
}

/** The facts with their deploys and timeline as columns (factsCodec.ts). */
type StoredFacts = Omit<GaugeRunFacts, 'historyDeploys' | 'timeline'> & { deploys: EncodedDeploys; timeline: EncodedTimeline };

type StoredGauge = Omit<KeptGauge, 'facts'> & { facts: StoredFacts };

/**
 * What the kept gauge is for. The file is this header's length (4 bytes), the header, then
 * the gauge (a StoredGauge as alignedColumns.ts writes it, `body` long): a miss reads and decodes only the header.
 * `body` 0: these bytes were seen once and nothing was kept (see keepGauge).
 */
interface Header {
  version: number;
  history: HistoryFingerprint;
  pipeline: string;
  /** The `now` the facts were made for: valid for that one and later ones (nothing was in the future). */
  madeAt: number;
  body: number;
}

/** What the facts depend on of the pipeline: all of it, as parsed. */
export function pipelineKey(pipeline: GaugePipeline): string {
  return JSON.stringify(pipeline);
}

/** What the timeline takes from git's reverts (deployOutcomes.ts), as text to compare. */
export function revertsKey(reverts: readonly RevertFact[]): string {
  return [...revertDeploys(reverts)].sort().join(' ');
}

/**
 * What the file says for these history bytes and this pipeline at `now`: the gauge, "seen once",
 * the gauge of the bytes (`since`) the file had before it grew, or nothing.
 */
export type KeptRead = { kept: KeptGauge } | { seen: true } | { grown: KeptGauge; since: HistoryFingerprint } | undefined;

/** What was kept for these history bytes, this pipeline and a `now` no earlier than the gauge was made for. */
export async function readKeptGauge(historyFile: string, history: HistoryFingerprint, pipeline: string, now: number): Promise<KeptRead> {
  try {
    const v8 = await import('v8');
    const handle = await fileIo.open(factsFile(historyFile), 'r');
    try {
      const start = await readAt(handle, 0, HEADER_GUESS);
      const length = start.length >= 4 ? start.readUInt32LE(0) : 0;
      const bytes = length + 4 <= start.length ? start.subarray(4, 4 + length) : await readAt(handle, 4, length);
      const header = v8.deserialize(bytes) as Header;
      if (!isHeader(header) || header.pipeline !== pipeline || !(header.madeAt <= now)) { return undefined; }
      const same = sameFingerprint(header.history, history);
      // Grown: the same file, longer (whether only by whole new runs is readAppendedRuns' to say).
      const grown = !same && header.history.dev === history.dev && header.history.ino === history.ino && header.history.size < history.size;
      if (!same && !grown) { return undefined; }
      if (header.body === 0) { return same ? { seen: true } : undefined; }
      const body = await readAt(handle, 4 + length, header.body);
      if (body.length !== header.body) { return undefined; } // cut short
      const stored = readAligned(v8, body) as StoredGauge;
      const gauge = isStoredGauge(stored) ? decodeGauge(stored) : undefined;
      if (!gauge) { return undefined; }
      return same ? { kept: gauge } : { grown: gauge, since: header.history };
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Keeps `kept` for the history bytes `history`: exactly the bytes its runs were read from (the
 * caller checks that none was appended during the read, or names the bytes it folded up to),
 * since a later call folds the runs appended after them in (keptGaugeFold.ts). Without `kept`,
 * only that these bytes were seen (the CLI no longer writes that: folding makes the gauge of
 * every read worth keeping). Facts with runs dated in the future are not kept: a later clock
 * would count them.
 */
export async function keepGauge(historyFile: string, history: HistoryFingerprint, pipeline: string, madeAt: number, kept?: KeptGauge): Promise<void> {
  if (kept && kept.facts.future !== 0) { return; }
  const v8 = await import('v8');
  const body = kept ? writeAligned(v8, encodeGauge(kept)) : Buffer.alloc(0);
  const header = v8.serialize({ version: VERSION, history, pipeline, madeAt, body: body.length } satisfies Header);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  const written = await fileIo.replaceFile(factsFile(historyFile), Buffer.concat([length, header, body])).then(() => true, () => false);
  if (written) { await sweepStaleTemps(path.dirname(historyFile), [GAUGE_FACTS_FILE]); } // what a write killed before its rename left (megabytes)
}

function encodeGauge(kept: KeptGauge): StoredGauge {
  const { historyDeploys, timeline, ...columns } = kept.facts;
  return { ...kept, facts: { ...columns, deploys: encodeDeploys(historyDeploys), timeline: encodeTimeline(timeline) } };
}

/** Undefined when the deploys' or the timeline's columns disagree (checked as they are decoded, factsCodec.ts). */
function decodeGauge(gauge: StoredGauge): KeptGauge | undefined {
  const { deploys, timeline, ...columns } = gauge.facts;
  const historyDeploys = decodeDeploys(deploys);
  const decoded = historyDeploys && decodeTimeline(timeline);
  return decoded ? { ...gauge, facts: { ...columns, historyDeploys, timeline: decoded } } : undefined;
}

/** Enough for a header with the fingerprint's 4 KiB and a pipeline of a few KiB: one read. */
const HEADER_GUESS = 16 * 1024;

async function readAt(handle: OpenFile, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, position) : { bytesRead: 0 };
  return buffer.subarray(0, bytesRead);
}

function factsFile(historyFile: string): string {
  return path.join(path.dirname(historyFile), GAUGE_FACTS_FILE);
}

function isHeader(value: unknown): value is Header {
  const h = value as Header;
  return typeof h === 'object' && h !== null && h.version === VERSION && isFingerprint(h.history) && typeof h.pipeline === 'string'
    && typeof h.madeAt === 'number' && Number.isSafeInteger(h.body) && h.body >= 0;
}

/** The shape, and the run columns' indexes; the deploys' and the timeline's values are checked by decodeGauge. */
function isStoredGauge(value: unknown): value is StoredGauge {
  const g = value as StoredGauge;
  return typeof g === 'object' && g !== null && typeof g.reverts === 'string' && typeof g.fold === 'object' && g.fold !== null
    && Array.isArray(g.fold.recoveries) && (g.newest === null || typeof g.newest === 'object') && isFacts(g.facts)
    && isResume(g.resume, g.facts.timeline.at.length);
}

function isResume(r: KeptResume, outcomes: number): boolean {
  if (typeof r !== 'object' || r === null || !(r.ids instanceof Uint32Array) || !Number.isSafeInteger(r.baseRead) || !Number.isSafeInteger(r.folds)) { return false; }
  const f = r.facts;
  if (typeof f !== 'object' || f === null || typeof f.lastStart !== 'number' || typeof f.timeline !== 'object' || f.timeline === null) { return false; }
  const t = f.timeline;
  return Number.isSafeInteger(t.last) && t.last >= -1 && t.last < outcomes && typeof t.reworkNext === 'boolean'
    && Array.isArray(t.revertsLeft) && t.revertsLeft.every((sha) => typeof sha === 'string');
}

/** The columns agree with each other, so no index points outside them. */
function isFacts(f: StoredFacts): boolean {
  if (typeof f !== 'object' || f === null || !(f.runAt instanceof Float64Array) || !(f.pipelineMs instanceof Float64Array)) { return false; }
  if (!(f.stageStart instanceof Uint32Array) || !(f.stageOf instanceof Uint32Array) || !(f.stageMs instanceof Float64Array)) { return false; }
  const runs = f.runAt.length;
  if (f.pipelineMs.length !== runs || f.stageStart.length !== runs + 1 || f.stageOf.length !== f.stageMs.length) { return false; }
  if (!Array.isArray(f.stageNames) || !Array.isArray(f.recentPipelineMs) || typeof f.deploys !== 'object' || f.deploys === null) { return false; }
  if (typeof f.timeline !== 'object' || f.timeline === null || !(f.timeline.at instanceof Float64Array)) { return false; }
  // `every` with a callback, not a for…of loop: in a fresh process the builtin with its callback is several times
  // faster over a large column (200,000 runs: ≈ 2 ms against 13, docs/benchmarks-journal.md, "speed").
  const stages = f.stageOf.length;
  const rising = f.stageStart.every((start, i) => start <= stages && (i === 0 || start >= f.stageStart[i - 1]));
  return rising && f.stageStart[runs] === stages && f.stageOf.every((k) => k < f.stageNames.length) && isDurations(f);
}

/**
 * The window's sorted durations, when kept: one column per stage name, and no more samples than
 * the runs have (their order is not checked: a pass over 200,000 values costs what it saves).
 */
function isDurations(f: StoredFacts): boolean {
  const d = f.durations;
  if (d === undefined) { return true; }
  if (typeof d !== 'object' || d === null || typeof d.from !== 'number' || !(d.pipelineMs instanceof Float64Array) || !Array.isArray(d.stageMs)) { return false; }
  if (!Number.isSafeInteger(d.runs) || d.runs < 0 || d.runs > f.runAt.length || typeof d.firstAt !== 'number') { return false; }
  if (d.pipelineMs.length > d.runs || d.stageMs.length !== f.stageNames.length) { return false; }
  let samples = 0;
  for (const list of d.stageMs) { if (!(list instanceof Float64Array)) { return false; } samples += list.length; }
  return samples <= f.stageOf.length;
}
