/**
 * Old saved logs go: the newest KEEP_RUNS runs' folders stay, and all of them together stay under
 * MAX_TOTAL_BYTES (the oldest go first; the newest run always stays). Runs are ordered by
 * run.json's startedAt (a folder without one, by its mtime). Several processes may prune at once:
 * a folder already gone is not an error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileIo } from '../fileio';
import { checkOwnRoot, isRunDirName, RUN_FILE, runLogsRoot, stageIndexOf, type RunLogMeta } from './runLogFiles';

export const KEEP_RUNS = 50;
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

export interface PruneLimits { readonly keepRuns: number; readonly maxTotalBytes: number }

interface RunFolder { readonly dir: string; readonly order: number; readonly bytes: number }

/** Removes what is past the limits; resolves to how many run folders it removed. */
export async function pruneRunLogs(dataDir: string, given: Partial<PruneLimits> = {}): Promise<number> {
  const limits: PruneLimits = { keepRuns: KEEP_RUNS, maxTotalBytes: MAX_TOTAL_BYTES, ...given };
  const root = runLogsRoot(dataDir);
  await checkOwnRoot(root);
  const folders = (await runFolders(root)).sort((a, b) => b.order - a.order);
  let total = 0;
  const doomed: RunFolder[] = [];
  folders.forEach((f, i) => {
    total += f.bytes;
    if (i > 0 && (i >= limits.keepRuns || total > limits.maxTotalBytes)) { doomed.push(f); }
  });
  for (const f of doomed) { await removeTree(f.dir); }
  return doomed.length;
}

async function runFolders(root: string): Promise<RunFolder[]> {
  const entries = await fileIo.readdirEntries(root).catch((e: NodeJS.ErrnoException) => { if (e.code === 'ENOENT') { return []; } throw e; });
  const folders: RunFolder[] = [];
  for (const entry of entries) {
    // Only folders named as ours (a symlink is never a directory entry here, so never followed).
    if (!entry.isDirectory() || !isRunDirName(entry.name)) { continue; }
    const dir = path.join(root, entry.name);
    const measured = await measure(dir).catch(() => undefined); // pruned by another process meanwhile
    if (measured) { folders.push({ dir, ...measured }); }
  }
  return folders;
}

/** undefined for a folder that holds nothing of ours (no run.json, no stage file): never removed. */
async function measure(dir: string): Promise<{ order: number; bytes: number } | undefined> {
  let bytes = 0;
  let ours = false;
  let order = (await fileIo.stat(dir)).mtimeMs;
  for (const entry of await fileIo.readdirEntries(dir)) {
    if (!entry.isFile()) { continue; }
    const file = path.join(dir, entry.name);
    bytes += (await fileIo.stat(file)).size;
    ours ||= entry.name === RUN_FILE || stageIndexOf(entry.name) !== undefined;
    if (entry.name === RUN_FILE) { order = startedAt(await fileIo.readFile(file, 'utf8')) ?? order; }
  }
  return ours ? { order, bytes } : undefined;
}

function startedAt(text: string): number | undefined {
  try {
    const t = Date.parse((JSON.parse(text) as RunLogMeta).startedAt);
    return Number.isFinite(t) ? t : undefined;
  } catch { return undefined; }
}

function removeTree(dir: string): Promise<void> {
  return new Promise((resolve, reject) => fs.rm(dir, { recursive: true, force: true }, (e) => (e ? reject(e) : resolve())));
}
