/** The record a lock file holds: who holds the lock, for what, and the processes that keep it held. */

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** What the holder is doing, in words, e.g. "production deploy of 1a2b3c4". */
  what: string;
  /** Identifies this acquisition, so release() never removes someone else's lock. */
  token: string;
  /** The holder's /proc start time: a reused pid is not taken for the holder. */
  pidStart?: string;
  /**
   * The run the lock is held for: while any process carrying its cookie (GEARSHIFT_RUN_ID)
   * lives, its stages are still at work, so the lock is not taken over even if the holder died.
   */
  runId?: string;
  /** Process groups working under the lock (a deploy's production stages), leader start times included. */
  groups?: LockGroup[];
  /** What kind of process holds it (runLock.ts RunHolderKind), so a refusal says where to go; absent in older locks: unknown. */
  kind?: string;
}

export interface LockGroup { pgid: number; start?: string }

export function describeHeld(holder: LockHolder | undefined): string {
  if (!holder) { return 'another process is taking the lock right now'; }
  return `${holder.what} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`;
}

/** The holder a lock file's text records; undefined when half-written or not ours. */
export function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder> | null;
    if (v && typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'string'
      && typeof v.what === 'string' && typeof v.token === 'string') {
      return {
        pid: v.pid, host: v.host, startedAt: v.startedAt, what: v.what, token: v.token,
        ...(typeof v.pidStart === 'string' ? { pidStart: v.pidStart } : {}), ...(typeof v.runId === 'string' ? { runId: v.runId } : {}),
        ...(Array.isArray(v.groups) ? { groups: v.groups.filter((g) => Number.isInteger(g?.pgid) && g.pgid > 0) } : {}),
        ...(typeof v.kind === 'string' ? { kind: v.kind } : {}),
      };
    }
  } catch {
    // Half-written or not ours: the caller decides by the file's age.
  }
  return undefined;
}
