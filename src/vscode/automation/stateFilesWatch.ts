import * as fs from 'fs';
import * as path from 'path';

/** How often the files are looked at besides the watch's events (one stat each). */
const POLL_MS = 2_000;

/** Size and mtime, or '' when the file is not there: a change of either is news. */
function stamp(file: string): string {
  try { const st = fs.statSync(file); return `${st.size}:${st.mtimeMs}`; } catch { return ''; }
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
  private readonly seen = new Map<string, string>();

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
    for (const file of Object.keys(handlers)) { this.seen.set(file, stamp(path.join(dir, file))); }
    this.poll = setInterval(() => this.look(dir), POLL_MS);
    this.poll.unref();
  }

  /** A change the watch did not report (or no watch at all) is caught here, within POLL_MS. */
  private look(dir: string): void {
    for (const file of Object.keys(this.handlers)) {
      const now = stamp(path.join(dir, file));
      if (now !== this.seen.get(file)) { this.seen.set(file, now); this.changed(file); }
    }
  }

  private changed(name: string | undefined): void {
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
    clearInterval(this.poll);
    for (const timer of this.timers.values()) { clearTimeout(timer); }
    this.timers.clear();
    this.watcher?.close();
    this.watcher = undefined;
  }
}
