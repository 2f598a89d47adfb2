/**
 * Bounded retries, with backoff, of a look whose git call failed. The session puts back what
 * it read when a look fails (see RepoSession.check), so a retry sees the same reflog lines and
 * the commits behind a transient failure still arrive without waiting for another commit. The
 * last attempt consumes the lines, so a failure that persists is reported once, not forever:
 * a line git cannot read must not hold back every commit after it. That report names the HEAD
 * positions given up on, since their commits then start no run (5th gear would lose them).
 */
import { shortSha } from '../../format';
import type { TrackerEvent } from './types';

/**
 * Pauses before each retry: eight attempts over about 1 min 44 s. Git slowed by a busy machine,
 * a network file system or a lock usually recovers within that; past it, the user is told.
 */
export const RETRY_DELAYS_MS: readonly number[] = [100, 300, 1000, 3000, 10_000, 30_000, 60_000];

/** The last attempt failed too: said once, naming the HEAD positions whose commits will start no run. */
export function gaveUpEvent(err: unknown, attempts: number, missed: readonly string[], branch: string): Extract<TrackerEvent, { type: 'error' }> {
  const error = (err instanceof Error ? err.message : String(err)).trim();
  return { type: 'error', message: gaveUpMessage(error, attempts, missed, branch), ...(missed.length > 0 ? { missed: [...missed] } : {}) };
}

/** What the user reads on giving up: git's error, and which commits went unread (no run was started for them). */
function gaveUpMessage(error: string, attempts: number, missed: readonly string[], branch: string): string {
  if (missed.length === 0) { return error; }
  const where = missed.slice(-3).map(shortSha).join(', ') + (missed.length > 3 ? ` (and ${missed.length - 3} more)` : '');
  return `${error}; gave up after ${attempts} attempts: HEAD moved to ${where}${branch ? ` on ${branch}` : ''}, `
    + 'and the commits that brought were not read, so no run was started for them (run the pipeline by hand to test them)';
}

export class LookRetry {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly delaysMs: readonly number[], private readonly look: () => void) {}

  /** Looks in a series: the first and one per pause. */
  get attempts(): number { return this.delaysMs.length + 1; }

  /**
   * Whether a look starting now may roll back: false only for the last attempt, the first look
   * once every pause has passed. A poll's look while a pause runs is not an attempt.
   */
  get rollBack(): boolean {
    return this.timer !== undefined || this.failures < this.delaysMs.length;
  }

  /** A look went through: the next failure starts a fresh series of retries. */
  succeeded(): void {
    this.failures = 0;
    this.cancel();
  }

  /**
   * A look failed; `rolledBack` is what `rollBack` said as it started. Schedules the next attempt
   * and returns true, or returns false when that look was the last attempt.
   */
  failed(rolledBack: boolean): boolean {
    if (!rolledBack) {
      this.failures = 0;
      return false;
    }
    // A poll's look (polls come each second): the retry waiting, or just due, is the next attempt.
    // Counting these gave up after ≈ 4 s instead of after the pauses.
    if (this.timer !== undefined || this.failures >= this.delaysMs.length) { return true; }
    const delay = this.delaysMs[this.failures++];
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.look();
    }, delay);
    return true;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
