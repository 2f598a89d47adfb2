/**
 * The small file calls of a short command (find the repository, read the history's tail, take
 * the lock, append a history line), each one either fs' asynchronous call or, once the CLI has
 * called `useSyncFileIo()`, the synchronous call behind the same promise-returning signature.
 *
 * Why (docs/benchmarks-journal.md, "The CLI's fixed cost", 14f): a plain `gearshift status` or a
 * one-stage `gearshift run` makes a few dozen calls of microseconds each. Asynchronously each is
 * a round trip through libuv's thread pool (the first one starts the pool). A CLI process has
 * nothing else to do meanwhile, so it waits for every one of them, until it has stages to
 * watch: then a call stuck on a hung disk must block only a pool thread, or Ctrl+C could not
 * cancel the stages (the CLI turns synchronous calls off again when the first stage starts,
 * src/cli/interrupt.ts). The extension host never uses them: a slow (network) disk must not
 * stall every other extension.
 *
 * The asynchronous calls are fs' callback ones, not fs.promises: loading fs/promises pulls in
 * readline's internals and the stream helpers (≈ 1.5 ms), which a run then pays at its first
 * stage. Same answers either way: `realpath` is the native one in both, errors are rejections
 * carrying the same code, syscall and path, and `mkdirp` never uses Node's recursive mkdirSync
 * (it never returned on a /proc path, see src/cli/codeCache.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { givesNewEntriesAway, inheritedOwner, overflowId, type Owner } from './folderOwner';
import { call, DescriptorFile, openInPool, openSyncChecked, PoolFile, readRegularInPool, readRegularSync, type OpenFile } from './openFile';

export type { OpenFile } from './openFile';

let sync = false;

/** For the CLI only (src/cli.ts): every call below is synchronous from now on, in this process. */
export function useSyncFileIo(on = true): void {
  sync = on;
}

/** Whether this process answers with synchronous calls (tests and the bench ask). */
export function syncFileIo(): boolean {
  return sync;
}

/**
 * mkdir -p one level at a time (see the header), synchronous whatever the mode, new levels with
 * `mode` less the umask; an existing folder is not an error. Under sudo the levels it made may be
 * given away (folderOwner.ts): a cache made under `sudo` in the user's home stays usable by them.
 */
export function makeDirectories(dir: string, mode?: number): void {
  const full = path.resolve(dir); // as the thread pool's variant: '..' taken out first
  const missing: string[] = [];
  for (let d = full; !fs.existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) { missing.unshift(d); }
  const owner = missing.length > 0 && givesNewEntriesAway() ? inheritedOwner(fs.statSync(path.dirname(missing[0]), { throwIfNoEntry: false })) : undefined;
  for (const d of missing) {
    try { fs.mkdirSync(d, mode); giveAwaySync(d, owner); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') { throw e; }
      // A dangling symlink on the way: recursive mkdir says ENOTDIR (not the ENOENT the next level would give).
      if (d !== missing[missing.length - 1] && !fs.statSync(d, { throwIfNoEntry: false })?.isDirectory()) { throw notADirectory(d); }
    }
  }
  if (!fs.statSync(full).isDirectory()) { fs.mkdirSync(full, mode); } // a file in the way: mkdir's own EEXIST, as the recursive call gives
}

/** A folder this process just made, given to `owner`; best effort. lchown: a link swapped in since is changed, never what it names. */
function giveAwaySync(made: string, owner: Owner | undefined): void {
  if (owner) { try { fs.lchownSync(made, owner.uid, owner.gid); } catch { /* stays the caller's */ } }
}

/** mkdir -p through the thread pool; under sudo the levels it made may be given away (folderOwner.ts). */
async function makeDirectoriesInPool(dir: string): Promise<void> {
  const full = path.resolve(dir); // absolute, no '..': mkdir's answer is then an ancestor of it, or itself
  const first = await call<string | undefined>((done) => fs.mkdir(full, { recursive: true }, done));
  if (first === undefined || !givesNewEntriesAway()) { return; }
  const owner = inheritedOwner(await call<fs.Stats>((done) => fs.stat(path.dirname(first), done)).catch(() => undefined));
  if (!owner) { return; }
  for (let d = full; d === first || d.startsWith(first + path.sep); d = path.dirname(d)) {
    await call((done) => fs.lchown(d, owner.uid, owner.gid, done)).catch(() => undefined);
  }
}

/**
 * open() for a file that may be created ('a', 'wx') under sudo: one this call creates may be
 * given away (folderOwner.ts). 'a' is an exclusive create first, so a file already there (it may be a link
 * to anything) is opened as it is and never given away.
 */
async function openCreatingUnderSudo(file: string, flags: 'a' | 'wx'): Promise<OpenFile> {
  const openFd = (f: string): Promise<number> => (sync ? Promise.resolve().then(() => openSyncChecked(file, f)) : openInPool(file, f));
  const wrap = (fd: number): OpenFile => (sync ? new DescriptorFile(fd) : new PoolFile(fd));
  let fd: number;
  try {
    fd = await openFd(flags === 'a' ? 'ax' : 'wx');
  } catch (e) {
    if (flags === 'wx' || (e as NodeJS.ErrnoException).code !== 'EEXIST') { throw e; }
    return wrap(await openFd('a'));
  }
  const owner = inheritedOwner(await fileIo.stat(path.dirname(file)).catch(() => undefined));
  if (owner) { await (sync ? Promise.resolve().then(() => fs.fchownSync(fd, owner.uid, owner.gid)) : call((done) => fs.fchown(fd, owner.uid, owner.gid, done))).catch(() => undefined); }
  return wrap(fd);
}

/** `os` is loaded only here, on this rare path: every start would pay for it at the top. */
function notADirectory(p: string): NodeJS.ErrnoException {
  const { constants } = require('node:os') as typeof import('node:os'); // eslint-disable-line @typescript-eslint/no-require-imports -- see above
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${p}'`), { errno: -constants.errno.ENOTDIR, code: 'ENOTDIR', syscall: 'mkdir', path: p });
}

/** What a replacement must keep beyond "whole or not at all". */
export interface ReplaceOptions {
  /** The new file's permission bits, exactly (the umask does not narrow them); default: writeFile's 0o666 less the umask. */
  readonly mode?: number;
  /** Flush the new content to disk before the rename: after a power cut the file is the old one or the new, never a renamed empty one. */
  readonly fsync?: boolean;
  /**
   * The new file's owner and group (-1: leave that one), given where the process may (root): a
   * file replaced under `sudo` stays its user's. Best effort, as with `sed -i`: where the owner
   * cannot be given (EPERM, or EINVAL for an id a user namespace does not map), the group alone
   * is tried, then the file stays the caller's. None asked: under sudo, given away as a new
   * file is (folderOwner.ts).
   */
  readonly owner?: Owner;
  /**
   * Runs after the new content is written (and synced) and just before the rename; when it
   * throws, nothing is renamed, the temporary file goes, and replaceFile rejects with its error:
   * a last check that the file is still what the new content was computed from (replaceFileSync,
   * which cannot wait, refuses it; fileIo.replaceFile in the synchronous mode awaits it on this thread).
   */
  readonly beforeRename?: () => Promise<void>;
}

/**
 * A regular file's permission bits and owner, for a replacement that keeps them (nothing there,
 * or a link: {}). An id shown for an owner this user namespace does not map (a container's bind
 * mount) is left out: giving it to the new file would hand it to whoever that id is here.
 */
export async function keptAttributes(file: string): Promise<ReplaceOptions> {
  const stat = await fileIo.lstat(file).catch(() => undefined);
  if (!stat?.isFile()) { return {}; }
  const uid = stat.uid === overflowId('uid') ? -1 : stat.uid;
  const gid = stat.gid === overflowId('gid') ? -1 : stat.gid;
  return { mode: stat.mode & 0o777, ...(uid === -1 && gid === -1 ? {} : { owner: { uid, gid } }) };
}

/** What the new file lacks of `options`: only that is set, so a file system that refuses chmod or chown still takes a file already right. */
function missingAttributes(stat: fs.Stats, options: ReplaceOptions): { mode?: number; owner?: Owner } {
  const { mode, owner } = options;
  const differs = (want: number, has: number): boolean => want !== -1 && want !== has;
  return {
    owner: owner && (differs(owner.uid, stat.uid) || differs(owner.gid, stat.gid)) ? owner : undefined,
    mode: mode !== undefined && (stat.mode & 0o7777) !== (mode & 0o7777) ? mode : undefined,
  };
}

function settleAttributesSync(fd: number, options: ReplaceOptions): void {
  if (options.mode === undefined && options.owner === undefined) { return; }
  const { mode, owner } = missingAttributes(fs.fstatSync(fd), options);
  // The owner before the mode: a chown by root clears set-id bits.
  if (owner) {
    try { fs.fchownSync(fd, owner.uid, owner.gid); } catch {
      try { fs.fchownSync(fd, -1, owner.gid); } catch { /* the caller's, as sed -i leaves it */ }
    }
  }
  if (mode !== undefined) { fs.fchmodSync(fd, mode); }
}

async function settleAttributes(fd: number, options: ReplaceOptions): Promise<void> {
  if (options.mode === undefined && options.owner === undefined) { return; }
  const { mode, owner } = missingAttributes(await call<fs.Stats>((done) => fs.fstat(fd, done)), options);
  if (owner) {
    await call((done) => fs.fchown(fd, owner.uid, owner.gid, done))
      .catch(() => call((done) => fs.fchown(fd, -1, owner.gid, done))) // the group at least, as sed -i
      .catch(() => undefined); // else the caller's
  }
  if (mode !== undefined) { await call((done) => fs.fchmod(fd, mode, done)); }
}

/**
 * Beside `file` (a rename cannot cross file systems), hidden (no editor or listing shows it), and
 * random, not the pid alone: two pid namespaces can share the folder. Created with `wx`, so a
 * file or symlink planted under that name is never written through.
 */
export function temporaryFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

/**
 * fileIo.replaceFile, synchronous whatever the mode: for callers that cannot wait (an exit
 * handler, a synchronous interface). Throws when it cannot; the temporary file is gone either way.
 */
export function replaceFileSync(file: string, data: string | Uint8Array, given: ReplaceOptions = {}): void {
  if (given.beforeRename) { throw new Error('replaceFileSync cannot wait for beforeRename; use fileIo.replaceFile'); }
  const tmp = writeTemporarySync(file, data, given);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}

/**
 * replaceFileSync's steps on this thread with `beforeRename` awaited between the write and the rename (the
 * CLI's synchronous mode): the order of the calls stays one thread's, as a kill point test counts them.
 */
async function replaceSyncChecked(file: string, data: string | Uint8Array, given: ReplaceOptions): Promise<void> {
  const tmp = writeTemporarySync(file, data, given);
  try {
    await given.beforeRename?.();
    fs.renameSync(tmp, file);
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}

/** The new content in a temporary file beside `file` (its attributes settled, synced if asked); its name. Gone when this throws. */
function writeTemporarySync(file: string, data: string | Uint8Array, given: ReplaceOptions): string {
  const options = given.owner === undefined && givesNewEntriesAway()
    ? { ...given, owner: inheritedOwner(fs.statSync(path.dirname(file), { throwIfNoEntry: false })) }
    : given;
  const tmp = temporaryFor(file);
  const fd = fs.openSync(tmp, 'wx', options.mode ?? 0o666);
  try {
    try {
      settleAttributesSync(fd, options);
      fs.writeFileSync(fd, data);
      if (options.fsync) { fs.fsyncSync(fd); }
    } finally { fs.closeSync(fd); }
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
  return tmp;
}

/** The same steps as replaceFileSync, each through the thread pool. */
async function replaceInPool(file: string, data: string | Uint8Array, given: ReplaceOptions): Promise<void> {
  const options = given.owner === undefined && givesNewEntriesAway()
    ? { ...given, owner: inheritedOwner(await call<fs.Stats>((done) => fs.stat(path.dirname(file), done)).catch(() => undefined)) }
    : given;
  const tmp = temporaryFor(file);
  const fd = await call<number>((done) => fs.open(tmp, 'wx', options.mode ?? 0o666, done));
  try {
    try {
      await settleAttributes(fd, options);
      await call((done) => fs.writeFile(fd, data, done));
      if (options.fsync) { await call((done) => fs.fsync(fd, done)); }
    } finally { await call((done) => fs.close(fd, done)); }
    await options.beforeRename?.();
    await call((done) => fs.rename(tmp, file, done));
  } catch (e) {
    await call((done) => fs.unlink(tmp, done)).catch(() => undefined);
    throw e;
  }
}

/** The subset of fs.promises the short commands' paths use, with the same signatures. */
export const fileIo = {
  async realpath(p: string): Promise<string> { return sync ? fs.realpathSync.native(p) : call((done) => fs.realpath.native(p, done)); },
  async stat(p: string): Promise<fs.Stats> { return sync ? fs.statSync(p) : call((done) => fs.stat(p, done)); },
  async lstat(p: string): Promise<fs.Stats> { return sync ? fs.lstatSync(p) : call((done) => fs.lstat(p, done)); },
  async access(p: string, mode?: number): Promise<void> { return sync ? fs.accessSync(p, mode) : call((done) => fs.access(p, mode, done)); },
  /** A regular file's content; anything else at `p` (a FIFO, a device, a folder) is an error naming it, never a wait (regularFile.ts). */
  readFile: (async (p: string, encoding?: BufferEncoding): Promise<string | Buffer> =>
    (sync ? readRegularSync(p, encoding) : readRegularInPool(p, encoding))) as {
    (p: string): Promise<Buffer>;
    (p: string, encoding: BufferEncoding): Promise<string>;
  },
  async writeFile(p: string, data: string, encoding: BufferEncoding): Promise<void> {
    return sync ? fs.writeFileSync(p, data, encoding) : call((done) => fs.writeFile(p, data, encoding, done));
  },
  async rename(from: string, to: string): Promise<void> { return sync ? fs.renameSync(from, to) : call((done) => fs.rename(from, to, done)); },
  /** A folder's entries with their types (`readdir` with `withFileTypes`). */
  async readdirEntries(p: string): Promise<fs.Dirent[]> {
    return sync ? fs.readdirSync(p, { withFileTypes: true }) : call((done) => fs.readdir(p, { withFileTypes: true }, done));
  },
  async unlink(p: string): Promise<void> { return sync ? fs.unlinkSync(p) : call((done) => fs.unlink(p, done)); },
  /** A second name for `existing`; EEXIST when `p` is taken (by anything, a dangling link too): never replaces it. */
  async link(existing: string, p: string): Promise<void> { return sync ? fs.linkSync(existing, p) : call((done) => fs.link(existing, p, done)); },
  /** Always `recursive`: every caller wants mkdir -p. */
  async mkdirp(p: string): Promise<void> {
    if (sync) { makeDirectories(p); } else { await makeDirectoriesInPool(p); }
  },
  /**
   * `file` replaced whole: written to a temporary file beside it, then renamed over it, so a
   * concurrent reader sees the old content or the new, never a torn one. Rejects when it cannot;
   * the temporary file is gone either way.
   */
  async replaceFile(file: string, data: string | Uint8Array, options: ReplaceOptions = {}): Promise<void> {
    if (!sync) { return replaceInPool(file, data, options); }
    return options.beforeRename === undefined ? replaceFileSync(file, data, options) : replaceSyncChecked(file, data, options);
  },
  /**
   * With 'r' or 'a' only a regular file is opened; anything else is an error naming it, never a
   * wait (regularFile.ts). Under sudo, a file this creates with exactly 'a' or 'wx' (the flags
   * the history and the lock use) may be given away (folderOwner.ts).
   */
  async open(p: string, flags: string | number): Promise<OpenFile> {
    if ((flags === 'a' || flags === 'wx') && givesNewEntriesAway()) { return openCreatingUnderSudo(p, flags); }
    return sync ? new DescriptorFile(openSyncChecked(p, flags)) : new PoolFile(await openInPool(p, flags));
  },
};
