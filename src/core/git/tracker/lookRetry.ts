/**
 * Bounded retries, with backoff, of a look whose git call failed. The session puts back what
 * it read when a look fails (see RepoSession.check), so a retry sees the same reflog lines and
 * the commits behind a transient failure still arrive without waiting for another commit. The
 * last attempt consumes the lines, so a failure that persists is reported once, not forever.
 */

/** Pauses before each retry: five attempts over about 4.4 s. */
export const RETRY_DELAYS_MS: readonly number[] = [100, 300, 1000, 3000];

export class LookRetry {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly delaysMs: readonly number[], private readonly look: () => void) {}

  /** False on the last attempt: the look must not roll back, whatever happens. */
  get rollBack(): boolean {
    return this.failures < this.delaysMs.length;
  }

  /** A look went through: the next failure starts a fresh series of retries. */
  succeeded(): void {
    this.failures = 0;
    this.cancel();
  }

  /** Schedules the next look and returns true, or returns false when that was the last attempt. */
  failed(): boolean {
    if (!this.rollBack) {
      this.failures = 0;
      return false;
    }
    const delay = this.delaysMs[this.failures++];
    // A retry already pending (a poll's look failed meanwhile) stays: it looks soon enough.
    this.timer ??= setTimeout(() => {
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
