/** What a stage's process does at its edges: why it could not start, and pipes left to kept servers. */
import { existsSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';

export function describeSpawnError(err: Error, cwd: string): string {
  // Node reports a missing cwd as "spawn /bin/sh ENOENT", which points at the wrong thing.
  if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(cwd)) {
    return `working directory not found: ${cwd}`;
  }
  // `cwd: README.md` passes the config check (it is inside the repo); Node then says only "spawn ENOTDIR".
  if ((err as NodeJS.ErrnoException).code === 'ENOTDIR' && existsSync(cwd) && !statSync(cwd).isDirectory()) {
    return `working directory is a file, not a folder: ${cwd}`;
  }
  return `could not start: ${err.message}`;
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
