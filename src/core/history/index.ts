/** Public surface of run history: where the file is, and the store that reads and appends it. */
export { historyFileFor, pipelineStateDir, sharedStateDir, stateHome, folderKey, HISTORY_DIR, HISTORY_FILE } from './historyPath';
export { PIPELINES_DIR, pipelineStateName, pipelineOfStateName } from './pipelineState';
export { HistoryStore, openHistoryForAppend, MAX_PROBLEMS, type HistoryProblem, type HistoryReadOptions, type HistoryReadResult } from './historyStore';
export { INTERRUPTED_STAGE_REASON } from './runMerger';
export { isWriterAlive, unprovenHolder } from './liveness';
export { readNewestRuns, type KeptWindow, type TailReadResult } from './tailRead';
export { readNewestUntil, type NewestRuns } from './readBack';
export { openWindowCache, saveWindowCache, windowCacheFile, MAX_CACHED_RUNS, REWRITE_AFTER_BYTES, WINDOW_CACHE_FILE, type CachedWindow } from './windowCache';
export type { StageProcessRef } from './entry';
export { readLines, type Line } from './lineReader';
export { historyFingerprint, isFingerprint, sameFingerprint, type HistoryFingerprint } from './fingerprint';
export { readAppendedRuns, type AppendedRuns } from './appendedRuns';
export { beforeProductionDeploy, deployFactsOf, type DeployFacts } from './deployFacts';
export { MIN_AGE_MS, sweepStaleTemps } from './staleTemps';
