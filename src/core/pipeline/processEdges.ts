/** What a stage's process does at its edges: why it could not start, and pipes left to kept servers. */
import { statSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import { kindOf } from '../fileio';

/**
 * Why a stage could not start, in words. Node blames the shell ("spawn /bin/sh ENOENT") or
 * nothing ("spawn ENOTDIR") when the working directory is the problem, so the directory is
 * looked at: once, with a stat that never throws (it runs in a catch and in an 'error'
 * listener). It may have changed since the spawn; what is said is what the stat saw, and
 * Node's own words when the directory looks fine now.
 */
export function describeSpawnError(err: Error, cwd: string): string {
  return workingDirectoryProblem(cwd) ?? `could not start: ${err.message}`;
}

const ENTRY_ERRORS: Record<string, string> = {
  ENOTDIR: 'a part of its path is not a folder', ELOOP: 'its path has a loop of symbolic links',
  EACCES: 'permission denied', ENAMETOOLONG: 'its path is too long',
};

function workingDirectoryProblem(cwd: string): string | undefined {
  let st: Stats | undefined;
  try {
    st = statSync(cwd, { throwIfNoEntry: false });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    return `working directory cannot be entered: ${cwd} (${ENTRY_ERRORS[code] ?? code})`;
  }
  if (st === undefined) { return `working directory not found: ${cwd}`; }
  if (st.isDirectory()) { return undefined; }
  // `cwd: README.md` passes the config check (it is inside the repo).
  return st.isFile() ? `working directory is a file, not a folder: ${cwd}` : `working directory is ${kindOf(st)}, not a folder: ${cwd}`;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A `keep: true` stage's servers may still hold its pipes: destroying them would fail their next
 * log line (EPIPE), so what they write is read and dropped, without keeping this process alive.
 */
export function detach(stream: Readable): void {
  stream.removeAllListeners('readable');
  stream.on('data', () => undefined);
  stream.resume();
  (stream as Readable & { unref?: () => void }).unref?.();
}
