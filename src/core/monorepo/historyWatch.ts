/**
 * Calls back when a pipeline's history.jsonl changes (a `gearshift run` in `apps/api` from a
 * terminal or a git hook), so the status bar follows runs the editor did not start; or, with
 * `file` null, when anything in the folder changes (a new pipeline's state folder appearing in
 * `pipelines/`: a first run of a pipeline the editor has not found yet).
 *
 * The state folder is not created here: a subfolder pipeline whose folder does not exist yet
 * takes over state an older version left at the top (history/legacyState.ts), and a folder made
 * by a watcher would stop that. So until it exists, the nearest existing folder on the way to
 * it (down from the git dir) is watched for the next one to appear, and the watch moves down.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HISTORY_FILE } from '../history';

/** Wait after a change before reading, as the top pipeline's watch (a run writes its lines in bursts). */
export const SETTLE_MS = 250;

export class HistoryFileWatch {
  private watcher: fs.FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** From `gitDir` down to the state folder. */
  private readonly chain: string[];

  constructor(stateDir: string, gitDir: string, private readonly onChange: () => void, private readonly file: string | null = HISTORY_FILE) {
    this.chain = [stateDir];
    for (let dir = stateDir; dir !== gitDir && path.dirname(dir) !== dir && this.chain.length < 8; ) {
      dir = path.dirname(dir);
      this.chain.unshift(dir);
    }
    this.arm();
  }

  /** Watches the deepest folder of the chain that exists; when it is the state folder, for its history file. */
  private arm(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.disposed) { return; }
    let at = this.chain.length - 1;
    while (at >= 0 && !isDirectory(this.chain[at])) { at--; }
    if (at < 0) { return; } // the repository went away: nothing to follow
    const next = at < this.chain.length - 1 ? path.basename(this.chain[at + 1]) : undefined;
    try {
      this.watcher = fs.watch(this.chain[at], { persistent: false }, (_event, name) => this.changed(name?.toString(), next));
      this.watcher.on('error', () => { this.watcher?.close(); this.watcher = undefined; });
    } catch {
      return; // not watchable: the state shown is read again on the next rediscovery
    }
    // It appeared between the check and the watch: move down now.
    if (next !== undefined && isDirectory(this.chain[at + 1])) { this.appeared(); }
  }

  /** `next`: the name awaited in the folder watched; undefined when that is the state folder itself. */
  private changed(name: string | undefined, next: string | undefined): void {
    // Without a name (some platforms) anything may have changed.
    const awaitedName = next ?? this.file;
    if (name !== undefined && awaitedName !== null && name !== awaitedName) { return; }
    if (next === undefined) { this.settle(); return; }
    const awaited = this.chain.find((dir, i) => i > 0 && path.basename(dir) === next && isDirectory(dir));
    if (awaited !== undefined) { this.appeared(); }
  }

  /** A folder on the way appeared: watch deeper, and read (a first run may have written already). */
  private appeared(): void {
    this.arm();
    this.settle();
  }

  private settle(): void {
    // At most SETTLE_MS after a burst's first change, not its last: a run writing a line per stage kept a trailing wait from ever ending (race33).
    if (this.disposed || this.timer !== undefined) { return; }
    this.timer = setTimeout(() => { this.timer = undefined; this.onChange(); }, SETTLE_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
