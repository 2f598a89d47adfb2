/**
 * Temporary files a killed process left in the state folder (`.git/gearshift`): a file replaced by
 * temp-and-rename (deploy.json, the caches beside the history) or a corrupt copy written whole
 * before link() named it. Nothing else would ever remove them, and a cache's temp can be megabytes.
 * A temp's name is `.<file>.<pid>.[<start>-]<random>.tmp`: its writer's pid (and, where the writer
 * put it there, its /proc start time), so the next write of such a file removes those whose writer
 * is gone, and never one a live process is still writing: its pid is alive and, where the start
 * time is in the name, it is the same process (a reused pid is not). A temp younger than MIN_AGE_MS
 * is left alone whatever its pid says: a writer on another host sharing the folder (a network
 * mount) or in another pid namespace has a pid this host cannot check, and its temp's mtime is
 * read against this host's clock, which may be behind or ahead of the one that set it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIo } from '../fileio';
import { isWriterAlive } from './liveness';

/**
 * Measured by this host's clock against an mtime another host (or an NFS server) may have set:
 * longer than any clock skew Gearshift tolerates elsewhere (FUTURE_SKEW_MS, 5 min) and any slow
 * fsync. A leftover costs nothing while it waits.
 */
export const MIN_AGE_MS = 10 * 60 * 1000;

/**
 * Removes the stale temporaries of the files named `files` in `dir` (a name's temps only: another
 * tool's files are never touched). Never rejects: what cannot be listed or removed stays for next time.
 * `minAgeMs` lower than MIN_AGE_MS only for a caller whose lock already excludes unseen writers.
 */
export async function sweepStaleTemps(dir: string, files: readonly string[], now = Date.now(), minAgeMs = MIN_AGE_MS): Promise<string[]> {
  const temp = new RegExp(`^\\.(?:${files.map(escape).join('|')})\\.(\\d+)\\.(?:(\\d+)-)?[0-9a-z]*\\.tmp$`);
  const removed: string[] = [];
  const names = await fileIo.readdirEntries(dir).then((entries) => entries.map((e) => e.name), () => [] as string[]);
  for (const name of names) {
    const parsed = temp.exec(name);
    if (!parsed) { continue; }
    const file = path.join(dir, name);
    const written = await fileIo.lstat(file).then((s) => (s.isFile() ? s.mtimeMs : undefined), () => undefined);
    if (written === undefined || now - written < minAgeMs) { continue; }
    if (isWriterAlive(Number(parsed[1]), os.hostname(), new Date(written).toISOString(), now, parsed[2])) { continue; }
    if (await fileIo.unlink(file).then(() => true, () => false)) { removed.push(name); }
  }
  return removed;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
