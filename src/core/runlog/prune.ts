/**
 * Old saved logs go: the newest KEEP_RUNS runs' folders stay, and all of them together stay under
 * MAX_TOTAL_BYTES (the oldest go first; the newest run always stays). Runs are ordered by
 * run.json's startedAt (a folder without one, by its mtime). Several processes may prune at once:
 * a folder already gone is not an error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFileSync } from '../fileio';
import { readPruneIndex, writePruneIndex, type PruneIndex } from './pruneIndex';
import { checkOwnRootSync, isRunDirName, RUN_FILE, runLogsRoot, stageIndexOf, type RunLogMeta } from './runLogFiles';

export const KEEP_RUNS = 50;
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

export interface PruneLimits { readonly keepRuns: number; readonly maxTotalBytes: number }

/** `name`: the folder's; `ended`: its order and size came from an ended run's run.json (the prune index may keep them). */
interface RunFolder { readonly name: string; readonly dir: string; readonly order: number; readonly bytes: number; readonly ended: boolean }

/** Removes what is past the limits; resolves to how many run folders it removed. */
export async function pruneRunLogs(dataDir: string, given: Partial<PruneLimits> = {}): Promise<number> {
  const limits: PruneLimits = { keepRuns: KEEP_RUNS, maxTotalBytes: MAX_TOTAL_BYTES, ...given };
  const root = runLogsRoot(dataDir);
  checkOwnRootSync(root);
  const index = readPruneIndex(root);
  const folders = (await runFolders(root, index)).sort((a, b) => b.order - a.order);
  let total = 0;
  const doomed: RunFolder[] = [];
  folders.forEach((f, i) => {
    total += f.bytes;
    if (i > 0 && (i >= limits.keepRuns || total > limits.maxTotalBytes)) { doomed.push(f); }
  });
  for (const f of doomed) { await removeRunFolder(f.dir); }
  const gone = new Set(doomed);
  writePruneIndex(root, index, new Map(folders.filter((f) => f.ended && !gone.has(f)).map((f) => [f.name, { order: f.order, bytes: f.bytes }])));
  return doomed.length;
}

/**
 * One directory read and, per run folder not in the prune index (pruneIndex.ts: in the steady
 * state only the run that just ended), one read of its small run.json (its start and, since a
 * run's end writes it, its bytes), synchronously: a prune follows every run, and ~250 calls
 * through the thread pool (a stat per file) cost `gearshift run` ≈ 30 ms at 50 saved runs. A
 * folder whose run.json lacks them (a run killed mid-way) is measured file by file.
 */
async function runFolders(root: string, index: PruneIndex): Promise<RunFolder[]> {
  let entries: fs.Dirent[];
  try { entries = fs.readdirSync(root, { withFileTypes: true }); } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') { return []; } throw e; }
  const folders: RunFolder[] = [];
  for (const entry of entries) {
    // Only folders named as ours (a symlink is never a directory entry here, so never followed).
    if (!entry.isDirectory() || !isRunDirName(entry.name)) { continue; }
    const dir = path.join(root, entry.name);
    const ended = index.get(entry.name) ?? fromRunFile(dir);
    const measured = ended ?? measure(dir); // undefined: pruned by another process meanwhile, or not ours
    if (measured) { folders.push({ name: entry.name, dir, ...measured, ended: ended !== undefined }); }
  }
  return folders;
}

function fromRunFile(dir: string): { order: number; bytes: number } | undefined {
  try {
    const meta = JSON.parse(readRegularFileSync(path.join(dir, RUN_FILE), 'utf8')) as RunLogMeta;
    const order = Date.parse(meta.startedAt);
    return meta.v === 1 && typeof meta.bytes === 'number' && Number.isFinite(order) ? { order, bytes: meta.bytes } : undefined;
  } catch { return undefined; }
}

/** undefined for a folder that holds nothing of ours (no run.json, no stage file): never removed. */
function measure(dir: string): { order: number; bytes: number } | undefined {
  try {
    let bytes = 0;
    let ours = false;
    let order = fs.statSync(dir).mtimeMs;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile()) { continue; }
      const file = path.join(dir, entry.name);
      bytes += fs.statSync(file).size;
      ours ||= entry.name === RUN_FILE || stageIndexOf(entry.name) !== undefined;
      if (entry.name === RUN_FILE) { order = startedAt(readRegularFileSync(file, 'utf8')) ?? order; }
    }
    return ours ? { order, bytes } : undefined;
  } catch { return undefined; }
}

function startedAt(text: string): number | undefined {
  try {
    const t = Date.parse((JSON.parse(text) as RunLogMeta).startedAt);
    return Number.isFinite(t) ? t : undefined;
  } catch { return undefined; }
}

/**
 * A run folder holds files only (run.json, stage-N.log, a temporary file a kill left): they are
 * unlinked and the folder removed synchronously, a handful of calls. `fs.rm` with `recursive`
 * (node's rimraf: an lstat, an rmdir that fails, a readdir, an lstat per file, each through the
 * thread pool, plus loading rimraf itself) cost ≈ 8 ms of every `gearshift run` at load 6,
 * after the last stage. Anything else in it (a folder, a file appearing meanwhile) goes the old
 * way. Names come from readdir, so a symlink in it is unlinked, never followed.
 */
async function removeRunFolder(dir: string): Promise<void> {
  try {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) { return await removeTree(dir); }
      unlinkGone(path.join(dir, entry.name));
    }
    fs.rmdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') { return; } // another process's prune took it
    if (code === 'ENOTEMPTY' || code === 'EEXIST') { return removeTree(dir); }
    throw e;
  }
}

/** unlink, where a file already gone (another prune) is not an error. */
function unlinkGone(file: string): void {
  try { fs.unlinkSync(file); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') { throw e; } }
}

function removeTree(dir: string): Promise<void> {
  return new Promise((resolve, reject) => fs.rm(dir, { recursive: true, force: true }, (e) => (e ? reject(e) : resolve())));
}
