import { promises as fs } from 'fs';
import type * as vscode from 'vscode';

/** How long created paths are gathered before one look: a checkout or a build creates many at once. */
const GATHER_MS = 300;
/** At most this many of one batch are looked at: a folder among the first is enough to look again. */
const MAX_STATS = 50;
/** Never holds a pipeline the window shows: git's own folder, installed packages (git ls-files leaves them out too). */
const NEVER = /[\\/](\.git|node_modules)([\\/]|$)/;

/**
 * Calls `found` (coalesced) when a folder appears in the workspace. VS Code's file watcher
 * reports a folder moved in (`mv`, a `git checkout` that adds it) or made just before its files
 * as one created folder, without the `.gearshift.yml` inside it; the pipelines below are then
 * found only by looking again. Files created are checked in batches, cheaply: a stat each.
 */
export class CreatedFolders implements vscode.Disposable {
  private readonly paths = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly found: () => void) {}

  add(uri: vscode.Uri): void {
    if (this.disposed || uri.scheme !== 'file' || NEVER.test(uri.fsPath) || this.paths.size >= MAX_STATS) { return; }
    this.paths.add(uri.fsPath);
    this.timer ??= setTimeout(() => void this.check(), GATHER_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.paths.clear();
  }

  private async check(): Promise<void> {
    const batch = [...this.paths];
    this.paths.clear();
    this.timer = undefined;
    const stats = await Promise.all(batch.map((p) => fs.stat(p).then((s) => s.isDirectory(), () => false)));
    if (!this.disposed && stats.some(Boolean)) { this.found(); }
  }
}
