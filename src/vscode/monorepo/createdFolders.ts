import { promises as fs } from 'fs';
import * as path from 'path';
import type * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';

/** Time: created paths are gathered this long before one look (a checkout or a build creates many at once). */
const GATHER_MS = 300;
/** Memory: at most this many paths gathered per look (a build may create tens of thousands). */
const MAX_GATHERED = 10_000;
/** Disk, to tell the created folders from the files: at most this many parents listed per look (one listing each, not a stat per path). */
const MAX_PARENTS_LISTED = 100;
/**
 * Disk, to look for a pipeline in a created folder: at most this many entries listed, breadth first. No depth bound
 * (git ls-files, which the rediscovery runs, has none): a small tree is searched whole, a build's output is not.
 */
const MAX_ENTRIES_SEARCHED = 200;
/** Never holds a pipeline the window shows: git's own folder, installed packages (git ls-files leaves them out too). */
const NEVER = /[\\/](\.git|node_modules)([\\/]|$)/;
const SKIPPED = new Set(['.git', 'node_modules']);

/**
 * Calls `found` (coalesced) when a folder holding a `.gearshift.yml` appears in the workspace.
 * VS Code's file watcher reports a folder moved in (`mv`, a `git checkout` that adds it) or made
 * just before its files as one created folder, without the `.gearshift.yml` inside it; the
 * pipelines below are then found only by looking again. A look is a full rediscovery, so a
 * build's `dist/` or `coverage/` must not cost one (review35 F5): each created folder is searched
 * first, cheaply and bounded.
 */
export class CreatedFolders implements vscode.Disposable {
  private readonly paths = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly found: () => void) {}

  add(uri: vscode.Uri): void {
    if (this.disposed || uri.scheme !== 'file' || NEVER.test(uri.fsPath) || this.paths.size >= MAX_GATHERED) { return; }
    this.paths.add(path.resolve(uri.fsPath));
    this.timer ??= setTimeout(() => void this.check(), GATHER_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.paths.clear();
  }

  private async check(): Promise<void> {
    const batch = outermost(this.paths);
    this.paths.clear();
    this.timer = undefined;
    for (const folder of await createdFolders(batch)) {
      if (this.disposed) { return; }
      if (await holdsPipeline(folder)) { this.found(); return; }
    }
  }
}

/** The paths not inside another path of the batch: a created folder's search covers what was created in it. */
function outermost(paths: ReadonlySet<string>): string[] {
  return [...paths].filter((p) => {
    for (let up = path.dirname(p); up !== path.dirname(up); up = path.dirname(up)) {
      if (paths.has(up)) { return false; }
    }
    return true;
  });
}

/** Those of `paths` that are folders now, by one listing of each parent (60 files created in one folder cost one, not 60 stats). */
async function createdFolders(paths: readonly string[]): Promise<string[]> {
  const byParent = new Map<string, Set<string>>();
  for (const p of paths) {
    const names = byParent.get(path.dirname(p)) ?? new Set<string>();
    byParent.set(path.dirname(p), names.add(path.basename(p)));
  }
  const listed = await Promise.all([...byParent].slice(0, MAX_PARENTS_LISTED).map(async ([parent, names]) => {
    const entries = await fs.readdir(parent, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory() && names.has(e.name)).map((e) => path.join(parent, e.name));
  }));
  return listed.flat();
}

/** Whether `folder` holds a `.gearshift.yml`, breadth first, listing at most MAX_ENTRIES_SEARCHED entries. */
async function holdsPipeline(folder: string): Promise<boolean> {
  const queue = [folder];
  let seen = 0;
  for (let dir = queue.shift(); dir !== undefined && seen < MAX_ENTRIES_SEARCHED; dir = queue.shift()) {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    seen += entries.length;
    if (entries.some((e) => e.name === CONFIG_FILE_NAME && !e.isDirectory())) { return true; }
    queue.push(...entries.filter((e) => e.isDirectory() && !SKIPPED.has(e.name)).map((e) => path.join(dir, e.name)));
  }
  return false;
}
