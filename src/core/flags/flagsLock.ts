/**
 * The locks a flags change holds (change.ts): two, always taken in this order.
 *
 * - The pipeline's `flags.lock`, beside its history: undo's "is this still the newest change"
 *   check and the history line it writes are one step for that pipeline's history.
 * - The flags file's own lock, by the file's real path (links resolved), in the state every
 *   pipeline of the repository shares (`<git common dir>/gearshift/flags-locks/`): two pipelines
 *   may name one file (the top one names `apps/a/flags.json`, apps/a's pipeline its `flags.json`,
 *   or a link to it), and their pipeline locks are two different files.
 *
 * The file lock is only ever taken while holding a pipeline lock and never the other way round,
 * so two changes cannot wait for each other in a circle.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { fileIo as fs } from '../fileio';
import { sharedStateDir } from '../history';
import { FileLock } from '../lock';
import { FlagChangeError } from './changeError';

/** A check, a write and one history line take milliseconds. Age frees only a holder on another host (its pid cannot be checked); here a dead holder is seen at once (core/lock). */
const FLAGS_LOCK_MAX_AGE_MS = 60_000;
const FLAGS_LOCK_WAIT_MS = 10_000;
export const FLAGS_LOCK_FILE = 'flags.lock';
export const FLAGS_FILE_LOCKS_DIR = 'flags-locks';

/** `fn` holding the pipeline's flags lock (beside `historyFile`), then `flagsFile`'s own. */
export async function underFlagsLocks<T>(historyFile: string, flagsFile: string, fn: () => Promise<T>): Promise<T> {
  const pipelineLock = path.join(path.dirname(historyFile), FLAGS_LOCK_FILE);
  return underLock(pipelineLock, 'flags change', async () => underLock(await lockPathOrRefuse(flagsFile), `flags change of ${flagsFile}`, fn));
}

/** flagsFileLockPath, its refusal (a symlinked flags-locks) said as a change that cannot be made, not an internal error. */
async function lockPathOrRefuse(flagsFile: string): Promise<string> {
  try {
    return await flagsFileLockPath(flagsFile);
  } catch (e) {
    throw new FlagChangeError(`cannot change the flags file now (${e instanceof Error ? e.message : String(e)}); nothing was written`, 'io');
  }
}

/**
 * Where the lock of `flagsFile` lives: named by a hash of its real path (a path can be longer
 * than a file name, and hold any character), in the shared state of the repository holding the
 * real file, which is the repository of every pipeline allowed to name it (files.ts).
 */
export async function flagsFileLockPath(flagsFile: string): Promise<string> {
  const real = await fs.realpath(flagsFile).catch(() => path.resolve(flagsFile));
  const name = createHash('sha256').update(real).digest('hex').slice(0, 32);
  return path.join(await sharedStateDir(path.dirname(real), FLAGS_FILE_LOCKS_DIR), `${name}.lock`);
}

/** `fn` holding the lock in `file`; refused (nothing written) when it cannot be had. */
async function underLock<T>(file: string, what: string, fn: () => Promise<T>): Promise<T> {
  const lock = new FileLock(file, { maxAgeMs: FLAGS_LOCK_MAX_AGE_MS });
  const got = await lock.acquireWithin(what, FLAGS_LOCK_WAIT_MS).catch((e: Error) => ({ ok: false as const, message: e.message }));
  if (!got.ok) { throw new FlagChangeError(`cannot change the flags file now (${got.message}); nothing was written`, 'io'); }
  try {
    return await fn();
  } finally {
    await got.release();
  }
}
