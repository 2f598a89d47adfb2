/**
 * A file Gearshift must write (a lock, history.jsonl) that cannot be written, in words: a full
 * disk or a read-only file system is the machine's state, not a Gearshift bug, so the command
 * says which and refuses (exit 1 or 2) instead of an "internal error" with a stack.
 */
import * as path from 'node:path';
import { foreignOwner, foreignOwnerHint, NOT_REGULAR } from '../fileio';

/** Why a folder or file could not be written, in words; the errno text for anything else. */
const WHY: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is used up', EROFS: 'the file system is read-only',
  EACCES: 'permission denied', EPERM: 'permission denied', EEXIST: 'a file is in the way of that folder', ENOTDIR: 'a file is in the way of that folder',
};

/** A file-system error (an errno code); anything else is a bug the caller rethrows. */
export function isFileSystemError(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/**
 * The errno in words, and for a permission error on a file another user owns, whose it is and the way
 * back. The caller's sentence names `file` ("cannot record the change in <file> (<this>)"), so these
 * words do not name it again (review31 L9).
 */
export async function whyNotWritten(e: NodeJS.ErrnoException, file: string, how = 'sudo chown'): Promise<string> {
  if (e.code === NOT_REGULAR || e.code === 'EISDIR') { return 'it is not a regular file; remove what is in its place'; }
  const why = WHY[e.code ?? ''] ?? withoutPath(e, file);
  const owner = e.code === 'EACCES' || e.code === 'EPERM' ? await foreignOwner(file) : undefined;
  return owner === undefined ? why : `${why}: it ${foreignOwnerHint(owner, how)}`;
}

/**
 * The error's message with `file`, which the caller's sentence already names, said as "it": fileio's
 * own errors start with it ("<file> is a symlink: nothing is written through it"), node's end with it
 * ("EIO: i/o error, write '<file>'"). A message naming another file is kept whole.
 */
function withoutPath(e: NodeJS.ErrnoException, file: string): string {
  if (e.message.startsWith(`${file} `)) { return `it ${e.message.slice(file.length + 1)}`; }
  const tail = `, ${e.syscall ?? ''} '${file}'`;
  return e.message.endsWith(tail) ? e.message.slice(0, -tail.length) : e.message;
}

/**
 * A lock file in `dataDir` that could not be written: `Gearshift could not write its <what> in
 * <dataDir> (<why>); <what to do>`. Rethrows anything but a file-system error.
 */
export async function lockUnwritable(dataDir: string, lockFile: string, what: string, e: unknown): Promise<string> {
  if (!isFileSystemError(e)) { throw e; }
  const why = WHY[e.code ?? ''] ?? e.message;
  // The folder's owner, not the lock's: a lock file of root's in a folder of the user's blocks nothing (the user may remove it).
  const owner = e.code === 'EACCES' || e.code === 'EPERM' ? await foreignOwner(dataDir) : undefined;
  // A FIFO, device or folder at the lock's own path: the folder is fine, the thing in the lock's place is not.
  const inTheWay = e.code === NOT_REGULAR || e.code === 'EISDIR';
  const fix = inTheWay ? `remove ${path.join(dataDir, lockFile)}, which is not a lock file`
    : owner === undefined ? 'that folder must be a writable folder on a disk with space' : `the folder ${foreignOwnerHint(owner, 'sudo chown -R')}`;
  return `Gearshift could not write its ${what} in ${dataDir} (${why}); ${fix}`;
}
