/** Run and stage records: what the runner emits, history stores and every view renders. */

export type RunState = 'running' | 'green' | 'red' | 'cancelled' | 'interrupted';
export type StageState = 'pending' | 'waiting-approval' | 'running' | 'passed' | 'failed' | 'skipped' | 'cancelled' | 'timedOut';

export interface StageRecord {
  name: string;
  state: StageState;
  /** null when the stage never started or was killed by a signal. */
  exitCode: number | null;
  /** Signal that ended the process, if any (e.g. after a timeout). */
  signal?: string | null;
  durationMs: number;
  startedAt?: string;
  /** Plain-language reason for skipped / failed / cancelled (e.g. "command not found"). */
  reason?: string;
  /** Process group id and its leader's /proc start time: a later cleanup finds leftovers by them. */
  pgid?: number;
  pgidStart?: string;
  /** `approval: manual`: who approved the gate, when the asker knows (the editor's notification or its dialog, the CLI's prompt or --yes). */
  approvedBy?: string;
  /** `approval: manual`: ms from the question to its approval, a person's time; absent when approved in advance (`--yes`) or never asked. */
  approvalWaitMs?: number;
  /** `approval: manual` approved before it was asked (`--yes`): nobody waited. Runs before 0.40 have neither field (gateWaits.ts). */
  approvedInAdvance?: boolean;
  /** `keep: true`: processes the stage left running on purpose. */
  kept?: number[];
}

export interface RunRecord {
  id: string;
  /** Commit the run is for; "none" outside a git repository or before the first commit. */
  sha: string;
  branch: string;
  /** manual | commit | cli | task … : who or what started it. */
  trigger: string;
  startedAt: string;
  endedAt?: string;
  state: RunState;
  stages: StageRecord[];
  /** Why it was cancelled, as first given to the engine's cancel ("stopped by the user", the editor window closing, …). */
  cancelReason?: string;
  /** Free-form extras later issues add (commits covered, environment, slot, approver). */
  [extra: string]: unknown;
}

export type RunEvent =
  | { type: 'runStarted'; run: RunRecord }
  | { type: 'stageStarted'; run: RunRecord; stage: string; index: number; total: number; pid?: number; startTime?: string; keep?: boolean }
  | { type: 'stageOutput'; run: RunRecord; stage: string; stream: 'stdout' | 'stderr'; chunk: string }
  | { type: 'approvalNeeded'; run: RunRecord; stage: string }
  /** `atStart`: skipped before the run began (not selected, before `--from`), so the run's start record already says so. */
  | { type: 'stageEnded'; run: RunRecord; stage: StageRecord; atStart?: true }
  | { type: 'runEnded'; run: RunRecord };
