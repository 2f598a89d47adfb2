/**
 * `gearshift status`'s production line and --json key: what is live in which slot, how it got
 * there (deployed, switched or rolled back from which commit, when), and whether HEAD is it.
 * Read from deploy.json on every call, in the one read the release decision comes from too (releaseDecision.ts).
 */
import * as path from 'node:path';
import { deployContextIn, type LiveRelease, productionIn, type ProductionKnown, type StateRead, type UnsettledDeploy, unsettledText } from '../core/deploy';
import { localTime, printable, shortSha } from '../core/format';
import { headNow } from '../core/git';
import type { Style } from '../core/render';
import { historyFileOf } from './historyRead';

/**
 * `live`: what deploy.json records live. `unsettled`: without blue/green, a deploy stopped in its
 * production stages (unsettledDeploy.ts): production may hold part of it, so nothing is said live.
 */
export type ProductionNow = ProductionKnown & { head?: string };

/**
 * The live release and HEAD; undefined when nothing is known to be live (no deploy yet, or deploy.json unreadable: decisionLine says why).
 * `deployJson`: the file as status read it once for this and the release decision (releaseDecision.ts readDeployJson).
 * The rule is core/deploy productionIn, which the editor's tooltip, gauge and deploy confirmations share.
 */
export async function productionNow(folder: string, deployJson: Promise<StateRead>): Promise<ProductionNow | undefined> {
  const [read, head] = await Promise.all([deployJson.catch(() => undefined), headNow(folder).catch(() => undefined)]);
  const at = head !== undefined && head !== 'none' ? { head } : {};
  const known = read ? await productionIn(read, async () => deployContextIn(path.dirname(await historyFileOf(folder))).lock) : undefined;
  return known ? { ...known, ...at } : undefined;
}

/** "production  unknown: the production deploy of 148c20f9 was cancelled in its production stages: production may hold part of …". */
function unsettledLine(u: UnsettledDeploy, s: Style): string {
  return `${s.bold('production')}  ${s.yellow(s.bold('unknown'))}: ${printable(unsettledText(u))}`;
}

const HOW: Record<LiveRelease['by'], string> = { deploy: 'deployed', promote: 'promoted', switch: 'switched', rollback: 'rolled back' };

/** "production  38143fb4 live in green (rolled back from daaddbc8 at 2026-12-06 14:39:40; HEAD daaddbc8 is not live)". */
export function productionLine(p: ProductionNow, s: Style): string {
  if (p.unsettled) { return unsettledLine(p.unsettled, s); }
  const l = p.live;
  const where = l.slot !== undefined ? ` in ${printable(l.slot)}` : '';
  const how = `${HOW[l.by]}${l.from !== undefined ? ` from ${shortSha(l.from)}` : ''} at ${localTime(l.at)}`;
  const alerted = l.result === 'alert' ? '; its monitoring alerted: `gearshift rollback` takes it out' : '';
  const head = p.head !== undefined && p.head !== l.sha ? `; HEAD ${shortSha(p.head)} is not live` : '';
  return `${s.bold('production')}  ${shortSha(l.sha)} live${where} (${how}${alerted}${head})`;
}

/**
 * status --json's `production`: {"sha", "slot", "by", "at", "runId", "result", "from", "head", "headLive"}, or null;
 * `productionUnknown`: {"sha", "runId", "kind", "startedAt", "stopped" (cancelled, failed, interrupted), "before", "message"}, or null.
 */
export function productionJson(p: ProductionNow | undefined): { production: Record<string, unknown> | null; productionUnknown: Record<string, unknown> | null } {
  if (!p) { return { production: null, productionUnknown: null }; }
  if (p.unsettled) {
    const u = p.unsettled;
    const productionUnknown = { sha: u.sha, runId: u.runId, kind: u.kind, startedAt: u.startedAt, stopped: u.stopped ?? 'interrupted', before: u.before ?? null, message: unsettledText(u) };
    return { production: null, productionUnknown };
  }
  const l = p.live;
  return { productionUnknown: null,
    production: {
      sha: l.sha, slot: l.slot ?? null, by: l.by, at: l.at, runId: l.runId, result: l.result, from: l.from ?? null,
      head: p.head ?? null, headLive: p.head !== undefined ? p.head === l.sha : null,
    },
  };
}
