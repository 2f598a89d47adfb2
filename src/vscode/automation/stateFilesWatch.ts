import * as fs from 'fs';
import * as path from 'path';

/** How often the files are looked at besides the watch's events (one stat each). */
const POLL_MS = 2_000;

/** Size and mtime, or '' when the file is not there: a change of either is news. Async: the extension host's thread never waits on a disk. */
function stamp(file: string): Promise<string> {
  return fs.promises.stat(file).then((st) => `${st.size}:${st.mtimeMs}`, () => '');
}

/** Wait after a change before reading: a run writes its lines in quick bursts, read together. */
const SETTLE_MS = 250;

/**
 * Calls a file's handler when it changes in a folder's state directory, which the CLI and every
 * window share: history.jsonl (a `gearshift run` from a git hook or a terminal, so red/green
 * follows runs this window did not start) and deploy.json (a switch by the CLI, or one it left
 * interrupted, so the live slot shown follows it). One watch on the directory for all of them:
 * a file may not exist yet, and deploy.json is replaced by a rename. If watching fails, the
 * editor learns on its next own run or deploy. Plain node (no vscode): tested in the unit tier.
 */
export class StateFilesWatch {
  private watcher: fs.FSWatcher | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** A look at each file's size and mtime now and then: inotify drops events when its queue overflows (a loaded machine, a big checkout). */
  private readonly poll: NodeJS.Timeout;
  /** Each file's stamp at the last look; none before the first. */
  private readonly seen = new Map<string, string>();
  /** A look in flight: a slow stat (a loaded disk) never has a second look start beside it. */
  private looking = false;
  private disposed = false;

  /** `handlers`: file name (in `dir`) → what to call once it has settled after a change. */
  constructor(dir: string, private readonly handlers: Readonly<Record<string, () => void>>) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      this.watcher = fs.watch(dir, { persistent: false }, (_event, changed) => this.changed(changed?.toString()));
      // That watcher is unusable now; the look below goes on (flaky36: disposing here stopped it too, and the window followed nothing).
      this.watcher.on('error', () => { this.watcher?.close(); this.watcher = undefined; });
    } catch {
      this.watcher = undefined;
    }
    void this.look(dir);
    this.poll = setInterval(() => void this.look(dir), POLL_MS);
    this.poll.unref();
  }

  /**
   * A change the watch did not report (or no watch at all) is caught here, within POLL_MS. The first look has nothing to
   * compare with: a file there then is read once (it may have changed since the caller last read it).
   */
  private async look(dir: string): Promise<void> {
    if (this.looking) { return; }
    this.looking = true;
    try {
      const files = Object.keys(this.handlers);
      const stamps = await Promise.all(files.map((file) => stamp(path.join(dir, file))));
      files.forEach((file, i) => {
        const before = this.seen.get(file);
        this.seen.set(file, stamps[i]);
        if (before !== stamps[i] && (before !== undefined || stamps[i] !== '')) { this.changed(file); }
      });
    } finally {
      this.looking = false;
    }
  }

  private changed(name: string | undefined): void {
    if (this.disposed) { return; } // a look or an event that ended after dispose
    // Without a name (some platforms) any of them may have changed.
    for (const file of name !== undefined ? [name] : Object.keys(this.handlers)) {
      const handler = Object.hasOwn(this.handlers, file) ? this.handlers[file] : undefined;
      // One call at most SETTLE_MS after a burst's first change, not after its last: a CLI run writes a line per stage,
      // and waiting for quiet showed its start seconds late (race33). A change after the call makes another.
      if (!handler || this.timers.has(file)) { continue; }
      this.timers.set(file, setTimeout(() => { this.timers.delete(file); handler(); }, SETTLE_MS));
    }
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.poll);
    for (const timer of this.timers.values()) { clearTimeout(timer); }
    this.timers.clear();
    this.watcher?.close();
    this.watcher = undefined;
  }
}
