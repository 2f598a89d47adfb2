/** How often the folders with a pipeline are looked at besides the watcher's events (a stat per folder). */
const LOOK_MS = 2_000;

/**
 * Which folders have a `.gearshift.yml` (and so their automation: following CLI runs, alerts,
 * commit tracking) was known only from the file watcher's create and delete events. Under load
 * VS Code's watcher loses some (inotify's queue overflows), or reports a delete and a create as one
 * change: a create lost after a delete left the folder with no automation, silently, until another
 * `.gearshift.yml` appeared (flaky36: the integration cascade). So the set is also looked at now and
 * then, and one that differs from the set last synced asks for a sync; a folder whose start failed
 * is not retried on every look (its set did not change). Plain node: tested in the unit tier.
 */
export class PipelineFoldersLook {
  private synced = '';
  private readonly timer: NodeJS.Timeout;

  /** `wanted`: the keys of the folders that should have automation now; `sync`: make it so (serialised by the caller). */
  constructor(private readonly wanted: () => readonly string[], private readonly sync: () => void, everyMs = LOOK_MS) {
    this.timer = setInterval(() => this.look(), everyMs);
    this.timer.unref();
  }

  /** A sync is acting on `keys` (it read them itself). */
  syncing(keys: readonly string[]): void { this.synced = setKey(keys); }

  /** Asks for a sync when the folders with a pipeline are not those last synced. */
  look(): void {
    if (setKey(this.wanted()) !== this.synced) { this.sync(); }
  }

  dispose(): void { clearInterval(this.timer); }
}

function setKey(keys: readonly string[]): string {
  return JSON.stringify([...keys].sort());
}
