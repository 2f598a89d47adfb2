import * as fs from 'fs';
import * as path from 'path';

/** Quiet time after the last change: a run writes its start and end lines in quick bursts. */
const SETTLE_MS = 250;

/**
 * Calls `onChange` when the history file changes, e.g. a `gearshift run` from a git hook or
 * a terminal, so the editor's red/green state follows runs it did not start. Watches the
 * directory (the file may not exist yet, and appends can replace it on some file systems);
 * if watching fails the editor simply learns on its next own run.
 */
export class HistoryWatch {
  private watcher: fs.FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(file: string, private readonly onChange: () => void) {
    const dir = path.dirname(file);
    const name = path.basename(file);
    try {
      fs.mkdirSync(dir, { recursive: true });
      this.watcher = fs.watch(dir, { persistent: false }, (_event, changed) => {
        if (changed && changed.toString() !== name) { return; }
        if (this.timer) { clearTimeout(this.timer); }
        this.timer = setTimeout(() => { this.timer = undefined; this.onChange(); }, SETTLE_MS);
      });
      this.watcher.on('error', () => this.dispose());
    } catch {
      this.watcher = undefined;
    }
  }

  dispose(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    this.watcher?.close();
    this.watcher = undefined;
  }
}
