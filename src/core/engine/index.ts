/** The engine: config + git + runner + history for one folder, and how its runs read as text. */
export { PipelineEngine, type EngineOptions, type StartOutcome } from './engine';
export type { EngineEvent, RunRequest, WhenBusy } from './events';
export { RunRenderer } from './render';
