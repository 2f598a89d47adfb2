/**
 * A lock shared by every process on the machine (the CLI, any number of editor windows): a file
 * created with `open(path, 'wx')`, which the OS creates for exactly one caller. It holds
 * `{ pid, host, startedAt, what, token }` so a refusal can say who holds it, and so a holder
 * that died cannot leave it stuck: a lock whose process is gone (this host; and its run's
 * processes too, see staleReason) is stale and taken over. Age alone never frees a lock held on
 * this host: a deploy or run may rightly take a day (stage timeouts and monitor windows go to
 * 24 h), and taking its lock would let a second one overwrite what it is still doing. Only a
 * holder on another host (a `.git` on a network share), whose pid means nothing here, is stale
 * once older than `maxAgeMs`.
 *
 * Taking over is the racy part: two processes may both judge the same lock stale. So the check
 * and the removal happen again under a short-lived second lock (`<file>.takeover`); only one
 * process removes, and it re-checks first, so it can never remove a lock a live process has
 * just created. Then everyone races for `wx` again, which exactly one wins.
 */
import { randomUuid } from '../ids';
import { describeHeld, parseHolder, type LockGroup, type LockHolder } from './lockHolder';
import { fileIo as fs, type OpenFile } from '../fileio';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isWriterAlive, unprovenHolder } from '../history';
import { formatLimit, isoTime } from '../format';
import { KEEP_VAR, RUN_COOKIE_VAR, hasEnv, processStartTime, processesWithEnv, recordedGroupMembers } from '../pipeline';

export type AcquireResult =
  | {
    ok: true; holder: LockHolder; release: () => Promise<void>; tookOver?: { holder?: LockHolder; why: string };
    /** Records a process group in the lock file: the lock stays held while any member lives. */
    addGroup?: (group: LockGroup) => Promise<void>;
  }
  | { ok: false; heldBy?: LockHolder; message: string };

export interface FileLockOptions {
  /** A holder on another host, whose process cannot be checked from here, is stale once older than this. */
  maxAgeMs: number;
  now?: () => number;
}

/** A lock file we cannot parse is probably being written right now; after this long it is junk. */
const UNREADABLE_GRACE_MS = 5000;
/** A takeover takes milliseconds; a `.takeover` file older than this was left by a crash. */
const TAKEOVER_STALE_MS = 10_000;
const ATTEMPTS = 50;
const RETRY_MS = 20;

interface Seen {
  holder?: LockHolder;
  mtimeMs: number;
  ino: number;
}

export class FileLock {
  private readonly now: () => number;

  constructor(readonly file: string, private readonly opts: FileLockOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Never waits for a live holder: either we hold the lock now, or we say who does. */
  async acquire(what: string, runId?: string, kind?: string): Promise<AcquireResult> {
    await fs.mkdirp(path.dirname(this.file));
    const pidStart = processStartTime(process.pid);
    const holder: LockHolder = {
      pid: process.pid, host: os.hostname(), startedAt: isoTime(this.now()), what, token: randomUuid(),
      ...(pidStart !== undefined ? { pidStart } : {}), ...(runId !== undefined ? { runId } : {}), ...(kind !== undefined ? { kind } : {}),
    };
    let tookOver: { holder?: LockHolder; why: string } | undefined;
    let last: Seen | undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await this.create(holder)) {
        return this.granted(holder, tookOver);
      }
      const seen = await this.read();
      if (!seen) { continue; } // released between our open and our read: try again
      last = seen;
      const why = this.staleReason(seen);
      if (why === undefined) { return { ok: false, ...(seen.holder ? { heldBy: seen.holder } : {}), message: describeHeld(seen.holder) + this.wayOut(seen.holder) }; }
      const removed = await this.removeStale(seen);
      if (removed === 'removed') { tookOver = { ...(seen.holder ? { holder: seen.holder } : {}), why }; }
      if (removed === 'busy') { await sleep(RETRY_MS); }
    }
    return { ok: false, ...(last?.holder ? { heldBy: last.holder } : {}), message: `could not take ${path.basename(this.file)}: it kept changing hands` };
  }

  /**
   * Group additions and the release go one after another, so a late addition can never
   * re-create a lock file that was just released.
   */
  private granted(holder: LockHolder, tookOver: { holder?: LockHolder; why: string } | undefined): AcquireResult {
    let writes = Promise.resolve();
    let released = false;
    const serial = (fn: () => Promise<void>): Promise<void> => (writes = writes.then(fn, fn));
    const addGroup = (group: LockGroup): Promise<void> => serial(async () => { if (!released) { await this.addGroup(holder.token, group); } });
    const release = (): Promise<void> => serial(() => { released = true; return this.release(holder.token); });
    return { ok: true, holder, release, addGroup, ...(tookOver ? { tookOver } : {}) };
  }

  /** Polls acquire() until it succeeds or `timeoutMs` passes (for short critical sections). */
  async acquireWithin(what: string, timeoutMs: number, runId?: string): Promise<AcquireResult> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      const result = await this.acquire(what, runId);
      if (result.ok || this.now() >= deadline) { return result; }
      await sleep(RETRY_MS);
    }
  }

  /** The current holder, if the file exists and parses (stale or not). */
  async holder(): Promise<LockHolder | undefined> {
    return (await this.read())?.holder;
  }

  /** For a holder we cannot check (another host, no start time recorded): how to free the lock if it is not really running. */
  private wayOut(holder: LockHolder | undefined): string {
    if (!holder || (holder.host === os.hostname() && holder.pidStart !== undefined)) { return ''; }
    return `; if that is not running, remove ${this.file}`;
  }

  /** Why the lock as seen is stale, or undefined while it is validly held: on this host by liveness alone, on another by age. */
  private staleReason(seen: Seen): string | undefined {
    const now = this.now();
    if (!seen.holder) {
      return now - seen.mtimeMs > UNREADABLE_GRACE_MS ? 'the lock file is unreadable' : undefined;
    }
    const { pid, host, startedAt, pidStart, runId } = seen.holder;
    if (host !== os.hostname()) {
      const started = Date.parse(startedAt);
      const expired = !Number.isNaN(started) && now - started > this.opts.maxAgeMs;
      return expired ? `it was taken more than ${formatLimit(this.opts.maxAgeMs)} ago on ${host}, whose processes cannot be checked from here` : undefined;
    }
    const why = isWriterAlive(pid, host, startedAt, now, pidStart)
      ? unprovenHolder(seen.holder, now, this.opts.maxAgeMs) : `its process ${pid} is no longer running`;
    if (why === undefined) { return undefined; }
    // The holder died, but its run's stage processes may still be deploying: not free yet.
    // Servers a `keep: true` stage left running on purpose do not hold it (else a crash would block it for hours).
    const left = (runId !== undefined ? processesWithEnv(RUN_COOKIE_VAR, runId).filter((p) => !hasEnv(p, KEEP_VAR, '1')).length : 0)
      // A lock file is data too: a group is counted only with its leader's start time (recordedGroupMembers).
      + (seen.holder.groups ?? []).reduce((n, g) => n + recordedGroupMembers(g.pgid, g.start).length, 0);
    return left > 0 ? undefined : why;
  }

  /**
   * The lock file, created with its holder already in it: written under a name of our own, then
   * linked to the lock's name, which link() gives to exactly one caller, as 'wx' does. A lock file is
   * never seen empty, so a holder paused between creating and filling it (a debugger, `kill -STOP`,
   * a slow disk) is not taken for an unreadable lock and taken over (faults41 L1). Where the file
   * system has no hard links, as before: 'wx', then the record.
   */
  private async create(holder: LockHolder): Promise<boolean> {
    const own = `${this.file}.${process.pid}-${holder.token.slice(0, 8)}.new`;
    await writeNewFile(own, JSON.stringify(holder) + '\n');
    try {
      await fs.link(own, this.file);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') { return false; }
      if (code !== undefined && NO_HARD_LINKS.has(code)) { return this.createInPlace(holder); }
      throw err;
    } finally {
      await fs.unlink(own).catch(() => undefined);
    }
  }

  /** 'wx', then the record: a file system without hard links. */
  private async createInPlace(holder: LockHolder): Promise<boolean> {
    let fh: OpenFile;
    try {
      fh = await fs.open(this.file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') { return false; }
      throw err;
    }
    try {
      await fh.writeFile(JSON.stringify(holder) + '\n', 'utf8');
    } catch (err) {
      // A lock we could not fill in would block everyone for UNREADABLE_GRACE_MS: take it back.
      await fh.close().catch(() => undefined);
      await fs.unlink(this.file).catch(() => undefined);
      throw err;
    }
    await fh.close();
    return true;
  }

  private async read(file = this.file): Promise<Seen | undefined> {
    let fh: OpenFile;
    try {
      fh = await fs.open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') { throw err; }
      // Released meanwhile, unless a link to nothing is there: 'wx' then fails for ever, and "it kept changing hands" would be a lie.
      if ((await fs.lstat(file).catch(() => undefined))?.isSymbolicLink()) { throw new Error(`${file} is a symbolic link to nothing, not a lock file; remove it`, { cause: err }); }
      return undefined;
    }
    try {
      const st = await fh.stat();
      const text = await fh.readFile('utf8');
      return { holder: parseHolder(text), mtimeMs: st.mtimeMs, ino: st.ino };
    } finally {
      await fh.close();
    }
  }

  /** Removes the lock only if, under the takeover lock, it is still the same stale lock. */
  private async removeStale(seen: Seen): Promise<'removed' | 'changed' | 'busy'> {
    const guard = `${this.file}.takeover`;
    try {
      await (await fs.open(guard, 'wx')).close();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') { throw err; }
      const st = await fs.stat(guard).catch(() => undefined);
      if (st && this.now() - st.mtimeMs > TAKEOVER_STALE_MS) { await fs.unlink(guard).catch(() => undefined); }
      return 'busy';
    }
    try {
      const again = await this.read();
      if (!again || again.ino !== seen.ino || again.holder?.token !== seen.holder?.token || this.staleReason(again) === undefined) {
        return 'changed';
      }
      await fs.unlink(this.file).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'ENOENT') { throw err; } });
      return 'removed';
    } finally {
      await fs.unlink(guard).catch(() => undefined);
    }
  }

  /** Rewrites our holder record with one more group; a rename, so a reader never sees half a file. */
  private async addGroup(token: string, group: LockGroup): Promise<void> {
    const seen = await this.read();
    if (seen?.holder?.token !== token) { return; } // taken over meanwhile: not ours to write
    const holder: LockHolder = { ...seen.holder, groups: [...(seen.holder.groups ?? []), group] };
    await fs.replaceFile(this.file, JSON.stringify(holder) + '\n');
  }

  private async release(token: string): Promise<void> {
    // Only our own acquisition: after a takeover (a process on another host judged us by age) the file is someone else's.
    const seen = await this.read().catch(() => undefined);
    if (seen?.holder?.token !== token) { return; }
    await fs.unlink(this.file).catch(() => undefined);
  }
}

/** link() refused because the file system has no hard links (FAT, some FUSE and network mounts). */
const NO_HARD_LINKS: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/** A file of our own with `text` in it ('wx': a name left by a killed process is replaced, never written through). */
async function writeNewFile(file: string, text: string): Promise<void> {
  await fs.unlink(file).catch(() => undefined);
  const fh = await fs.open(file, 'wx');
  try { await fh.writeFile(text, 'utf8'); } finally { await fh.close(); }
}
