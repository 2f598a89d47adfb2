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
  const at = new Float64Array(deploys.length);
  const source = new Uint8Array(deploys.length);
  const sha = new TextColumnWriter(deploys.length);
  const runId = new TextColumnWriter(deploys.length);
  for (let i = 0; i < deploys.length; i++) {
    const d = deploys[i];
    at[i] = d.at;
    source[i] = (d.runId === undefined ? 2 : 0) + SOURCES.indexOf(d.source);
    sha.add(d.sha);
    runId.add(d.runId ?? '');
  }
  return { at, sha: sha.done(), runId: runId.done(), source };
}

/** The deploys, or undefined when the columns disagree (a damaged file): checked in the loop that decodes them. */
export function decodeDeploys(e: EncodedDeploys): Deploy[] | undefined {
  if (typeof e !== 'object' || e === null || !(e.at instanceof Float64Array) || !(e.source instanceof Uint8Array) || e.source.length !== e.at.length) { return undefined; }
  const sha = decodeTexts(e.sha, e.at.length);
  const runId = decodeTexts(e.runId, e.at.length);
  if (!sha || !runId) { return undefined; }
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
  const n = t.outcomes.length;
  const e = {
    at: new Float64Array(n), kind: new Uint8Array(n), failedBy: new Uint8Array(n), reworkBy: new Uint8Array(n), flags: new Uint8Array(n),
    words, recoveries: Float64Array.from(t.recoveries.flatMap((r) => [r.failedAt, r.recoveredAt])), openSince: t.openSince,
  };
  const runId = new TextColumnWriter(n);
  const sha = new TextColumnWriter(n);
  for (let i = 0; i < n; i++) {
    const o = t.outcomes[i];
    e.at[i] = o.at; e.kind[i] = word(o.kind); e.failedBy[i] = word(o.failedBy); e.reworkBy[i] = word(o.reworkBy);
    e.flags[i] = (o.failed ? 1 : 0) | (o.rework ? 2 : 0);
    runId.add(o.runId);
    sha.add(o.sha);
  }
  return { ...e, runId: runId.done(), sha: sha.done() };
}

/**
 * The outcomes as deployTimeline builds them (optional fields present only when set), or undefined
 * when the columns disagree (a damaged file): the checks ride on the decoding loop, no pass of their own.
 */
export function decodeTimeline(e: EncodedTimeline): DeployTimeline | undefined {
  if (!isTimelineShape(e)) { return undefined; }
  const n = e.at.length;
  const runId = decodeTexts(e.runId, n);
  const sha = decodeTexts(e.sha, n);
  if (!runId || !sha) { return undefined; }
  const { words, kind, failedBy, reworkBy, flags } = e;
  const outcomes: DeployOutcome[] = [];
  for (let i = 0; i < n; i++) {
    if (kind[i] >= words.length || failedBy[i] >= words.length || reworkBy[i] >= words.length) { return undefined; }
    const outcome: DeployOutcome = { runId: runId[i], sha: sha[i], at: e.at[i], kind: words[kind[i]] as OutcomeKind, failed: (flags[i] & 1) === 1, rework: (flags[i] & 2) === 2 };
    if (reworkBy[i]) { Object.assign(outcome, { reworkBy: words[reworkBy[i]] }); }
    if (failedBy[i]) { outcome.failedBy = words[failedBy[i]]; }
    outcomes.push(outcome);
  }
  const recoveries = [];
  for (let i = 0; i + 1 < e.recoveries.length; i += 2) { recoveries.push({ failedAt: e.recoveries[i], recoveredAt: e.recoveries[i + 1] }); }
  return { outcomes, recoveries, openSince: e.openSince };
}

/** Types and lengths only; the values are checked as they are decoded. */
function isTimelineShape(t: EncodedTimeline): boolean {
  if (typeof t !== 'object' || t === null || !(t.at instanceof Float64Array) || !(t.recoveries instanceof Float64Array) || !Array.isArray(t.words)) { return false; }
  const n = t.at.length;
  return [t.kind, t.failedBy, t.reworkBy, t.flags].every((c) => c instanceof Uint8Array && c.length === n) && (t.openSince === null || typeof t.openSince === 'number');
}

/** Texts one by one into a TextColumn. */
class TextColumnWriter {
  private readonly texts: string[] = [];
  private readonly ends: Uint32Array;
  private end = 0;

  constructor(count: number) { this.ends = new Uint32Array(count); }

  add(text: string): void {
    this.end += text.length;
    this.ends[this.texts.length] = this.end;
    this.texts.push(text);
  }

  done(): TextColumn { return { text: this.texts.join(''), ends: this.ends }; }
}

/** The texts, or undefined unless there are `length` of them whose ends rise to the text's end. */
function decodeTexts(c: TextColumn, length: number): string[] | undefined {
  if (typeof c !== 'object' || c === null || typeof c.text !== 'string' || !(c.ends instanceof Uint32Array) || c.ends.length !== length) { return undefined; }
  const { text, ends } = c;
  const out: string[] = [];
  let start = 0;
  // An indexed loop: in a fresh process (interpreted, then OSR) for…of over a typed array costs several times more.
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i];
    if (end < start) { return undefined; }
    out.push(text.slice(start, end));
    start = end;
  }
  return start === text.length ? out : undefined;
}
