/** Git facts for one repository: where HEAD is, commit tracking, commit metrics, worktrees. */
export * from './tracker';
export * from './metrics';
export { approverName } from './approver';
export { getRepoInfo, gitPlace, workTreeTopOf, type GitPlace, type RepoInfo } from './repoInfo';
export { findGitLayout, readHeadFacts, rememberGitLayouts, type GitLayout, type HeadFacts } from './gitFiles';
export { workTreeDirty } from './workTreeDirty';
export { headNow, headReader } from './headNow';
export { addWorktree, removeLeftoverWorktree, type Worktree } from './worktree';
export { readCommittedFile, type CommittedFile } from './committedFile';
export { CommitGraph, MISSING } from './metrics/commitGraph';
export { deliveries, leadTimesOf } from './metrics/deliveries';
export { streamGit } from './metrics/logStream';
export { gitAt } from './tracker/gitQueries';
export { readLooseCommitLink, type CommitLink } from './tracker/commitLink';
export { isCommitSha, checkCommitSha, END_OF_OPTIONS } from './sha';
export { MadeCommits } from './madeCommits';
export { gitEnv, runGit } from './gitProcess';
export type { RedFacts, RevertOffer } from './revertOffer';
