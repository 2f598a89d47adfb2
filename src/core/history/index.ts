/** Public surface of run history: where the file is, and the store that reads and appends it. */
export { historyFileFor, stateHome, folderKey } from './historyPath';
export { HistoryStore, MAX_PROBLEMS, type HistoryProblem, type HistoryReadOptions, type HistoryReadResult } from './historyStore';
export { INTERRUPTED_STAGE_REASON } from './runMerger';
export { isWriterAlive } from './liveness';
export type { TailReadResult } from './tailRead';
export type { StageProcessRef } from './entry';
