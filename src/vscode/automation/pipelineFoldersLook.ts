import * as fs from 'node:fs';

/** How often the folders with a pipeline are looked at besides the watcher's events (a stat per folder). */
const LOOK_MS = 2_000;

/** A folder that may have a pipeline: its key (the folder's URI text) and its `.gearshift.yml`'s path. */
export interface PipelineCandidate {
  readonly key: string;
  readonly file: string;
}

/**
 * Which folders have a `.gearshift.yml` (and so their automation: following CLI runs, alerts,
 * commit tracking) was known only from the file watcher's create and delete events. Under load
 * VS Code's watcher loses some (inotify's queue overflows), or reports a delete and a create as one
 * change: a create lost after a delete left the folder with no automation, silently, until another
 * `.gearshift.yml` appeared (flaky36: the integration cascade). So the set is also looked at now and
 * then, and one that differs from the set last synced asks for a sync; a folder whose start failed
 * is not retried on every look (its set did not change). The stats are asynchronous (the extension
 * host's thread never waits on a disk, a slow network mount included) and a look never overlaps the
 * last one. Plain node: tested in the unit tier.
 */
export class PipelineFoldersLook {
  private synced = '';
  /** None until a folder had a pipeline: a window that never had one does not stat on a timer (review37a F4). */
  private timer: NodeJS.Timeout | undefined;
  private looking = false;
  private disposed = false;

  /** `candidates`: the folders that may have automation now; `sync`: make it so (serialised by the caller). */
  constructor(private readonly candidates: () => readonly PipelineCandidate[], private readonly sync: () => void, private readonly everyMs = LOOK_MS) {}

  /**
   * A sync is acting on `keys` (it read them itself). The first with a pipeline starts the looks: the
   * create they catch is one lost after a delete, and a window with no pipeline yet learns of its first
   * from the watcher (a lost create there waits for the next event, as before flaky36).
   */
  syncing(keys: readonly string[]): void {
    this.synced = setKey(keys);
    if (keys.length > 0 && this.timer === undefined && !this.disposed) {
      this.timer = setInterval(() => void this.look(), this.everyMs);
      this.timer.unref();
    }
  }

  /** Whether it looks by itself now and then (tests). */
  get looksByItself(): boolean { return this.timer !== undefined; }

  /** Asks for a sync when the folders with a pipeline are not those last synced; a look already going makes this one nothing. */
  async look(): Promise<void> {
    if (this.looking || this.disposed) { return; }
    this.looking = true;
    try {
      const candidates = this.candidates();
      const present = await Promise.all(candidates.map((c) => exists(c.file)));
      const wanted = candidates.filter((_, i) => present[i]).map((c) => c.key);
      // Disposed while the stats ran: the automation is gone, nothing to sync.
      if (!this.disposed && setKey(wanted) !== this.synced) { this.sync(); }
    } finally {
      this.looking = false;
    }
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try { await fs.promises.stat(file); return true; } catch { return false; }
}

function setKey(keys: readonly string[]): string {
  return JSON.stringify([...keys].sort());
}
