/**
 * Real repositories and a real tracker for the tracker tests, plus an event log that waits
 * for the event a test expects with a bounded timeout (no sleeping and hoping).
 */
import * as fs from 'fs';
import * as path from 'path';
import { cleanupTempDirs, git, gitEnv, tempDir } from '../git/gitFixture';
import { CommitTracker } from '../../../src/core/git/tracker/commitTracker';
import type { TrackerEvent, TrackerOptions } from '../../../src/core/git/tracker/types';

// The same throwaway-repo helpers as the git and history tests.
export { cleanupTempDirs, git, gitEnv, tempDir };

/** Repo-local identity and no signing, so the machine's global config cannot interfere. */
export function configure(dir: string): void {
  git(dir, 'config', 'user.name', 'Tracker Test');
  git(dir, 'config', 'user.email', 'tracker@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'core.hooksPath', '/dev/null');
}

export function initRepo(dir = tempDir(), branch = 'main'): string {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', branch);
  configure(dir);
  return dir;
}

/** An empty commit (fast, no files); returns the new HEAD. */
export function commit(dir: string, message: string, ...extra: string[]): string {
  git(dir, 'commit', '-q', '--allow-empty', '-m', message, ...extra);
  return git(dir, 'rev-parse', 'HEAD');
}

export function commitFile(dir: string, file: string, content: string, message: string): string {
  fs.writeFileSync(path.join(dir, file), content);
  git(dir, 'add', '--', file);
  return commit(dir, message);
}

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
