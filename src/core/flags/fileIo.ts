/**
 * Reading and writing a flags file without losing anyone's update: a write goes through only
 * when the file still holds the text the change was computed from (the editor, a teammate's
 * pull or another gearshift may have written it meanwhile). The new text goes to a temporary
 * file beside it (beside a link's target), synced, then renamed over it, so a crash never leaves
 * half a file; the file is checked once more right before that rename (replaceFlagsText).
 */
import { constants } from 'node:fs';
import * as path from 'node:path';
import { fileIo as fs, keptAttributes } from '../fileio';
import { invalidUtf8At, MAX_FLAGS_FILE_BYTES } from '../config';
import { sweepStaleTemps } from '../history';
import { outsideProblem } from './files';
import type { FlagsFileSnapshot } from './types';

export class FlagsFileError extends Error {
  constructor(message: string, readonly code: 'missing' | 'readOnly' | 'changed' | 'tooLarge' | 'notFile' | 'io') { super(message); }
}

export async function readFlagsFile(file: string, environment: string): Promise<FlagsFileSnapshot> {
  let stat;
  try { stat = await fs.stat(file); } catch (e) {
    throw new FlagsFileError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, 'missing');
  }
  if (!stat.isFile()) { throw new FlagsFileError(`${file}: not a regular file`, 'notFile'); }
  if (stat.size > MAX_FLAGS_FILE_BYTES) { throw new FlagsFileError(`${file}: larger than ${MAX_FLAGS_FILE_BYTES / 1024 / 1024} MiB; not a flags file`, 'tooLarge'); }
  const bytes = await fs.readFile(file);
  const bad = invalidUtf8At(bytes);
  const invalidUtf8 = bad === undefined ? {} : { invalidUtf8: { offset: bytes.subarray(0, bad).toString('utf8').length, byteOffset: bad, byte: bytes[bad] } };
  return { environment, path: file, text: bytes.toString('utf8'), mtimeMs: stat.mtimeMs, ...invalidUtf8 };
}

/**
 * Writes `next` only if the file still holds `snapshot.text`; else FlagsFileError('changed').
 * A symlink is written through, as it was read: the file it names changes and the link stays.
 */
export async function writeFlagsFile(snapshot: FlagsFileSnapshot, next: string, root: string): Promise<void> {
  await replaceFlagsText(snapshot, await writableTarget(snapshot, root), next);
}

/**
 * The real file a write of `snapshot` would replace, once it is known that the write can go
 * ahead: writable, still holding the text read, and (where a link leads) still inside `root`
 * (files.ts checked it at read time). Else FlagsFileError, nothing written.
 */
export async function writableTarget(snapshot: FlagsFileSnapshot, root: string): Promise<string> {
  // No write bit means someone made it read-only on purpose: root could write it, but must not.
  const writable = await fs.access(snapshot.path, constants.W_OK).then(() => true, () => false);
  if (!writable || ((await fs.stat(snapshot.path)).mode & 0o222) === 0) {
    throw new FlagsFileError(`${snapshot.path}: the file is read-only; nothing was written (make it writable, e.g. \`chmod u+w\`)`, 'readOnly');
  }
  const current = await readFlagsFile(snapshot.path, snapshot.environment);
  if (current.text !== snapshot.text) {
    throw new FlagsFileError(`${snapshot.path} changed on disk since it was read; nothing was written`, 'changed');
  }
  const outside = outsideProblem(root, snapshot.path);
  if (outside) { throw new FlagsFileError(`${outside}; nothing was written`, 'notFile'); }
  try { return await fs.realpath(snapshot.path); } catch (e) {
    throw new FlagsFileError(`${snapshot.path}: ${(e as Error).message}`, 'io');
  }
}

/** What would refuse a write of `snapshot` now (writableTarget's message), else undefined: to check several files before writing any. */
export async function writeRefusal(snapshot: FlagsFileSnapshot, root: string): Promise<string | undefined> {
  try { await writableTarget(snapshot, root); return undefined; } catch (e) {
    if (e instanceof FlagsFileError) { return e.message; }
    throw e;
  }
}

/**
 * `next` in place of `target` (writableTarget's answer) through a synced temporary file and a
 * rename. The file is read once more just before the rename (after the temporary file's write and
 * fsync, which can take long on a busy or network disk): a write by a tool that takes no
 * Gearshift lock (an editor saving, `git pull`) landing meanwhile makes it FlagsFileError
 * ('changed'), nothing renamed, instead of being replaced unseen (faults41 H2). What is left is
 * the moment between that read and the rename.
 */
export async function replaceFlagsText(snapshot: FlagsFileSnapshot, target: string, next: string): Promise<void> {
  const beforeRename = async (): Promise<void> => { await stillHolds(snapshot, target); };
  try {
    // It keeps its permissions and owner (a toggle under sudo stays its user's).
    await fs.replaceFile(target, next, { ...await keptAttributes(target), fsync: true, beforeRename });
  } catch (e) {
    if (e instanceof FlagsFileError) { throw e; }
    throw new FlagsFileError(`${snapshot.path}: ${(e as Error).message}`, 'io');
  }
}

/** FlagsFileError('changed') unless `snapshot.path` still leads to `target` and holds `snapshot.text`. */
async function stillHolds(snapshot: FlagsFileSnapshot, target: string): Promise<void> {
  const real = await fs.realpath(snapshot.path).catch(() => undefined);
  const current = real === target ? await readFlagsFile(snapshot.path, snapshot.environment).catch(() => undefined) : undefined;
  if (current?.text !== snapshot.text) {
    throw new FlagsFileError(`${snapshot.path} changed on disk since it was read; nothing was written`, 'changed');
  }
}

/**
 * Temporary files of `file` (`.flags.json.<pid>.<random>.tmp`) that a killed writer left beside
 * it, in the repository where `git status` shows them. Called holding the file's flags lock
 * (flagsLock.ts): no other Gearshift is writing this file now, so a temp whose writer's pid is
 * dead is no one's and goes at once (history's sweep, without its wait for writers it cannot
 * see: here the lock already excluded them). Never rejects.
 */
export async function sweepFlagsTemps(file: string): Promise<void> {
  const target = await fs.realpath(file).catch(() => file);
  await sweepStaleTemps(path.dirname(target), [path.basename(target)], Date.now(), 0);
}
