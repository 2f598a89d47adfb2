/**
 * The gauge's run facts (gaugeFacts.ts), the newest run and the red fold, kept between
 * `status --json` / `gear` calls in `.git/gearshift/gauge-facts.v8`, beside the history and
 * never part of it. A call whose history has the same bytes (fingerprint.ts), whose pipeline
 * is the same and whose git reverts are the same answers from it without reading one run.
 * Anything else is a miss: the caller reads the history as before and keeps the new facts.
 * Never an error: a missing, damaged or foreign file is a miss.
 */
import * as path from 'path';
import { fileIo, type OpenFile } from '../fileio';
import { type HistoryFingerprint, isFingerprint, sameFingerprint, sweepStaleTemps } from '../history';
import type { RunRecord } from '../pipeline';
import type { HistoryFold } from '../redgreen';
import { revertDeploys, type RevertFact } from './deployOutcomes';
import { decodeDeploys, decodeTimeline, encodeDeploys, encodeTimeline, type EncodedDeploys, type EncodedTimeline, type TextColumn } from './factsCodec';
import type { GaugeRunFacts } from './gaugeFacts';
import type { GaugePipeline } from './gaugeState';

export const GAUGE_FACTS_FILE = 'gauge-facts.v8';
/** Bump when what the facts mean changes (gaugeFacts.ts, the timeline, the red fold). */
const VERSION = 2;

export interface KeptGauge {
  readonly facts: GaugeRunFacts;
  /** The newest run, as `status` prints it; null without runs. */
  readonly newest: RunRecord | null;
  /** foldHistory of the runs the facts were made from. */
  readonly fold: HistoryFold;
  /** revertsKey of the reverts the facts' timeline was made with. */
  readonly reverts: string;
}

/** The facts with their deploys and timeline as columns (factsCodec.ts). */
type StoredFacts = Omit<GaugeRunFacts, 'historyDeploys' | 'timeline'> & { deploys: EncodedDeploys; timeline: EncodedTimeline };

type StoredGauge = Omit<KeptGauge, 'facts'> & { facts: StoredFacts };

/**
 * What the kept gauge is for. The file is this header's length (4 bytes), the header, then
 * the gauge (v8 bytes of a StoredGauge, `body` long): a miss reads and decodes only the header.
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

/** What the file says for these history bytes and this pipeline at `now`: the gauge, "seen once", or nothing. */
export type KeptRead = { kept: KeptGauge } | { seen: true } | undefined;

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
      if (!isHeader(header) || header.pipeline !== pipeline || !(header.madeAt <= now) || !sameFingerprint(header.history, history)) { return undefined; }
      if (header.body === 0) { return { seen: true }; }
      const body = await readAt(handle, 4 + length, header.body);
      if (body.length !== header.body) { return undefined; } // cut short
      const gauge = v8.deserialize(body) as StoredGauge;
      return isStoredGauge(gauge) ? { kept: decodeGauge(gauge) } : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Keeps `kept` for the history bytes `history` (taken before they were read: a line appended
 * since makes the next call a miss, never a stale hit). Without `kept`, only that these bytes
 * were seen: the gauge is kept by the second call on the same bytes, so a script that asks once
 * per run does not pay for writing what nobody reads. Facts with runs dated in the future are
 * not kept: a later clock would count them.
 */
export async function keepGauge(historyFile: string, history: HistoryFingerprint, pipeline: string, madeAt: number, kept?: KeptGauge): Promise<void> {
  if (kept && kept.facts.future !== 0) { return; }
  const v8 = await import('v8');
  const body = kept ? v8.serialize(encodeGauge(kept)) : Buffer.alloc(0);
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

function decodeGauge(gauge: StoredGauge): KeptGauge {
  const { deploys, timeline, ...columns } = gauge.facts;
  return { ...gauge, facts: { ...columns, historyDeploys: decodeDeploys(deploys), timeline: decodeTimeline(timeline) } };
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

function isStoredGauge(value: unknown): value is StoredGauge {
  const g = value as StoredGauge;
  return typeof g === 'object' && g !== null && typeof g.reverts === 'string' && typeof g.fold === 'object' && g.fold !== null
    && Array.isArray(g.fold.recoveries) && (g.newest === null || typeof g.newest === 'object') && isFacts(g.facts);
}

/** The columns agree with each other, so no index points outside them. */
function isFacts(f: StoredFacts): boolean {
  if (typeof f !== 'object' || f === null || !(f.runAt instanceof Float64Array) || !(f.pipelineMs instanceof Float64Array)) { return false; }
  if (!(f.stageStart instanceof Uint32Array) || !(f.stageOf instanceof Uint32Array) || !(f.stageMs instanceof Float64Array)) { return false; }
  const runs = f.runAt.length;
  if (f.pipelineMs.length !== runs || f.stageStart.length !== runs + 1 || f.stageOf.length !== f.stageMs.length) { return false; }
  if (!Array.isArray(f.stageNames) || !Array.isArray(f.recentPipelineMs) || !isDeploys(f.deploys) || !isTimeline(f.timeline)) { return false; }
  let previous = 0;
  for (const start of f.stageStart) { if (start < previous || start > f.stageOf.length) { return false; } previous = start; }
  return f.stageStart[runs] === f.stageOf.length && f.stageOf.every((k) => k < f.stageNames.length);
}

function isDeploys(d: EncodedDeploys): boolean {
  return typeof d === 'object' && d !== null && d.at instanceof Float64Array && d.source instanceof Uint8Array
    && d.source.length === d.at.length && isTexts(d.sha, d.at.length) && isTexts(d.runId, d.at.length);
}

function isTimeline(t: EncodedTimeline): boolean {
  if (typeof t !== 'object' || t === null || !(t.at instanceof Float64Array) || !(t.recoveries instanceof Float64Array) || !Array.isArray(t.words)) { return false; }
  const n = t.at.length;
  const words = [t.kind, t.failedBy, t.reworkBy];
  return words.every((c) => c instanceof Uint8Array && c.length === n && c.every((w) => w < t.words.length)) && t.flags instanceof Uint8Array
    && t.flags.length === n && isTexts(t.runId, n) && isTexts(t.sha, n) && (t.openSince === null || typeof t.openSince === 'number');
}

function isTexts(c: TextColumn, length: number): boolean {
  if (typeof c !== 'object' || c === null || typeof c.text !== 'string' || !(c.ends instanceof Uint32Array) || c.ends.length !== length) { return false; }
  let previous = 0;
  for (const end of c.ends) { if (end < previous) { return false; } previous = end; }
  return previous === c.text.length;
}
