/**
 * A bare monitor (`gearshift monitor`, the editor's Monitor Production Now) is no run: it writes
 * no history, so a monitor killed (-9) while a `command:` probe ran left that probe (its own
 * process group) to run until its command ended. So it leaves a record instead: `monitors/<id>.json`
 * beside the history, naming its writer (pid, /proc start time, host) and the cookie its probes
 * carry (`GEARSHIFT_RUN_ID=<id>`). A normal end removes it; the next command's clean-up
 * (leftovers.ts) finds a record whose writer is dead, kills what carries its cookie, removes it.
 * The record is data: its cookie must look like one (a UUID) before anything is matched against it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIo } from '../fileio';
import { processStartTime, sameProcessAlive } from '../pipeline';

export const MONITORS_DIR = 'monitors';

interface MonitorRecord {
  readonly id: string;
  readonly pid: number;
  readonly start: string;
  readonly host: string;
  readonly startedAt: string;
}

/** A cookie a record may name: a random UUID's characters, never empty (it is matched against every process's environment). */
const COOKIE = /^[0-9a-f-]{8,64}$/;

/**
 * Records this process's bare monitor whose probes carry `id`; resolves to the function that
 * removes the record. A record that cannot be written (a read-only state folder, a symlink in
 * its place) leaves the monitor as it was before records: it still runs.
 */
export async function recordBareMonitor(dataDir: string, id: string): Promise<() => Promise<void>> {
  const dir = path.join(dataDir, MONITORS_DIR);
  const file = path.join(dir, `${id}.json`);
  const record: MonitorRecord = { id, pid: process.pid, start: processStartTime(process.pid) ?? '', host: os.hostname(), startedAt: new Date().toISOString() };
  try {
    await fileIo.mkdirp(dir);
    if ((await fileIo.lstat(dir)).isSymbolicLink()) { return async () => undefined; } // no state through a link (historyPath.ts refuseLink)
    // Whole or absent: a clean-up never reads a half-written record (a temporary file renamed over it).
    await fileIo.replaceFile(file, `${JSON.stringify(record)}\n`);
  } catch {
    return async () => undefined;
  }
  return () => removeRecord(file);
}

/** A record the clean-up acts on: `cookie` to kill by (none for a record that is not one), `forget` removes it. */
export interface DeadMonitor {
  readonly cookie: string | undefined;
  forget(): Promise<void>;
}

/**
 * The records of this host's bare monitors whose writer is dead (pid gone, or reused by another
 * process), and records that are not records. Another host's record is left alone (its pids are
 * not this machine's), a live writer's too. No folder: none (one readdir).
 */
export async function deadBareMonitors(dataDir: string): Promise<DeadMonitor[]> {
  const dir = path.join(dataDir, MONITORS_DIR);
  const names = (await fileIo.readdirEntries(dir).catch(() => [])).map((e) => e.name);
  const dead: DeadMonitor[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = path.join(dir, name);
    const record = await readRecord(file);
    if (record !== undefined && (record.host !== os.hostname() || sameProcessAlive(record.pid, record.start))) { continue; }
    dead.push({ cookie: record?.id, forget: () => removeRecord(file) });
  }
  return dead;
}

/** A record as written, or undefined for one that is not (data: checked before anything is signalled). */
async function readRecord(file: string): Promise<MonitorRecord | undefined> {
  try {
    const r = JSON.parse(await fileIo.readFile(file, 'utf8')) as Partial<MonitorRecord>;
    const valid = typeof r.id === 'string' && COOKIE.test(r.id) && Number.isInteger(r.pid) && (r.pid ?? 0) > 0
      && typeof r.start === 'string' && /^\d+$/.test(r.start) && typeof r.host === 'string';
    return valid ? r as MonitorRecord : undefined;
  } catch {
    return undefined;
  }
}

/** Gone either way: already removed (another command's clean-up) is no error. */
function removeRecord(file: string): Promise<void> {
  return fileIo.unlink(file).catch(() => undefined);
}
