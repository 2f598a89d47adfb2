/**
 * When to ask the remote CI again. The policy, in one place:
 * - only while the window is focused (nobody looks at an unfocused window), and only while the
 *   answer can still change: a run is in progress, or the commit is new (no finished run yet,
 *   within `newShaWindowMs` of first seeing it, time for CI to pick the push up);
 * - a finished run (green or red), "off" or "unsupported" stop polling until HEAD moves;
 * - every `intervalMs` while wanted; after an unknown answer (5xx, garbage, no network) the wait
 *   doubles up to `maxErrorDelayMs`, so a broken server never sees a tight loop;
 * - nothing goes out before a rate limit's reset / retry-after.
 * One timer at most; `dispose` clears it and drops a request that is out. The clock is injected: tests move time, no sleeps.
 */
import type { Clock } from '../redgreen';
import type { CheckResult } from './client';
import type { RemoteState, RemoteStatus } from './types';

export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_NEW_SHA_WINDOW_MS = 10 * 60_000;
export const DEFAULT_MAX_ERROR_DELAY_MS = 10 * 60_000;
/** Whatever the caller passes, never ask more often than this. */
const MIN_INTERVAL_MS = 5_000;

export interface PollerOptions {
  /** `signal` aborts when the poller is disposed: a request out then is dropped. */
  check: (sha: string, signal: AbortSignal) => Promise<CheckResult>;
  clock: Clock;
  onStatus: (status: RemoteStatus) => void;
  log: (message: string) => void;
  intervalMs?: number;
  newShaWindowMs?: number;
  maxErrorDelayMs?: number;
}

export interface PollFacts {
  focused: boolean;
  sha?: string;
  /** The last state that was not 'unknown' (an error does not erase "a run is in progress"). */
  lastKnown?: RemoteState;
  checkedOnce: boolean;
  shaSince: number;
  lastCheckAt: number;
  failures: number;
  retryAt: number;
  now: number;
}

/** Ms until the next check, or undefined: do not poll. Pure, so the policy is tested alone. */
export function nextPollDelay(f: PollFacts, o: { intervalMs: number; newShaWindowMs: number; maxErrorDelayMs: number }): number | undefined {
  if (!f.focused || !f.sha) { return undefined; }
  if (f.lastKnown === 'off' || f.lastKnown === 'unsupported') { return undefined; }
  const inProgress = f.lastKnown === 'in-progress';
  const newSha = f.lastKnown !== 'success' && f.lastKnown !== 'failure' && f.now - f.shaSince < o.newShaWindowMs;
  if (f.checkedOnce && !inProgress && !newSha) { return undefined; }
  const base = !f.checkedOnce ? 0 : f.failures > 0 ? Math.min(o.intervalMs * 2 ** f.failures, o.maxErrorDelayMs) : o.intervalMs;
  return Math.max(0, f.lastCheckAt + base - f.now, f.retryAt - f.now);
}

export class RemotePoller {
  private facts: Omit<PollFacts, 'now'> = { focused: false, checkedOnce: false, shaSince: 0, lastCheckAt: 0, failures: 0, retryAt: 0 };
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private last = '';
  private disposed = false;
  private readonly stop = new AbortController();
  private readonly limits: { intervalMs: number; newShaWindowMs: number; maxErrorDelayMs: number };

  constructor(private readonly opts: PollerOptions) {
    this.limits = {
      intervalMs: Math.max(MIN_INTERVAL_MS, opts.intervalMs ?? DEFAULT_INTERVAL_MS),
      newShaWindowMs: opts.newShaWindowMs ?? DEFAULT_NEW_SHA_WINDOW_MS,
      maxErrorDelayMs: Math.max(MIN_INTERVAL_MS, opts.maxErrorDelayMs ?? DEFAULT_MAX_ERROR_DELAY_MS),
    };
  }

  setFocused(focused: boolean): void {
    if (this.facts.focused === focused) { return; }
    this.facts.focused = focused;
    this.schedule();
  }

  /** HEAD moved (or was first read): a new commit to ask about, at once. */
  setSha(sha: string | undefined): void {
    if (this.facts.sha === sha) { return; }
    const now = this.opts.clock.now();
    this.facts = { ...this.facts, sha, lastKnown: undefined, checkedOnce: false, shaSince: now, failures: 0 };
    this.schedule();
  }

  /** Asked for by a person (a push, a refresh): the commit counts as new again. */
  refresh(): void {
    this.facts = { ...this.facts, lastKnown: undefined, checkedOnce: false, shaSince: this.opts.clock.now(), failures: 0 };
    this.schedule();
  }

  /** A timer is armed or a request is out (tests: polling has stopped when both are false). */
  get active(): boolean { return this.timer !== undefined || this.inFlight !== undefined; }

  /** Resolves when no request is out. */
  async settled(): Promise<void> { while (this.inFlight) { await this.inFlight; } }

  dispose(): void {
    this.disposed = true;
    this.cancel();
    this.stop.abort();
  }

  private cancel(): void {
    if (this.timer !== undefined) { this.opts.clock.clearTimeout(this.timer); this.timer = undefined; }
  }

  private schedule(): void {
    this.cancel();
    if (this.disposed || this.inFlight) { return; } // a request out reschedules when it ends
    const delay = nextPollDelay({ ...this.facts, now: this.opts.clock.now() }, this.limits);
    if (delay === undefined) { return; }
    this.timer = this.opts.clock.setTimeout(() => { this.timer = undefined; this.poll(); }, delay);
  }

  private poll(): void {
    const sha = this.facts.sha;
    if (this.disposed || !sha) { return; }
    this.inFlight = this.opts.check(sha, this.stop.signal)
      .catch((e: Error): CheckResult => ({ status: { state: 'unknown', sha, detail: e.message, jobs: [] } }))
      .then((result) => { this.inFlight = undefined; this.take(sha, result); }, () => { this.inFlight = undefined; });
  }

  private take(sha: string, { status, retryAt }: CheckResult): void {
    if (this.disposed) { return; }
    if (this.facts.sha === sha) {
      const now = this.opts.clock.now();
      const failed = status.state === 'unknown';
      if (failed) { this.opts.log(`remote status for ${sha.slice(0, 12)} unknown: ${status.detail ?? 'no detail'}`); }
      this.facts = {
        ...this.facts, checkedOnce: true, lastCheckAt: now,
        lastKnown: failed ? this.facts.lastKnown : status.state,
        failures: failed && retryAt === undefined ? this.facts.failures + 1 : 0,
        retryAt: retryAt ?? this.facts.retryAt,
      };
      const key = JSON.stringify(status);
      if (key !== this.last) {
        this.last = key;
        // A view that throws must not stop polling; it is reported and the schedule goes on.
        try { this.opts.onStatus(status); } catch (e) { this.opts.log(`remote status listener failed: ${(e as Error).message}`); }
      }
    }
    this.schedule();
  }
}
