/**
 * Reading `.gearshift.yml` safely. The file is input that anyone who can commit controls, so:
 * only a regular file is read (a FIFO or device would block the reader, which then also missed
 * SIGTERM), only inside the repository after symlinks are resolved (a link to ~/.ssh/… must
 * not be read, let alone quoted back), at most MAX_CONFIG_BYTES, and only valid UTF-8 (a
 * silent U+FFFD would run a different command than the one written).
 */
import { isUtf8 } from 'buffer';
import { constants } from 'fs';
import { fileIo as fs } from '../fileio';
import * as path from 'path';
import { CONFIG_FILE_NAME } from './types';
import { MAX_CONFIG_BYTES, kib } from './limits';

export type ReadResult =
  | { ok: true; text: string }
  | { ok: false; message: string; line?: number; col?: number };

/** The file's text, or why it is refused. Never throws for a missing file (`ENOENT` is rethrown for the caller's own message). */
export function readConfigText(file: string): Promise<ReadResult> {
  return readRepositoryText(file, CONFIG_FILE_NAME);
}

/**
 * Any file of the repository that others can commit, by the same rule (the export's CI file, whose
 * diff `export --check` prints): `what` names it in the messages. `ENOENT` is rethrown.
 */
export async function readRepositoryText(file: string, what: string): Promise<ReadResult> {
  const real = await fs.realpath(file); // ENOENT goes to the caller
  const root = await repositoryRoot(path.dirname(path.resolve(file)));
  if (!isInsideFolder(real, root)) {
    return { ok: false, message: `${file} is a link to a file outside the repository (${root}); ${what} must be a file inside it` };
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what was opened.
  const handle = await fs.open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await handle.stat();
    if (st.isDirectory()) { return { ok: false, message: `${file} is a folder, not a file; ${what} must be a file` }; }
    if (!st.isFile()) { return { ok: false, message: `${file} is ${kindOf(st)}, not a regular file; ${what} must be a regular file` }; }
    if (st.size > MAX_CONFIG_BYTES) { return tooLarge(file, st.size, what); }
    const buf = Buffer.allocUnsafe(MAX_CONFIG_BYTES + 1); // only the bytes read are looked at: no need to zero 1 MiB first
    let length = 0;
    for (let n = -1; n !== 0 && length < buf.length;) {
      n = (await handle.read(buf, length, buf.length - length, null)).bytesRead;
      length += n;
    }
    if (length > MAX_CONFIG_BYTES) { return tooLarge(file, length, what); } // grew while being read
    return decodeUtf8(buf.subarray(0, length));
  } finally {
    await handle.close();
  }
}

/** `real` is `root` or below it (both real paths). */
export function isInsideFolder(real: string, root: string): boolean {
  // `/` already ends in the separator: `root + sep` would be `//`, which no real path starts with.
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function tooLarge(file: string, size: number, what: string): ReadResult {
  const named = what === CONFIG_FILE_NAME ? 'a pipeline file' : what; // the export's CI file names itself
  return { ok: false, message: `${file} is ${size} bytes; ${named} may be at most ${kib(MAX_CONFIG_BYTES)} (${MAX_CONFIG_BYTES} bytes)` };
}

/** The nearest folder up from `dir` holding `.git` (real path), else `dir` itself: outside git the config's folder is the boundary. */
async function repositoryRoot(dir: string): Promise<string> {
  const start = await fs.realpath(dir);
  for (let d = start; ; d = path.dirname(d)) {
    if (await fs.lstat(path.join(d, '.git')).then(() => true, () => false)) { return d; }
    if (path.dirname(d) === d) { return start; }
  }
}

function kindOf(st: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (st.isFIFO()) { return 'a FIFO (named pipe)'; }
  if (st.isSocket()) { return 'a socket'; }
  if (st.isCharacterDevice() || st.isBlockDevice()) { return 'a device'; }
  return 'not a file';
}

/** Strict UTF-8: the first invalid byte is reported by offset (for line:col), nothing is replaced. */
function decodeUtf8(bytes: Buffer): ReadResult {
  // The usual case without TextDecoder's ICU set-up (≈ 0.5 ms on each `gearshift run`); its BOM dropped as TextDecoder does.
  if (isUtf8(bytes)) { const text = bytes.toString('utf8'); return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text }; }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const lines = new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).split('\n');
    return { ok: false, line: lines.length, col: [...lines[lines.length - 1]].length + 1, message: `byte 0x${bytes[offset].toString(16).padStart(2, '0')} at byte ${offset} is not valid UTF-8; save the file as UTF-8` };
  }
}

/** Index of the first byte that is not valid UTF-8, or undefined when every byte is (for other files read as UTF-8: flags files). */
export function invalidUtf8At(bytes: Buffer): number | undefined {
  return isUtf8(bytes) ? undefined : firstInvalidByte(bytes);
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(b: Buffer): number {
  let lo = 0;
  let hi = b.length;
  // The longest valid prefix, by bisection: TextDecoder knows validity, we only need where.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (validPrefix(b.subarray(0, mid))) { lo = mid; } else { hi = mid - 1; }
  }
  return startOfIncomplete(b, Math.min(lo, b.length - 1));
}

/** The valid prefix may end in a sequence that `at` cut short: the culprit is its lead byte, e.g. the 0xe9 of Latin-1 "é". */
function startOfIncomplete(b: Buffer, at: number): number {
  let lead = at - 1;
  while (lead >= 0 && at - lead <= 3 && (b[lead] & 0xc0) === 0x80) { lead--; }
  if (lead < 0 || b[lead] < 0xc0) { return at; }
  const length = b[lead] >= 0xf0 ? 4 : b[lead] >= 0xe0 ? 3 : 2;
  return at - lead < length ? lead : at;
}

/** Valid UTF-8, allowing a sequence cut off at the end (it may continue past `mid`). */
function validPrefix(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}
