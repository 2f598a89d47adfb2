/** Commit tracking: new local commits as typed events, and what the commit trigger runs next. */
export { CommitTracker } from './commitTracker';
export { CommitQueue, type PlannedRun, type QueueOptions, type QueuePolicy } from './commitQueue';
export { branchFilter, globToRegExp, matchesGlob } from './glob';
export type {
  CommitInfo, CommitOperation, CommitState, MoveOperation, ReflogPosition, ResumePoint, TrackedCommit, TrackerEvent, TrackerOptions,
  TrackerStatus,
} from './types';
