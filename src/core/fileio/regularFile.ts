/**
 * Gearshift's own files (history, deploy.json, locks, caches) and the files it reads from the
 * workspace are regular files. Anything else at such a path must be an error naming the file,
 * never a wait: opening a FIFO for reading blocks until a writer comes, for appending until a
 * reader comes, and reading /dev/zero never ends. In the CLI those calls are synchronous
 * (fileIo.ts), so a blocked open also blocks the event loop, and with it the SIGTERM handler.
 *
 * So every read or append opens with O_NONBLOCK (a FIFO then opens at once, or fails with ENXIO
 * when appending and nobody reads) and checks with fstat what was opened before using it: the
 * check is on the descriptor itself, so nothing can be swapped in between.
 */
import { constants, type Stats } from 'node:fs';

/** Flags for reading a regular file: O_NONBLOCK only matters when it is not one (see above). */
export const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;
/**
 * Flags for appending ('a', history.jsonl's lines), with O_NONBLOCK as above and O_NOFOLLOW: a
 * symlink placed at the file's name (by anyone who can write .git) is refused, not written through.
 */
export const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK | constants.O_NOFOLLOW;
/**
 * fileIo.open's flag for reading a file Gearshift keeps in its state folder (history.jsonl): as 'r', and
 * O_NOFOLLOW: a symlink placed at its name is refused, not read through, as an append refuses it (security41 F5).
 */
export const NO_LINK_READ = 'r-nofollow';
export const NO_LINK_READ_FLAGS = READ_FLAGS | constants.O_NOFOLLOW;
/** 'ax': appending to a file this call creates. */
export const CREATE_APPEND_FLAGS = APPEND_FLAGS | constants.O_EXCL;

/** The errno-style code for "not a regular file" (BSD's EFTYPE: inappropriate file type). */
export const NOT_REGULAR = 'EFTYPE';

type Kind = Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

/** What is at a path, in words ("a FIFO (named pipe)"), for the messages below. */
export function kindOf(st: Kind): string {
  if (st.isDirectory()) { return 'a folder'; }
  if (st.isFIFO()) { return 'a FIFO (named pipe)'; }
  if (st.isSocket()) { return 'a socket'; }
  if (st.isCharacterDevice() || st.isBlockDevice()) { return 'a device'; }
  return 'not a file';
}

/**
 * The error for `file` found to be `st`: code EISDIR for a folder (as reading one says), else
 * EFTYPE; the message names the file and what it is, e.g. "….json is a FIFO (named pipe), not a
 * regular file".
 */
export function notRegularFile(file: string, st: Kind, syscall = 'open'): NodeJS.ErrnoException {
  const folder = st.isDirectory();
  const message = folder ? `${file} is a folder, not a file` : `${file} is ${kindOf(st)}, not a regular file`;
  return Object.assign(new Error(message), { code: folder ? 'EISDIR' : NOT_REGULAR, syscall, path: file });
}

/** The error for an append (or a NO_LINK_READ) refused by O_NOFOLLOW: `file` is a symlink. */
export function linkRefused(file: string, syscall = 'open', reading = false): NodeJS.ErrnoException {
  return Object.assign(new Error(`${file} is a symlink: nothing is ${reading ? 'read' : 'written'} through it`), { code: 'ELOOP', syscall, path: file });
}

/** Throws notRegularFile() unless `st` is a regular file. */
export function checkRegular(file: string, st: Kind): void {
  if (!st.isFile()) { throw notRegularFile(file, st); }
}

/** The flags to open with for fileIo's 'r' and 'a' (O_NONBLOCK added), or undefined: opened as given. */
export function regularFlags(flags: string | number): number | undefined {
  if (flags === 'r') { return READ_FLAGS; }
  if (flags === 'a') { return APPEND_FLAGS; }
  if (flags === 'ax') { return CREATE_APPEND_FLAGS; }
  if (flags === NO_LINK_READ) { return NO_LINK_READ_FLAGS; }
  return undefined;
}
