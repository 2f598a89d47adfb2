/**
 * Temporary files beside deploy.json that a killed process left: `.deploy.json.corrupt.….tmp`
 * (a corrupt copy written whole, killed before link() named it: corruptCopy.ts) and
 * `.deploy.json.….tmp` (a state write killed before its rename). Nothing else would ever remove
 * them. A temp's name carries its writer's pid (and, for corrupt copies, the writer's /proc
 * start time), so the next corrupt copy or state write removes those whose writer is gone, and
 * never one a live process is still writing: its pid is alive and, where the start time is in
 * the name, it is the same process (a reused pid is not). A temp younger than MIN_AGE_MS (10 minutes)
 * is left alone whatever its pid says: a writer on another host sharing the folder (a network
 * mount) or in another pid namespace has a pid this host cannot check, and its temp's mtime is
 * read against this host's clock, which may be behind or ahead of the one that set it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIo } from '../fileio';
import { isWriterAlive } from '../history';
import { processStartTime } from '../pipeline';

/**
 * Measured by this host's clock against an mtime another host (or an NFS server) may have set:
 * longer than any clock skew Gearshift tolerates elsewhere (FUTURE_SKEW_MS, 5 min) and any slow
 * fsync. A leftover costs nothing while it waits.
 */
export const MIN_AGE_MS = 10 * 60 * 1000;

/** `.deploy.json[.corrupt].<pid>.[<start>-]<random>.tmp`: the pid, and the start time when the name has one. */
const TEMP = /^\.deploy\.json(?:\.corrupt)?\.(\d+)\.(?:(\d+)-)?[0-9a-z]*\.tmp$/;

/** A temporary name for `file` carrying this process's pid and start time (sweepStaleTemps reads both back). */
export function writerTemporary(file: string): string {
  const start = processStartTime(process.pid);
  const random = Math.random().toString(36).slice(2);
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${start !== undefined ? `${start}-` : ''}${random}.tmp`);
}

/** Removes the stale temporaries in `dir`. Never rejects: what cannot be listed or removed stays for next time. */
export async function sweepStaleTemps(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const names = await fileIo.readdirEntries(dir).then((entries) => entries.map((e) => e.name), () => [] as string[]);
  for (const name of names) {
    const parsed = TEMP.exec(name);
    if (!parsed) { continue; }
    const file = path.join(dir, name);
    const written = await fileIo.lstat(file).then((s) => (s.isFile() ? s.mtimeMs : undefined), () => undefined);
    if (written === undefined || now - written < MIN_AGE_MS) { continue; }
    const alive = isWriterAlive(Number(parsed[1]), os.hostname(), new Date(written).toISOString(), now, parsed[2]);
    if (alive) { continue; }
    if (await fileIo.unlink(file).then(() => true, () => false)) { removed.push(name); }
  }
  return removed;
}
