/** The deploy domain: state, lock, blue/green, rollback, monitoring, the production deploy and its engine hooks. */
export * from './stateModel';
export { DeployStateStore, DEPLOY_STATE_FILE, type StateRead, type DeployStateOptions } from './stateStore';
export { DeployLock, DEPLOY_LOCK_FILE, DEFAULT_LOCK_MAX_AGE_MS, type AcquireResult, type LockHolder, type DeployLockOptions } from './deployLock';
export { changedSince, idleSlot, slotEnv, switchTo, unconfiguredLive, DEFAULT_SWITCH_TIMEOUT_MS, type SlotExpectation, type SwitchOptions, type SwitchResult } from './blueGreen';
export { missingSwitchSecrets, switchSecretNames } from './switchSecrets';
export { planRollback, planRedeploy, previousGoodProduction, rollback, missingSecretsRefusal, NOTHING_TO_ROLL_BACK, type RollbackPlan, type RollbackResult, type RollbackOptions } from './rollback';
export { Monitor, type MonitorOptions } from './monitor/releaseMonitor';
export { tripReason, percent, SPIKE_FLOOR } from './monitor/decide';
export type { Baseline, Clock, LiveSlots, MonitorResult, MonitorSample, ProbeBaseline, ProbeSample } from './monitor/types';
export { ProductionDeploy, NO_COMMIT_TO_DEPLOY, pausedMessage, type ProductionDeployOptions, type StagesRequest } from './productionDeploy';
export { analyse, classify, limitsOf, ANALYSIS_DEFAULTS, type AnalysisLimits, type Measurement, type MeasurementOutcome, type Verdict } from './monitor/analysis';
export type { DeployEvent, DeployOutcome } from './events';
export type { DeployEngineEvent, DeployOperation, OperationEvent } from './engineEvents';
export { decisionStateIn, deployContext, deployContextIn, type DecisionState, type DeployContext, type HasDataDir } from './deployFiles';
export { deployRunHooks } from './runHooks';
export { noteNonProdPass } from './nonProdPass';
export { applyDeployOutcome, productionHooks, type ProductionHooks, type ProductionHooksOptions } from './productionHooks';
export { selectsProduction } from './selectsProduction';
