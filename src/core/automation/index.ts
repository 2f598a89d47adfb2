/** Automation: new commits start pipeline runs (`trigger: commit`), shared by the CLI and the editor. */
export type {
  CommitDecision, CommitRun, CommitTriggerOptions, IgnoredBecause, PlannedRun, TriggerEvent, TriggerMode, Undeployed,
} from './types';
export { CommitTrigger } from './commitTrigger';
export { decide, modeOf, whyNoRuns } from './decide';
export { deployedShas, deployedToProduction, reachedTheEnd, undeployedOf, waitingWords } from './deployedCommits';
export { PipelineAlerts } from './pipelineAlerts';
export { commitsNotInProduction, type NotInProduction, type WaitingCommit } from './notInProduction';
export { revertedMessage, runsByItself } from './runsByItself';
export { commitRunState } from './commitRuns';
export { commitLogLines } from './coverNews';
export { branchWords, deployNews, replacedWords, type DeployNews } from './deployNews';
export { toastOnce, ANNOUNCED_FILE } from './deployAnnounced';
export { announcementOf, type Announcement } from './deployAnnouncement';
