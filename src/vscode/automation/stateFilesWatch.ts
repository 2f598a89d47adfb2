import * as fs from 'fs';

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

  /** `handlers`: file name (in `dir`) → what to call once it has settled after a change. */
  constructor(dir: string, private readonly handlers: Readonly<Record<string, () => void>>) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      this.watcher = fs.watch(dir, { persistent: false }, (_event, changed) => this.changed(changed?.toString()));
      this.watcher.on('error', () => this.dispose());
    } catch {
      this.watcher = undefined;
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
    for (const timer of this.timers.values()) { clearTimeout(timer); }
    this.timers.clear();
    this.watcher?.close();
    this.watcher = undefined;
  }
}
