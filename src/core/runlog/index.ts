/** Saved stage output of recent runs, beside history: recorded from engine events, bounded, masked, pruned; read back by the CLI and the editor. */
export { BoundedLog, HEAD_BYTES, TAIL_BYTES, omittedLine } from './boundedLog';
export { keepRunLogs, RunLogRecorder, type RunLogOptions, type RunLogSource } from './runLogRecorder';
export { KEEP_RUNS, MAX_TOTAL_BYTES, pruneRunLogs, type PruneLimits } from './prune';
export { RUN_LOGS_DIR, runDir, runDirName, type RunLogMeta, type StageLogHeader } from './runLogFiles';
export { listSavedRuns, readStageFile, readStageLog, savedStages, type SavedRun, type SavedStage, type StageLog } from './runLogRead';
export { logForDocument, logForTerminal } from './logText';
export { defaultStage, pickRun, type RunPick } from './pick';
export { answerFor, answerText, missingStageText, withHistoryStates, type RunAnswer } from './runAnswer';
export { endsInFailure, keptNote, stageStateWords } from './stateWords';
export { noOutputText, unsavedRuns } from './unsaved';
