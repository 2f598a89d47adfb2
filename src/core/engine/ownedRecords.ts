/**
 * What a process starts that may outlive it and that history does not name yet leaves a record
 * beside the history, naming its writer (pid, /proc start time, host) and the cookie its processes
 * carry (`GEARSHIFT_RUN_ID=<id>`). A normal end removes it; the next command's clean-up
 * (leftovers.ts) finds a record whose writer is dead, kills what carries its cookie, removes
 * what the record names, and the record.
 * - `monitors/<id>.json`: a bare monitor (`gearshift monitor`, the editor's Monitor Production Now)
 *   is no run and writes no history, so a monitor killed (-9) while a `command:` probe ran left that
 *   probe (its own process group) to run until its command ended.
 * - `worktrees/<run id>.json`: a `checkout: clean` run's worktree, recorded before `git worktree add`
 *   (seconds, minutes for a big tree), which returns before the run's start line can name it (faults38 F4).
 * A record is data: its cookie must be a run id as core/ids makes them (a version 4 UUID) before it is matched
 * against every process's environment (security39 F3), and its folder is removed only when it is this
 * repository's run worktree in the temp folder (git/leftoverWorktree.ts).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIo } from '../fileio';
import { isRandomUuid } from '../ids';
import { processStartTime, sameProcessAlive } from '../pipeline';

export const MONITORS_DIR = 'monitors';
export const WORKTREES_DIR = 'worktrees';

interface OwnedRecord {
  readonly id: string;
  readonly pid: number;
  readonly start: string;
  readonly host: string;
  readonly startedAt: string;
  /** A `worktrees/` record's folder (the worktree's path). */
  readonly dir?: string;
}


/**
 * Records this process's bare monitor whose probes carry `id`; resolves to the function that
 * removes the record. A record that cannot be written (a read-only state folder, a symlink in
 * its place) leaves the monitor as it was before records: it still runs.
 */
export function recordBareMonitor(dataDir: string, id: string): Promise<() => Promise<void>> {
  return recordOwned(dataDir, MONITORS_DIR, id);
}

/** Records run `id`'s clean worktree at `dir` (not checked out yet); the same otherwise. */
export function recordWorktree(dataDir: string, id: string, dir: string): Promise<() => Promise<void>> {
  return recordOwned(dataDir, WORKTREES_DIR, id, dir);
}

async function recordOwned(dataDir: string, sub: string, id: string, dir?: string): Promise<() => Promise<void>> {
  const folder = path.join(dataDir, sub);
  const file = path.join(folder, `${id}.json`);
  const record: OwnedRecord = { id, pid: process.pid, start: processStartTime(process.pid) ?? '', host: os.hostname(), startedAt: new Date().toISOString(), ...(dir !== undefined ? { dir } : {}) };
  try {
    await fileIo.mkdirp(folder);
    if ((await fileIo.lstat(folder)).isSymbolicLink()) { return async () => undefined; } // no state through a link (historyPath.ts refuseLink)
    // Whole or absent: a clean-up never reads a half-written record (a temporary file renamed over it).
    await fileIo.replaceFile(file, `${JSON.stringify(record)}\n`);
  } catch {
    return async () => undefined;
  }
  return () => removeRecord(file);
}

/** A record the clean-up acts on: `cookie` to kill by (none for a record that is not one), `dir` to remove, `forget` removes it. */
export interface DeadOwner {
  readonly cookie: string | undefined;
  readonly dir: string | undefined;
  forget(): Promise<void>;
}

/**
 * The records in `sub` (MONITORS_DIR, WORKTREES_DIR) of this host whose writer is dead (pid gone,
 * or reused by another process), and records that are not records. Another host's record is left
 * alone (its pids are not this machine's), a live writer's too. No folder: none (one readdir).
 */
export async function deadOwners(dataDir: string, sub: string): Promise<DeadOwner[]> {
  const folder = path.join(dataDir, sub);
  const names = (await fileIo.readdirEntries(folder).catch(() => [])).map((e) => e.name);
  const dead: DeadOwner[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = path.join(folder, name);
    const record = await readRecord(file);
    if (record !== undefined && (record.host !== os.hostname() || sameProcessAlive(record.pid, record.start))) { continue; }
    dead.push({ cookie: record?.id, dir: record?.dir, forget: () => removeRecord(file) });
  }
  return dead;
}

/** A record as written, or undefined for one that is not (data: checked before anything is signalled). */
async function readRecord(file: string): Promise<OwnedRecord | undefined> {
  try {
    const r = JSON.parse(await fileIo.readFile(file, 'utf8')) as Partial<OwnedRecord>;
    const valid = isRandomUuid(r.id) && Number.isInteger(r.pid) && (r.pid ?? 0) > 0
      && typeof r.start === 'string' && /^\d+$/.test(r.start) && typeof r.host === 'string' && (r.dir === undefined || typeof r.dir === 'string');
    return valid ? r as OwnedRecord : undefined;
  } catch {
    return undefined;
  }
}

/** Gone either way: already removed (another command's clean-up) is no error. */
function removeRecord(file: string): Promise<void> {
  return fileIo.unlink(file).catch(() => undefined);
}
