/** A repository's other pipelines (a monorepo's subfolders): found with git, their state read off their histories, watched. */
export { findSubfolderPipelines, MAX_SUBFOLDER_PIPELINES, type SubfolderPipeline, type SubfolderPipelines } from './discover';
export { readPipelineState, type PipelineReading } from './readState';
export { HistoryFileWatch } from './historyWatch';
export { findRepoPipelines, otherRepoPipelines, type RepoPipeline, type RepoPipelinesFound } from './repoPipelines';
export { pipelinesBeside, type PipelinesBeside } from './besideFolders';
export { changedFiles, pipelinesTouched, runsOnCommit } from './commitsBelow';
