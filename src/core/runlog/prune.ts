/**
 * Old saved logs go: the newest KEEP_RUNS runs' folders stay, and all of them together stay under
 * MAX_TOTAL_BYTES (the oldest go first; the newest run always stays). Runs are ordered by
 * run.json's startedAt (a folder without one, by its mtime). Several processes may prune at once:
 * a folder already gone is not an error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileIo } from '../fileio';
import { RUN_FILE, runLogsRoot, type RunLogMeta } from './runLogFiles';

export const KEEP_RUNS = 50;
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

export interface PruneLimits { readonly keepRuns: number; readonly maxTotalBytes: number }

interface RunFolder { readonly dir: string; readonly order: number; readonly bytes: number }

/** Removes what is past the limits; resolves to how many run folders it removed. */
export async function pruneRunLogs(dataDir: string, given: Partial<PruneLimits> = {}): Promise<number> {
  const limits: PruneLimits = { keepRuns: KEEP_RUNS, maxTotalBytes: MAX_TOTAL_BYTES, ...given };
  const folders = (await runFolders(runLogsRoot(dataDir))).sort((a, b) => b.order - a.order);
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
    if (!entry.isDirectory()) { continue; }
    const dir = path.join(root, entry.name);
    const measured = await measure(dir).catch(() => undefined); // pruned by another process meanwhile
    if (measured) { folders.push({ dir, ...measured }); }
  }
  return folders;
}

async function measure(dir: string): Promise<{ order: number; bytes: number }> {
  let bytes = 0;
  let order = (await fileIo.stat(dir)).mtimeMs;
  for (const entry of await fileIo.readdirEntries(dir)) {
    if (!entry.isFile()) { continue; }
    const file = path.join(dir, entry.name);
    bytes += (await fileIo.stat(file)).size;
    if (entry.name === RUN_FILE) { order = startedAt(await fileIo.readFile(file, 'utf8')) ?? order; }
  }
  return { order, bytes };
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
