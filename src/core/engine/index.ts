/** The engine: config + git + runner + history for one folder; parts above add work through hooks. */
export { PipelineEngine } from './engine';
export type { EngineOptions } from './options';
export type { StartOutcome } from './startOutcome';
export type { Source as RunSourceChecked, CheckRefusal } from './runCheck';
export type { NoStage } from './selection';
export { noStageHint, noStageWhere } from './selection';
export type { ConfirmedFields, ConfirmedSlots, EngineEvent, EngineEventExtensions, ExtensionEvent, RunRequest, WhenBusy } from './events';
export type { RunContext, RunHooks, RunHooksFactory, StagesHold } from './hooks';
export { RED_WAY_OUT, RefusedOnRed } from './hooks';
export { exitCodeFor } from './exitCode';
export { statusOfRun, worstStatus, type PipelineStatus } from './status';
export { StageLogs } from './stageLogs';
export { startOrAsk } from './startOrAsk';
export { listedStages } from './listedStages';
export { permissionProblem } from '../fileio';
export { awaitsCleanUp, cleanUpDeadRuns, cleanUpDeadRunsIn, leftoverPids, type InterruptedRunNote, type LeftoverReport } from './leftovers';
export { newestStageRun, ranNoStage, statusStory, type StatusStory } from './stageRun';
export { environmentWords, productionChange } from './prodChange';
