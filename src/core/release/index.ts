/**
 * The deploy commands, over a PipelineEngine, for the CLI and the extension's palette alike.
 * Each is one async call that resolves with an outcome (`result` + a `message` ready to show)
 * and never rejects on a deploy problem; cancel with `signal`; progress is the engine's events
 * (`{ type: 'deploy', runId, event }` plus, for deploys that run stages, the run's own events),
 * which RunRenderer already turns into terminal text.
 *
 * - planProductionDeploy: what a confirmation shows (sha, commits since the last production
 *   deploy, target and live slot, red now, a deploy in progress).
 * - deployNonProd / deployProduction / promote: run the pipeline; the engine deploys
 *   (engine/productionRun.ts: lock, idle slot, switch, monitoring, auto-rollback).
 * - planSwitch / planRollbackNow: what a switch or rollback would do, for its confirmation.
 * - switchSlot / rollbackProduction: blue/green by hand; rollback without slots redeploys.
 * - monitorNow: the probes for one window, nothing changed.
 * - deployHistory: deploy.json's records, newest first.
 */
import type { PipelineEngine } from '../engine/engine';
import { deployContext } from '../deploy/deployFiles';
import { recentRecords } from '../deploy/stateModel';
import type { DeployHistory } from './types';

export { planProductionDeploy } from './plan';
export { deployNonProd, deployProduction, promote, type ProductionOptions } from './deployRuns';
export { planSwitch, planRollbackNow, switchSlot, rollbackProduction, type SwitchPlan } from './slots';
export { monitorNow, type MonitorNowOptions } from './monitorNow';
export { redNow, liveHolder, PLAN_COMMIT_LIMIT } from './facts';
export * from './types';

export async function deployHistory(engine: PipelineEngine, limit = 20): Promise<DeployHistory> {
  const { state, problems } = await (await deployContext(engine)).store.read();
  return {
    records: recentRecords(state, limit),
    ...(state.live !== undefined ? { live: state.live } : {}),
    ...(state.previous !== undefined ? { previous: state.previous } : {}),
    slots: state.slots,
    ...(state.lastNonProdPass ? { lastNonProdPass: state.lastNonProdPass } : {}),
    problems,
  };
}
