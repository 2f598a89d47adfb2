/** Public surface of the pipeline runner. */

// For one-off commands outside a pipeline (e.g. the deploy switch script): same group/kill rules.
export { PipelineRun, DEFAULT_KILL_GRACE_MS, type RunOptions } from './runner';
export type { ApprovalAnswer } from './options';
export { planRun, NOT_SELECTED_NON_PROD, NOT_SELECTED_PRODUCTION, type RunPlan, type Selection } from './graph';
export type { GateAnswer, StageGate } from './gate';
export { StageProcess, killGroup, type ProcessSpec, type ProcessResult, type OutputStream } from './process';
export { killLiveGroups } from './liveGroups';
export { buildStageEnv, hookIndexEnv, withoutRepoLocators, type StageEnvInput } from './env';
export { exitReason } from './outcome';
export { endIsLastSeen } from './runEnd';
export type { RunEvent, RunRecord, RunState, StageRecord, StageState } from './types';
export { OutputFlow } from './flow';
export { SafeEmitter, reportListenerErrors, type ListenerErrorHandler } from './emitter';
export { describeFailure, runCommand, succeeded, type CommandResult } from './shellCommand';
export { answerUntilAborted, lateApprovalMessage } from './approvalPrompt';
export {
  KEEP_VAR, RUN_COOKIE_VAR, STAGE_COOKIE_VAR, groupMembers, hasEnv, processStartTime, processStartedAtMs, processesWithEnv, recordedGroupMembers, sameProcessAlive, signalEach,
  stageCookie,
} from './procfs';
export { runSecretNames, secretNamesRunNeeds, stageSecretNames } from './stageSecrets';
export { stageRows, shownState, untoldOutcome, type RowState, type StageRow } from './stageRows';
