/**
 * `gearshift status`'s word on a release left inconclusive by monitoring: it waits for a person,
 * and production deploys are refused until then (the editor's status bar says "release needs a
 * decision"). Read from deploy.json on every call, never kept: Keep, Roll Back or another
 * deploy change it without touching the history the kept gauge figures are keyed by.
 */
import * as path from 'node:path';
import { deployStateIn, type DecisionState, type StateRead } from '../core/deploy';
import { printable, shortSha } from '../core/format';
import type { Style } from '../core/render';
import { historyFileOf } from './historyRead';

/** What to do, as `gearshift deploy production` and `run` say it too (commands/decision.ts). */
const WAY_OUT = 'keep it with `gearshift keep`, or roll back with `gearshift rollback`';

/**
 * deploy.json, read once for status's decision and production lines (production.ts); it lies beside
 * the history (the pipeline's state folder). Never rejects on the file itself (the store reads it so).
 */
export async function readDeployJson(folder: string): Promise<{ read: StateRead; decision: DecisionState }> {
  return deployStateIn(path.dirname(await historyFileOf(folder)));
}

/** status's line: which release waits and why, or why nobody can tell; nothing when no release waits. */
export function decisionLine(d: DecisionState, s: Style): string | undefined {
  if (d.liveUnknown) {
    return `${s.yellow(s.bold('live slot unknown'))}: ${printable(d.liveUnknown.message)}; until then production deploys, switch, rollback and keep refuse`;
  }
  if (d.decision) {
    const w = d.decision;
    const what = `${shortSha(w.sha)}${w.slot !== undefined ? ` in ${printable(w.slot)}` : ''}`;
    return `${s.yellow(s.bold('release needs a decision'))}  ${what}: monitoring was inconclusive (${printable(w.message)}); it stays live and production deploys wait: ${WAY_OUT}`;
  }
  if (d.corrupt !== undefined) {
    return `${s.yellow(s.bold('release decision unknown'))}: ${printable(d.corrupt)}; until then production deploys, switch, rollback and keep refuse`;
  }
  return undefined;
}

/**
 * status --json's fields: `decision` (the waiting release, or null), `decisionUnknown` (why
 * deploy.json cannot tell, or null; production deploys are refused then too) and `liveUnknown`
 * (the interrupted switch that left the live slot unknown, or null).
 */
export function decisionJson(d: DecisionState): { decision: Record<string, unknown> | null; decisionUnknown: string | null; liveUnknown: Record<string, unknown> | null } {
  const w = d.decision;
  const u = d.liveUnknown;
  return {
    decision: w ? { sha: w.sha, slot: w.slot ?? null, runId: w.runId, at: w.at, message: w.message } : null,
    decisionUnknown: d.corrupt ?? null,
    liveUnknown: u ? { to: u.intent.to, from: u.intent.from ?? null, sha: u.intent.sha, runId: u.intent.runId, startedAt: u.intent.startedAt, message: u.message } : null,
  };
}
