/**
 * Real repositories and a real tracker for the tracker tests, plus an event log that waits
 * for the event a test expects with a bounded timeout (no sleeping and hoping).
 */
import { CommitTracker } from '../../../src/core/git/tracker/commitTracker';
import type { TrackerEvent, TrackerOptions } from '../../../src/core/git/tracker/types';

export type Of<T extends TrackerEvent['type']> = Extract<TrackerEvent, { type: T }>;

/** Every event since subscription, and a way to wait for one. */
export class EventLog {
  readonly events: TrackerEvent[] = [];
  private waiters: (() => void)[] = [];

  constructor(tracker: CommitTracker) {
    tracker.onEvent((e) => {
      this.events.push(e);
      for (const w of this.waiters.splice(0)) { w(); }
    });
  }

  /** The first event at or after `from` (an index into events) that satisfies `pred`. */
  async waitFor<T extends TrackerEvent>(pred: (e: TrackerEvent) => e is T, timeoutMs = 10000, from = 0): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.slice(from).find(pred);
      if (hit) {
        return hit;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out; events so far: ${JSON.stringify(this.events, null, 1)}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Waits for a newCommits event whose newest commit is `sha`. */
  commits(sha: string, from = 0): Promise<Of<'newCommits'>> {
    return this.waitFor((e): e is Of<'newCommits'> => e.type === 'newCommits' && e.commits[e.commits.length - 1]?.sha === sha, 10000, from);
  }

  of<T extends TrackerEvent['type']>(type: T): Of<T>[] {
    return this.events.filter((e): e is Of<T> => e.type === type);
  }
}

const live: CommitTracker[] = [];

/** A started tracker (disposed by disposeTrackers) and its event log. */
export async function startTracker(folder: string, opts: Partial<TrackerOptions> = {}): Promise<{ tracker: CommitTracker; log: EventLog }> {
  const tracker = new CommitTracker({ folder, pollMs: 200, ...opts });
  live.push(tracker);
  const log = new EventLog(tracker);
  await tracker.start();
  return { tracker, log };
}

export async function disposeTrackers(): Promise<void> {
  await Promise.all(live.splice(0).map((t) => t.dispose()));
}
