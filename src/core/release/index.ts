/**
 * The deploy use cases, one file each, over a PipelineEngine, for the CLI and the extension's
 * palette alike. Each is one async call that resolves with an outcome (`result` + a `message`
 * ready to show) and never rejects on a deploy problem; cancel with `signal`; progress is the
 * engine's events (`{ type: 'deploy', runId, event }` plus, for deploys that run stages, the
 * run's own events), which core/render turns into terminal text.
 *
 * - plan.ts: what a production deploy's confirmation shows (sha, commits since the last
 *   production deploy, target and live slot, red now, a deploy in progress).
 * - deployNonProd / deployProduction / promote: run the pipeline; the deploy's run hooks
 *   deploy (core/deploy/runHooks.ts: lock, idle slot, switch, monitoring, auto-rollback).
 * - switchSlot / rollbackProduction (with planSwitch / planRollbackNow for the confirmation).
 * - monitorNow: the probes for one window, nothing changed.
 * - deployHistory: deploy.json's records, newest first.
 * - keepRelease / pendingDecision: a release left inconclusive by monitoring waits for a person.
 */
export * from './types';
export { confirmedSlots, planProductionDeploy, slotsToPin } from './plan';
export { planDetail, productionQuestion, COMMITS_SHOWN, NO_DEPLOY_HERE, OTHER_CLONES, slotMayBeLive } from './planText';
export { deployNonProd } from './deployNonProd';
export { deployProduction, type ProductionOptions } from './deployProduction';
export { promote } from './promote';
export { planSwitch, switchSlot, type SwitchPlan } from './switchSlot';
export { rollbackProduction } from './rollbackProduction';
export { planRollbackNow, type RollbackGoAhead, type RollbackPlanNow } from './rollbackPlan';
export { rollbackDetail, rollbackQuestion } from './rollbackText';
export { monitorNow, type MonitorNowOptions } from './monitorNow';
export { deployHistory } from './deployHistory';
export { keepRelease, pendingDecision, releaseDecisionState, decisionRecord, NOTHING_TO_DECIDE, type DecisionRecord, type KeepOutcome } from './keepRelease';
export { redNow, liveHolder, PLAN_COMMIT_LIMIT } from './facts';
export { replacedBy } from './replaced';
export { RED_WAY_OUT } from '../engine';
export { watchDeployEnd } from './runThrough';
export { runNeedsConfirmation, RUN_DEPLOYS_NOTE, type RunConfirmationOptions } from './runConfirmation';
export { planRunStart, redRefusalOf, runQuestion, runDeploysNote, type RunStart, type RunStartOptions } from './runStart';
