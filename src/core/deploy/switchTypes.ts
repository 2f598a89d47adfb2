/** What a switch takes and gives (blueGreen.ts switchTo, switchRun.ts). */
import type { DeployConfig } from '../config';
import type { ResolvedSecrets } from '../secrets';
import type { DeployLock } from './deployLock';
import type { DeployStateStore } from './stateStore';
import type { DeployRecord } from './stateModel';

/** A switch repoints a load balancer or a symlink: minutes at most. */
export const DEFAULT_SWITCH_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * What a switch or rollback was planned on (and a person may have confirmed): the slot it makes
 * live, the release that slot held, and the slot live then. Checked again under the deploy lock,
 * since another process may deploy or switch in between (while a y/N question is open, say).
 */
export interface SlotExpectation {
  to: string;
  sha: string;
  live: string | undefined;
  /** A person said yes to it: the refusal then says so. */
  confirmed?: boolean;
}

export interface SwitchOptions {
  /** Repository root: the script's cwd. */
  root: string;
  config: DeployConfig;
  store: DeployStateStore;
  slot: string;
  /** How the record reads: a manual `switch`, a `rollback`, or part of a `deploy`. */
  kind: DeployRecord['kind'];
  runId: string;
  /** Default: the sha deployed in `slot`, as recorded. */
  sha?: string;
  approvedBy?: string;
  /** False when the caller writes its own record. Default true; a cancelled switch is never recorded. */
  record?: boolean;
  /** Taken for the switch and released after, when the caller does not already hold it. */
  lock?: DeployLock;
  /** The state the switch was planned on; checked under the lock, and the script does not run when it changed. */
  expect?: SlotExpectation;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Values for `deploy.env`'s references; they also mask the script's output and the failure message. */
  secrets?: ResolvedSecrets;
  timeoutMs?: number;
  killGraceMs?: number;
  signal?: AbortSignal;
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  /**
   * The script's process group as it starts. A switch by hand records it in history, so that if
   * this process dies (kill -9) the next command's clean-up kills the script as it kills a dead
   * run's stages (core/engine/leftovers.ts), instead of leaving it switching unwatched.
   */
  onScriptStarted?: (pgid: number, start: string | undefined) => void;
  /** Awaited under the lock right before the script starts (not when refused): a switch by hand writes its history start line here. */
  beforeScript?: () => Promise<void>;
  /**
   * A person said which slot to make live after an interrupted switch (`gearshift switch --to`):
   * the standing intent does not refuse it, and on success the other slot becomes `previous`.
   */
  overInterrupted?: boolean;
}

export type SwitchResult =
  | { ok: true; live: string; previous?: string; sha: string; record?: DeployRecord }
  | {
    ok: false; live?: string; message: string; exitCode: number | null; output: string; cancelled: boolean; record?: DeployRecord; missingSecrets?: readonly string[];
    /** Cancelled while the script ran: it may have moved traffic; the intent stays in deploy.json (switchIntent.ts). */
    liveUnknown?: boolean;
  };

