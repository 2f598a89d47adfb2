/**
 * The commit tracker's vocabulary: what a commit looks like to the rest of Gearshift and the
 * events the tracker emits. Subjects, names and branch names are data: they are only ever
 * carried in these fields, never interpreted, quoted or passed to a shell.
 */

export interface CommitInfo {
  /** Full commit id. */
  sha: string;
  /** Full ids of the parents, first parent first; [] for a root (or shallow boundary) commit. */
  parents: string[];
  /** Branch HEAD was on when the commit was seen, without `refs/heads/`; '' when detached. */
  branch: string;
  /** Author name. */
  author: string;
  authorEmail?: string;
  /** Committer time, strict ISO 8601 with the committer's offset (git's %cI). */
  time: string;
  /** First line of the message, verbatim. */
  subject: string;
}

/** How new commits arrived on HEAD. */
export type CommitOperation = 'commit' | 'amend' | 'merge' | 'cherry-pick' | 'rebase' | 'pull' | 'initial';

/** HEAD moved without bringing commits to deploy. */
export type MoveOperation = 'checkout' | 'reset' | 'other';

export type TrackerEvent =
  | {
    type: 'newCommits';
    operation: CommitOperation;
    /** Parents first. For merges, pulls and rebases: every commit new to the branch. */
    commits: CommitInfo[];
    branch: string;
    /** Commits rewritten away by this operation (the amended commit; a rebase's originals). */
    replaces?: string[];
    /** The range held more commits than the tracker reports at once; the oldest were left out. */
    truncated?: boolean;
  }
  | { type: 'headMoved'; operation: MoveOperation; from: string; to: string; branch: string }
  | { type: 'repoAppeared'; gitDir: string }
  | { type: 'repoGone'; gitDir: string }
  /**
   * `missed`: giving up on a look consumed these HEAD positions (reflog lines) without reading
   * their commits, so they were never reported: the message says so, for the user to run them.
   */
  | { type: 'error'; message: string; missed?: string[] };

export type CommitState = 'new' | 'ran' | 'deployed' | 'replaced';

export interface TrackedCommit extends CommitInfo {
  operation: CommitOperation;
  /** When the tracker saw it (ISO). */
  seenAt: string;
  state: CommitState;
  /** For `replaced`: the commit that replaced it, when known (an amend's new commit). */
  replacedBy?: string;
}

export type Clock = () => number;

export interface TrackerOptions {
  /** Any folder inside the work tree (usually the workspace folder). */
  folder: string;
  /** Quiet time collecting bursts of file events before looking (ms). Default 20. */
  debounceMs?: number;
  /** Safety-net poll interval; the only signal when watching is off or fails (ms). Default 1000. */
  pollMs?: number;
  /** false: never use fs.watch (network drives where events never arrive). Default true. */
  watch?: boolean;
  /** Most commits reported for one operation (a long pull or rebase). Default 1000. */
  maxRange?: number;
  /** Pauses before retrying a look whose git call failed; one attempt more than entries,
   *  after which the failure is reported. Default 100, 300, 1000, 3000. */
  retryDelaysMs?: readonly number[];
  /** Time source for `seenAt` and for "made after the repository appeared" (ms since epoch). */
  clock?: Clock;
  /**
   * On the first start in an existing repository: where the last tracker left off, so a commit
   * made while no tracker ran is reported. undefined, or a rejection: everything already in the
   * reflog is the past.
   */
  resumeFrom?: (gitDir: string) => Promise<ResumePoint | undefined>;
}

/** How far logs/HEAD was read: a byte offset, and the bytes just before it (base64) that tell the file is the same one. */
export interface ReflogPosition { offset: number; tail: string }

/**
 * Where a tracker left off. With a `position` the file still matches, the lines after it are news;
 * otherwise (no position, or the reflog rewritten by `git reflog expire`) lines written at or
 * after `sinceMs` are, at git's grain of whole seconds.
 */
export interface ResumePoint { sinceMs: number; position?: ReflogPosition }

/** Where the tracker gets its news from, for status displays and tests. */
export interface TrackerStatus {
  state: 'idle' | 'waiting' | 'tracking' | 'disposed';
  /** 'reflog': reading logs/HEAD; 'head': comparing HEAD (reflog disabled or missing). */
  source?: 'reflog' | 'head';
  /** False when fs.watch is off or failed and only polling remains. */
  watching: boolean;
  gitDir?: string;
  commonDir?: string;
  /** Top of the work tree; undefined for a bare repository. */
  root?: string;
  /** core.logAllRefUpdates=false was found (why the source is 'head'). */
  reflogDisabled?: boolean;
}

export const ZERO_SHA = /^0+$/;
