/**
 * The facts' deploys and deploy outcomes as columns for the kept gauge (gaugeFactsCache.ts):
 * typed arrays and one string of texts instead of 20,000 small objects, which v8.deserialize
 * builds an order of magnitude slower than a loop does. Texts are any strings (ids come from
 * history): they are stored with their lengths, never split at a separator.
 */
import type { Deploy } from './deploys';
import type { DeployOutcome, DeployTimeline, OutcomeKind } from './deployOutcomes';

export interface TextColumn { text: string; ends: Uint32Array }

export interface EncodedDeploys { at: Float64Array; sha: TextColumn; runId: TextColumn; source: Uint8Array }

export interface EncodedTimeline {
  at: Float64Array; runId: TextColumn; sha: TextColumn;
  /** Indexes into `words` (kind, failedBy, reworkBy; 0 = absent) and flags (1 failed, 2 rework). */
  kind: Uint8Array; failedBy: Uint8Array; reworkBy: Uint8Array; flags: Uint8Array; words: string[];
  recoveries: Float64Array; openSince: number | null;
}

const SOURCES = ['history', 'tag'] as const;

export function encodeDeploys(deploys: readonly Deploy[]): EncodedDeploys {
  return {
    at: Float64Array.from(deploys, (d) => d.at),
    sha: encodeTexts(deploys.map((d) => d.sha)),
    runId: encodeTexts(deploys.map((d) => d.runId ?? '')),
    source: Uint8Array.from(deploys, (d) => (d.runId === undefined ? 2 : 0) + SOURCES.indexOf(d.source)),
  };
}

export function decodeDeploys(e: EncodedDeploys): Deploy[] {
  const sha = decodeTexts(e.sha);
  const runId = decodeTexts(e.runId);
  const out: Deploy[] = [];
  for (let i = 0; i < e.at.length; i++) {
    const source = SOURCES[e.source[i] & 1];
    out.push(e.source[i] & 2 ? { at: e.at[i], sha: sha[i], source } : { at: e.at[i], sha: sha[i], source, runId: runId[i] });
  }
  return out;
}

export function encodeTimeline(t: DeployTimeline): EncodedTimeline {
  const words = [''];
  const word = (w: string | undefined): number => {
    if (w === undefined) { return 0; }
    const at = words.indexOf(w);
    return at >= 0 ? at : words.push(w) - 1;
  };
  const o = t.outcomes;
  return {
    at: Float64Array.from(o, (x) => x.at), runId: encodeTexts(o.map((x) => x.runId)), sha: encodeTexts(o.map((x) => x.sha)),
    kind: Uint8Array.from(o, (x) => word(x.kind)), failedBy: Uint8Array.from(o, (x) => word(x.failedBy)),
    reworkBy: Uint8Array.from(o, (x) => word(x.reworkBy)), flags: Uint8Array.from(o, (x) => (x.failed ? 1 : 0) | (x.rework ? 2 : 0)),
    words, recoveries: Float64Array.from(t.recoveries.flatMap((r) => [r.failedAt, r.recoveredAt])), openSince: t.openSince,
  };
}

/** The outcomes as deployTimeline builds them: optional fields present only when set. */
export function decodeTimeline(e: EncodedTimeline): DeployTimeline {
  const runId = decodeTexts(e.runId);
  const sha = decodeTexts(e.sha);
  const outcomes: DeployOutcome[] = [];
  for (let i = 0; i < e.at.length; i++) {
    const outcome: DeployOutcome = { runId: runId[i], sha: sha[i], at: e.at[i], kind: e.words[e.kind[i]] as OutcomeKind, failed: (e.flags[i] & 1) === 1, rework: (e.flags[i] & 2) === 2 };
    if (e.reworkBy[i]) { Object.assign(outcome, { reworkBy: e.words[e.reworkBy[i]] }); }
    if (e.failedBy[i]) { outcome.failedBy = e.words[e.failedBy[i]]; }
    outcomes.push(outcome);
  }
  const recoveries = [];
  for (let i = 0; i + 1 < e.recoveries.length; i += 2) { recoveries.push({ failedAt: e.recoveries[i], recoveredAt: e.recoveries[i + 1] }); }
  return { outcomes, recoveries, openSince: e.openSince };
}

function encodeTexts(texts: readonly string[]): TextColumn {
  const ends = new Uint32Array(texts.length);
  let end = 0;
  texts.forEach((t, i) => { end += t.length; ends[i] = end; });
  return { text: texts.join(''), ends };
}

function decodeTexts(c: TextColumn): string[] {
  const out: string[] = [];
  let start = 0;
  for (const end of c.ends) { out.push(c.text.slice(start, end)); start = end; }
  return out;
}
