/**
 * One production deploy (or switch, or rollback) at a time per pipeline, across the CLI and
 * every editor window: `deploy.lock` in the pipeline's state folder, next to deploy.json.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { isWriterAlive, unprovenHolder } from '../history';
import { type AcquireResult, DEPLOY_LOCK_FILE, FileLock, type LockHolder, lockUnwritable } from '../lock';

export type { AcquireResult, LockHolder } from '../lock';

export { DEPLOY_LOCK_FILE };
/**
 * A holder on another host (whose pid cannot be checked from here) is taken for gone after this.
 * On this host the holder's liveness decides, however long the deploy takes.
 */
export const DEFAULT_LOCK_MAX_AGE_MS = 6 * 60 * 60 * 1000;

export interface DeployLockOptions {
  maxAgeMs?: number;
  now?: () => number;
}

export class DeployLock {
  private readonly lock: FileLock;
  /** How long another host's holder counts as alive (`liveHolder` below judges by it too). */
  readonly maxAgeMs: number;

  /** `dir`: the folder holding deploy.json (created on first acquire). */
  constructor(dir: string, opts: DeployLockOptions = {}) {
    this.maxAgeMs = opts.maxAgeMs ?? DEFAULT_LOCK_MAX_AGE_MS;
    this.lock = new FileLock(path.join(dir, DEPLOY_LOCK_FILE), { maxAgeMs: this.maxAgeMs, ...(opts.now ? { now: opts.now } : {}) });
  }

  get file(): string { return this.lock.file; }

  /**
   * `{ ok: true, release }`, or `{ ok: false, heldBy, message }` with a message ready to show,
   * e.g. "another deploy is in progress: production deploy of 1a2b3c4 (pid 4242 on host, since …)".
   */
  /** `runId`: the run deploying; its processes keep the lock held even if this process dies. */
  async acquire(what: string, runId?: string): Promise<AcquireResult> {
    let result: AcquireResult;
    try {
      result = await this.lock.acquire(what, runId);
    } catch (e) {
      // Refused, not thrown (slotOperations.ts reads it as a refusal, exit 2). A full disk or a read-only file system is the machine's state, not a bug: said in words (exit 2), nothing started.
      return { ok: false, message: `${await lockUnwritable(path.dirname(this.file), DEPLOY_LOCK_FILE, 'deploy lock', e)}` };
    }
    return result.ok ? result : { ...result, message: `another deploy is in progress: ${result.message}` };
  }

  /** Who holds it now (possibly a stale holder that the next acquire will replace). */
  holder(): Promise<LockHolder | undefined> {
    return this.lock.holder();
  }
}

/**
 * The holder of the deploy lock, if it is held for real (not a crashed holder's leftover). As the
 * lock judges it: on this host by the holder's liveness, however old; on another by age.
 */
export async function liveHolder(lock: DeployLock): Promise<LockHolder | undefined> {
  const holder = await lock.holder().catch(() => undefined);
  if (!holder) { return undefined; }
  if (holder.host !== os.hostname()) { return Date.now() - Date.parse(holder.startedAt) < lock.maxAgeMs ? holder : undefined; }
  const now = Date.now();
  const alive = isWriterAlive(holder.pid, holder.host, holder.startedAt, now, holder.pidStart) && unprovenHolder(holder, now, lock.maxAgeMs) === undefined;
  return alive ? holder : undefined;
}

/** Whether a run's production deploy is under way: its run holds the deploy lock for real (a holder that names no run cannot tell: yes). */
export async function deployRunning(lock: DeployLock): Promise<(runId: string) => boolean> {
  const holder = await liveHolder(lock);
  return (runId) => holder !== undefined && (holder.runId === undefined || holder.runId === runId);
}
