import * as fs from 'node:fs';

/** How often the folders with a pipeline are looked at besides the watcher's events (a stat per folder). */
const LOOK_MS = 2_000;
/**
 * How often a window with no pipeline yet looks (rereview37 F11). Seldom, as most such windows never get
 * one (review37a F4 stopped the 2 s look there), but not never: a `.gearshift.yml` brought by a
 * `git pull` or written by `gearshift init` in a terminal, whose create the watcher lost, would leave
 * the window without automation until some other event. 10 s: about as long as someone waits after
 * `init` before looking; one asynchronous stat per folder.
 */
const IDLE_LOOK_MS = 10_000;

/** A folder that may have a pipeline: its key (the folder's URI text) and its `.gearshift.yml`'s path. */
export interface PipelineCandidate {
  readonly key: string;
  readonly file: string;
}

/** What a look found that differs from the set last synced: files that appeared, files that went away. */
export interface FoldersChange {
  readonly found: readonly PipelineCandidate[];
  readonly gone: readonly PipelineCandidate[];
}

/**
 * Which folders have a `.gearshift.yml` (and so their automation, Pipeline view, Problems, gauge)
 * was known only from the file watcher's create and delete events. Under load VS Code's watcher
 * loses some (inotify's queue overflows), or reports a delete and a create as one change: a create
 * lost after a delete left the folder with no automation, silently, until another `.gearshift.yml`
 * appeared (flaky36: the integration cascade). So the set is also looked at now and then, and one
 * that differs from the set last synced is told (`changed`: the caller says it the way the watcher
 * would, so every part that follows the file hears it, rereview37b F4); a folder whose start failed
 * is not retried on every look (its set did not change). The stats are asynchronous (the extension
 * host's thread never waits on a disk, a slow network mount included) and a look never overlaps the
 * last one. Plain node: tested in the unit tier.
 */
export class PipelineFoldersLook {
  private synced = new Set<string>();
  /** Every `idleMs` until a folder had a pipeline (review37a F4, rereview37 F11), then every `everyMs`. */
  private timer: NodeJS.Timeout | undefined;
  private timerMs: number | undefined;
  private looking = false;
  private disposed = false;

  /** `candidates`: the folders that may have automation now; `changed`: tell what differs from the set last synced. */
  constructor(private readonly candidates: () => readonly PipelineCandidate[], private readonly changed: (change: FoldersChange) => void,
    private readonly everyMs = LOOK_MS, private readonly idleMs = IDLE_LOOK_MS) {}

  /**
   * A sync is acting on `keys` (it read them itself). The first sync starts the slow looks of a window
   * with no pipeline; the first with a pipeline the frequent ones, which go on after a delete (the create
   * they catch is one lost after a delete).
   */
  syncing(keys: readonly string[]): void {
    this.synced = new Set(keys);
    if (this.disposed) { return; }
    if (keys.length > 0 && this.timerMs !== this.everyMs) { this.lookEvery(this.everyMs); }
    if (this.timer === undefined) { this.lookEvery(this.idleMs); }
  }

  /** How often it looks by itself now, in ms (tests); undefined before the first sync and once disposed. */
  get looksEvery(): number | undefined { return this.timerMs; }

  private lookEvery(ms: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.look(), ms);
    this.timer.unref();
    this.timerMs = ms;
  }

  /**
   * Tells what changed when the folders with a pipeline are not those last synced, once: the set
   * told counts as synced (a slow sync is not told again at the next look). A look already going
   * makes this one nothing.
   */
  async look(): Promise<void> {
    if (this.looking || this.disposed) { return; }
    this.looking = true;
    try {
      const candidates = this.candidates();
      const present = await Promise.all(candidates.map((c) => exists(c.file)));
      const wanted = new Set(candidates.filter((_, i) => present[i]).map((c) => c.key));
      // Disposed while the stats ran: the automation is gone, nothing to tell.
      if (this.disposed || sameKeys(wanted, this.synced)) { return; }
      // A folder gone from the workspace is in neither list: the workspace's own event syncs it.
      const change = { found: candidates.filter((c) => wanted.has(c.key) && !this.synced.has(c.key)), gone: candidates.filter((c) => !wanted.has(c.key) && this.synced.has(c.key)) };
      this.synced = wanted;
      this.changed(change);
    } finally {
      this.looking = false;
    }
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.timerMs = undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try { await fs.promises.stat(file); return true; } catch { return false; }
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((key) => b.has(key));
}
