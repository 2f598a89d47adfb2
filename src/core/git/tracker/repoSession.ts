/**
 * The tracker's view of one repository while it exists: where its files are, how far into
 * logs/HEAD we have read, which commit and branch HEAD was at. `check()` turns whatever
 * happened since the last check into events; it is cheap (a few syscalls) when nothing did.
 *
 * News comes from the reflog when there is one. HEAD itself is compared only when the files
 * behind it changed and the reflog said nothing; git appends the reflog line *before* it
 * moves the ref, so a HEAD that moved with no line is a HEAD git did not log (reflog disabled,
 * rewritten, or a tool that skips it), and only then is the move inferred from ancestry.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { SimpleGit } from 'simple-git';
import { getRepoInfo } from '../repoInfo';
import { branchNames, gitAt, logAllRefUpdates, resolve } from './gitQueries';
import { diffHeads } from './headDiff';
import { dirIdentity, hasHead, headFingerprint, headShaFromFiles, readHead, type RepoDirs } from './headFiles';
import { needsBranchNames, plan, type PendingRebase, type Step } from './planner';
import type { ReflogEntry } from './reflogEntry';
import { ReflogReader, type ReaderMark } from './reflogReader';
import { stepsToEvents } from './stepEvents';
import { ZERO_SHA, type ReflogPosition, type ResumePoint, type TrackerEvent } from './types';
import type { WatchSpec } from './watchSet';

export interface SessionSeed {
  /** 'existing': what is in the reflog is the past. 'appeared': the repo is new to us; lines
   *  written at or after `sinceMs` are news (a `git init && git commit` we were too slow for). */
  mode: 'existing' | 'appeared';
  sinceMs: number;
  maxRange: number;
  /** 'existing' only: where the last tracker of this repository left off (see TrackerOptions). */
  resumeFrom?: (gitDir: string) => Promise<ResumePoint | undefined>;
}

/** A resumed start reads at most this much of the reflog's end (a few hundred lines). */
const RESUME_BYTES = 64 * 1024;

interface Snapshot {
  head: string | undefined;
  branch: string;
  fingerprint: string;
  pending: PendingRebase | undefined;
  sinceSecs: number | undefined;
  reader: ReaderMark;
}

export type CheckResult = { gone: true } | { gone: false; events: TrackerEvent[] };

export class RepoSession {
  private head: string | undefined;
  private branch = '';
  private fingerprint = '';
  private pending: PendingRebase | undefined;
  private sinceSecs: number | undefined;
  reflogPresent = false;
  reflogDisabled = false;
  /** Seeded where the last tracker left off: the lines since are news, to read at once. */
  resumed = false;
  /** Where a seed that filters lines by time started reading: until a read moves on, the offset says nothing of what was seen. */
  private filterFrom: number | undefined;
  /** HEAD positions the last failed look consumed without reporting their commits (a check with `rollBack: false`). */
  missed: string[] = [];
  /** Reflog lines read by the look in progress. */
  private readNow: ReflogEntry[] = [];
  /**
   * Where the first failed look of a series of retries got to: its lines, and the state as it
   * failed. Giving up consumes only these; lines that came during the retries are read as news.
   */
  private firstFailure: { reached: Snapshot; entries: ReflogEntry[]; from: string | undefined } | undefined;

  private constructor(
    readonly dirs: RepoDirs & { root?: string },
    private readonly identity: string,
    private readonly git: SimpleGit,
    private readonly reader: ReflogReader,
    private readonly maxRange: number,
  ) {}

  /** undefined when `folder` is not (yet, or any longer) in a usable repository. */
  static async attach(folder: string, seed: SessionSeed): Promise<RepoSession | undefined> {
    const info = await getRepoInfo(folder);
    if (!info.isRepo || !info.gitDir || !info.commonDir) {
      return undefined;
    }
    const identity = await dirIdentity(info.gitDir);
    if (!identity || !(await hasHead(info.gitDir))) {
      return undefined;
    }
    const dirs = { gitDir: info.gitDir, commonDir: info.commonDir, root: info.root };
    const git = gitAt(info.root ?? info.gitDir);
    const session = new RepoSession(dirs, identity, git, new ReflogReader(path.join(info.gitDir, 'logs', 'HEAD')), seed.maxRange);
    await session.seed(seed);
    return session;
  }

  private async seed(seed: SessionSeed): Promise<void> {
    const from = seed.mode === 'existing' ? await seed.resumeFrom?.(this.dirs.gitDir).catch(() => undefined) : undefined;
    if (seed.mode === 'appeared') {
      this.reader.seedAtStart();
      // Reflog times are whole seconds, so compare at that grain.
      this.sinceSecs = Math.floor(seed.sinceMs / 1000);
    } else if (from?.position && await this.reader.seedAt(readerMark(from.position), RESUME_BYTES)) {
      this.resumed = true; // the same file, read up to there: every line after it is news, none before
    } else if (from !== undefined && await this.reader.seedNearEnd(RESUME_BYTES)) {
      // No position, or the file was rewritten: the time, which re-reads the lines of its second.
      this.sinceSecs = Math.floor(from.sinceMs / 1000);
      this.resumed = true;
    } else if (!(await this.reader.seedAtEnd())) {
      this.reader.seedAtStart(); // no reflog yet (empty repo): every line git writes is news
    }
    if (this.sinceSecs !== undefined) { this.filterFrom = this.reader.mark().offset; }
    // HEAD after the reflog seed: a commit landing in between is in the reflog, not lost.
    this.head = await resolve(this.git, 'HEAD');
    this.branch = (await readHead(this.dirs))?.branch ?? '';
    this.fingerprint = await headFingerprint(this.dirs);
    this.reflogPresent = await exists(this.reader.file);
    this.reflogDisabled = /^(false|no|off|0)$/i.test(await logAllRefUpdates(this.git));
  }

  /** `.git` deleted or replaced since attach (then this session is over). */
  async isGone(): Promise<boolean> {
    return (await dirIdentity(this.dirs.gitDir)) !== this.identity || !(await hasHead(this.dirs.gitDir));
  }

  /**
   * All or nothing: when building the events throws (a git call failed), the lines read and
   * HEAD are put back as they were, so the next check reads the same lines again and no commit
   * is lost to a transient failure. `rollBack: false` (the caller's last attempt) gives up on
   * what the series' first failed look read (`missed`), consumed as if it had been turned into
   * events, so a line git cannot read does not hold back every commit after it; commits that
   * came during the retries are left for the next check, which reads them as any others.
   */
  async check(rollBack = true): Promise<CheckResult> {
    const before = this.snapshot();
    this.readNow = [];
    this.missed = [];
    try {
      const result = await this.look();
      this.firstFailure = undefined;
      return result;
    } catch (err) {
      this.firstFailure ??= { reached: this.snapshot(), entries: this.readNow, from: before.head };
      this.restore(before);
      if (!rollBack) { this.giveUp(this.firstFailure); }
      throw err;
    }
  }

  private giveUp(first: NonNullable<RepoSession['firstFailure']>): void {
    this.firstFailure = undefined;
    this.restore(first.reached);
    const moved = this.head !== undefined && this.head !== first.from ? [this.head] : [];
    this.missed = [...new Set([...first.entries.map((e) => e.new), ...moved])].filter((sha) => !ZERO_SHA.test(sha));
  }

  /**
   * How far the reflog was read, for a later tracker to resume from; undefined when that offset
   * does not say what was seen (no reflog; a seed by time that has not read yet).
   */
  position(): ReflogPosition | undefined {
    const { offset, tail } = this.reader.mark();
    if (!this.reflogPresent || (this.sinceSecs !== undefined && offset === this.filterFrom)) { return undefined; }
    return { offset, tail: tail.toString('base64') };
  }

  /** The branch HEAD is on now, as last read ('' when detached). */
  get currentBranch(): string { return this.branch; }

  private snapshot(): Snapshot {
    const { head, branch, fingerprint, pending, sinceSecs } = this;
    return { head, branch, fingerprint, pending, sinceSecs, reader: this.reader.mark() };
  }

  private restore(s: Snapshot): void {
    ({ head: this.head, branch: this.branch, fingerprint: this.fingerprint, pending: this.pending, sinceSecs: this.sinceSecs } = s);
    this.reader.rewind(s.reader);
  }

  private async look(): Promise<CheckResult> {
    if (await this.isGone()) {
      return { gone: true };
    }
    // Looked at before reading, so a rebase that ends meanwhile has its finish line in what we read.
    const rebaseInProgress = (await exists(path.join(this.dirs.gitDir, 'rebase-merge')))
      || (await exists(path.join(this.dirs.gitDir, 'rebase-apply')));
    let entries = await this.readReflog();
    const fingerprint = await headFingerprint(this.dirs);
    const steps: Step[] = [];
    if (!entries?.length && fingerprint !== this.fingerprint) {
      // Files first: a commit's own ref update wakes us right after its reflog line was
      // read, and must not cost a git process just to find HEAD where we left it.
      const now = (await headShaFromFiles(this.dirs)) ?? await resolve(this.git, 'HEAD');
      const branch = (await readHead(this.dirs))?.branch ?? '';
      if (now !== this.head || branch !== this.branch) {
        // The line for this move is in the file by now, if git wrote one.
        entries = entries === undefined ? undefined : await this.readReflog();
        if (!entries?.length) {
          steps.push(...await diffHeads(this.git, { sha: this.head, branch: this.branch }, { sha: now, branch }));
          this.head = now;
          this.branch = branch;
        }
      }
    }
    this.fingerprint = fingerprint;
    if (entries?.length) {
      steps.push(...await this.planEntries(entries, rebaseInProgress));
    }
    return { gone: false, events: steps.length ? await stepsToEvents(this.git, steps, this.maxRange, this.dirs.commonDir) : [] };
  }

  /** New lines, [] for none; undefined when there is no usable reflog (compare HEAD instead). */
  private async readReflog(): Promise<ReflogEntry[] | undefined> {
    const read = await this.reader.read();
    this.reflogPresent = read.kind !== 'missing';
    if (read.kind !== 'entries') {
      return undefined;
    }
    this.readNow.push(...read.entries);
    if (this.sinceSecs === undefined) {
      return read.entries;
    }
    const since = this.sinceSecs;
    const fresh = read.entries.filter((e) => e.time >= since);
    if (fresh.length === read.entries.length) {
      this.sinceSecs = undefined; // caught up: from here on every line is news
    }
    return fresh;
  }

  private async planEntries(entries: ReflogEntry[], rebaseInProgress: boolean): Promise<Step[]> {
    const head = await readHead(this.dirs);
    const branches = needsBranchNames(entries) ? await branchNames(this.git) : undefined;
    const planned = plan({ entries, pending: this.pending, currentBranch: head?.branch ?? '', branches, rebaseInProgress });
    this.pending = planned.pending;
    this.head = entries[entries.length - 1].new;
    this.branch = head?.branch ?? '';
    return planned.steps;
  }

  /** The directories whose changes can mean HEAD moved; see WatchSet for why directories. */
  watchSpecs(): WatchSpec[] {
    const { gitDir, commonDir } = this.dirs;
    const specs: WatchSpec[] = [
      { dir: gitDir, names: ['HEAD', 'logs', 'packed-refs', 'rebase-merge', 'rebase-apply'] },
      { dir: path.join(gitDir, 'logs'), names: ['HEAD'] },
    ];
    if (commonDir !== gitDir) {
      specs.push({ dir: commonDir, names: ['packed-refs'] });
    }
    if (this.branch) {
      // The loose ref of the current branch (its directory: the ref is replaced by rename).
      const ref = path.join(commonDir, 'refs', 'heads', ...this.branch.split('/'));
      specs.push({ dir: path.dirname(ref), names: [path.basename(ref)] });
    }
    return specs;
  }
}

function readerMark(p: ReflogPosition): ReaderMark {
  return { offset: p.offset, tail: Buffer.from(p.tail, 'base64') };
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(() => true, () => false);
}
