/**
 * The gauge's run facts (gaugeFacts.ts), the newest run and the red fold, kept between
 * `status --json` / `gear` calls in `.git/gearshift/gauge-facts.v8`, beside the history and
 * never part of it. A call whose history has the same bytes (fingerprint.ts), whose pipeline
 * is the same and whose git reverts are the same answers from it without reading one run.
 * Anything else is a miss: the caller reads the history as before and keeps the new facts.
 * Never an error: a missing, damaged or foreign file is a miss.
 */
import * as path from 'path';
import { fileIo } from '../fileio';
import { type HistoryFingerprint, isFingerprint, sameFingerprint } from '../history';
import type { RunRecord } from '../pipeline';
import type { HistoryFold } from '../redgreen';
import { revertDeploys, type RevertFact } from './deployOutcomes';
import { decodeDeploys, decodeTimeline, encodeDeploys, encodeTimeline, type EncodedDeploys, type EncodedTimeline, type TextColumn } from './factsCodec';
import type { GaugeRunFacts } from './gaugeFacts';
import type { GaugePipeline } from './gaugeState';

export const GAUGE_FACTS_FILE = 'gauge-facts.v8';
/** Bump when what the facts mean changes (gaugeFacts.ts, the timeline, the red fold). */
const VERSION = 1;

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

interface Stored {
  version: number;
  history: HistoryFingerprint;
  pipeline: string;
  /** The `now` the facts were made for: valid for that one and later ones (nothing was in the future). */
  madeAt: number;
  kept: Omit<KeptGauge, 'facts'> & { facts: StoredFacts };
}

/** What the facts depend on of the pipeline: all of it, as parsed. */
export function pipelineKey(pipeline: GaugePipeline): string {
  return JSON.stringify(pipeline);
}

/** What the timeline takes from git's reverts (deployOutcomes.ts), as text to compare. */
export function revertsKey(reverts: readonly RevertFact[]): string {
  return [...revertDeploys(reverts)].sort().join(' ');
}

/** The kept gauge when it was made from these history bytes, this pipeline and a `now` no later than this one. */
export async function readKeptGauge(historyFile: string, history: HistoryFingerprint, pipeline: string, now: number): Promise<KeptGauge | undefined> {
  try {
    const v8 = await import('v8');
    const stored = v8.deserialize(await fileIo.readFile(factsFile(historyFile))) as Stored;
    if (!isStored(stored) || stored.pipeline !== pipeline || !(stored.madeAt <= now) || !sameFingerprint(stored.history, history)) { return undefined; }
    const { deploys, timeline, ...columns } = stored.kept.facts;
    return { ...stored.kept, facts: { ...columns, historyDeploys: decodeDeploys(deploys), timeline: decodeTimeline(timeline) } };
  } catch {
    return undefined;
  }
}

/**
 * Keeps `kept` for the history bytes `history` (taken before they were read: a line appended
 * since makes the next call a miss, never a stale hit). Facts with runs dated in the future
 * are not kept: a later clock would count them.
 */
export async function keepGauge(historyFile: string, history: HistoryFingerprint, pipeline: string, madeAt: number, kept: KeptGauge): Promise<void> {
  if (kept.facts.future !== 0) { return; }
  const v8 = await import('v8');
  const { historyDeploys, timeline, ...columns } = kept.facts;
  const stored: Stored = { version: VERSION, history, pipeline, madeAt, kept: { ...kept, facts: { ...columns, deploys: encodeDeploys(historyDeploys), timeline: encodeTimeline(timeline) } } };
  await fileIo.replaceFile(factsFile(historyFile), v8.serialize(stored)).catch(() => undefined);
}

function factsFile(historyFile: string): string {
  return path.join(path.dirname(historyFile), GAUGE_FACTS_FILE);
}

function isStored(value: unknown): value is Stored {
  const s = value as Stored;
  return typeof s === 'object' && s !== null && s.version === VERSION && isFingerprint(s.history) && typeof s.pipeline === 'string'
    && typeof s.madeAt === 'number' && typeof s.kept === 'object' && s.kept !== null && typeof s.kept.reverts === 'string'
    && typeof s.kept.fold === 'object' && s.kept.fold !== null && Array.isArray(s.kept.fold.recoveries)
    && (s.kept.newest === null || typeof s.kept.newest === 'object') && isFacts(s.kept.facts);
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
