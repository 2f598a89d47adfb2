/**
 * Red periods (first red run's end → next green run's end), the same rule as src/core/redgreen,
 * but over compact runs so a long history stays cheap. Callers that already have periods or
 * recoveries (redgreen's `recoveriesFromHistory`) may pass those to computeGauge instead.
 */
import { type CompactRun, runTime } from './compact';

export interface RedSpan {
  /** Epoch ms the pipeline went red. */
  readonly since: number;
  /** Epoch ms it went green again; null while still red. */
  readonly until: number | null;
  /** While still red: the commit of the run that turned it red, when known (the gauge names it). */
  readonly sha?: string;
  /** While still red: the stage failing now (the latest red run's), when known (a starter TODO stage gets its own advice). */
  readonly failingStage?: string;
}

/** `runs` oldest first. Running, cancelled and interrupted runs neither open nor close a period. */
export function redPeriodsFromRuns(runs: readonly CompactRun[]): RedSpan[] {
  const out: RedSpan[] = [];
  let since: number | undefined;
  let sha = '';
  for (const run of runs) {
    if (run.state === 'red' && since === undefined) {
      since = runTime(run);
      sha = run.sha;
    } else if (run.state === 'green' && since !== undefined) {
      out.push({ since, until: Math.max(since, runTime(run)) });
      since = undefined;
    }
  }
  if (since !== undefined) { out.push({ since, until: null, ...(sha ? { sha } : {}) }); }
  return out;
}

/** The period still open (the pipeline is red now), if any: the last one with no end. */
export function openRedSpan(periods: readonly RedSpan[]): RedSpan | undefined {
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i];
    if (p && (p.until === null || p.until === undefined) && Number.isFinite(p.since)) { return p; }
  }
  return undefined;
}

/** The longest stretch of red inside [windowStart, now] (an open period runs until now); 0 if none. */
export function longestRedMs(periods: readonly RedSpan[], windowStart: number, now: number): number {
  let longest = 0;
  for (const p of periods) {
    if (!p || !Number.isFinite(p.since)) { continue; }
    const end = p.until === null || p.until === undefined || !Number.isFinite(p.until) ? now : Math.min(p.until, now);
    const length = end - Math.max(p.since, windowStart);
    if (length > longest) { longest = length; }
  }
  return longest;
}

/** Time-to-restore samples: closed periods that ended in the window. */
export function restoreDurations(periods: readonly RedSpan[], windowStart: number, now: number): number[] {
  const out: number[] = [];
  for (const p of periods) {
    if (p && typeof p.until === 'number' && Number.isFinite(p.since) && p.until >= windowStart && p.until <= now) {
      out.push(Math.max(0, p.until - p.since));
    }
  }
  return out;
}
