/**
 * What production serves now, in the one rule `gearshift status`, the editor's tooltip and gauge
 * and the deploy confirmations share: the release deploy.json records live, or unknown when a
 * deploy without blue/green stopped in its production stages (unsettledDeploy.ts: production may
 * hold part of it). A mark whose deploy still runs (it holds the deploy lock) is not that: while
 * it runs, what was recorded live is what is said.
 */
import { deployRunning, type DeployLock } from './deployLock';
import { liveRelease, type LiveRelease } from './liveRelease';
import type { DeployState } from './stateModel';
import type { StateRead } from './stateStore';
import { unsettledText, type UnsettledDeploy } from './unsettledDeploy';

/** `live`: what deploy.json records live. `unsettled`: a deploy stopped in its production stages, so nothing is said live. */
export type ProductionKnown = { live: LiveRelease; unsettled?: undefined } | { unsettled: UnsettledDeploy; live?: undefined };

/** The deploy lock, or how to find it: looked at only when a mark stands that does not say how its deploy stopped. */
export type LockOf = DeployLock | (() => Promise<DeployLock>);

/** deploy.json's `unsettled` mark when its deploy ended (said how, or its run no longer holds the deploy lock); undefined while it runs, or with no mark. */
export async function stoppedUnsettled(state: DeployState, lock: LockOf): Promise<UnsettledDeploy | undefined> {
  const mark = state.unsettled;
  if (mark === undefined) { return undefined; }
  if (mark.stopped !== undefined) { return mark; }
  const running = await (async () => deployRunning(typeof lock === 'function' ? await lock() : lock))().catch(() => () => false);
  return running(mark.runId) ? undefined : mark;
}

/**
 * The live release or the unsettled mark; undefined when nothing is known live: no deploy yet, or
 * deploy.json corrupt or naming an interrupted switch (their own words say why: switchIntent.ts).
 */
export async function productionIn(read: StateRead, lock: LockOf): Promise<ProductionKnown | undefined> {
  if (read.corrupt !== undefined || read.state.switching !== undefined) { return undefined; }
  const unsettled = await stoppedUnsettled(read.state, lock);
  if (unsettled) { return { unsettled }; }
  const live = liveRelease(read.state);
  return live ? { live } : undefined;
}

/**
 * Why production is unknown, in status' words ("the production deploy of X was interrupted in its production
 * stages …; check what production runs, then …"); undefined when it is known (productionIn).
 */
export async function productionUnknownText(read: StateRead, lock: LockOf): Promise<string | undefined> {
  const known = await productionIn(read, lock);
  return known?.unsettled ? unsettledText(known.unsettled) : undefined;
}
